package endpoint

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
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
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/validate"
)

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
			"id": tfresource.IDAttribute("Endpoint id: requests go to `https://api.runpod.ai/v2/<id>/run`."),
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
			"gpu_type_ids": workerChoices(validate.GPUTypeID(), "GPU endpoints: the GPU types workers may get, in order of preference, such as "+
				"`[\"NVIDIA GeForce RTX 4090\"]` (the `runpod_gpu_type` data source finds ids). When not set, RunPod picks: "+
				"REST v1 chooses itself; on REST v2 the provider asks for every serverless GPU pool of RunPod's catalog, and "+
				"the types read back are all of theirs. REST v2 places workers by pool (such as `ADA_24`): the provider sends "+
				"the pools of these types and excludes the pools' other types, and RunPod keeps no order of preference (the "+
				"configured order stays in the state). On REST v2 each id is checked at plan time against RunPod's GPU catalog: a "+
				"type it does not list, or lists in no serverless pool, fails the plan, naming the closest ones."+releaseNote),
			"gpu_count": perWorkerCount("GPU endpoints: GPUs per worker (RunPod's default is 1)." + releaseNote),
			"cpu_flavor_ids": workerChoices(validate.CPUFlavorID(), "CPU endpoints: the CPU flavors workers may get, in order of preference "+
				"(`cpu3c`, `cpu3g`, `cpu5c`, `cpu5g`). REST v1 lets RunPod choose when it is not set; REST v2 needs it (the "+
				"plan fails without it there)."+releaseNote),
			"vcpu_count": perWorkerCount("CPU endpoints: vCPUs per worker (RunPod's default is 2)." + releaseNote),
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

// typeChanges requires a replacement when the configured type differs from the endpoint's.
// An unset type keeps the endpoint's (it is Computed), so an endpoint created before the
// attribute existed is not replaced.
func typeChanges(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = !req.StateValue.IsNull() && !req.ConfigValue.IsNull() && !req.ConfigValue.IsUnknown() &&
		!req.ConfigValue.Equal(req.StateValue)
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

// workerChoices is a list of the ids of what workers may get (GPU types, CPU flavors), in order
// of preference; RunPod picks when it is not set, so the state keeps what it reports.
func workerChoices(id validator.String, description string) schema.ListAttribute {
	return schema.ListAttribute{
		MarkdownDescription: description,
		ElementType:         types.StringType,
		Optional:            true,
		Computed:            true,
		Validators:          []validator.List{validate.IDList(id)},
		PlanModifiers:       []planmodifier.List{listplanmodifier.UseStateForUnknown()},
	}
}

// perWorkerCount is how many of a thing (GPUs, vCPUs) each worker gets; RunPod has a default.
func perWorkerCount(description string) schema.Int64Attribute {
	return schema.Int64Attribute{
		MarkdownDescription: description,
		Optional:            true,
		Computed:            true,
		Validators:          []validator.Int64{int64validator.AtLeast(1)},
		PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
	}
}
