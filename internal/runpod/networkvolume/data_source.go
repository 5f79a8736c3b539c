package networkvolume

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/validate"
)

// NewDataSource returns the runpod_network_volume data source.
func NewDataSource() datasource.DataSource {
	return providerutil.DataSource("_network_volume", volumeSchema, readVolume)
}

func volumeSchema() schema.Schema {
	attrs := volumeAttributes(true)
	id := attrs["id"].(schema.StringAttribute) // volumeAttributes makes it
	id.Validators = []validator.String{validate.ObjectID()}
	attrs["id"] = id
	return schema.Schema{
		MarkdownDescription: "One RunPod network volume of the account, by id: its name, size, data center and tier " +
			"(for example to attach a volume made outside this configuration to a pod in the same data center).",
		Attributes: attrs,
	}
}

func readVolume(ctx context.Context, client runpodapi.API, data *volumeModel, diags *diag.Diagnostics) {
	id := data.ID.ValueString()
	read := func(ctx context.Context, id string) (*runpodapi.NetworkVolume, error) {
		return runpodapi.ReadNetworkVolume(ctx, client, id)
	}
	nv := providerutil.GetByID(ctx, diags, "network volume", id, read,
		fmt.Sprintf("The RunPod account has no network volume %q. The runpod_network_volumes data source lists the "+
			"account's volumes with their ids.", id))
	if nv == nil {
		return
	}
	*data = volumeFromAPI(nv)
}
