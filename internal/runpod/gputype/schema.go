package gputype

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/validate"
)

// filterModel holds the inputs both data sources select and order GPU types by.
type filterModel struct {
	GPUCount        types.Int64   `tfsdk:"gpu_count"`
	CloudType       types.String  `tfsdk:"cloud_type"`
	MinMemoryInGb   types.Int64   `tfsdk:"min_memory_in_gb"`
	MaxPricePerHour types.Float64 `tfsdk:"max_price_per_hour"`
	OrderBy         types.String  `tfsdk:"order_by"`
}

func (m filterModel) gpuCount() int64 {
	if m.GPUCount.IsNull() || m.GPUCount.IsUnknown() {
		return 1
	}
	return m.GPUCount.ValueInt64()
}

func (m filterModel) orderBy() string {
	if m.OrderBy.IsNull() || m.OrderBy.ValueString() == "" {
		return OrderByPrice
	}
	return m.OrderBy.ValueString()
}

// filter builds the selection; manufacturer is its own attribute in each data source (an
// output too in runpod_gpu_type).
func (m filterModel) filter(manufacturer types.String, requirePrice bool) filter {
	f := filter{CloudType: CloudAll, MinMemoryInGb: m.MinMemoryInGb.ValueInt64(), Manufacturer: manufacturer.ValueString(), RequirePrice: requirePrice}
	if v := m.CloudType.ValueString(); v != "" {
		f.CloudType = v
	}
	if !m.MaxPricePerHour.IsNull() && !m.MaxPricePerHour.IsUnknown() {
		v := m.MaxPricePerHour.ValueFloat64()
		f.MaxPricePerHour = &v
	}
	return f
}

// filterAttributes are the inputs shared by runpod_gpu_type and runpod_gpu_types.
func filterAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"gpu_count": schema.Int64Attribute{
			MarkdownDescription: "Number of GPUs the prices are quoted for. Defaults to `1`.",
			Optional:            true,
			Validators:          []validator.Int64{int64validator.Between(1, 16)},
		},
		"cloud_type": schema.StringAttribute{
			MarkdownDescription: "Consider only GPU types offered in this cloud, and only its prices: `SECURE`, `COMMUNITY`, or `ALL` (the default).",
			Optional:            true,
			Validators:          []validator.String{stringvalidator.OneOf(CloudAll, CloudSecure, CloudCommunity)},
		},
		"min_memory_in_gb": schema.Int64Attribute{
			MarkdownDescription: "Consider only GPU types with at least this much GPU memory (VRAM), in GB.",
			Optional:            true,
			Validators:          []validator.Int64{int64validator.AtLeast(1)},
		},
		"max_price_per_hour": schema.Float64Attribute{
			MarkdownDescription: "Consider only GPU types whose on-demand price for `gpu_count` GPUs, in USD per hour, is at most this (in the cloud considered; a type without a quoted price does not match).",
			Optional:            true,
			Validators:          []validator.Float64{float64validator.AtLeast(0)},
		},
		"order_by": schema.StringAttribute{
			MarkdownDescription: "`price` (the default): cheapest on-demand price first, most memory breaking ties. `memory`: least memory first (the smallest GPU that fits), cheapest breaking ties.",
			Optional:            true,
			Validators:          []validator.String{stringvalidator.OneOf(OrderByPrice, OrderByMemory)},
		},
	}
}

const manufacturerFilterDescription = "Consider only GPU types of this manufacturer (`Nvidia`, `AMD`; case-insensitive)."

// gpuTypeAttributes describe one GPU type: computed in both data sources except the single
// one's id, which is also an input.
func gpuTypeAttributes(idInput bool) map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "RunPod's GPU type id, such as `NVIDIA GeForce RTX 4090`: what `gpu_type_ids` of pods and endpoints take.",
			Computed:            true,
		},
		"display_name": computedString("Short name, such as `RTX 4090`."),
		"manufacturer": computedString("Manufacturer, such as `Nvidia` or `AMD`."),
		"memory_in_gb": schema.Int64Attribute{MarkdownDescription: "GPU memory (VRAM) per GPU, in GB.", Computed: true},
		"max_gpu_count": schema.Int64Attribute{MarkdownDescription: "Most GPUs of this type one pod can have (with REST v2, the larger of " +
			"the two clouds' ceilings: a ceiling, not stock).", Computed: true},
		"secure_cloud":    schema.BoolAttribute{MarkdownDescription: "Whether Secure Cloud offers this type.", Computed: true},
		"community_cloud": schema.BoolAttribute{MarkdownDescription: "Whether Community Cloud offers this type.", Computed: true},
		"secure_price": computedPrice("Secure Cloud on-demand price for `gpu_count` GPUs, in USD per hour; null when none is " +
			"available now. REST v2 (the default): RunPod's list price of one GPU times `gpu_count`; REST v1: GraphQL's " +
			"`lowestPrice.uninterruptablePrice` for `gpu_count`."),
		"community_price": computedPrice("Community Cloud on-demand price for `gpu_count` GPUs, in USD per hour; null when none is " +
			"available now (computed as for `secure_price`)."),
		"secure_spot_price": computedPrice("Secure Cloud minimum spot bid for `gpu_count` GPUs, in USD per hour; null when none is " +
			"quoted. Always null with REST v2, which has no spot prices."),
		"community_spot_price": computedPrice("Community Cloud minimum spot bid for `gpu_count` GPUs, in USD per hour; null when none " +
			"is quoted. Always null with REST v2, which has no spot prices."),
		"secure_stock_status": computedString("Secure Cloud stock for `gpu_count` GPUs: `High`, `Medium`, `Low`, or null when out of " +
			"stock (REST v2's `HIGH`, `MEDIUM`, `LOW` and `NONE`, in the spelling GraphQL used)."),
		"community_stock_status": computedString("Community Cloud stock for `gpu_count` GPUs: `High`, `Medium`, `Low`, or null " +
			"when out of stock (as for `secure_stock_status`)."),
		"price_per_hour":      computedPrice("Lowest on-demand price for `gpu_count` GPUs among the clouds `cloud_type` considers, in USD per hour; null when none is available now."),
		"cheapest_cloud_type": computedString("The cloud (`SECURE` or `COMMUNITY`) that quotes `price_per_hour`."),
		"pool": computedString("The serverless GPU pool the type belongs to, such as `ADA_24`: endpoints on REST v2 are placed " +
			"by pool (REST v2 only). Null when the type is in no pool, and with REST v1, which does not report it."),
		"serverless_price": computedPrice("Serverless list price of one GPU of this type (its pool's), in USD per hour, whatever " +
			"`gpu_count` (REST v2 only; null with REST v1, and when the type is in no serverless pool)."),
		"cuda_versions": schema.ListAttribute{
			MarkdownDescription: "CUDA versions the machines with this type offer, oldest first, such as `[\"12.6\", \"12.8\"]` " +
				"(REST v2 only; empty with REST v1, and for types whose machines report none, such as AMD's).",
			Computed: true, ElementType: types.StringType,
		},
		"data_centers": schema.ListNestedAttribute{
			MarkdownDescription: "Where each cloud has `gpu_count` GPUs of this type now, with the stock there: Secure Cloud's data " +
				"centers first, then Community Cloud's (REST v2 only; empty with REST v1, which reports no stock per data center). " +
				"Use it to pick `data_center_ids`.",
			Computed: true,
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"id":           computedString("The data center, such as `EU-RO-1`."),
				"cloud_type":   computedString("`SECURE` or `COMMUNITY`."),
				"stock_status": computedString("`High`, `Medium`, `Low` or `None`."),
			}},
		},
	}
	if idInput {
		attrs["manufacturer"] = schema.StringAttribute{
			MarkdownDescription: manufacturerFilterDescription + " Read back as the picked type's manufacturer when not set.",
			Optional:            true,
			Computed:            true,
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		}
		attrs["id"] = schema.StringAttribute{
			MarkdownDescription: "RunPod's GPU type id, such as `NVIDIA GeForce RTX 4090`. Set it to look up that type; " +
				"leave it out to pick the best match for the filters. This is what `gpu_type_ids` of pods and endpoints take.",
			Optional: true,
			Computed: true,
			Validators: []validator.String{
				validate.GPUTypeID(),
			},
		}
	}
	return attrs
}

func computedString(desc string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
}

func computedPrice(desc string) schema.Float64Attribute {
	return schema.Float64Attribute{MarkdownDescription: desc, Computed: true}
}
