package endpoint_test

import (
	"fmt"
	"slices"
	"testing"

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

func TestAccEndpoint_inPlaceUpdateHasNoRelease(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		warnings := acctest.NewPlanWarnings()
		updated := `
  name                 = "sd-worker-2"
  scaler_type          = "REQUEST_COUNT"
  scaler_value         = 2
  workers_min          = 1
  workers_max          = 5
  execution_timeout_ms = 300000
  flashboot            = false
`
		// REST v1 takes the changed fields as they are. REST v2 takes the scaler as a union and
		// the workers as one object, and has no idle timeout for a queue endpoint scaling on
		// request count: setting one is refused at plan time (last step), and it reads null.
		var idleTimeout knownvalue.Check = knownvalue.Int64Exact(60)
		checkPatch := func(body map[string]any) error {
			want := []string{"executionTimeoutMs", "flashboot", "idleTimeout", "name", "scalerType", "scalerValue", "workersMax", "workersMin"}
			if !slices.Equal(keys(body), want) {
				return fmt.Errorf("expected exactly the changed fields %v, got %v", want, body)
			}
			return nil
		}
		if b == runpodapi.BackendV1 {
			updated += "  idle_timeout = 60\n"
		} else {
			idleTimeout = knownvalue.Null()
			checkPatch = func(body map[string]any) error {
				return jsonEqual(body, `{"name":"sd-worker-2","scaling":{"type":"REQUEST_COUNT","requestCount":2},
					"workers":{"min":1,"max":5},"timeout":300000,"flashboot":"OFF"}`)
			}
		}
		steps := []resource.TestStep{
			{
				Config: m.Config(endpointHCL(`  name = "sd-worker"`)),
			},
			{
				PreConfig: func() { warnings.Reset(); m.ResetCalls() },
				Config:    m.Config(endpointHCL(updated)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					// No release: the plan knows the version stays.
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("version"), knownvalue.Int64Exact(0)),
					warnings.ExpectNoWarning("runpod_endpoint"),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("sd-worker-2")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("scaler_type"), knownvalue.StringExact("REQUEST_COUNT")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("scaler_value"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("workers_min"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("workers_max"), knownvalue.Int64Exact(5)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("idle_timeout"), idleTimeout),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("execution_timeout_ms"), knownvalue.Int64Exact(300000)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("flashboot"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("version"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("worker_count"), knownvalue.Int64Exact(1)),
				},
				Check: func(*terraform.State) error {
					bodies := m.JSONBodies(t, routesOf(b).update)
					if len(bodies) != 1 {
						return fmt.Errorf("expected one PATCH, got %v", bodies)
					}
					return checkPatch(bodies[0])
				},
			},
		}
		checkDestroy := m.ExpectCount("/endpoints", 0)
		if b == runpodapi.BackendV2 {
			steps = append(steps, resource.TestStep{
				PreConfig: func() { m.ResetCalls() },
				Config:    m.Config(endpointHCL(updated + "  idle_timeout = 60\n")),
				ExpectError: acctest.ErrorText(`Not supported by RunPod's REST v2`, `RunPod's REST v2 (api_version = "v2", the default) has no `+
					`idle timeout for a QUEUE endpoint that scales on REQUEST_COUNT: it refuses one. Remove idle_timeout, or use scaler_type = "QUEUE_DELAY".`),
			})
			checkDestroy = resource.ComposeTestCheckFunc(checkDestroy, onlyDestroyedSinceTheRefusal(m))
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: warnings.ProviderFactories(),
			CheckDestroy:             checkDestroy,
			Steps:                    steps,
		})
	})
}

func TestAccEndpoint_workersBoundFromStateCheckedAtPlanTime(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             resource.ComposeTestCheckFunc(m.ExpectCount("/endpoints", 0), onlyDestroyedSinceTheRefusal(m)),
			Steps: []resource.TestStep{
				{Config: m.Config(endpointHCL(""))}, // RunPod's default workers_max is 3
				{
					PreConfig:   func() { m.ResetCalls() },
					Config:      m.Config(endpointHCL(`  workers_min = 5`)),
					ExpectError: acctest.ErrorText(`workers_min above workers_max`, `workers_min (5) must not be greater than workers_max (3): raise workers_max or lower workers_min.`),
				},
			},
		})
	})
}

func TestAccEndpoint_templateReplacedWithCreateBeforeDestroy(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		warnings := acctest.NewPlanWarnings()
		config := func(category string) string {
			return m.Config(fmt.Sprintf(`
resource "runpod_template" "worker" {
  name          = "worker-%[1]s"
  image_name    = "example/worker:1.0"
  category      = %[1]q
  is_serverless = true

  # Templates in use cannot be deleted, and names are unique: make the new one first.
  lifecycle {
    create_before_destroy = true
  }
}

resource "runpod_endpoint" "sd" {
  name        = "sd-worker"
  template_id = runpod_template.worker.id
}
`, category))
		}
		if b == runpodapi.BackendV2 {
			// REST v2 changes a template's category in place: the same template, and nothing
			// for the endpoint to do (its container is the same).
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: warnings.ProviderFactories(),
				CheckDestroy:             m.ExpectCount("/endpoints", 0),
				Steps: []resource.TestStep{
					{Config: config("NVIDIA")},
					{
						PreConfig: func() { warnings.Reset() },
						Config:    config("AMD"),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction("runpod_template.worker", plancheck.ResourceActionUpdate),
							plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
							warnings.ExpectNoWarning("runpod_endpoint"),
						}},
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.CompareValuePairs("runpod_template.worker", tfjsonpath.New("id"), addr, tfjsonpath.New("template_id"), compare.ValuesSame()),
							statecheck.ExpectKnownValue("runpod_template.worker", tfjsonpath.New("category"), knownvalue.StringExact("AMD")),
							statecheck.ExpectKnownValue(addr, tfjsonpath.New("version"), knownvalue.Int64Exact(0)),
						},
					},
				},
			})
			return
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: warnings.ProviderFactories(),
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps: []resource.TestStep{
				{Config: config("NVIDIA")},
				{
					PreConfig: func() { warnings.Reset() },
					Config:    config("AMD"),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("runpod_template.worker", plancheck.ResourceActionCreateBeforeDestroy),
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("template_id")),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("version")),
						warnings.ExpectWarning("runpod_endpoint", acctest.ErrorText(`Changing template_id of endpoint "sd-worker"`)),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.CompareValuePairs("runpod_template.worker", tfjsonpath.New("id"), addr, tfjsonpath.New("template_id"), compare.ValuesSame()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("version"), knownvalue.Int64Exact(1)),
					},
				},
			},
		})
	})
}
