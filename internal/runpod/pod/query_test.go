package pod_test

import (
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"

	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

func TestAccQuery_pods(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		acctest.Create(t, m, `
resource "runpod_pod" "made" {
  count                = 3
  name                 = "pod-${count.index}"
  image_name           = "runpod/pytorch:2.4.0"
  gpu_type_ids         = ["NVIDIA GeForce RTX 4090"]
  container_disk_in_gb = 20
  ports                = ["8888/http", "22/tcp"]
  env                  = { JUPYTER_PASSWORD = "secret" }
}
`, "runpod_pod.made[0]")
		c := acctest.NewCLI(t)
		c.WriteConfig(m.ProviderConfig())
		m.ResetCalls()
		a := acckit.ExpectQueryAdoptsAll(t, c, m, `
list "runpod_pod" "all" {
  provider         = runpod
  include_resource = true
}
`)
		t.Logf("generated:\n%s", a.Generated)
		if a.Imported != 3 {
			t.Errorf("imported %d pods, want 3", a.Imported)
		}
	})
}
