// Package datacenter holds the runpod_data_centers data source: RunPod's data centers with
// where they are, what they hold and what they have in stock.
package datacenter

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/validate"
)

// NewListDataSource returns the runpod_data_centers data source.
func NewListDataSource() datasource.DataSource {
	return providerutil.DataSource("_data_centers", dataCentersSchema, readDataCenters)
}

type dataCentersModel struct {
	Region            types.String      `tfsdk:"region"`
	CountryCode       types.String      `tfsdk:"country_code"`
	GlobalNetwork     types.Bool        `tfsdk:"global_network"`
	NetworkVolumeType types.String      `tfsdk:"network_volume_type"`
	GPUTypeID         types.String      `tfsdk:"gpu_type_id"`
	IDs               types.List        `tfsdk:"ids"`
	DataCenters       []dataCenterModel `tfsdk:"data_centers"`
}

type dataCenterModel struct {
	ID                 types.String         `tfsdk:"id"`
	Name               types.String         `tfsdk:"name"`
	Region             types.String         `tfsdk:"region"`
	CountryCode        types.String         `tfsdk:"country_code"`
	Compliance         types.List           `tfsdk:"compliance"`
	GlobalNetwork      types.Bool           `tfsdk:"global_network"`
	NetworkVolumeTypes types.List           `tfsdk:"network_volume_types"`
	GPUAvailability    []gpuAvailabilityRow `tfsdk:"gpu_availability"`
}

type gpuAvailabilityRow struct {
	GPUTypeID   types.String `tfsdk:"gpu_type_id"`
	StockStatus types.String `tfsdk:"stock_status"`
}

func dataCentersSchema() schema.Schema {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	strs := func(desc string) schema.ListAttribute {
		return schema.ListAttribute{MarkdownDescription: desc, Computed: true, ElementType: types.StringType}
	}
	return schema.Schema{
		MarkdownDescription: "RunPod's data centers, optionally only those that match every filter set, ordered by id. " +
			"With REST v2 (the default) they come from RunPod's catalog, with region, compliance, global networking, network " +
			"volume tiers and GPU stock; REST v1 (`api_version = \"v1\"`) knows only the ids of its data center enum: the other " +
			"attributes are then null or empty, and only the `country_code` filter can be used. " +
			"`country_code` is read from the id (`EU-RO-1` is in Romania): RunPod's catalog has no country field.",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{
				MarkdownDescription: "List only data centers in this region: `NORTH_AMERICA`, `SOUTH_AMERICA`, `EUROPE`, `ASIA`, " +
					"`MIDDLE_EAST`, `AFRICA` or `OCEANIA` (REST v2 only: an error with REST v1, which reports no regions).",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf("NORTH_AMERICA", "SOUTH_AMERICA", "EUROPE", "ASIA", "MIDDLE_EAST", "AFRICA", "OCEANIA")},
			},
			"country_code": schema.StringAttribute{
				MarkdownDescription: "List only data centers in this country, as an ISO 3166-1 alpha-2 code such as `US`.",
				Optional:            true,
				Validators:          []validator.String{validate.CountryCode()},
			},
			"global_network": schema.BoolAttribute{
				MarkdownDescription: "`true` lists only data centers where pods can join RunPod's global network (`global_networking`), " +
					"`false` only the others (REST v2 only: an error with REST v1, which does not report it).",
				Optional: true,
			},
			"network_volume_type": schema.StringAttribute{
				MarkdownDescription: "List only data centers that offer network volumes of this tier: `STANDARD` or `HIGH_PERFORMANCE` " +
					"(REST v2 only: an error with REST v1, which does not report tiers).",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf("STANDARD", "HIGH_PERFORMANCE")},
			},
			"gpu_type_id": schema.StringAttribute{
				MarkdownDescription: "List only data centers that have this GPU type in stock now, such as `NVIDIA GeForce RTX 4090` " +
					"(REST v2 only: an error with REST v1, which reports no stock per data center).",
				Optional:   true,
				Validators: []validator.String{validate.GPUTypeID()},
			},
			"ids": schema.ListAttribute{
				MarkdownDescription: "Ids of the data centers listed, in `data_centers` order: what `data_center_ids` takes.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"data_centers": schema.ListNestedAttribute{
				MarkdownDescription: "The data centers that match, ordered by id.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":             str("The data center's id, such as `EU-RO-1`."),
					"name":           str("Its name, such as `EU Romania 1`; the id with REST v1, which has no names."),
					"region":         str("Its region, such as `EUROPE` (REST v2 only; null with REST v1)."),
					"country_code":   str("Its country, such as `RO`, read from the id; null when the id names none."),
					"compliance":     strs("Its compliance certifications, such as `GDPR` or `SOC_2_TYPE_2` (REST v2 only; empty with REST v1)."),
					"global_network": schema.BoolAttribute{MarkdownDescription: "Whether pods there can join RunPod's global network (REST v2 only; null with REST v1).", Computed: true},
					"network_volume_types": strs("The network volume tiers it offers: `STANDARD`, `HIGH_PERFORMANCE`; empty where it offers " +
						"no network volumes (REST v2 only; empty with REST v1)."),
					"gpu_availability": schema.ListNestedAttribute{
						MarkdownDescription: "The GPU types it offers, with their stock now (REST v2 only; empty with REST v1).",
						Computed:            true,
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"gpu_type_id":  str("The GPU type, such as `NVIDIA GeForce RTX 4090`."),
							"stock_status": str("`High`, `Medium`, `Low` or `None`."),
						}},
					},
				}},
			},
		},
	}
}

func readDataCenters(ctx context.Context, client runpodapi.API, data *dataCentersModel, diags *diag.Diagnostics) {
	backend := client.Backend()
	if backend == runpodapi.BackendV1 {
		diags.Append(v1Unsupported(*data)...)
		if diags.HasError() {
			return
		}
	}
	all, err := client.ListDataCenters(ctx)
	if err != nil {
		providerutil.AddAPIError(diags, "list data centers", err)
		return
	}
	data.DataCenters, data.IDs = tfvalue.Listed(selectDataCenters(all, *data),
		func(dc *runpodapi.DataCenter) dataCenterModel { return fromAPI(*dc, backend) },
		func(dc *runpodapi.DataCenter) string { return dc.ID })
}

// v1Unsupported refuses the filters REST v1 cannot answer: it knows the ids of its data
// center enum only, and a filter on what it does not report would list none (or, for
// global_network = false, all) without saying why.
func v1Unsupported(f dataCentersModel) diag.Diagnostics {
	var diags diag.Diagnostics
	for _, c := range []struct {
		name string
		v    attr.Value
		what string
	}{
		{"region", f.Region, "regions"},
		{"global_network", f.GlobalNetwork, "which data centers have global networking"},
		{"network_volume_type", f.NetworkVolumeType, "network volume tiers"},
		{"gpu_type_id", f.GPUTypeID, "GPU stock per data center"},
	} {
		if !c.v.IsNull() {
			diags.AddAttributeError(path.Root(c.name), "Not supported by RunPod's REST v1", fmt.Sprintf(
				"%s filters on %s, which only RunPod's REST v2 reports; this provider uses REST v1 (api_version = \"v1\"), which "+
					"knows only data center ids. Remove %s, or use REST v2 (api_version = \"v2\", the default).", c.name, c.what, c.name))
		}
	}
	return diags
}

// selectDataCenters returns the data centers of all that pass every filter set in f,
// ordered by id (all is left as it is).
func selectDataCenters(all []runpodapi.DataCenter, f dataCentersModel) []runpodapi.DataCenter {
	var out []runpodapi.DataCenter
	for _, dc := range all {
		if matches(dc, f) {
			out = append(out, dc)
		}
	}
	slices.SortFunc(out, func(a, b runpodapi.DataCenter) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// matches reports whether dc passes every filter set in f.
func matches(dc runpodapi.DataCenter, f dataCentersModel) bool {
	switch {
	case !f.Region.IsNull() && dc.Region != f.Region.ValueString():
		return false
	case !f.CountryCode.IsNull() && dc.Country != f.CountryCode.ValueString():
		return false
	case !f.GlobalNetwork.IsNull() && dc.GlobalNetwork != f.GlobalNetwork.ValueBool():
		return false
	case !f.NetworkVolumeType.IsNull() && !slices.Contains(dc.NetworkVolumeTypes, f.NetworkVolumeType.ValueString()):
		return false
	case !f.GPUTypeID.IsNull():
		return slices.ContainsFunc(dc.GPUAvailability, func(a runpodapi.Availability) bool {
			return a.ID == f.GPUTypeID.ValueString() && a.StockStatus != "" && a.StockStatus != "None"
		})
	}
	return true
}

// fromAPI maps one data center; what REST v1 does not report is null or empty.
func fromAPI(dc runpodapi.DataCenter, b runpodapi.Backend) dataCenterModel {
	m := dataCenterModel{
		ID: types.StringValue(dc.ID), Name: types.StringValue(dc.Name), Region: tfvalue.StringOrNull(dc.Region),
		CountryCode: tfvalue.StringOrNull(dc.Country), Compliance: tfvalue.StringList(dc.Compliance),
		GlobalNetwork: types.BoolValue(dc.GlobalNetwork), NetworkVolumeTypes: tfvalue.StringList(dc.NetworkVolumeTypes),
		GPUAvailability: []gpuAvailabilityRow{},
	}
	if b == runpodapi.BackendV1 {
		m.GlobalNetwork = types.BoolNull()
	}
	for _, a := range dc.GPUAvailability {
		m.GPUAvailability = append(m.GPUAvailability, gpuAvailabilityRow{GPUTypeID: types.StringValue(a.ID), StockStatus: types.StringValue(a.StockStatus)})
	}
	return m
}
