package acctest

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/runpod-community/terraform-provider-runpod/internal/provider"
)

// PlanWarnings records the warnings the provider gives when Terraform plans a resource
// change (what a user reads under the plan), so tests can assert on them:
// terraform-plugin-testing has no check for warnings. Use its ProviderFactories instead of
// ProtoV6ProviderFactories, call Reset in a step's PreConfig, and put ExpectWarning or
// ExpectNoWarning in ConfigPlanChecks.PreApply.
type PlanWarnings struct {
	mu       sync.Mutex
	warnings []PlanWarning
}

// PlanWarning is one warning of a planned resource change.
type PlanWarning struct {
	TypeName string // resource type, e.g. "runpod_endpoint"
	Summary  string
	Detail   string
}

func (w PlanWarning) String() string {
	return fmt.Sprintf("%s: %s: %s", w.TypeName, w.Summary, w.Detail)
}

// NewPlanWarnings returns an empty recorder.
func NewPlanWarnings() *PlanWarnings { return &PlanWarnings{} }

// ProviderFactories serve the provider like ProtoV6ProviderFactories, recording warnings.
func (p *PlanWarnings) ProviderFactories() map[string]func() (tfprotov6.ProviderServer, error) {
	serve := providerserver.NewProtocol6WithError(provider.New("acctest")())
	return map[string]func() (tfprotov6.ProviderServer, error){
		"runpod": func() (tfprotov6.ProviderServer, error) {
			server, err := serve()
			if err != nil {
				return nil, err
			}
			return recordingServer{ProviderServer: server, log: p}, nil
		},
	}
}

// Reset forgets the warnings recorded so far.
func (p *PlanWarnings) Reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.warnings = nil
}

// Of returns the warnings recorded since the last Reset for a resource type.
func (p *PlanWarnings) Of(typeName string) []PlanWarning {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []PlanWarning
	for _, w := range p.warnings {
		if w.TypeName == typeName {
			out = append(out, w)
		}
	}
	return out
}

// ExpectWarning checks that planning typeName warned with a text ("summary: detail") that
// matches re (see ErrorText).
func (p *PlanWarnings) ExpectWarning(typeName string, re *regexp.Regexp) plancheck.PlanCheck {
	return planCheckFunc(func() error {
		warnings := p.Of(typeName)
		for _, w := range warnings {
			if re.MatchString(w.Summary + ": " + w.Detail) {
				return nil
			}
		}
		return fmt.Errorf("no %s plan warning matches %s; warnings: %v", typeName, re, warnings)
	})
}

// ExpectNoWarning checks that planning typeName gave no warning.
func (p *PlanWarnings) ExpectNoWarning(typeName string) plancheck.PlanCheck {
	return planCheckFunc(func() error {
		if warnings := p.Of(typeName); len(warnings) > 0 {
			return fmt.Errorf("expected no %s plan warning, got %v", typeName, warnings)
		}
		return nil
	})
}

type planCheckFunc func() error

func (f planCheckFunc) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = f()
}

type recordingServer struct {
	tfprotov6.ProviderServer
	log *PlanWarnings
}

func (s recordingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp, err := s.ProviderServer.PlanResourceChange(ctx, req)
	if resp != nil {
		s.log.mu.Lock()
		for _, d := range resp.Diagnostics {
			if d.Severity == tfprotov6.DiagnosticSeverityWarning {
				s.log.warnings = append(s.log.warnings, PlanWarning{
					TypeName: req.TypeName, Summary: d.Summary, Detail: strings.TrimSpace(d.Detail),
				})
			}
		}
		s.log.mu.Unlock()
	}
	return resp, err
}
