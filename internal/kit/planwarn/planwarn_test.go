package planwarn

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var thingType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"id": tftypes.String}}

// fake is a provider whose plans always warn and error, and whose reads return the prior state.
type fake struct{ tfprotov6.ProviderServer }

func (fake) GetProviderSchema(context.Context, *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	return &tfprotov6.GetProviderSchemaResponse{ResourceSchemas: map[string]*tfprotov6.Schema{"x_thing": {Block: &tfprotov6.SchemaBlock{
		Attributes: []*tfprotov6.SchemaAttribute{{Name: "id", Type: tftypes.String, Computed: true}},
	}}}}, nil
}

func (fake) ConfigureProvider(context.Context, *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	return &tfprotov6.ConfigureProviderResponse{}, nil
}

func (fake) ReadResource(_ context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return &tfprotov6.ReadResourceResponse{NewState: req.CurrentState}, nil
}

func (fake) PlanResourceChange(context.Context, *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return &tfprotov6.PlanResourceChangeResponse{Diagnostics: []*tfprotov6.Diagnostic{
		{Severity: tfprotov6.DiagnosticSeverityWarning, Summary: "will reset"},
		{Severity: tfprotov6.DiagnosticSeverityError, Summary: "an error"},
	}}, nil
}

func (fake) ApplyResourceChange(context.Context, *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return &tfprotov6.ApplyResourceChangeResponse{}, nil
}

func state(t *testing.T, id string) *tfprotov6.DynamicValue {
	t.Helper()
	v := tftypes.NewValue(thingType, nil)
	if id != "" {
		v = tftypes.NewValue(thingType, map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, id)})
	}
	dv, err := tfprotov6.NewDynamicValue(thingType, v)
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

// plan plans x_thing with prior state id ("" for a new one) and returns the severities of
// the diagnostics that pass.
func plan(t *testing.T, s tfprotov6.ProviderServer, id string) []tfprotov6.DiagnosticSeverity {
	t.Helper()
	resp, err := s.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{TypeName: "x_thing", PriorState: state(t, id)})
	if err != nil {
		t.Fatal(err)
	}
	var out []tfprotov6.DiagnosticSeverity
	for _, d := range resp.Diagnostics {
		out = append(out, d.Severity)
	}
	return out
}

func warns(sev []tfprotov6.DiagnosticSeverity) bool {
	for _, s := range sev {
		if s == tfprotov6.DiagnosticSeverityWarning {
			return true
		}
	}
	return false
}

func TestWrap_keepsWarningsToThePlanWalk(t *testing.T) {
	ctx := context.Background()
	s := Wrap(fake{})
	configure := func() {
		if _, err := s.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{}); err != nil {
			t.Fatal(err)
		}
	}

	// The plan walk: Terraform refreshes the object, then plans it.
	configure()
	if _, err := s.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: "x_thing", CurrentState: state(t, "a")}); err != nil {
		t.Fatal(err)
	}
	if got := plan(t, s, "a"); !warns(got) || len(got) != 2 {
		t.Errorf("plan walk, existing object: %v, want the warning and the error", got)
	}
	if got := plan(t, s, ""); !warns(got) {
		t.Errorf("plan walk, new object: %v, want the warning", got)
	}

	// The apply walk: configured afresh, nothing read; the check before applying.
	configure()
	if got := plan(t, s, "a"); warns(got) || len(got) != 1 {
		t.Errorf("apply walk, existing object: %v, want the error only", got)
	}
	if _, err := s.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: "x_thing"}); err != nil {
		t.Fatal(err)
	}
	if got := plan(t, s, ""); warns(got) {
		t.Errorf("apply walk after an apply, new object: %v, want no warning", got)
	}
}
