// Package gputype holds the runpod_gpu_type and runpod_gpu_types data sources: RunPod's GPU
// catalog with prices for a GPU count and availability per cloud.
package gputype

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// Cloud types a GPU type can be filtered by.
const (
	CloudAll       = "ALL"
	CloudSecure    = "SECURE"
	CloudCommunity = "COMMUNITY"
)

// Orders for picking and listing GPU types.
const (
	OrderByPrice  = "price"  // cheapest on-demand price first, then most memory
	OrderByMemory = "memory" // least memory first (the smallest GPU that fits), then cheapest
)

// gpuTypeModel is one GPU type as both data sources expose it.
type gpuTypeModel struct {
	ID                   types.String  `tfsdk:"id"`
	DisplayName          types.String  `tfsdk:"display_name"`
	Manufacturer         types.String  `tfsdk:"manufacturer"`
	MemoryInGb           types.Int64   `tfsdk:"memory_in_gb"`
	MaxGPUCount          types.Int64   `tfsdk:"max_gpu_count"`
	SecureCloud          types.Bool    `tfsdk:"secure_cloud"`
	CommunityCloud       types.Bool    `tfsdk:"community_cloud"`
	SecurePrice          types.Float64 `tfsdk:"secure_price"`
	CommunityPrice       types.Float64 `tfsdk:"community_price"`
	SecureSpotPrice      types.Float64 `tfsdk:"secure_spot_price"`
	CommunitySpotPrice   types.Float64 `tfsdk:"community_spot_price"`
	SecureStockStatus    types.String  `tfsdk:"secure_stock_status"`
	CommunityStockStatus types.String  `tfsdk:"community_stock_status"`
	PricePerHour         types.Float64 `tfsdk:"price_per_hour"`
	CheapestCloudType    types.String  `tfsdk:"cheapest_cloud_type"`
	Pool                 types.String  `tfsdk:"pool"`
	ServerlessPrice      types.Float64 `tfsdk:"serverless_price"`
	CudaVersions         types.List    `tfsdk:"cuda_versions"`
	DataCenters          types.List    `tfsdk:"data_centers"`
}

// dataCenterStockType is one element of data_centers.
var dataCenterStockType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id": types.StringType, "cloud_type": types.StringType, "stock_status": types.StringType,
}}

// dataCenterStock lists where each cloud offers g, with the stock there (REST v2; empty from v1).
func dataCenterStock(g runpodapi.GPUType) types.List {
	var elems []attr.Value
	for _, c := range []struct {
		cloud string
		offer runpodapi.GPUOffer
	}{{CloudSecure, g.Secure}, {CloudCommunity, g.Community}} {
		for _, dc := range c.offer.DataCenters {
			elems = append(elems, types.ObjectValueMust(dataCenterStockType.AttrTypes, map[string]attr.Value{
				"id": types.StringValue(dc.ID), "cloud_type": types.StringValue(c.cloud), "stock_status": types.StringValue(dc.StockStatus),
			}))
		}
	}
	return types.ListValueMust(dataCenterStockType, orEmpty(elems))
}

func orEmpty(v []attr.Value) []attr.Value {
	if v == nil {
		return []attr.Value{}
	}
	return v
}

// filter is what both data sources select GPU types by.
type filter struct {
	CloudType       string // CloudAll, CloudSecure or CloudCommunity
	MinMemoryInGb   int64
	MaxPricePerHour *float64
	Manufacturer    string
	// RequirePrice keeps only types with an on-demand price quoted in the cloud(s) considered:
	// what can be rented now.
	RequirePrice bool
}

// cheapest returns the lowest on-demand price of g among the clouds f considers, and the
// cloud that quotes it; nil when none quotes one.
func (f filter) cheapest(g runpodapi.GPUType) (*float64, string) {
	var best *float64
	cloud := ""
	consider := func(name string, o runpodapi.GPUOffer) {
		if o.OnDemandPrice != nil && (best == nil || *o.OnDemandPrice < *best) {
			best, cloud = o.OnDemandPrice, name
		}
	}
	if f.CloudType != CloudCommunity {
		consider(CloudSecure, g.Secure)
	}
	if f.CloudType != CloudSecure {
		consider(CloudCommunity, g.Community)
	}
	return best, cloud
}

func (f filter) matches(g runpodapi.GPUType) bool {
	switch f.CloudType {
	case CloudSecure:
		if !g.Secure.Available {
			return false
		}
	case CloudCommunity:
		if !g.Community.Available {
			return false
		}
	}
	if int64(g.MemoryInGb) < f.MinMemoryInGb {
		return false
	}
	if f.Manufacturer != "" && !strings.EqualFold(f.Manufacturer, g.Manufacturer) {
		return false
	}
	price, _ := f.cheapest(g)
	if (f.RequirePrice || f.MaxPricePerHour != nil) && price == nil {
		return false
	}
	return f.MaxPricePerHour == nil || *price <= *f.MaxPricePerHour
}

// selectTypes returns the types that match f, ordered by orderBy.
func selectTypes(all []runpodapi.GPUType, f filter, orderBy string) []runpodapi.GPUType {
	var out []runpodapi.GPUType
	for _, g := range all {
		if f.matches(g) {
			out = append(out, g)
		}
	}
	priceOf := func(g runpodapi.GPUType) float64 {
		if p, _ := f.cheapest(g); p != nil {
			return *p
		}
		return 1e18 // unpriced types last
	}
	slices.SortStableFunc(out, func(a, b runpodapi.GPUType) int {
		byPrice := cmp.Compare(priceOf(a), priceOf(b))
		byMemory := cmp.Compare(a.MemoryInGb, b.MemoryInGb)
		if orderBy == OrderByMemory {
			return cmp.Or(byMemory, byPrice, cmp.Compare(a.ID, b.ID))
		}
		return cmp.Or(byPrice, -byMemory, cmp.Compare(a.ID, b.ID))
	})
	return out
}

func (f filter) describe(gpuCount int64) string {
	parts := []string{fmt.Sprintf("cloud_type = %q", f.CloudType), fmt.Sprintf("gpu_count = %d", gpuCount)}
	if f.MinMemoryInGb > 0 {
		parts = append(parts, fmt.Sprintf("min_memory_in_gb = %d", f.MinMemoryInGb))
	}
	if f.MaxPricePerHour != nil {
		parts = append(parts, fmt.Sprintf("max_price_per_hour = %g", *f.MaxPricePerHour))
	}
	if f.Manufacturer != "" {
		parts = append(parts, fmt.Sprintf("manufacturer = %q", f.Manufacturer))
	}
	return strings.Join(parts, ", ")
}

func float64Value(p *float64) types.Float64 {
	if p == nil {
		return types.Float64Null()
	}
	return types.Float64Value(*p)
}

func stockValue(o runpodapi.GPUOffer) types.String {
	if o.StockStatus == "" {
		return types.StringNull()
	}
	return types.StringValue(o.StockStatus)
}

// gpuTypeFromAPI maps a GPU type; the price and cloud fields follow what f considers.
func gpuTypeFromAPI(g runpodapi.GPUType, f filter) gpuTypeModel {
	price, cloud := f.cheapest(g)
	m := gpuTypeModel{
		ID: types.StringValue(g.ID), DisplayName: types.StringValue(g.DisplayName),
		Manufacturer: types.StringValue(g.Manufacturer), MemoryInGb: types.Int64Value(int64(g.MemoryInGb)),
		MaxGPUCount: types.Int64Value(int64(g.MaxGPUCount)), SecureCloud: types.BoolValue(g.Secure.Available),
		CommunityCloud: types.BoolValue(g.Community.Available), SecurePrice: float64Value(g.Secure.OnDemandPrice),
		CommunityPrice: float64Value(g.Community.OnDemandPrice), SecureSpotPrice: float64Value(g.Secure.SpotPrice),
		CommunitySpotPrice: float64Value(g.Community.SpotPrice), SecureStockStatus: stockValue(g.Secure),
		CommunityStockStatus: stockValue(g.Community), PricePerHour: float64Value(price),
		CheapestCloudType: types.StringNull(), Pool: types.StringNull(), ServerlessPrice: float64Value(g.ServerlessPrice),
		CudaVersions: tfvalue.StringList(g.CudaVersions), DataCenters: dataCenterStock(g),
	}
	if g.Pool != "" {
		m.Pool = types.StringValue(g.Pool)
	}
	if cloud != "" {
		m.CheapestCloudType = types.StringValue(cloud)
	}
	return m
}
