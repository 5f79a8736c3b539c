package pod_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/acctest"
)

func TestAccPod_smoke(t *testing.T) {
	t.Parallel()
	m := acctest.NewMock(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: m.Config(`
resource "runpod_pod" "x" {
  image_name = "runpod/base:0.6.2-ubuntu2204"
}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("runpod_pod.x", tfjsonpath.New("name"), knownvalue.StringExact("my pod")),
			},
		}},
	})
	for _, c := range m.Calls() {
		t.Logf("%s %s %d", c.Route, c.Query, c.Status)
	}
}
