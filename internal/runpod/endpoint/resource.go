package endpoint

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/planmodify"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/poll"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/templaterollout"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/validate"
)

// Default timeouts. Endpoint operations are API calls that RunPod answers at once; the
// timeouts bound them with the client's retries (rate limits, 5xx).
const (
	defaultCreateTimeout = 5 * time.Minute
	defaultUpdateTimeout = 5 * time.Minute
	defaultDeleteTimeout = 5 * time.Minute
)

var (
	_ resource.ResourceWithConfigure      = (*endpointResource)(nil)
	_ resource.ResourceWithImportState    = (*endpointResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*endpointResource)(nil)
	_ resource.ResourceWithValidateConfig = (*endpointResource)(nil)
)

// NewResource returns the runpod_endpoint resource.
func NewResource() resource.Resource { return &endpointResource{} }

type endpointResource struct{ client runpodapi.API }

func (r *endpointResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_endpoint"
}

// Validators of catalog values check the form only: RunPod adds GPU types, data centers,
// CUDA versions and CPU flavors over time, and the API names the ones it does not know.
var cudaValidator = validate.CUDAVersion()

const releaseNote = " Changing it rolls out a new release: the plan warns, and workers restart."

func (r *endpointResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	useState := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	useStateInt := []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A RunPod serverless endpoint: workers that run a serverless template's container and scale " +
			"with the request queue (or, `type = \"LOAD_BALANCER\"`, serve HTTP requests directly).\n\n" +
			"Changing `name`, `scaler_type`, `scaler_value`, `workers_min`, `workers_max`, `idle_timeout`, " +
			"`execution_timeout_ms`, `flashboot` or `flashboot_mode` updates the endpoint in place. Changing any other setting " +
			"(template, GPU or CPU shape, data centers, network volumes, CUDA versions) makes RunPod roll out a new release: " +
			"workers restart with the new settings. The plan says so with a warning naming the endpoint and the attributes, and " +
			"shows `version` as known after apply. Set `wait_for_rollout` to make the apply wait until every worker runs the " +
			"new release. Only `compute_type` and `type` force a new endpoint (with a new id, so new URLs).\n\n" +
			"**Template edits.** An edit of the template's container (image, env, ports, start command, container disk, " +
			"registry credentials) reaches the endpoints that run it, in the same apply, with a rolling release. On REST v1 " +
			"(`api_version = \"v1\"`) RunPod does that itself: the template's plan warns and names the endpoints. REST v2 (the " +
			"default) copies a template into an endpoint once and never follows later edits, so the provider emulates v1: the " +
			"endpoint records in `template_fingerprint` what it copied, and when the template changes (in the same plan, or " +
			"outside Terraform since) the endpoint's plan is an update that re-applies the template (`PATCH` with `templateId`), " +
			"with the rolling-release warning and `version` as known after apply, so the next plan is empty. Only endpoints this " +
			"configuration manages follow their template; on REST v2 RunPod does not report which template an endpoint came " +
			"from, so `template_id` is what the configuration says.\n\n" +
			"**Import** takes the endpoint's id. On REST v2, which reports no template id, the import looks for the template " +
			"among the account's own serverless templates: the one whose container settings (image, start command, container " +
			"disk, ports, env, registry credentials) equal the endpoint's copy becomes `template_id`, so the configuration " +
			"`terraform plan -generate-config-out` writes plans nothing more. When none has them (the template was edited " +
			"since) or several do, `template_id` stays null and the import warns, naming the candidates: set `template_id`, " +
			"and the next apply re-applies that template to the endpoint (a rolling release).\n\n" +
			"**Destroy.** On REST v2 RunPod stops the workers itself. On REST v1 the provider first scales the endpoint to zero " +
			"workers (`workers_min` and `workers_max`), because RunPod refuses to delete an endpoint that has workers (an " +
			"assumption carried over from RunPod's GraphQL `deleteEndpoint`; not verified for REST v1). RunPod's REST v2 " +
			"deletes an endpoint \"and its bound template\": an endpoint created through REST v1 is bound to the template it was " +
			"created from, so destroying it on REST v2 may delete that template too (unverified against the live API). The " +
			"provider then warns, and the `runpod_template`'s next refresh finds it gone, so Terraform plans to create it again. " +
			"An endpoint the provider created through REST v2 keeps no link to its template, so its destroy is one `DELETE` " +
			"with no look-up of the template.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Endpoint id: requests go to `https://api.runpod.ai/v2/<id>/run`.",
				Computed:            true,
				PlanModifiers:       useState,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Name of the endpoint (need not be unique). Changes in place.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{validate.Name()},
				PlanModifiers:       useState,
			},
			"template_id": schema.StringAttribute{
				MarkdownDescription: "Id of the serverless template (`is_serverless = true`) the workers run, such as " +
					"`runpod_template.worker.id`." + releaseNote + " Edits of the template roll out too (see above). REST v2 does " +
					"not report it back: the state keeps the configured value, and an import finds it by the endpoint's container " +
					"settings (see above).",
				Required:   true,
				Validators: []validator.String{validate.ObjectID()},
			},
			"compute_type": schema.StringAttribute{
				MarkdownDescription: "`GPU` (the default) or `CPU` workers. RunPod cannot change it: changing it replaces the endpoint.",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(ComputeGPU),
				Validators:          []validator.String{stringvalidator.OneOf(ComputeGPU, ComputeCPU)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"gpu_type_ids": schema.ListAttribute{
				MarkdownDescription: "GPU endpoints: the GPU types workers may get, in order of preference, such as " +
					"`[\"NVIDIA GeForce RTX 4090\"]` (the `runpod_gpu_type` data source finds ids). When not set, RunPod picks: " +
					"REST v1 chooses itself; on REST v2 the provider asks for every serverless GPU pool of RunPod's catalog, and " +
					"the types read back are all of theirs. REST v2 places workers by pool (such as `ADA_24`): the provider sends " +
					"the pools of these types and excludes the pools' other types, and RunPod keeps no order of preference (the " +
					"configured order stays in the state). On REST v2 each id is checked at plan time against RunPod's GPU catalog: a " +
					"type it does not list, or lists in no serverless pool, fails the plan, naming the closest ones." + releaseNote,
				ElementType:   types.StringType,
				Optional:      true,
				Computed:      true,
				Validators:    []validator.List{validate.IDList(validate.GPUTypeID())},
				PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()},
			},
			"gpu_count": schema.Int64Attribute{
				MarkdownDescription: "GPU endpoints: GPUs per worker (RunPod's default is 1)." + releaseNote,
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers:       useStateInt,
			},
			"cpu_flavor_ids": schema.ListAttribute{
				MarkdownDescription: "CPU endpoints: the CPU flavors workers may get, in order of preference " +
					"(`cpu3c`, `cpu3g`, `cpu5c`, `cpu5g`). REST v1 lets RunPod choose when it is not set; REST v2 needs it (the " +
					"plan fails without it there)." + releaseNote,
				ElementType:   types.StringType,
				Optional:      true,
				Computed:      true,
				Validators:    []validator.List{validate.IDList(validate.CPUFlavorID())},
				PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()},
			},
			"vcpu_count": schema.Int64Attribute{
				MarkdownDescription: "CPU endpoints: vCPUs per worker (RunPod's default is 2)." + releaseNote,
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers:       useStateInt,
			},
			"data_center_ids": schema.SetAttribute{
				MarkdownDescription: "Data centers workers may run in, such as `[\"EU-RO-1\", \"US-TX-3\"]`; all of them when " +
					"not set (REST v1 then reports its list of them, REST v2 none: null). Checked at plan time against RunPod's data " +
					"centers: an id it does not list fails the plan, naming the closest ones." + releaseNote,
				ElementType:   types.StringType,
				Optional:      true,
				Computed:      true,
				Validators:    []validator.Set{validate.IDSet(validate.DataCenterID())},
				PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
			"network_volume_id": schema.StringAttribute{
				MarkdownDescription: "Id of a network volume to mount in every worker (at `/runpod-volume`). Workers then run " +
					"only in the volume's data center. Removing it detaches the volume. REST v2 keeps one list of volumes: this " +
					"and `network_volume_ids` are sent as that list." + releaseNote,
				Optional: true,
				Validators: []validator.String{
					validate.ObjectID(),
					stringvalidator.ConflictsWith(path.MatchRoot("network_volume_ids")),
				},
			},
			"network_volume_ids": schema.SetAttribute{
				MarkdownDescription: "Multi-region endpoints: ids of network volumes, one per data center, each worker mounting " +
					"the one in its data center. Use instead of `network_volume_id`." + releaseNote,
				ElementType: types.StringType,
				Optional:    true,
				Validators:  []validator.Set{validate.IDSet(validate.ObjectID())},
			},
			"allowed_cuda_versions": schema.SetAttribute{
				MarkdownDescription: "GPU endpoints: the CUDA versions workers' hosts may have, such as `[\"12.4\", \"12.6\"]`; " +
					"any when not set." + releaseNote,
				ElementType: types.StringType,
				Optional:    true,
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(cudaValidator),
				},
			},
			"min_cuda_version": schema.StringAttribute{
				MarkdownDescription: "GPU endpoints: the lowest CUDA version workers' hosts may have, such as `12.4`. REST v2 " +
					"refuses it together with `allowed_cuda_versions` (the plan fails there)." + releaseNote,
				Optional:   true,
				Validators: []validator.String{cudaValidator},
			},
			"execution_timeout_ms": schema.Int64Attribute{
				MarkdownDescription: "Longest a request may run, in milliseconds, before its worker is stopped and the request " +
					"fails (RunPod's default is 600000, 10 minutes; REST v2 would store 0 when it is not sent, so the provider " +
					"sends 600000 at creation). Changes in place.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers: useStateInt,
			},
			"flashboot": schema.BoolAttribute{
				MarkdownDescription: "Whether FlashBoot keeps worker images warm for faster cold starts. Changes in place. " +
					"Removing the attribute leaves the setting as it is (set `false` to turn it off). Use this or `flashboot_mode`, " +
					"not both. On REST v2 RunPod reports FlashBoot back: a change made elsewhere shows in the plan (either FlashBoot " +
					"mode reads as `true`). On REST v1 RunPod never reports it: the provider keeps the configured value and cannot " +
					"detect a change made elsewhere. After an import it is null, so the first apply sets the configured value.",
				Optional: true,
			},
			"flashboot_mode": schema.StringAttribute{
				MarkdownDescription: "FlashBoot as REST v2 names it: `OFF`, `FLASHBOOT` (what `flashboot = true` sets) or " +
					"`PRIORITY_FLASHBOOT` (FlashBoot with priority capacity). Use this or `flashboot`, not both. Changes in place; " +
					"removing it leaves the setting as it is. `PRIORITY_FLASHBOOT` is **REST v2 only** (the plan fails on REST " +
					"v1, which knows FlashBoot on or off). On REST v2 RunPod reports the mode back, so a change made elsewhere " +
					"shows in the plan; on REST v1 the configured value is kept.",
				Optional: true,
				Validators: []validator.String{
					stringvalidator.OneOf(FlashbootOff, FlashbootOn, FlashbootPriority),
					stringvalidator.ConflictsWith(path.MatchRoot("flashboot")),
				},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "How requests reach the workers: `QUEUE` (RunPod queues them as jobs: `/run`, `/runsync`, " +
					"`/status`, ...) or `LOAD_BALANCER` (RunPod forwards HTTP requests to the workers' own server, configured " +
					"by the template's env `PORT`, `PORT_HEALTH` and `HEALTH_CHECK_PATH`; it scales on `REQUEST_COUNT` only). " +
					"Endpoints are created as `QUEUE` when it is not set. RunPod cannot change it: changing it replaces the " +
					"endpoint. `LOAD_BALANCER` is **REST v2 only** (REST v1 makes queue endpoints: the plan fails on v1).",
				Optional: true,
				Computed: true,
				Validators: []validator.String{
					stringvalidator.OneOf(TypeQueue, TypeLoadBalancer),
				},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplaceIf(typeChanges,
						"Changing the configured type replaces the endpoint.", "Changing the configured `type` replaces the endpoint."),
				},
			},
			"request_urls": schema.MapAttribute{
				MarkdownDescription: "**REST v2 only** (null on REST v1): the endpoint's request URLs by name. A `QUEUE` endpoint " +
					"has `run`, `runSync`, `status`, `stream`, `cancel`, `retry`, `purgeQueue` and `health` (`{job_id}` in a URL " +
					"stands for a job's id); a `LOAD_BALANCER` endpoint has `base` (its own paths follow) and `health`.",
				ElementType:   types.StringType,
				Computed:      true,
				PlanModifiers: []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
			},
			"wait_for_rollout": schema.BoolAttribute{
				MarkdownDescription: "Whether an update that rolls out a new release waits until every worker runs it " +
					"(RunPod's REST v2 reports the rollout; REST v1 reports none, so there is nothing to wait for). The wait is " +
					"bounded by the update timeout (`timeouts.update`): when it runs out, the apply fails while the endpoint keeps " +
					"its new settings and its workers keep moving to the new release. Defaults to `false`: the apply ends when " +
					"RunPod has taken the change.",
				Optional: true,
			},
			"template_fingerprint": schema.StringAttribute{
				MarkdownDescription: "**REST v2 only** (null on REST v1, where RunPod keeps endpoints on their template itself): " +
					"a fingerprint of the template's container settings (image, start command, env, ports, container disk, " +
					"registry credentials) as this endpoint last copied them. When the template's differ, the plan re-applies " +
					"the template to the endpoint (see above).",
				Computed:      true,
				PlanModifiers: useState,
			},
			"idle_timeout": schema.Int64Attribute{
				MarkdownDescription: "Seconds a worker may stay idle before it is scaled down, 1 to 3600 (RunPod's default is 5). " +
					"Changes in place. REST v2 has no idle timeout for a `QUEUE` endpoint with `scaler_type = \"REQUEST_COUNT\"`: " +
					"setting one then fails the plan, and the attribute reads null.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.Int64{int64validator.Between(1, 3600)},
				PlanModifiers: useStateInt,
			},
			"scaler_type": schema.StringAttribute{
				MarkdownDescription: "How workers scale: `QUEUE_DELAY` (the default) adds a worker when a request waited " +
					"`scaler_value` seconds in the queue; `REQUEST_COUNT` keeps queued requests / `scaler_value` workers. " +
					"Changes in place. A `LOAD_BALANCER` endpoint has no queue: `REQUEST_COUNT` only (the default there).",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{stringvalidator.OneOf(ScalerQueueDelay, ScalerRequestCount)},
				PlanModifiers: useState,
			},
			"scaler_value": schema.Int64Attribute{
				MarkdownDescription: "Seconds (`QUEUE_DELAY`) or requests per worker (`REQUEST_COUNT`), at least 1 (RunPod's " +
					"default is 4). Changes in place.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers: useStateInt,
			},
			"workers_min": schema.Int64Attribute{
				MarkdownDescription: "Workers that always run (billed even when idle, at a lower rate). At most `workers_max`. " +
					"Changes in place.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.Int64{int64validator.AtLeast(0)},
				PlanModifiers: useStateInt,
			},
			"workers_max": schema.Int64Attribute{
				MarkdownDescription: "Most workers that may run at once. Changes in place.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(0)},
				PlanModifiers:       useStateInt,
			},
			"created_at": schema.StringAttribute{
				MarkdownDescription: "When the endpoint was created (RFC 3339, UTC).",
				Computed:            true,
				PlanModifiers:       useState,
			},
			"version": schema.Int64Attribute{
				MarkdownDescription: "Release of the endpoint: it increases with every rolling release (a change of a release " +
					"setting here, or of the template's image, env, ports, disk or start command). REST v2 reads it from the " +
					"endpoint's workers (`/workers`, one call per endpoint) at create, update and import, and on a refresh that " +
					"finds a release setting or the image changed outside Terraform; a plain refresh keeps it, to spare one call " +
					"per endpoint of REST v2's quota (60 requests a minute). REST v1 reads it at every refresh.",
				Computed:      true,
				PlanModifiers: useStateInt,
			},
			"user_id": schema.StringAttribute{
				MarkdownDescription: "**REST v1 only**: id of the RunPod user that owns the endpoint (REST v2 does not report " +
					"it: null).",
				Computed:      true,
				PlanModifiers: useState,
			},
			// No UseStateForUnknown: the template may change in the same apply as the endpoint.
			"template_image_name": schema.StringAttribute{
				MarkdownDescription: "Container image the workers run: the template's (REST v1), or the endpoint's copy of it " +
					"(REST v2).",
				Computed: true,
			},
			"worker_count": schema.Int64Attribute{
				MarkdownDescription: "Workers the endpoint has, as RunPod last reported them (it changes with load). REST v1 " +
					"reads it at every refresh. REST v2 reads it from the endpoint's workers (`/workers`, `summary.total`) at " +
					"create, update and import, and when a refresh detects a release made outside Terraform (like `version`); a " +
					"plain refresh keeps it, to spare one call per endpoint of REST v2's quota (60 requests a minute). The " +
					"`runpod_endpoint` data source reads it live.",
				Computed: true,
			},
			"timeouts": timeoutsAttribute(ctx),
		},
	}
}

func (r *endpointResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = providerutil.Client(req.ProviderData, &resp.Diagnostics)
}

// typeChanges requires a replacement when the configured type differs from the endpoint's.
// An unset type keeps the endpoint's (it is Computed), so an endpoint created before the
// attribute existed is not replaced.
func typeChanges(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = !req.StateValue.IsNull() && !req.ConfigValue.IsNull() && !req.ConfigValue.IsUnknown() &&
		!req.ConfigValue.Equal(req.StateValue)
}

// ValidateConfig refuses settings of the other compute type (RunPod would ignore them and
// the plan would never settle), workers_min above workers_max and a load balancer scaling on
// anything but request count. What depends on the API version is decided in ModifyPlan, once
// the provider is configured.
func (r *endpointResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg resourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !cfg.ComputeType.IsUnknown() {
		computeType := ComputeGPU
		if !cfg.ComputeType.IsNull() {
			computeType = cfg.ComputeType.ValueString()
		}
		gpuOnly := map[string]attr.Value{
			"gpu_type_ids": cfg.GPUTypeIDs, "gpu_count": cfg.GPUCount,
			"allowed_cuda_versions": cfg.AllowedCudaVersions, "min_cuda_version": cfg.MinCudaVersion,
		}
		cpuOnly := map[string]attr.Value{"cpu_flavor_ids": cfg.CPUFlavorIDs, "vcpu_count": cfg.VCPUCount}
		wrong, other := cpuOnly, ComputeCPU
		if computeType == ComputeCPU {
			wrong, other = gpuOnly, ComputeGPU
		}
		for _, name := range slices.Sorted(maps.Keys(wrong)) {
			if !wrong[name].IsNull() {
				resp.Diagnostics.AddAttributeError(path.Root(name), "Setting of the other compute type",
					fmt.Sprintf("%s applies to %s endpoints only, and this endpoint's compute_type is %q. Remove %s, or set "+
						"compute_type = %q (which replaces the endpoint).", name, other, computeType, name, other))
			}
		}
	}
	if cfg.Type.ValueString() == TypeLoadBalancer && cfg.ScalerType.ValueString() == ScalerQueueDelay {
		resp.Diagnostics.AddAttributeError(path.Root("scaler_type"), "Load balancers scale on request count",
			"A LOAD_BALANCER endpoint has no queue, so it scales on REQUEST_COUNT only. Set scaler_type = \"REQUEST_COUNT\" "+
				"(or remove it), or use type = \"QUEUE\".")
	}
	checkWorkers(cfg.WorkersMin, cfg.WorkersMax, &resp.Diagnostics)
}

// backendDiagnostics refuses at plan time what backend b cannot express of the configuration
// cfg (planned type: the endpoint's type as planned).
func backendDiagnostics(cfg resourceModel, plannedType string, b runpodapi.Backend) diag.Diagnostics {
	var diags diag.Diagnostics
	switch b {
	case runpodapi.BackendV1:
		v2Only := func(name, what string) {
			diags.AddAttributeError(path.Root(name), "Not supported by RunPod's REST v1",
				fmt.Sprintf("%s is a setting of RunPod's REST v2, and this provider uses REST v1 (api_version = \"v1\"). Remove %s "+
					"(or change it), or use REST v2 (api_version = \"v2\", the default).", what, name))
		}
		if cfg.Type.ValueString() == TypeLoadBalancer {
			v2Only("type", `type = "LOAD_BALANCER"`)
		}
		if cfg.FlashbootMode.ValueString() == FlashbootPriority {
			v2Only("flashboot_mode", `flashboot_mode = "PRIORITY_FLASHBOOT"`)
		}
	case runpodapi.BackendV2:
		if !cfg.IdleTimeout.IsNull() && queueOnRequestCount(plannedType, cfg.ScalerType) {
			diags.AddAttributeError(path.Root("idle_timeout"), "Not supported by RunPod's REST v2",
				"RunPod's REST v2 (api_version = \"v2\", the default) has no idle timeout for a QUEUE endpoint that scales on "+
					"REQUEST_COUNT: it refuses one. Remove idle_timeout, or use scaler_type = \"QUEUE_DELAY\".")
		}
		if cfg.ComputeType.ValueString() == ComputeCPU && cfg.CPUFlavorIDs.IsNull() {
			diags.AddAttributeError(path.Root("cpu_flavor_ids"), "Not supported by RunPod's REST v2",
				"A CPU endpoint needs cpu_flavor_ids on RunPod's REST v2 (api_version = \"v2\", the default): REST v1 let RunPod "+
					"choose the CPU flavors, REST v2 does not. Set cpu_flavor_ids, such as [\"cpu3c\"].")
		}
		if !cfg.MinCudaVersion.IsNull() && !cfg.AllowedCudaVersions.IsNull() {
			diags.AddAttributeError(path.Root("min_cuda_version"), "Conflicting CUDA settings",
				"Set min_cuda_version (a lowest version) or allowed_cuda_versions (an exact set), not both: RunPod's REST v2 "+
					"refuses both together.")
		}
	}
	return diags
}

// queueOnRequestCount reports whether an endpoint of type endpointType ("" means the
// default, QUEUE) scales on request count, for which REST v2 has no idle timeout.
func queueOnRequestCount(endpointType string, scalerType types.String) bool {
	return (endpointType == "" || endpointType == TypeQueue) && scalerType.ValueString() == ScalerRequestCount
}

// ModifyPlan checks what the configured API cannot express, marks rolling releases (warning,
// version unknown) and, on REST v2, plans the re-apply of a template that changed (see
// templateChange). On REST v1, a release RunPod rolls out because the template changes in
// the same plan leaves the release's values unknown too.
func (r *endpointResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var plan, cfg resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// One of the two may come from the state or RunPod's default: check the planned pair.
	checkWorkers(plan.WorkersMin, plan.WorkersMax, &resp.Diagnostics)
	backend := runpodapi.Backend("")
	if r.client != nil { // nil while the provider's configuration is unknown
		backend = r.client.Backend()
	}
	plannedType := ""
	if !plan.Type.IsUnknown() {
		plannedType = plan.Type.ValueString()
	}
	resp.Diagnostics.Append(backendDiagnostics(cfg, plannedType, backend)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if r.client != nil {
		var prior *resourceModel
		if !req.State.Raw.IsNull() {
			prior = &resourceModel{}
			resp.Diagnostics.Append(req.State.Get(ctx, prior)...)
		}
		resp.Diagnostics.Append(checkCatalogs(ctx, r.client, cfg, prior)...)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	switch backend {
	case runpodapi.BackendV1: // what only REST v2 reports
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("template_fingerprint"), types.StringNull())...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("request_urls"), types.MapNull(types.StringType))...)
	case runpodapi.BackendV2:
		if queueOnRequestCount(plannedType, plan.ScalerType) { // REST v2 has none then
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("idle_timeout"), types.Int64Null())...)
		}
	}
	if req.State.Raw.IsNull() || resp.Diagnostics.HasError() {
		return // create
	}
	var state resourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	release := planmodify.DisruptiveUpdate{Triggers: rollingAttributes}
	changed, diags := release.Changed(ctx, req)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	var tc templateChange
	if backend == runpodapi.BackendV2 && !slices.Contains(changed, "template_id") {
		tc = r.templateChange(ctx, plan, state)
	}
	reapply := backend == runpodapi.BackendV2 && (slices.Contains(changed, "template_id") || tc.changes())
	if backend == runpodapi.BackendV2 {
		fingerprint := state.TemplateFingerprint
		if reapply {
			fingerprint = types.StringUnknown()
		}
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("template_fingerprint"), fingerprint)...)
	}
	if backend == runpodapi.BackendV1 && !plan.TemplateID.IsUnknown() && !slices.Contains(changed, "template_id") &&
		len(templaterollout.Planned(r.client, plan.TemplateID.ValueString())) > 0 {
		// REST v1 rolls an edit of the template out to the endpoint itself, in this apply: what
		// the release changes is known only after it, so that the next refresh finds no change
		// "outside Terraform". The template's plan warns, naming the endpoints.
		resp.Diagnostics.Append(planmodify.SetUnknown(ctx, &resp.Plan, releaseAttributes...)...)
	}
	if len(changed) == 0 && !tc.changes() {
		return
	}
	label := describe(plan.Name, state.Name, state.ID)
	resp.Diagnostics.AddWarning("Endpoint "+label+" will roll out a new release", releaseWarning(label, changed, tc, plan.TemplateID.ValueString()))
	unknown := releaseAttributes
	if backend == runpodapi.BackendV2 && plannedType == TypeLoadBalancer {
		unknown = append(slices.Clone(unknown), "request_urls") // the health URL comes from the container's env
	}
	resp.Diagnostics.Append(planmodify.SetUnknown(ctx, &resp.Plan, unknown...)...)
}

// templateChange is why an endpoint's template must be re-applied on REST v2: the container
// attributes the plan changes (planned), or a template that changed since the endpoint copied
// it (since).
type templateChange struct {
	planned []string
	since   bool
}

func (c templateChange) changes() bool { return len(c.planned) > 0 || c.since }

// templateChange finds whether the endpoint's template (unchanged template_id) changes: in
// this plan (the runpod_template's plan, made before the endpoint's because template_id
// refers to it, recorded it), or since the endpoint copied it (its fingerprint differs from
// the one recorded; one read of the template).
func (r *endpointResource) templateChange(ctx context.Context, plan, state resourceModel) templateChange {
	if plan.TemplateID.IsUnknown() || plan.TemplateID.IsNull() {
		return templateChange{}
	}
	id := plan.TemplateID.ValueString()
	if attrs := templaterollout.Planned(r.client, id); len(attrs) > 0 {
		return templateChange{planned: attrs}
	}
	if state.TemplateFingerprint.IsNull() || state.TemplateFingerprint.IsUnknown() {
		return templateChange{}
	}
	t, err := runpodapi.ReadTemplate(ctx, r.client, id) // from the provider instance's snapshot
	if err != nil {                                     // the template's own plan deals with a template gone; the next plan looks again
		tflog.Warn(ctx, "could not read the endpoint's template to compare it with what the endpoint copied",
			map[string]any{"template_id": id, "error": err.Error()})
		return templateChange{}
	}
	return templateChange{since: templaterollout.Fingerprint(t) != state.TemplateFingerprint.ValueString()}
}

// releaseWarning is the detail of the rolling-release warning of endpoint label: the release
// settings changed, and the template that is re-applied (REST v2).
func releaseWarning(label string, changed []string, tc templateChange, templateID string) string {
	var parts []string
	consequence := "will roll out a new release: workers restart with the new settings, and version increases."
	if len(changed) > 0 {
		parts = append(parts, fmt.Sprintf("Changing %s of endpoint %s %s", planmodify.List(changed), label, consequence))
		consequence = "is part of that release."
	}
	if tc.changes() {
		what := fmt.Sprintf("Template %s changed since endpoint %s copied it (outside Terraform, or in an apply that did not "+
			"update the endpoint).", templateID, label)
		if len(tc.planned) > 0 {
			what = fmt.Sprintf("This plan changes %s of template %s, which endpoint %s runs.", planmodify.List(tc.planned), templateID, label)
		}
		parts = append(parts, what+" RunPod's REST v2 copies a template into an endpoint once and does not roll later edits out, "+
			"so the provider re-applies the template to the endpoint (PATCH with templateId), which "+consequence)
	}
	parts = append(parts, fmt.Sprintf("Only %s change without a release.", planmodify.List(inPlaceAttributes)))
	return strings.Join(parts, " ")
}

// describe names an endpoint for messages: `"name" (id)`, or the id alone.
func describe(planned, prior, id types.String) string {
	name := planned
	if name.IsNull() || name.IsUnknown() {
		name = prior
	}
	if name.IsNull() || name.IsUnknown() || name.ValueString() == "" {
		return id.ValueString()
	}
	return fmt.Sprintf("%q (%s)", name.ValueString(), id.ValueString())
}

func checkWorkers(minimum, maximum types.Int64, diags *diag.Diagnostics) {
	if minimum.IsNull() || minimum.IsUnknown() || maximum.IsNull() || maximum.IsUnknown() {
		return
	}
	if minimum.ValueInt64() > maximum.ValueInt64() {
		diags.AddAttributeError(path.Root("workers_min"), "workers_min above workers_max",
			fmt.Sprintf("workers_min (%d) must not be greater than workers_max (%d): raise workers_max or lower workers_min.",
				minimum.ValueInt64(), maximum.ValueInt64()))
	}
}

// templateFingerprint reads the fingerprint of template id (REST v2: what an endpoint copies
// from it). gone reports a template RunPod does not have (404); another error is returned.
func (r *endpointResource) templateFingerprint(ctx context.Context, id string) (fingerprint types.String, gone bool, err error) {
	t, err := runpodapi.ReadTemplate(ctx, r.client, id) // from the provider instance's snapshot
	switch {
	case runpodapi.IsNotFound(err):
		return types.StringNull(), true, nil
	case err != nil:
		return types.StringNull(), false, err
	}
	return types.StringValue(templaterollout.Fingerprint(t)), false, nil
}

func (r *endpointResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx = providerutil.NoticeAdoptions(ctx, &resp.Diagnostics)
	var plan resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultCreateTimeout)
	resp.Diagnostics.Append(diags...)
	in, diags := plan.createInput(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	// REST v2 copies the template into the endpoint: record what it copies (read first, so a
	// template edited meanwhile is re-applied by the next plan rather than missed).
	fingerprint, templateGone := types.StringNull(), false
	if r.client.Backend() == runpodapi.BackendV2 {
		var err error
		if fingerprint, templateGone, err = r.templateFingerprint(ctx, in.TemplateID); err != nil {
			providerutil.AddAPIError(&resp.Diagnostics, "read template "+in.TemplateID+" for the new endpoint", err)
			return
		}
	}
	created, err := r.client.CreateEndpoint(ctx, in)
	if err != nil {
		detail := providerutil.APIErrorDetail("create endpoint", err)
		if templateGone {
			detail += fmt.Sprintf("\n\nTemplate %s does not exist. If it is a runpod_template that RunPod deleted together with "+
				"an endpoint earlier in this apply (REST v2 deletes an endpoint's bound template, and an endpoint created through "+
				"REST v1 is bound to its template), apply again: the template's refresh finds it gone and Terraform creates it "+
				"before this endpoint.", in.TemplateID)
		}
		resp.Diagnostics.AddError("Failed to create endpoint", detail)
		return
	}
	tflog.Info(ctx, "created endpoint", map[string]any{"id": created.ID})
	// Save what RunPod answered at once: if reading it back fails, the endpoint is in the
	// state (tainted), not orphaned.
	state := plan
	state.fromAPI(created, plan)
	state.TemplateFingerprint = fingerprint
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	if r.client.Backend() == runpodapi.BackendV2 {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateCreatedThrough, []byte(`"v2"`))...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	r.readInto(ctx, created.ID, &state, plan, &resp.Diagnostics, "read endpoint "+created.ID+" after creating it")
	state.TemplateFingerprint = fingerprint
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// readInto reads the endpoint with its template and workers into m; on failure it reports
// the error and leaves m as it was.
func (r *endpointResource) readInto(ctx context.Context, id string, m *resourceModel, prior resourceModel, diags *diag.Diagnostics, action string) {
	ep, err := r.client.GetEndpoint(ctx, id)
	if err != nil {
		providerutil.AddAPIError(diags, action, err)
		return
	}
	m.fromAPI(ep, prior)
}

func (r *endpointResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state resourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	ep := providerutil.ReadOrRemove(ctx, resp, "endpoint", id, func(ctx context.Context, id string) (*runpodapi.Endpoint, error) {
		return runpodapi.ReadEndpoint(ctx, r.client, id) // from the provider instance's snapshot of all endpoints
	})
	if ep == nil {
		return
	}
	prior := state
	state.fromAPI(ep, prior)
	// REST v2 lists no version or worker count: they are read (one call) only when a release may
	// have happened outside Terraform; a plain refresh keeps them, to spare the quota.
	if ep.WorkersUnread && releaseMayHaveChanged(state.endpointModel, prior.endpointModel) {
		workers := providerutil.ReadOrRemove(ctx, resp, "endpoint", id, r.client.GetEndpointWorkers)
		if workers == nil {
			return
		}
		state.setWorkers(workers)
	}
	// No fingerprint yet (an endpoint managed through REST v1 until now): take the template's
	// as it is, as REST v1 kept the endpoint on it.
	if ep.Source == runpodapi.BackendV2 && state.TemplateFingerprint.IsNull() && state.TemplateID.ValueString() != "" {
		if fp, _, err := r.templateFingerprint(ctx, state.TemplateID.ValueString()); err == nil {
			state.TemplateFingerprint = fp
		} else {
			tflog.Warn(ctx, "could not read the endpoint's template for its fingerprint", map[string]any{"error": err.Error()})
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *endpointResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, defaultUpdateTimeout)
	resp.Diagnostics.Append(diags...)
	in, diags := updateInput(ctx, plan, state)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	id := state.ID.ValueString()
	fingerprint := types.StringNull()
	if r.client.Backend() == runpodapi.BackendV2 {
		fingerprint = state.TemplateFingerprint
		// The plan left the fingerprint unknown: the template is re-applied (a new template_id,
		// or the template changed), and what the endpoint copies is recorded.
		if plan.TemplateFingerprint.IsUnknown() {
			templateID := plan.TemplateID.ValueString()
			if in.TemplateID == nil {
				in.TemplateID = &templateID
			}
			var err error
			if fingerprint, _, err = r.templateFingerprint(ctx, templateID); err != nil {
				providerutil.AddAPIError(&resp.Diagnostics, "read template "+templateID+" of endpoint "+id, err)
				return
			}
		}
	}
	next := plan
	if !isEmpty(in) {
		updated, err := r.client.UpdateEndpoint(ctx, id, in)
		if err != nil {
			providerutil.AddAPIError(&resp.Diagnostics, "update endpoint "+id, err)
			return
		}
		tflog.Info(ctx, "updated endpoint", map[string]any{"id": id, "rolling_release": in.TriggersRollingRelease()})
		next.fromAPI(updated, plan)
	} else {
		next.endpointModel = state.endpointModel
	}
	r.readInto(ctx, id, &next, plan, &resp.Diagnostics, "read endpoint "+id+" after updating it")
	next.TemplateFingerprint = fingerprint
	keepPlannedRelease(ctx, &next, plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
	if !resp.Diagnostics.HasError() && plan.WaitForRollout.ValueBool() && in.TriggersRollingRelease() {
		r.waitForRollout(ctx, id, describe(next.Name, state.Name, state.ID), &resp.Diagnostics)
	}
}

// keepPlannedRelease keeps the planned version where the plan knew it. It differs from
// RunPod's answer only when the endpoint's template changed in the same apply on REST v1
// (which rolls out a release on RunPod's side, and which this endpoint's plan could not see):
// Terraform requires the planned value, and the next refresh records RunPod's.
func keepPlannedRelease(ctx context.Context, m *resourceModel, plan resourceModel) {
	if !plan.Version.IsUnknown() && !plan.Version.Equal(m.Version) {
		tflog.Info(ctx, "endpoint rolled out a release not in its plan (its template changed); the next refresh records it",
			map[string]any{"id": m.ID.ValueString(), "planned_version": plan.Version.ValueInt64(), "version": m.Version.ValueInt64()})
		m.Version = plan.Version
	}
}

// rolloutPoll is how the rollout is polled: the first look at once, then after 500 ms,
// doubling up to 10 s.
var rolloutPoll = poll.Backoff{Initial: 500 * time.Millisecond, Factor: 2, Max: 10 * time.Second}

// waitForRollout waits until every worker of the endpoint runs its latest release, within
// ctx's deadline (the update timeout). A poll that fails transiently (throttling, a 5xx, no
// answer) does not end the wait: it polls on until the deadline.
func (r *endpointResource) waitForRollout(ctx context.Context, id, label string, diags *diag.Diagnostics) {
	var rollout *runpodapi.EndpointRollout
	transient := func(err error) bool {
		if !runpodapi.IsTransient(err) {
			return false
		}
		tflog.Warn(ctx, "a poll of the endpoint's rollout failed: polling on until the timeout", map[string]any{"id": id, "error": err.Error()})
		return true
	}
	err := poll.Until(ctx, poll.Poll{Next: rolloutPoll.Next, Transient: transient}, func(ctx context.Context) (bool, error) {
		got, err := r.client.GetEndpointRollout(ctx, id)
		if err != nil {
			return false, err
		}
		rollout = got
		if !rollout.InProgress {
			tflog.Info(ctx, "endpoint rolled out its release", map[string]any{"id": id, "version": rollout.Version})
			return true, nil
		}
		tflog.Debug(ctx, "endpoint still rolling out", map[string]any{"id": id, "version": rollout.Version,
			"workers_on_latest": rollout.WorkersOnLatest, "workers_total": rollout.WorkersTotal})
		return false, nil
	})
	var timeout *poll.TimeoutError
	switch {
	case err == nil:
	case errors.As(err, &timeout):
		progress := ""
		if rollout != nil {
			progress = fmt.Sprintf(" (release %d had reached %d of %d workers)", rollout.Version, rollout.WorkersOnLatest, rollout.WorkersTotal)
		}
		if timeout.Last != nil {
			progress += fmt.Sprintf(" (the last poll failed: %v)", timeout.Last)
		}
		diags.AddError("Endpoint rollout did not finish in time",
			fmt.Sprintf("Endpoint %s was updated, but its workers had not all moved to the new release when the update "+
				"timeout ran out%s. The endpoint keeps its new settings and its workers keep moving to the release. Raise "+
				"timeouts.update, or set wait_for_rollout = false to end the apply once RunPod has taken the change.", label, progress))
	default:
		providerutil.AddAPIError(diags, "read the rollout of endpoint "+id, err)
	}
}

func (r *endpointResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state resourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, defaultDeleteTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	id := state.ID.ValueString()
	if r.client.Backend() == runpodapi.BackendV2 {
		r.deleteV2(ctx, state, req.Private, &resp.Diagnostics)
		return
	}
	scaledDown := false
	// scaleDown sets both worker bounds to zero; it returns false when Delete should stop
	// (the endpoint is gone already, or the call failed).
	scaleDown := func() bool {
		scaledDown = true
		_, err := r.client.UpdateEndpoint(ctx, id, runpodapi.EndpointUpdateInput{WorkersMin: runpodapi.Ptr(0), WorkersMax: runpodapi.Ptr(0)})
		if err != nil && !runpodapi.IsNotFound(err) {
			providerutil.AddAPIError(&resp.Diagnostics, "scale endpoint "+id+" to zero workers before deleting it", err)
		}
		return err == nil
	}
	// RunPod refuses to delete an endpoint that has workers (assumed from GraphQL
	// deleteEndpoint; unverified for REST v1).
	if state.WorkersMin.ValueInt64() > 0 || state.WorkersMax.ValueInt64() > 0 {
		if !scaleDown() {
			return
		}
	}
	err := r.client.DeleteEndpoint(ctx, id)
	if err != nil && !scaledDown && runpodapi.StatusCode(err) == http.StatusBadRequest {
		// Workers were added outside Terraform since the last refresh: scale down, then retry.
		if !scaleDown() {
			return
		}
		err = r.client.DeleteEndpoint(ctx, id)
	}
	if err != nil {
		providerutil.AddAPIError(&resp.Diagnostics, "delete endpoint "+id, err)
	}
}

// privateCreatedThrough is the private state key that says which API created the endpoint
// (`"v2"`; absent when unknown: created through REST v1, imported, or created before the key).
const privateCreatedThrough = "created_through"

// privateGetter reads a resource's private state (the framework's private data of a request).
type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

// deleteV2 deletes the endpoint through REST v2, which stops its workers itself. REST v2
// deletes an endpoint "and its bound template": for an endpoint created through REST v1 that
// may be the template in template_id (unverified against the live API), so the template is
// looked up afterwards and its disappearance reported, not left for a later apply to
// stumble on.
//
// An endpoint this provider created through REST v2 keeps no link to its template (v2 copies
// it once), so its delete cannot take the template along: the look-up is skipped (one call
// less per endpoint of the 60-a-minute quota). What created an endpoint is in its private
// state (privateCreatedThrough); an imported one, or one created before it was recorded, is
// looked up.
func (r *endpointResource) deleteV2(ctx context.Context, state resourceModel, private privateGetter, diags *diag.Diagnostics) {
	id := state.ID.ValueString()
	if err := r.client.DeleteEndpoint(ctx, id); err != nil {
		providerutil.AddAPIError(diags, "delete endpoint "+id, err)
		return
	}
	templateID := state.TemplateID.ValueString()
	if templateID == "" {
		return
	}
	if through, d := private.GetKey(ctx, privateCreatedThrough); !d.HasError() && string(through) == `"v2"` {
		return
	}
	// A read of its own, after the delete: no snapshot taken before it can say the template is gone.
	_, err := r.client.GetTemplate(ctx, templateID)
	gone := runpodapi.IsNotFound(err)
	if gone {
		err = nil
	}
	if err != nil {
		tflog.Warn(ctx, "could not check the endpoint's template after deleting the endpoint", map[string]any{"error": err.Error()})
		return
	}
	if gone {
		label := describe(state.Name, state.Name, state.ID)
		diags.AddWarning("Template "+templateID+" was deleted with endpoint "+label,
			fmt.Sprintf("After endpoint %s was deleted, RunPod no longer has its template %s. RunPod's REST v2 deletes an "+
				"endpoint together with its bound template, and an endpoint created through REST v1 is bound to the template it "+
				"was created from. If a runpod_template manages %s, its next refresh finds it gone and Terraform plans to create "+
				"it again (with a new id); an endpoint created from it later in this same apply fails: apply again.",
				label, templateID, templateID))
	}
}

// ImportState imports an endpoint by id. REST v1 reports its template; REST v2 does not (see
// importTemplate).
func (r *endpointResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
	if r.client != nil && r.client.Backend() == runpodapi.BackendV2 && !resp.Diagnostics.HasError() {
		r.importTemplate(ctx, req.ID, &resp.State, &resp.Diagnostics)
	}
}

// importTemplate recovers, on REST v2, the template_id of an endpoint being imported. RunPod
// keeps a copy of the template's container settings in the endpoint and no link to it, so the
// template is the account's one serverless template with the same settings: then template_id
// and template_fingerprint are set as if the configuration had created the endpoint from it, and
// the next plan is empty. With none or several, template_id stays null and a warning says what
// to do. An endpoint that does not exist is left to Read.
func (r *endpointResource) importTemplate(ctx context.Context, id string, state *tfsdk.State, diags *diag.Diagnostics) {
	ep, err := r.client.GetEndpoint(ctx, id)
	if runpodapi.IsNotFound(err) {
		return
	}
	if err != nil {
		providerutil.AddAPIError(diags, "read endpoint "+id+" to import it", err)
		return
	}
	if ep.Container == nil {
		return
	}
	all, err := runpodapi.ListOwnTemplates(ctx, r.client)
	if err != nil {
		providerutil.AddAPIError(diags, "list the templates to find the one endpoint "+id+" was created from", err)
		return
	}
	matches := templaterollout.Matching(all, ep.Container)
	if len(matches) != 1 {
		label := describe(types.StringValue(ep.Name), types.StringNull(), types.StringValue(id))
		diags.AddWarning("Endpoint "+label+" imported without template_id", importTemplateWarning(matches))
		return
	}
	t := matches[0]
	tflog.Info(ctx, "found the template of the imported endpoint", map[string]any{"id": id, "template_id": t.ID})
	diags.Append(state.SetAttribute(ctx, path.Root("template_id"), t.ID)...)
	diags.Append(state.SetAttribute(ctx, path.Root("template_fingerprint"), templaterollout.Fingerprint(&t))...)
}

// importTemplateWarning is the detail of the warning for an endpoint imported on REST v2
// without template_id: its container settings match none of the account's serverless
// templates, or several (matches).
func importTemplateWarning(matches []runpodapi.Template) string {
	found := "none of the account's serverless templates has them (the template was edited or deleted since, or is not " +
		"the account's own)"
	which, restart := "the template the endpoint should run", "with the template's settings"
	if len(matches) > 0 {
		names := make([]string, len(matches))
		for i, t := range matches {
			names[i] = fmt.Sprintf("%s (%q)", t.ID, t.Name)
		}
		found = fmt.Sprintf("%d of the account's serverless templates have them: %s", len(matches), strings.Join(names, ", "))
		which, restart = "the one of them the endpoint should follow", "with the same settings"
	}
	return fmt.Sprintf("RunPod's REST v2 does not report which template an endpoint was created from, only the endpoint's "+
		"copy of its container settings (image, start command, container disk, ports, env, registry credentials), and %s. "+
		"template_id is left unset: set it in the configuration to %s (a configuration generated with terraform plan "+
		"-generate-config-out has template_id = null, which does not validate until then). The next plan then re-applies "+
		"that template to the endpoint (PATCH with templateId), which rolls out a new release: workers restart %s.",
		found, which, restart)
}

// timeoutsAttribute is the timeouts attribute, each operation described with its default.
func timeoutsAttribute(ctx context.Context) schema.Attribute {
	return validate.Timeouts(timeouts.Attributes(ctx, timeouts.Opts{
		Create: true, Update: true, Delete: true,
		CreateDescription: fmt.Sprintf("How long creating the endpoint may take, retries included (default `%s`).", defaultCreateTimeout),
		UpdateDescription: fmt.Sprintf("How long an update may take, retries included, and with `wait_for_rollout` the wait "+
			"for the new release to reach every worker (default `%s`).", defaultUpdateTimeout),
		DeleteDescription: fmt.Sprintf("How long deleting the endpoint may take, retries included (default `%s`).", defaultDeleteTimeout),
	}), fmt.Sprintf("How long each operation may take, as durations such as `\"30s\"` or `\"1h30m\"` "+
		"(defaults: create `%s`, update `%s`, delete `%s`).", defaultCreateTimeout, defaultUpdateTimeout, defaultDeleteTimeout))
}
