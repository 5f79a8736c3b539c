package yottamock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
)

// GPUType is a GPU type of the mock's catalogue: what GET /v2/vms/types lists (the code and
// its regions) and what the mock's pods report per card. Display names and VRAM are Yotta's
// documented table; the regions are codes seen in public material (yotta/api/YOTTA-V2.md,
// Regions); system RAM, vCPUs and prices per card are the mock's own (Yotta's API publishes none
// of them). The JSON names are those of a catalogue file (LoadCatalog).
type GPUType struct {
	Code        string   `json:"code"`        // such as "NVIDIA_RTX_4090_24G"
	DisplayName string   `json:"displayName"` // such as "RTX 4090"
	VRAMInGB    int      `json:"vramInGb"`
	RAMInGB     int      `json:"ramInGb"` // system RAM per card
	VCPU        int      `json:"vcpu"`    // vCPUs per card
	Price       float64  `json:"price"`   // USD per card per hour
	Regions     []string `json:"regions"`
}

// Region is a region the catalogue offers GPUs in.
type Region struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Catalog is what a catalogue file holds: the regions, in the order pods without regions are
// placed, and the GPU types with the regions offering each.
type Catalog struct {
	Regions  []Region  `json:"regions"`
	GPUTypes []GPUType `json:"gpuTypes"`
}

// DefaultRegions are the mock's regions, in the order pods without regions are placed: every
// code seen in Yotta's public material.
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
		{"us-east", "US East"},
	}
}

// DefaultGPUTypes is the mock's seeded catalogue: every code of Yotta's table, each in the
// regions public material ties it to (RTX 4090: the docs' examples in us-east-1 and us-west-1,
// and us-east for the serverless tutorial; RTX 5090: SkyPilot's catalogue in us-east-2 and
// us-central-2; H100, H200, RTX 6000 Ada and RTX PRO 6000: a script's notes of
// /v2/vms/types in eu-2, eu-3 and us-central-7) and in regions of the mock's choice otherwise.
func DefaultGPUTypes() []GPUType {
	return []GPUType{
		{"NVIDIA_RTX_4090_24G", "RTX 4090", 24, 32, 8, 0.45, []string{"us-east-1", "us-west-1", "us-east"}},
		{"NVIDIA_RTX_5090_32G", "RTX 5090", 32, 48, 12, 0.65, []string{"us-east-2", "us-central-2", "us-east-1"}},
		{"NVIDIA_RTX_A6000_48G", "RTX A6000", 48, 64, 12, 0.55, []string{"us-east-1"}},
		{"NVIDIA_RTX_6000_Ada_48G", "RTX 6000 Ada", 48, 64, 12, 0.85, []string{"eu-3"}},
		{"NVIDIA_A100_80G", "A100 80GB", 80, 120, 16, 1.40, []string{"us-east-3"}},
		{"NVIDIA_H100_80G", "H100", 80, 200, 24, 2.10, []string{"eu-2", "us-east-3"}},
		{"NVIDIA_H200_141G", "H200", 141, 240, 24, 3.20, []string{"eu-2", "eu-3"}},
		{"NVIDIA_RTX_PRO_6000_96G", "RTX PRO 6000", 96, 128, 16, 1.90, []string{"us-central-7", "eu-3"}},
		{"NVIDIA_B200_180G", "B200", 180, 256, 32, 5.50, []string{"us-central-3"}},
		{"AMD_MI300X_192G", "MI300X", 192, 256, 24, 2.60, []string{"us-central-3"}},
		{"NVIDIA_A100_PCIe_40G", "A100 PCIe 40G", 40, 60, 8, 0.90, []string{"us-east-3"}},
		{"NVIDIA_A100_40G", "A100 40G", 40, 60, 8, 1.00, []string{"us-east-3"}},
		{"NVIDIA_A100_PCIe_80G", "A100 PCIe 80G", 80, 120, 16, 1.30, []string{"us-east-3"}},
		{"NVIDIA_H100_PCIe_80G", "H100 PCIe", 80, 160, 16, 1.90, []string{"us-east-3"}},
		{"NVIDIA_B300_262G", "B300", 262, 320, 32, 6.50, []string{"us-central-3"}},
		{"AWS_Trainium_32G", "Trainium1", 32, 64, 8, 0.40, []string{"us-east-2"}},
	}
}

// DefaultCatalog is the seeded catalogue as a Catalog (what `yotta-mock -catalog` files start from).
func DefaultCatalog() Catalog {
	return Catalog{Regions: DefaultRegions(), GPUTypes: DefaultGPUTypes()}
}

// LoadCatalog reads a catalogue file (the JSON of a Catalog), so that the mock offers what an
// account sees: every GPU type must have a code, VRAM and at least one region, every region a
// code, and a GPU type's regions must be listed in regions.
func LoadCatalog(path string) (Catalog, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return Catalog{}, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var c Catalog
	if err := dec.Decode(&c); err != nil {
		return Catalog{}, fmt.Errorf("catalogue %s: %w", path, err)
	}
	if err := c.check(); err != nil {
		return Catalog{}, fmt.Errorf("catalogue %s: %w", path, err)
	}
	return c, nil
}

func (c Catalog) check() error {
	if len(c.Regions) == 0 || len(c.GPUTypes) == 0 {
		return fmt.Errorf("regions and gpuTypes must not be empty")
	}
	regions := map[string]bool{}
	for i, r := range c.Regions {
		if r.Code == "" || regions[r.Code] {
			return fmt.Errorf("regions[%d]: a code, each once (got %q)", i, r.Code)
		}
		regions[r.Code] = true
	}
	var codes []string
	for i, g := range c.GPUTypes {
		switch {
		case g.Code == "" || slices.Contains(codes, g.Code):
			return fmt.Errorf("gpuTypes[%d]: a code, each once (got %q)", i, g.Code)
		case g.VRAMInGB < 1 || g.RAMInGB < 0 || g.VCPU < 0 || g.Price < 0:
			return fmt.Errorf("gpuTypes[%d] (%s): vramInGb must be at least 1; ramInGb, vcpu and price not negative", i, g.Code)
		case len(g.Regions) == 0:
			return fmt.Errorf("gpuTypes[%d] (%s): regions must not be empty", i, g.Code)
		}
		for _, r := range g.Regions {
			if !regions[r] {
				return fmt.Errorf("gpuTypes[%d] (%s): region %q is not in regions", i, g.Code, r)
			}
		}
		codes = append(codes, g.Code)
	}
	return nil
}
