package registryauth_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

func writeOnlyConfig(name, passwordWO string, version int) string {
	return fmt.Sprintf(`
resource "runpod_container_registry_auth" "ghcr" {
  name                = %q
  username            = "octocat"
  password_wo         = %q
  password_wo_version = %d
}
`, name, passwordWO, version)
}

// password_wo reaches RunPod when the credential is created and when password_wo_version
// changes (a replacement: RunPod has no update), never the plan or the state file; a new
// password_wo without a new version does nothing. Import cannot set the version (RunPod
// knows none), and switching back to password replaces the credential again. Not parallel:
// the state files are found by placing the harness's working directories (TF_ACC_TEMP_DIR).
func TestAccContainerRegistryAuth_passwordWriteOnly(t *testing.T) {
	acctest.OnAPIsInTurn(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		state := acckit.NewStateFiles(t)
		const first, second = "wo-token-first-4d1c", "wo-token-second-9b2e"
		newID := statecheck.CompareValue(compare.ValuesDiffer())
		writeOnly := func(passwordWO string, version int) string {
			return m.Config(writeOnlyConfig("ghcr", passwordWO, version))
		}
		lacksSecrets := state.ExpectLacks([]string{"runpod_container_registry_auth", "password_wo_version"}, first, second)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
			Steps: []resource.TestStep{
				{
					Config: writeOnly(first, 1),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(address, plancheck.ResourceActionCreate),
						plancheck.ExpectKnownValue(address, tfjsonpath.New("password_wo"), knownvalue.Null()),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(address, tfjsonpath.New("password"), knownvalue.Null()),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("password_wo"), knownvalue.Null()),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("password_wo_version"), knownvalue.Int64Exact(1)),
						newID.AddStateValue(address, tfjsonpath.New("id")),
					},
					Check: resource.ComposeTestCheckFunc(
						expectCalls(m, 1, 0),
						expectLastCreateBody(m, `{"name":"ghcr","username":"octocat","password":"`+first+`"}`),
						lacksSecrets,
					),
				},
				{
					// A new password_wo alone: Terraform cannot see it, nothing is planned or sent.
					Config: writeOnly(second, 1),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectEmptyPlan(),
					}},
					Check: resource.ComposeTestCheckFunc(expectCalls(m, 1, 0), lacksSecrets),
				},
				{
					// A new version sends it: RunPod has no update, so a new credential replaces the old one.
					Config: writeOnly(second, 2),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(address, plancheck.ResourceActionDestroyBeforeCreate),
						plancheck.ExpectKnownValue(address, tfjsonpath.New("password_wo_version"), knownvalue.Int64Exact(2)),
					}},
					ConfigStateChecks: []statecheck.StateCheck{newID.AddStateValue(address, tfjsonpath.New("id"))},
					Check: resource.ComposeTestCheckFunc(
						expectCalls(m, 2, 1),
						expectLastCreateBody(m, `{"name":"ghcr","username":"octocat","password":"`+second+`"}`),
						lacksSecrets,
					),
				},
				{
					ResourceName:            address,
					ImportState:             true,
					ImportStateVerify:       true,
					ImportStateVerifyIgnore: []string{"username", "password", "password_wo_version"},
				},
				{
					// Back to password: a new credential takes it (the recorded version changes to null).
					Config:           m.Config(authConfig("ghcr", "octocat", "token-1")),
					ConfigPlanChecks: replaced(),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(address, tfjsonpath.New("password_wo_version"), knownvalue.Null()),
						newID.AddStateValue(address, tfjsonpath.New("id")),
					},
					Check: resource.ComposeTestCheckFunc(
						expectCalls(m, 3, 2),
						expectLastCreateBody(m, `{"name":"ghcr","username":"octocat","password":"token-1"}`),
					),
				},
			},
			CheckDestroy: m.ExpectCount("/containerregistryauth", 0),
		})
	})
}

// An imported credential with password_wo: the next apply records the version in place (no
// API call, no replacement), as it records a password; from then on a new version replaces it.
// Not parallel, for the same reason.
func TestAccContainerRegistryAuth_importThenPasswordWriteOnly(t *testing.T) {
	acctest.OnAPIsInTurn(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		id := createOutside(t, m, "ghcr")
		state := acckit.NewStateFiles(t)
		importBlock := fmt.Sprintf("\nimport {\n  to = runpod_container_registry_auth.ghcr\n  id = %q\n}\n", id)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
			Steps: []resource.TestStep{
				{
					Config: m.Config(writeOnlyConfig("ghcr", "wo-imported-7c0d", 1) + importBlock),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(address, tfjsonpath.New("id"), knownvalue.StringExact(id)),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("password"), knownvalue.Null()),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("password_wo_version"), knownvalue.Int64Exact(1)),
					},
					Check: resource.ComposeTestCheckFunc(
						expectCalls(m, 0, 0), // the create made outside Terraform went through REST v1
						state.ExpectLacks([]string{id}, "wo-imported-7c0d"),
					),
				},
				{
					Config:           m.Config(writeOnlyConfig("ghcr", "wo-rotated-2f8a", 2)),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(address, plancheck.ResourceActionDestroyBeforeCreate)}},
					Check: resource.ComposeTestCheckFunc(
						expectCalls(m, 1, 1),
						expectLastCreateBody(m, `{"name":"ghcr","username":"octocat","password":"wo-rotated-2f8a"}`),
						state.ExpectLacks([]string{"runpod_container_registry_auth"}, "wo-imported-7c0d", "wo-rotated-2f8a"),
					),
				},
			},
		})
	})
}
