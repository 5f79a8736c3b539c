package template_test

import (
	"fmt"
	"maps"
	"regexp"
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
)

const addr = "runpod_template.worker"

// patchRoute is the call-log route of a template PATCH on backend b.
func patchRoute(b runpodapi.Backend) string {
	if b == runpodapi.BackendV1 {
		return "PATCH /templates/{templateId}"
	}
	return "PATCH /v2/templates/{id}"
}

// expectPatch checks that the last apply sent one template PATCH, with want's fields.
func expectPatch(t *testing.T, m *acctest.Mock, b runpodapi.Backend, want map[string]any) resource.TestCheckFunc {
	return func(*terraform.State) error {
		bodies := m.JSONBodies(t, patchRoute(b))
		if len(bodies) != 1 || !maps.EqualFunc(bodies[0], want, func(a, b any) bool { return fmt.Sprint(a) == fmt.Sprint(b) }) {
			return fmt.Errorf("expected one %s with %v, got %v", patchRoute(b), want, bodies)
		}
		return nil
	}
}

// checkDestroyed checks that none of the account's templates is left.
func checkDestroyed(m *acctest.Mock) resource.TestCheckFunc {
	return m.ExpectCount("/templates?includeEndpointBoundTemplates=true", 0)
}

func TestAccTemplate_fullCreateAndImport(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		// readme and docker_entrypoint are REST v1's only, start_ssh and start_jupyter REST v2's.
		perBackend := map[runpodapi.Backend]string{
			runpodapi.BackendV1: `
  docker_entrypoint    = ["bash", "-c"]
  readme               = "# Notebook"`,
			runpodapi.BackendV2: `
  start_ssh            = true
  start_jupyter        = false`,
		}[b]
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             checkDestroyed(m),
			Steps: []resource.TestStep{
				{
					Config: m.Config(`
resource "runpod_template" "worker" {
  name                 = "notebook"
  image_name           = "runpod/pytorch:2.4.0"
  category             = "NVIDIA"
  is_public            = true
  container_disk_in_gb = 20
  volume_in_gb         = 10
  volume_mount_path    = "/data"
  ports                = ["8888/http", "22/tcp"]
  env                  = { JUPYTER_PASSWORD = "s3cr3t", MODE = "dev" }
  docker_start_cmd     = ["jupyter lab --allow-root"]` + perBackend + `
}
`),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
						plancheck.ExpectSensitiveValue(addr, tfjsonpath.New("env")),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[a-z0-9]{10}$`))),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("is_serverless"), knownvalue.Bool(false)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("is_public"), knownvalue.Bool(true)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("container_disk_in_gb"), knownvalue.Int64Exact(20)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("volume_in_gb"), knownvalue.Int64Exact(10)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("volume_mount_path"), knownvalue.StringExact("/data")),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("env"), knownvalue.MapExact(map[string]knownvalue.Check{
							"JUPYTER_PASSWORD": knownvalue.StringExact("s3cr3t"), "MODE": knownvalue.StringExact("dev"),
						})),
						statecheck.ExpectSensitiveValue(addr, tfjsonpath.New("env")),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("docker_start_cmd"), knownvalue.ListExact([]knownvalue.Check{
							knownvalue.StringExact("jupyter lab --allow-root"),
						})),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("container_registry_auth_id"), knownvalue.Null()),
					},
					Check: func(*terraform.State) error {
						if b == runpodapi.BackendV1 {
							return nil
						}
						bodies := m.JSONBodies(t, "POST /v2/templates")
						if len(bodies) != 1 || bodies[0]["startSsh"] != true || bodies[0]["startJupyter"] != false ||
							bodies[0]["args"] != "'jupyter lab --allow-root'" || fmt.Sprint(bodies[0]["mounts"]) != "map[persistent:map[path:/data size:10]]" {
							return fmt.Errorf("expected one POST /v2/templates with startSsh, startJupyter, args and mounts, got %v", bodies)
						}
						return nil
					},
				},
				{
					ResourceName:      addr,
					ImportState:       true,
					ImportStateVerify: true,
					// An import knows no configuration: REST v2's start flags are not managed then.
					ImportStateVerifyIgnore: []string{"start_ssh", "start_jupyter"},
				},
			},
		})
	})
}

func TestAccTemplate_defaultsAreReadBackAndImportPlansNothing(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		config := m.Config(`
resource "runpod_template" "worker" {
  name       = "minimal"
  image_name = "example/app:1.0"
}
`)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             checkDestroyed(m),
			Steps: []resource.TestStep{
				{
					Config: config,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("category"), knownvalue.StringExact("NVIDIA")),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("is_serverless"), knownvalue.Bool(false)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("is_public"), knownvalue.Bool(false)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("container_disk_in_gb"), knownvalue.Int64Exact(50)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("volume_in_gb"), knownvalue.Int64Exact(20)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("volume_mount_path"), knownvalue.StringExact("/workspace")),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("ports"), knownvalue.ListExact([]knownvalue.Check{
							knownvalue.StringExact("8888/http"), knownvalue.StringExact("22/tcp"),
						})),
						// RunPod answers {}, [] and "": not configured, so null.
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("env"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("docker_entrypoint"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("docker_start_cmd"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("readme"), knownvalue.Null()),
					},
				},
				{ResourceName: addr, ImportState: true, ImportStateVerify: true},
				{
					// An imported template with this configuration plans no change.
					Config:             config,
					ImportState:        true,
					ImportStateKind:    resource.ImportBlockWithID,
					ResourceName:       addr,
					ImportPlanChecks:   resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
					ExpectNonEmptyPlan: false,
				},
			},
		})
	})
}

func serverlessTemplate(body string) string {
	return `
resource "runpod_template" "worker" {
  is_serverless = true
` + body + `
}

resource "runpod_endpoint" "sd" {
  name        = "sd-worker"
  template_id = runpod_template.worker.id
}
`
}

func TestAccTemplate_inPlaceUpdateWarnsNothing(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		warnings := acctest.NewPlanWarnings()
		// In place on both: name and the volume (REST v2 takes the volume whole, and keeps a
		// mount path only with a volume); readme on REST v1, category on REST v2.
		updated, patch := `
  name              = "worker-renamed"
  image_name        = "example/worker:1.0"
  readme            = "Stable Diffusion worker"
  volume_in_gb      = 0
  volume_mount_path = "/runpod-volume"
`, map[string]any{"name": "worker-renamed", "readme": "Stable Diffusion worker", "volumeInGb": 0, "volumeMountPath": "/runpod-volume"}
		checks := []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("readme"), knownvalue.StringExact("Stable Diffusion worker")),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("volume_in_gb"), knownvalue.Int64Exact(0)),
		}
		if b == runpodapi.BackendV2 {
			updated, patch = `
  name              = "worker-renamed"
  image_name        = "example/worker:1.0"
  category          = "AMD"
  volume_in_gb      = 10
  volume_mount_path = "/runpod-volume"
`, map[string]any{"name": "worker-renamed", "category": "AMD", "mounts": map[string]any{"persistent": map[string]any{"size": 10, "path": "/runpod-volume"}}}
			checks = []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("category"), knownvalue.StringExact("AMD")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("volume_in_gb"), knownvalue.Int64Exact(10)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("volume_mount_path"), knownvalue.StringExact("/runpod-volume")),
			}
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: warnings.ProviderFactories(),
			CheckDestroy:             checkDestroyed(m),
			Steps: []resource.TestStep{
				{Config: m.Config(serverlessTemplate(`
  name       = "worker"
  image_name = "example/worker:1.0"
`))},
				{
					PreConfig: func() { warnings.Reset(); m.ResetCalls() },
					Config:    m.Config(serverlessTemplate(updated)),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction("runpod_endpoint.sd", plancheck.ResourceActionNoop),
						warnings.ExpectNoWarning("runpod_template"),
						warnings.ExpectNoWarning("runpod_endpoint"),
					}},
					ConfigStateChecks: append(checks,
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("worker-renamed"))),
					Check: resource.ComposeTestCheckFunc(
						expectPatch(t, m, b, patch),
						func(*terraform.State) error {
							// An in-place change rolls out nothing on the endpoint.
							_, body := m.Do(t, "GET", "/endpoints", "")
							if !strings.Contains(body, `"version":0`) {
								return fmt.Errorf("expected the endpoint to stay at version 0: %s", body)
							}
							return nil
						},
					),
				},
			},
		})
	})
}

func TestAccTemplate_containerChangeWarnsAndRollsOutEndpoints(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		warnings := acctest.NewPlanWarnings()
		updated := `
  name       = "worker"
  image_name = "example/worker:2.0"
  env        = { MODEL = "sdxl-turbo" }
  is_public  = true
`
		// REST v1 rolls the change out itself and the warning names the endpoints (whose plan
		// leaves the release's values unknown); on REST v2 the provider re-applies the template
		// to the endpoint, whose plan warns too.
		warning := acctest.ErrorText(
			`Template "worker" (`, `) change rolls out a new release on its endpoints:`,
			`Changing image_name and env of serverless template "worker" (`,
			`) will roll out a new release on every endpoint that uses it: workers restart with the new container settings.`,
			`Endpoints using it now: "sd-worker" (`,
			`Only name, is_public, readme, volume_in_gb and volume_mount_path change without a release.`)
		patch := map[string]any{"imageName": "example/worker:2.0", "env": map[string]any{"MODEL": "sdxl-turbo"}, "isPublic": true}
		endpointChecks := []plancheck.PlanCheck{
			plancheck.ExpectResourceAction("runpod_endpoint.sd", plancheck.ResourceActionUpdate),
			plancheck.ExpectUnknownValue("runpod_endpoint.sd", tfjsonpath.New("version")),
			warnings.ExpectNoWarning("runpod_endpoint"),
		}
		if b == runpodapi.BackendV2 {
			warning = acctest.ErrorText(
				`Template "worker" (`, `) change rolls out a new release on its endpoints:`,
				`Changing image_name and env of serverless template "worker" (`,
				`) will roll out a new release on every endpoint of this configuration that uses it: workers restart with the new container settings.`,
				`RunPod's REST v2 copies a template into an endpoint once and does not roll later edits out, so the provider re-applies `+
					`the template to each runpod_endpoint that runs it, in this apply (their plans say so). Endpoints that Terraform does not manage keep their copy.`,
				`Only name, is_public, volume_in_gb, volume_mount_path, category, is_serverless, start_ssh and start_jupyter change without a release.`)
			patch = map[string]any{"image": "example/worker:2.0", "env": map[string]any{"MODEL": "sdxl-turbo"}, "public": true}
			endpointChecks = []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("runpod_endpoint.sd", plancheck.ResourceActionUpdate),
				warnings.ExpectWarning("runpod_endpoint", acctest.ErrorText(`This plan changes image_name and env of template`)),
			}
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: warnings.ProviderFactories(),
			CheckDestroy:             checkDestroyed(m),
			Steps: []resource.TestStep{
				{Config: m.Config(serverlessTemplate(`
  name       = "worker"
  image_name = "example/worker:1.0"
  env        = { MODEL = "sdxl" }
`))},
				{
					PreConfig: func() { warnings.Reset(); m.ResetCalls() },
					Config:    m.Config(serverlessTemplate(updated)),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append([]plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						warnings.ExpectWarning("runpod_template", warning),
					}, endpointChecks...)},
					Check: resource.ComposeTestCheckFunc(
						expectPatch(t, m, b, patch),
						func(*terraform.State) error {
							for _, w := range append(warnings.Of("runpod_template"), warnings.Of("runpod_endpoint")...) {
								if strings.Contains(w.Summary+w.Detail, "sdxl") {
									return fmt.Errorf("a plan warning shows an env value: %v", w)
								}
							}
							return nil
						},
					),
				},
				{
					// The endpoint's next refresh shows the release and the new image.
					Config: m.Config(serverlessTemplate(updated)),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("runpod_endpoint.sd", tfjsonpath.New("version"), knownvalue.Int64Exact(1)),
						statecheck.ExpectKnownValue("runpod_endpoint.sd", tfjsonpath.New("template_image_name"), knownvalue.StringExact("example/worker:2.0")),
					},
				},
			},
		})
	})
}

func TestAccTemplate_removedOptionalsAreCleared(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		// REST v2 has no readme, and takes the start command as one string; REST v1's clearing
		// of readme and dockerStartCmd is runpodapi's TestV1TemplateCallsOfTheTemplateResource.
		patch := map[string]any{"env": map[string]any{}, "args": "", "ports": []any{}}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             checkDestroyed(m),
			Steps: []resource.TestStep{
				{Config: m.Config(`
resource "runpod_template" "worker" {
  name             = "worker"
  image_name       = "example/app:1.0"
  env              = { A = "1" }
  docker_start_cmd = ["serve"]
  ports            = ["8000/http"]
}
`)},
				{
					PreConfig: func() { m.ResetCalls() },
					Config: m.Config(`
resource "runpod_template" "worker" {
  name       = "worker"
  image_name = "example/app:1.0"
  ports      = []
}
`),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("env"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("docker_start_cmd"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("readme"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("ports"), knownvalue.ListSizeExact(0)),
					},
					Check: expectPatch(t, m, b, patch),
				},
			},
		})
	})
}

// TestAccTemplate_categoryAndIsServerlessChange: REST v1 cannot change them (a new template);
// REST v2 changes them in place.
func TestAccTemplate_categoryAndIsServerlessChange(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		var firstID string
		action, sameTemplate := plancheck.ResourceActionDestroyBeforeCreate, false
		if b == runpodapi.BackendV2 {
			action, sameTemplate = plancheck.ResourceActionUpdate, true
		}
		checkID := resource.TestCheckResourceAttrWith(addr, "id", func(v string) error {
			if (v == firstID) != sameTemplate {
				return fmt.Errorf("template %s, first %s: want the same one %v", v, firstID, sameTemplate)
			}
			return nil
		})
		patched := func(want map[string]any) resource.TestCheckFunc {
			if b == runpodapi.BackendV1 {
				return func(*terraform.State) error { return nil }
			}
			return expectPatch(t, m, b, want)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             checkDestroyed(m),
			Steps: []resource.TestStep{
				{
					Config: m.Config(`
resource "runpod_template" "worker" {
  name         = "worker"
  image_name   = "example/app:1.0"
  volume_in_gb = 0
}
`),
					Check: acctest.CaptureID(addr, &firstID),
				},
				{
					PreConfig: func() { m.ResetCalls() },
					Config: m.Config(`
resource "runpod_template" "worker" {
  name          = "worker"
  image_name    = "example/app:1.0"
  volume_in_gb  = 0
  is_serverless = true
}
`),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, action),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("is_serverless"), knownvalue.Bool(true)),
					},
					Check: resource.ComposeTestCheckFunc(checkID, patched(map[string]any{"serverless": true})),
				},
				{
					PreConfig: func() { m.ResetCalls() },
					Config: m.Config(`
resource "runpod_template" "worker" {
  name          = "worker"
  image_name    = "example/app:1.0"
  volume_in_gb  = 0
  is_serverless = true
  category      = "CPU"
}
`),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, action),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("category"), knownvalue.StringExact("CPU")),
					},
					Check: resource.ComposeTestCheckFunc(checkID, patched(map[string]any{"category": "CPU"})),
				},
			},
		})
	})
}

func TestAccTemplate_deletedOutsideTerraformIsRecreated(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		var id string
		config := m.Config(`
resource "runpod_template" "worker" {
  name       = "worker"
  image_name = "example/app:1.0"
}
`)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             checkDestroyed(m),
			Steps: []resource.TestStep{
				{Config: config, Check: resource.TestCheckResourceAttrWith(addr, "id", func(v string) error { id = v; return nil })},
				{
					PreConfig: func() {
						if s, b := m.Do(t, "DELETE", "/templates/"+id, ""); s != 204 {
							t.Fatalf("delete: %d %s", s, b)
						}
					},
					Config: config,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
					}},
				},
			},
		})
	})
}

func TestAccTemplate_badInputFailsAtPlanTime(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		cases := []struct {
			body string
			err  []string
		}{
			{`category = "INTEL"`, []string{`Attribute category value must be one of: ["NVIDIA" "AMD" "CPU"], got: "INTEL"`}},
			{`ports = ["8888"]`, []string{`Invalid port`, `Attribute ports[0] must be <port>/http or <port>/tcp, with a port from 1 to 65535, got: "8888"`}},
			{`ports = ["70000/tcp"]`, []string{`Attribute ports[0] must be <port>/http or <port>/tcp, with a port from 1 to 65535, got: "70000/tcp"`}},
			{`ports = ["22/udp"]`, []string{`got: "22/udp"`}},
			{`ports = ["22/tcp", "22/tcp"]`, []string{`Duplicate port`, `Attribute ports exposes port 22 twice ("22/tcp" and "22/tcp")`}},
			{`ports = ["22/tcp", "22/http"]`, []string{`Duplicate port`, `Attribute ports exposes port 22 twice ("22/tcp" and "22/http")`}},
			{`env = { "MY VAR" = "x" }`, []string{`must be an environment variable name`}},
			{`container_disk_in_gb = 0`, []string{`Attribute container_disk_in_gb value must be at least 1, got: 0`}},
			{`volume_in_gb = -1`, []string{`Attribute volume_in_gb value must be at least 0, got: -1`}},
			{`volume_mount_path = "workspace"`, []string{`Attribute volume_mount_path must be an absolute path, such as "/workspace", got: workspace`}},
			{`env = { "1BAD" = "x" }`, []string{`must be an environment variable name: letters, digits and _, not starting with a digit, got: 1BAD`}},
			{`container_registry_auth_id = ""`, []string{`Attribute container_registry_auth_id string length must be at least 1, got: 0`}},
			{"env = { TOKEN = \"a\" }\nenv_wo = { TOKEN = \"s\" }\nenv_wo_version = 1", []string{`Variable in both env and env_wo`,
				`TOKEN set both in env and in env_wo: set each variable in one of them`}},
			{`env_wo = { TOKEN = "s" }`, []string{`Attribute "env_wo_version" must be specified when "env_wo" is specified`}},
			{`env_wo_version = 1`, []string{`Attribute "env_wo" must be specified when "env_wo_version" is specified`}},
		}
		// One catalog: every configuration refused in at most two plans, each with its exact text.
		refusals := make([]acctest.Refusal, 0, len(cases))
		for _, c := range cases {
			refusals = append(refusals, acctest.Refusal{Name: c.body, Type: "runpod_template",
				Body: "name = \"worker\"\nimage_name = \"example/app:1.0\"\n" + c.body, Want: c.err})
		}
		m.PlanRefusals(t, "", refusals)
		// Terraform's own refusal of a block without its required name names no attribute path
		// of a block: a step of its own.
		resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: []resource.TestStep{{
			Config:      m.Config(`resource "runpod_template" "worker" { image_name = "example/app:1.0" }`),
			PlanOnly:    true,
			ExpectError: acctest.ErrorText(`The argument "name" is required, but no definition was found.`),
		}}})
		m.ExpectNoCalls(t)
	})
}

func TestAccTemplate_apiRefusalsKeepRunPodsMessage(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		var templateID, endpointID string
		template := `
resource "runpod_template" "worker" {
  name          = "worker"
  image_name    = "example/worker:1.0"
  is_serverless = true
}
`
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             checkDestroyed(m),
			Steps: []resource.TestStep{
				{
					Config: m.Config(template),
					Check:  acctest.CaptureID(addr, &templateID),
				},
				{
					// Template names are unique.
					Config: m.Config(template + `
resource "runpod_template" "copy" {
  name       = "worker"
  image_name = "example/other:1.0"
}
`),
					ExpectError: acctest.ErrorText(`Failed to create template worker`,
						`already exists in the RunPod account`, `terraform import runpod_template.<name>`,
						`create template: RunPod API returned 400 Bad Request: a template named "worker" already exists: template names must be unique`),
				},
				{
					// An endpoint made outside Terraform uses the template: RunPod refuses to delete it.
					PreConfig: func() {
						endpointID = m.Create(t, "/endpoints", `{"templateId":"`+templateID+`","workersMax":0}`)
					},
					Config:      m.Config(`# the template is removed from the configuration`),
					ExpectError: regexp.MustCompile(`(?s)Failed to delete template.*is in use by\s+endpoint`),
				},
				{
					PreConfig: func() {
						if s, b := m.Do(t, "DELETE", "/endpoints/"+endpointID, ""); s != 204 {
							t.Fatalf("delete endpoint: %d %s", s, b)
						}
					},
					Config: m.Config(`# the template is removed from the configuration`),
				},
			},
		})
	})
}
