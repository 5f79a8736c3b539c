package mockrunpod

// The mock's seeded catalog: GPU types with memory, clouds and prices, data centers, CPU
// flavors and the enums the REST v1 spec validates. Prices are realistic, not RunPod's
// current ones.

// GPUType is one GPU model the mock rents out. Prices are USD per GPU per hour; zero means
// the cloud does not offer it at that rate.
type GPUType struct {
	ID                 string
	DisplayName        string
	Manufacturer       string
	MemoryInGb         int
	SecurePrice        float64
	CommunityPrice     float64
	SecureSpotPrice    float64
	CommunitySpotPrice float64
	MaxGPUCount        int
}

// SecureCloud and CommunityCloud report whether a cloud offers the type.
func (g GPUType) SecureCloud() bool    { return g.SecurePrice > 0 }
func (g GPUType) CommunityCloud() bool { return g.CommunityPrice > 0 }

// price returns the per-GPU hourly price in a cloud, on demand or spot.
func (g GPUType) price(cloud string, spot bool) float64 {
	switch {
	case cloud == cloudCommunity && spot:
		return g.CommunitySpotPrice
	case cloud == cloudCommunity:
		return g.CommunityPrice
	case spot:
		return g.SecureSpotPrice
	default:
		return g.SecurePrice
	}
}

const (
	cloudSecure    = "SECURE"
	cloudCommunity = "COMMUNITY"
)

// DefaultGPUTypes is the catalog a new mock serves.
func DefaultGPUTypes() []GPUType {
	return []GPUType{
		{"NVIDIA GeForce RTX 3070", "RTX 3070", "Nvidia", 8, 0, 0.13, 0, 0.07, 8},
		{"NVIDIA GeForce RTX 3080", "RTX 3080", "Nvidia", 10, 0, 0.17, 0, 0.09, 8},
		{"NVIDIA GeForce RTX 3090", "RTX 3090", "Nvidia", 24, 0, 0.30, 0, 0.163, 8},
		{"NVIDIA GeForce RTX 4090", "RTX 4090", "Nvidia", 24, 0.69, 0.34, 0.35, 0.20, 8},
		{"NVIDIA GeForce RTX 5090", "RTX 5090", "Nvidia", 32, 0.94, 0.69, 0.55, 0.45, 8},
		{"NVIDIA RTX A4000", "RTX A4000", "Nvidia", 16, 0.25, 0.17, 0.13, 0.09, 8},
		{"NVIDIA RTX A5000", "RTX A5000", "Nvidia", 24, 0.29, 0.16, 0.15, 0.11, 8},
		{"NVIDIA RTX A6000", "RTX A6000", "Nvidia", 48, 0.49, 0.33, 0.25, 0.21, 8},
		{"NVIDIA RTX 4000 Ada Generation", "RTX 4000 Ada", "Nvidia", 20, 0.26, 0.20, 0.14, 0.12, 8},
		{"NVIDIA RTX 6000 Ada Generation", "RTX 6000 Ada", "Nvidia", 48, 0.77, 0.74, 0.40, 0.38, 8},
		{"NVIDIA L4", "L4", "Nvidia", 24, 0.43, 0, 0.22, 0, 8},
		{"NVIDIA L40S", "L40S", "Nvidia", 48, 0.86, 0, 0.53, 0, 8},
		{"NVIDIA A40", "A40", "Nvidia", 48, 0.40, 0, 0.20, 0, 8},
		{"NVIDIA A100 80GB PCIe", "A100 PCIe", "Nvidia", 80, 1.64, 1.19, 0.82, 0.60, 8},
		{"NVIDIA A100-SXM4-80GB", "A100 SXM", "Nvidia", 80, 1.74, 0, 1.01, 0, 8},
		{"NVIDIA H100 PCIe", "H100 PCIe", "Nvidia", 80, 2.39, 1.99, 1.25, 1.05, 8},
		{"NVIDIA H100 80GB HBM3", "H100 SXM", "Nvidia", 80, 2.69, 0, 1.75, 0, 8},
		{"NVIDIA H100 NVL", "H100 NVL", "Nvidia", 94, 2.79, 0, 1.40, 0, 8},
		{"NVIDIA H200", "H200 SXM", "Nvidia", 141, 3.59, 0, 2.29, 0, 8},
		{"NVIDIA B200", "B200", "Nvidia", 180, 5.99, 0, 3.59, 0, 8},
		{"AMD Instinct MI300X OAM", "MI300X", "AMD", 192, 2.49, 0, 1.49, 0, 8},
	}
}

// GPUTypeIDs is the REST v1 spec's GPUTypeId enum: ids outside it are refused with 400.
var GPUTypeIDs = []string{
	"NVIDIA GeForce RTX 4090", "NVIDIA A40", "NVIDIA RTX A5000", "NVIDIA GeForce RTX 5090", "NVIDIA H100 80GB HBM3",
	"NVIDIA GeForce RTX 3090", "NVIDIA RTX A4500", "NVIDIA L40S", "NVIDIA H200", "NVIDIA L4",
	"NVIDIA RTX 6000 Ada Generation", "NVIDIA A100-SXM4-80GB", "NVIDIA RTX 4000 Ada Generation", "NVIDIA RTX A6000",
	"NVIDIA A100 80GB PCIe", "NVIDIA RTX 2000 Ada Generation", "NVIDIA RTX A4000",
	"NVIDIA RTX PRO 6000 Blackwell Server Edition", "NVIDIA H100 PCIe", "NVIDIA H100 NVL", "NVIDIA L40", "NVIDIA B200",
	"NVIDIA GeForce RTX 3080 Ti", "NVIDIA RTX PRO 6000 Blackwell Workstation Edition", "NVIDIA GeForce RTX 3080",
	"NVIDIA GeForce RTX 3070", "AMD Instinct MI300X OAM", "NVIDIA GeForce RTX 4080 SUPER", "Tesla V100-PCIE-16GB",
	"Tesla V100-SXM2-32GB", "NVIDIA RTX 5000 Ada Generation", "NVIDIA GeForce RTX 4070 Ti",
	"NVIDIA RTX 4000 SFF Ada Generation", "NVIDIA GeForce RTX 3090 Ti", "NVIDIA RTX A2000", "NVIDIA GeForce RTX 4080",
	"NVIDIA A30", "NVIDIA GeForce RTX 5080", "Tesla V100-FHHL-16GB", "NVIDIA H200 NVL", "Tesla V100-SXM2-16GB",
	"NVIDIA RTX PRO 6000 Blackwell Max-Q Workstation Edition", "NVIDIA A5000 Ada", "Tesla V100-PCIE-32GB",
	"NVIDIA  RTX A4500", "NVIDIA  A30", "NVIDIA GeForce RTX 3080TI", "Tesla T4", "NVIDIA RTX A30",
}

// DataCenter is one of RunPod's data centers.
type DataCenter struct {
	ID       string
	Location string
}

// DataCenters is the REST v1 spec's data center enum, with locations.
var DataCenters = []DataCenter{
	{"EU-RO-1", "Romania"}, {"CA-MTL-1", "Canada"}, {"EU-SE-1", "Sweden"}, {"US-IL-1", "United States"},
	{"EUR-IS-1", "Iceland"}, {"EU-CZ-1", "Czech Republic"}, {"US-TX-3", "United States"}, {"EUR-IS-2", "Iceland"},
	{"US-KS-2", "United States"}, {"US-GA-2", "United States"}, {"US-WA-1", "United States"}, {"US-TX-1", "United States"},
	{"CA-MTL-3", "Canada"}, {"EU-NL-1", "Netherlands"}, {"US-TX-4", "United States"}, {"US-CA-2", "United States"},
	{"US-NC-1", "United States"}, {"OC-AU-1", "Australia"}, {"US-DE-1", "United States"}, {"EUR-IS-3", "Iceland"},
	{"CA-MTL-2", "Canada"}, {"AP-JP-1", "Japan"}, {"EUR-NO-1", "Norway"}, {"EU-FR-1", "France"},
	{"US-KS-3", "United States"}, {"US-GA-1", "United States"},
}

// Enums of the REST v1 spec.
var (
	podCPUFlavorIDs      = []string{"cpu3c", "cpu3g", "cpu3m", "cpu5c", "cpu5g", "cpu5m"}
	endpointCPUFlavorIDs = []string{"cpu3c", "cpu3g", "cpu5c", "cpu5g"}
	cudaVersions         = []string{"13.0", "12.9", "12.8", "12.7", "12.6", "12.5", "12.4", "12.3", "12.2", "12.1", "12.0", "11.8"}
	cloudTypes           = []string{cloudSecure, cloudCommunity}
	computeTypes         = []string{"GPU", "CPU"}
	priorities           = []string{"availability", "custom"}
	scalerTypes          = []string{"QUEUE_DELAY", "REQUEST_COUNT"}
	templateCategories   = []string{"NVIDIA", "AMD", "CPU"}
)

func dataCenterIDs() []string {
	ids := make([]string, len(DataCenters))
	for i, dc := range DataCenters {
		ids[i] = dc.ID
	}
	return ids
}

func dataCenterLocation(id string) string {
	for _, dc := range DataCenters {
		if dc.ID == id {
			return dc.Location
		}
	}
	return ""
}
