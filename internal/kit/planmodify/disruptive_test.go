package planmodify

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestSetUnknown(t *testing.T) {
	ctx := context.Background()
	s := schema.Schema{Attributes: map[string]schema.Attribute{
		"name":  schema.StringAttribute{Required: true},
		"ip":    schema.StringAttribute{Computed: true},
		"ports": schema.MapAttribute{ElementType: types.Int64Type, Computed: true},
	}}
	plan := tfsdk.Plan{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), map[string]tftypes.Value{
		"name":  tftypes.NewValue(tftypes.String, "pod"),
		"ip":    tftypes.NewValue(tftypes.String, "1.2.3.4"),
		"ports": tftypes.NewValue(tftypes.Map{ElementType: tftypes.Number}, nil),
	})}
	if diags := SetUnknown(ctx, &plan, "ip", "ports"); diags.HasError() {
		t.Fatal(diags)
	}
	var name, ip types.String
	var ports types.Map
	plan.GetAttribute(ctx, path.Root("name"), &name)
	plan.GetAttribute(ctx, path.Root("ip"), &ip)
	plan.GetAttribute(ctx, path.Root("ports"), &ports)
	if !ip.IsUnknown() || !ports.IsUnknown() {
		t.Errorf("ip = %v, ports = %v: want both unknown", ip, ports)
	}
	if name.ValueString() != "pod" {
		t.Errorf("name = %v: an attribute not named must keep its value", name)
	}
	if diags := SetUnknown(ctx, &plan, "nope"); !diags.HasError() {
		t.Error("an attribute the schema lacks must be reported")
	}
}

func TestList(t *testing.T) {
	for names, want := range map[string]string{"": "", "a": "a", "a b": "a and b", "a b c": "a, b and c"} {
		var in []string
		for _, r := range names {
			if r != ' ' {
				in = append(in, string(r))
			}
		}
		if got := List(in); got != want {
			t.Errorf("List(%q) = %q, want %q", in, got, want)
		}
	}
}
