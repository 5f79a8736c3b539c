package pod_test

import (
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// TestAccPod_unknownDataCenterFailsAtPlan: a data center id of the right form that RunPod does
// not list fails the plan on data_center_ids, naming the closest ids, before any write.
func TestAccPod_unknownDataCenterFailsAtPlan(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: podConfig(m, `image_name = "`+image+`"`+"\n"+`data_center_ids = ["EU-RO-1", "EU-MARS-1"]`),
				ExpectError: acctest.ErrorText("Unknown data center", `data_center_ids[1] is "EU-MARS-1"`,
					"Data centers, closest first:"),
			}},
		})
		m.ExpectNoWrites(t)
	})
}

// TestAccPod_unknownGPUTypeFailsAtPlan: a GPU type id RunPod's GPU catalog does not list fails
// the plan on gpu_type_ids, naming the closest ids, before any write; the catalog is read once.
func TestAccPod_unknownGPUTypeFailsAtPlan(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: podConfig(m, `image_name = "`+image+`"`+"\n"+`gpu_type_ids = ["NVIDIA GeForce RTX 3090", "NVIDIA GeForce RTX 4090X"]`+
					"\n"+`gpu_type_priority = "availability"`),
				ExpectError: acctest.ErrorText("Unknown GPU type",
					`gpu_type_ids[1] is "NVIDIA GeForce RTX 4090X", which RunPod's GPU catalog does not list. GPU types, closest first: "NVIDIA GeForce RTX 4090", "NVIDIA GeForce RTX 3090", "NVIDIA GeForce RTX 5090".`),
			}},
		})
		m.ExpectNoWrites(t)
		if n := m.CallCount(gpuCatalogRoute(b)); n != 1 {
			t.Errorf("GPU catalog read %d times, want 1", n)
		}
	})
}

// TestAccPod_knownGPUTypePlans: listed GPU types, and ids known only at apply, plan.
func TestAccPod_knownGPUTypePlans(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: m.Config(`resource "terraform_data" "gpu" { input = "NVIDIA L4" }` + "\n" +
					`resource "runpod_pod" "test" {` + "\n" + `image_name = "` + image + `"` + "\n" +
					`gpu_type_ids = ["NVIDIA GeForce RTX 4090", terraform_data.gpu.output]` + "\n}\n"),
				PlanOnly: true, ExpectNonEmptyPlan: true,
			}},
		})
		m.ExpectNoWrites(t)
	})
}

// TestAccPod_unknownCPUFlavorFailsAtPlan: likewise for cpu_flavor_ids.
func TestAccPod_unknownCPUFlavorFailsAtPlan(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: podConfig(m, `image_name = "`+image+`"`+"\n"+`compute_type = "CPU"`+"\n"+`cpu_flavor_ids = ["cpu3c", "cpu9c"]`),
				ExpectError: acctest.ErrorText("Unknown CPU flavor",
					`cpu_flavor_ids[1] is "cpu9c", which RunPod's catalog of CPU flavors does not list. CPU flavors, closest first: "cpu3c", "cpu5c", "cpu3g".`),
			}},
		})
		m.ExpectNoWrites(t)
	})
}

// TestAccPod_gpuCatalogDownWarns: when the GPU catalog cannot be read, the plan warns and
// goes on (RunPod judges the ids at apply).
func TestAccPod_gpuCatalogDownWarns(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		if err := m.AddFault(mockkit.Fault{Route: gpuCatalogRoute(b), Kind: mockkit.FaultStatus, Status: http.StatusBadRequest}); err != nil {
			t.Fatal(err)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config:   podConfig(m, `image_name = "`+image+`"`+"\n"+`gpu_type_ids = ["NVIDIA GeForce RTX 4090X"]`),
				PlanOnly: true, ExpectNonEmptyPlan: true,
			}},
		})
		m.ExpectNoWrites(t)
		if m.CallCount(gpuCatalogRoute(b)) == 0 {
			t.Error("the GPU catalog was not read")
		}
	})
}

// gpuCatalogRoute is the mock's route of the GPU catalog read on backend b.
func gpuCatalogRoute(b runpodapi.Backend) string {
	if b == runpodapi.BackendV1 {
		return "graphql gpuTypes"
	}
	return "GET /v2/catalog/gpus"
}
