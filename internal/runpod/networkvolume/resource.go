package networkvolume

import (
	"context"
	"fmt"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/datacenter"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/validate"
)

var (
	_ resource.ResourceWithImportState = (*volumeResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*volumeResource)(nil)
)

// NewResource returns the runpod_network_volume resource.
func NewResource() resource.Resource {
	return &volumeResource{Resource: providerutil.Resource("_network_volume")}
}

type volumeResource struct {
	tfresource.Resource[runpodapi.API]
	tfresource.ImportByID // Read fills in the rest
}

func (r *volumeResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A RunPod network volume: persistent storage in one data center that outlives the pods and " +
			"serverless workers that mount it (pods and endpoints in the same data center take its `id` as `network_volume_id`).\n\n" +
			"`name` and a larger `size` change in place. A volume cannot shrink: a smaller `size` is refused at plan time, " +
			"never turned into a replacement that would lose the data. Another `data_center_id` or `type` replaces the volume " +
			"(a new, empty one).\n\n" +
			"At plan time the provider checks `size` against the range of the API it uses (`api_version`), and `data_center_id` " +
			"(with `type`) against the data centers that API lists: with REST v2 (the default), RunPod's catalog of data centers and " +
			"the volume tiers each offers (the `runpod_data_centers` data source shows them); with REST v1, its enum of data center ids.\n\n" +
			"RunPod refuses to delete a volume that a pod or endpoint still uses; delete or detach those first " +
			"(Terraform does so when they reference the volume's `id`).",
		Attributes: map[string]schema.Attribute{
			"id": tfresource.IDAttribute("RunPod's id of the network volume, such as `agv6w2qcg7`."),
			"name": schema.StringAttribute{
				MarkdownDescription: "Name of the volume (at most 191 characters). It need not be unique. Changes in place.",
				Required:            true,
				Validators:          []validator.String{validate.Name()},
			},
			"size": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("Size in GB: %d to %d with REST v2 (the default), %d to %d with REST v1 "+
					"(`api_version = \"v1\"`); checked at plan time for the API in use. It can grow in place (billing follows the size); "+
					"it cannot shrink: a smaller value is a plan-time error, since shrinking would lose data.",
					minSizeV2, maxSizeV2, minSizeV1, maxSizeV1),
				Required:   true,
				Validators: []validator.Int64{int64validator.Between(MinSize, MaxSize)},
			},
			"data_center_id": schema.StringAttribute{
				MarkdownDescription: "Data center that holds the volume, such as `EU-RO-1`. Checked at plan time against the data " +
					"centers the API in use lists: with REST v2 (the default), RunPod's catalog, in which the data center must offer " +
					"network volumes of `type` (or any, when `type` is not set); with REST v1, its enum of data center ids. " +
					"Changing it replaces the volume with a new, empty one in the other data center.",
				Required: true,
				// Not validate.DataCenterID: the plan-time catalog check below says more (the closest ids).
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "Storage tier: `STANDARD` or `HIGH_PERFORMANCE`. REST v2 only: when not set, RunPod uses the " +
					"data center's default tier, and the provider reads it back. With REST v1 (`api_version = \"v1\"`), which " +
					"neither takes nor reports a tier, `HIGH_PERFORMANCE` is refused at plan time, `STANDARD` is recorded as " +
					"configured, and an unset tier stays null. Changing it replaces the volume with a new, empty one.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{stringvalidator.OneOf(TypeStandard, TypeHighPerformance)},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplace(),
				},
			},
		},
	}
}

// ModifyPlan refuses at plan time what RunPod would refuse, or do harmfully, at apply:
//   - a shrink (RunPod has accepted shrinks, which lose data);
//   - a size outside the range of the API in use (REST v2: 10..4096 GB; v1: 1..4000);
//   - for a new volume, a data center the API does not list, or one without the volume tier
//     (REST v2's catalog), and HIGH_PERFORMANCE on REST v1, which cannot ask for it.
//
// A value known only after apply is judged when Terraform plans again during the apply, with
// the final values, before Create or Update runs. A replacement is planned again as a create,
// so the data center and tier of the new volume are checked then.
func (r *volumeResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var plan, config, prior volumeModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	creating := req.State.Raw.IsNull()
	if !creating {
		resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	if !creating {
		if from, to, shrinks := plan.shrink(prior); shrinks {
			resp.Diagnostics.AddAttributeError(path.Root("size"), shrinkSummary, shrinkDetail(prior.ID.ValueString(), from, to))
			return
		}
	}
	if r.Client == nil {
		return // the provider is not configured yet: the plan during apply checks
	}
	b := r.Client.Backend()
	if size := plan.Size; !size.IsUnknown() && !size.IsNull() && (creating || !size.Equal(prior.Size)) {
		if lo, hi := sizeRange(b); size.ValueInt64() < lo || size.ValueInt64() > hi {
			resp.Diagnostics.AddAttributeError(path.Root("size"), "Network volume size out of range for "+apiName(b),
				fmt.Sprintf("size is %d GB, and RunPod's %s (%s) makes network volumes of %d to %d GB. Set size between %d and %d.",
					size.ValueInt64(), apiName(b), apiVersionSetting(b), lo, hi, lo, hi))
		}
	}
	if !creating {
		return // data center and tier are fixed: changing either replaces the volume, planned again as a create
	}
	if b == runpodapi.BackendV1 && config.Type.ValueString() == TypeHighPerformance {
		resp.Diagnostics.AddAttributeError(path.Root("type"), "Not supported by RunPod's REST v1",
			"type is \"HIGH_PERFORMANCE\", and RunPod's REST v1 (api_version = \"v1\") cannot ask for a volume tier: its volumes "+
				"are created without one. Remove type (or set \"STANDARD\"), or use REST v2 (api_version = \"v2\", the default).")
	}
	dc := plan.DataCenterID
	if dc.IsUnknown() || dc.IsNull() {
		return
	}
	tier := config.Type.ValueString() // "" when not set (the data center's default) or not known yet (then any tier here)
	catalog, err := r.Client.ListDataCenters(ctx)
	if err != nil {
		resp.Diagnostics.AddAttributeWarning(path.Root("data_center_id"), "Data center not checked",
			providerutil.APIErrorDetail("check data_center_id against RunPod's data centers", err)+
				"\n\nRunPod checks the data center when the volume is created.")
		return
	}
	if p := datacenter.CheckVolumeDataCenter(catalog, b, "data_center_id", dc.ValueString(), tier); p != nil {
		resp.Diagnostics.AddAttributeError(path.Root("data_center_id"), p.Summary, p.Detail)
	}
}

// apiName and apiVersionSetting name backend b in messages.
func apiName(b runpodapi.Backend) string {
	if b == runpodapi.BackendV1 {
		return "REST v1"
	}
	return "REST v2"
}

func apiVersionSetting(b runpodapi.Backend) string {
	if b == runpodapi.BackendV1 {
		return `api_version = "v1"`
	}
	return `api_version = "v2", the default`
}

func (r *volumeResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer tfresource.SetIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	ctx = providerutil.NoticeAdoptions(ctx, &resp.Diagnostics)
	var plan volumeModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	nv, err := r.Client.CreateNetworkVolume(ctx, plan.createInput())
	if err != nil {
		providerutil.AddAPIError(&resp.Diagnostics, "create network volume "+plan.Name.ValueString(), err)
		return
	}
	tflog.Info(ctx, "created network volume", map[string]any{"id": nv.ID, "data_center_id": nv.DataCenterID, "size": nv.Size, "type": nv.Type})
	state := plan.withAPI(nv)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *volumeResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer tfresource.SetReadIdentity(ctx, req, resp)
	var state volumeModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	nv := providerutil.ReadOrRemove(ctx, resp, "network volume", state.ID.ValueString(),
		func(ctx context.Context, id string) (*runpodapi.NetworkVolume, error) {
			return runpodapi.ReadNetworkVolume(ctx, r.Client, id) // from the provider instance's snapshot of all volumes
		})
	if nv == nil {
		return
	}
	state = state.withAPI(nv)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *volumeResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer tfresource.SetIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
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
	nv, err := r.Client.UpdateNetworkVolume(ctx, id, in)
	if err != nil {
		providerutil.AddAPIError(&resp.Diagnostics, "update network volume "+id, err)
		return
	}
	state := prior.withAPI(nv)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *volumeResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	id, ok := tfresource.StateID(ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	err := r.Client.DeleteNetworkVolume(ctx, id)
	switch {
	case err == nil, runpodapi.IsNotFound(err):
	case runpodapi.StatusCode(err) == http.StatusBadRequest:
		// Most likely still in use; RunPod's own message says by what.
		resp.Diagnostics.AddError("Failed to delete network volume "+id, fmt.Sprintf(
			"While attempting to delete network volume %s, RunPod refused. RunPod does not delete a network volume that a pod "+
				"or endpoint still uses: delete those or detach the volume from them first. When they are in this configuration, "+
				"let them reference this volume's id so that Terraform deletes them before the volume.\n\nError: %s", id, err))
	default:
		providerutil.AddAPIError(&resp.Diagnostics, "delete network volume "+id, err)
	}
}
