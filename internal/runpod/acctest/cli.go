package acctest

import (
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodprovider"
)

// CLI runs the Terraform CLI against the RunPod provider served in-process (see acckit.CLI).
type CLI = acckit.CLI

// NewCLI serves the RunPod provider and prepares an empty working directory (acckit.NewCLI).
func NewCLI(t *testing.T) *CLI {
	t.Helper()
	return acckit.NewCLI(t, acckit.Served{Address: runpodprovider.Address, Name: "runpod",
		Server: runpodprovider.NewServer("acctest"), EnvPrefix: "RUNPOD_"})
}

// Create applies hcl (after m's provider block) in a working directory of its own, as
// someone would have made the objects before importing them elsewhere, and returns the id
// of the resource at address.
func Create(t *testing.T, m *Mock, hcl, address string) string {
	t.Helper()
	c := NewCLI(t)
	c.WriteConfig(m.ProviderConfig() + hcl)
	c.Must("apply", "-input=false", "-no-color", "-auto-approve")
	id, _ := c.Attribute(address, "id").(string)
	if id == "" {
		t.Fatalf("%s has no id", address)
	}
	return id
}
