package endpoint_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// An imported endpoint's generated configuration (terraform plan -generate-config-out) plans
// as written: nothing but the import, then an empty plan. REST v2 reports no template id (an
// endpoint keeps a copy of its template, no link): the import finds the template by its
// container settings, so the generated configuration has template_id, and no release is planned.
func TestAccEndpoint_generatedConfigPlansClean(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		id := acctest.Create(t, m, endpointHCL(`  name         = "sd-worker"
  gpu_type_ids = ["NVIDIA GeForce RTX 4090"]
  workers_min  = 0
  workers_max  = 3
  scaler_type  = "QUEUE_DELAY"
  scaler_value = 4`), addr)
		generated := acctest.ExpectGeneratedConfigPlansClean(t, m, "runpod_endpoint.imported", id)
		templates := m.IDs(t, "/templates?includeEndpointBoundTemplates=true") // the one made with the endpoint
		if want := regexp.MustCompile(`template_id\s+= "` + strings.Join(templates, "|") + `"`); len(templates) != 1 || !want.MatchString(generated) {
			t.Errorf("the generated configuration should have template_id = %q", templates)
		}
	})
}
