package runpodprovider_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// A module as users write one: registry credentials, a network volume, a serverless template
// and an endpoint that mounts the volume, and a pod on the same volume and credentials. One
// apply creates it in dependency order, the next plan is empty, one destroy removes it all.
const workerModule = `
data "runpod_gpu_type" "gpu" {
  min_memory_in_gb = 24
  cloud_type       = "SECURE"
}

resource "runpod_container_registry_auth" "ghcr" {
  name     = "ghcr-acme"
  username = "acme-bot"
  password = "ghp_module_test_secret"
}

resource "runpod_network_volume" "models" {
  name           = "models"
  size           = 50
  data_center_id = "EU-RO-1"
}

resource "runpod_template" "worker" {
  name                       = "worker"
  image_name                 = "ghcr.io/acme/worker:1.0"
  is_serverless              = true
  container_registry_auth_id = runpod_container_registry_auth.ghcr.id
}

` + workerEndpoint + `
resource "runpod_pod" "notebook" {
  name                       = "notebook"
  image_name                 = "ghcr.io/acme/notebook:1.0"
  gpu_type_ids               = [data.runpod_gpu_type.gpu.id]
  data_center_ids            = ["EU-RO-1"]
  network_volume_id          = runpod_network_volume.models.id
  container_registry_auth_id = runpod_container_registry_auth.ghcr.id
  ports                      = ["8888/http", "22/tcp"]
}
`

const workerEndpoint = `
resource "runpod_endpoint" "worker" {
  name              = "worker"
  template_id       = runpod_template.worker.id
  gpu_type_ids      = [data.runpod_gpu_type.gpu.id]
  data_center_ids   = ["EU-RO-1"]
  network_volume_id = runpod_network_volume.models.id
  workers_min       = 1
  workers_max       = 2
}
`

func TestAccModule_volumeTemplateEndpointAndPodInOneApply(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b, acctest.WithBootDelay(time.Second))
		same := compare.ValuesSame()
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: m.Config(workerModule),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("runpod_pod.notebook", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction("runpod_endpoint.worker", plancheck.ResourceActionCreate),
						plancheck.ExpectSensitiveValue("runpod_container_registry_auth.ghcr", tfjsonpath.New("password")),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.CompareValuePairs("runpod_endpoint.worker", tfjsonpath.New("network_volume_id"), "runpod_network_volume.models", tfjsonpath.New("id"), same),
						statecheck.CompareValuePairs("runpod_pod.notebook", tfjsonpath.New("network_volume_id"), "runpod_network_volume.models", tfjsonpath.New("id"), same),
						statecheck.CompareValuePairs("runpod_endpoint.worker", tfjsonpath.New("template_id"), "runpod_template.worker", tfjsonpath.New("id"), same),
						statecheck.CompareValuePairs("runpod_template.worker", tfjsonpath.New("container_registry_auth_id"), "runpod_container_registry_auth.ghcr", tfjsonpath.New("id"), same),
						statecheck.CompareValuePairs("runpod_pod.notebook", tfjsonpath.New("container_registry_auth_id"), "runpod_container_registry_auth.ghcr", tfjsonpath.New("id"), same),
						statecheck.ExpectKnownValue("runpod_pod.notebook", tfjsonpath.New("gpu_type_ids"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("NVIDIA RTX A5000")})),
						statecheck.ExpectKnownValue("runpod_endpoint.worker", tfjsonpath.New("template_image_name"), knownvalue.StringExact("ghcr.io/acme/worker:1.0")),
						statecheck.ExpectKnownValue("runpod_pod.notebook", tfjsonpath.New("ssh_command"), knownvalue.NotNull()),
					},
				},
			},
			CheckDestroy: func(*terraform.State) error {
				for _, kind := range []string{"pods", "endpoints", "templates", "networkvolumes", "containerregistryauth"} {
					if status, body := m.Do(t, "GET", "/"+kind, ""); status != 200 || strings.TrimSpace(body) != "[]" {
						return fmt.Errorf("destroy left %s behind: %d %s", kind, status, body)
					}
				}
				return nil
			},
		})

		// Creates and deletes ran in dependency order, and the endpoint was scaled to zero
		// workers before RunPod was asked to delete it.
		var routes []string
		for _, c := range m.Calls() {
			if c.Method != "GET" {
				routes = append(routes, c.Route)
			}
		}
		before := func(a, b string) {
			t.Helper()
			ia, ib := slices.Index(routes, a), slices.Index(routes, b)
			if ia < 0 || ib < 0 || ia > ib {
				t.Errorf("want %q before %q in the calls:\n%s", a, b, strings.Join(routes, "\n"))
			}
		}
		type routeNames struct{ registry, volume, template, endpoint, pod, scaleDown string }
		create := routeNames{"POST /containerregistryauth", "POST /networkvolumes", "POST /templates", "POST /endpoints", "POST /pods", ""}
		del := routeNames{"DELETE /containerregistryauth/{containerRegistryAuthId}", "DELETE /networkvolumes/{networkVolumeId}",
			"DELETE /templates/{templateId}", "DELETE /endpoints/{endpointId}", "DELETE /pods/{podId}", "PATCH /endpoints/{endpointId}"}
		if b == runpodapi.BackendV2 { // v2 terminates an endpoint's workers itself: no scale-down
			create = routeNames{"POST /v2/registries", "POST /v2/network-volumes", "POST /v2/templates", "POST /v2/serverless", "POST /v2/pods", ""}
			del = routeNames{"DELETE /v2/registries/{id}", "DELETE /v2/network-volumes/{id}", "DELETE /v2/templates/{id}",
				"DELETE /v2/serverless/{id}", "DELETE /v2/pods/{id}", ""}
		}
		before(create.registry, create.template)
		before(create.volume, create.endpoint) // the template does not use the volume: no order between them
		before(create.template, create.endpoint)
		before(create.volume, create.pod)
		if del.scaleDown != "" {
			before(del.scaleDown, del.endpoint)
		} else if n := m.CallCount("PATCH /v2/serverless/{id}"); n != 0 {
			t.Errorf("%d endpoint PATCHes, want none: v2 needs no scale-down before a delete", n)
		}
		before(del.endpoint, del.template)
		before(del.pod, del.volume)
		before(del.template, del.registry)
		for _, create := range []string{create.registry, create.volume, create.template, create.endpoint, create.pod} {
			if n := m.CallCount(create); n != 1 {
				t.Errorf("%s called %d times, want once", create, n)
			}
		}
	})
}

// TestAccModule_switchingAPIVersionChangesNothing: the module applied with REST v1 plans no
// change with REST v2 (the upgrade every user of v1 makes), and applying changes nothing at
// RunPod: no configuration edit, no state action. The way back, from v2 to v1 (which RunPod
// retired), holds for everything but an endpoint created through v2: REST v1 reads it
// without a template, so the first v1 apply binds it to its template again (documented in the
// guide "RunPod REST v2").
func TestAccModule_switchingAPIVersionChangesNothing(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, from runpodapi.Backend) {
		to := runpodapi.BackendV1
		module := strings.Replace(workerModule, workerEndpoint, "", 1)
		if from == runpodapi.BackendV1 {
			to = runpodapi.BackendV2
			module = workerModule
		}
		m := acctest.NewMock(t, from, acctest.WithBootDelay(time.Second))
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: m.ProviderConfigFor(from) + module},
				{
					PreConfig: m.ResetCalls,
					Config:    m.ProviderConfigFor(to) + module,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						acctest.ExpectEmptyPlan(),
					}},
					Check: func(*terraform.State) error {
						for _, c := range m.Calls() {
							if c.Method != "GET" && !strings.HasPrefix(c.Route, "graphql gpuTypes") {
								return fmt.Errorf("switching from %s to %s changed something: %s %s", from, to, c.Method, c.Path)
							}
						}
						return nil
					},
				},
			},
		})
	})
}
