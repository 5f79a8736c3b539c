package yottavolume

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottautil"
)

// NewListResource returns the yotta_volume list resource, for `terraform query`. Yotta lists
// volumes by storage type: with storage_type set it is one list call, without it one per
// storage type (four).
func NewListResource() list.ListResource {
	return yottautil.List(yottautil.ListSpec[yottaapi.Volume, volumeFilters, volumeModel]{
		Suffix: "_volume",
		Description: "The account's volumes (those being deleted excluded), optionally filtered, for `terraform query`: each " +
			"with its identity and, with `include_resource`, the `yotta_volume` its import would read. Yotta lists volumes " +
			"by storage type: without `storage_type` the query makes one list call per type.",
		Filters: map[string]listschema.Attribute{
			"name":         tfresource.ListFilter("Only volumes with exactly this name."),
			"storage_type": tfresource.ListFilter("Only volumes of this storage type: `CEPH`, `VENDOR`, `S3` or `R2`.", stringvalidator.OneOf(yottaapi.StorageTypes...)),
			"region":       tfresource.ListFilter("Only volumes in this region, such as `us-east-1`."),
		},
		What: "volumes",
		Fetch: func(ctx context.Context, client *yottaapi.Client, f volumeFilters) ([]yottaapi.Volume, error) {
			storageTypes := yottaapi.StorageTypes
			if !f.StorageType.IsNull() {
				storageTypes = []string{f.StorageType.ValueString()}
			}
			var all []yottaapi.Volume
			for _, st := range storageTypes {
				volumes, err := client.ListVolumes(ctx, yottaapi.VolumeFilter{StorageType: st, Region: f.Region.ValueString()})
				if err != nil {
					return nil, err
				}
				all = append(all, volumes...)
			}
			return slices.DeleteFunc(all, func(v yottaapi.Volume) bool {
				return v.Status == yottaapi.VolumeDeleting || !tfresource.Matches(f.Name, v.Name)
			}), nil
		},
		Name: func(v yottaapi.Volume) (string, string) { return string(v.ID), v.Name },
		Fill: func(_ context.Context, v yottaapi.Volume, m *volumeModel) { m.fromAPI(&v) },
	})
}

type volumeFilters struct {
	Name        types.String `tfsdk:"name"`
	StorageType types.String `tfsdk:"storage_type"`
	Region      types.String `tfsdk:"region"`
}
