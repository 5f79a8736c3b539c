package acckit

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// Warnings records the warnings a provider gives about resource changes, when Terraform plans
// them (what a user reads under the plan) and applies them (what a user reads after the
// apply), so that tests can assert on them: terraform-plugin-testing has no check for
// warnings. It is the project's one way to assert warnings, for both providers.
//
// Serve the provider through Factories, and call Reset in each step's PreConfig. The checks
// (ExpectWarning, ExpectNoWarning, CheckWarnings) see what was recorded since the Reset when
// they run: in ConfigPlanChecks.PreApply, the step's plan; in PostApplyPreRefresh, the plans
// and the apply of an apply step; in PostApplyPostRefresh, the plans of a PlanOnly step.
// Given the provider as its binary serves it, a warning about an existing object shows only
// in a plan that refreshed it first (see internal/kit/planwarn): check a PlanOnly
// step's warnings in PostApplyPostRefresh.
type Warnings struct {
	mu       sync.Mutex
	warnings []Warning
}

// Warning is one warning the provider gave about a resource change.
type Warning struct {
	TypeName string // resource type, e.g. "runpod_endpoint"
	Summary  string
	Detail   string
}

func (w Warning) String() string {
	return fmt.Sprintf("%s: %s: %s", w.TypeName, w.Summary, w.Detail)
}

// NewWarnings returns an empty recorder.
func NewWarnings() *Warnings { return &Warnings{} }

// Factories serve server to the Terraform CLI under test as the provider name, like
// acckit.Factories, recording the warnings of its plans and applies.
func (p *Warnings) Factories(name string, server func() tfprotov6.ProviderServer) map[string]func() (tfprotov6.ProviderServer, error) {
	return Factories(name, func() tfprotov6.ProviderServer { return recordingServer{ProviderServer: server(), log: p} })
}

// Reset forgets the warnings recorded so far.
func (p *Warnings) Reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.warnings = nil
}

// Of returns the warnings recorded since the last Reset for a resource type.
func (p *Warnings) Of(typeName string) []Warning {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []Warning
	for _, w := range p.warnings {
		if w.TypeName == typeName {
			out = append(out, w)
		}
	}
	return out
}

// ExpectWarning checks that typeName warned with a text ("summary: detail") that matches re
// (see ErrorText).
func (p *Warnings) ExpectWarning(typeName string, re *regexp.Regexp) plancheck.PlanCheck {
	return p.CheckWarnings(typeName, func(warnings []Warning) error {
		for _, w := range warnings {
			if re.MatchString(w.Summary + ": " + w.Detail) {
				return nil
			}
		}
		return fmt.Errorf("no %s plan warning matches %s; warnings: %v", typeName, re, warnings)
	})
}

// ExpectNoWarning checks that typeName gave no warning.
func (p *Warnings) ExpectNoWarning(typeName string) plancheck.PlanCheck {
	return p.CheckWarnings(typeName, func(warnings []Warning) error {
		if len(warnings) > 0 {
			return fmt.Errorf("expected no %s plan warning, got %v", typeName, warnings)
		}
		return nil
	})
}

// CheckWarnings runs check on the warnings of typeName recorded since the last Reset, when
// the plan check runs: check may use what earlier steps found (an id).
func (p *Warnings) CheckWarnings(typeName string, check func([]Warning) error) plancheck.PlanCheck {
	return PlanCheckFunc(func(plancheck.CheckPlanRequest) error { return check(p.Of(typeName)) })
}

type recordingServer struct {
	tfprotov6.ProviderServer
	log *Warnings
}

func (s recordingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp, err := s.ProviderServer.PlanResourceChange(ctx, req)
	if resp != nil {
		s.log.record(req.TypeName, resp.Diagnostics)
	}
	return resp, err
}

func (s recordingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	resp, err := s.ProviderServer.ApplyResourceChange(ctx, req)
	if resp != nil {
		s.log.record(req.TypeName, resp.Diagnostics)
	}
	return resp, err
}

func (p *Warnings) record(typeName string, diags []*tfprotov6.Diagnostic) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityWarning {
			p.warnings = append(p.warnings, Warning{TypeName: typeName, Summary: d.Summary, Detail: strings.TrimSpace(d.Detail)})
		}
	}
}
