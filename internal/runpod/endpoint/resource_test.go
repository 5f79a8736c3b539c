package endpoint_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
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

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodmock"
)

const addr = "runpod_endpoint.sd"

// workerTemplate is a serverless template for endpoints to run.
func workerTemplate(name, image string) string {
	return fmt.Sprintf(`
resource "runpod_template" %[1]q {
  name          = %[1]q
  image_name    = %[2]q
  is_serverless = true
}
`, name, image)
}

// endpointHCL is runpod_endpoint.sd on runpod_template.worker with body inside.
func endpointHCL(body string) string {
	return workerTemplate("worker", "example/worker:1.0") + `
resource "runpod_endpoint" "sd" {
  template_id = runpod_template.worker.id
` + body + `
}
`
}

// routes are the call-log routes of an endpoint's calls on one backend.
type routes struct{ create, read, update, remove, workers, releases string }

func routesOf(b runpodapi.Backend) routes {
	if b == runpodapi.BackendV1 {
		return routes{create: "POST /endpoints", read: "GET /endpoints/{endpointId}", update: "PATCH /endpoints/{endpointId}",
			remove: "DELETE /endpoints/{endpointId}"}
	}
	return routes{create: "POST /v2/serverless", read: "GET /v2/serverless/{id}", update: "PATCH /v2/serverless/{id}",
		remove: "DELETE /v2/serverless/{id}", workers: "GET /v2/serverless/{id}/workers", releases: "GET /v2/serverless/{id}/releases"}
}

func keys(m map[string]any) []string { return slices.Sorted(maps.Keys(m)) }

// writes returns the routes and statuses of the calls the mock saw, leaving out reads.
func writes(m *acctest.Mock) []string {
	var out []string
	for _, c := range m.Calls() {
		if c.Method != "GET" {
			out = append(out, fmt.Sprintf("%s %d", c.Route, c.Status))
		}
	}
	return out
}

// jsonEqual compares a decoded request body with the JSON want.
func jsonEqual(got map[string]any, want string) error {
	var w map[string]any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		return err
	}
	if !reflect.DeepEqual(got, w) {
		g, _ := json.Marshal(got)
		return fmt.Errorf("body %s, want %s", g, want)
	}
	return nil
}

// expectDrift checks which resources the plan's refresh found changed outside Terraform
// ("Objects have changed outside of Terraform"): exactly addresses.
func expectDrift(addresses ...string) plancheck.PlanCheck {
	return acctest.PlanCheckFunc(func(req plancheck.CheckPlanRequest) error {
		var got []string
		for _, d := range req.Plan.ResourceDrift {
			got = append(got, d.Address)
		}
		if !slices.Equal(got, addresses) {
			return fmt.Errorf("resources changed outside of Terraform: %v, want %v", got, addresses)
		}
		return nil
	})
}

func TestAccEndpoint_createWithDefaultsImportAndDataSource(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		config := m.Config(endpointHCL(`
  name         = "sd-worker"
  gpu_type_ids = ["NVIDIA GeForce RTX 4090", "NVIDIA L4"]
  workers_max  = 2
  flashboot    = true
`))
		// What the backends report differently. REST v1 sends only what is configured and
		// fills in the rest; REST v2 needs the scaler, timeout and idle timeout sent (it would
		// store 0 or 10), places workers by GPU pool, leaves data centers empty (any), reports
		// request URLs and FlashBoot but no owner, and no link to the template (the state keeps
		// template_id as configured; an import finds the template by its container settings).
		var dataCenters, userID, requestURLs, fingerprint, flashbootMode knownvalue.Check = knownvalue.SetSizeExact(len(runpodmock.DataCenters)),
			knownvalue.StringRegexp(regexp.MustCompile(`^user_`)), knownvalue.Null(), knownvalue.Null(), knownvalue.Null()
		checkPost := func(body map[string]any) error {
			if want := []string{"computeType", "flashboot", "gpuTypeIds", "name", "templateId", "workersMax"}; !slices.Equal(keys(body), want) {
				return fmt.Errorf("expected only what the configuration sets, %v, got %v", want, body)
			}
			return nil
		}
		importIgnore := []string{"flashboot"} // REST v1 never reports it; REST v2 does, but an unset one stays null
		compared := []string{"template_id", "user_id"}
		if b == runpodapi.BackendV2 {
			dataCenters, userID = knownvalue.Null(), knownvalue.Null()
			requestURLs = knownvalue.MapPartial(map[string]knownvalue.Check{
				"run":    knownvalue.StringRegexp(regexp.MustCompile(`^https://api\.runpod\.ai/v2/[a-z0-9]{14}/run$`)),
				"health": knownvalue.StringRegexp(regexp.MustCompile(`^https://api\.runpod\.ai/v2/[a-z0-9]{14}/health$`)),
			})
			fingerprint = knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{16}$`))
			flashbootMode = knownvalue.StringExact("FLASHBOOT")
			checkPost = func(body map[string]any) error {
				delete(body, "templateId")
				return jsonEqual(body, `{"name":"sd-worker","type":"QUEUE","flashboot":"FLASHBOOT","timeout":600000,
					"gpu":{"pools":["ADA_24"],"excludedTypes":[],"count":1},"scaling":{"type":"QUEUE_DELAY","queueDelay":4},
					"workers":{"max":2,"idleTimeout":5}}`)
			}
			compared = nil // REST v2 reports neither: the data source has no template_id
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps: []resource.TestStep{
				{
					Config: config,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("compute_type"), knownvalue.StringExact("GPU")),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("idle_timeout")),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("type")),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[a-z0-9]{14}$`))),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("sd-worker")),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("compute_type"), knownvalue.StringExact("GPU")),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("type"), knownvalue.StringExact("QUEUE")),
						statecheck.CompareValuePairs("runpod_template.worker", tfjsonpath.New("id"), addr, tfjsonpath.New("template_id"), compare.ValuesSame()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("gpu_type_ids"), knownvalue.ListExact([]knownvalue.Check{
							knownvalue.StringExact("NVIDIA GeForce RTX 4090"), knownvalue.StringExact("NVIDIA L4"),
						})),
						// RunPod's defaults, read back.
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("gpu_count"), knownvalue.Int64Exact(1)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("data_center_ids"), dataCenters),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("execution_timeout_ms"), knownvalue.Int64Exact(600000)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("idle_timeout"), knownvalue.Int64Exact(5)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("scaler_type"), knownvalue.StringExact("QUEUE_DELAY")),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("scaler_value"), knownvalue.Int64Exact(4)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("workers_min"), knownvalue.Int64Exact(0)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("workers_max"), knownvalue.Int64Exact(2)),
						// Not set, not reported: null, not empty.
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("cpu_flavor_ids"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("vcpu_count"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("network_volume_id"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("allowed_cuda_versions"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("min_cuda_version"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("flashboot"), knownvalue.Bool(true)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("flashboot_mode"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("wait_for_rollout"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("version"), knownvalue.Int64Exact(0)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("template_image_name"), knownvalue.StringExact("example/worker:1.0")),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("worker_count"), knownvalue.Int64Exact(0)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("user_id"), userID),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("request_urls"), requestURLs),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("template_fingerprint"), fingerprint),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("created_at"),
							knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$`))),
					},
					Check: func(*terraform.State) error {
						bodies := m.JSONBodies(t, routesOf(b).create)
						if len(bodies) != 1 {
							return fmt.Errorf("expected one create, got %v", bodies)
						}
						return checkPost(bodies[0])
					},
				},
				{
					ResourceName:            addr,
					ImportState:             true,
					ImportStateVerify:       true,
					ImportStateVerifyIgnore: importIgnore,
				},
				{
					Config: config + `
data "runpod_endpoint" "sd" {
  id = runpod_endpoint.sd.id
}
`,
					ConfigStateChecks: func() []statecheck.StateCheck {
						checks := []statecheck.StateCheck{
							statecheck.ExpectKnownValue("data."+addr, tfjsonpath.New("flashboot_mode"), flashbootMode),
						}
						for _, name := range append([]string{"id", "name", "compute_type", "gpu_type_ids", "gpu_count",
							"cpu_flavor_ids", "data_center_ids", "network_volume_id", "idle_timeout", "scaler_type", "scaler_value",
							"workers_min", "workers_max", "execution_timeout_ms", "created_at", "version",
							"template_image_name", "worker_count", "type", "request_urls"}, compared...) {
							checks = append(checks, statecheck.CompareValuePairs(addr, tfjsonpath.New(name),
								"data."+addr, tfjsonpath.New(name), compare.ValuesSame()))
						}
						if b == runpodapi.BackendV2 {
							checks = append(checks, statecheck.ExpectKnownValue("data."+addr, tfjsonpath.New("template_id"), knownvalue.Null()))
						}
						return checks
					}(),
				},
			},
		})
	})
}

func TestAccEndpoint_inPlaceUpdateHasNoRelease(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
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
		if b == runpodapi.BackendV2 {
			steps = append(steps, resource.TestStep{
				PreConfig: func() { m.ResetCalls() },
				Config:    m.Config(endpointHCL(updated + "  idle_timeout = 60\n")),
				ExpectError: acctest.ErrorText(`Not supported by RunPod's REST v2`, `RunPod's REST v2 (api_version = "v2", the default) has no `+
					`idle timeout for a QUEUE endpoint that scales on REQUEST_COUNT: it refuses one. Remove idle_timeout, or use scaler_type = "QUEUE_DELAY".`),
			}, resource.TestStep{
				Config:   m.Config(endpointHCL(updated)),
				PlanOnly: true,
				Check: func(*terraform.State) error {
					if got := writes(m); len(got) != 0 {
						return fmt.Errorf("the refused plan must change nothing; calls: %v", got)
					}
					return nil
				},
			})
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: warnings.ProviderFactories(),
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps:                    steps,
		})
	})
}

func TestAccEndpoint_releaseSettingsRollOutARelease(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		warnings := acctest.NewPlanWarnings()
		// REST v1 takes GPU types; REST v2 the pools of the types (both in ADA_24 here), with
		// the pool's other types excluded (none), and the scaler whole.
		checkPatch := func(body map[string]any) error {
			if want := []string{"dataCenterIds", "gpuTypeIds", "scalerValue"}; !slices.Equal(keys(body), want) {
				return fmt.Errorf("expected %v, got %v", want, body)
			}
			return nil
		}
		if b == runpodapi.BackendV2 {
			checkPatch = func(body map[string]any) error {
				return jsonEqual(body, `{"gpu":{"pools":["ADA_24"],"excludedTypes":[]},"dataCenterIds":["EU-RO-1","US-TX-3"],
					"scaling":{"type":"QUEUE_DELAY","queueDelay":3}}`)
			}
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: warnings.ProviderFactories(),
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps: []resource.TestStep{
				{
					Config: m.Config(endpointHCL(`
  name         = "sd-worker"
  gpu_type_ids = ["NVIDIA GeForce RTX 4090"]
`)),
				},
				{
					PreConfig: func() { warnings.Reset(); m.ResetCalls() },
					Config: m.Config(endpointHCL(`
  name            = "sd-worker"
  gpu_type_ids    = ["NVIDIA L4", "NVIDIA GeForce RTX 4090"]
  data_center_ids = ["EU-RO-1", "US-TX-3"]
  scaler_value    = 3
`)),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("version")),
						warnings.ExpectWarning("runpod_endpoint", acctest.ErrorText(
							`Endpoint "sd-worker" (`, `) will roll out a new release:`,
							`Changing gpu_type_ids and data_center_ids of endpoint "sd-worker" (`,
							`) will roll out a new release: workers restart with the new settings, and version increases.`,
							`Only name, scaler_type, scaler_value, workers_min, workers_max, idle_timeout, execution_timeout_ms, flashboot and flashboot_mode change without a release.`)),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("version"), knownvalue.Int64Exact(1)),
						// REST v2 keeps no order among GPU types: the configured one stays.
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("gpu_type_ids"), knownvalue.ListExact([]knownvalue.Check{
							knownvalue.StringExact("NVIDIA L4"), knownvalue.StringExact("NVIDIA GeForce RTX 4090"),
						})),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("data_center_ids"), knownvalue.SetExact([]knownvalue.Check{
							knownvalue.StringExact("EU-RO-1"), knownvalue.StringExact("US-TX-3"),
						})),
					},
					Check: func(*terraform.State) error {
						bodies := m.JSONBodies(t, routesOf(b).update)
						if len(bodies) != 1 {
							return fmt.Errorf("expected one PATCH, got %v", bodies)
						}
						return checkPatch(bodies[0])
					},
				},
				{
					// Moving to another template is a release too, and the image read back follows it.
					PreConfig: func() { warnings.Reset(); m.ResetCalls() },
					Config: m.Config(workerTemplate("worker", "example/worker:1.0") + workerTemplate("worker-v2", "example/worker:2.0") + `
resource "runpod_endpoint" "sd" {
  name            = "sd-worker"
  template_id     = runpod_template.worker-v2.id
  gpu_type_ids    = ["NVIDIA L4", "NVIDIA GeForce RTX 4090"]
  data_center_ids = ["EU-RO-1", "US-TX-3"]
  scaler_value    = 3
}
`),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("version")),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("template_image_name")),
						warnings.ExpectWarning("runpod_endpoint", acctest.ErrorText(`Changing template_id of endpoint "sd-worker"`)),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("version"), knownvalue.Int64Exact(2)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("template_image_name"), knownvalue.StringExact("example/worker:2.0")),
						statecheck.CompareValuePairs("runpod_template.worker-v2", tfjsonpath.New("id"), addr, tfjsonpath.New("template_id"), compare.ValuesSame()),
					},
					Check: func(s *terraform.State) error {
						bodies := m.JSONBodies(t, routesOf(b).update)
						want := fmt.Sprintf(`{"templateId":%q}`, s.RootModule().Resources["runpod_template.worker-v2"].Primary.ID)
						if len(bodies) != 1 {
							return fmt.Errorf("expected one PATCH %s, got %v", want, bodies)
						}
						return jsonEqual(bodies[0], want)
					},
				},
			},
		})
	})
}

func TestAccEndpoint_computeTypeReplaces(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		var firstID string
		r := routesOf(b)
		// REST v1 refuses to delete an endpoint with workers: the provider scales it to zero
		// first. REST v2 stops the workers itself.
		wantWrites := []string{r.remove + " 204", r.create + " 201"}
		if b == runpodapi.BackendV1 {
			wantWrites = []string{r.update + " 200", r.remove + " 204", r.create + " 200"}
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps: []resource.TestStep{
				{
					Config: m.Config(endpointHCL(`
  workers_min = 1
  workers_max = 2
`)),
					Check: acctest.CaptureID(addr, &firstID),
				},
				{
					PreConfig: func() { m.ResetCalls() },
					Config: m.Config(endpointHCL(`
  compute_type   = "CPU"
  cpu_flavor_ids = ["cpu5c", "cpu3c"]
  vcpu_count     = 4
  workers_min    = 1
  workers_max    = 2
`)),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("compute_type"), knownvalue.StringExact("CPU")),
						// REST v1 reports CPU workers as instance ids ("cpu5c-4-8"), REST v2 as cpu[]:
						// read back as configured.
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("cpu_flavor_ids"), knownvalue.ListExact([]knownvalue.Check{
							knownvalue.StringExact("cpu5c"), knownvalue.StringExact("cpu3c"),
						})),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("vcpu_count"), knownvalue.Int64Exact(4)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("gpu_type_ids"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("gpu_count"), knownvalue.Null()),
					},
					Check: resource.ComposeTestCheckFunc(
						resource.TestCheckResourceAttrWith(addr, "id", func(v string) error {
							if v == firstID {
								return fmt.Errorf("expected a new endpoint, got the same id %s", v)
							}
							return nil
						}),
						func(*terraform.State) error {
							if got := writes(m); !slices.Equal(got, wantWrites) {
								return fmt.Errorf("expected calls %v, got %v", wantWrites, got)
							}
							if b == runpodapi.BackendV2 {
								return nil
							}
							if b := m.JSONBodies(t, r.update); len(b) != 1 || b[0]["workersMin"] != 0.0 || b[0]["workersMax"] != 0.0 || len(b[0]) != 2 {
								return fmt.Errorf("expected the scale-down PATCH {workersMin: 0, workersMax: 0}, got %v", b)
							}
							return nil
						},
					),
				},
				{
					// REST v2 does not report the template an endpoint was made from: the import finds it.
					ResourceName:      addr,
					ImportState:       true,
					ImportStateVerify: true,
				},
			},
		})
	})
}

func TestAccEndpoint_deletedOutsideTerraformIsRecreated(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		var id string
		config := m.Config(endpointHCL(`  name = "sd-worker"`))
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps: []resource.TestStep{
				{
					Config: config,
					Check:  resource.TestCheckResourceAttrWith(addr, "id", func(v string) error { id = v; return nil }),
				},
				{
					PreConfig: func() {
						if s, b := m.Do(t, "PATCH", "/endpoints/"+id, `{"workersMin":0,"workersMax":0}`); s != 200 {
							t.Fatalf("scale down: %d %s", s, b)
						}
						if s, b := m.Do(t, "DELETE", "/endpoints/"+id, ""); s != 204 {
							t.Fatalf("delete: %d %s", s, b)
						}
					},
					Config: config,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
					}},
					Check: resource.TestCheckResourceAttrWith(addr, "id", func(v string) error {
						if v == id {
							return fmt.Errorf("expected a new endpoint")
						}
						return nil
					}),
				},
			},
		})
	})
}

func TestAccEndpoint_deleteOfAnEndpointWithWorkersAddedOutsideTerraform(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		r := routesOf(b)
		config := m.Config(endpointHCL(`
  workers_min = 0
  workers_max = 0
`))
		// REST v1: workers were added after the last refresh, and RunPod refuses the delete
		// once; the provider scales the endpoint to zero and deletes it again. REST v2 stops
		// the workers itself: one DELETE.
		addWorkers := func() {
			if err := m.AddFault(mockkit.Fault{Route: r.remove, Kind: mockkit.FaultStatus, Status: 400, Times: 1}); err != nil {
				t.Fatal(err)
			}
		}
		want := []string{r.remove + " 400", r.update + " 200", r.remove + " 204"}
		if b == runpodapi.BackendV2 {
			addWorkers = func() {
				id := m.IDs(t, "/endpoints")[0]
				if s, body := m.Do(t, "PATCH", "/endpoints/"+id, `{"workersMin":1,"workersMax":2}`); s != 200 {
					t.Fatalf("add workers: %d %s", s, body)
				}
			}
			want = []string{r.remove + " 204"}
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps: []resource.TestStep{
				{Config: config},
				{
					PreConfig: func() { addWorkers(); m.ResetCalls() },
					Config:    m.Config(workerTemplate("worker", "example/worker:1.0")),
					Check: func(*terraform.State) error {
						if got := writes(m); !slices.Equal(got, want) {
							return fmt.Errorf("expected calls %v, got %v", want, got)
						}
						return nil
					},
				},
			},
		})
	})
}

func TestAccEndpoint_badInputFailsAtPlanTime(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		hcl := func(body string) string {
			return m.Config(`
resource "runpod_endpoint" "sd" {
  template_id = "tpl0000001"
` + body + `
}
`)
		}
		steps := []struct {
			body string
			err  []string
		}{
			{`idle_timeout = 0`, []string{`Attribute idle_timeout value must be between 1 and 3600, got: 0`}},
			{`idle_timeout = 3601`, []string{`Attribute idle_timeout value must be between 1 and 3600, got: 3601`}},
			{`scaler_value = 0`, []string{`Attribute scaler_value value must be at least 1, got: 0`}},
			{`scaler_type = "QUEUE"`, []string{`Attribute scaler_type value must be one of: ["QUEUE_DELAY" "REQUEST_COUNT"], got: "QUEUE"`}},
			{`compute_type = "TPU"`, []string{`Attribute compute_type value must be one of: ["GPU" "CPU"], got: "TPU"`}},
			{"workers_min = 4\n  workers_max = 2", []string{`workers_min above workers_max`, `workers_min (4) must not be greater than workers_max (2): raise workers_max or lower workers_min.`}},
			{`workers_max = -1`, []string{`Attribute workers_max value must be at least 0, got: -1`}},
			{"compute_type = \"CPU\"\n  gpu_type_ids = [\"NVIDIA L4\"]", []string{`Setting of the other compute type`,
				`gpu_type_ids applies to GPU endpoints only, and this endpoint's compute_type is "CPU". Remove gpu_type_ids, or set compute_type = "GPU" (which replaces the endpoint).`}},
			{`vcpu_count = 4`, []string{`Setting of the other compute type`,
				`vcpu_count applies to CPU endpoints only, and this endpoint's compute_type is "GPU". Remove vcpu_count, or set compute_type = "CPU" (which replaces the endpoint).`}},
			{`gpu_type_ids = []`, []string{`Attribute gpu_type_ids list must contain at least 1 elements, got: 0`}},
			{`gpu_type_ids = ["NVIDIA L4", "NVIDIA L4"]`, []string{`Duplicate List Value`, `This attribute contains duplicate values of: "NVIDIA L4"`}},
			{`data_center_ids = ["eu-ro-1"]`, []string{`must be a RunPod data center id, such as EU-RO-1 or US-TX-3, got: eu-ro-1`}},
			{`min_cuda_version = "12"`, []string{`Attribute min_cuda_version must be a CUDA version such as "12.4", got: 12`}},
			{"network_volume_id = \"vol1\"\n  network_volume_ids = [\"vol2\"]",
				[]string{`Attribute "network_volume_ids" cannot be specified when "network_volume_id" is specified`}},
			{`timeouts = { create = "soon" }`, []string{`Invalid duration`, `Attribute timeouts.create must be a positive duration`, `got: "soon", which is not a duration`}},
			{`timeouts = { update = "0s" }`, []string{`Attribute timeouts.update must be a positive duration`}},
			{`name = ""`, []string{`Attribute name string length must be between 1 and 191, got: 0`}},
			{`cpu_flavor_ids = ["3c"]`, []string{`must be a RunPod CPU flavor id, such as cpu3c or cpu5g, got: 3c`}},
			{`type = "BATCH"`, []string{`Attribute type value must be one of: ["QUEUE" "LOAD_BALANCER"], got: "BATCH"`}},
			{`flashboot_mode = "ON"`, []string{`Attribute flashboot_mode value must be one of: ["OFF" "FLASHBOOT" "PRIORITY_FLASHBOOT"], got: "ON"`}},
			{"flashboot = true\n  flashboot_mode = \"FLASHBOOT\"", []string{`Attribute "flashboot" cannot be specified when "flashboot_mode" is specified`}},
			{"type = \"LOAD_BALANCER\"\n  scaler_type = \"QUEUE_DELAY\"", []string{`Load balancers scale on request count`,
				`A LOAD_BALANCER endpoint has no queue, so it scales on REQUEST_COUNT only. Set scaler_type = "REQUEST_COUNT" (or remove it), or use type = "QUEUE".`}},
		}
		// What one API cannot express fails the plan, before any call.
		if b == runpodapi.BackendV1 {
			steps = append(steps, []struct {
				body string
				err  []string
			}{
				{`type = "LOAD_BALANCER"`, []string{`Not supported by RunPod's REST v1`, `type = "LOAD_BALANCER" is a setting of RunPod's REST v2, ` +
					`and this provider uses REST v1 (api_version = "v1"). Remove type (or change it), or use REST v2 (api_version = "v2", the default).`}},
				{`flashboot_mode = "PRIORITY_FLASHBOOT"`, []string{`Not supported by RunPod's REST v1`, `flashboot_mode = "PRIORITY_FLASHBOOT" is a setting of RunPod's REST v2`}},
			}...)
		} else {
			steps = append(steps, []struct {
				body string
				err  []string
			}{
				{"scaler_type = \"REQUEST_COUNT\"\n  idle_timeout = 30", []string{`Not supported by RunPod's REST v2`, `has no idle timeout for a QUEUE endpoint that scales on REQUEST_COUNT`}},
				{`compute_type = "CPU"`, []string{`Not supported by RunPod's REST v2`, `A CPU endpoint needs cpu_flavor_ids on RunPod's REST v2`}},
				{"min_cuda_version = \"12.4\"\n  allowed_cuda_versions = [\"12.4\"]", []string{`Conflicting CUDA settings`,
					`Set min_cuda_version (a lowest version) or allowed_cuda_versions (an exact set), not both: RunPod's REST v2 refuses both together.`}},
			}...)
		}
		var testSteps []resource.TestStep
		for _, s := range steps {
			testSteps = append(testSteps, resource.TestStep{Config: hcl("  " + s.body), PlanOnly: true, ExpectError: acctest.ErrorText(s.err...)})
		}
		resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: testSteps})
		m.ExpectNoCalls(t)
	})
}

func TestAccEndpoint_workersBoundFromStateCheckedAtPlanTime(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps: []resource.TestStep{
				{Config: m.Config(endpointHCL(""))}, // RunPod's default workers_max is 3
				{
					PreConfig:   func() { m.ResetCalls() },
					Config:      m.Config(endpointHCL(`  workers_min = 5`)),
					ExpectError: acctest.ErrorText(`workers_min above workers_max`, `workers_min (5) must not be greater than workers_max (3): raise workers_max or lower workers_min.`),
				},
				{
					Config:   m.Config(endpointHCL("")),
					PlanOnly: true,
					Check: func(*terraform.State) error {
						if got := writes(m); len(got) != 0 {
							return fmt.Errorf("the refused plan must change nothing; calls: %v", got)
						}
						return nil
					},
				},
			},
		})
	})
}

// TestAccEndpoint_templateEditRollsOutInTheSameApply: an edit of a runpod_template's container
// reaches the endpoints on it in the same apply, with a warning, and the next plan is empty
// without drift (no "changed outside of Terraform: version"). REST v1 does that itself (the
// template's plan warns and names the endpoints; the endpoint's plan leaves what the release
// changes unknown). REST v2 copies a template once: the endpoint's plan is an update that
// re-applies the template (PATCH with templateId), warns, and leaves what the release changes
// unknown.
func TestAccEndpoint_templateEditRollsOutInTheSameApply(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		warnings := acctest.NewPlanWarnings()
		v2 := b == runpodapi.BackendV2
		r := routesOf(b)
		config := func(image string, workersMax int) string {
			return m.Config(fmt.Sprintf(`
resource "runpod_template" "worker" {
  name          = "worker"
  image_name    = %q
  is_serverless = true
}

resource "runpod_endpoint" "sd" {
  name        = "sd-worker"
  template_id = runpod_template.worker.id
  workers_min = 1
  workers_max = %d
}
`, image, workersMax))
		}
		templateID := func(s *terraform.State) string { return s.RootModule().Resources["runpod_template.worker"].Primary.ID }
		// expectPatches checks the endpoint PATCHes of the last apply: each with want's fields
		// (%s is the template's id).
		expectPatches := func(want ...string) resource.TestCheckFunc {
			return func(s *terraform.State) error {
				bodies := m.JSONBodies(t, r.update)
				if len(bodies) != len(want) {
					return fmt.Errorf("expected %d endpoint PATCHes, got %v", len(want), bodies)
				}
				for i, w := range want {
					if err := jsonEqual(bodies[i], strings.ReplaceAll(w, "%q", strconv.Quote(templateID(s)))); err != nil {
						return err
					}
				}
				return nil
			}
		}
		templateWarning := acctest.ErrorText(`Changing image_name of serverless template "worker"`, `Endpoints using it now: "sd-worker" (`)
		// REST v1 rolls the edit out itself: the endpoint's plan leaves the release's values
		// unknown, without a warning of its own (the template's names the endpoint).
		endpointPlan := []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
			plancheck.ExpectUnknownValue(addr, tfjsonpath.New("version")),
			plancheck.ExpectUnknownValue(addr, tfjsonpath.New("template_image_name")),
			warnings.ExpectNoWarning("runpod_endpoint"),
		}
		var patches []string
		var drift []string // no change "outside Terraform" after the apply, on either API
		if v2 {
			templateWarning = acctest.ErrorText(`Changing image_name of serverless template "worker"`,
				`RunPod's REST v2 copies a template into an endpoint once and does not roll later edits out, so the provider `+
					`re-applies the template to each runpod_endpoint that runs it, in this apply (their plans say so).`)
			endpointPlan = []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				plancheck.ExpectUnknownValue(addr, tfjsonpath.New("version")),
				plancheck.ExpectUnknownValue(addr, tfjsonpath.New("template_image_name")),
				plancheck.ExpectUnknownValue(addr, tfjsonpath.New("template_fingerprint")),
				warnings.ExpectWarning("runpod_endpoint", acctest.ErrorText(`Endpoint "sd-worker" (`, `) will roll out a new release:`,
					`This plan changes image_name of template`, `which endpoint "sd-worker" (`,
					`so the provider re-applies the template to the endpoint (PATCH with templateId), which will roll out a new release`)),
			}
			patches = []string{`{"templateId":%q}`}
		}
		var fingerprint string
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: warnings.ProviderFactories(),
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps: []resource.TestStep{
				{
					Config: config("example/worker:1.0", 3),
					Check: func(s *terraform.State) error {
						fingerprint = s.RootModule().Resources[addr].Primary.Attributes["template_fingerprint"]
						return nil
					},
				},
				{
					// Only the template's image changes.
					PreConfig: func() { warnings.Reset(); m.ResetCalls() },
					Config:    config("example/worker:2.0", 3),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append([]plancheck.PlanCheck{
						plancheck.ExpectResourceAction("runpod_template.worker", plancheck.ResourceActionUpdate),
						warnings.ExpectWarning("runpod_template", templateWarning),
					}, endpointPlan...)},
					Check: resource.ComposeTestCheckFunc(expectPatches(patches...), func(*terraform.State) error {
						// The worker runs the new image now (the bound template's on REST v1, the
						// endpoint's copy on REST v2).
						if _, body := m.Do(t, "GET", "/endpoints?includeWorkers=true", ""); !strings.Contains(body, `"imageName":"example/worker:2.0"`) {
							return fmt.Errorf("the worker does not run the new image: %s", body)
						}
						return nil
					}),
				},
				{
					// The next plan is empty; on REST v2 nothing changed behind Terraform's back.
					PreConfig: func() { warnings.Reset() },
					Config:    config("example/worker:2.0", 3),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectEmptyPlan(),
						expectDrift(drift...),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("version"), knownvalue.Int64Exact(1)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("template_image_name"), knownvalue.StringExact("example/worker:2.0")),
					},
					Check: func(s *terraform.State) error {
						v := s.RootModule().Resources[addr].Primary.Attributes["template_fingerprint"]
						if v2 && (v == fingerprint || v == "") || !v2 && v != "" {
							return fmt.Errorf("template_fingerprint %q (was %q): on REST v2 it follows the template, on REST v1 it is null", v, fingerprint)
						}
						return nil
					},
				},
				{
					// The template and the endpoint change together: the endpoint's own update
					// carries the re-apply (REST v2), or RunPod's release happens beside it (REST v1:
					// the apply must still succeed though the version changes unplanned).
					PreConfig: func() { warnings.Reset(); m.ResetCalls() },
					Config:    config("example/worker:3.0", 4),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction("runpod_template.worker", plancheck.ResourceActionUpdate),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("workers_max"), knownvalue.Int64Exact(4)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("template_image_name"), knownvalue.StringExact("example/worker:3.0")),
					},
					Check: expectPatches(map[runpodapi.Backend]string{
						runpodapi.BackendV1: `{"workersMax":4}`, runpodapi.BackendV2: `{"templateId":%q,"workers":{"max":4}}`}[b]),
				},
				{
					Config: config("example/worker:3.0", 4),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectEmptyPlan(),
						expectDrift(drift...),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("version"), knownvalue.Int64Exact(2)),
					},
				},
			},
		})
	})
}

func TestAccEndpoint_apiErrorsKeepRunPodsMessage(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: m.Config(`
resource "runpod_endpoint" "sd" {
  template_id = "tpl0000001"
}
`),
					// a template RunPod does not have is a plan-time error now (internal/runpod/template's
					// CheckReference); RunPod's own refusal is what the next step shows
					ExpectError: acctest.ErrorText("Template not found",
						`template_id = "tpl0000001": RunPod has no template with this id that the account can use`),
				},
				{
					Config: m.Config(`
resource "runpod_template" "pod" {
  name       = "pod-template"
  image_name = "example/app:1.0"
}

resource "runpod_endpoint" "sd" {
  template_id = runpod_template.pod.id
}
`),
					// the template's id is known once it is created: the apply's final plan refuses it
					ExpectError: acctest.ErrorText("Not a serverless template",
						`template "pod-template" is a pod template (is_serverless = false), and RunPod runs endpoints from serverless templates only.`),
				},
				{
					PreConfig: func() {
						if err := m.AddFault(mockkit.Fault{Route: routesOf(b).create, Kind: mockkit.FaultStatus, Status: 400}); err != nil {
							t.Fatal(err)
						}
					},
					Config: m.Config(endpointHCL("")),
					ExpectError: acctest.ErrorText("Failed to create endpoint",
						"While attempting to create endpoint, the RunPod API call failed.",
						"create endpoint: RunPod API returned 400 Bad Request: injected fault: Bad Request"),
				},
			},
		})
	})
}

func TestAccEndpoint_createTimeout(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		if err := m.AddFault(mockkit.Fault{Route: routesOf(b).create, Kind: mockkit.FaultDelay, Delay: 5 * time.Second}); err != nil {
			t.Fatal(err)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: m.Config(endpointHCL(`  timeouts = { create = "1s" }`)),
				ExpectError: acctest.ErrorText("Failed to create endpoint", "While attempting to create endpoint",
					"context deadline exceeded"),
			}},
		})
		if ids := m.IDs(t, "/endpoints"); len(ids) != 0 {
			t.Errorf("the timed-out create must not have created an endpoint: %v", ids)
		}
	})
}

// createVolume makes a network volume outside Terraform (runpod_network_volume is another
// resource's business) and returns its id.
func createVolume(t *testing.T, m *acctest.Mock, name, dataCenter string) string {
	t.Helper()
	return m.Create(t, "/networkvolumes", fmt.Sprintf(`{"name":%q,"size":10,"dataCenterId":%q}`, name, dataCenter))
}

func TestAccEndpoint_networkVolumesAttachMoveAndDetach(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		ro := createVolume(t, m, "models-ro", "EU-RO-1")
		tx := createVolume(t, m, "models-tx", "US-TX-3")
		r := routesOf(b)
		warnings := acctest.NewPlanWarnings()
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: warnings.ProviderFactories(),
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps: []resource.TestStep{
				{
					Config: m.Config(endpointHCL(fmt.Sprintf(`
  name              = "sd-worker"
  network_volume_id = %q
  min_cuda_version  = "12.4"
`, ro))),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("network_volume_id"), knownvalue.StringExact(ro)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("network_volume_ids"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("min_cuda_version"), knownvalue.StringExact("12.4")),
					},
				},
				{ResourceName: addr, ImportState: true, ImportStateVerify: true},
				{
					// One volume per region: a release.
					PreConfig: func() { warnings.Reset(); m.ResetCalls() },
					Config: m.Config(endpointHCL(fmt.Sprintf(`
  name               = "sd-worker"
  network_volume_ids = [%q, %q]
  min_cuda_version   = "12.4"
`, ro, tx))),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						warnings.ExpectWarning("runpod_endpoint", acctest.ErrorText(`Changing network_volume_id and network_volume_ids of endpoint "sd-worker"`)),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("network_volume_id"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("network_volume_ids"), knownvalue.SetExact([]knownvalue.Check{
							knownvalue.StringExact(ro), knownvalue.StringExact(tx),
						})),
					},
					Check: func(*terraform.State) error {
						bodies := m.JSONBodies(t, r.update)
						if len(bodies) != 1 {
							return fmt.Errorf("expected one PATCH, got %v", bodies)
						}
						if b == runpodapi.BackendV2 { // one list of volumes (from a set: any order)
							if err := jsonEqual(bodies[0], fmt.Sprintf(`{"networkVolumes":[%q,%q]}`, ro, tx)); err != nil {
								return jsonEqual(bodies[0], fmt.Sprintf(`{"networkVolumes":[%q,%q]}`, tx, ro))
							}
							return nil
						}
						if ids, ok := bodies[0]["networkVolumeIds"].([]any); !ok || bodies[0]["networkVolumeId"] != "" || len(ids) != 2 || len(bodies[0]) != 2 {
							return fmt.Errorf(`expected one PATCH {"networkVolumeId": "", "networkVolumeIds": [2 ids]}, got %v`, bodies)
						}
						return nil
					},
				},
				{ResourceName: addr, ImportState: true, ImportStateVerify: true},
				{
					// Removed from the configuration: detached, and the CUDA floor cleared.
					PreConfig: func() { m.ResetCalls() },
					Config:    m.Config(endpointHCL(`  name = "sd-worker"`)),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("network_volume_id"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("network_volume_ids"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("min_cuda_version"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("version"), knownvalue.Int64Exact(2)),
					},
					Check: func(*terraform.State) error {
						bodies := m.JSONBodies(t, r.update)
						if len(bodies) != 1 {
							return fmt.Errorf("expected one PATCH, got %v", bodies)
						}
						if b == runpodapi.BackendV2 {
							if err := jsonEqual(bodies[0], `{"gpu":{"minCudaVersion":""},"networkVolumes":[]}`); err != nil {
								return err
							}
						} else if ids, ok := bodies[0]["networkVolumeIds"].([]any); !ok || bodies[0]["minCudaVersion"] != "" || len(ids) != 0 || len(bodies[0]) != 2 {
							return fmt.Errorf(`expected one PATCH {"minCudaVersion": "", "networkVolumeIds": []}, got %v`, bodies)
						}
						// Detached for real: RunPod now lets the volumes go.
						for _, id := range []string{ro, tx} {
							if status, body := m.Do(t, "DELETE", "/networkvolumes/"+id, ""); status != 204 {
								return fmt.Errorf("volume %s still attached: %d %s", id, status, body)
							}
						}
						return nil
					},
				},
			},
		})
	})
}

func TestAccEndpoint_templateReplacedWithCreateBeforeDestroy(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
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

func TestAccEndpoint_failedReadAfterCreateKeepsTheEndpointInState(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		if err := m.AddFault(mockkit.Fault{Route: routesOf(b).read, Kind: mockkit.FaultStatus, Status: 400, Times: 1}); err != nil {
			t.Fatal(err)
		}
		config := m.Config(endpointHCL(`  name = "sd-worker"`))
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             m.ExpectCount("/endpoints", 0), // the first endpoint was not orphaned
			Steps: []resource.TestStep{
				{
					Config:      config,
					ExpectError: acctest.ErrorText(`Failed to read endpoint`, `after creating it`, `injected fault: Bad Request`),
				},
				{
					// Saved at once, so tainted: Terraform replaces it instead of forgetting it.
					Config: config,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
					}},
				},
			},
		})
	})
}

func TestAccEndpoint_deleteOfAnEndpointAlreadyGoneSucceeds(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			// The test's destroy runs without a refresh: Delete meets endpoints already gone.
			CheckDestroy: func(s *terraform.State) error {
				// Terraform deletes the two in parallel: compare sorted. REST v1: the endpoint with
				// workers is scaled down first; REST v2 deletes both at once.
				r := routesOf(b)
				want := []string{r.remove + " 404", r.update + " 404"}
				if b == runpodapi.BackendV2 {
					want = []string{r.remove + " 404", r.remove + " 404"}
				}
				var got []string
				for _, c := range m.Calls() {
					if c.Method != "GET" && !strings.Contains(c.Route, "/templates/") {
						got = append(got, fmt.Sprintf("%s %d", c.Route, c.Status))
					}
				}
				slices.Sort(got)
				if !slices.Equal(got, want) {
					return fmt.Errorf("expected the scale-down of the endpoint with workers and the delete of the other to "+
						"meet 404 and succeed: %v, got %v", want, got)
				}
				return m.ExpectCount("/endpoints", 0)(s)
			},
			Steps: []resource.TestStep{{
				Config: m.Config(workerTemplate("worker", "example/worker:1.0") + `
resource "runpod_endpoint" "with_workers" {
  template_id = runpod_template.worker.id
  workers_min = 1
}

resource "runpod_endpoint" "idle" {
  template_id = runpod_template.worker.id
  workers_max = 0
}
`),
				Check: func(s *terraform.State) error {
					for _, name := range []string{"runpod_endpoint.with_workers", "runpod_endpoint.idle"} {
						id := s.RootModule().Resources[name].Primary.ID
						m.Do(t, "PATCH", "/endpoints/"+id, `{"workersMin":0,"workersMax":0}`)
						if status, body := m.Do(t, "DELETE", "/endpoints/"+id, ""); status != 204 {
							return fmt.Errorf("delete %s outside Terraform: %d %s", id, status, body)
						}
					}
					m.ResetCalls()
					return nil
				},
				ExpectNonEmptyPlan: true, // the refresh after apply finds them gone: intended
			}},
		})
	})
}
