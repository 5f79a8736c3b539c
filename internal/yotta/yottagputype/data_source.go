// Package yottagputype is Yotta's GPU catalogue: the yotta_gpu_types data source.
package yottagputype

import (
	"context"
	"regexp"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottautil"
)

// NewListDataSource returns the yotta_gpu_types data source.
func NewListDataSource() datasource.DataSource {
	return yottautil.DataSource("_gpu_types", gpuTypesSchema, readGPUTypes)
}

type model struct {
	GPUType     types.String   `tfsdk:"gpu_type"`
	Region      types.String   `tfsdk:"region"`
	Available   types.Bool     `tfsdk:"available"`
	MinVRAMInGB types.Int64    `tfsdk:"min_vram_in_gb"`
	GPUTypes    []gpuTypeModel `tfsdk:"gpu_types"`
	IDs         types.List     `tfsdk:"ids"`
}

type gpuTypeModel struct {
	GPUType          types.String `tfsdk:"gpu_type"`
	VRAMInGB         types.Int64  `tfsdk:"vram_in_gb"`
	Regions          []regionView `tfsdk:"regions"`
	AvailableRegions []string     `tfsdk:"available_regions"`
}

type regionView struct {
	Region     types.String `tfsdk:"region"`
	RegionName types.String `tfsdk:"region_name"`
	Available  types.Bool   `tfsdk:"available"`
	VMTypeID   types.String `tfsdk:"vm_type_id"`
}

func gpuTypesSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Yotta's GPU types and their availability by region (`GET /v2/vms/types`), in Yotta's order, " +
			"optionally filtered. Yotta reports no prices or specs here: `vram_in_gb` is read from the type's code " +
			"(`NVIDIA_RTX_4090_24G` has 24 GB), and a pod reports its price and per-card specs once created.",
		Attributes: map[string]schema.Attribute{
			"gpu_type": schema.StringAttribute{
				MarkdownDescription: "Only this GPU type, such as `NVIDIA_H100_80G`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"region": schema.StringAttribute{
				MarkdownDescription: "Only types offered in this region, such as `us-east-1`; each type's `regions` then lists this region only.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"available": schema.BoolAttribute{
				MarkdownDescription: "`true`: only types available now (in `region`, when set), with `regions` narrowed to where they are " +
					"available. Yotta reports availability as a yes or no, not a count.",
				Optional: true,
			},
			"min_vram_in_gb": schema.Int64Attribute{
				MarkdownDescription: "Only types with at least this much GPU memory per card (read from the code), in GB.",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"gpu_types": schema.ListNestedAttribute{
				MarkdownDescription: "The GPU types that match.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"gpu_type": schema.StringAttribute{MarkdownDescription: "The code a `yotta_pod` takes as `gpu_type`.", Computed: true},
					"vram_in_gb": schema.Int64Attribute{
						MarkdownDescription: "GPU memory per card, in GB, read from the code (null when the code has no `_<n>G` suffix).",
						Computed:            true,
					},
					"regions": schema.ListNestedAttribute{
						MarkdownDescription: "Where the type is offered.",
						Computed:            true,
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"region":      schema.StringAttribute{MarkdownDescription: "The region's code, for a pod's `regions`.", Computed: true},
							"region_name": schema.StringAttribute{MarkdownDescription: "The region's name.", Computed: true},
							"available":   schema.BoolAttribute{MarkdownDescription: "Whether Yotta has the type available there now.", Computed: true},
							"vm_type_id":  schema.StringAttribute{MarkdownDescription: "Yotta's VM type id of the type in the region.", Computed: true},
						}},
					},
					"available_regions": schema.ListAttribute{
						MarkdownDescription: "The codes of the regions where the type is available now.",
						ElementType:         types.StringType,
						Computed:            true,
					},
				}},
			},
			"ids": schema.ListAttribute{
				MarkdownDescription: "The codes of the GPU types that match, in the same order.",
				ElementType:         types.StringType,
				Computed:            true,
			},
		},
	}
}

// vramSuffix reads the memory in a type's code: NVIDIA_RTX_4090_24G, AMD_MI300X_192G.
var vramSuffix = regexp.MustCompile(`_([0-9]+)GB?$`)

// VRAMInGB returns the GPU memory a type's code states, or 0.
func VRAMInGB(code string) int64 {
	m := vramSuffix.FindStringSubmatch(code)
	if m == nil {
		return 0
	}
	n, _ := strconv.ParseInt(m[1], 10, 64)
	return n
}

func readGPUTypes(ctx context.Context, client *yottaapi.Client, m *model, diags *diag.Diagnostics) {
	all, err := client.ListGPUTypes(ctx)
	if err != nil {
		yottautil.AddAPIError(diags, "list GPU types", err)
		return
	}
	out := []gpuTypeModel{}
	codes := []string{}
	for _, g := range all {
		if !m.GPUType.IsNull() && g.GPUType != m.GPUType.ValueString() {
			continue
		}
		vram := VRAMInGB(g.GPUType)
		if !m.MinVRAMInGB.IsNull() && vram < m.MinVRAMInGB.ValueInt64() {
			continue
		}
		row := gpuTypeModel{GPUType: types.StringValue(g.GPUType), VRAMInGB: types.Int64Null(), Regions: []regionView{}, AvailableRegions: []string{}}
		if vram > 0 {
			row.VRAMInGB = types.Int64Value(vram)
		}
		for _, r := range g.Regions {
			if !m.Region.IsNull() && r.Region != m.Region.ValueString() {
				continue
			}
			if m.Available.ValueBool() && !r.Available {
				continue
			}
			row.Regions = append(row.Regions, regionView{
				Region: types.StringValue(r.Region), RegionName: types.StringValue(r.RegionName),
				Available: types.BoolValue(r.Available), VMTypeID: types.StringValue(string(r.VMTypeID)),
			})
			if r.Available {
				row.AvailableRegions = append(row.AvailableRegions, r.Region)
			}
		}
		if (!m.Region.IsNull() || m.Available.ValueBool()) && len(row.Regions) == 0 {
			continue
		}
		out = append(out, row)
		codes = append(codes, g.GPUType)
	}
	m.GPUTypes, m.IDs = out, tfvalue.StringList(codes)
}
