package cluster_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// A create that makes the cluster, then loses its answer, adopts the cluster it made (with
// the warning every resource gives) instead of making a second one.
func TestAccCluster_lostCreateAnswerIsAdopted(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		if err := m.AddFault(mockkit.Fault{Route: routeCreate, Kind: mockkit.FaultDropAfter, Times: 1}); err != nil {
			t.Fatal(err)
		}
		warnings := acctest.NewPlanWarnings()
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: warnings.ProviderFactories(),
			Steps: []resource.TestStep{{
				PreConfig: warnings.Reset,
				Config:    m.Config(clusterConfig("lost-answer", 2, "img:1")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPreRefresh: []plancheck.PlanCheck{
					warnings.ExpectWarning("runpod_cluster", acctest.ErrorText("Adopted the cluster the create made",
						"found exactly one that matches the request", "nothing was created twice.")),
				}},
				Check: resource.ComposeTestCheckFunc(expectClusters(t, m, 1), expectPods(t, m, 2)),
			}},
		})
		if n := m.CallCount(routeCreate); n != 1 {
			t.Errorf("%s sent %d times; a create whose answer was lost must not be resent", routeCreate, n)
		}
	})
}
