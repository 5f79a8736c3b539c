package endpoint_test

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
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

func TestAccEndpoint_releaseSettingsRollOutARelease(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
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

// TestAccEndpoint_templateEditRollsOutInTheSameApply: an edit of a runpod_template's container
// reaches the endpoints on it in the same apply, with a warning, and the next plan is empty
// without drift (no "changed outside of Terraform: version"). REST v1 does that itself (the
// template's plan warns and names the endpoints; the endpoint's plan leaves what the release
// changes unknown). REST v2 copies a template once: the endpoint's plan is an update that
// re-applies the template (PATCH with templateId), warns, and leaves what the release changes
// unknown.
func TestAccEndpoint_templateEditRollsOutInTheSameApply(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
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
