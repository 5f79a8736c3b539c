package yottapod

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/float64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottautil"
)

// Default timeouts of the timeouts attribute.
const (
	defaultCreateTimeout = 20 * time.Minute
	defaultUpdateTimeout = 20 * time.Minute
	defaultDeleteTimeout = 10 * time.Minute
)

// desired_status values.
const (
	statusRunning = "RUNNING"
	statusPaused  = "PAUSED"
)

var (
	// gpuTypePattern is a GPU type code such as NVIDIA_RTX_4090_24G: no spaces (a display name
	// such as "RTX 4090" is refused with a pointer to the codes).
	gpuTypePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)
	// envNamePattern is an environment variable name.
	envNamePattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	// absolutePathPattern is an absolute path without spaces.
	absolutePathPattern = regexp.MustCompile(`^/[^\s]*$`)
	// idPattern is a Yotta id: a decimal int64.
	idPattern = regexp.MustCompile(`^[1-9][0-9]{0,18}$`)
)

const resourceDescription = `A Yotta Labs GPU pod: a container on a GPU machine, billed while it runs.

**No updates in place.** Yotta documents no route that changes a pod, so changing any attribute but ` + "`desired_status`" + `
(and ` + "`timeouts`" + `) **replaces** the pod: the plan marks the attribute "forces replacement" and warns that the new pod
starts from its image, with a new id, and that the old pod's container and persistent volume are deleted with it
(volumes attached with ` + "`persistent_volumes`" + ` are kept).

**Pause and resume.** ` + "`desired_status = \"PAUSED\"`" + ` pauses the pod (` + "`POST /v2/pods/{id}/pause`" + `): Yotta then bills only its
storage. ` + "`\"RUNNING\"`" + ` resumes it. A pod paused outside Terraform shows as a change back to ` + "`RUNNING`" + `.

**Readiness.** After creating or resuming a pod, the provider waits (within the ` + "`create`" + ` or ` + "`update`" + ` timeout, polling
with capped exponential backoff) until Yotta reports it ` + "`RUNNING`" + ` and every exposed port healthy. A pod that Yotta reports
` + "`FAILED`" + ` (no capacity, or an image that cannot be pulled) fails the apply at once, with Yotta's reason. The pod is saved to
the state as soon as Yotta creates it: a pod that fails or does not get ready in time stays in the state, marked
tainted, and is never orphaned. A pod that fails later is replaced by the next apply (the plan says so).

**Import.** ` + "`terraform import yotta_pod.example <pod id>`" + `. Yotta's pod object does not report every creation setting;
these are **not recoverable on import** and stay null until an apply records the configured value (without replacing
the pod): ` + "`regions`, `container_registry_auth_id`, `image_public_type`, `min_single_card_vram_in_gb`, " +
	"`min_single_card_ram_in_gb`, `min_single_card_vcpu`, `persistent_volume_in_gb`, `persistent_mount_path`, `persistent_volumes`" + `.`

func resourceSchema(ctx context.Context) schema.Schema {
	replaces := " Changing it replaces the pod."
	notRecoverable := " Yotta does not report it: not recoverable on import."
	return schema.Schema{
		MarkdownDescription: resourceDescription,
		Attributes: map[string]schema.Attribute{
			"id": stableComputedString("The pod's id: an integer of about 18 digits, such as `420522713875330018`, kept as a string."),
			"name": schema.StringAttribute{
				MarkdownDescription: "A name for the pod, 1 to 255 characters (need not be unique)." + replaces,
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 255)},
			},
			"regions": schema.SetAttribute{
				MarkdownDescription: "Region codes Yotta may place the pod in, such as `[\"us-east-1\", \"us-west-1\"]` (the " +
					"`yotta_gpu_types` data source lists each GPU type's regions). Any region when not set; `region` is the one " +
					"the pod got." + replaces + notRecoverable,
				ElementType: types.StringType,
				Optional:    true,
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(stringvalidator.RegexMatches(regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`),
						"must be a region code such as \"us-east-1\"")),
				},
			},
			"image": schema.StringAttribute{
				MarkdownDescription: "The container image, such as `pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime` (1 to 255 characters)." + replaces,
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 255)},
			},
			"image_registry": schema.StringAttribute{
				MarkdownDescription: "The registry to pull `image` from, such as `ghcr.io` (at most 255 characters). Yotta's default is " +
					"Docker Hub (`https://index.docker.io/v1/`), which is what it reports when not set." + replaces,
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{stringvalidator.LengthBetween(1, 255)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"container_registry_auth_id": schema.StringAttribute{
				MarkdownDescription: "Id of the credentials (a `yotta_container_registry_auth`) Yotta pulls a private image with." + replaces + notRecoverable,
				Optional:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(idPattern, "must be a Yotta id: the digits of an integer, such as \"123\"")},
			},
			"image_public_type": schema.StringAttribute{
				MarkdownDescription: "`PUBLIC` (Yotta's default) or `PRIVATE` (needs `container_registry_auth_id`)." + replaces + notRecoverable,
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf("PUBLIC", "PRIVATE")},
			},
			"resource_type": schema.StringAttribute{
				MarkdownDescription: "`GPU` (Yotta's default) or `CPU`." + replaces,
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.OneOf("GPU", "CPU")},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"gpu_type": schema.StringAttribute{
				MarkdownDescription: "The GPU type's code, such as `NVIDIA_RTX_4090_24G` or `NVIDIA_H100_80G` (the `yotta_gpu_types` data " +
					"source lists them with their regions and availability)." + replaces,
				Required: true,
				Validators: []validator.String{stringvalidator.RegexMatches(gpuTypePattern,
					"must be a GPU type code such as \"NVIDIA_RTX_4090_24G\" (not a display name: the yotta_gpu_types data source lists the codes)")},
			},
			"gpu_count": schema.Int64Attribute{
				MarkdownDescription: "Number of GPUs: a power of 2 (1, 2, 4, 8, ...), as Yotta requires." + replaces,
				Required:            true,
				Validators:          []validator.Int64{yottautil.PowerOfTwo{}},
			},
			"min_single_card_vram_in_gb": schema.Int64Attribute{
				MarkdownDescription: "Least GPU memory per card, in GB (0 to 1536)." + replaces + notRecoverable + " `single_card_vram_in_gb` is what the pod got.",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(0, 1536)},
			},
			"min_single_card_ram_in_gb": schema.Int64Attribute{
				MarkdownDescription: "Least system RAM per card, in GB (0 to 1536)." + replaces + notRecoverable + " `single_card_ram_in_gb` is what the pod got.",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(0, 1536)},
			},
			"min_single_card_vcpu": schema.Int64Attribute{
				MarkdownDescription: "Least vCPUs per card (0 or more)." + replaces + notRecoverable + " `single_card_vcpu` is what the pod got.",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(0)},
			},
			"shm_in_gb": schema.Int64Attribute{
				MarkdownDescription: "Shared memory (`/dev/shm`) of the container, in GB; Yotta's default when not set." + replaces,
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(0)},
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"container_volume_in_gb": schema.Int64Attribute{
				MarkdownDescription: "Size of the container's system volume, in GB (at least 1; Yotta's docs suggest at least three times the " +
					"image's size). Deleted with the pod. Yotta's default when not set." + replaces,
				Optional:      true,
				Computed:      true,
				Validators:    []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"persistent_volume_in_gb": schema.Int64Attribute{
				MarkdownDescription: "Size of a persistent volume created with the pod, in GB (at least 1). It survives pauses and is deleted " +
					"with the pod. Set it together with `persistent_mount_path`." + replaces + notRecoverable,
				Optional:   true,
				Validators: []validator.Int64{int64validator.AtLeast(1)},
			},
			"persistent_mount_path": schema.StringAttribute{
				MarkdownDescription: "Absolute path where the persistent volume is mounted, such as `/workspace`. Set it together with " +
					"`persistent_volume_in_gb`." + replaces + notRecoverable,
				Optional:   true,
				Validators: []validator.String{stringvalidator.RegexMatches(absolutePathPattern, "must be an absolute path, such as \"/workspace\"")},
			},
			"initialization_command": schema.StringAttribute{
				MarkdownDescription: "A command Yotta runs when the container starts, such as `pip install -r requirements.txt`." + replaces,
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"environment_vars": schema.MapAttribute{
				MarkdownDescription: "Environment variables of the container, as a map. Sensitive: values never show in plans, and the " +
					"provider's logs show only their names." + replaces,
				ElementType: types.StringType,
				Optional:    true,
				Sensitive:   true,
				Validators: []validator.Map{mapvalidator.KeysAre(stringvalidator.RegexMatches(envNamePattern,
					"must be a variable name: letters, digits and underscores, not starting with a digit"))},
			},
			"expose": schema.SetNestedAttribute{
				MarkdownDescription: "Ports to expose, each with its protocol; each port once. `exposed_ports` and `ingress_urls` say " +
					"where each is reachable." + replaces,
				Optional: true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"port": schema.Int64Attribute{
						MarkdownDescription: "The container's port, from 1 to 65535.",
						Required:            true,
						Validators:          []validator.Int64{int64validator.Between(1, 65535)},
					},
					"protocol": schema.StringAttribute{
						MarkdownDescription: "`HTTP`, `TCP` or `SSH` (any case: Yotta's docs write `http`, its SDKs `HTTP`).",
						Required:            true,
						Validators:          []validator.String{stringvalidator.OneOfCaseInsensitive("HTTP", "TCP", "SSH")},
					},
				}},
				Validators: []validator.Set{setvalidator.SizeAtLeast(1)},
			},
			"persistent_volumes": schema.SetNestedAttribute{
				MarkdownDescription: "Existing Yotta volumes to attach, each at its own path. They outlive the pod." + replaces + notRecoverable,
				Optional:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"volume_id": schema.StringAttribute{
						MarkdownDescription: "The volume's id, such as a `yotta_volume`'s `id` (the pod is then created after the volume, and deleted before it).",
						Required:            true,
						Validators:          []validator.String{stringvalidator.RegexMatches(idPattern, "must be a Yotta id: the digits of an integer, such as \"123\"")},
					},
					"mount_path": schema.StringAttribute{
						MarkdownDescription: "Absolute path where the volume is mounted.",
						Required:            true,
						Validators:          []validator.String{stringvalidator.RegexMatches(absolutePathPattern, "must be an absolute path, such as \"/data\"")},
					},
					"need_backup": schema.BoolAttribute{
						MarkdownDescription: "Whether Yotta backs the volume up (Yotta's default when not set).",
						Optional:            true,
					},
				}},
				Validators: []validator.Set{setvalidator.SizeAtLeast(1)},
			},
			"desired_status": schema.StringAttribute{
				MarkdownDescription: "`RUNNING` (the default) or `PAUSED`: paused, Yotta bills only the pod's storage. Changes in place " +
					"(pause or resume), without replacing the pod.",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(statusRunning),
				Validators: []validator.String{stringvalidator.OneOf(statusRunning, statusPaused)},
			},
			"timeouts": timeoutsAttribute(ctx),

			"status": stableComputedString("What Yotta reports of the pod: `INITIALIZE`, `RUNNING`, `PAUSING`, `PAUSED`, `TERMINATING`, " +
				"`TERMINATED` or `FAILED` (other spellings Yotta uses, such as `STOPPED`, are read as these)."),
			"failed_reason":          stableComputedString("Why the pod failed, when Yotta reports it `FAILED` and gives a reason; null otherwise."),
			"region":                 stableComputedString("The region the pod runs in, such as `us-east-1`."),
			"cloud_type":             stableComputedString("The cloud the pod runs in, as Yotta reports it."),
			"gpu_display_name":       stableComputedString("Short name of the GPU type, such as `RTX 4090`."),
			"single_card_vram_in_gb": stableComputedInt("GPU memory per card, in GB."),
			"single_card_ram_in_gb":  stableComputedInt("System RAM per card, in GB."),
			"single_card_vcpu":       stableComputedInt("vCPUs per card."),
			"single_card_price": schema.Float64Attribute{
				MarkdownDescription: "What one card costs per hour while the pod runs, in USD.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Float64{float64planmodifier.UseStateForUnknown()},
			},
			"price_per_hour": schema.Float64Attribute{
				MarkdownDescription: "`single_card_price` × `gpu_count`: what the pod costs per hour while it runs, in USD.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Float64{float64planmodifier.UseStateForUnknown()},
			},
			"ssh_command": stableComputedString("The SSH command Yotta gives for the pod, such as `ssh root@<host> -p <port>`; null " +
				"when there is none (expose a port with protocol `SSH`)."),
			"internal_ip": stableComputedString("The pod's private IP address."),
			"exposed_ports": schema.ListNestedAttribute{
				MarkdownDescription: "Each exposed port as Yotta reports it, in port order.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: exposedPortAttributes()},
				PlanModifiers:       []planmodifier.List{listplanmodifier.UseStateForUnknown()},
			},
			"ingress_urls": schema.MapAttribute{
				MarkdownDescription: "Where each exposed port is reachable, by port, such as `{\"8080\" = \"https://...\"}`: a URL for " +
					"HTTP ports, `<host>:<port>` for TCP ones, an SSH command for SSH ones (as Yotta gives them).",
				ElementType:   types.StringType,
				Computed:      true,
				PlanModifiers: []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
			},
			"created_at": stableComputedString("When the pod was created, in RFC 3339 (Yotta reports epoch milliseconds)."),
			"updated_at": stableComputedString("When Yotta last changed the pod (a pause or resume changes it), in RFC 3339."),
		},
	}
}

// exposedPortAttributes are the attributes of an exposed port (computed).
func exposedPortAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"port":         schema.Int64Attribute{MarkdownDescription: "The container's port.", Computed: true},
		"protocol":     schema.StringAttribute{MarkdownDescription: "`HTTP`, `TCP` or `SSH`, as Yotta reports it.", Computed: true},
		"proxy_port":   schema.Int64Attribute{MarkdownDescription: "The public port Yotta maps it to (TCP and SSH).", Computed: true},
		"host":         schema.StringAttribute{MarkdownDescription: "The host that serves it.", Computed: true},
		"healthy":      schema.BoolAttribute{MarkdownDescription: "Whether Yotta reports the port healthy.", Computed: true},
		"ingress_url":  schema.StringAttribute{MarkdownDescription: "Where the port is reachable, as Yotta gives it.", Computed: true},
		"service_name": schema.StringAttribute{MarkdownDescription: "Yotta's name of the port's service.", Computed: true},
	}
}

// exposedPortType is the object type of exposed_ports' elements.
var exposedPortType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"port": types.Int64Type, "protocol": types.StringType, "proxy_port": types.Int64Type, "host": types.StringType,
	"healthy": types.BoolType, "ingress_url": types.StringType, "service_name": types.StringType,
}}

// exposeType is the object type of expose's elements.
var exposeType = types.ObjectType{AttrTypes: map[string]attr.Type{"port": types.Int64Type, "protocol": types.StringType}}

// persistentVolumeType is the object type of persistent_volumes' elements.
var persistentVolumeType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"volume_id": types.StringType, "mount_path": types.StringType, "need_backup": types.BoolType,
}}

// stableComputedString is a computed string that keeps its prior value in update plans unless
// ModifyPlan makes it unknown (a pause or resume changes it).
func stableComputedString(desc string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: desc,
		Computed:            true,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

func stableComputedInt(desc string) schema.Int64Attribute {
	return schema.Int64Attribute{
		MarkdownDescription: desc,
		Computed:            true,
		PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
	}
}

// timeoutsAttribute is the timeouts attribute (create, update, delete) with descriptions.
func timeoutsAttribute(ctx context.Context) schema.Attribute {
	attribute := timeouts.Attributes(ctx, timeouts.Opts{
		Create: true, Update: true, Delete: true,
		CreateDescription: fmt.Sprintf("How long to wait for the pod to be created and ready, such as `\"45m\"` for a large "+
			"image (default `%s`).", defaultCreateTimeout),
		UpdateDescription: fmt.Sprintf("How long to wait for a pause or a resume to finish (default `%s`).", defaultUpdateTimeout),
		DeleteDescription: fmt.Sprintf("How long to wait for the pod to be terminated (default `%s`).", defaultDeleteTimeout),
	})
	a, ok := attribute.(schema.SingleNestedAttribute)
	if !ok {
		return attribute
	}
	a.MarkdownDescription = "How long each operation may take, as durations such as `\"30s\"` or `\"1h30m\"`. A create that " +
		"runs out of time leaves the pod in the state, marked tainted."
	for name, inner := range a.Attributes {
		if s, ok := inner.(schema.StringAttribute); ok {
			s.MarkdownDescription = s.Description
			s.Validators = []validator.String{duration{}} // the library's names no attribute
			a.Attributes[name] = s
		}
	}
	return a
}

// duration checks a timeout: a Go duration such as "30s" or "1h30m", naming the attribute.
type duration struct{}

func (duration) Description(context.Context) string {
	return `value must be a duration such as "30s", "45m" or "1h30m"`
}

func (d duration) MarkdownDescription(ctx context.Context) string { return d.Description(ctx) }

func (duration) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if d, err := time.ParseDuration(req.ConfigValue.ValueString()); err != nil || d <= 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid timeout",
			fmt.Sprintf("Attribute %s must be a positive duration such as \"30s\", \"45m\" or \"1h30m\" (units ns, us, ms, s, m, h), got %q.",
				req.Path, req.ConfigValue.ValueString()))
	}
}
