package gputype

import (
	"context"
	"fmt"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

var _ datasource.DataSourceWithValidateConfig = (*gpuTypeDataSource)(nil)

// NewGPUTypeDataSource returns the runpod_gpu_type data source.
func NewGPUTypeDataSource() datasource.DataSource {
	return &gpuTypeDataSource{providerutil.DataSource("_gpu_type", gpuTypeSchema, readGPUType)}
}

type gpuTypeDataSource struct {
	*tfresource.DataSource[runpodapi.API, gpuTypeDataSourceModel]
}

type gpuTypeDataSourceModel struct {
	filterModel
	gpuTypeModel
}

func gpuTypeSchema() schema.Schema {
	attrs := gpuTypeAttributes(true)
	maps.Copy(attrs, filterAttributes())
	return schema.Schema{
		MarkdownDescription: "One RunPod GPU type: by `id`, or the best match for the filters that RunPod can rent now " +
			"(an on-demand price is quoted), ordered by `order_by`. Prices are for `gpu_count` GPUs, from RunPod's GPU catalog " +
			"(REST v2, the default) or its GraphQL API (REST v1, `api_version = \"v1\"`). " +
			"Fails with a clear error when nothing matches.",
		Attributes: attrs,
	}
}

// ValidateConfig refuses selection filters beside an id: they would be silently ignored.
func (d *gpuTypeDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var data gpuTypeDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() || data.ID.IsNull() {
		return
	}
	for name, v := range map[string]attr.Value{
		"min_memory_in_gb": data.MinMemoryInGb, "max_price_per_hour": data.MaxPricePerHour,
		"manufacturer": data.Manufacturer, "order_by": data.OrderBy,
	} {
		if !v.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root(name), "Filter set beside id",
				fmt.Sprintf("%s selects among GPU types, but id already names one. Remove id to pick the best match "+
					"for the filters, or remove %s to look up the type by id (gpu_count and cloud_type still apply).", name, name))
		}
	}
}

func readGPUType(ctx context.Context, client runpodapi.API, data *gpuTypeDataSourceModel, diags *diag.Diagnostics) {
	gpuCount := data.gpuCount()
	id := data.ID.ValueString()
	all, err := client.ListGPUTypes(ctx, runpodapi.GPUTypeQuery{ID: id, GPUCount: int(gpuCount)})
	if err != nil {
		providerutil.AddAPIError(diags, "list GPU types", err)
		return
	}

	f := data.filter(data.Manufacturer, id == "")
	var picked []runpodapi.GPUType
	if id != "" {
		for _, g := range all {
			if g.ID == id {
				picked = append(picked, g)
			}
		}
		if len(picked) == 0 {
			diags.AddAttributeError(path.Root("id"), "GPU type not found",
				fmt.Sprintf("RunPod has no GPU type %q. Ids are full names such as \"NVIDIA GeForce RTX 4090\"; "+
					"the runpod_gpu_types data source lists them.", id))
			return
		}
		if !f.matches(picked[0]) {
			diags.AddError("GPU type not offered in that cloud",
				fmt.Sprintf("GPU type %q is not offered with %s.", id, f.describe(gpuCount)))
			return
		}
	} else {
		picked = selectTypes(all, f, data.orderBy())
		if len(picked) == 0 {
			diags.AddError("No GPU type matches",
				fmt.Sprintf("None of the %d GPU types RunPod lists can be rented now with %s. "+
					"Relax the filters (a higher max_price_per_hour, less memory, cloud_type = \"ALL\"), "+
					"or use the runpod_gpu_types data source to see every type with its prices.", len(all), f.describe(gpuCount)))
			return
		}
	}
	manufacturerFilter := data.Manufacturer
	data.gpuTypeModel = gpuTypeFromAPI(picked[0], f)
	if !manufacturerFilter.IsNull() {
		data.Manufacturer = manufacturerFilter // as configured (the match is case-insensitive)
	}
}
