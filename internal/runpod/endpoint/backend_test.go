package endpoint_test

// Acceptance tests of what REST v2 adds or changes for endpoints: FlashBoot read back, load
// balancers, rollout waits, and REST v2's delete of an endpoint created through REST v1 (which
// takes its template along). Each runs on both backends, the difference a branch on b.

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// TestAccEndpoint_flashbootDrift: REST v2 reports FlashBoot, so a change made outside
// Terraform shows in the plan and is undone; REST v1 never reports it, so the configured
// value stays in the state and the change goes unseen (documented). flashboot_mode's
// PRIORITY_FLASHBOOT is REST v2's only; its FLASHBOOT is REST v1's flashboot = true.
func TestAccEndpoint_flashbootDrift(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		r := routesOf(b)
		var id string
		flashbootOutside := func(on bool) func() {
			return func() {
				if s, body := m.Do(t, "PATCH", "/endpoints/"+id, fmt.Sprintf(`{"flashboot":%t}`, on)); s != 200 {
					t.Fatalf("flashboot outside Terraform: %d %s", s, body)
				}
				m.ResetCalls()
			}
		}
		onePatch := func(want string) resource.TestCheckFunc {
			return func(*terraform.State) error {
				bodies := m.JSONBodies(t, r.update)
				if len(bodies) != 1 {
					return fmt.Errorf("expected one PATCH %s, got %v", want, bodies)
				}
				return jsonEqual(bodies[0], want)
			}
		}
		withFlashboot := m.Config(endpointHCL(`  flashboot = true`))
		steps := []resource.TestStep{
			{Config: withFlashboot, Check: acctest.CaptureID(addr, &id)},
		}
		if b == runpodapi.BackendV1 {
			steps = append(steps,
				resource.TestStep{
					PreConfig: flashbootOutside(false),
					Config:    withFlashboot,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectEmptyPlan(),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("flashboot"), knownvalue.Bool(true)),
					},
				},
				resource.TestStep{
					// REST v1's flashboot is the mode FLASHBOOT: sent as flashboot, never dropped.
					PreConfig: func() { m.ResetCalls() },
					Config:    m.Config(endpointHCL(`  flashboot_mode = "FLASHBOOT"`)),
					Check:     onePatch(`{"flashboot":true}`),
				},
				resource.TestStep{
					Config:      m.Config(endpointHCL(`  flashboot_mode = "PRIORITY_FLASHBOOT"`)),
					ExpectError: acctest.ErrorText(`Not supported by RunPod's REST v1`, `flashboot_mode = "PRIORITY_FLASHBOOT" is a setting of RunPod's REST v2`),
				},
			)
		} else {
			withMode := m.Config(endpointHCL(`  flashboot_mode = "PRIORITY_FLASHBOOT"`))
			steps = append(steps,
				resource.TestStep{
					// Turned off outside Terraform: the refresh sees it, the plan turns it on again.
					PreConfig: flashbootOutside(false),
					Config:    withFlashboot,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("flashboot"), knownvalue.Bool(true)),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("version"), knownvalue.Int64Exact(0)), // in place
						expectDrift(addr),
					}},
					Check: onePatch(`{"flashboot":"FLASHBOOT"}`),
				},
				resource.TestStep{
					// From the bool to REST v2's mode.
					PreConfig: func() { m.ResetCalls() },
					Config:    withMode,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("flashboot_mode"), knownvalue.StringExact("PRIORITY_FLASHBOOT")),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("flashboot"), knownvalue.Null()),
					},
					Check: onePatch(`{"flashboot":"PRIORITY_FLASHBOOT"}`),
				},
				resource.TestStep{
					// Plain FlashBoot set outside Terraform: the mode drifts, and is put back.
					PreConfig: flashbootOutside(true),
					Config:    withMode,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("flashboot_mode"), knownvalue.StringExact("PRIORITY_FLASHBOOT")),
						expectDrift(addr),
					}},
					Check: onePatch(`{"flashboot":"PRIORITY_FLASHBOOT"}`),
				},
				resource.TestStep{
					// Removed from the configuration: left as it is, no longer managed.
					Config: m.Config(endpointHCL("")),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("flashboot_mode"), knownvalue.Null()),
					}},
				},
			)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps:                    steps,
		})
	})
}

// TestAccEndpoint_loadBalancer: REST v2's LOAD_BALANCER endpoints report their base and health
// URLs (the health path from the template's env); changing the type replaces the endpoint;
// removing it from the configuration keeps the endpoint's. REST v1 has no load balancers: the
// plan fails before any call, and queue endpoints report no URLs.
func TestAccEndpoint_loadBalancer(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		config := func(endpointType string) string {
			typeLine := ""
			if endpointType != "" {
				typeLine = fmt.Sprintf("type = %q", endpointType)
			}
			return m.Config(fmt.Sprintf(`
resource "runpod_template" "api" {
  name          = "api"
  image_name    = "example/api:1.0"
  is_serverless = true
  env           = { HEALTH_CHECK_PATH = "/healthz" }
}

resource "runpod_endpoint" "api" {
  name        = "api"
  template_id = runpod_template.api.id
  workers_max = 1
  %s
}
`, typeLine))
		}
		const lb = "runpod_endpoint.api"
		if b == runpodapi.BackendV1 {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      config("LOAD_BALANCER"),
					PlanOnly:    true,
					ExpectError: acctest.ErrorText(`Not supported by RunPod's REST v1`, `type = "LOAD_BALANCER" is a setting of RunPod's REST v2`),
				}},
			})
			m.ExpectNoCalls(t)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				CheckDestroy:             m.ExpectCount("/endpoints", 0),
				Steps: []resource.TestStep{{
					Config: config("QUEUE"),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(lb, tfjsonpath.New("type"), knownvalue.StringExact("QUEUE")),
						statecheck.ExpectKnownValue(lb, tfjsonpath.New("request_urls"), knownvalue.Null()),
					},
				}},
			})
			return
		}
		var id string
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps: []resource.TestStep{
				{
					Config: config("LOAD_BALANCER"),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(lb, tfjsonpath.New("type"), knownvalue.StringExact("LOAD_BALANCER")),
						// The only scaler of a load balancer, chosen when not set.
						statecheck.ExpectKnownValue(lb, tfjsonpath.New("scaler_type"), knownvalue.StringExact("REQUEST_COUNT")),
						statecheck.ExpectKnownValue(lb, tfjsonpath.New("request_urls"), knownvalue.MapExact(map[string]knownvalue.Check{
							"base":   knownvalue.StringRegexp(regexp.MustCompile(`^https://[a-z0-9]{14}\.api\.runpod\.ai$`)),
							"health": knownvalue.StringRegexp(regexp.MustCompile(`^https://[a-z0-9]{14}\.api\.runpod\.ai/healthz$`)),
						})),
					},
					Check: resource.ComposeTestCheckFunc(acctest.CaptureID(lb, &id), func(*terraform.State) error {
						bodies := m.JSONBodies(t, routesOf(b).create)
						if len(bodies) != 1 || bodies[0]["type"] != "LOAD_BALANCER" || fmt.Sprint(bodies[0]["scaling"]) != "map[requestCount:4 type:REQUEST_COUNT]" {
							return fmt.Errorf("expected one create of a load balancer scaling on request count, got %v", bodies)
						}
						return nil
					}),
				},
				{
					// Not set any more: the endpoint keeps its type (no replacement).
					Config: config(""),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectEmptyPlan(),
					}},
				},
				{
					Config: config("QUEUE"),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(lb, plancheck.ResourceActionDestroyBeforeCreate),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(lb, tfjsonpath.New("type"), knownvalue.StringExact("QUEUE")),
						statecheck.ExpectKnownValue(lb, tfjsonpath.New("scaler_type"), knownvalue.StringExact("QUEUE_DELAY")),
						statecheck.ExpectKnownValue(lb, tfjsonpath.New("request_urls").AtMapKey("runSync"),
							knownvalue.StringRegexp(regexp.MustCompile(`^https://api\.runpod\.ai/v2/[a-z0-9]{14}/runsync$`))),
					},
					Check: resource.TestCheckResourceAttrWith(lb, "id", func(v string) error {
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

// TestAccEndpoint_waitForRollout: with wait_for_rollout, an update that rolls out a release
// ends when every worker runs it, polling REST v2's /releases; when the update timeout runs
// out first the apply fails, the endpoint keeping its new settings. REST v1 reports no
// rollout: nothing to wait for.
func TestAccEndpoint_waitForRollout(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		const rollout = 1500 * time.Millisecond
		m.SetRolloutDuration(rollout)
		config := func(gpuCount int, updateTimeout string) string {
			return m.Config(endpointHCL(fmt.Sprintf(`
  gpu_count        = %d
  workers_min      = 1
  wait_for_rollout = true
  timeouts         = { update = %q }
`, gpuCount, updateTimeout)))
		}
		var started time.Time
		// REST v2 polls the rollout; REST v1 reads the endpoint once (no rollout reported).
		rolloutRoute := routesOf(b).releases
		if b == runpodapi.BackendV1 {
			rolloutRoute = routesOf(b).read
		}
		steps := []resource.TestStep{
			{Config: config(1, "1m")},
			{
				PreConfig: func() { m.ResetCalls(); started = time.Now() },
				Config:    config(2, "1m"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("version"), knownvalue.Int64Exact(1)),
				},
				Check: func(*terraform.State) error {
					polls := m.CountCalls(rolloutRoute)[rolloutRoute]
					if b == runpodapi.BackendV1 {
						return nil // v1: the release is not observable; the apply does not wait
					}
					if elapsed := time.Since(started); elapsed < rollout || polls < 2 {
						return fmt.Errorf("the apply took %s with %d polls of %s: it must wait for the %s rollout", elapsed, polls, rolloutRoute, rollout)
					}
					return nil
				},
			},
		}
		if b == runpodapi.BackendV2 {
			steps = append(steps,
				resource.TestStep{
					PreConfig:   func() { m.SetRolloutDuration(time.Hour) },
					Config:      config(3, "2s"),
					ExpectError: acctest.ErrorText(`Endpoint rollout did not finish in time`, `was updated, but its workers had not all moved to the new release`, `(release 2 had reached 0 of 1 workers)`),
				},
				resource.TestStep{
					// The update took effect: nothing left to plan.
					Config: config(3, "2s"),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectEmptyPlan(),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("gpu_count"), knownvalue.Int64Exact(3)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("version"), knownvalue.Int64Exact(2)),
					},
				},
			)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps:                    steps,
		})
	})
}

// TestAccEndpoint_destroyOfAnEndpointCreatedThroughV1: RunPod's REST v2 deletes an endpoint
// "and its bound template", and an endpoint created through REST v1 is bound to the template
// it was made from (the mock models that; unverified live). Destroying such an endpoint with
// the provider on REST v2 warns, and the template's next refresh finds it gone: the next plan
// honestly creates it again, and the one after is empty. On REST v1 the template stays.
func TestAccEndpoint_destroyOfAnEndpointCreatedThroughV1(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		warnings := acctest.NewPlanWarnings()
		template := workerTemplate("worker", "example/worker:1.0")
		v2 := b == runpodapi.BackendV2
		templatePlan := plancheck.ExpectResourceAction("runpod_template.worker", plancheck.ResourceActionNoop)
		if v2 {
			templatePlan = plancheck.ExpectResourceAction("runpod_template.worker", plancheck.ResourceActionCreate)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: warnings.ProviderFactories(),
			CheckDestroy:             checkNothingLeft(m),
			Steps: []resource.TestStep{
				{
					// Made through REST v1: bound to its template.
					Config: m.ProviderConfigFor(runpodapi.BackendV1) + template + `
resource "runpod_endpoint" "sd" {
  name        = "sd-worker"
  template_id = runpod_template.worker.id
}
`,
				},
				{
					PreConfig:          func() { warnings.Reset() },
					Config:             m.Config(template),
					ExpectNonEmptyPlan: v2, // the template is gone: the plan after the apply creates it
					Check: func(s *terraform.State) error {
						id := s.RootModule().Resources["runpod_template.worker"].Primary.ID
						left := m.IDs(t, "/templates?includeEndpointBoundTemplates=true")
						if v2 == slices.Contains(left, id) {
							return fmt.Errorf("template %s after the endpoint's delete: %v", id, left)
						}
						deleteWarnings := 0
						for _, w := range warnings.Of("runpod_endpoint") {
							if strings.Contains(w.Summary, "Template "+id+" was deleted with endpoint") &&
								strings.Contains(w.Detail, "If a runpod_template manages "+id+", its next refresh finds it gone and Terraform plans to create it again") {
								deleteWarnings++
							}
						}
						if want := map[bool]int{true: 1, false: 0}[v2]; deleteWarnings != want {
							return fmt.Errorf("%d warnings of the deleted template, want %d: %v", deleteWarnings, want, warnings.Of("runpod_endpoint"))
						}
						return nil
					},
				},
				{
					Config: m.Config(template),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						templatePlan,
					}},
				},
			},
		})
	})
}

// TestAccEndpoint_replaceOfAnEndpointCreatedThroughV1: replacing such an endpoint on REST v2
// deletes its template with it, so the new endpoint cannot be made in the same apply; the
// error says why and what to do, and the next apply creates the template, then the endpoint.
// On REST v1 the replacement just works.
func TestAccEndpoint_replaceOfAnEndpointCreatedThroughV1(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		endpoint := func(computeType string) string {
			flavors := ""
			if computeType == "CPU" {
				flavors = `cpu_flavor_ids = ["cpu3c"]`
			}
			return workerTemplate("worker", "example/worker:1.0") + fmt.Sprintf(`
resource "runpod_endpoint" "sd" {
  name         = "sd-worker"
  template_id  = runpod_template.worker.id
  compute_type = %q
  %s
}
`, computeType, flavors)
		}
		steps := []resource.TestStep{
			{Config: m.ProviderConfigFor(runpodapi.BackendV1) + endpoint("GPU")},
		}
		if b == runpodapi.BackendV1 {
			steps = append(steps, resource.TestStep{
				Config: m.Config(endpoint("CPU")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
			})
		} else {
			steps = append(steps,
				resource.TestStep{
					Config: m.Config(endpoint("CPU")),
					// the apply's final plan of the new endpoint finds the template gone
					ExpectError: acctest.ErrorText(`Template not found`, `If it is a runpod_template that RunPod deleted `+
						`together with an endpoint earlier in this apply`, `apply again: the template's refresh finds it gone and Terraform creates it before what uses it.`),
				},
				resource.TestStep{
					Config: m.Config(endpoint("CPU")),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("runpod_template.worker", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("compute_type"), knownvalue.StringExact("CPU")),
					},
				},
			)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             checkNothingLeft(m),
			Steps:                    steps,
		})
	})
}

// checkNothingLeft checks that no endpoint and none of the account's templates is left.
func checkNothingLeft(m *acctest.Mock) resource.TestCheckFunc {
	return resource.ComposeTestCheckFunc(m.ExpectCount("/endpoints", 0), m.ExpectCount("/templates?includeEndpointBoundTemplates=true", 0))
}
