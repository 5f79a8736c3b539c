package runpodprovider_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// oneOfEach is one object of every resource type.
const oneOfEach = `
resource "runpod_pod" "one" {
  name                 = "notebook"
  image_name           = "runpod/pytorch:2.4.0"
  gpu_type_ids         = ["NVIDIA GeForce RTX 4090"]
  container_disk_in_gb = 20
}

resource "runpod_template" "one" {
  name          = "worker"
  image_name    = "example/worker:1.0"
  is_serverless = true
}

resource "runpod_endpoint" "one" {
  name         = "inference"
  template_id  = runpod_template.one.id
  gpu_type_ids = ["NVIDIA GeForce RTX 4090"]
}

resource "runpod_network_volume" "one" {
  name           = "models"
  size           = 20
  data_center_id = "EU-RO-1"
}

resource "runpod_cluster" "one" {
  name              = "trainers"
  type              = "TRAINING"
  gpu_type_id       = "NVIDIA H100 80GB HBM3"
  gpu_count_per_pod = 8
  pod_count         = 2
  image_name        = "runpod/pytorch:2.4.0"
}

resource "runpod_ssh_keys" "one" {
  keys = ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHsIJd9bQ3b6sC9sVb0Gq8XK9r1Q2FzK4n0q8V1yX9aE ops@example.com"]
}

resource "runpod_container_registry_auth" "one" {
  name     = "ghcr"
  username = "robot"
  password = "hunter2"
}
`

// Every resource records its identity (its id) on create and imports by it: an import block
// with identity plans the import and nothing else, but for the registry credential, whose
// username and password RunPod never returns: its import plans recording the configured ones
// (an update in place, no API call), never a replace.
func TestAccIdentity_everyResource(t *testing.T) {
	addresses := []string{"runpod_pod.one", "runpod_template.one", "runpod_endpoint.one", "runpod_network_volume.one", "runpod_cluster.one", "runpod_ssh_keys.one", "runpod_container_registry_auth.one"}
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(acckit.QueryTerraform)},
			Steps:                    acckit.IdentitySteps(m.Config(oneOfEach), addresses, "runpod_container_registry_auth.one"),
		})
	})
}
