package acckit

import (
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// QueryTerraform is the first Terraform with `terraform query` and actions; resource identity
// came in 1.12. Tests of them skip on an older Terraform (make test runs them on the Terraform
// it builds for them: TERRAFORM_QUERY in the GNUmakefile), and are named TestAccQuery*,
// TestAccIdentity* or TestAccAction* so that make test runs them there.
var QueryTerraform = version.Must(version.NewVersion("1.14.0"))

// RequireVersion skips the test when c's Terraform is older than v.
func (c *CLI) RequireVersion(v *version.Version) {
	c.t.Helper()
	out, err := exec.Command(c.terraform, "version").Output()
	if err != nil {
		c.t.Fatalf("terraform version: %v", err)
	}
	fields := strings.Fields(strings.SplitN(string(out), "\n", 2)[0]) // "Terraform v1.14.9"
	if len(fields) < 2 {
		c.t.Fatalf("terraform version printed %q", out)
	}
	got, err := version.NewVersion(strings.TrimPrefix(fields[1], "v"))
	if err != nil {
		c.t.Fatalf("terraform version printed %q: %v", out, err)
	}
	if got.Core().LessThan(v) {
		c.t.Skipf("needs Terraform %s or later; %s is %s", v, c.terraform, got)
	}
}

// CallLog is a mock's log of the calls it answered.
type CallLog interface {
	ResetCalls()
	Routes() []string
}

// Adoption is what ExpectQueryAdoptsAll found: the configuration `terraform query` generated,
// the API calls the query made (routes, oldest first) and how many objects the plan then imported.
type Adoption struct {
	Generated  string
	QueryCalls []string
	Imported   int
}

// ExpectQueryAdoptsAll brings every object the list blocks of query (a .tfquery.hcl file's
// content) find under Terraform, as a team adopting the provider would: `terraform query
// -generate-config-out` writes their configuration and import blocks, the plan then imports
// them all and changes nothing, and once applied the next plan is empty. c must have been
// configured (WriteConfig) with the provider block only; calls is the mock's call log.
func ExpectQueryAdoptsAll(t *testing.T, c *CLI, calls CallLog, query string) Adoption {
	t.Helper()
	c.RequireVersion(QueryTerraform)
	c.WriteFile("adopt.tfquery.hcl", query)
	calls.ResetCalls()
	if out, err := c.Run("query", "-no-color", "-generate-config-out=generated.tf"); err != nil {
		t.Fatalf("terraform query failed: %v\n%s", err, out)
	}
	made := calls.Routes()
	generated := c.ReadFile("generated.tf")
	out, err := c.Run("plan", "-input=false", "-no-color", "-out=adopt.tfplan")
	if err != nil {
		t.Fatalf("the generated configuration does not plan: %v\ngenerated:\n%s", err, generated)
	}
	plan := c.ShowPlan("adopt.tfplan")
	if changes := Changes(plan); len(changes) > 0 {
		t.Errorf("the generated configuration plans changes besides the imports:\n%s\nplan:\n%s", strings.Join(changes, "\n"), LastLines(out, 60))
	}
	imported := 0
	for _, rc := range plan.ResourceChanges {
		if rc.Change.Importing != nil {
			imported++
		}
	}
	c.Must("apply", "-input=false", "-no-color", "adopt.tfplan")
	c.ExpectEmptyPlan()
	return Adoption{Generated: generated, QueryCalls: made, Imported: imported}
}

// ExpectOneCallPerRoute fails t for each route the query called more than once: a list
// resource is served by one list call per kind, whatever the number of objects.
func (a Adoption) ExpectOneCallPerRoute(t testing.TB) {
	t.Helper()
	seen := map[string]int{}
	for _, route := range a.QueryCalls {
		seen[route]++
	}
	for route, n := range seen {
		if n > 1 {
			t.Errorf("terraform query called %s %d times; one list call per kind is the contract", route, n)
		}
	}
}

// IdentitySteps are the steps of a test of resource identity: config applied, each address's
// identity equal to its id, then each address imported by identity (an import block with
// identity = {...}) planning nothing else, but for those of recorded: resources whose import
// cannot read every configured value (secrets the API never returns) plan an update in place
// that records them.
func IdentitySteps(config string, addresses []string, recorded ...string) []resource.TestStep {
	steps := []resource.TestStep{{Config: config}}
	for _, address := range addresses {
		steps[0].ConfigStateChecks = append(steps[0].ConfigStateChecks,
			statecheck.ExpectIdentityValueMatchesState(address, tfjsonpath.New("id")))
		step := resource.TestStep{Config: config, ResourceName: address, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity}
		if slices.Contains(recorded, address) {
			step.ExpectNonEmptyPlan = true
			step.ImportPlanChecks.PreApply = []plancheck.PlanCheck{plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate)}
		}
		steps = append(steps, step)
	}
	return steps
}
