package endpoint_test

import (
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"

	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// importWarning is the summary of the warning of an import on REST v2 that cannot tell the
// endpoint's template.
const importWarning = "imported without template_id"

// An import on REST v2 finds the endpoint's template by its container settings (RunPod reports
// no template id). When two of the account's serverless templates have the endpoint's settings,
// or none has (the template was edited since), template_id stays null and the import warns,
// naming the candidates; once the configuration sets template_id, the plan re-applies that
// template (a release), as the warning says, and the next plan is empty. REST v1 reports the
// template: its import sets template_id either way, without a warning.
func TestAccEndpoint_importWithoutOneMatchingTemplateWarns(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		for _, tc := range []struct {
			name string
			// extra is added to the configuration that makes template a and the endpoint on it.
			extra string
			// outside changes the account after the endpoint is made on template a.
			outside func(t *testing.T, m *acctest.Mock, a string)
			// found is what the v2 warning says was found, given the templates' ids (a, twin).
			found func(a, twin string) string
		}{
			{
				name:  "several",
				extra: workerTemplate("twin", "example/worker:1.0"), // same container as a, another name
				found: func(a, twin string) string {
					first, second := fmt.Sprintf("%s (%q)", a, "worker"), fmt.Sprintf("%s (%q)", twin, "twin")
					if twin < a { // in id order
						first, second = second, first
					}
					return "2 of the account's serverless templates have them: " + first + ", " + second
				},
			},
			{
				name: "none",
				outside: func(t *testing.T, m *acctest.Mock, a string) { // a template edit does not reach a REST v2 endpoint's copy
					if status, body := m.Do(t, http.MethodPatch, "/templates/"+a, `{"imageName":"example/worker:2.0"}`); status != http.StatusOK {
						t.Fatalf("editing the template outside Terraform: %d %s", status, body)
					}
				},
				found: func(string, string) string {
					return "none of the account's serverless templates has them (the template was edited or deleted since, or is " +
						"not the account's own)"
				},
			},
		} {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				m := acctest.NewMock(t, b) // template names are unique in an account
				made := acctest.NewCLI(t)
				made.WriteConfig(m.ProviderConfig() + endpointHCL(`  name = "sd-worker"`) + tc.extra)
				made.Must("apply", "-input=false", "-no-color", "-auto-approve")
				a, _ := made.Attribute("runpod_template.worker", "id").(string)
				id, _ := made.Attribute(addr, "id").(string)
				twin := ""
				if tc.extra != "" {
					twin, _ = made.Attribute("runpod_template.twin", "id").(string)
				}
				if tc.outside != nil {
					tc.outside(t, m, a)
				}

				c := acctest.NewCLI(t)
				c.WriteConfig(m.ProviderConfig() + fmt.Sprintf("\nimport {\n  to = runpod_endpoint.imported\n  id = %q\n}\n", id))
				out, err := c.Run("plan", "-json", "-input=false", "-generate-config-out=generated.tf")
				var warnings []acckit.Diagnostic
				for _, w := range acckit.WarningsIn(out) {
					if strings.Contains(w.Summary, importWarning) {
						warnings = append(warnings, w)
					}
				}
				generated := c.ReadFile("generated.tf")
				if b == runpodapi.BackendV1 {
					if err != nil || len(warnings) > 0 || !strings.Contains(generated, fmt.Sprintf("%q", a)) {
						t.Fatalf("REST v1 reports the template: the import should set template_id = %q without a warning; got %v, "+
							"warnings %v, generated:\n%s", a, err, warnings, generated)
					}
					return
				}

				label := fmt.Sprintf("%q (%s)", "sd-worker", id)
				want := acckit.Diagnostic{
					Severity: "warning", // Terraform gives an import's diagnostics no address
					Summary:  "Endpoint " + label + " imported without template_id",
					Detail: "RunPod's REST v2 does not report which template an endpoint was created from, only the endpoint's copy " +
						"of its container settings (image, start command, container disk, ports, env, registry credentials), and " +
						tc.found(a, twin) + ". template_id is left unset: set it in the configuration to " +
						map[bool]string{true: "the one of them the endpoint should follow", false: "the template the endpoint should run"}[twin != ""] +
						" (a configuration generated with terraform plan -generate-config-out has template_id = null, which does not " +
						"validate until then). The next plan then re-applies that template to the endpoint (PATCH with templateId), " +
						"which rolls out a new release: workers restart " +
						map[bool]string{true: "with the same settings", false: "with the template's settings"}[twin != ""] + ".",
				}
				if len(warnings) != 1 || warnings[0] != want {
					t.Errorf("import warnings:\n%#v\nwant:\n%#v", warnings, want)
				}
				// The generated configuration is not valid as it is: template_id is required.
				if err == nil || !regexp.MustCompile(`template_id\s+= null`).MatchString(generated) {
					t.Errorf("expected template_id = null in the generated configuration, and the plan to fail on it: %v\n%s", err, generated)
				}

				// Set as the warning says: the plan imports and re-applies the template (a release), then nothing.
				c.WriteFile("generated.tf", regexp.MustCompile(`template_id\s+= null`).ReplaceAllString(generated, fmt.Sprintf("template_id = %q", a)))
				planned := acckit.WarningsIn(c.Must("plan", "-json", "-input=false", "-out=import.tfplan"))
				if !slices.ContainsFunc(planned, func(d acckit.Diagnostic) bool { return d.Summary == "Endpoint "+label+" will roll out a new release" }) {
					t.Errorf("the plan should warn of the release, warned %v", planned)
				}
				var change *tfjson.ResourceChange
				for _, rc := range c.ShowPlan("import.tfplan").ResourceChanges {
					if rc.Address == "runpod_endpoint.imported" {
						change = rc
					}
				}
				if change == nil || change.Change.Importing == nil || !change.Change.Actions.Update() {
					t.Fatalf("expected the import and an update of runpod_endpoint.imported, got %+v", change)
				}
				patches := len(m.Bodies(routesOf(b).update))
				c.Must("apply", "-input=false", "-no-color", "import.tfplan")
				bodies := m.JSONBodies(t, routesOf(b).update)
				if len(bodies) != patches+1 || bodies[patches]["templateId"] != a || !slices.Equal(keys(bodies[patches]), []string{"templateId"}) {
					t.Errorf("expected one PATCH that re-applies template %s, got %v", a, bodies[patches:])
				}
				c.ExpectEmptyPlan()
			})
		}
	})
}
