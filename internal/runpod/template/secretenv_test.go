package template_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

func secretEnvTemplate(token string, version int) string {
	return serverlessTemplate(fmt.Sprintf(`
  name           = "worker"
  image_name     = "example/worker:1.0"
  env            = { MODEL = "sdxl" }
  env_wo         = { HF_TOKEN = %q }
  env_wo_version = %d
`, token, version))
}

// TestAccTemplate_secretEnv: env_wo reaches RunPod with env on create, never the plan or the
// state file; a new value alone plans nothing; a new env_wo_version sends it (one PATCH of the
// whole environment) and, the template being serverless, rolls out a release on its endpoint;
// a secret variable removed outside Terraform shows as drift of env_wo_keys and is sent again.
// Not parallel: the state files are found by placing the harness's working directories
// (TF_ACC_TEMP_DIR).
func TestAccTemplate_secretEnv(t *testing.T) {
	acctest.OnAPIsInTurn(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		state := acckit.NewStateFiles(t)
		warnings := acctest.NewPlanWarnings()
		const first, second = "hf-template-first-1c4e", "hf-template-second-7ab0"
		lacksSecrets := state.ExpectLacks([]string{"runpod_template", "env_wo_keys", "HF_TOKEN"}, first, second)
		expect := func(name string, check knownvalue.Check) statecheck.StateCheck {
			return statecheck.ExpectKnownValue(addr, tfjsonpath.New(name), check)
		}
		var id string
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: warnings.ProviderFactories(),
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
			CheckDestroy:             checkDestroyed(m),
			Steps: []resource.TestStep{
				{
					Config: m.Config(secretEnvTemplate(first, 1)),
					ConfigStateChecks: []statecheck.StateCheck{
						expect("env", knownvalue.MapExact(map[string]knownvalue.Check{"MODEL": knownvalue.StringExact("sdxl")})),
						expect("env_wo", knownvalue.Null()),
						expect("env_wo_version", knownvalue.Int64Exact(1)),
						expect("env_wo_keys", acckit.StringList("HF_TOKEN")),
					},
					Check: resource.ComposeTestCheckFunc(
						acckit.CaptureID(addr, &id),
						func(*terraform.State) error {
							bodies := m.JSONBodies(t, "POST /v2/templates")
							if len(bodies) != 1 || fmt.Sprint(bodies[0]["env"]) != fmt.Sprint(map[string]any{"MODEL": "sdxl", "HF_TOKEN": first}) {
								return fmt.Errorf("expected one POST /v2/templates with env and env_wo, got %v", bodies)
							}
							return nil
						},
						lacksSecrets,
					),
				},
				{
					// A new value alone: Terraform cannot see it, nothing is planned or sent.
					PreConfig: func() { m.ResetCalls() },
					Config:    m.Config(secretEnvTemplate(second, 1)),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectEmptyPlan(),
					}},
					Check: resource.ComposeTestCheckFunc(m.ExpectWrites(), lacksSecrets),
				},
				{
					// A new version sends the whole environment and rolls out a release.
					PreConfig: func() { warnings.Reset(); m.ResetCalls() },
					Config:    m.Config(secretEnvTemplate(second, 2)),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						warnings.ExpectWarning("runpod_template", acctest.ErrorText(
							`change rolls out a new release on its endpoints:`, `Changing env_wo_version of serverless template "worker"`)),
						plancheck.ExpectResourceAction("runpod_endpoint.sd", plancheck.ResourceActionUpdate),
					}},
					Check: resource.ComposeTestCheckFunc(
						expectPatch(t, m, b, map[string]any{"env": map[string]any{"MODEL": "sdxl", "HF_TOKEN": second}}),
						lacksSecrets,
					),
				},
				{
					// Drift: outside Terraform, the secret variable is removed.
					PreConfig: func() {
						if status, body := m.DoV2(t, http.MethodPatch, "/v2/templates/"+id, `{"env":{"MODEL":"sdxl"}}`); status != http.StatusOK {
							t.Fatalf("changing the template's env outside Terraform: %d %s", status, body)
						}
						m.ResetCalls()
					},
					Config: m.Config(secretEnvTemplate(second, 2)),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("env_wo_keys"), acckit.StringList("HF_TOKEN")),
					}},
					ConfigStateChecks: []statecheck.StateCheck{expect("env_wo_keys", acckit.StringList("HF_TOKEN"))},
					Check: resource.ComposeTestCheckFunc(
						expectPatch(t, m, b, map[string]any{"env": map[string]any{"MODEL": "sdxl", "HF_TOKEN": second}}),
						lacksSecrets,
					),
				},
			},
		})
	})
}
