package pod_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// secretEnvPod is a pod with env and the write-only env_wo.
func secretEnvPod(m *acctest.Mock, token string, version int) string {
	return podConfig(m, fmt.Sprintf(`
  name           = "trainer"
  image_name     = %q
  env            = { MODEL = "llama" }
  env_wo         = { HF_TOKEN = %q }
  env_wo_version = %d`, image, token, version))
}

// expectSentEnv checks the environment of the last call of route: env merged with env_wo.
func expectSentEnv(m *acctest.Mock, route string, want map[string]string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		bodies := m.Bodies(route)
		if len(bodies) == 0 {
			return fmt.Errorf("no %s call", route)
		}
		var body struct {
			Env map[string]string `json:"env"`
		}
		if err := json.Unmarshal([]byte(bodies[len(bodies)-1]), &body); err != nil {
			return err
		}
		if fmt.Sprint(body.Env) != fmt.Sprint(want) {
			return fmt.Errorf("%s sent env %v, want %v", route, body.Env, want)
		}
		return nil
	}
}

// TestAccPod_secretEnv: env_wo reaches RunPod with env on create, never the plan or the state
// file; a new value alone plans nothing; a new env_wo_version resets the pod and sends it; a
// secret variable removed outside Terraform shows as drift of env_wo_keys and is sent again.
// Not parallel: the state files are found by placing the harness's working directories
// (TF_ACC_TEMP_DIR).
func TestAccPod_secretEnv(t *testing.T) {
	acctest.OnAPIsInTurn(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		r := routesOf(b)
		state := acckit.NewStateFiles(t)
		const first, second = "hf-secret-first-6a2b", "hf-secret-second-93fd"
		lacksSecrets := state.ExpectLacks([]string{"runpod_pod", "env_wo_keys", "HF_TOKEN"}, first, second)
		warnings := acctest.NewPlanWarnings()
		var id string
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: warnings.ProviderFactories(),
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
			Steps: []resource.TestStep{
				{
					Config: secretEnvPod(m, first, 1),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectKnownValue(addr, value("env_wo"), knownvalue.Null()),
						plancheck.ExpectKnownValue(addr, value("env_wo_keys"), acckit.StringList("HF_TOKEN")),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						expect("env", knownvalue.MapExact(map[string]knownvalue.Check{"MODEL": knownvalue.StringExact("llama")})),
						expect("env_wo", knownvalue.Null()),
						expect("env_wo_version", knownvalue.Int64Exact(1)),
						expect("env_wo_keys", acckit.StringList("HF_TOKEN")),
					},
					Check: resource.ComposeTestCheckFunc(
						acckit.CaptureID(addr, &id),
						expectSentEnv(m, r.create, map[string]string{"MODEL": "llama", "HF_TOKEN": first}),
						lacksSecrets,
					),
				},
				{
					// A new value alone: Terraform cannot see it, nothing is planned or sent.
					PreConfig: resetCalls(m),
					Config:    secretEnvPod(m, second, 1),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectEmptyPlan(),
					}},
					Check: resource.ComposeTestCheckFunc(expectWrites(m), lacksSecrets),
				},
				{
					// A new version resets the pod and sends env with the new secret.
					PreConfig: resetCalls(m),
					Config:    secretEnvPod(m, second, 2),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(addr, value("last_started_at")),
						warnings.ExpectWarning("runpod_pod", acctest.ErrorText(`will be reset: Changing env_wo_version will reset pod`)),
					}},
					Check: resource.ComposeTestCheckFunc(
						expectWrites(m, write(r.patch, "")),
						expectSentEnv(m, r.patch, map[string]string{"MODEL": "llama", "HF_TOKEN": second}),
						lacksSecrets,
					),
				},
				{
					// Drift: outside Terraform, the secret variable is removed and another one added.
					// The plan shows both (env_wo_keys loses HF_TOKEN, env gains EXTRA) and the apply
					// sends the configured environment again.
					PreConfig: func() {
						if status, body := m.DoV2(t, http.MethodPatch, "/v2/pods/"+id, `{"env":{"MODEL":"llama","EXTRA":"x"}}`); status != http.StatusOK {
							t.Fatalf("changing the pod's env outside Terraform: %d %s", status, body)
						}
						m.ResetCalls()
					},
					Config: secretEnvPod(m, second, 2),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						warnings.ExpectWarning("runpod_pod", acctest.ErrorText(`will be reset: Changing env and env_wo will reset pod`)),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						expect("env", knownvalue.MapExact(map[string]knownvalue.Check{"MODEL": knownvalue.StringExact("llama")})),
						expect("env_wo_keys", acckit.StringList("HF_TOKEN")),
					},
					Check: resource.ComposeTestCheckFunc(
						expectWrites(m, write(r.patch, "")),
						expectSentEnv(m, r.patch, map[string]string{"MODEL": "llama", "HF_TOKEN": second}),
						lacksSecrets,
					),
				},
			},
		})
	})
}
