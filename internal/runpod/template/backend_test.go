package template_test

// Acceptance tests of what only one of RunPod's APIs can express for templates: refused at
// plan time on the other, before any call.

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// writes returns the calls the mock saw that change something.
func writes(m *acctest.Mock) []string {
	var out []string
	for _, c := range m.Calls() {
		if c.Method != "GET" {
			out = append(out, fmt.Sprintf("%s %d", c.Route, c.Status))
		}
	}
	return out
}

// TestAccTemplate_settingsOfOneAPIRefusedAtPlanTime: REST v2 has no readme and no entrypoint
// override, REST v1 no SSH or Jupyter start; an empty readme or entrypoint, or false, asks for
// nothing and passes. Refused on create and on update, with no call that changes anything.
func TestAccTemplate_settingsOfOneAPIRefusedAtPlanTime(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		hcl := func(body string) string {
			return m.Config(`
resource "runpod_template" "worker" {
  name       = "worker"
  image_name = "example/app:1.0"
  ` + body + `
}
`)
		}
		refused := []struct{ body, err string }{
			{`readme = "# hi"`, `RunPod's REST v2 (api_version = "v2", the default) has no template readme. Remove readme (or set it to ""), ` +
				`or use REST v1 (api_version = "v1") while RunPod still serves it.`},
			{`docker_entrypoint = ["bash", "-c"]`, `RunPod's REST v2 (api_version = "v2", the default) has no entrypoint override. ` +
				`Remove docker_entrypoint and put the command in docker_start_cmd`},
			{"volume_in_gb = 0\n  volume_mount_path = \"/data\"", `volume_mount_path is set, and the template has no volume (volume_in_gb is 0): ` +
				`RunPod's REST v2 (api_version = "v2", the default) keeps a mount path only with a volume.`},
		}
		accepted := []string{`readme = ""`, `docker_entrypoint = []`, `start_ssh = true`}
		summary := `Not supported by RunPod's REST v2`
		if b == runpodapi.BackendV1 {
			refused = []struct{ body, err string }{
				{`start_ssh = true`, `start_ssh = true is a setting of RunPod's REST v2, and this provider uses REST v1 (api_version = "v1"), ` +
					`whose templates start neither SSH nor Jupyter. Remove start_ssh (or set it to false), or use REST v2 (api_version = "v2", the default).`},
				{`start_jupyter = true`, `start_jupyter = true is a setting of RunPod's REST v2`},
			}
			accepted = []string{`start_ssh = false`, `readme = "# hi"`, `docker_entrypoint = ["bash", "-c"]`}
			summary = `Not supported by RunPod's REST v1`
		}
		// The refusals of a new template: one catalog, at most two plans.
		var refusals []acctest.Refusal
		for _, r := range refused {
			s := summary
			if r.body == refused[len(refused)-1].body && b == runpodapi.BackendV2 {
				s = `No volume to mount on RunPod's REST v2`
			}
			refusals = append(refusals, acctest.Refusal{Name: r.body, Type: "runpod_template",
				Body: "name = \"worker\"\nimage_name = \"example/app:1.0\"\n" + r.body, Want: []string{s, r.err}})
		}
		m.PlanRefusals(t, "", refusals)
		var steps []resource.TestStep
		for _, body := range accepted {
			steps = append(steps, resource.TestStep{Config: hcl(body), PlanOnly: true, ExpectNonEmptyPlan: true})
		}
		resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: steps})
		m.ExpectNoCalls(t)

		// On an existing template too: the plan fails, nothing changes.
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             checkDestroyed(m),
			Steps: []resource.TestStep{
				{Config: hcl("")},
				{
					PreConfig:   func() { m.ResetCalls() },
					Config:      hcl(refused[0].body),
					ExpectError: acctest.ErrorText(summary, refused[0].err),
				},
				{
					Config:   hcl(""),
					PlanOnly: true,
					Check: func(*terraform.State) error {
						if got := writes(m); len(got) != 0 {
							return fmt.Errorf("the refused plans must change nothing; calls: %v", got)
						}
						return nil
					},
				},
			},
		})
	})
}

// TestAccTemplate_startSSHAndJupyter: REST v2 would start SSH and Jupyter in containers made
// from a template unless told not to; the provider sends false unless asked, as templates
// behaved on REST v1, and removing a true one turns it off. An import does not manage them.
func TestAccTemplate_startSSHAndJupyter(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		config := func(body string) string {
			return m.Config(`
resource "runpod_template" "worker" {
  name       = "worker"
  image_name = "example/app:1.0"
  ` + body + `
}
`)
		}
		if b == runpodapi.BackendV1 {
			// REST v1 templates have neither setting: false asks for nothing, is not sent, and
			// stays as configured (true is refused: TestAccTemplate_settingsOfOneAPIRefusedAtPlanTime).
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				CheckDestroy:             checkDestroyed(m),
				Steps: []resource.TestStep{{
					Config: config("start_ssh = false\n  start_jupyter = false"),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("start_ssh"), knownvalue.Bool(false)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("start_jupyter"), knownvalue.Bool(false)),
					},
					Check: func(*terraform.State) error {
						bodies := m.JSONBodies(t, "POST /templates")
						if len(bodies) != 1 || bodies[0]["startSsh"] != nil || bodies[0]["startJupyter"] != nil {
							return fmt.Errorf("expected one create without startSsh, got %v", bodies)
						}
						return nil
					},
				}},
			})
			return
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             checkDestroyed(m),
			Steps: []resource.TestStep{
				{
					Config: config(""),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("start_ssh"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("start_jupyter"), knownvalue.Null()),
					},
					Check: func(*terraform.State) error {
						bodies := m.JSONBodies(t, "POST /v2/templates")
						if len(bodies) != 1 || bodies[0]["startSsh"] != false || bodies[0]["startJupyter"] != false {
							return fmt.Errorf("expected one create with startSsh and startJupyter false, got %v", bodies)
						}
						return nil
					},
				},
				{
					PreConfig: func() { m.ResetCalls() },
					Config:    config("start_jupyter = true"),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("start_jupyter"), knownvalue.Bool(true)),
					},
					Check: expectPatch(t, m, b, map[string]any{"startJupyter": true}),
				},
				{
					PreConfig: func() { m.ResetCalls() },
					Config:    config(""),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("start_jupyter"), knownvalue.Null()),
					},
					Check: expectPatch(t, m, b, map[string]any{"startJupyter": false}),
				},
				{
					PreConfig: func() { m.ResetCalls() },
					Config:    config("start_ssh = true"),
					Check:     expectPatch(t, m, b, map[string]any{"startSsh": true}),
				},
				{ResourceName: addr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"start_ssh"}},
			},
		})
	})
}

// TestAccTemplate_deleteWhileAPodUsesIt: REST v2 refuses to delete a template a pod was
// created from, and its message names the pod; REST v1 never checked pods.
func TestAccTemplate_deleteWhileAPodUsesIt(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		var templateID, podID string
		template := m.Config(`
resource "runpod_template" "worker" {
  name       = "notebook"
  image_name = "example/app:1.0"
}
`)
		removed := m.Config(`# the template is removed from the configuration`)
		deletePod := func() {
			if s, body := m.Do(t, "DELETE", "/pods/"+podID, ""); s != 204 {
				t.Fatalf("delete pod: %d %s", s, body)
			}
		}
		steps := []resource.TestStep{
			{Config: template, Check: acctest.CaptureID(addr, &templateID)},
		}
		createPod := func() {
			podID = m.Create(t, "/pods", `{"templateId":"`+templateID+`","gpuTypeIds":["NVIDIA GeForce RTX 4090"]}`)
		}
		if b == runpodapi.BackendV2 {
			steps = append(steps,
				resource.TestStep{
					PreConfig: createPod,
					Config:    removed,
					ExpectError: acctest.ErrorText(`Failed to delete template`, `is in use by pod`,
						`RunPod refuses to delete a template that an endpoint (or, on REST v2, a pod) uses; RunPod's message above names it.`),
				},
				resource.TestStep{PreConfig: deletePod, Config: removed},
			)
		} else {
			steps = append(steps, resource.TestStep{
				PreConfig: createPod,
				Config:    removed,
				Check:     func(*terraform.State) error { deletePod(); return nil },
			})
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             checkDestroyed(m),
			Steps:                    steps,
		})
	})
}
