package yottaacctest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
)

// LostCreate is a create whose answer is lost, for ExpectLostCreateAdopted.
type LostCreate struct {
	Config      string // the configuration that creates the object, provider block included
	Address     string // the resource's address: "yotta_pod.test"
	CreateRoute string // the create's route in the mock: "POST /v2/pods"
	ListPath    string // where the mock lists the objects (ExpectCount): "/v2/pods"
	Kind        string // the object's kind, as the warning names it: "pod"
	Cause       string // what the warning says became of the create's answer, up to where it varies
}

// ExpectLostCreateAdopted applies c.Config with the create's connection dropped once after
// Yotta acted, before its answer: the provider must find the object the create made and
// manage it (one object, no duplicate), and the apply must say so in a warning naming it,
// worded as the RunPod provider words its own, so that the user learns why an apply that met
// an error succeeded.
func ExpectLostCreateAdopted(t *testing.T, m *Mock, c LostCreate) {
	t.Helper()
	typeName, _, _ := strings.Cut(c.Address, ".")
	warnings := NewWarnings()
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: warnings.ProviderFactories(),
		CheckDestroy:             m.ExpectCount(c.ListPath, 0),
		Steps: []resource.TestStep{{
			PreConfig: func() {
				warnings.Reset()
				if err := m.AddFault(mockkit.Fault{Route: c.CreateRoute, Kind: mockkit.FaultDropAfter, Times: 1}); err != nil {
					t.Fatal(err)
				}
			},
			Config: c.Config,
			Check: resource.ComposeAggregateTestCheckFunc(CaptureID(c.Address, &id), m.ExpectFaultsUsed(),
				m.ExpectCount(c.ListPath, 1)),
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPreRefresh: []plancheck.PlanCheck{
				warnings.CheckWarnings(typeName, func(got []Warning) error {
					if len(got) != 1 {
						return fmt.Errorf("expected one warning, got %d: %v", len(got), got)
					}
					if want := "Adopted the " + c.Kind + " the create made"; got[0].Summary != want {
						return fmt.Errorf("warning summary %q, want %q", got[0].Summary, want)
					}
					for _, want := range []string{
						"Yotta did not report the outcome of the create (" + c.Cause,
						"The provider then listed the account's " + c.Kind + "s, found exactly one that matches the request " +
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
