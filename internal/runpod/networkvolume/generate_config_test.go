package networkvolume_test

import (
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// An imported network volume's generated configuration (terraform plan -generate-config-out)
// plans as written: nothing but the import, then an empty plan.
func TestAccNetworkVolume_generatedConfigPlansClean(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		id := acctest.Create(t, m, `
resource "runpod_network_volume" "made" {
  name           = "models"
  size           = 20
  data_center_id = "EU-RO-1"
}
`, "runpod_network_volume.made")
		acctest.ExpectGeneratedConfigPlansClean(t, m, "runpod_network_volume.imported", id)
	})
}
