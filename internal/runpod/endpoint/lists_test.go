package endpoint

import (
	"context"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// providerSettings are the attributes that say how the provider applies a change, not what
// RunPod holds: changing one sends nothing.
var providerSettings = []string{"wait_for_rollout"}

// TestEveryAttributeIsClassified: what a change of an attribute does is decided by
// inPlaceAttributes, rollingAttributes (derived from EndpointUpdateInput), the schema's
// replacement plan modifiers and providerSettings; an attribute in none of them would change
// in the state without RunPod ever being asked. Every attribute the user sets is in exactly
// one, and the computed-only ones in none.
func TestEveryAttributeIsClassified(t *testing.T) {
	ctx := context.Background()
	var resp resource.SchemaResponse
	(&endpointResource{}).Schema(ctx, resource.SchemaRequest{}, &resp)
	s := resp.Schema
	var replaced []string
	for name, a := range s.Attributes {
		if replacesOnChange(ctx, a) {
			replaced = append(replaced, name)
		}
	}
	lists := map[string][]string{
		"inPlaceAttributes (model.go: changed in place; RunPod's in-place fields are runpodapi's endpointInPlaceFields)":  inPlaceAttributes,
		"rollingAttributes (model.go: a release; derived from an EndpointUpdateInput field named like the model's field)": rollingAttributes,
		"replaced (schema.go: a RequiresReplace plan modifier)":                                                           replaced,
		"providerSettings (lists_test.go: nothing is sent)":                                                               providerSettings,
	}
	names := make([]string, 0, len(s.Attributes))
	for name := range s.Attributes {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if name == "id" || name == "timeouts" {
			continue
		}
		var in []string
		for list, members := range lists {
			if slices.Contains(members, name) {
				in = append(in, list)
			}
		}
		sort.Strings(in)
		settable := s.Attributes[name].IsOptional() || s.Attributes[name].IsRequired()
		switch {
		case !settable && len(in) > 0:
			t.Errorf("%s is computed only, yet listed in %s: remove it", name, strings.Join(in, ", "))
		case settable && len(in) == 0:
			t.Errorf("%s is set by the user but in no list that decides what its change does: give it a field of "+
				"EndpointUpdateInput named like its model field (a release; also list it in inPlaceAttributes, and the field in "+
				"runpodapi's endpointInPlaceFields, when RunPod changes it in place), replace the endpoint on a change "+
				"(RequiresReplace in schema.go), or list it in providerSettings when nothing is sent", name)
		case len(in) > 1:
			t.Errorf("%s is in more than one list: %s", name, strings.Join(in, ", "))
		}
	}
	// inPlaceAttributes keeps its order for messages: it must name exactly the attributes whose
	// EndpointUpdateInput field RunPod applies in place.
	derived := updatableAttributes(false)
	for _, name := range derived {
		if !slices.Contains(inPlaceAttributes, name) {
			t.Errorf("%s changes through an in-place field of EndpointUpdateInput (runpodapi's endpointInPlaceFields): list it in "+
				"inPlaceAttributes (model.go)", name)
		}
	}
	for _, name := range inPlaceAttributes {
		if !slices.Contains(derived, name) {
			t.Errorf("inPlaceAttributes lists %s, whose model field names no in-place field of EndpointUpdateInput: add the "+
				"field (and to runpodapi's endpointInPlaceFields), or move %s", name, name)
		}
	}
}

// replacesOnChange reports whether a's plan modifiers replace the resource when its value
// changes from one known value to another.
func replacesOnChange(ctx context.Context, a schema.Attribute) bool {
	obj := tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{}) // an existing resource, not destroyed
	state, plan, config := tfsdk.State{Raw: obj}, tfsdk.Plan{Raw: obj}, tfsdk.Config{Raw: obj}
	one := func(v string) []attr.Value { return []attr.Value{types.StringValue(v)} }
	switch a := a.(type) {
	case schema.StringAttribute:
		for _, m := range a.PlanModifiers {
			before, after := types.StringValue("before"), types.StringValue("after")
			resp := planmodifier.StringResponse{PlanValue: after}
			m.PlanModifyString(ctx, planmodifier.StringRequest{State: state, Plan: plan, Config: config,
				StateValue: before, PlanValue: after, ConfigValue: after}, &resp)
			if resp.RequiresReplace {
				return true
			}
		}
	case schema.Int64Attribute:
		for _, m := range a.PlanModifiers {
			before, after := types.Int64Value(1), types.Int64Value(2)
			resp := planmodifier.Int64Response{PlanValue: after}
			m.PlanModifyInt64(ctx, planmodifier.Int64Request{State: state, Plan: plan, Config: config,
				StateValue: before, PlanValue: after, ConfigValue: after}, &resp)
			if resp.RequiresReplace {
				return true
			}
		}
	case schema.BoolAttribute:
		for _, m := range a.PlanModifiers {
			before, after := types.BoolValue(false), types.BoolValue(true)
			resp := planmodifier.BoolResponse{PlanValue: after}
			m.PlanModifyBool(ctx, planmodifier.BoolRequest{State: state, Plan: plan, Config: config,
				StateValue: before, PlanValue: after, ConfigValue: after}, &resp)
			if resp.RequiresReplace {
				return true
			}
		}
	case schema.ListAttribute:
		for _, m := range a.PlanModifiers {
			before, after := types.ListValueMust(types.StringType, one("a")), types.ListValueMust(types.StringType, one("b"))
			resp := planmodifier.ListResponse{PlanValue: after}
			m.PlanModifyList(ctx, planmodifier.ListRequest{State: state, Plan: plan, Config: config,
				StateValue: before, PlanValue: after, ConfigValue: after}, &resp)
			if resp.RequiresReplace {
				return true
			}
		}
	case schema.SetAttribute:
		for _, m := range a.PlanModifiers {
			before, after := types.SetValueMust(types.StringType, one("a")), types.SetValueMust(types.StringType, one("b"))
			resp := planmodifier.SetResponse{PlanValue: after}
			m.PlanModifySet(ctx, planmodifier.SetRequest{State: state, Plan: plan, Config: config,
				StateValue: before, PlanValue: after, ConfigValue: after}, &resp)
			if resp.RequiresReplace {
				return true
			}
		}
	case schema.MapAttribute:
		for _, m := range a.PlanModifiers {
			before := types.MapValueMust(types.StringType, map[string]attr.Value{"k": types.StringValue("a")})
			after := types.MapValueMust(types.StringType, map[string]attr.Value{"k": types.StringValue("b")})
			resp := planmodifier.MapResponse{PlanValue: after}
			m.PlanModifyMap(ctx, planmodifier.MapRequest{State: state, Plan: plan, Config: config,
				StateValue: before, PlanValue: after, ConfigValue: after}, &resp)
			if resp.RequiresReplace {
				return true
			}
		}
	}
	return false
}

// TestReplacesOnChange: the derivation of the replaced attributes sees the schema's
// replacements (a test of the test).
func TestReplacesOnChange(t *testing.T) {
	ctx := context.Background()
	var resp resource.SchemaResponse
	(&endpointResource{}).Schema(ctx, resource.SchemaRequest{}, &resp)
	var got []string
	for name, a := range resp.Schema.Attributes {
		if replacesOnChange(ctx, a) {
			got = append(got, name)
		}
	}
	sort.Strings(got)
	if want := []string{"compute_type", "type"}; !slices.Equal(got, want) {
		t.Errorf("attributes replaced on a change: %v, want %v", got, want)
	}
}
