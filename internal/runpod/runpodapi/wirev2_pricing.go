package runpodapi

import (
	"math"
)

// price is the per-GPU list price of cloud.
func (g v2GPUType) price(cloud string) float64 {
	if cloud == cloudSecure {
		return g.Price.Secure
	}
	return g.Price.Community
}

// gpuOffer maps one cloud's reading of a type for count GPUs: the price is the list price
// times count, and nil when the type is out of stock (as GraphQL's lowestPrice was).
func gpuOffer(g v2GPUType, cloud string, count int) GPUOffer {
	o := GPUOffer{StockStatus: stockStatus(g.Availability, "")}
	if g.Availability != "NONE" {
		o.OnDemandPrice = Ptr(roundCents(g.price(cloud) * float64(count)))
	}
	for _, dc := range g.DataCenters {
		o.DataCenters = append(o.DataCenters, Availability{ID: dc.ID, Name: dc.Name, StockStatus: stockStatus(dc.Availability, "None")})
	}
	return o
}

// roundCents drops float noise from a product of prices (0.44*3 = 1.3200000000000003).
func roundCents(v float64) float64 { return math.Round(v*1e6) / 1e6 }
