package yottaendpoint_test

import (
	"fmt"
	"regexp"
	"strings"
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
	typeName    = "yotta_serverless_endpoint"
	addr        = "yotta_serverless_endpoint.test"
	routeCreate = "POST /v2/serverless"
	routeGet    = "GET /v2/serverless/{id}"
	routePatch  = "PATCH /v2/serverless/{id}"
	routeScale  = "PUT /v2/serverless/{id}/workers"
	routeStop   = "POST /v2/serverless/{id}/stop"
	routeStart  = "POST /v2/serverless/{id}/start"
	routeDelete = "DELETE /v2/serverless/{id}"
)

// endpoint is a yotta_serverless_endpoint block with the given lines added to the base ones
// (a line "key = value" replaces the base line of the same key).
func endpoint(m *yottaacctest.Mock, lines ...string) string {
	base := []string{
		`name = "llm"`, `image = "vllm/vllm-openai:v0.6"`, `service_mode = "ALB"`, `workers = 2`, `container_volume_in_gb = 40`,
		`resources = [{ region = "us-east-1", gpu_type = "NVIDIA_RTX_4090_24G", gpu_count = 1 }, { region = "us-west-1", gpu_type = "NVIDIA_RTX_4090_24G", gpu_count = 1 }]`,
		`expose = { port = 8000, protocol = "HTTP" }`,
	}
	for _, l := range lines {
		key := strings.TrimSpace(strings.SplitN(l, "=", 2)[0])
		replaced := false
		for i, b := range base {
			if strings.TrimSpace(strings.SplitN(b, "=", 2)[0]) == key {
				base[i], replaced = l, true
			}
		}
		if !replaced {
			base = append(base, l)
		}
	}
	return m.Config("resource \"yotta_serverless_endpoint\" \"test\" {\n  " + strings.Join(base, "\n  ") + "\n}\n")
}

func expect(name string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New(name), v)
}

// calls checks the routes of every call since the call log was last reset, in order.
func calls(m *yottaacctest.Mock, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := m.Routes(); fmt.Sprint(got) != fmt.Sprint(want) {
			return fmt.Errorf("calls %v, want %v", got, want)
		}
		return nil
	}
}

// TestAccEndpoint_lifecycle: create (waits for RUNNING with the workers; its calls counted),
// rename and webhook in place without a restart, an environment change in place with the
// restart warned at plan, scaling through the workers route, stop and start, import, drift
// (scaled outside), replacement on a new image, destroy.
func TestAccEndpoint_lifecycle(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	warnings := yottaacctest.NewWarnings()
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: warnings.ProviderFactories(),
		CheckDestroy:             m.ExpectCount("/v2/serverless", 0),
		Steps: []resource.TestStep{
			{
				PreConfig: func() { m.ResetCalls() },
				Config:    endpoint(m, `environment_vars = { HF_TOKEN = "hf_secret", MODEL = "llama" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectSensitiveValue(addr, tfjsonpath.New("environment_vars")),
				}},
				Check: resource.ComposeTestCheckFunc(yottaacctest.CaptureID(addr, &id),
					// Two calls: the create, then one read that finds it RUNNING with its workers.
					calls(m, routeCreate, routeGet),
					func(*terraform.State) error {
						want := `{"name":"llm","resources":[{"region":"us-east-1","gpuType":"NVIDIA_RTX_4090_24G","gpuCount":1},` +
							`{"region":"us-west-1","gpuType":"NVIDIA_RTX_4090_24G","gpuCount":1}],"workers":2,"containerVolumeInGb":40,` +
							`"environmentVars":[{"key":"HF_TOKEN","value":"hf_secret"},{"key":"MODEL","value":"llama"}],` +
							`"expose":{"port":8000,"protocol":"HTTP"},"image":"vllm/vllm-openai:v0.6","serviceMode":"ALB"}`
						if got := m.Bodies(routeCreate); len(got) != 1 || got[0] != want {
							return fmt.Errorf("create body %v, want %s", got, want)
						}
						return nil
					}),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("id", knownvalue.StringRegexp(regexp.MustCompile(`^\d{18}$`))),
					expect("status", knownvalue.StringExact("RUNNING")),
					expect("running_workers", knownvalue.Int64Exact(2)),
					expect("total_workers", knownvalue.Int64Exact(2)),
					expect("desired_status", knownvalue.StringExact("RUNNING")),
					expect("domain", knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]+\.yottadeos\.mock\.invalid$`))),
					expect("price_per_hour", knownvalue.Float64Exact(0.9)),
					expect("price_per_second", knownvalue.Float64Exact(0.00025)),
				},
			},
			{
				// Name and webhook: a PATCH resending every setting; no restart, no warning.
				PreConfig: func() { m.ResetCalls(); warnings.Reset() },
				Config:    endpoint(m, `name = "llm-v2"`, `webhook = "https://hooks.example.com/yotta"`, `environment_vars = { HF_TOKEN = "hf_secret", MODEL = "llama" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate), warnings.ExpectNoWarning(typeName),
				}},
				Check: resource.ComposeTestCheckFunc(resource.TestCheckResourceAttrPtr(addr, "id", &id), m.ExpectWrites(routePatch)),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("webhook", knownvalue.StringExact("https://hooks.example.com/yotta")),
				},
			},
			{
				// The environment: a PATCH that restarts the workers, said at plan.
				PreConfig: func() { m.ResetCalls(); warnings.Reset() },
				Config:    endpoint(m, `name = "llm-v2"`, `webhook = "https://hooks.example.com/yotta"`, `environment_vars = { HF_TOKEN = "hf_secret", MODEL = "mistral" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(addr, tfjsonpath.New("running_workers")),
					warnings.ExpectWarning(typeName, yottaacctest.ErrorText("Endpoint llm-v2 will restart its workers: "+
						"Changing environment_vars updates endpoint llm-v2 (", "with Yotta's PATCH, which restarts every worker")),
				}},
				Check: m.ExpectWrites(routePatch),
			},
			{
				// Workers alone: the workers route, no PATCH, no warning.
				PreConfig:        func() { m.ResetCalls(); warnings.Reset() },
				Config:           endpoint(m, `name = "llm-v2"`, `webhook = "https://hooks.example.com/yotta"`, `environment_vars = { HF_TOKEN = "hf_secret", MODEL = "mistral" }`, `workers = 4`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{warnings.ExpectNoWarning(typeName)}},
				Check: resource.ComposeTestCheckFunc(m.ExpectWrites(routeScale), func(*terraform.State) error {
					for _, c := range m.Calls() {
						if c.Route == routeScale && c.Query != "count=4" {
							return fmt.Errorf("scale query %q, want count=4", c.Query)
						}
					}
					return nil
				}),
				ConfigStateChecks: []statecheck.StateCheck{expect("running_workers", knownvalue.Int64Exact(4))},
			},
			{
				PreConfig: func() { m.ResetCalls() },
				Config:    endpoint(m, `name = "llm-v2"`, `webhook = "https://hooks.example.com/yotta"`, `environment_vars = { HF_TOKEN = "hf_secret", MODEL = "mistral" }`, `workers = 4`, `desired_status = "STOPPED"`),
				Check:     m.ExpectWrites(routeStop),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("status", knownvalue.StringExact("STOPPED")), expect("running_workers", knownvalue.Int64Exact(0)),
				},
			},
			{
				PreConfig: func() { m.ResetCalls() },
				Config:    endpoint(m, `name = "llm-v2"`, `webhook = "https://hooks.example.com/yotta"`, `environment_vars = { HF_TOKEN = "hf_secret", MODEL = "mistral" }`, `workers = 4`),
				Check:     m.ExpectWrites(routeStart),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("status", knownvalue.StringExact("RUNNING")), expect("running_workers", knownvalue.Int64Exact(4)),
				},
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				// Scaled outside Terraform: scaled back.
				PreConfig: func() { m.Do(t, "PUT", "/v2/serverless/"+id+"/workers?count=1", ""); m.ResetCalls() },
				Config:    endpoint(m, `name = "llm-v2"`, `webhook = "https://hooks.example.com/yotta"`, `environment_vars = { HF_TOKEN = "hf_secret", MODEL = "mistral" }`, `workers = 4`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: m.ExpectWrites(routeScale),
			},
			{
				PreConfig: func() { m.ResetCalls() },
				Config:    endpoint(m, `name = "llm-v2"`, `image = "vllm/vllm-openai:v0.7"`, `workers = 1`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: m.ExpectWrites(routeDelete, routeCreate),
			},
		},
	})
}

// TestAccEndpoint_failedFailsFastWithYottasReason: an endpoint Yotta reports FAILED fails the
// apply at once, with Yotta's reason, and stays in the state tainted.
func TestAccEndpoint_failedFailsFastWithYottasReason(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t, yottaacctest.WithBootDelay(500_000_000))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: yottaacctest.ProtoV6ProviderFactories,
		CheckDestroy:             m.ExpectCount("/v2/serverless", 0),
		Steps: []resource.TestStep{{
			Config:      endpoint(m, `image = "acme/broken:mock-fail"`, `service_mode = "CUSTOM"`, `expose = null`),
			ExpectError: regexp.MustCompile(`(?s)Serverless endpoint created but not ready.*Yotta reports the endpoint FAILED:\s+failed\s+to\s+pull\s+image\s+acme/broken:mock-fail`),
		}},
	})
}

// TestAccEndpoint_lostCreateAnswerIsAdoptedWithAWarning: the create acts in Yotta, then the
// connection drops before the answer; the provider adopts the endpoint it made, warning so.
func TestAccEndpoint_lostCreateAnswerIsAdoptedWithAWarning(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	yottaacctest.ExpectLostCreateAdopted(t, m, yottaacctest.LostCreate{
		Config: endpoint(m), Address: addr, CreateRoute: routeCreate, ListPath: "/v2/serverless",
		Kind: "serverless endpoint", Cause: "create serverless endpoint llm: no answer from Yotta",
	})
}

// TestAccEndpoint_createdStopped: desired_status = "STOPPED" at create waits for the workers to
// run, then stops the endpoint (Yotta's stop route) and waits for STOPPED; the endpoint then
// runs no worker.
func TestAccEndpoint_createdStopped(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: yottaacctest.ProtoV6ProviderFactories,
		CheckDestroy:             m.ExpectCount("/v2/serverless", 0),
		Steps: []resource.TestStep{{
			Config: endpoint(m, `service_mode = "QUEUE"`, `desired_status = "STOPPED"`),
			Check:  m.ExpectWrites(routeCreate, routeStop),
			ConfigStateChecks: []statecheck.StateCheck{
				expect("status", knownvalue.StringExact("STOPPED")), expect("running_workers", knownvalue.Int64Exact(0)),
				expect("desired_status", knownvalue.StringExact("STOPPED")),
			},
		}},
	})
}
