package pod_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// TestAccPod_busyAccount: 30 pods applied at Terraform's default -parallelism=10 while RunPod
// throttles 30% of all requests (429): the apply succeeds, no pod is tainted, and the account
// holds exactly the 30 pods (none lost, none duplicated).
func TestAccPod_busyAccount(t *testing.T) {
	const pods = 30
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		if err := m.AddFault(mockkit.Fault{Route: "*", Kind: mockkit.FaultStatus, Status: http.StatusTooManyRequests, Probability: 0.3}); err != nil {
			t.Fatal(err)
		}
		var started time.Time
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				PreConfig: func() { started = time.Now() },
				Config: m.Config(fmt.Sprintf(`
resource "runpod_pod" "busy" {
  count        = %d
  name         = "busy-${count.index}"
  image_name   = "busybox:1"
  gpu_type_ids = ["NVIDIA GeForce RTX 4090"]
}
`, pods)),
				Check: func(s *terraform.State) error {
					elapsed := time.Since(started)
					tainted, inState := 0, 0
					for _, r := range s.RootModule().Resources {
						if r.Type != "runpod_pod" {
							continue
						}
						inState++
						if r.Primary != nil && r.Primary.Tainted {
							tainted++
						}
					}
					throttled := 0
					for _, c := range m.Calls() {
						if c.Status == http.StatusTooManyRequests {
							throttled++
						}
					}
					t.Logf("%d pods on %s with 30%% of requests throttled: applied in %s, %d in state, %d tainted, %d of %d calls throttled",
						pods, b, elapsed.Round(time.Second), inState, tainted, throttled, len(m.Calls()))
					if tainted != 0 || inState != pods {
						return fmt.Errorf("%d of %d pods in state, %d tainted", inState, pods, tainted)
					}
					// The mock's own count is read through its API: no fault may refuse it (the
					// destroy that follows then runs on a quiet account).
					m.ClearFaults()
					return m.ExpectCount("/pods", pods)(s)
				},
			}},
		})
	})
}
