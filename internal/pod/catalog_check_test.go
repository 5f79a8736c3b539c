package pod_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/runpod-community/terraform-provider-runpod/internal/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod"
)

// TestAccPod_unknownDataCenterFailsAtPlan: a data center id of the right form that RunPod does
// not list fails the plan on data_center_ids, naming the closest ids, before any write.
func TestAccPod_unknownDataCenterFailsAtPlan(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
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
