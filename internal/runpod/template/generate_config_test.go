package template_test

import (
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// An imported template's generated configuration (terraform plan -generate-config-out) plans
// as written: nothing but the import, then an empty plan. env is sensitive, and Terraform
// never writes a sensitive value into generated configuration (it writes `env = null #
// sensitive`, to be filled in), so these templates have none.
func TestAccTemplate_generatedConfigPlansClean(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		for name, body := range map[string]string{
			"pod": `
  name                 = "notebook"
  image_name           = "runpod/pytorch:2.4.0"
  container_disk_in_gb = 20
  volume_in_gb         = 10
  volume_mount_path    = "/workspace"
  ports                = ["8888/http", "22/tcp"]
`,
			"serverless": `
  name          = "worker"
  image_name    = "example/worker:1.0"
  is_serverless = true
`,
		} {
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				id := acctest.Create(t, m, "resource \"runpod_template\" \"made\" {"+body+"}\n", "runpod_template.made")
				acctest.ExpectGeneratedConfigPlansClean(t, m, "runpod_template.imported", id)
			})
		}
	})
}
