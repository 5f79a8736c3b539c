package acctest

import (
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"

	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// ExpectGeneratedConfigPlansClean imports object id as address (such as "runpod_pod.imported")
// with an import block into an empty state, has Terraform write its configuration
// (`terraform plan -generate-config-out`), and checks that the configuration plans as written:
// no error, nothing to do but the import, then, once imported, an empty plan without drift.
// It returns the generated configuration. The object must exist in m already (made by
// another working directory, or through m's API, as someone importing would find it).
func ExpectGeneratedConfigPlansClean(t *testing.T, m *Mock, address, id string) string {
	t.Helper()
	c := NewCLI(t)
	c.WriteConfig(m.ProviderConfig() + fmt.Sprintf("\nimport {\n  to = %s\n  id = %q\n}\n", address, id))
	if out, err := c.Run("plan", "-input=false", "-no-color", "-generate-config-out=generated.tf"); err != nil {
		t.Fatalf("plan -generate-config-out failed: %v\ngenerated:\n%s", err, readOrEmpty(c, "generated.tf"))
	} else if !strings.Contains(out, "1 to import, 0 to add, 0 to change, 0 to destroy") {
		t.Errorf("the plan that generates the configuration should only import:\n%s", out)
	}
	generated := c.ReadFile("generated.tf")
	t.Logf("generated configuration:\n%s", generated)

	// The generated file, planned as written, with the import block still there.
	if _, err := c.Run("plan", "-input=false", "-no-color", "-out=import.tfplan"); err != nil {
		t.Fatalf("the generated configuration does not plan: %v\ngenerated:\n%s", err, generated)
	}
	plan := c.ShowPlan("import.tfplan")
	if changes := acckit.Changes(plan); len(changes) > 0 {
		t.Errorf("the generated configuration plans changes besides the import:\n%s\ngenerated:\n%s", strings.Join(changes, "\n"), generated)
	}
	imported := false
	for _, rc := range plan.ResourceChanges {
		imported = imported || rc.Address == address && rc.Change.Importing != nil
	}
	if !imported {
		t.Errorf("the plan does not import %s", address)
	}

	// Imported, the next plan is empty too.
	c.Must("apply", "-input=false", "-no-color", "import.tfplan")
	c.Must("plan", "-input=false", "-no-color", "-out=after.tfplan")
	if changes := acckit.Changes(c.ShowPlan("after.tfplan")); len(changes) > 0 {
		t.Errorf("after the import, the generated configuration plans changes:\n%s\ngenerated:\n%s", strings.Join(changes, "\n"), generated)
	}
	return generated
}

// ExpectGeneratedConfigsPlanClean checks ExpectGeneratedConfigPlansClean, on the APIs OnAPIs
// runs the calling test on, for an object of resource type typ ("runpod_pod") made from each
// of bodies (the inside of its resource block, by case name), the cases in parallel.
func ExpectGeneratedConfigsPlanClean(t *testing.T, typ string, bodies map[string]string) {
	OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := NewMock(t, b)
		for name, body := range bodies {
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				id := Create(t, m, "resource \""+typ+"\" \"made\" {"+body+"}\n", typ+".made")
				ExpectGeneratedConfigPlansClean(t, m, typ+".imported", id)
			})
		}
	})
}

func readOrEmpty(c *CLI, name string) string {
	b, err := os.ReadFile(c.Path(name))
	if err != nil {
		return "(" + err.Error() + ")"
	}
	return string(b)
}
