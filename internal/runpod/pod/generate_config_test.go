package pod_test

import (
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// An imported pod's generated configuration (terraform plan -generate-config-out) plans as
// written: nothing but the import, then an empty plan. GPU pods once got vcpu_count, which
// their own validation refuses.
func TestAccPod_generatedConfigPlansClean(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		for name, body := range map[string]string{
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
		} {
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				id := acctest.Create(t, m, "resource \"runpod_pod\" \"made\" {"+body+"}\n", "runpod_pod.made")
				acctest.ExpectGeneratedConfigPlansClean(t, m, "runpod_pod.imported", id)
			})
		}
	})
}
