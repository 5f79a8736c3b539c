package registryauth_test

import (
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"

	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

const address = "runpod_container_registry_auth.ghcr"

// routeCreate and routeDelete are the mock's routes of the provider's calls on backend b.
func routeCreate(b runpodapi.Backend) string {
	if b == runpodapi.BackendV1 {
		return "POST /containerregistryauth"
	}
	return "POST /v2/registries"
}

func routeDelete(b runpodapi.Backend) string {
	if b == runpodapi.BackendV1 {
		return "DELETE /containerregistryauth/{containerRegistryAuthId}"
	}
	return "DELETE /v2/registries/{id}"
}

func authConfig(name, username, password string) string {
	return fmt.Sprintf(`
resource "runpod_container_registry_auth" "ghcr" {
  name     = %q
  username = %q
  password = %q
}
`, name, username, password)
}

// createOutside creates a credential through the API, as someone working outside Terraform
// would, and returns its id.
func createOutside(t *testing.T, m *acctest.Mock, name string) string {
	t.Helper()
	return m.Create(t, "/containerregistryauth", fmt.Sprintf(`{"name":%q,"username":"someone","password":"elsewhere"}`, name))
}

// expectCalls counts the provider's creates and deletes; createOutside's create, made
// through the mock's REST v1, is logged under v1's route, so it counts only when the provider
// speaks v1 too.
func expectCalls(m *acctest.Mock, creates, deletes int) resource.TestCheckFunc {
	return m.ExpectCalls(map[string]int{routeCreate(m.Backend): creates, routeDelete(m.Backend): deletes})
}

// expectLastCreateBody checks what the last create sent: the configured credential, password included.
func expectLastCreateBody(m *acctest.Mock, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		var last string
		if bodies := m.Bodies(routeCreate(m.Backend)); len(bodies) > 0 {
			last = bodies[len(bodies)-1]
		}
		if last != want {
			return fmt.Errorf("create body %s, want %s", last, want)
		}
		return nil
	}
}

// replaced checks that a change replaced the credential (destroy, then create: names are unique).
func replaced() resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(address, plancheck.ResourceActionDestroyBeforeCreate),
		plancheck.ExpectUnknownValue(address, tfjsonpath.New("id")),
		plancheck.ExpectSensitiveValue(address, tfjsonpath.New("password")),
	}}
}

func TestAccContainerRegistryAuth_createReplaceOnAnyChangeImport(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		newID := statecheck.CompareValue(compare.ValuesDiffer())
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: m.Config(authConfig("ghcr", "octocat", "token-1")),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(address, plancheck.ResourceActionCreate),
						plancheck.ExpectSensitiveValue(address, tfjsonpath.New("password")),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(address, tfjsonpath.New("id"), knownvalue.NotNull()),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("name"), knownvalue.StringExact("ghcr")),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("username"), knownvalue.StringExact("octocat")),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("password"), knownvalue.StringExact("token-1")),
						newID.AddStateValue(address, tfjsonpath.New("id")),
					},
					Check: resource.ComposeTestCheckFunc(
						expectCalls(m, 1, 0),
						expectLastCreateBody(m, `{"name":"ghcr","username":"octocat","password":"token-1"}`),
					),
				},
				{
					// Rotating the password: RunPod has no update, so a new credential replaces the old one.
					Config:            m.Config(authConfig("ghcr", "octocat", "token-2")),
					ConfigPlanChecks:  replaced(),
					ConfigStateChecks: []statecheck.StateCheck{newID.AddStateValue(address, tfjsonpath.New("id"))},
					Check: resource.ComposeTestCheckFunc(
						expectCalls(m, 2, 1),
						expectLastCreateBody(m, `{"name":"ghcr","username":"octocat","password":"token-2"}`),
					),
				},
				{
					Config:            m.Config(authConfig("ghcr", "hubot", "token-2")),
					ConfigPlanChecks:  replaced(),
					ConfigStateChecks: []statecheck.StateCheck{newID.AddStateValue(address, tfjsonpath.New("id"))},
					Check:             expectCalls(m, 3, 2),
				},
				{
					Config:           m.Config(authConfig("ghcr-bots", "hubot", "token-2")),
					ConfigPlanChecks: replaced(),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(address, tfjsonpath.New("name"), knownvalue.StringExact("ghcr-bots")),
						newID.AddStateValue(address, tfjsonpath.New("id")),
					},
					Check: resource.ComposeTestCheckFunc(
						expectCalls(m, 4, 3),
						m.ExpectCount("/containerregistryauth", 1), // no replaced credential left behind
					),
				},
				{
					// RunPod never returns username and password: import cannot set them.
					ResourceName:            address,
					ImportState:             true,
					ImportStateVerify:       true,
					ImportStateVerifyIgnore: []string{"username", "password"},
				},
				{
					// Import by name works too: names are unique.
					ResourceName:            address,
					ImportState:             true,
					ImportStateId:           "ghcr-bots",
					ImportStateVerify:       true,
					ImportStateVerifyIgnore: []string{"username", "password"},
				},
			},
			CheckDestroy: m.ExpectCount("/containerregistryauth", 0),
		})
	})
}

// After an import, the next apply records the configured username and password in place:
// no replacement of what was just imported, and no API call (RunPod has no update).
func TestAccContainerRegistryAuth_importRecordsConfiguredSecretsInPlace(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		id := createOutside(t, m, "ghcr")
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: m.Config(authConfig("ghcr", "octocat", "token-1") + fmt.Sprintf(`
import {
  to = runpod_container_registry_auth.ghcr
  id = %q
}
`, id)),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
						plancheck.ExpectSensitiveValue(address, tfjsonpath.New("password")),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(address, tfjsonpath.New("id"), knownvalue.StringExact(id)),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("username"), knownvalue.StringExact("octocat")),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("password"), knownvalue.StringExact("token-1")),
					},
					Check: expectCalls(m, 0, 0), // the create made outside Terraform went through REST v1
				},
				{
					// From then on a change replaces it as usual.
					Config:           m.Config(authConfig("ghcr", "octocat", "token-2")),
					ConfigPlanChecks: replaced(),
					Check:            expectCalls(m, 1, 1),
				},
			},
		})
	})
}

func TestAccContainerRegistryAuth_deletedOutsideTerraformIsCreatedAgain(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		var id string
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: m.Config(authConfig("ghcr", "octocat", "token-1")),
					Check: resource.TestCheckResourceAttrWith(address, "id", func(v string) error {
						id = v
						return nil
					}),
				},
				{
					PreConfig: func() {
						if status, body := m.Do(t, http.MethodDelete, "/containerregistryauth/"+id, ""); status != http.StatusNoContent {
							t.Fatalf("deleting the credential outside Terraform: %d %s", status, body)
						}
					},
					Config: m.Config(authConfig("ghcr", "octocat", "token-1")),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(address, plancheck.ResourceActionCreate),
					}},
					Check: resource.ComposeTestCheckFunc(
						expectCalls(m, 2, 0), // the delete made outside Terraform went through REST v1
						resource.TestCheckResourceAttrWith(address, "id", func(v string) error {
							if v == id {
								return fmt.Errorf("id %s was not renewed", v)
							}
							return nil
						}),
					),
				},
			},
		})
	})
}

// A taken name: RunPod's refusal names the credential that holds it, to import. (Both APIs
// refuse a taken name with a 400 in RunPod's words: runpodapi's
// TestRefusalsTheResourcesExplainAre400OnBothAPIs.)
func TestAccContainerRegistryAuth_takenNameNamesTheCredentialToImport(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		id := createOutside(t, m, "ghcr")
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: m.Config(authConfig("ghcr", "octocat", "token-1")),
					ExpectError: acctest.ErrorText("Failed to create container registry auth ghcr",
						`While attempting to create container registry auth ghcr, RunPod refused. A container registry auth named "ghcr" already exists in the RunPod account (id `+id+`), and RunPod requires unique names.`,
						"terraform import <address> "+id,
						`RunPod API returned 400 Bad Request: a container registry auth named "ghcr" already exists`),
				},
				{
					Config:        m.Config(authConfig("ghcr", "octocat", "token-1")),
					ResourceName:  address,
					ImportState:   true,
					ImportStateId: "no-such-credential",
					ExpectError: acctest.ErrorText("Container registry auth not found",
						`The RunPod account has no container registry auth with id or name "no-such-credential".`),
				},
			},
		})
	})
}

// authBody is a credential's body.
func authBody(name, username, password string) string {
	return fmt.Sprintf("name = %q\nusername = %q\npassword = %q", name, username, password)
}

func TestAccContainerRegistryAuth_invalidInputFailsAtPlanWithoutAPICalls(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		const auth = "runpod_container_registry_auth"
		m.PlanRefusals(t, "", []acctest.Refusal{
			{Name: "empty name", Type: auth, Body: authBody("", "octocat", "token-1"),
				Want: []string{`Attribute name string length must be between 1 and 191, got: 0`}},
			{Name: "empty username", Type: auth, Body: authBody("ghcr", "", "token-1"),
				Want: []string{`Attribute username string length must be at least 1, got: 0`}},
			{Name: "empty password", Type: auth, Body: authBody("ghcr", "octocat", ""),
				Want: []string{`Attribute password string length must be at least 1, got: 0`}},
			// Optional in the schema (an import records none), but a create needs them: the plan says so.
			{Name: "no password", Type: auth, Body: "name = \"ghcr\"\nusername = \"octocat\"",
				Want: []string{"Missing password", missingToCreate("password", "ghcr")}},
			{Name: "neither username nor password", Type: auth, Body: `name = "ghcr"`,
				Want: []string{"Missing username", missingToCreate("username", "ghcr"), "Missing password", missingToCreate("password", "ghcr")}},
			// Exactly one of password and password_wo; password_wo with its version, and the version with it.
			{Name: "password and password_wo", Type: auth, Body: authBody("ghcr", "octocat", "token-1") + "\npassword_wo = \"token-1\"\npassword_wo_version = 1",
				Want: []string{`Attribute "password_wo" cannot be specified when "password" is specified`}},
			{Name: "password_wo without its version", Type: auth, Body: "name = \"ghcr\"\nusername = \"octocat\"\npassword_wo = \"token-1\"",
				Want: []string{`Attribute "password_wo_version" must be specified when "password_wo" is specified`}},
			{Name: "password_wo_version without password_wo", Type: auth, Body: authBody("ghcr", "octocat", "token-1") + "\npassword_wo_version = 1",
				Want: []string{`Attribute "password_wo" must be specified when "password_wo_version" is specified`}},
		})
		m.ExpectNoCalls(t)
	})
}

// missingToCreate is the detail of the plan error of a create without attr (username or password).
func missingToCreate(attr, name string) string {
	return fmt.Sprintf(`%s is required to create container registry auth %q: RunPod stores a credential's username and `+
		`password only when it creates it, and never returns them. Set %s in the configuration.`, attr, name, toSet(attr))
}

// toSet is what the plan error of a missing attr asks to set.
func toSet(attr string) string {
	if attr == "password" {
		return "password (or password_wo with password_wo_version, to keep it out of the state)"
	}
	return attr
}

// An imported credential's generated configuration (terraform plan -generate-config-out) plans
// as written: nothing but the import, then an empty plan. RunPod never returns username and
// password, so Terraform writes them as null (the password as `null # sensitive`): not
// recorded, which plans no change.
func TestAccRegistryAuth_generatedConfigPlansClean(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		id := acctest.Create(t, m, authConfig("ghcr", "octocat", "token-1"), address)
		generated := acctest.ExpectGeneratedConfigPlansClean(t, m, "runpod_container_registry_auth.imported", id)
		// Terraform aligns the equals signs to the longest name: any spacing matches.
		for _, want := range []string{`name = "ghcr"`, `password = null # sensitive`, `username = null`,
			`password_wo = null # sensitive`, `password_wo_version = null`} {
			if !acctest.ErrorText(want).MatchString(generated) {
				t.Errorf("the generated configuration lacks %s", want)
			}
		}
		if n := m.CallCount(routeCreate(b)); n != 1 {
			t.Errorf("%d creates, want 1 (the credential imported)", n)
		}
	})
}

// Removing username and password from the configuration of a credential Terraform created
// keeps the credential (RunPod can neither change nor clear them) and the values recorded: an
// empty plan, no API call. A change that replaces the credential then needs them again (a new
// credential takes them from the configuration only): the plan fails, naming the attribute.
// (The Terraform CLI itself, for errors that name the credential's id.)
func TestAccContainerRegistryAuth_removedSecretsKeepTheCredential(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		c := acctest.NewCLI(t)
		withoutSecrets := func(name string) string {
			return m.Config(fmt.Sprintf("\nresource \"runpod_container_registry_auth\" \"ghcr\" {\n  name = %q\n}\n", name))
		}
		c.WriteConfig(m.Config(authConfig("ghcr", "octocat", "token-1")))
		c.Must("apply", "-input=false", "-no-color", "-auto-approve")
		id, _ := c.Attribute(address, "id").(string)

		c.WriteConfig(withoutSecrets("ghcr"))
		c.ExpectEmptyPlan()
		c.Must("apply", "-input=false", "-no-color", "-auto-approve")
		for attr, want := range map[string]string{"username": "octocat", "password": "token-1"} {
			if got := c.Attribute(address, attr); got != want {
				t.Errorf("%s in state: %v, want the recorded %q", attr, got, want)
			}
		}
		if err := expectCalls(m, 1, 0)(nil); err != nil {
			t.Error(err)
		}

		// A replacement needs them: a change of name, or -replace.
		for _, tc := range []struct {
			config  string
			args    []string
			changed string
		}{
			{withoutSecrets("ghcr-bots"), nil, "name"},
			{withoutSecrets("ghcr"), []string{"-replace=" + address}, ""},
		} {
			c.WriteConfig(tc.config)
			out, err := c.Run(append([]string{"plan", "-json", "-input=false"}, tc.args...)...)
			var got []string
			for _, msg := range acckit.Messages(out) {
				if d := msg.Diagnostic; d != nil && d.Severity == "error" {
					got = append(got, d.Summary+": "+d.Detail)
				}
			}
			name := map[bool]string{true: "ghcr-bots", false: "ghcr"}[tc.changed == "name"]
			want := []string{
				"Missing username: " + missingToReplace("username", name, id, tc.changed),
				"Missing password: " + missingToReplace("password", name, id, tc.changed),
			}
			if tc.changed == "" { // forced: Terraform plans the create on its own
				want = []string{"Missing username: " + missingToCreate("username", name), "Missing password: " + missingToCreate("password", name)}
			}
			if err == nil || !slices.Equal(got, want) {
				t.Errorf("plan %v: %v; errors:\n%s\nwant:\n%s", tc.args, err, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		}

		// Back in the configuration, as created: nothing to do.
		c.WriteConfig(m.Config(authConfig("ghcr", "octocat", "token-1")))
		c.ExpectEmptyPlan()
		if err := expectCalls(m, 1, 0)(nil); err != nil {
			t.Error(err)
		}
	})
}

// missingToReplace is the detail of the plan error of a replacement (a change of changed) of
// credential id without attr.
func missingToReplace(attr, name, id, changed string) string {
	return fmt.Sprintf(`%s is required to replace container registry auth %q (%s), which changing %s does (RunPod has no `+
		`update): RunPod stores a credential's username and password only when it creates it, and never returns them, so `+
		`a new credential takes them from the configuration, never from the state. Set %s in the configuration.`,
		attr, name, id, changed, toSet(attr))
}

// Not parallel: it sets TF_LOG and TF_ACC_LOG_PATH for the process. The password reaches
// RunPod but no log line of the provider or Terraform, even at TRACE level. (The test harness
// logs the configuration it writes, so the password comes in through a variable, as in real use.)
// REST v1's client masks it as well: runpodapi's TestLogsMaskKeyPasswordsAndEnvValues.
func TestAccContainerRegistryAuth_passwordNeverLogged(t *testing.T) {
	acctest.OnAPIsInTurn(t, func(t *testing.T, b runpodapi.Backend) {
		logPath := filepath.Join(t.TempDir(), "acc.log")
		t.Setenv("TF_LOG", "TRACE")
		t.Setenv("TF_ACC_LOG_PATH", logPath)
		const password = "pw-never-logged-7f3a9c"
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: m.Config(`
variable "registry_token" {
  type      = string
  sensitive = true
}

resource "runpod_container_registry_auth" "ghcr" {
  name     = "ghcr"
  username = "octocat"
  password = var.registry_token
}
`),
				ConfigVariables: config.Variables{"registry_token": config.StringVariable(password)},
				Check:           expectLastCreateBody(m, `{"name":"ghcr","username":"octocat","password":"`+password+`"}`),
			}},
		})
		logs, err := os.ReadFile(logPath)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(logs), `operation="create container registry auth"`) {
			t.Fatal("the log holds no provider request: the check below would prove nothing")
		}
		for i, line := range strings.Split(string(logs), "\n") {
			if strings.Contains(line, password) {
				t.Errorf("the password appears in line %d of the TRACE log: %.300s", i+1, line)
			}
		}
	})
}

// REST v2 refuses to delete a credential while a pod pulls its image with it: the error names
// the pod, and the credential stays in state until the pod is gone. (The mock's REST v1 has
// no such check and deletes it, leaving the pod with a dangling reference; whether the live
// v1 API refuses is not known.) The credential and the pod are made outside Terraform first,
// so that the expected error can name both; Terraform imports the credential.
func TestAccContainerRegistryAuth_inUseByAPodIsNotDeletedAndSaysWhich(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		id := createOutside(t, m, "ghcr")
		podID := m.Create(t, "/pods", fmt.Sprintf(`{"name":"trainer","imageName":"ghcr.io/octocat/private:1","containerRegistryAuthId":%q}`, id))
		config := m.Config(authConfig("ghcr", "octocat", "token-1") + fmt.Sprintf(`
import {
  to = runpod_container_registry_auth.ghcr
  id = %q
}
`, id))
		steps := []resource.TestStep{{Config: config}}
		if b == runpodapi.BackendV2 {
			steps = append(steps,
				resource.TestStep{
					Config:  config,
					Destroy: true,
					ExpectError: acctest.ErrorText("Failed to delete container registry auth "+id,
						"While attempting to delete container registry auth "+id+", RunPod refused.",
						"It is in use by pod "+podID+" (trainer), and RunPod does not delete a container registry auth that a pod uses to pull its image",
						"RunPod API returned 400 Bad Request", "is in use by pod "+podID),
				},
				resource.TestStep{
					PreConfig: func() {
						if status, body := m.Do(t, http.MethodDelete, "/pods/"+podID, ""); status != http.StatusNoContent {
							t.Fatalf("deleting the pod: %d %s", status, body)
						}
					},
					Config: config,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectEmptyPlan(), // the refused delete left the credential in state
					}},
				})
		} else {
			steps = append(steps, resource.TestStep{Config: config, Destroy: true, Check: m.ExpectCount("/containerregistryauth", 0)})
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps:                    steps,
			CheckDestroy:             m.ExpectCount("/containerregistryauth", 0),
		})
		want := 1
		if b == runpodapi.BackendV2 {
			want = 2 // the refused one, and the one once the pod was gone
		}
		if got := m.CallCount(routeDelete(b)); got != want {
			t.Errorf("DELETE calls: %d, want %d", got, want)
		}
	})
}
