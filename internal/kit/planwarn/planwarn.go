// Package planwarn makes the provider's plan warnings appear once, when Terraform plans.
//
// Terraform asks a provider to plan every change twice: once when it makes the plan (the plan
// walk: `terraform plan`, or the first half of `terraform apply`) and once more, right before
// applying it (the apply walk), to check that the plan still holds. Both requests carry the
// same prior state, configuration and private data, and Terraform prints the diagnostics of
// both: every warning a resource's plan gives (a pod reset, an endpoint's rolling release)
// showed up again after "Apply complete", and in the output of `terraform apply tfplan` in CI,
// after the change it warned about was made.
//
// Nothing in the protocol tells the two requests apart (Terraform 1.16 starts forwarding the
// first plan's private data to the second, behind a client capability that
// terraform-plugin-go does not expose yet). What differs is what happened before, in the same
// walk: Terraform configures the provider afresh for each walk (ConfigureProvider), and a plan
// walk reads every existing object (ReadResource, the refresh) before planning it, while an
// apply walk never reads a managed resource. Wrap keeps the warnings of a plan by that:
//
//   - a plan of an existing object (update, replace, destroy) keeps its warnings when the
//     object was read in the same walk: Terraform is making the plan. Otherwise it is the check
//     before applying (the plan was made, and warned, earlier) and its warnings are dropped.
//     With -refresh=false Terraform plans without reading, and the provider cannot tell that
//     plan from the apply's check: its warnings about existing objects are not shown (the plan
//     still shows the change, and what it makes unknown).
//   - a plan of a new object cannot be placed at all (nothing was read before either): it keeps
//     its warnings unless the walk has already applied a change, so a warning about creating
//     an object may still show at plan time and again at apply.
//
// Errors always pass. Warnings of every other call (validation, reads, the apply itself: what
// happened rather than what will) pass too.
package planwarn

import (
	"context"
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Wrap returns server with the warnings of its plans kept to the plan walk (see the package
// documentation).
func Wrap(server tfprotov6.ProviderServer) tfprotov6.ProviderServer {
	return &filter{ProviderServer: server, walk: &walk{read: map[object]bool{}}}
}

// object is an existing resource: its type and id.
type object struct{ typeName, id string }

// walk is what the provider saw since Terraform last configured it.
type walk struct {
	mu      sync.Mutex
	read    map[object]bool // objects read (refreshed or imported)
	applied bool            // an ApplyResourceChange was served
}

type filter struct {
	tfprotov6.ProviderServer

	mu    sync.Mutex
	walk  *walk
	types map[string]tftypes.Type // resource type name -> the type of its state, from the schema
}

func (f *filter) current() *walk {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.walk
}

// ConfigureProvider starts a walk.
func (f *filter) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	f.mu.Lock()
	f.walk = &walk{read: map[object]bool{}}
	f.mu.Unlock()
	return f.ProviderServer.ConfigureProvider(ctx, req)
}

func (f *filter) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	resp, err := f.ProviderServer.ReadResource(ctx, req)
	if err == nil && resp != nil {
		if id := f.id(ctx, req.TypeName, resp.NewState); id != "" {
			w := f.current()
			w.mu.Lock()
			w.read[object{req.TypeName, id}] = true
			w.mu.Unlock()
		}
	}
	return resp, err
}

func (f *filter) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	w := f.current()
	w.mu.Lock()
	w.applied = true
	w.mu.Unlock()
	return f.ProviderServer.ApplyResourceChange(ctx, req)
}

func (f *filter) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp, err := f.ProviderServer.PlanResourceChange(ctx, req)
	if err != nil || resp == nil || !hasWarning(resp.Diagnostics) || f.inPlanWalk(ctx, req) {
		return resp, err
	}
	kept := resp.Diagnostics[:0:0]
	for _, d := range resp.Diagnostics {
		if d != nil && d.Severity != tfprotov6.DiagnosticSeverityWarning {
			kept = append(kept, d)
		}
	}
	resp.Diagnostics = kept
	return resp, err
}

// inPlanWalk reports whether a plan request belongs to the plan walk (see the package
// documentation).
func (f *filter) inPlanWalk(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) bool {
	w := f.current()
	id := f.id(ctx, req.TypeName, req.PriorState)
	w.mu.Lock()
	defer w.mu.Unlock()
	if id == "" { // a new object
		return !w.applied
	}
	return w.read[object{req.TypeName, id}]
}

func hasWarning(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d != nil && d.Severity == tfprotov6.DiagnosticSeverityWarning {
			return true
		}
	}
	return false
}

// id returns the "id" attribute of a resource state, or "" (no state, no id, or a state that
// cannot be decoded).
func (f *filter) id(ctx context.Context, typeName string, state *tfprotov6.DynamicValue) string {
	if state == nil {
		return ""
	}
	typ := f.stateType(ctx, typeName)
	if typ == nil {
		return ""
	}
	v, err := state.Unmarshal(typ)
	if err != nil || v.IsNull() || !v.IsKnown() {
		return ""
	}
	var attrs map[string]tftypes.Value
	if v.As(&attrs) != nil {
		return ""
	}
	var id string
	if idv, ok := attrs["id"]; !ok || !idv.IsKnown() || idv.IsNull() || idv.As(&id) != nil {
		return ""
	}
	return id
}

// stateType returns the type of typeName's state, from the provider's schema (read once).
func (f *filter) stateType(ctx context.Context, typeName string) tftypes.Type {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.types == nil {
		resp, err := f.ProviderServer.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
		if err != nil || resp == nil {
			return nil
		}
		f.types = map[string]tftypes.Type{}
		for name, s := range resp.ResourceSchemas {
			if s != nil {
				f.types[name] = s.ValueType()
			}
		}
	}
	return f.types[typeName]
}
