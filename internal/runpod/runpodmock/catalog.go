package runpodmock

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
	// Pool is the serverless GPU pool (REST v2 gpu.pools); "" when the type is in none.
	Pool string
	// ServerlessPrice is the pool's serverless price per GPU per hour (0 without a pool).
	ServerlessPrice float64
	// CudaVersions are the CUDA versions the type's hosts report, newest first (none for AMD).
	CudaVersions []string
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

// CUDA version sets of the seeded architectures, newest first (REST v2 catalog cudaVersions
// and the host cudaVersion of GPU pods).
var (
	cudaAmpere    = []string{"12.8", "12.7", "12.6", "12.5", "12.4", "12.3", "12.2", "12.1", "12.0", "11.8"}
	cudaAda       = []string{"12.9", "12.8", "12.7", "12.6", "12.5", "12.4", "12.3", "12.2", "12.1", "12.0", "11.8"}
	cudaHopper    = []string{"13.0", "12.9", "12.8", "12.7", "12.6", "12.5", "12.4", "12.3", "12.2", "12.1", "12.0"}
	cudaBlackwell = []string{"13.0", "12.9", "12.8"}
)

// serverlessPools are the seeded serverless GPU pools (grouped by architecture and memory,
// as RunPod names them) with their price per GPU per hour.
var serverlessPools = map[string]float64{
	"AMPERE_16": 0.58, "AMPERE_24": 0.68, "ADA_24": 1.10, "ADA_32_PRO": 1.58, "AMPERE_48": 1.22,
	"ADA_48_PRO": 1.90, "AMPERE_80": 2.72, "ADA_80_PRO": 4.18, "HOPPER_141": 4.46, "BLACKWELL_180": 6.84,
}

// DefaultGPUTypes is the catalog a new mock serves.
func DefaultGPUTypes() []GPUType {
	type row struct {
		id, name, manufacturer                       string
		memory                                       int
		secure, community, secureSpot, communitySpot float64
		pool                                         string
		cuda                                         []string
	}
	rows := []row{
		{"NVIDIA GeForce RTX 3070", "RTX 3070", "Nvidia", 8, 0, 0.13, 0, 0.07, "", cudaAmpere},
		{"NVIDIA GeForce RTX 3080", "RTX 3080", "Nvidia", 10, 0, 0.17, 0, 0.09, "", cudaAmpere},
		{"NVIDIA GeForce RTX 3090", "RTX 3090", "Nvidia", 24, 0, 0.30, 0, 0.163, "AMPERE_24", cudaAmpere},
		{"NVIDIA GeForce RTX 4090", "RTX 4090", "Nvidia", 24, 0.69, 0.34, 0.35, 0.20, "ADA_24", cudaAda},
		{"NVIDIA GeForce RTX 5090", "RTX 5090", "Nvidia", 32, 0.94, 0.69, 0.55, 0.45, "ADA_32_PRO", cudaBlackwell},
		{"NVIDIA RTX A4000", "RTX A4000", "Nvidia", 16, 0.25, 0.17, 0.13, 0.09, "AMPERE_16", cudaAmpere},
		{"NVIDIA RTX A5000", "RTX A5000", "Nvidia", 24, 0.29, 0.16, 0.15, 0.11, "AMPERE_24", cudaAmpere},
		{"NVIDIA RTX A6000", "RTX A6000", "Nvidia", 48, 0.49, 0.33, 0.25, 0.21, "AMPERE_48", cudaAmpere},
		{"NVIDIA RTX 4000 Ada Generation", "RTX 4000 Ada", "Nvidia", 20, 0.26, 0.20, 0.14, 0.12, "AMPERE_16", cudaAda},
		{"NVIDIA RTX 6000 Ada Generation", "RTX 6000 Ada", "Nvidia", 48, 0.77, 0.74, 0.40, 0.38, "ADA_48_PRO", cudaAda},
		{"NVIDIA L4", "L4", "Nvidia", 24, 0.43, 0, 0.22, 0, "ADA_24", cudaAda},
		{"NVIDIA L40S", "L40S", "Nvidia", 48, 0.86, 0, 0.53, 0, "ADA_48_PRO", cudaAda},
		{"NVIDIA A40", "A40", "Nvidia", 48, 0.40, 0, 0.20, 0, "AMPERE_48", cudaAmpere},
		{"NVIDIA A100 80GB PCIe", "A100 PCIe", "Nvidia", 80, 1.64, 1.19, 0.82, 0.60, "AMPERE_80", cudaAmpere},
		{"NVIDIA A100-SXM4-80GB", "A100 SXM", "Nvidia", 80, 1.74, 0, 1.01, 0, "AMPERE_80", cudaAmpere},
		{"NVIDIA H100 PCIe", "H100 PCIe", "Nvidia", 80, 2.39, 1.99, 1.25, 1.05, "ADA_80_PRO", cudaHopper},
		{"NVIDIA H100 80GB HBM3", "H100 SXM", "Nvidia", 80, 2.69, 0, 1.75, 0, "ADA_80_PRO", cudaHopper},
		{"NVIDIA H100 NVL", "H100 NVL", "Nvidia", 94, 2.79, 0, 1.40, 0, "ADA_80_PRO", cudaHopper},
		{"NVIDIA H200", "H200 SXM", "Nvidia", 141, 3.59, 0, 2.29, 0, "HOPPER_141", cudaHopper},
		{"NVIDIA B200", "B200", "Nvidia", 180, 5.99, 0, 3.59, 0, "BLACKWELL_180", cudaBlackwell},
		{"AMD Instinct MI300X OAM", "MI300X", "AMD", 192, 2.49, 0, 1.49, 0, "", nil},
	}
	out := make([]GPUType, len(rows))
	for i, r := range rows {
		out[i] = GPUType{
			ID: r.id, DisplayName: r.name, Manufacturer: r.manufacturer, MemoryInGb: r.memory,
			SecurePrice: r.secure, CommunityPrice: r.community, SecureSpotPrice: r.secureSpot, CommunitySpotPrice: r.communitySpot,
			MaxGPUCount: 8, Pool: r.pool, ServerlessPrice: serverlessPools[r.pool], CudaVersions: r.cuda,
		}
	}
	return out
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

// DataCenter is one of RunPod's data centers, with what the REST v2 catalog reports of it.
type DataCenter struct {
	ID       string
	Location string
	// Name is the v2 catalog's display name, e.g. "US Kansas 2".
	Name string
	// CountryCode is the ISO 3166-1 alpha-2 code (v2 catalog countryCodes filter).
	CountryCode string
	// Region is the v2 DataCenterRegion.
	Region string
	// Compliance lists v2 Compliance certifications.
	Compliance []string
	// GlobalNetwork reports whether pods there can have global networking.
	GlobalNetwork bool
	// VolumeTypes are the network volume tiers the data center supports ("STANDARD",
	// "HIGH_PERFORMANCE"); none means no network volumes there.
	VolumeTypes []string
}

var (
	volStd  = []string{volumeStandard}
	volBoth = []string{volumeStandard, volumeHighPerformance}
	soc2    = []string{"SOC_2_TYPE_2", "ISO_IEC_27001"}
	gdpr    = []string{"GDPR", "ISO_IEC_27001"}
)

// DataCenters is the REST v1 spec's data center enum, with locations and the v2 catalog's
// details (seeded: realistic, not RunPod's current ones).
var DataCenters = []DataCenter{
	{"EU-RO-1", "Romania", "EU Romania 1", "RO", "EUROPE", gdpr, true, volBoth},
	{"CA-MTL-1", "Canada", "CA Montreal 1", "CA", "NORTH_AMERICA", soc2, true, volStd},
	{"EU-SE-1", "Sweden", "EU Sweden 1", "SE", "EUROPE", append([]string{"RENEWABLE"}, gdpr...), false, volStd},
	{"US-IL-1", "United States", "US Illinois 1", "US", "NORTH_AMERICA", soc2, false, volStd},
	{"EUR-IS-1", "Iceland", "EUR Iceland 1", "IS", "EUROPE", append([]string{"RENEWABLE"}, gdpr...), false, volStd},
	{"EU-CZ-1", "Czech Republic", "EU Czechia 1", "CZ", "EUROPE", gdpr, false, volStd},
	{"US-TX-3", "United States", "US Texas 3", "US", "NORTH_AMERICA", soc2, true, volBoth},
	{"EUR-IS-2", "Iceland", "EUR Iceland 2", "IS", "EUROPE", gdpr, false, volStd},
	{"US-KS-2", "United States", "US Kansas 2", "US", "NORTH_AMERICA", soc2, true, volBoth},
	{"US-GA-2", "United States", "US Georgia 2", "US", "NORTH_AMERICA", soc2, true, volStd},
	{"US-WA-1", "United States", "US Washington 1", "US", "NORTH_AMERICA", soc2, false, volStd},
	{"US-TX-1", "United States", "US Texas 1", "US", "NORTH_AMERICA", nil, false, volStd},
	{"CA-MTL-3", "Canada", "CA Montreal 3", "CA", "NORTH_AMERICA", soc2, false, volStd},
	{"EU-NL-1", "Netherlands", "EU Netherlands 1", "NL", "EUROPE", gdpr, false, volStd},
	{"US-TX-4", "United States", "US Texas 4", "US", "NORTH_AMERICA", soc2, false, volStd},
	{"US-CA-2", "United States", "US California 2", "US", "NORTH_AMERICA", soc2, true, volStd},
	{"US-NC-1", "United States", "US North Carolina 1", "US", "NORTH_AMERICA", soc2, false, volStd},
	{"OC-AU-1", "Australia", "OC Australia 1", "AU", "OCEANIA", nil, false, volStd},
	{"US-DE-1", "United States", "US Delaware 1", "US", "NORTH_AMERICA", soc2, false, nil},
	{"EUR-IS-3", "Iceland", "EUR Iceland 3", "IS", "EUROPE", gdpr, false, volStd},
	{"CA-MTL-2", "Canada", "CA Montreal 2", "CA", "NORTH_AMERICA", soc2, false, volStd},
	{"AP-JP-1", "Japan", "AP Japan 1", "JP", "ASIA", nil, false, volStd},
	{"EUR-NO-1", "Norway", "EUR Norway 1", "NO", "EUROPE", append([]string{"RENEWABLE"}, gdpr...), false, volStd},
	{"EU-FR-1", "France", "EU France 1", "FR", "EUROPE", gdpr, false, nil},
	{"US-KS-3", "United States", "US Kansas 3", "US", "NORTH_AMERICA", soc2, false, volStd},
	{"US-GA-1", "United States", "US Georgia 1", "US", "NORTH_AMERICA", soc2, false, volStd},
}

func dataCenter(id string) (DataCenter, bool) {
	for _, dc := range DataCenters {
		if dc.ID == id {
			return dc, true
		}
	}
	return DataCenter{}, false
}

// Where the seeded GPU types are offered (see offeringDataCenters): every secure type in
// EU-RO-1 and every community type in US-TX-1 (the data centers v1 pods land in when they
// name none), plus two more of each ring chosen by the type's place in the catalog.
var (
	secureRing    = []string{"US-KS-2", "US-GA-2", "EU-SE-1", "CA-MTL-1", "US-TX-3", "EUR-IS-1", "EU-CZ-1", "AP-JP-1"}
	communityRing = []string{"US-IL-1", "EU-NL-1", "US-CA-2", "OC-AU-1", "EU-FR-1", "EUR-NO-1"}
)

// offeringDataCenters lists the data centers that offer the i-th catalog GPU type in a
// cloud, the default (primary) one first.
func offeringDataCenters(i int, cloud string) []string {
	if cloud == cloudCommunity {
		return []string{"US-TX-1", communityRing[i%len(communityRing)], communityRing[(i+2)%len(communityRing)]}
	}
	return []string{"EU-RO-1", secureRing[i%len(secureRing)], secureRing[(i+1)%len(secureRing)]}
}

// CPUFlavor is a CPU pod flavor of the REST v2 catalog.
type CPUFlavor struct {
	ID, Name, Group    string
	MinVCPU, MaxVCPU   int
	RAMGbPerVCPU       float64
	SecurePerVCPU      float64
	ServerlessPerVCPU  float64
	ServerlessEligible bool // v1's endpoint enum has no memory-optimised flavors
}

// cpuFlavors is the seeded CPU catalog; ids are v1's flavor enum.
var cpuFlavors = []CPUFlavor{
	{"cpu3c", "Compute-Optimized", "Gen 3", 2, 32, 2, 0.03, 0.04, true},
	{"cpu3g", "General Purpose", "Gen 3", 2, 32, 4, 0.04, 0.05, true},
	{"cpu3m", "Memory-Optimized", "Gen 3", 2, 16, 8, 0.06, 0.07, false},
	{"cpu5c", "Compute-Optimized", "Gen 5", 2, 64, 2, 0.05, 0.06, true},
	{"cpu5g", "General Purpose", "Gen 5", 2, 64, 4, 0.06, 0.07, true},
	{"cpu5m", "Memory-Optimized", "Gen 5", 2, 32, 8, 0.08, 0.09, false},
}

func cpuFlavor(id string) (CPUFlavor, bool) {
	for _, f := range cpuFlavors {
		if f.ID == id {
			return f, true
		}
	}
	return CPUFlavor{}, false
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
