package endpoint_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// TestAccEndpoint_unknownDataCenterFailsAtPlan: a data center RunPod does not list fails the
// plan on data_center_ids, naming the closest ids, before any write.
func TestAccEndpoint_unknownDataCenterFailsAtPlan(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: m.Config(endpointHCL(`  name = "sd"` + "\n" + `  data_center_ids = ["EU-RO-1", "EU-MARS-1"]`)),
				ExpectError: acctest.ErrorText("Unknown data center", `data_center_ids is "EU-MARS-1"`,
					"Data centers, closest first:"),
			}},
		})
		m.ExpectNoWrites(t)
	})
}

// TestAccEndpoint_unknownGPUTypeFailsAtPlan: on REST v2, which maps GPU types to serverless
// pools from RunPod's GPU catalog, a type the catalog does not list, or lists in no pool,
// fails the plan on gpu_type_ids before any write; a pool id is left to RunPod. REST v1 judges
// its ids by an enum of its own, at apply.
func TestAccEndpoint_unknownGPUTypeFailsAtPlan(t *testing.T) {
	m := acctest.NewMock(t, runpodapi.BackendV2)
	config := func(ids string) string {
		return m.Config(endpointHCL(`  name = "sd"` + "\n" + `  gpu_type_ids = ` + ids))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config(`["NVIDIA L4", "NVIDIA GeForce RTX 4090X"]`),
				ExpectError: acctest.ErrorText("Unknown GPU type",
					`gpu_type_ids[1] is "NVIDIA GeForce RTX 4090X", which RunPod's GPU catalog does not list. GPU types in serverless pools, closest first: "NVIDIA GeForce RTX 4090", "NVIDIA GeForce RTX 3090", "NVIDIA GeForce RTX 5090".`),
			},
			{
				Config: config(`["NVIDIA GeForce RTX 3070"]`),
				ExpectError: acctest.ErrorText("GPU type without a serverless pool",
					`gpu_type_ids[0] is "NVIDIA GeForce RTX 3070", which is in no serverless GPU pool of RunPod's GPU catalog`),
			},
			{Config: config(`["NVIDIA GeForce RTX 4090", "ADA_24"]`), PlanOnly: true, ExpectNonEmptyPlan: true},
		},
	})
	m.ExpectNoWrites(t)
}
