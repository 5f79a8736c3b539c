package acctest

import (
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodprovider"
)

// PlanWarnings records the warnings the provider gives about resource changes, when
// Terraform plans them and applies them, so that tests can assert on them (see
// acckit.Warnings: call Reset in each step's PreConfig; ExpectWarning, ExpectNoWarning and
// CheckWarnings see what was recorded since). Use its ProviderFactories instead of
// ProtoV6ProviderFactories.
type PlanWarnings struct{ *acckit.Warnings }

// PlanWarning is one warning the provider gave about a resource change.
type PlanWarning = acckit.Warning

// NewPlanWarnings returns an empty recorder.
func NewPlanWarnings() *PlanWarnings { return &PlanWarnings{acckit.NewWarnings()} }

// ProviderFactories serve the provider like ProtoV6ProviderFactories, recording warnings.
func (p *PlanWarnings) ProviderFactories() map[string]func() (tfprotov6.ProviderServer, error) {
	return p.Factories("runpod", runpodprovider.NewServer("acctest"))
}

// PlanCheckFunc adapts a function to plancheck.PlanCheck: the plan check of a test's own.
type PlanCheckFunc = acckit.PlanCheckFunc
