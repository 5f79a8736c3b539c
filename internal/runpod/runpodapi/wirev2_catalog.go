package runpodapi

import (
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Availability levels (AvailabilityLevel), best first.
var availabilityRank = map[string]int{"HIGH": 3, "MEDIUM": 2, "LOW": 1, "NONE": 0}

// stockStatus maps an AvailabilityLevel to the domain's capitalised form ("High"); none is
// what NONE (and an unreported level) maps to.
func stockStatus(level, none string) string {
	switch level {
	case "HIGH":
		return "High"
	case "MEDIUM":
		return "Medium"
	case "LOW":
		return "Low"
	case "NONE":
		return none
	}
	return ""
}

// unknownGPUType is a sentinel row of RunPod's GPU catalog, not a GPU.
const unknownGPUType = "unknown"

// v2GPUType is GpuType.
type v2GPUType struct {
	ID           string  `json:"id"`
	Name         string  `json:"name"`
	Pool         *string `json:"pool"`
	Manufacturer string  `json:"manufacturer"`
	Memory       int     `json:"memory"`
	Secure       bool    `json:"secure"`
	Community    bool    `json:"community"`
	Price        struct {
		Secure     float64  `json:"secure"`
		Community  float64  `json:"community"`
		Serverless *float64 `json:"serverless"`
	} `json:"price"`
	MaxCount struct {
		Secure    int `json:"secure"`
		Community int `json:"community"`
	} `json:"maxCount"`
	Availability string           `json:"availability"`
	DataCenters  []v2Availability `json:"dataCenters"`
	CudaVersions []struct {
		Version   string `json:"version"`
		Available bool   `json:"available"`
	} `json:"cudaVersions"`
}

// v2Availability is DataCenterAvailability and CatalogResourceAvailability.
type v2Availability struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Availability string `json:"availability"`
}

type v2ListGPUTypes struct {
	GPUs []v2GPUType `json:"gpus"`
}

// manufacturerName maps GpuManufacturer to the spelling GraphQL used ("Nvidia").
func manufacturerName(m string) string {
	switch m {
	case "NVIDIA":
		return "Nvidia"
	case "AMD":
		return "AMD"
	case "UNKNOWN":
		return ""
	}
	return m
}

// gpuTypesFromCatalog merges one catalog reading per cloud (byCloud: "SECURE" and/or
// "COMMUNITY") into domain GPU types, sorted by id, without the "unknown" row.
func gpuTypesFromCatalog(byCloud map[string][]v2GPUType, count int) []GPUType {
	merged := map[string]*GPUType{}
	var ids []string
	for _, cloud := range []string{cloudSecure, "COMMUNITY"} {
		for _, g := range byCloud[cloud] {
			if g.ID == "" || g.ID == unknownGPUType {
				continue
			}
			t := merged[g.ID]
			if t == nil {
				t = &GPUType{
					ID: g.ID, DisplayName: g.Name, Manufacturer: manufacturerName(g.Manufacturer), MemoryInGb: g.Memory,
					MaxGPUCount: max(g.MaxCount.Secure, g.MaxCount.Community), Pool: deref(g.Pool), ServerlessPrice: g.Price.Serverless,
					Secure:    GPUOffer{Available: g.Secure, MaxGPUCount: g.MaxCount.Secure},
					Community: GPUOffer{Available: g.Community, MaxGPUCount: g.MaxCount.Community},
				}
				merged[g.ID] = t
				ids = append(ids, g.ID)
			}
			offer := gpuOffer(g, cloud, count)
			if cloud == cloudSecure {
				offer.Available, offer.MaxGPUCount = g.Secure, g.MaxCount.Secure
				t.Secure = offer
			} else {
				offer.Available, offer.MaxGPUCount = g.Community, g.MaxCount.Community
				t.Community = offer
			}
			for _, cv := range g.CudaVersions {
				if !slices.Contains(t.CudaVersions, cv.Version) {
					t.CudaVersions = append(t.CudaVersions, cv.Version)
				}
			}
		}
	}
	sort.Strings(ids)
	out := make([]GPUType, len(ids))
	for i, id := range ids {
		t := merged[id]
		slices.SortFunc(t.CudaVersions, compareVersions)
		out[i] = *t
	}
	return out
}

// compareVersions orders "major.minor" versions numerically (12.2 before 12.11).
func compareVersions(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) || i < len(pb); i++ {
		var x, y int
		if i < len(pa) {
			x, _ = strconv.Atoi(pa[i])
		}
		if i < len(pb) {
			y, _ = strconv.Atoi(pb[i])
		}
		if x != y {
			return x - y
		}
	}
	return strings.Compare(a, b)
}

// v2CPUType is CpuType.
type v2CPUType struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	VCPU struct {
		Min int `json:"min"`
		Max int `json:"max"`
	} `json:"vcpu"`
	RAMGbPerVCPU float64 `json:"ramGbPerVcpu"`
	Price        struct {
		SecurePerVCPU float64 `json:"securePerVcpu"`
	} `json:"price"`
	Availability string           `json:"availability"`
	DataCenters  []v2Availability `json:"dataCenters"`
}

type v2ListCPUTypes struct {
	CPUs []v2CPUType `json:"cpus"`
}

func (c v2CPUType) domain() CPUFlavor {
	return CPUFlavor{ID: c.ID, Name: c.Name, MinVCPU: c.VCPU.Min, MaxVCPU: c.VCPU.Max, RAMGbPerVCPU: c.RAMGbPerVCPU}
}

// v2DataCenter is DataCenter.
type v2DataCenter struct {
	ID                 string           `json:"id"`
	Name               string           `json:"name"`
	Region             string           `json:"region"`
	GlobalNetwork      bool             `json:"globalNetwork"`
	NetworkVolumeTypes []string         `json:"networkVolumeTypes"`
	Compliance         []string         `json:"compliance"`
	GPUAvailability    []v2Availability `json:"gpuAvailability"`
}

type v2ListDataCenters struct {
	DataCenters []v2DataCenter `json:"dataCenters"`
}

func (d v2DataCenter) domain() DataCenter {
	out := DataCenter{
		ID: d.ID, Name: d.Name, Country: CountryOfDataCenter(d.ID), Compliance: d.Compliance,
		GlobalNetwork: d.GlobalNetwork, NetworkVolumeTypes: d.NetworkVolumeTypes,
	}
	if d.Region != "UNKNOWN" {
		out.Region = d.Region
	}
	for _, a := range d.GPUAvailability {
		out.GPUAvailability = append(out.GPUAvailability, Availability{ID: a.ID, Name: a.Name, StockStatus: stockStatus(a.Availability, "None")})
	}
	return out
}
