package runpodprovider_test

import (
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"

	"strings"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// accountToAdopt is an account as a team finds it when it adopts the provider: 50 pods, 10
// endpoints on 10 serverless templates, 5 network volumes and 3 registry credentials, made
// before any of it was in their configuration.
const accountToAdopt = `
resource "runpod_pod" "made" {
  count                = 50
  name                 = "pod-${count.index}"
  image_name           = "runpod/pytorch:2.4.0"
  gpu_type_ids         = ["NVIDIA GeForce RTX 4090"]
  container_disk_in_gb = 20
  ports                = ["8888/http", "22/tcp"]
}

resource "runpod_template" "made" {
  count         = 10
  name          = "worker-${count.index}"
  image_name    = "example/worker:${count.index}.0"
  is_serverless = true
}

resource "runpod_endpoint" "made" {
  count        = 10
  name         = "endpoint-${count.index}"
  template_id  = runpod_template.made[count.index].id
  gpu_type_ids = ["NVIDIA GeForce RTX 4090"]
  workers_max  = 2
}

resource "runpod_network_volume" "made" {
  count          = 5
  name           = "volume-${count.index}"
  size           = 10 + count.index
  data_center_id = "EU-RO-1"
}

resource "runpod_container_registry_auth" "made" {
  count    = 3
  name     = "registry-${count.index}"
  username = "robot"
  password = "hunter2-${count.index}"
}
`

const adoptEverything = `
list "runpod_pod" "all" {
  provider         = runpod
  include_resource = true
  limit            = 100
}
list "runpod_endpoint" "all" {
  provider         = runpod
  include_resource = true
}
list "runpod_template" "all" {
  provider         = runpod
  include_resource = true
}
list "runpod_network_volume" "all" {
  provider         = runpod
  include_resource = true
}
list "runpod_container_registry_auth" "all" {
  provider         = runpod
  include_resource = true
}
`

// v2Only is what only REST v2 manages: an Instant Cluster of 2 pods and the account's SSH keys.
const v2Only = `
resource "runpod_cluster" "made" {
  name              = "trainers"
  type              = "TRAINING"
  gpu_type_id       = "NVIDIA H100 80GB HBM3"
  gpu_count_per_pod = 8
  pod_count         = 2
  image_name        = "runpod/pytorch:2.4.0"
  ports             = ["22/tcp"]
}

resource "runpod_ssh_keys" "made" {
  keys = ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHsIJd9bQ3b6sC9sVb0Gq8XK9r1Q2FzK4n0q8V1yX9aE ops@example.com"]
}
`

const adoptV2Only = `
list "runpod_cluster" "all" {
  provider         = runpod
  include_resource = true
}
list "runpod_ssh_keys" "all" {
  provider         = runpod
  include_resource = true
}
`

// A whole account comes under Terraform with one `terraform query -generate-config-out`: the
// generated configuration imports all 78 objects (80 on REST v2, with a cluster and the SSH
// keys) and plans no change, with one list call per kind (and the catalog call GPU endpoints
// need; a cluster's members are one more call per cluster).
func TestAccQuery_adoptsAWholeAccount(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		c := acctest.NewCLI(t)
		c.RequireVersion(acckit.QueryTerraform)
		account, query, want := accountToAdopt, adoptEverything, 78
		if b == runpodapi.BackendV2 {
			account, query, want = account+v2Only, query+adoptV2Only, want+2
		}
		acctest.Create(t, m, account, "runpod_pod.made[0]")
		c.WriteConfig(m.ProviderConfig())
		a := acckit.ExpectQueryAdoptsAll(t, c, m, query)
		if a.Imported != want {
			t.Errorf("the plan imports %d objects, want %d (50 pods, 10 endpoints, 10 templates, 5 volumes, 3 credentials; "+
				"a cluster and the SSH keys on REST v2)", a.Imported, want)
		}
		t.Logf("terraform query made %d calls: %s", len(a.QueryCalls), strings.Join(a.QueryCalls, ", "))
		a.ExpectOneCallPerRoute(t)
	})
}
