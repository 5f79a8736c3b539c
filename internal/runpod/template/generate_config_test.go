package template_test

import (
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
)

// An imported template's generated configuration (terraform plan -generate-config-out) plans
// as written: nothing but the import, then an empty plan. env is sensitive, and Terraform
// never writes a sensitive value into generated configuration (it writes `env = null #
// sensitive`, to be filled in), so these templates have none.
func TestAccTemplate_generatedConfigPlansClean(t *testing.T) {
	acctest.ExpectGeneratedConfigsPlanClean(t, "runpod_template", map[string]string{
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
	})
}
