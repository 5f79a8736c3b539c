package endpoint_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// TestAccEndpoint_whatRunPodDoesNotListFailsAtPlan: what RunPod's catalogs do not list fails
// the plan on the attribute that names it, before any write: a template RunPod does not have
// (RunPod's own refusal at apply is in TestAccEndpoint_apiErrorsKeepRunPodsMessage), a data
// center (naming the closest ids), and, as REST v2 maps GPU types to serverless pools from
// RunPod's GPU catalog, a GPU type the catalog does not list, or lists in no pool; a pool id is
// left to RunPod. REST v1 judges its GPU type ids by an enum of its own, at apply, and its data
// centers are an enum (datacenter's TestCheckListed and runpodapi's TestV1DataCentersAreTheEnum).
func TestAccEndpoint_whatRunPodDoesNotListFailsAtPlan(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		template := workerTemplate("worker", "example/worker:1.0")
		onWorker := func(body string) string {
			return "template_id = runpod_template.worker.id\nname = \"sd\"\n" + body
		}
		m.PlanRefusals(t, template, []acctest.Refusal{
			{Name: "template RunPod does not have", Type: "runpod_endpoint", Body: `template_id = "tpl0000001"`,
				Want: []string{"Template not found", `template_id = "tpl0000001": RunPod has no template with this id that the account can use`}},
			{Name: "unknown data center", Type: "runpod_endpoint", Body: onWorker(`data_center_ids = ["EU-RO-1", "EU-MARS-1"]`),
				Want: []string{"Unknown data center", `data_center_ids is "EU-MARS-1"`, "Data centers, closest first:"}},
			{Name: "unknown GPU type", Type: "runpod_endpoint", Body: onWorker(`gpu_type_ids = ["NVIDIA L4", "NVIDIA GeForce RTX 4090X"]`),
				Want: []string{"Unknown GPU type", `gpu_type_ids[1] is "NVIDIA GeForce RTX 4090X", which RunPod's GPU catalog does not list. GPU types in serverless pools, closest first: "NVIDIA GeForce RTX 4090", "NVIDIA GeForce RTX 3090", "NVIDIA GeForce RTX 5090".`}},
			{Name: "GPU type in no pool", Type: "runpod_endpoint", Body: onWorker(`gpu_type_ids = ["NVIDIA GeForce RTX 3070"]`),
				Want: []string{"GPU type without a serverless pool", `gpu_type_ids[0] is "NVIDIA GeForce RTX 3070", which is in no serverless GPU pool of RunPod's GPU catalog`}},
		})
		// A pool id among the GPU types is RunPod's to judge: the plan goes through.
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config:             m.Config(endpointHCL(`  name = "sd"` + "\n" + `  gpu_type_ids = ["NVIDIA GeForce RTX 4090", "ADA_24"]`)),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			}},
		})
		m.ExpectNoWrites(t)
	})
}
