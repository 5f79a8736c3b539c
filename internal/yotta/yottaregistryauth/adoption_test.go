package yottaregistryauth_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaacctest"
)

// TestAccRegistryAuth_lostCreateAnswerIsAdoptedWithAWarning: the create acts in Yotta, then
// the connection drops before the answer. The provider finds the credential the create made
// and manages it, and the apply says so in a warning naming it, worded as the RunPod provider
// words its own. One credential, no duplicate.
func TestAccRegistryAuth_lostCreateAnswerIsAdoptedWithAWarning(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	warnings := yottaacctest.NewWarnings()
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: warnings.ProviderFactories(),
		CheckDestroy:             m.ExpectCount("/v2/container-registry-auths", 0),
		Steps: []resource.TestStep{{
			PreConfig: func() {
				warnings.Reset()
				if err := m.AddFault(mockkit.Fault{Route: routeCreate, Kind: mockkit.FaultDropAfter, Times: 1}); err != nil {
					t.Fatal(err)
				}
			},
			Config: config(m, "adopted", "DOCKER_HUB", "bot", "pw"),
			Check: resource.ComposeAggregateTestCheckFunc(yottaacctest.CaptureID(addr, &id), m.ExpectFaultsUsed(),
				m.ExpectCount("/v2/container-registry-auths", 1)),
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPreRefresh: []plancheck.PlanCheck{
				warnings.CheckWarnings("yotta_container_registry_auth", func(got []yottaacctest.Warning) error {
					if len(got) != 1 {
						return fmt.Errorf("expected one warning, got %d: %v", len(got), got)
					}
					if want := "Adopted the container registry auth the create made"; got[0].Summary != want {
						return fmt.Errorf("warning summary %q, want %q", got[0].Summary, want)
					}
					for _, want := range []string{
						"Yotta did not report the outcome of the create (create container registry auth adopted: no answer from Yotta",
						"The provider then listed the account's container registry auths, found exactly one that matches the request " +
							"and was made since it was sent, " + id + ", and manages it: nothing was created twice.",
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
