package pod_test

import (
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// TestAccPod_unknownIDsFailAtPlan: an id of the right form that RunPod does not list fails the
// plan on its attribute, naming the closest ids, before any write: a data center, a GPU type
// (RunPod's GPU catalog, read once), a CPU flavor; and a pod the runpod_pod data source names.
func TestAccPod_unknownIDsFailAtPlan(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		img := `image_name = "` + image + `"` + "\n"
		m.PlanRefusals(t, "", []acctest.Refusal{
			{Name: "unknown data center", Type: "runpod_pod", Body: img + `data_center_ids = ["EU-RO-1", "EU-MARS-1"]`,
				Want: []string{"Unknown data center", `data_center_ids[1] is "EU-MARS-1"`, "Data centers, closest first:"}},
			{Name: "unknown GPU type", Type: "runpod_pod",
				Body: img + `gpu_type_ids = ["NVIDIA GeForce RTX 3090", "NVIDIA GeForce RTX 4090X"]` + "\n" + `gpu_type_priority = "availability"`,
				Want: []string{"Unknown GPU type",
					`gpu_type_ids[1] is "NVIDIA GeForce RTX 4090X", which RunPod's GPU catalog does not list. GPU types, closest first: "NVIDIA GeForce RTX 4090", "NVIDIA GeForce RTX 3090", "NVIDIA GeForce RTX 5090".`}},
			{Name: "unknown CPU flavor", Type: "runpod_pod", Body: img + `compute_type = "CPU"` + "\n" + `cpu_flavor_ids = ["cpu3c", "cpu9c"]`,
				Want: []string{"Unknown CPU flavor",
					`cpu_flavor_ids[1] is "cpu9c", which RunPod's catalog of CPU flavors does not list. CPU flavors, closest first: "cpu3c", "cpu5c", "cpu3g".`}},
			{Name: "unknown pod", Type: "data.runpod_pod", Body: `id = "nosuchpod"`,
				Want: []string{`Pod not found`, `RunPod has no pod "nosuchpod" in this account. The runpod_pods data source lists the account's pods.`}},
		})
		m.ExpectNoWrites(t)
		if n := m.CallCount(gpuCatalogRoute); n != 1 {
			t.Errorf("GPU catalog read %d times, want 1", n)
		}
	})
}

// TestAccPod_knownGPUTypePlans: listed GPU types, and ids known only at apply, plan.
func TestAccPod_knownGPUTypePlans(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
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

// TestAccPod_gpuCatalogDownWarns: when the GPU catalog cannot be read, the plan warns and
// goes on (RunPod judges the ids at apply).
func TestAccPod_gpuCatalogDownWarns(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		if err := m.AddFault(mockkit.Fault{Route: gpuCatalogRoute, Kind: mockkit.FaultStatus, Status: http.StatusBadRequest}); err != nil {
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
		if m.CallCount(gpuCatalogRoute) == 0 {
			t.Error("the GPU catalog was not read")
		}
	})
}

// gpuCatalogRoute is the mock's route of the GPU catalog read.
const gpuCatalogRoute = "GET /v2/catalog/gpus"
