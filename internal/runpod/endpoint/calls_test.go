package endpoint_test

import (
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// TestAccEndpoint_callBudget: a plan's refresh of several endpoints lists them once (the
// provider instance's snapshot) and reads none of them one by one: REST v2's list has no
// version or worker count, and the state's are kept. A release made outside Terraform still
// shows: its setting (or image) differs from the state, and that endpoint's workers are read
// for its new version. Their destroy is one DELETE each, without a look-up of the template
// (they were created through v2). REST v1's list reports the version itself (runpodapi
// TestV1EndpointCallsOfTheEndpointResource).
func TestAccEndpoint_callBudget(t *testing.T) {
	const n = 5
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		r := routesOf(b)
		const list = "GET /v2/serverless"
		config := m.Config(workerTemplate("worker", "example/worker:1.0") + fmt.Sprintf(`
resource "runpod_endpoint" "sd" {
  count        = %d
  name         = "budget-${count.index}"
  template_id  = runpod_template.worker.id
  gpu_type_ids = ["NVIDIA L4"]
  gpu_count    = 1
}
`, n))
		refresh := map[string]int{list: 1, r.read: 0, r.workers: 0}
		var ids []string
		// Outside Terraform: endpoint 0's GPU count, and endpoint 1's image (a release that only
		// the endpoint's own copy of the image shows).
		changed := []string{"runpod_endpoint.sd[0]", "runpod_endpoint.sd[1]"}
		changeOutside := func() {
			if s, body := m.Do(t, "PATCH", "/endpoints/"+ids[0], `{"gpuCount":2}`); s != 200 {
				t.Fatalf("gpuCount outside Terraform: %d %s", s, body)
			}
			if s, body := m.DoV2(t, "PATCH", "/v2/serverless/"+ids[1], `{"image":"example/worker:9.0"}`); s != 200 {
				t.Fatalf("image outside Terraform: %d %s", s, body)
			}
			m.ResetCalls()
		}
		// releasesSeen checks that the refresh found the changed endpoints drifted, each at the
		// next version (RunPod's release), and no other.
		releasesSeen := acctest.PlanCheckFunc(func(req plancheck.CheckPlanRequest) error {
			var drifted []string
			for _, d := range req.Plan.ResourceDrift {
				drifted = append(drifted, d.Address)
				before, _ := d.Change.Before.(map[string]any)
				after, _ := d.Change.After.(map[string]any)
				was, _ := strconv.Atoi(fmt.Sprint(before["version"])) // a json.Number
				if fmt.Sprint(after["version"]) != strconv.Itoa(was+1) {
					return fmt.Errorf("%s refreshed at version %v (was %v), want the next (the release made outside Terraform)",
						d.Address, after["version"], before["version"])
				}
			}
			slices.Sort(drifted)
			if !slices.Equal(drifted, changed) {
				return fmt.Errorf("resources changed outside of Terraform: %v, want %v", drifted, changed)
			}
			return nil
		})
		// The changed endpoints' workers are read, for their new version.
		drift := map[string]int{list: 1, r.read: 0, r.workers: len(changed)}
		destroy := map[string]int{r.remove: n, "GET /v2/templates/{id}": 0}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps: []resource.TestStep{
				{
					Config: config,
					Check: func(s *terraform.State) error {
						for i := range n {
							ids = append(ids, s.RootModule().Resources[fmt.Sprintf("runpod_endpoint.sd.%d", i)].Primary.ID)
						}
						return nil
					},
				},
				{
					// A plan's refresh of n endpoints (and their template): one list of endpoints,
					// no read of any one endpoint, no workers read.
					PreConfig: m.ResetCalls,
					Config:    config,
					Check:     m.ExpectCalls(refresh),
				},
				{
					PreConfig: changeOutside,
					Config:    config,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						releasesSeen,
						acctest.PlanCheckFunc(func(plancheck.CheckPlanRequest) error { return m.ExpectCalls(drift)(nil) }),
						// The GPU count is put back: an update (a release of its own).
						plancheck.ExpectResourceAction("runpod_endpoint.sd[0]", plancheck.ResourceActionUpdate),
					}},
				},
				{
					// The endpoints' destroy, their template kept: one DELETE each and no look-up of
					// the template (an endpoint created through v2 has no link to it).
					PreConfig: m.ResetCalls,
					Config:    m.Config(workerTemplate("worker", "example/worker:1.0")),
					Check:     m.ExpectCalls(destroy),
				},
			},
		})
	})
}
