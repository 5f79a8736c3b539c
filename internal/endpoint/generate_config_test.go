package endpoint_test

import (
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod"
)

// An imported endpoint's generated configuration (terraform plan -generate-config-out) plans
// as written: nothing but the import, then an empty plan. Not yet on REST v2: it reports no
// template id (an endpoint keeps a copy of its template, no link), so the generated
// configuration has `template_id = null`, which the schema requires; set by hand, it plans a
// re-apply of the template (a release).
func TestAccEndpoint_generatedConfigPlansClean(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		if b == runpod.BackendV2 {
			t.Skip("REST v2 reports no template id: the generated configuration lacks template_id (known gap)")
		}
		m := acctest.NewMock(t, b)
		id := acctest.Create(t, m, endpointHCL(`  name         = "sd-worker"
  gpu_type_ids = ["NVIDIA GeForce RTX 4090"]
  workers_min  = 0
  workers_max  = 3
  scaler_type  = "QUEUE_DELAY"
  scaler_value = 4`), addr)
		acctest.ExpectGeneratedConfigPlansClean(t, m, "runpod_endpoint.imported", id)
	})
}
