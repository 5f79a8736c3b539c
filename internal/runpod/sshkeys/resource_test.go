package sshkeys_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/sshkeys"
)

const address = "runpod_ssh_keys.account"

const routePut = "PUT /v2/account/ssh-keys"

func keysConfig(clearOnDestroy bool, keys ...string) string {
	quoted, _ := json.Marshal(keys)
	return fmt.Sprintf(`
resource "runpod_ssh_keys" "account" {
  keys             = %s
  clear_on_destroy = %t
}
`, quoted, clearOnDestroy)
}

// accountKeys reads the account's keys from the mock, as RunPod holds them.
func accountKeys(t *testing.T, m *acctest.Mock) []string {
	t.Helper()
	status, body := m.DoV2(t, "GET", "/v2/account/ssh-keys", "")
	var out struct{ Keys []string }
	if err := json.Unmarshal([]byte(body), &out); err != nil || status != 200 {
		t.Fatalf("GET /v2/account/ssh-keys: %d %s", status, body)
	}
	slices.Sort(out.Keys)
	return out.Keys
}

func expectAccountKeys(t *testing.T, m *acctest.Mock, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		want = slices.Sorted(slices.Values(want))
		if got := accountKeys(t, m); !slices.Equal(got, want) {
			return fmt.Errorf("the account's keys are %q, want %q", got, want)
		}
		return nil
	}
}

func setOutside(t *testing.T, m *acctest.Mock, keys ...string) {
	t.Helper()
	body, _ := json.Marshal(map[string][]string{"keys": keys})
	if status, out := m.DoV2(t, "PUT", "/v2/account/ssh-keys", string(body)); status != 200 {
		t.Fatalf("PUT /v2/account/ssh-keys: %d %s", status, out)
	}
}

func keysAre(keys ...string) statecheck.StateCheck {
	values := make([]knownvalue.Check, len(keys))
	for i, k := range keys {
		values[i] = knownvalue.StringExact(k)
	}
	return statecheck.ExpectKnownValue(address, tfjsonpath.New("keys"), knownvalue.SetExact(values))
}

// expectDrift checks that the plan reports the keys as changed outside Terraform, from
// before to after.
func expectDrift(before, after []string) plancheck.PlanCheck {
	return acctest.PlanCheckFunc(func(req plancheck.CheckPlanRequest) error {
		for _, d := range req.Plan.ResourceDrift {
			if d.Address != address {
				continue
			}
			was, _ := d.Change.Before.(map[string]any)["keys"].([]any)
			now, _ := d.Change.After.(map[string]any)["keys"].([]any)
			if !sameStrings(was, before) || !sameStrings(now, after) {
				return fmt.Errorf("drift of keys from %v to %v, want from %q to %q", was, now, before, after)
			}
			return nil
		}
		return fmt.Errorf("the plan reports no drift of %s", address)
	})
}

func sameStrings(got []any, want []string) bool {
	var s []string
	for _, v := range got {
		s = append(s, v.(string))
	}
	slices.Sort(s)
	return slices.Equal(s, slices.Sorted(slices.Values(want)))
}

// The whole life of the account's keys: a create that replaces the keys the account had (and
// warns), drift both ways, import, a destroy that leaves the keys and one that empties the set.
func TestAccSSHKeys_replaceDriftImportDestroy(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		one, two, outside := sshkeys.PublicKey("one@laptop"), sshkeys.PublicKey("two@ci"), sshkeys.PublicKey("added@console")
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: m.Config(keysConfig(false, one, two)),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(address, plancheck.ResourceActionCreate),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						keysAre(one, two),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("id"), knownvalue.StringExact("account")),
					},
					Check: resource.ComposeTestCheckFunc(expectAccountKeys(t, m, one, two), m.ExpectCalls(map[string]int{routePut: 1})),
				},
				{
					// A key added and one removed outside Terraform: the plan shows both as drift and
					// the apply restores the configured set.
					PreConfig: func() { setOutside(t, m, one, outside) },
					Config:    m.Config(keysConfig(false, one, two)),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						expectDrift([]string{one, two}, []string{one, outside}),
						plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
					}},
					ConfigStateChecks: []statecheck.StateCheck{keysAre(one, two)},
					// The PreConfig's PUT is logged too: the apply made one.
					Check: resource.ComposeTestCheckFunc(expectAccountKeys(t, m, one, two), m.ExpectCalls(map[string]int{routePut: 3})),
				},
				{
					ResourceName:      address,
					ImportState:       true,
					ImportStateId:     "account",
					ImportStateVerify: true,
				},
				{
					// Removed from the configuration with clear_on_destroy = false: the keys stay.
					Config: m.ProviderConfig(),
					Check:  resource.ComposeTestCheckFunc(expectAccountKeys(t, m, one, two), m.ExpectCalls(map[string]int{routePut: 3})),
				},
				{
					Config:            m.Config(keysConfig(true, one)),
					ConfigStateChecks: []statecheck.StateCheck{keysAre(one)},
					Check:             expectAccountKeys(t, m, one),
				},
			},
			// clear_on_destroy = true: destroying empties the set.
			CheckDestroy: expectAccountKeys(t, m),
		})
	})
}

// Creating the resource names, at plan, the keys the account has that it removes.
func TestAccSSHKeys_createWarnsOfTheKeysItRemoves(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		kept, dropped := sshkeys.PublicKey("kept@laptop"), sshkeys.PublicKey("old@laptop")
		setOutside(t, m, kept, dropped)
		warnings := acctest.NewPlanWarnings()
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: warnings.ProviderFactories(),
			Steps: []resource.TestStep{{
				PreConfig: warnings.Reset,
				Config:    m.Config(keysConfig(false, kept)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					warnings.ExpectWarning("runpod_ssh_keys", acctest.ErrorText("Creating runpod_ssh_keys removes SSH keys from the account",
						"The account has 1 SSH key(s) that keys does not list", dropped)),
				}},
				Check: expectAccountKeys(t, m, kept),
			}},
		})
	})
}

// Refused at plan: keys that are not authorized_keys lines, a second runpod_ssh_keys planning
// other keys, and the resource on REST v1.
func TestAccSSHKeys_refusedAtPlan(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		key := sshkeys.PublicKey("me@laptop")
		if b == runpodapi.BackendV1 {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      m.Config(keysConfig(false, key)),
					PlanOnly:    true,
					ExpectError: acctest.ErrorText("Not supported by RunPod's REST v1", "runpod_ssh_keys", `api_version = "v2"`),
				}},
			})
			m.ExpectNoCalls(t)
			return
		}
		m.PlanRefusals(t, "", []acctest.Refusal{
			{Name: "a private key", Type: "runpod_ssh_keys", Body: `keys = ["-----BEGIN OPENSSH PRIVATE KEY-----"]`,
				Want: []string{"Not an SSH public key", "keys holds", "not with a key type"}},
			{Name: "a file's final newline", Type: "runpod_ssh_keys", Body: fmt.Sprintf(`keys = [%q]`, key+"\n"),
				Want: []string{"Not an SSH public key", "keys holds", "trimspace"}},
			{Name: "options before the type", Type: "runpod_ssh_keys", Body: fmt.Sprintf(`keys = [%q]`, `from="10.0.0.1" `+key),
				Want: []string{"Not an SSH public key", "keys holds", "no options before the type"}},
			{Name: "key data of another type", Type: "runpod_ssh_keys", Body: fmt.Sprintf(`keys = [%q]`, "ssh-rsa"+strings.TrimPrefix(key, "ssh-ed25519")),
				Want: []string{"Not an SSH public key", "keys holds", "not a ssh-rsa key"}},
		})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: m.Config(keysConfig(false, key) + fmt.Sprintf(`
resource "runpod_ssh_keys" "second" {
  keys = [%q]
}
`, sshkeys.PublicKey("other@ci"))),
				PlanOnly:    true,
				ExpectError: acctest.ErrorText("Two runpod_ssh_keys in one configuration", "Declare the account's keys in one runpod_ssh_keys"),
			}},
		})
		m.ExpectNoWrites(t)
	})
}
