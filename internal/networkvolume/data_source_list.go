package networkvolume

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod"
	"github.com/runpod-community/terraform-provider-runpod/internal/tfvalue"
)

var _ datasource.DataSourceWithConfigure = (*volumesDataSource)(nil)

// NewListDataSource returns the runpod_network_volumes data source.
func NewListDataSource() datasource.DataSource { return &volumesDataSource{} }

type volumesDataSource struct{ client runpod.API }

type volumesDataSourceModel struct {
	Name           types.String  `tfsdk:"name"`
	DataCenterID   types.String  `tfsdk:"data_center_id"`
	IDs            types.List    `tfsdk:"ids"`
	NetworkVolumes []volumeModel `tfsdk:"network_volumes"`
}

func (d *volumesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_network_volumes"
}

func (d *volumesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The RunPod account's network volumes, optionally only those with a name or in a data center, " +
			"ordered by id.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: "List only volumes with exactly this name (names need not be unique).",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"data_center_id": schema.StringAttribute{
				MarkdownDescription: "List only volumes in this data center, such as `EU-RO-1`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(runpod.DataCenterIDs()...)},
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

func (d *volumesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = providerutil.Client(req.ProviderData, &resp.Diagnostics)
}

func (d *volumesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data volumesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	all, err := d.client.ListNetworkVolumes(ctx)
	if err != nil {
		providerutil.AddAPIError(&resp.Diagnostics, "list network volumes", err)
		return
	}
	selected := selectVolumes(all, data.Name.ValueString(), data.DataCenterID.ValueString())
	data.NetworkVolumes = make([]volumeModel, len(selected))
	ids := make([]string, len(selected))
	for i := range selected {
		data.NetworkVolumes[i] = volumeFromAPI(&selected[i])
		ids[i] = selected[i].ID
	}
	data.IDs = tfvalue.StringList(ids)
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
