package gputype

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// NewGPUTypesDataSource returns the runpod_gpu_types data source.
func NewGPUTypesDataSource() datasource.DataSource {
	d := &gpuTypesDataSource{}
	d.DataSource = providerutil.DataSource("_gpu_types", &d.client)
	return d
}

type gpuTypesDataSource struct {
	tfresource.DataSource[runpodapi.API]
	client runpodapi.API
}

type gpuTypesDataSourceModel struct {
	filterModel
	Manufacturer types.String   `tfsdk:"manufacturer"`
	IDs          types.List     `tfsdk:"ids"`
	GPUTypes     []gpuTypeModel `tfsdk:"gpu_types"`
}

func (d *gpuTypesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
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
	resp.Schema = schema.Schema{
		MarkdownDescription: "RunPod's GPU types with memory, availability per cloud, and prices for `gpu_count` GPUs, from " +
			"RunPod's GPU catalog (REST v2, the default: also serverless pools and prices, CUDA versions and stock per data " +
			"center; no spot prices) or its GraphQL API (REST v1, `api_version = \"v1\"`: also spot prices). The filters narrow " +
			"the list; types without a quoted price (out of stock) are listed unless `max_price_per_hour` is set.",
		Attributes: attrs,
	}
}

func (d *gpuTypesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data gpuTypesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	all, err := d.client.ListGPUTypes(ctx, runpodapi.GPUTypeQuery{GPUCount: int(data.gpuCount())})
	if err != nil {
		providerutil.AddAPIError(&resp.Diagnostics, "list GPU types", err)
		return
	}
	f := data.filter(data.Manufacturer, false)
	data.GPUTypes, data.IDs = tfvalue.Listed(selectTypes(all, f, data.orderBy()),
		func(g *runpodapi.GPUType) gpuTypeModel { return gpuTypeFromAPI(*g, f) },
		func(g *runpodapi.GPUType) string { return g.ID })
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
