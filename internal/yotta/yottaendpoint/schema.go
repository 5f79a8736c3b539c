package yottaendpoint

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottautil"
)

var (
	// namePattern is Yotta's rule for an endpoint name: at most 20 characters, starting with a
	// letter (v1's pattern gives the other characters).
	namePattern    = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9@._-]{0,19}$`)
	gpuTypePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)
	regionPattern  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	envNamePattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	idPattern      = regexp.MustCompile(`^[1-9][0-9]{0,18}$`)
	webhookPattern = regexp.MustCompile(`^https?://\S+$`)
)

// Notes the descriptions end with, saying how a change is applied.
const (
	replaces = " Changing it replaces the endpoint."
	restarts = " Changes in place with Yotta's `PATCH`, which **restarts the workers** (the plan warns)."
	inPlace  = " Changes in place with Yotta's `PATCH`; the workers keep running."
)

const resourceDescription = "A Yotta serverless (\"elastic\") endpoint: workers running a container image on GPUs, in one " +
	"of several regions (`resources`, tried in order for failover), behind a load balancer (`ALB`), a task queue (`QUEUE`) or " +
	"nothing of Yotta's (`CUSTOM`).\n\n" +
	"**Updates.** `workers` changes through Yotta's workers route (the workers running keep running); `desired_status` " +
	"stops and starts the endpoint; `name` and `webhook` change with a `PATCH` that leaves the workers running; " +
	"`resources`, `container_volume_in_gb`, `expose`, `environment_vars`, `initialization_command`, " +
	"`container_registry_auth_id` and the `min_single_card_*` minimums change with a `PATCH` that **restarts every worker**, " +
	"and the plan warns so; `image`, `image_registry` and `service_mode` cannot change in place (Yotta's `PATCH` does not " +
	"take them): changing them replaces the endpoint.\n\n" +
	"**Waits.** Create, start and any update wait until Yotta reports the endpoint `RUNNING` with `workers` workers running " +
	"(or `STOPPED` when `desired_status = \"STOPPED\"`); an endpoint Yotta reports `FAILED` fails the apply at once with " +
	"Yotta's reason.\n\n" +
	"**Import** takes the endpoint's id. Yotta does not report `container_registry_auth_id` or the `min_single_card_*` " +
	"minimums: after an import the next apply sends the configured values (one `PATCH`)."

func resourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: resourceDescription,
		Attributes: map[string]schema.Attribute{
			"id": tfresource.IDAttribute("Yotta's id of the endpoint (digits; Yotta sends it as a string)."),
			"name": schema.StringAttribute{
				MarkdownDescription: "Name of the endpoint: at most 20 characters (letters, digits, `@`, `.`, `_`, `-`), starting with a letter." + inPlace,
				Required:            true,
				Validators: []validator.String{stringvalidator.RegexMatches(namePattern,
					"must be 1 to 20 characters (letters, digits, @ . _ -) starting with a letter")},
			},
			"image": schema.StringAttribute{
				MarkdownDescription: "Container image the workers run, such as `vllm/vllm-openai:latest`." + replaces,
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 255)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"image_registry": schema.StringAttribute{
				MarkdownDescription: "Registry of the image; Docker Hub when not set." + replaces,
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 255)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"container_registry_auth_id": schema.StringAttribute{
				MarkdownDescription: "Id of the `yotta_container_registry_auth` to pull a private image with. Yotta does not report it." + restarts,
				Optional:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(idPattern, "must be a Yotta id: the digits of an integer, such as \"123\"")},
			},
			"resources": schema.ListNestedAttribute{
				MarkdownDescription: "Where workers may run, in order of preference: Yotta places each worker in the first that has " +
					"capacity, so several regions give failover." + restarts,
				Required: true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"region": schema.StringAttribute{
						MarkdownDescription: "Region code, such as `us-east-1`.",
						Required:            true,
						Validators:          []validator.String{stringvalidator.RegexMatches(regionPattern, `must be a region code such as "us-east-1"`)},
					},
					"gpu_type": schema.StringAttribute{
						MarkdownDescription: "GPU type code, such as `NVIDIA_RTX_4090_24G`.",
						Required:            true,
						Validators: []validator.String{stringvalidator.RegexMatches(gpuTypePattern,
							"must be a GPU type code such as \"NVIDIA_RTX_4090_24G\" (not a display name: the yotta_gpu_types data source lists the codes)")},
					},
					"gpu_count": schema.Int64Attribute{
						MarkdownDescription: "GPUs per worker: a power of 2 (1, 2, 4, 8, ...).",
						Required:            true,
						Validators:          []validator.Int64{yottautil.PowerOfTwo{}},
					},
				}},
				Validators: []validator.List{listvalidator.SizeAtLeast(1)},
			},
			"workers": schema.Int64Attribute{
				MarkdownDescription: "How many workers run. Changes in place through Yotta's workers route (alone) or with the `PATCH` " +
					"(with other changes); the workers already running keep running.",
				Required:   true,
				Validators: []validator.Int64{int64validator.AtLeast(1)},
			},
			"container_volume_in_gb": schema.Int64Attribute{
				MarkdownDescription: "Size of each worker's container volume, in GB: at least 20." + restarts,
				Required:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(20)},
			},
			"service_mode": schema.StringAttribute{
				MarkdownDescription: "`ALB` (an HTTP load balancer at `domain`, which needs `expose`), `QUEUE` (an asynchronous task " +
					"queue) or `CUSTOM` (workers with no interface from Yotta)." + replaces,
				Required:      true,
				Validators:    []validator.String{stringvalidator.OneOf(yottaapi.ServiceModes...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"expose": schema.SingleNestedAttribute{
				MarkdownDescription: "The one port the workers serve on (Yotta takes a single port for an endpoint). Required in `ALB` mode." + restarts,
				Optional:            true,
				Attributes: map[string]schema.Attribute{
					"port": schema.Int64Attribute{
						MarkdownDescription: "Port number, 1 to 65535.",
						Required:            true,
						Validators:          []validator.Int64{int64validator.Between(1, 65535)},
					},
					"protocol": schema.StringAttribute{
						MarkdownDescription: "`HTTP` or `TCP` (any case).",
						Required:            true,
						Validators:          []validator.String{stringvalidator.OneOfCaseInsensitive("HTTP", "TCP")},
					},
				},
			},
			"environment_vars": schema.MapAttribute{
				MarkdownDescription: "Environment variables of the workers. Sensitive: their values never show in plans, and the " +
					"provider's logs show only their names." + restarts,
				ElementType: types.StringType,
				Optional:    true,
				Sensitive:   true,
				Validators: []validator.Map{mapvalidator.KeysAre(stringvalidator.RegexMatches(envNamePattern,
					"must be a variable name: letters, digits and underscores, not starting with a digit"))},
			},
			"webhook": schema.StringAttribute{
				MarkdownDescription: "URL Yotta notifies of worker status changes (at most 512 characters)." + inPlace,
				Optional:            true,
				Validators: []validator.String{stringvalidator.LengthAtMost(512),
					stringvalidator.RegexMatches(webhookPattern, "must be an http:// or https:// URL")},
			},
			"initialization_command": schema.StringAttribute{
				MarkdownDescription: "Command each worker runs when its container starts." + restarts,
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"min_single_card_vram_in_gb": schema.Int64Attribute{
				MarkdownDescription: "Least VRAM per card, in GB (0 to 1536). Yotta does not report it." + restarts,
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(0, 1536)},
			},
			"min_single_card_ram_in_gb": schema.Int64Attribute{
				MarkdownDescription: "Least system RAM per card, in GB (0 to 1536). Yotta does not report it." + restarts,
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(0, 1536)},
			},
			"min_single_card_vcpu": schema.Int64Attribute{
				MarkdownDescription: "Least vCPUs per card. Yotta does not report it." + restarts,
				Optional:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(0)},
			},
			"desired_status": schema.StringAttribute{
				MarkdownDescription: "`RUNNING` (the default) or `STOPPED`: Yotta's stop and start routes; a stopped endpoint runs no worker.",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(statusRunning),
				Validators:          []validator.String{stringvalidator.OneOf(statusRunning, statusStopped)},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "Yotta's status: `INITIALIZING`, `RUNNING`, `STOPPING`, `STOPPED` or `FAILED`.",
				Computed:            true,
			},
			"domain": schema.StringAttribute{
				MarkdownDescription: "The endpoint's host, such as `<id>.yottadeos.com`: in `ALB` mode, where requests are sent.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"running_workers": schema.Int64Attribute{MarkdownDescription: "How many workers run now.", Computed: true},
			"total_workers":   schema.Int64Attribute{MarkdownDescription: "How many workers the endpoint has, running or starting.", Computed: true},
			"price_per_hour": schema.Float64Attribute{
				MarkdownDescription: "What the endpoint's workers cost per hour, in USD, as Yotta reports it.", Computed: true,
			},
			"price_per_second": schema.Float64Attribute{
				MarkdownDescription: "What the endpoint's workers cost per second, in USD, as Yotta reports it.", Computed: true,
			},
			"created_at": schema.StringAttribute{
				MarkdownDescription: "When the endpoint was created, in RFC 3339.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}
