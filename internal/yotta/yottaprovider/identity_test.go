package yottaprovider_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaacctest"
)

// Every resource records its identity (its id) on create and imports by it: an import block
// with identity plans the import and nothing else, but for the registry credential, whose
// password Yotta never returns: its import plans recording the configured one (an update in
// place, no API call), never a replace.
func TestAccIdentity_everyResource(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	config := m.Config(`
resource "yotta_pod" "one" {
  name      = "trainer"
  image     = "pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime"
  gpu_type  = "NVIDIA_RTX_4090_24G"
  gpu_count = 1
}

resource "yotta_container_registry_auth" "one" {
  name     = "ghcr"
  type     = "DOCKER_HUB"
  username = "robot"
  password = "hunter2"
}
`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: yottaacctest.ProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(acckit.QueryTerraform)},
		Steps: acckit.IdentitySteps(config, []string{"yotta_pod.one", "yotta_container_registry_auth.one"},
			"yotta_container_registry_auth.one"),
	})
}
