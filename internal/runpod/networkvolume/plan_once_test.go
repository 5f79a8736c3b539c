package networkvolume_test

import (
	"fmt"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// A volume grown by Terraform: the next plan is empty, with nothing "changed outside of
// Terraform".
func TestAccNetworkVolume_growthLeavesNoDrift(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		config := func(size int) string {
			return m.Config(fmt.Sprintf(`
resource "runpod_network_volume" "models" {
  name           = "models"
  size           = %d
  data_center_id = "EU-RO-1"
}
`, size))
		}
		c := acctest.NewCLI(t)
		c.WriteConfig(config(20))
		c.Must("apply", "-input=false", "-no-color", "-auto-approve")
		c.ExpectEmptyPlan()
		c.WriteConfig(config(50))
		c.Must("apply", "-input=false", "-no-color", "-auto-approve")
		c.ExpectEmptyPlan()
		if got := c.Attribute("runpod_network_volume.models", "size"); fmt.Sprint(got) != "50" {
			t.Errorf("size = %v after growing it to 50", got)
		}
	})
}
