package yottaregistryauth_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaacctest"
)

const (
	addr        = "yotta_container_registry_auth.test"
	routeCreate = "POST /v2/container-registry-auths"
	routePatch  = "PATCH /v2/container-registry-auths/{id}"
	routeDelete = "DELETE /v2/container-registry-auths/{id}"
)

func config(m *yottaacctest.Mock, name, typ, username, password string) string {
	return m.Config(fmt.Sprintf(`
resource "yotta_container_registry_auth" "test" {
  name     = %q
  type     = %q
  username = %q
  password = %q
}
`, name, typ, username, password))
}

func bodies(t *testing.T, m *yottaacctest.Mock, route string, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		var got []string
		for _, c := range m.Calls() {
			if c.Route == route {
				got = append(got, c.Body)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			return fmt.Errorf("%s bodies %q, want %q", route, got, want)
		}
		return nil
	}
}

// TestAccRegistryAuth_lifecycle: create; name, username and password change in place with a
// PATCH of only what changed (the same id); type replaces; import reads id, name and type;
// a credential deleted outside Terraform is created again, one renamed outside is renamed back.
func TestAccRegistryAuth_lifecycle(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	var id, id2 string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: yottaacctest.ProtoV6ProviderFactories,
		CheckDestroy:             m.ExpectCount("/v2/container-registry-auths", 0),
		Steps: []resource.TestStep{
			{
				Config: config(m, "ghcr", "PRIVATE", "bot", "s3cret"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectSensitiveValue(addr, tfjsonpath.New("password")),
				}},
				Check: resource.ComposeTestCheckFunc(yottaacctest.CaptureID(addr, &id),
					bodies(t, m, routeCreate, `{"name":"ghcr","type":"PRIVATE","username":"bot","password":"s3cret"}`)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{18}$`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT`))),
				},
			},
			{
				PreConfig: func() { m.ResetCalls() },
				Config:    config(m, "ghcr-bot", "PRIVATE", "bot", "n3w"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeTestCheckFunc(resource.TestCheckResourceAttrPtr(addr, "id", &id),
					bodies(t, m, routePatch, `{"name":"ghcr-bot","password":"n3w"}`)),
			},
			{
				ResourceName:            addr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"username", "password"},
			},
			{
				PreConfig: func() { m.Do(t, "PATCH", "/v2/container-registry-auths/"+id, `{"name":"renamed"}`); m.ResetCalls() },
				Config:    config(m, "ghcr-bot", "PRIVATE", "bot", "n3w"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: bodies(t, m, routePatch, `{"name":"ghcr-bot"}`),
			},
			{
				PreConfig: func() { m.ResetCalls() },
				Config:    config(m, "ghcr-bot", "GCR", "bot", "n3w"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: resource.ComposeTestCheckFunc(yottaacctest.CaptureID(addr, &id2), m.ExpectWrites(routeDelete, routeCreate)),
			},
			{
				PreConfig: func() { m.Do(t, "DELETE", "/v2/container-registry-auths/"+id2, "") },
				Config:    config(m, "ghcr-bot", "GCR", "bot", "n3w"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

// TestAccRegistryAuth_inUse: Yotta refuses (HTTP 409) to delete a credential a pod pulls
// with, and the error names the pod; once the pod is gone the delete succeeds. In one
// configuration, Terraform deletes the pod first. An import sets username and password from
// the configuration with one PATCH.
func TestAccRegistryAuth_inUse(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	var id, podID string
	both := config(m, "hub", "DOCKER_HUB", "u", "p") + `
resource "yotta_pod" "user" {
  name                       = "user"
  image                      = "acme/private:1"
  image_public_type          = "PRIVATE"
  container_registry_auth_id = yotta_container_registry_auth.test.id
  gpu_type                   = "NVIDIA_RTX_4090_24G"
  gpu_count                  = 1
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: yottaacctest.ProtoV6ProviderFactories,
		CheckDestroy:             m.ExpectCount("/v2/container-registry-auths", 0),
		Steps: []resource.TestStep{
			{
				Config: config(m, "hub", "DOCKER_HUB", "u", "p"),
				Check:  yottaacctest.CaptureID(addr, &id),
			},
			{
				PreConfig: func() {
					podID = m.Create(t, "/v2/pods", `{"name":"outsider","image":"acme/private:1","gpuType":"NVIDIA_RTX_4090_24G",`+
						`"gpuCount":1,"containerRegistryAuthId":`+id+`}`)
				},
				Config:      m.ProviderConfig(),
				ExpectError: regexp.MustCompile(`(?s)Container registry auth in use.*Yotta says: Credential \[hub\] is in use by\s+pod \d{18} \(outsider\)`),
			},
			{
				// The credential the refused delete kept, now with a pod of this configuration
				// pulling with it; the outsider is gone.
				PreConfig: func() { m.Do(t, "DELETE", "/v2/pods/"+podID, "") },
				Config:    both,
				Check:     resource.TestCheckResourceAttrPtr(addr, "id", &id),
			},
			{
				// Pod and credential in one configuration: the pod is deleted first, and once it
				// is gone the credential's delete succeeds.
				PreConfig:          func() { m.ResetCalls() },
				Config:             m.ProviderConfig(),
				Check:              m.ExpectWrites("DELETE /v2/pods/{id}", routeDelete),
				ExpectNonEmptyPlan: false,
			},
			{
				PreConfig: func() {
					id = m.Create(t, "/v2/container-registry-auths", `{"name":"imported","type":"ECR","username":"old","password":"old"}`)
				},
				Config:             config(m, "imported", "ECR", "aws", "token"),
				ResourceName:       addr,
				ImportState:        true,
				ImportStateIdFunc:  func(*terraform.State) (string, error) { return id, nil },
				ImportStatePersist: true,
			},
			{
				PreConfig: func() { m.ResetCalls() },
				Config:    config(m, "imported", "ECR", "aws", "token"),
				Check:     bodies(t, m, routePatch, `{"username":"aws","password":"token"}`),
			},
		},
	})
}
