package endpoint

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/planmodify"
	"github.com/runpod-community/terraform-provider-runpod/internal/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod"
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

type endpointResource struct{ client runpod.API }

func (r *endpointResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_endpoint"
}

var (
	dataCenterPattern = regexp.MustCompile(`^[A-Z]+-[A-Z]+-[0-9]+$`)
	cudaPattern       = regexp.MustCompile(`^[0-9]+\.[0-9]+$`)
	cpuFlavorPattern  = regexp.MustCompile(`^cpu[0-9]+[a-z]+$`)
)

// Validators of catalog values check the form only: RunPod adds GPU types, data centers,
// CUDA versions and CPU flavors over time, and the API names the ones it does not know.
var (
	dataCenterValidator = stringvalidator.RegexMatches(dataCenterPattern, "must be a RunPod data center id, such as EU-RO-1 or US-TX-3")
	cudaValidator       = stringvalidator.RegexMatches(cudaPattern, "must be a CUDA version such as 12.4")
	cpuFlavorValidator  = stringvalidator.RegexMatches(cpuFlavorPattern, "must be a RunPod CPU flavor id, such as cpu3c or cpu5g")
)

const releaseNote = " Changing it rolls out a new release: the plan warns, and workers restart."

func (r *endpointResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	useState := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	useStateInt := []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A RunPod serverless endpoint: workers that run a serverless template's container and scale " +
			"with the request queue.\n\n" +
			"Changing `name`, `scaler_type`, `scaler_value`, `workers_min`, `workers_max`, `idle_timeout`, " +
			"`execution_timeout_ms` or `flashboot` updates the endpoint in place. Changing any other setting (template, " +
			"GPU or CPU shape, data centers, network volumes, CUDA versions) makes RunPod roll out a new release: workers " +
			"restart with the new settings. The plan says so with a warning naming the endpoint and the attributes, and " +
			"shows `version` as known after apply. Only `compute_type` forces a new endpoint (with a new id, so a new URL).\n\n" +
			"Destroying an endpoint first scales it to zero workers (`workers_min` and `workers_max`), because RunPod " +
			"refuses to delete an endpoint that has workers (an assumption carried over from RunPod's GraphQL " +
			"`deleteEndpoint`; not verified for REST v1).",
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
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 191)},
				PlanModifiers:       useState,
			},
			"template_id": schema.StringAttribute{
				MarkdownDescription: "Id of the serverless template (`is_serverless = true`) the workers run, such as " +
					"`runpod_template.worker.id`." + releaseNote,
				Required:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
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
					"`[\"NVIDIA GeForce RTX 4090\"]` (the `runpod_gpu_type` data source finds ids). RunPod picks them when " +
					"not set." + releaseNote,
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				Validators: []validator.List{
					listvalidator.SizeAtLeast(1), listvalidator.UniqueValues(),
					listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1)),
				},
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
					"(`cpu3c`, `cpu3g`, `cpu5c`, `cpu5g`)." + releaseNote,
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				Validators: []validator.List{
					listvalidator.SizeAtLeast(1), listvalidator.UniqueValues(), listvalidator.ValueStringsAre(cpuFlavorValidator),
				},
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
					"not set." + releaseNote,
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(dataCenterValidator),
				},
				PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
			"network_volume_id": schema.StringAttribute{
				MarkdownDescription: "Id of a network volume to mount in every worker (at `/runpod-volume`). Workers then run " +
					"only in the volume's data center. Removing it detaches the volume." + releaseNote,
				Optional: true,
				Validators: []validator.String{
					stringvalidator.LengthAtLeast(1),
					stringvalidator.ConflictsWith(path.MatchRoot("network_volume_ids")),
				},
			},
			"network_volume_ids": schema.SetAttribute{
				MarkdownDescription: "Multi-region endpoints: ids of network volumes, one per data center, each worker mounting " +
					"the one in its data center. Use instead of `network_volume_id`." + releaseNote,
				ElementType: types.StringType,
				Optional:    true,
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1)),
				},
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
				MarkdownDescription: "GPU endpoints: the lowest CUDA version workers' hosts may have, such as `12.4`." + releaseNote,
				Optional:            true,
				Validators:          []validator.String{cudaValidator},
			},
			"execution_timeout_ms": schema.Int64Attribute{
				MarkdownDescription: "Longest a request may run, in milliseconds, before its worker is stopped and the request " +
					"fails (RunPod's default is 600000, 10 minutes). Changes in place.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers: useStateInt,
			},
			"flashboot": schema.BoolAttribute{
				MarkdownDescription: "Whether FlashBoot keeps worker images warm for faster cold starts. Changes in place. " +
					"RunPod accepts it but never reports it back: the provider keeps the configured value, cannot detect a " +
					"change made elsewhere, and leaves the setting alone when the attribute is removed (set `false` to turn it " +
					"off). After an import it is unknown to Terraform, so the first apply sets it to the configured value.",
				Optional: true,
			},
			"idle_timeout": schema.Int64Attribute{
				MarkdownDescription: "Seconds a worker may stay idle before it is scaled down, 1 to 3600 (RunPod's default is 5). " +
					"Changes in place.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.Int64{int64validator.Between(1, 3600)},
				PlanModifiers: useStateInt,
			},
			"scaler_type": schema.StringAttribute{
				MarkdownDescription: "How workers scale: `QUEUE_DELAY` (the default) adds a worker when a request waited " +
					"`scaler_value` seconds in the queue; `REQUEST_COUNT` keeps queued requests / `scaler_value` workers. " +
					"Changes in place.",
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
					"setting here, or of the template's image, env, ports, disk or start command).",
				Computed:      true,
				PlanModifiers: useStateInt,
			},
			"user_id": schema.StringAttribute{
				MarkdownDescription: "Id of the RunPod user that owns the endpoint.",
				Computed:            true,
				PlanModifiers:       useState,
			},
			// No UseStateForUnknown: the template may change in the same apply as the endpoint.
			"template_image_name": schema.StringAttribute{
				MarkdownDescription: "Container image of the endpoint's template, the image its workers run.",
				Computed:            true,
			},
			"worker_count": schema.Int64Attribute{
				MarkdownDescription: "Workers the endpoint has now, as RunPod reported them at the last refresh (it changes with load).",
				Computed:            true,
			},
			"timeouts": timeouts.Attributes(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
		},
	}
}

func (r *endpointResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = providerutil.Client(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig refuses settings of the other compute type (RunPod would ignore them and
// the plan would never settle) and workers_min above workers_max.
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
	checkWorkers(cfg.WorkersMin, cfg.WorkersMax, &resp.Diagnostics)
}

func (r *endpointResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var plan resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// One of the two may come from the state or RunPod's default: check the planned pair.
	checkWorkers(plan.WorkersMin, plan.WorkersMax, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	release := planmodify.DisruptiveUpdate{
		Triggers: rollingAttributes,
		Unknown:  releaseAttributes,
		Warning: func(ctx context.Context, changed []string, _ planmodify.PlanReader) (string, string) {
			var state resourceModel
			resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
			label := describe(plan.Name, state.Name, state.ID)
			return "Endpoint " + label + " will roll out a new release",
				fmt.Sprintf("Changing %s of endpoint %s will roll out a new release: workers restart with the new "+
					"settings, and version increases. Only %s change without a release.",
					planmodify.List(changed), label, planmodify.List(inPlaceAttributes))
		},
	}
	release.Mark(ctx, req, resp)
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

func (r *endpointResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
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

	created, err := r.client.CreateEndpoint(ctx, in)
	if err != nil {
		providerutil.AddAPIError(&resp.Diagnostics, "create endpoint", err)
		return
	}
	tflog.Info(ctx, "created endpoint", map[string]any{"id": created.ID})
	// Save what RunPod answered at once: if reading it back fails, the endpoint is in the
	// state (tainted), not orphaned.
	state := plan
	state.fromAPI(created, plan.endpointModel)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.readInto(ctx, created.ID, &state, plan.endpointModel, &resp.Diagnostics, "read endpoint "+created.ID+" after creating it")
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// readInto reads the endpoint with its template and workers into m; on failure it reports
// the error and leaves m as it was.
func (r *endpointResource) readInto(ctx context.Context, id string, m *resourceModel, prior endpointModel, diags *diag.Diagnostics, action string) {
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
	ep := providerutil.ReadOrRemove(ctx, resp, "endpoint", state.ID.ValueString(), r.client.GetEndpoint)
	if ep == nil {
		return
	}
	state.fromAPI(ep, state.endpointModel)
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
	next := plan
	if !isEmpty(in) {
		updated, err := r.client.UpdateEndpoint(ctx, id, in)
		if err != nil {
			providerutil.AddAPIError(&resp.Diagnostics, "update endpoint "+id, err)
			return
		}
		tflog.Info(ctx, "updated endpoint", map[string]any{"id": id, "rolling_release": in.TriggersRollingRelease()})
		next.fromAPI(updated, plan.endpointModel)
	} else {
		next.endpointModel = state.endpointModel
	}
	r.readInto(ctx, id, &next, plan.endpointModel, &resp.Diagnostics, "read endpoint "+id+" after updating it")
	keepPlannedRelease(ctx, &next, plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
}

// keepPlannedRelease keeps the planned version where the plan knew it. It differs from
// RunPod's answer only when the endpoint's template changed in the same apply (which rolls
// out a release on RunPod's side, and which this endpoint's plan could not see): Terraform
// requires the planned value, and the next refresh records RunPod's.
func keepPlannedRelease(ctx context.Context, m *resourceModel, plan resourceModel) {
	if !plan.Version.IsUnknown() && !plan.Version.Equal(m.Version) {
		tflog.Info(ctx, "endpoint rolled out a release not in its plan (its template changed); the next refresh records it",
			map[string]any{"id": m.ID.ValueString(), "planned_version": plan.Version.ValueInt64(), "version": m.Version.ValueInt64()})
		m.Version = plan.Version
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
	scaledDown := false
	// scaleDown sets both worker bounds to zero; it returns false when Delete should stop
	// (the endpoint is gone already, or the call failed).
	scaleDown := func() bool {
		scaledDown = true
		_, err := r.client.UpdateEndpoint(ctx, id, runpod.EndpointUpdateInput{WorkersMin: runpod.Ptr(0), WorkersMax: runpod.Ptr(0)})
		if err != nil && !runpod.IsNotFound(err) {
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
	if err != nil && !scaledDown && runpod.StatusCode(err) == http.StatusBadRequest {
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

func (r *endpointResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}
