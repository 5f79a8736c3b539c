package gputype

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// NewGPUTypesDataSource returns the runpod_gpu_types data source.
func NewGPUTypesDataSource() datasource.DataSource {
	return providerutil.DataSource("_gpu_types", gpuTypesSchema, readGPUTypes)
}

type gpuTypesDataSourceModel struct {
	filterModel
	Manufacturer types.String   `tfsdk:"manufacturer"`
	IDs          types.List     `tfsdk:"ids"`
	GPUTypes     []gpuTypeModel `tfsdk:"gpu_types"`
}

func gpuTypesSchema() schema.Schema {
	attrs := filterAttributes()
	attrs["manufacturer"] = schema.StringAttribute{
		MarkdownDescription: manufacturerFilterDescription,
		Optional:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	attrs["ids"] = schema.ListAttribute{
		MarkdownDescription: "Ids of the GPU types listed, in `gpu_types` order.",
		ElementType:         types.StringType,
		Computed:            true,
	}
	nested := gpuTypeAttributes(false)
	attrs["gpu_types"] = schema.ListNestedAttribute{
		MarkdownDescription: "The GPU types that match the filters, ordered by `order_by`, with their memory, " +
			"availability per cloud and prices for `gpu_count` GPUs.",
		Computed:     true,
		NestedObject: schema.NestedAttributeObject{Attributes: maps.Clone(nested)},
	}
	return schema.Schema{
		MarkdownDescription: "RunPod's GPU types with memory, availability per cloud, and prices for `gpu_count` GPUs, from " +
			"RunPod's GPU catalog (REST v2, the default: also serverless pools and prices, CUDA versions and stock per data " +
			"center; no spot prices) or its GraphQL API (REST v1, `api_version = \"v1\"`: also spot prices). The filters narrow " +
			"the list; types without a quoted price (out of stock) are listed unless `max_price_per_hour` is set.",
		Attributes: attrs,
	}
}

func readGPUTypes(ctx context.Context, client runpodapi.API, data *gpuTypesDataSourceModel, diags *diag.Diagnostics) {
	all, err := client.ListGPUTypes(ctx, runpodapi.GPUTypeQuery{GPUCount: int(data.gpuCount())})
	if err != nil {
		providerutil.AddAPIError(diags, "list GPU types", err)
		return
	}
	f := data.filter(data.Manufacturer, false)
	data.GPUTypes, data.IDs = tfvalue.Listed(selectTypes(all, f, data.orderBy()),
		func(g *runpodapi.GPUType) gpuTypeModel { return gpuTypeFromAPI(*g, f) },
		func(g *runpodapi.GPUType) string { return g.ID })
}
