package pod_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// TestAccPod_callBudget: the calls of a create, a refresh and a destroy of several pods. A
// refresh lists the pods once (the provider instance's snapshot) instead of reading each; a
// destroy deletes each pod and reads none.
func TestAccPod_callBudget(t *testing.T) {
	const n = 4
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		r := routesOf(b)
		const list = "GET /v2/pods"
		config := m.Config(fmt.Sprintf(`
resource "runpod_pod" "test" {
  count      = %d
  name       = "budget-${count.index}"
  image_name = "%s"
}
`, n, image))
		expect := func(route string, want int) error {
			if got := m.CallCount(route); got != want {
				all := map[string]int{}
				for _, c := range m.Calls() {
					all[c.Route]++
				}
				return fmt.Errorf("%s: %d calls, want %d (calls: %v)", route, got, want, all)
			}
			return nil
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: config,
					Check:  func(*terraform.State) error { return expect(r.create, n) },
				},
				{
					// A plan's refresh of n pods: one list call, no read of any one pod.
					PreConfig: m.ResetCalls,
					Config:    config,
					Check: func(*terraform.State) error {
						if err := expect(list, 1); err != nil {
							return err
						}
						return expect(r.get, 0)
					},
				},
			},
			// The destroy (and the plans before it) read no pod one by one: one DELETE each.
			CheckDestroy: func(*terraform.State) error {
				if err := expect(r.delete, n); err != nil {
					return err
				}
				return expect(r.get, 0)
			},
		})
	})
}
