package yottaregistryauth_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaacctest"
)

func writeOnlyConfig(m *yottaacctest.Mock, passwordWO string, version int) string {
	return m.Config(fmt.Sprintf(`
resource "yotta_container_registry_auth" "test" {
  name                = "ghcr"
  type                = "PRIVATE"
  username            = "bot"
  password_wo         = %q
  password_wo_version = %d
}
`, passwordWO, version))
}

// TestAccRegistryAuth_passwordWriteOnly: password_wo reaches Yotta on create and, in place
// (PATCH), whenever password_wo_version changes, never the plan or the state file; a new
// password_wo without a new version does nothing. An import, then the configuration with
// password_wo, sends it with one PATCH. Switching to password and back sends each. Not
// parallel: the state files are found by placing the harness's working directories
// (TF_ACC_TEMP_DIR).
func TestAccRegistryAuth_passwordWriteOnly(t *testing.T) {
	m := yottaacctest.NewMock(t)
	state := acckit.NewStateFiles(t)
	const first, second, third = "wo-yotta-first-51ab", "wo-yotta-second-c7e0", "wo-yotta-third-0d93"
	var id string
	imported := m.Config(`
resource "yotta_container_registry_auth" "imported" {
  name                = "imported"
  type                = "ECR"
  username            = "aws"
  password_wo         = "wo-imported-8e1f"
  password_wo_version = 1
}
`)
	lacksSecrets := state.ExpectLacks([]string{"yotta_container_registry_auth", "password_wo_version"}, first, second, third)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: yottaacctest.ProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:             m.ExpectCount("/v2/container-registry-auths", 0),
		Steps: []resource.TestStep{
			{
				Config: writeOnlyConfig(m, first, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("password_wo"), knownvalue.Null()),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("password"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("password_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("password_wo_version"), knownvalue.Int64Exact(1)),
				},
				Check: resource.ComposeTestCheckFunc(yottaacctest.CaptureID(addr, &id),
					bodies(t, m, routeCreate, `{"name":"ghcr","type":"PRIVATE","username":"bot","password":"`+first+`"}`),
					lacksSecrets),
			},
			{
				// A new password_wo alone: Terraform cannot see it, nothing is planned or sent.
				PreConfig: func() { m.ResetCalls() },
				Config:    writeOnlyConfig(m, second, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				Check: resource.ComposeTestCheckFunc(m.ExpectWrites(), lacksSecrets),
			},
			{
				// A new version sends it, in place.
				PreConfig: func() { m.ResetCalls() },
				Config:    writeOnlyConfig(m, second, 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeTestCheckFunc(resource.TestCheckResourceAttrPtr(addr, "id", &id),
					bodies(t, m, routePatch, `{"password":"`+second+`"}`), lacksSecrets),
			},
			{
				ResourceName:            addr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"username", "password", "password_wo_version"},
			},
			{
				// To password: sent (and kept in state, as password is).
				PreConfig: func() { m.ResetCalls() },
				Config:    config(m, "ghcr", "PRIVATE", "bot", "plain-1"),
				Check:     bodies(t, m, routePatch, `{"password":"plain-1"}`),
			},
			{
				// Back to password_wo: sent, and password leaves the state.
				PreConfig: func() { m.ResetCalls() },
				Config:    writeOnlyConfig(m, third, 3),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("password"), knownvalue.Null()),
				},
				Check: resource.ComposeTestCheckFunc(bodies(t, m, routePatch, `{"password":"`+third+`"}`),
					state.ExpectLacks([]string{"yotta_container_registry_auth"}, first, second, third, "plain-1")),
			},
			{
				// An imported credential: the first apply sends password_wo with one PATCH (the
				// credential above is deleted by the same apply).
				PreConfig: func() {
					id = m.Create(t, "/v2/container-registry-auths", `{"name":"imported","type":"ECR","username":"old","password":"old"}`)
				},
				Config:             imported,
				ResourceName:       "yotta_container_registry_auth.imported",
				ImportState:        true,
				ImportStateIdFunc:  func(*terraform.State) (string, error) { return id, nil },
				ImportStatePersist: true,
			},
			{
				PreConfig: func() { m.ResetCalls() },
				Config:    imported,
				Check: resource.ComposeTestCheckFunc(bodies(t, m, routePatch, `{"username":"aws","password":"wo-imported-8e1f"}`),
					state.ExpectLacks([]string{"yotta_container_registry_auth"}, "wo-imported-8e1f")),
			},
		},
	})
}
