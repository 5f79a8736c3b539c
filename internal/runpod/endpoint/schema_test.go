package endpoint_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

func TestAccEndpoint_computeTypeReplaces(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		var firstID string
		r := routesOf(b)
		// REST v1 refuses to delete an endpoint with workers: the provider scales it to zero
		// first. REST v2 stops the workers itself.
		wantWrites := []string{r.remove + " 204", r.create + " 201"}
		if b == runpodapi.BackendV1 {
			wantWrites = []string{r.update + " 200", r.remove + " 204", r.create + " 200"}
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps: []resource.TestStep{
				{
					Config: m.Config(endpointHCL(`
  workers_min = 1
  workers_max = 2
`)),
					Check: acctest.CaptureID(addr, &firstID),
				},
				{
					PreConfig: func() { m.ResetCalls() },
					Config: m.Config(endpointHCL(`
  compute_type   = "CPU"
  cpu_flavor_ids = ["cpu5c", "cpu3c"]
  vcpu_count     = 4
  workers_min    = 1
  workers_max    = 2
`)),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("compute_type"), knownvalue.StringExact("CPU")),
						// REST v1 reports CPU workers as instance ids ("cpu5c-4-8"), REST v2 as cpu[]:
						// read back as configured.
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("cpu_flavor_ids"), knownvalue.ListExact([]knownvalue.Check{
							knownvalue.StringExact("cpu5c"), knownvalue.StringExact("cpu3c"),
						})),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("vcpu_count"), knownvalue.Int64Exact(4)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("gpu_type_ids"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("gpu_count"), knownvalue.Null()),
					},
					Check: resource.ComposeTestCheckFunc(
						resource.TestCheckResourceAttrWith(addr, "id", func(v string) error {
							if v == firstID {
								return fmt.Errorf("expected a new endpoint, got the same id %s", v)
							}
							return nil
						}),
						func(*terraform.State) error {
							if got := writes(m); !slices.Equal(got, wantWrites) {
								return fmt.Errorf("expected calls %v, got %v", wantWrites, got)
							}
							if b == runpodapi.BackendV2 {
								return nil
							}
							if b := m.JSONBodies(t, r.update); len(b) != 1 || b[0]["workersMin"] != 0.0 || b[0]["workersMax"] != 0.0 || len(b[0]) != 2 {
								return fmt.Errorf("expected the scale-down PATCH {workersMin: 0, workersMax: 0}, got %v", b)
							}
							return nil
						},
					),
				},
				{
					// REST v2 does not report the template an endpoint was made from: the import finds it.
					ResourceName:      addr,
					ImportState:       true,
					ImportStateVerify: true,
				},
			},
		})
	})
}
