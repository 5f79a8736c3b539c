package networkvolume

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/validate"
)

// NewDataSource returns the runpod_network_volume data source.
func NewDataSource() datasource.DataSource {
	d := &volumeDataSource{}
	d.DataSource = providerutil.DataSource("_network_volume", &d.client)
	return d
}

type volumeDataSource struct {
	tfresource.DataSource[runpodapi.API]
	client runpodapi.API
}

func (d *volumeDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := volumeAttributes(true)
	id, ok := attrs["id"].(schema.StringAttribute)
	if !ok {
		resp.Diagnostics.AddError("Provider bug", "The runpod_network_volume id attribute is not a string attribute. Please report this.")
		return
	}
	id.Validators = []validator.String{validate.ObjectID()}
	attrs["id"] = id
	resp.Schema = schema.Schema{
		MarkdownDescription: "One RunPod network volume of the account, by id: its name, size, data center and tier " +
			"(for example to attach a volume made outside this configuration to a pod in the same data center).",
		Attributes: attrs,
	}
}

func (d *volumeDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data volumeModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := data.ID.ValueString()
	read := func(ctx context.Context, id string) (*runpodapi.NetworkVolume, error) {
		return runpodapi.ReadNetworkVolume(ctx, d.client, id)
	}
	nv := providerutil.GetByID(ctx, &resp.Diagnostics, "network volume", id, read,
		fmt.Sprintf("The RunPod account has no network volume %q. The runpod_network_volumes data source lists the "+
			"account's volumes with their ids.", id))
	if nv == nil {
		return
	}
	data = volumeFromAPI(nv)
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
