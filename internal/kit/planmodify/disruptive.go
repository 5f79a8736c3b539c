// Package planmodify holds the provider's own plan modifiers: the markers that make a plan say
// when an in-place update disrupts what runs (a pod reset, an endpoint rolling release).
package planmodify

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// DisruptiveUpdate marks planned in-place updates that disrupt a running object. A resource
// calls Mark from its ModifyPlan. When the plan changes any of Triggers (and the object is
// neither being created nor destroyed), Mark adds a warning from Warning and makes Unknown
// attributes unknown, since the disruption changes them: the plan shows what will happen.
type DisruptiveUpdate struct {
	// Triggers are the top-level attributes whose change causes the disruption.
	Triggers []string
	// Unknown are computed top-level attributes the disruption changes.
	Unknown []string
	// Warning returns the warning's summary and detail, given the changed triggers (in
	// Triggers order) and the plan.
	Warning func(ctx context.Context, changed []string, plan PlanReader) (summary, detail string)
}

// PlanReader reads attributes of the plan (tfsdk.Plan satisfies it).
type PlanReader interface {
	GetAttribute(ctx context.Context, p path.Path, target interface{}) diag.Diagnostics
}

// Changed returns the triggers whose planned value differs from the state. It returns nil on
// create and destroy. An unknown planned value counts as a change.
func (d DisruptiveUpdate) Changed(ctx context.Context, req resource.ModifyPlanRequest) ([]string, diag.Diagnostics) {
	var diags diag.Diagnostics
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return nil, diags
	}
	var changed []string
	for _, name := range d.Triggers {
		var planned, prior attr.Value
		diags.Append(req.Plan.GetAttribute(ctx, path.Root(name), &planned)...)
		diags.Append(req.State.GetAttribute(ctx, path.Root(name), &prior)...)
		if diags.HasError() {
			return nil, diags
		}
		if !planned.Equal(prior) {
			changed = append(changed, name)
		}
	}
	return changed, diags
}

// Mark applies the marker to resp and returns the triggers that changed.
func (d DisruptiveUpdate) Mark(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) []string {
	changed, diags := d.Changed(ctx, req)
	resp.Diagnostics.Append(diags...)
	if len(changed) == 0 || resp.Diagnostics.HasError() {
		return changed
	}
	summary, detail := d.Warning(ctx, changed, resp.Plan)
	resp.Diagnostics.AddWarning(summary, detail)
	resp.Diagnostics.Append(SetUnknown(ctx, &resp.Plan, d.Unknown...)...)
	return changed
}

// SetUnknown makes the top-level attributes names of plan unknown ("known after apply").
func SetUnknown(ctx context.Context, plan *tfsdk.Plan, names ...string) diag.Diagnostics {
	var diags diag.Diagnostics
	for _, name := range names {
		p := path.Root(name)
		typ, d := plan.Schema.TypeAtPath(ctx, p)
		diags.Append(d...)
		if d.HasError() {
			continue
		}
		unknown, err := typ.ValueFromTerraform(ctx, tftypes.NewValue(typ.TerraformType(ctx), tftypes.UnknownValue))
		if err != nil {
			diags.AddError("Internal error in plan modifier", fmt.Sprintf("making %s unknown: %v", name, err))
			continue
		}
		diags.Append(plan.SetAttribute(ctx, p, unknown)...)
	}
	return diags
}

// List joins names for a warning: "a", "a and b", "a, b and c".
func List(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
