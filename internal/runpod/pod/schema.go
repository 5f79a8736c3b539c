package pod

import (
	"context"
	"fmt"
	"maps"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/float64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/secretenv"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/validate"
)

var resourceDescription = `A RunPod pod: a container on a GPU (or CPU) machine, billed while it runs.

**Updates.** ` + "`name`" + ` and ` + "`locked`" + ` change in place. The container settings (` + "`image_name`, `env`, `env_wo_version` " +
	"and the keys of `env_wo` (`env_wo_keys`), `ports`, " +
	"`container_disk_in_gb`, `volume_in_gb`, `volume_mount_path`, `docker_entrypoint`, `docker_start_cmd`, " +
	"`container_registry_auth_id`, `global_networking`" + `) are applied in one call that makes RunPod **reset** the pod: the
container restarts from the image, the container disk is wiped and the volume is kept. The plan says so with a
warning naming the pod and the fields, and shows the values a reset changes (` + "`last_started_at`, `public_ip`, " +
	"`port_mappings`, `http_urls`, `ssh_command`" + `) as known after apply. ` + "`desired_status`" + ` stops and starts the pod.
Everything else that shapes the machine (GPU type and count, cloud, data center, network volume, spot or on-demand, ...)
can only be set at creation: changing it replaces the pod.

**Readiness.** RunPod reports a new pod as running at once; the provider waits (within the ` + "`create`" + ` timeout, polling
with capped exponential backoff) until the container is up: every TCP port publicly mapped and the public IP assigned
when the pod has them, otherwise until RunPod reports the container's runtime. A pod that does not get ready in time
stays in the state, marked tainted: it is never orphaned.

**Locked pods.** RunPod refuses to stop or reset a locked pod; a plan that keeps a pod locked while resetting or stopping
it fails at plan time. Setting ` + "`locked = false`" + ` in the same change works: the provider unlocks the pod first.

**Spot pods.** ` + "`interruptible = true`" + ` rents a spot pod through the REST API. ` + "`bid_per_gpu`" + ` rents it at that bid through
RunPod's GraphQL API (` + "`podRentInterruptable`" + `) and resumes it with the bid (` + "`podBidResume`" + `); that API takes fewer
settings, which the provider checks at plan time. RunPod's newer documentation says the platform may no longer accept
bids; if so, RunPod refuses the create and the error says why.

**Import.** ` + "`terraform import runpod_pod.example <pod id>`" + `. RunPod's pod object does not report every creation setting;
these are **not recoverable on import** and stay null until an apply records the configured value (without changing the
pod): ` + codeList(NotRecoverableOnImport) + `. ` + "`gpu_type_ids`, `cpu_flavor_ids`" + ` and ` + "`data_center_ids`" + ` are
read back as the one GPU type, CPU flavor and data center the pod got; a longer priority list that includes it is kept
as configured.

**RunPod API versions.** The same configuration works with REST v2 (the provider's default) and REST v1 (` + "`api_version = \"v1\"`" + `).
On v2 the provider keeps v1's behaviour where v2 dropped it: ` + "`gpu_type_ids`, `cpu_flavor_ids`" + ` and ` + "`data_center_ids`" + ` stay
priority lists (v2 places one GPU type per request, so the provider tries them in order, moving on when RunPod has no
capacity, and the error lists what it tried), and v1's defaults (name, ports, container disk, a 20 GB volume at
` + "`/workspace`" + `) are sent explicitly. What v2 cannot express (` + "`docker_entrypoint`, `support_public_ip`, `min_download_mbps`, " +
	"`min_upload_mbps`, `min_disk_bandwidth_mbps`" + `) is refused at plan time; ` + "`machine_id`" + ` and ` + "`adjusted_cost_per_hr`" + ` are null. v2
reports more: the observed ` + "`status`" + `, ` + "`cuda_version`" + `, the SSH proxy command and ` + "`global_networking`" + ` (so drift on it
shows). Spot pods (` + "`interruptible`, `bid_per_gpu`" + `) use RunPod's GraphQL API on both, until RunPod retires it in early 2027.
The guide "RunPod REST v2" has the details.`

// codeList renders names as "`a`, `b`, `c`".
func codeList(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = "`" + n + "`"
	}
	return strings.Join(quoted, ", ")
}

func resourceSchema(ctx context.Context) schema.Schema {
	createOnly := func(what string) string {
		return what + " Set at creation only: changing it replaces the pod."
	}
	notRecoverable := " Not reported by RunPod: not recoverable on import."
	v1Only := " **REST v1 only**: RunPod's REST v2 has no such setting, so with `api_version = \"v2\"` (the default) setting it " +
		"is a plan-time error."
	v2Only := " **REST v2 only** (a plan-time error with `api_version = \"v1\"`)."
	nullOnV2 := " Null with REST v2, which does not report it."
	resets := " Changing it resets the pod (the container disk is wiped, the volume is kept)."
	gpuOnly, cpuOnly := " GPU pods only.", " CPU pods only."

	s := schema.Schema{
		MarkdownDescription: resourceDescription,
		Attributes: map[string]schema.Attribute{
			"id": tfresource.IDAttribute("The pod's id, such as `xedezhzb9la3ye`."),
			"name": schema.StringAttribute{
				MarkdownDescription: "A name for the pod (at most 191 characters; need not be unique). RunPod names it `" + defaultName + "` " +
					"when not set. Changes in place, without a reset.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{validate.Name()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"image_name": schema.StringAttribute{
				MarkdownDescription: "The container image, such as `runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04`. " +
					"Set exactly one of `image_name` and `template_id`; with a template it is read back as the template's image." + resets,
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"template_id": schema.StringAttribute{
				MarkdownDescription: createOnly("A template (yours or RunPod's) that supplies the image, ports, env and disk sizes; " +
					"attributes set here override it. Set exactly one of `image_name` and `template_id`."),
				Optional:   true,
				Validators: []validator.String{validate.ObjectID()},
			},
			"compute_type": schema.StringAttribute{
				MarkdownDescription: createOnly("`GPU` (the default) or `CPU`. GPU-only attributes are refused for CPU pods and CPU-only ones for GPU pods."),
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(computeGPU),
				Validators:          []validator.String{stringvalidator.OneOf(computeGPU, computeCPU)},
			},
			"cloud_type": schema.StringAttribute{
				MarkdownDescription: createOnly("`SECURE` (the default: RunPod's data centers, always with a public IP) or `COMMUNITY` " +
					"(hosts of the community cloud, cheaper)."),
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(cloudSecure),
				Validators: []validator.String{stringvalidator.OneOf(cloudSecure, cloudCommunity)},
			},
			"gpu_type_ids": priorityList("GPU types the pod may get, such as `[\"NVIDIA GeForce RTX 4090\"]` (the `runpod_gpu_type` data source "+
				"finds ids), in the order `gpu_type_priority` uses. Any type when not set. Read back as the type the pod got "+
				"(see `gpu_type_id`) unless the list holds it. Changing the list replaces the pod only when it no longer holds "+
				"the type the pod runs on (use `terraform apply -replace` to move it anyway). Checked at plan time against RunPod's GPU "+
				"catalog: an id it does not list fails the plan, naming the closest ones."+gpuOnly, validate.GPUTypeID()),
			"gpu_type_priority": schema.StringAttribute{
				MarkdownDescription: createOnly("`availability` (RunPod's default: whichever listed type is available) or `custom` " +
					"(always try `gpu_type_ids` in order)." + gpuOnly + notRecoverable),
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(priorityAvail, priorityCustom)},
			},
			"gpu_count": schema.Int64Attribute{
				MarkdownDescription: createOnly("Number of GPUs (at least 1; RunPod's default is 1)." + gpuOnly),
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"cpu_flavor_ids": priorityList("CPU flavors the pod may get, such as `[\"cpu3c\", \"cpu5c\"]`, in the order `cpu_flavor_priority` uses. "+
				"Read back as the flavor the pod got (see `cpu_flavor_id`) unless the list holds it; changing the list replaces "+
				"the pod only when it no longer holds that flavor. Checked at plan time against RunPod's CPU flavors: an id it does "+
				"not list fails the plan, naming the closest ones."+cpuOnly, validate.CPUFlavorID()),
			"cpu_flavor_priority": schema.StringAttribute{
				MarkdownDescription: createOnly("`availability` (RunPod's default) or `custom` (always try `cpu_flavor_ids` in order)." + cpuOnly + notRecoverable),
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(priorityAvail, priorityCustom)},
			},
			"vcpu_count": schema.Int64Attribute{
				MarkdownDescription: createOnly("vCPUs of a CPU pod (RunPod's default is 2; with REST v2 a power of two, checked at plan " +
					"time); settable for CPU pods only, and read back for them. Null for GPU pods, whose vCPUs come with their GPUs " +
					"(a GPU pod's value recorded by an older release stays as recorded)."),
				Optional:      true,
				Computed:      true,
				Validators:    []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"min_ram_per_gpu": schema.Int64Attribute{
				MarkdownDescription: createOnly("Least system RAM per GPU, in GB (RunPod's default is 8)." + gpuOnly + notRecoverable + v1Only),
				Optional:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"min_vcpu_per_gpu": schema.Int64Attribute{
				MarkdownDescription: createOnly("Least vCPUs per GPU (RunPod's default is 2)." + gpuOnly + notRecoverable + v1Only),
				Optional:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"data_center_ids": priorityList("Data centers the pod may run in, such as `[\"EU-RO-1\", \"US-TX-3\"]`, in the order "+
				"`data_center_priority` uses. Any when not set. Read back as the data center the pod got (see `data_center_id`) "+
				"unless the list holds it; changing the list replaces the pod only when it no longer holds that data center.", validate.DataCenterID()),
			"data_center_priority": schema.StringAttribute{
				MarkdownDescription: createOnly("`availability` (RunPod's default) or `custom` (always try `data_center_ids` in order)." + notRecoverable),
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(priorityAvail, priorityCustom)},
			},
			"country_codes": schema.ListAttribute{
				MarkdownDescription: createOnly("Countries the pod may run in, as ISO 3166-1 alpha-2 codes such as `[\"RO\", \"SE\"]`. Any when not set." + notRecoverable),
				ElementType:         types.StringType,
				Optional:            true,
				Validators: []validator.List{
					listvalidator.SizeAtLeast(1), listvalidator.UniqueValues(),
					listvalidator.ValueStringsAre(validate.CountryCode()),
				},
			},
			"allowed_cuda_versions": schema.ListAttribute{
				MarkdownDescription: createOnly("CUDA versions the host may have, such as `[\"12.4\", \"12.8\"]`. Any when not set." + gpuOnly + notRecoverable),
				ElementType:         types.StringType,
				Optional:            true,
				Validators: []validator.List{
					listvalidator.SizeAtLeast(1), listvalidator.UniqueValues(),
					listvalidator.ValueStringsAre(validate.CUDAVersion()),
				},
			},
			"min_cuda_version": schema.StringAttribute{
				MarkdownDescription: createOnly("Lowest CUDA version the host may have, such as `\"12.4\"` (compared numerically, so 12.10 " +
					"is above 12.4). Set it or `allowed_cuda_versions`, not both." + gpuOnly + v2Only + notRecoverable),
				Optional:   true,
				Validators: []validator.String{validate.CUDAVersion()},
			},
			"start_ssh": schema.BoolAttribute{
				MarkdownDescription: createOnly("`true` has RunPod set up SSH: it puts your account's SSH public keys into the `PUBLIC_KEY` " +
					"environment variable (unless `env` sets it), which RunPod's images use to start sshd. Needs keys registered in " +
					"your RunPod account: manage them with [`runpod_ssh_keys`](ssh_keys.md). The injected variable is not shown in `env`." + v2Only + notRecoverable),
				Optional: true,
			},
			"start_jupyter": schema.BoolAttribute{
				MarkdownDescription: createOnly("`true` has RunPod start JupyterLab: it puts a generated `JUPYTER_PASSWORD` into the " +
					"environment (unless `env` sets it), which RunPod's images use; expose `8888/http` to reach it. The injected " +
					"variable is not shown in `env`." + v2Only + notRecoverable),
				Optional: true,
			},
			"min_download_mbps": schema.Float64Attribute{
				MarkdownDescription: createOnly("Least download speed of the host, in Mbit/s." + notRecoverable + v1Only),
				Optional:            true,
				Validators:          []validator.Float64{float64validator.AtLeast(0)},
			},
			"min_upload_mbps": schema.Float64Attribute{
				MarkdownDescription: createOnly("Least upload speed of the host, in Mbit/s." + notRecoverable + v1Only),
				Optional:            true,
				Validators:          []validator.Float64{float64validator.AtLeast(0)},
			},
			"min_disk_bandwidth_mbps": schema.Float64Attribute{
				MarkdownDescription: createOnly("Least disk bandwidth of the host, in MB/s." + notRecoverable + v1Only),
				Optional:            true,
				Validators:          []validator.Float64{float64validator.AtLeast(0)},
			},
			"support_public_ip": schema.BoolAttribute{
				MarkdownDescription: createOnly("In Community Cloud, `true` rents only a host that gives the pod a public IP (Secure Cloud " +
					"pods always have one)." + notRecoverable + v1Only),
				Optional: true,
			},
			"global_networking": schema.BoolAttribute{
				MarkdownDescription: "Whether the pod joins RunPod's global network (RunPod offers it for on-demand GPU pods in some Secure " +
					"Cloud data centers; not set means RunPod's default, `false`)." + gpuOnly + resets + " With REST v1 it is not reported by " +
					"RunPod (not recoverable on import). REST v2 reports it (drift shows) and applies a change at the pod's next start, so " +
					"the provider restarts a running pod after changing it (the plan's reset warning says so).",
				Optional: true,
			},
			"container_disk_in_gb": schema.Int64Attribute{
				MarkdownDescription: "Size of the container disk, in GB (RunPod's default is 50). Wiped whenever the pod resets or restarts." + resets,
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"volume_in_gb": schema.Int64Attribute{
				MarkdownDescription: "Size of the pod volume, in GB (RunPod's default is 20; `0` for none). The volume survives resets and " +
					"restarts. It can grow, not shrink: a smaller value is refused at plan time (replace the pod to start over)." + resets +
					" With REST v2 a volume is at least 10 GB, CPU pods have none (use a network volume), and a pod created without one " +
					"cannot get one later (adding it replaces the pod); the provider sends v1's default (20 GB at `/workspace`) for GPU " +
					"pods when this is not set.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.Int64{int64validator.AtLeast(0)},
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"volume_mount_path": schema.StringAttribute{
				MarkdownDescription: "Absolute path where the pod volume (or network volume) is mounted (RunPod's default is `/workspace`)." + resets,
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{validate.AbsolutePath()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"network_volume_id": schema.StringAttribute{
				MarkdownDescription: createOnly("A network volume to attach instead of a pod volume; the pod runs in the volume's data center."),
				Optional:            true,
				Validators:          []validator.String{validate.ObjectID()},
			},
			"ports": schema.ListAttribute{
				MarkdownDescription: "Ports to expose, each `<port>/http` (served at `https://<pod id>-<port>.proxy.runpod.net`, see " +
					"`http_urls`) or `<port>/tcp` (mapped to a public port of the pod's IP, see `port_mappings`), each port once. " +
					"RunPod's default is `[\"8888/http\", \"22/tcp\"]`. A reordered list is no change." + resets,
				ElementType:   types.StringType,
				Optional:      true,
				Computed:      true,
				Validators:    []validator.List{validate.Ports()},
				PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()},
			},
			"env": schema.MapAttribute{
				MarkdownDescription: "Environment variables of the container. Sensitive: values never show in plans or logs. Removing " +
					"`env` from the configuration keeps the current variables; set `env = {}` to remove them all." + resets,
				ElementType:   types.StringType,
				Optional:      true,
				Computed:      true,
				Sensitive:     true,
				Validators:    []validator.Map{validate.EnvKeys()},
				PlanModifiers: []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
			},
			"docker_entrypoint": schema.ListAttribute{
				MarkdownDescription: "Overrides the image's ENTRYPOINT; `[]` (RunPod's default) keeps the image's." + resets +
					" **REST v1 only** when not empty: REST v2 has no entrypoint setting, so with `api_version = \"v2\"` (the default) a " +
					"non-empty list is a plan-time error (put the command in `docker_start_cmd` instead).",
				ElementType:   types.StringType,
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()},
			},
			"docker_start_cmd": schema.ListAttribute{
				MarkdownDescription: "Overrides the image's CMD; `[]` (RunPod's default) keeps the image's." + resets,
				ElementType:         types.StringType,
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.List{listplanmodifier.UseStateForUnknown()},
			},
			"container_registry_auth_id": schema.StringAttribute{
				MarkdownDescription: "Credentials (a `runpod_container_registry_auth`) to pull a private image." + resets,
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{validate.ObjectID()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"interruptible": schema.BoolAttribute{
				MarkdownDescription: createOnly("`true` rents a spot pod: cheaper, but RunPod may stop it at any time to free the GPUs " +
					"(the next apply starts it again). Defaults to `false` (on demand). REST v2 has no spot pods: with it the provider " +
					"rents and resumes spot pods through RunPod's GraphQL API, which RunPod retires in early 2027, and the plan warns " +
					"so. REST v2 does not report whether a pod is spot: the recorded value stays."),
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
			"locked": schema.BoolAttribute{
				MarkdownDescription: "`true` locks the pod: RunPod then refuses to stop or reset it, and so does a plan that would. " +
					"Defaults to `false`. Changes in place, without a reset.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
			"bid_per_gpu": schema.Float64Attribute{
				MarkdownDescription: "A spot bid, in USD per GPU per hour (needs `interruptible = true`). The pod is rented and resumed " +
					"at this bid through RunPod's GraphQL API, which takes one GPU type, at most one data center and one country, " +
					"and no `docker_entrypoint`, `container_registry_auth_id`, `global_networking`, priorities or " +
					"`min_disk_bandwidth_mbps` (refused at plan time). Changing it takes effect the next time the pod starts. RunPod's newer " +
					"documentation says the platform may no longer accept bids (unverified): RunPod's error then says so; " +
					"`interruptible = true` without a bid rents a spot pod at RunPod's price." + notRecoverable,
				Optional:   true,
				Validators: []validator.Float64{float64validator.AtLeast(0.001)},
			},
			"desired_status": schema.StringAttribute{
				MarkdownDescription: "`RUNNING` (the default) or `EXITED`: stopped, which keeps the volume and stops GPU billing " +
					"(RunPod still bills the volume). A pod stopped outside Terraform (or interrupted, for spot pods) shows as a change " +
					"back to `RUNNING`.",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(statusRunning),
				Validators: []validator.String{stringvalidator.OneOf(statusRunning, statusExited)},
			},
			"timeouts": timeoutsAttribute(ctx),

			"machine_id":  stableComputedString("Id of the host machine the pod runs on." + nullOnV2),
			"gpu_type_id": stableComputedString("The GPU type the pod got, such as `NVIDIA GeForce RTX 4090`; null for CPU pods."),
			"gpu_display_name": stableComputedString("Short name of the pod's GPU type, such as `RTX 4090`; null for CPU pods. " +
				"REST v2 does not report it: null for pods created through v2, kept as recorded for pods that v1 read (the " +
				"`runpod_gpu_type` data source has every type's name)."),
			"cpu_flavor_id":  stableComputedString("The CPU flavor a CPU pod got, such as `cpu3c`; null for GPU pods."),
			"data_center_id": stableComputedString("The data center the pod runs in, such as `EU-RO-1`."),
			"memory_in_gb": schema.Float64Attribute{
				MarkdownDescription: "System RAM of the pod, in GB.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Float64{float64planmodifier.UseStateForUnknown()},
			},
			"cost_per_hr": schema.Float64Attribute{
				MarkdownDescription: "What the pod costs per hour while it runs, in USD.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Float64{float64planmodifier.UseStateForUnknown()},
			},
			"adjusted_cost_per_hr": schema.Float64Attribute{
				MarkdownDescription: "`cost_per_hr` after savings plans, in USD." + nullOnV2,
				Computed:            true,
				PlanModifiers:       []planmodifier.Float64{float64planmodifier.UseStateForUnknown()},
			},
			"last_started_at": stableComputedString("When the container last started, as RunPod reports it (changes on every reset and start)."),
			"public_ip":       stableComputedString("The pod's public IP; null while stopped, or in Community Cloud without `support_public_ip`."),
			"port_mappings": schema.MapAttribute{
				MarkdownDescription: "Public port of each TCP port, such as `{\"22\" = 10341}`: port 22 is reachable at `<public_ip>:10341`. " +
					"Empty while the pod is stopped.",
				ElementType:   types.Int64Type,
				Computed:      true,
				PlanModifiers: []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
			},
			"http_urls": schema.MapAttribute{
				MarkdownDescription: "RunPod proxy URL of each HTTP port, such as `{\"8888\" = \"https://<pod id>-8888.proxy.runpod.net\"}`.",
				ElementType:         types.StringType,
				Computed:            true,
				PlanModifiers:       []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
			},
			"ssh_command": stableComputedString("`ssh root@<public_ip> -p <port>` when port `22/tcp` is publicly mapped. With REST v2 " +
				"this is RunPod's own direct command, or else its SSH proxy command (see `ssh_proxy_command`); null when neither exists."),
			"ssh_proxy_command": stableComputedString("The command that reaches the pod through RunPod's SSH proxy, such as " +
				"`ssh <pod id>-<hash>@ssh.runpod.io` (no public IP or port needed; an interactive shell only, no SCP or port " +
				"forwarding). Reported by REST v2 only: null with v1. SSH needs `start_ssh` or an image that starts sshd."),
			"status": stableComputedString("What RunPod observes of the pod: `PROVISIONING`, `STARTING`, `RUNNING`, `EXITED` or `ERROR` " +
				"(`desired_status` is what you ask for). Reported by REST v2 only: null with v1."),
			"cuda_version": stableComputedString("The CUDA version of the pod's host, such as `12.8`. Reported by REST v2 only (null " +
				"with v1, and for CPU pods)."),
		},
	}
	maps.Copy(s.Attributes, secretenv.Attributes("RunPod", "the pod", "**resets** the pod (the container disk is wiped, the volume is kept)", validate.EnvKeys()))
	return s
}

// stableComputedString is a computed string that keeps its prior value in update plans unless
// ModifyPlan makes it unknown (a reset, start or stop changes it).
func stableComputedString(desc string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: desc,
		Computed:            true,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

// timeoutsAttribute is the timeouts attribute (create, update, delete) with descriptions.
func timeoutsAttribute(ctx context.Context) schema.Attribute {
	return validate.Timeouts(timeouts.Attributes(ctx, timeouts.Opts{
		Create: true, Update: true, Delete: true,
		CreateDescription: fmt.Sprintf("How long to wait for the pod to be created and ready, such as `\"30m\"` for a large "+
			"image (default `%s`).", defaultCreateTimeout),
		UpdateDescription: fmt.Sprintf("How long to wait for a reset or start to finish (default `%s`).", defaultUpdateTimeout),
		DeleteDescription: fmt.Sprintf("How long to wait for the pod to be gone (default `%s`).", defaultDeleteTimeout),
	}), "How long each operation may take, as durations such as `\"30s\"` or `\"1h30m\"`. A create that runs out of time "+
		"leaves the pod in the state, marked tainted.")
}

// priorityList is a list of ids the pod may get, in priority order (GPU types, CPU flavors,
// data centers): read back as the one the pod got unless the configured list holds it.
func priorityList(description string, each validator.String) schema.ListAttribute {
	return schema.ListAttribute{
		MarkdownDescription: description,
		ElementType:         types.StringType,
		Optional:            true,
		Computed:            true,
		Validators:          []validator.List{validate.IDList(each)},
		PlanModifiers:       []planmodifier.List{listplanmodifier.UseStateForUnknown()},
	}
}
