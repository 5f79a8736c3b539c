package networkvolume

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// NewListResource returns the runpod_network_volume list resource, for `terraform query`.
func NewListResource() list.ListResource {
	return providerutil.List(providerutil.ListSpec[runpodapi.NetworkVolume, volumeFilters, volumeModel]{
		Suffix: "_network_volume",
		Description: "The account's network volumes, optionally filtered, for `terraform query`: each with its identity " +
			"and, with `include_resource`, the `runpod_network_volume` its import would read.",
		Filters: map[string]listschema.Attribute{
			"name":           tfresource.ListFilter("Only volumes with exactly this name."),
			"data_center_id": tfresource.ListFilter("Only volumes in this data center, such as `EU-RO-1`."),
		},
		What: "network volumes",
		Fetch: func(ctx context.Context, client runpodapi.API, f volumeFilters) ([]runpodapi.NetworkVolume, error) {
			all, err := client.ListNetworkVolumes(ctx)
			return slices.DeleteFunc(all, func(v runpodapi.NetworkVolume) bool {
				return !tfresource.Matches(f.Name, v.Name) || !tfresource.Matches(f.DataCenterID, v.DataCenterID)
			}), err
		},
		Name: func(v runpodapi.NetworkVolume) (string, string) { return v.ID, v.Name },
		Fill: func(_ context.Context, v runpodapi.NetworkVolume, m *volumeModel) { *m = m.withAPI(&v) },
	})
}

type volumeFilters struct {
	Name         types.String `tfsdk:"name"`
	DataCenterID types.String `tfsdk:"data_center_id"`
}
