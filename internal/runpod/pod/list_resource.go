package pod

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/validate"
)

// NewListResource returns the runpod_pod list resource: `terraform query` finds the account's
// pods with the one list call a refresh makes, and generates their configuration from what the
// resource's Read maps after an import.
func NewListResource() list.ListResource {
	return providerutil.List(providerutil.ListSpec[runpodapi.Pod, podFilters, podModel]{
		Suffix: "_pod",
		Description: "The account's pods (serverless workers and terminated pods excluded), optionally filtered, for " +
			"`terraform query`: each with its identity and, with `include_resource`, the `runpod_pod` its import would read.",
		Filters: map[string]listschema.Attribute{
			"name":           tfresource.ListFilter("Only pods with exactly this name."),
			"desired_status": tfresource.ListFilter("Only pods in this status: `RUNNING` or `EXITED`.", stringvalidator.OneOf(statusRunning, statusExited)),
			"image_name":     tfresource.ListFilter("Only pods running exactly this image."),
			"gpu_type_id":    tfresource.ListFilter("Only pods with this GPU type, such as `NVIDIA GeForce RTX 4090`.", validate.GPUTypeID()),
			"data_center_id": tfresource.ListFilter("Only pods in this data center, such as `EU-RO-1`."),
		},
		What: "pods",
		Fetch: func(ctx context.Context, client runpodapi.API, f podFilters) ([]runpodapi.Pod, error) {
			pods, err := client.ListPods(ctx, runpodapi.PodListFilter{
				Name: f.Name.ValueString(), DesiredStatus: f.DesiredStatus.ValueString(),
				ImageName: f.ImageName.ValueString(), GPUTypeID: f.GPUTypeID.ValueString(),
			})
			return slices.DeleteFunc(pods, func(p runpodapi.Pod) bool {
				dataCenter := "" // not placed yet
				if p.Machine != nil {
					dataCenter = p.Machine.DataCenterID
				}
				return !tfresource.Matches(f.DataCenterID, dataCenter)
			}), err
		},
		Name: func(p runpodapi.Pod) (string, string) { return p.ID, p.Name },
		Fill: func(_ context.Context, p runpodapi.Pod, m *podModel) { m.fromAPI(&p) },
	})
}

type podFilters struct {
	Name          types.String `tfsdk:"name"`
	DesiredStatus types.String `tfsdk:"desired_status"`
	ImageName     types.String `tfsdk:"image_name"`
	GPUTypeID     types.String `tfsdk:"gpu_type_id"`
	DataCenterID  types.String `tfsdk:"data_center_id"`
}
