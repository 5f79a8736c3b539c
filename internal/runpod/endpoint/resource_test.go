package endpoint_test

import (
	"fmt"
	"regexp"
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

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodmock"
)

func TestAccEndpoint_createWithDefaultsImportAndDataSource(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
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

func TestAccEndpoint_deletedOutsideTerraformIsRecreated(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
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
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
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

func TestAccEndpoint_apiErrorsKeepRunPodsMessage(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					// A template RunPod does not have fails the plan (TestAccEndpoint_whatRunPodDoesNotListFailsAtPlan);
					// a pod template's id is known once it is created: the apply's final plan refuses it.
					Config: m.Config(`
resource "runpod_template" "pod" {
  name       = "pod-template"
  image_name = "example/app:1.0"
}

resource "runpod_endpoint" "sd" {
  template_id = runpod_template.pod.id
}
`),
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
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
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
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
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
						// One list of volumes (from a set: any order).
						if err := jsonEqual(bodies[0], fmt.Sprintf(`{"networkVolumes":[%q,%q]}`, ro, tx)); err != nil {
							return jsonEqual(bodies[0], fmt.Sprintf(`{"networkVolumes":[%q,%q]}`, tx, ro))
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
						if err := jsonEqual(bodies[0], `{"gpu":{"minCudaVersion":""},"networkVolumes":[]}`); err != nil {
							return err
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

func TestAccEndpoint_failedReadAfterCreateKeepsTheEndpointInState(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
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
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
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
