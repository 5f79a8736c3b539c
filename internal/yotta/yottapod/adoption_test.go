package yottapod_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaacctest"
)

// TestAccPod_lostCreateAnswerIsAdoptedWithAWarning: the create acts in Yotta, then the
// connection drops before the answer. The provider finds the pod the create made and manages
// it, and the apply says so in a warning naming the pod, worded as the RunPod provider words
// its own: the user learns why an apply that met an error succeeded. One pod, no duplicate.
func TestAccPod_lostCreateAnswerIsAdoptedWithAWarning(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	yottaacctest.ExpectLostCreateAdopted(t, m, yottaacctest.LostCreate{
		Config: podConfig(m, minimal("adopted")), Address: addr, CreateRoute: routeCreate, ListPath: "/v2/pods",
		Kind: "pod", Cause: "create pod: no answer from Yotta after sending the request",
	})
}

// TestAccPod_createWithItsAnswerGivesNoWarning: the warning is for adoptions only.
func TestAccPod_createWithItsAnswerGivesNoWarning(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	warnings := yottaacctest.NewWarnings()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: warnings.ProviderFactories(),
		CheckDestroy:             m.ExpectCount("/v2/pods", 0),
		Steps: []resource.TestStep{{
			PreConfig: warnings.Reset,
			Config:    podConfig(m, minimal("answered")),
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPreRefresh: []plancheck.PlanCheck{
				warnings.ExpectNoWarning("yotta_pod"),
			}},
		}},
	})
}
