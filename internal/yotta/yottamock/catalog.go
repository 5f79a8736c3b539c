package yottamock

// GPUType is a GPU type of the mock's catalogue: what GET /v2/vms/types lists (the code and
// its regions) and what the mock's pods report per card. Display names and VRAM are Yotta's
// documented table; the regions are codes seen in public material; system RAM, vCPUs and
// prices per card are the mock's own (Yotta's API publishes none of them).
type GPUType struct {
	Code        string // such as "NVIDIA_RTX_4090_24G"
	DisplayName string // such as "RTX 4090"
	VRAMInGB    int
	RAMInGB     int     // system RAM per card
	VCPU        int     // vCPUs per card
	Price       float64 // USD per card per hour
	Regions     []string
}

// Region is a region the catalogue offers GPUs in.
type Region struct {
	Code string
	Name string
}

// DefaultRegions are the mock's regions, in the order pods without regions are placed.
func DefaultRegions() []Region {
	return []Region{
		{"us-east-1", "US East 1"},
		{"us-west-1", "US West 1"},
		{"us-east-2", "US East 2"},
		{"us-central-2", "US Central 2"},
		{"us-east-3", "US East 3"},
		{"us-central-3", "US Central 3"},
		{"us-central-7", "US Central 7"},
		{"eu-2", "Europe 2"},
		{"eu-3", "Europe 3"},
	}
}

// DefaultGPUTypes is the mock's seeded catalogue.
func DefaultGPUTypes() []GPUType {
	return []GPUType{
		{"NVIDIA_RTX_4090_24G", "RTX 4090", 24, 32, 8, 0.45, []string{"us-east-1", "us-west-1"}},
		{"NVIDIA_RTX_5090_32G", "RTX 5090", 32, 48, 12, 0.65, []string{"us-east-2", "us-central-2", "us-east-1"}},
		{"NVIDIA_RTX_A6000_48G", "RTX A6000", 48, 64, 12, 0.55, []string{"us-east-1"}},
		{"NVIDIA_RTX_6000_Ada_48G", "RTX 6000 Ada", 48, 64, 12, 0.85, []string{"eu-3"}},
		{"NVIDIA_A100_80G", "A100 80GB", 80, 120, 16, 1.40, []string{"us-east-3"}},
		{"NVIDIA_H100_80G", "H100", 80, 200, 24, 2.10, []string{"eu-2", "us-east-3"}},
		{"NVIDIA_H200_141G", "H200", 141, 240, 24, 3.20, []string{"eu-2", "eu-3"}},
		{"NVIDIA_RTX_PRO_6000_96G", "RTX PRO 6000", 96, 128, 16, 1.90, []string{"us-central-7", "eu-3"}},
		{"NVIDIA_B200_180G", "B200", 180, 256, 32, 5.50, []string{"us-central-3"}},
		{"AMD_MI300X_192G", "MI300X", 192, 256, 24, 2.60, []string{"us-central-3"}},
	}
}
