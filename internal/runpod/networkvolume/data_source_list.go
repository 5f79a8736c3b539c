package networkvolume

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/datacenter"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// NewListDataSource returns the runpod_network_volumes data source.
func NewListDataSource() datasource.DataSource {
	return providerutil.DataSource("_network_volumes", volumesSchema, readVolumes)
}

type volumesDataSourceModel struct {
	Name           types.String  `tfsdk:"name"`
	DataCenterID   types.String  `tfsdk:"data_center_id"`
	IDs            types.List    `tfsdk:"ids"`
	NetworkVolumes []volumeModel `tfsdk:"network_volumes"`
}

func volumesSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "The RunPod account's network volumes, optionally only those with a name or in a data center, " +
			"ordered by id.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: "List only volumes with exactly this name (names need not be unique).",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"data_center_id": schema.StringAttribute{
				MarkdownDescription: "List only volumes in this data center, such as `EU-RO-1`. An id that the API in use does not " +
					"list (REST v2: RunPod's catalog of data centers; REST v1: its enum) is an error, unless a volume of the account " +
					"is there.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"ids": schema.ListAttribute{
				MarkdownDescription: "Ids of the volumes listed, in `network_volumes` order.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"network_volumes": schema.ListNestedAttribute{
				MarkdownDescription: "The volumes that match, ordered by id.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: volumeAttributes(false)},
			},
		},
	}
}

func readVolumes(ctx context.Context, client runpodapi.API, data *volumesDataSourceModel, diags *diag.Diagnostics) {
	all, err := client.ListNetworkVolumes(ctx)
	if err != nil {
		providerutil.AddAPIError(diags, "list network volumes", err)
		return
	}
	dc := data.DataCenterID.ValueString()
	if dc != "" && !slices.ContainsFunc(all, func(nv runpodapi.NetworkVolume) bool { return nv.DataCenterID == dc }) {
		// No volume there: a typo would list none without saying why.
		catalog, err := client.ListDataCenters(ctx)
		if err != nil {
			providerutil.AddAPIError(diags, "list data centers to check data_center_id", err)
			return
		}
		if p := datacenter.CheckListed(catalog, client.Backend(), "data_center_id", dc); p != nil {
			diags.AddAttributeError(path.Root("data_center_id"), p.Summary, p.Detail)
			return
		}
	}
	data.NetworkVolumes, data.IDs = tfvalue.Listed(selectVolumes(all, data.Name.ValueString(), dc), volumeFromAPI,
		func(nv *runpodapi.NetworkVolume) string { return nv.ID })
}
