package networkvolume

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod"
)

var (
	_ resource.ResourceWithConfigure   = (*volumeResource)(nil)
	_ resource.ResourceWithImportState = (*volumeResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*volumeResource)(nil)
)

// NewResource returns the runpod_network_volume resource.
func NewResource() resource.Resource { return &volumeResource{} }

type volumeResource struct{ client runpod.API }

func (r *volumeResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_network_volume"
}

func (r *volumeResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A RunPod network volume: persistent storage in one data center that outlives the pods and " +
			"serverless workers that mount it (pods and endpoints in the same data center take its `id` as `network_volume_id`).\n\n" +
			"`name` and a larger `size` change in place. A volume cannot shrink: a smaller `size` is refused at plan time, " +
			"never turned into a replacement that would lose the data. Another `data_center_id` replaces the volume (a new, empty one).\n\n" +
			"RunPod refuses to delete a volume that a pod or endpoint still uses; delete or detach those first " +
			"(Terraform does so when they reference the volume's `id`).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "RunPod's id of the network volume, such as `agv6w2qcg7`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Name of the volume. It need not be unique. Changes in place.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"size": schema.Int64Attribute{
				MarkdownDescription: "Size in GB, from 1 to 4000. It can grow in place (billing follows the size); " +
					"it cannot shrink: a smaller value is a plan-time error, since shrinking would lose data.",
				Required:   true,
				Validators: []validator.Int64{int64validator.Between(MinSize, MaxSize)},
			},
			"data_center_id": schema.StringAttribute{
				MarkdownDescription: "Data center that holds the volume, such as `EU-RO-1`; one of the data center ids of RunPod's " +
					"REST API spec: `" + strings.Join(runpod.DataCenterIDs(), "`, `") + "`. " +
					"Changing it replaces the volume with a new, empty one in the other data center.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.OneOf(runpod.DataCenterIDs()...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
		},
	}
}

func (r *volumeResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = providerutil.Client(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan refuses a shrink at plan time: RunPod has accepted shrinks, which lose data. A
// size known only after apply is judged when Terraform plans again during the apply, with the
// final values, before Update runs.
func (r *volumeResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return // create or destroy
	}
	var plan, prior volumeModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if from, to, shrinks := plan.shrink(prior); shrinks {
		resp.Diagnostics.AddAttributeError(path.Root("size"), shrinkSummary, shrinkDetail(prior.ID.ValueString(), from, to))
	}
}

func (r *volumeResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan volumeModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	nv, err := r.client.CreateNetworkVolume(ctx, plan.createInput())
	if err != nil {
		providerutil.AddAPIError(&resp.Diagnostics, "create network volume "+plan.Name.ValueString(), err)
		return
	}
	tflog.Info(ctx, "created network volume", map[string]any{"id": nv.ID, "data_center_id": nv.DataCenterID, "size": nv.Size})
	state := volumeFromAPI(nv)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *volumeResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state volumeModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	nv := providerutil.ReadOrRemove(ctx, resp, "network volume", state.ID.ValueString(), r.client.GetNetworkVolume)
	if nv == nil {
		return
	}
	state = volumeFromAPI(nv)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *volumeResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior volumeModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := prior.ID.ValueString()
	in := plan.updateInput(prior)
	if in.Name == nil && in.Size == nil {
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		return
	}
	nv, err := r.client.UpdateNetworkVolume(ctx, id, in)
	if err != nil {
		providerutil.AddAPIError(&resp.Diagnostics, "update network volume "+id, err)
		return
	}
	state := volumeFromAPI(nv)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *volumeResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state volumeModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	err := r.client.DeleteNetworkVolume(ctx, id)
	switch {
	case err == nil, runpod.IsNotFound(err):
	case runpod.StatusCode(err) == http.StatusBadRequest:
		// Most likely still in use; RunPod's own message says by what.
		resp.Diagnostics.AddError("Failed to delete network volume "+id, fmt.Sprintf(
			"While attempting to delete network volume %s, RunPod refused. RunPod does not delete a network volume that a pod "+
				"or endpoint still uses: delete those or detach the volume from them first. When they are in this configuration, "+
				"let them reference this volume's id so that Terraform deletes them before the volume.\n\nError: %s", id, err))
	default:
		providerutil.AddAPIError(&resp.Diagnostics, "delete network volume "+id, err)
	}
}

// ImportState imports a volume by its id.
func (r *volumeResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}
