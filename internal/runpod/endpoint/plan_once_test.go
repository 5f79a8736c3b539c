package endpoint_test

import (
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// An endpoint's rolling release, as the Terraform CLI shows it (-json): the warning shows
// once, at plan time, and the next plan is empty, with nothing "changed outside of Terraform".
func TestAccEndpoint_releaseWarnsOnceAndLeavesNoDrift(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		config := func(gpu string) string {
			return m.Config(endpointHCL(`  name         = "sd-worker"
  gpu_type_ids = ["` + gpu + `"]`))
		}
		c := acctest.NewCLI(t)
		c.WriteConfig(config("NVIDIA GeForce RTX 4090"))
		c.Must("apply", "-input=false", "-no-color", "-auto-approve")
		c.ExpectEmptyPlan()
		c.WarnsOnce("will roll out a new release", config("NVIDIA RTX A6000"), config("NVIDIA GeForce RTX 4090"))
	})
}

// An edit of the template an endpoint runs (a rollout Terraform makes): the template's
// warning shows once, at plan time, and the next plan is empty: the endpoint's version, which
// the release raises, is no change "outside of Terraform" (issue: `plan -detailed-exitcode`
// exited 2 after every template edit on REST v1).
func TestAccEndpoint_templateRolloutWarnsOnceAndLeavesNoDrift(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		config := func(image string) string {
			return m.Config(workerTemplate("worker", image) + `
resource "runpod_endpoint" "sd" {
  name        = "sd-worker"
  template_id = runpod_template.worker.id
}

output "version" {
  value = runpod_endpoint.sd.version
}
`)
		}
		c := acctest.NewCLI(t)
		c.WriteConfig(config("example/worker:1.0"))
		c.Must("apply", "-input=false", "-no-color", "-auto-approve")
		c.ExpectEmptyPlan()
		c.WarnsOnce("change rolls out a new release", config("example/worker:2.0"), config("example/worker:3.0"))
		if _, err := c.Run("plan", "-input=false", "-no-color", "-detailed-exitcode"); err != nil {
			t.Errorf("plan -detailed-exitcode after the rollouts: %v", err)
		}
	})
}
