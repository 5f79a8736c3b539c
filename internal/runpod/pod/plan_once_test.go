package pod_test

import (
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// A pod reset, as the Terraform CLI shows it (-json): the reset warning shows once, at plan
// time (not again when the saved plan is applied, nor after "Apply complete" with
// -auto-approve), and after the reset the next plan is empty, with nothing "changed outside of
// Terraform".
func TestAccPod_resetWarnsOnceAndLeavesNoDrift(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		config := func(img string) string {
			return podConfig(m, `
  name              = "notebook"
  image_name        = "`+img+`"
  volume_in_gb      = 10
  volume_mount_path = "/workspace"`)
		}
		c := acctest.NewCLI(t)
		c.WriteConfig(config(image))
		c.Must("apply", "-input=false", "-no-color", "-auto-approve")
		c.ExpectEmptyPlan()
		c.WarnsOnce("will be reset", config(image2), config(image))
	})
}
