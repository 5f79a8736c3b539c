package pod_test

import (
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
)

// An imported pod's generated configuration (terraform plan -generate-config-out) plans as
// written: nothing but the import, then an empty plan. GPU pods once got vcpu_count, which
// their own validation refuses.
func TestAccPod_generatedConfigPlansClean(t *testing.T) {
	acctest.ExpectGeneratedConfigsPlanClean(t, "runpod_pod", map[string]string{
		"gpu": `
  name                 = "notebook"
  image_name           = "runpod/pytorch:2.4.0"
  gpu_type_ids         = ["NVIDIA GeForce RTX 4090"]
  container_disk_in_gb = 20
  ports                = ["8888/http", "22/tcp"]
  env                  = { JUPYTER_PASSWORD = "secret" }
`,
		"cpu": `
  name           = "cpu-box"
  image_name     = "busybox:latest"
  compute_type   = "CPU"
  cpu_flavor_ids = ["cpu3c"]
  vcpu_count     = 4
`,
	})
}
