package yottapod_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaacctest"
)

// TestAccPod_lostCreateAnswerIsAdoptedWithAWarning: the create acts in Yotta, then the
// connection drops before the answer. The provider finds the pod the create made and manages
// it, and the apply says so in a warning naming the pod, worded as the RunPod provider words
// its own: the user learns why an apply that met an error succeeded. One pod, no duplicate.
func TestAccPod_lostCreateAnswerIsAdoptedWithAWarning(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	warnings := yottaacctest.NewWarnings()
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: warnings.ProviderFactories(),
		CheckDestroy:             m.ExpectCount("/v2/pods", 0),
		Steps: []resource.TestStep{{
			PreConfig: func() {
				warnings.Reset()
				if err := m.AddFault(mockkit.Fault{Route: routeCreate, Kind: mockkit.FaultDropAfter, Times: 1}); err != nil {
					t.Fatal(err)
				}
			},
			Config: podConfig(m, minimal("adopted")),
			Check: resource.ComposeAggregateTestCheckFunc(yottaacctest.CaptureID(addr, &id), m.ExpectFaultsUsed(),
				m.ExpectCount("/v2/pods", 1)),
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPreRefresh: []plancheck.PlanCheck{
				warnings.CheckWarnings("yotta_pod", func(got []yottaacctest.Warning) error {
					if len(got) != 1 {
						return fmt.Errorf("expected one warning, got %d: %v", len(got), got)
					}
					if want := "Adopted the pod the create made"; got[0].Summary != want {
						return fmt.Errorf("warning summary %q, want %q", got[0].Summary, want)
					}
					for _, want := range []string{
						"Yotta did not report the outcome of the create (create pod: no answer from Yotta after sending the request",
						"The provider then listed the account's pods, found exactly one that matches the request and was made since " +
							"it was sent, " + id + ", and manages it: nothing was created twice.",
					} {
						if !strings.Contains(got[0].Detail, want) {
							return fmt.Errorf("warning detail %q lacks %q", got[0].Detail, want)
						}
					}
					return nil
				}),
			}},
		}},
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
