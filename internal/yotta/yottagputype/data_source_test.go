package yottagputype_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaacctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottagputype"
)

// TestAccGPUTypes: the catalogue from GET /v2/vms/types, whole and filtered by type, region,
// availability and memory (read from the codes); one call per data source.
func TestAccGPUTypes(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	if err := m.SetGPUStock("NVIDIA_H100_80G", "eu-2", 0); err != nil {
		t.Fatal(err)
	}
	ids := func(name string) statecheck.StateCheck {
		return statecheck.ExpectKnownValue("data.yotta_gpu_types."+name, tfjsonpath.New("ids"), knownvalue.NotNull())
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: yottaacctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: m.Config(`
data "yotta_gpu_types" "all" {}
data "yotta_gpu_types" "h100" {
  gpu_type = "NVIDIA_H100_80G"
}
data "yotta_gpu_types" "h100_now" {
  gpu_type  = "NVIDIA_H100_80G"
  available = true
}
data "yotta_gpu_types" "eu3_big" {
  region         = "eu-3"
  min_vram_in_gb = 96
}
`),
			Check: m.ExpectCalls(map[string]int{"GET /v2/vms/types": 4}),
			ConfigStateChecks: []statecheck.StateCheck{
				ids("all"),
				statecheck.ExpectKnownValue("data.yotta_gpu_types.all", tfjsonpath.New("ids"), acckit.StringList("NVIDIA_RTX_4090_24G", "NVIDIA_RTX_5090_32G",
					"NVIDIA_RTX_A6000_48G", "NVIDIA_RTX_6000_Ada_48G", "NVIDIA_A100_80G", "NVIDIA_H100_80G", "NVIDIA_H200_141G",
					"NVIDIA_RTX_PRO_6000_96G", "NVIDIA_B200_180G", "AMD_MI300X_192G", "NVIDIA_A100_PCIe_40G", "NVIDIA_A100_40G",
					"NVIDIA_A100_PCIe_80G", "NVIDIA_H100_PCIe_80G", "NVIDIA_B300_262G", "AWS_Trainium_32G")),
				statecheck.ExpectKnownValue("data.yotta_gpu_types.h100", tfjsonpath.New("gpu_types"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"gpu_type": knownvalue.StringExact("NVIDIA_H100_80G"), "vram_in_gb": knownvalue.Int64Exact(80),
						"available_regions": acckit.StringList("us-east-3"),
						"regions": knownvalue.ListExact([]knownvalue.Check{
							knownvalue.ObjectExact(map[string]knownvalue.Check{"region": knownvalue.StringExact("eu-2"),
								"region_name": knownvalue.StringExact("Europe 2"), "available": knownvalue.Bool(false), "vm_type_id": knownvalue.NotNull()}),
							knownvalue.ObjectExact(map[string]knownvalue.Check{"region": knownvalue.StringExact("us-east-3"),
								"region_name": knownvalue.StringExact("US East 3"), "available": knownvalue.Bool(true), "vm_type_id": knownvalue.NotNull()}),
						}),
					}),
				})),
				statecheck.ExpectKnownValue("data.yotta_gpu_types.h100_now", tfjsonpath.New("gpu_types").AtSliceIndex(0).AtMapKey("regions"),
					knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.yotta_gpu_types.eu3_big", tfjsonpath.New("ids"), acckit.StringList("NVIDIA_H200_141G", "NVIDIA_RTX_PRO_6000_96G")),
			},
		}},
	})
}

func TestVRAMInGB(t *testing.T) {
	for code, want := range map[string]int64{"NVIDIA_RTX_4090_24G": 24, "AMD_MI300X_192G": 192, "NVIDIA_H100_80GB": 80, "AWS_Trainium": 0} {
		if got := yottagputype.VRAMInGB(code); got != want {
			t.Errorf("%s: %d, want %d", code, got, want)
		}
	}
}
