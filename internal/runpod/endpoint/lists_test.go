package endpoint

import (
	"context"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/planlists"
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
	for _, problem := range planlists.Check(s, lists, " (rollingAttributes is derived: give the attribute a field of "+
		"EndpointUpdateInput named like its model field; when RunPod changes it in place, list it in inPlaceAttributes and the "+
		"field in runpodapi's endpointInPlaceFields too)", "id", "timeouts") {
		t.Error(problem)
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
	var before, after attr.Value
	one := func(v string) []attr.Value { return []attr.Value{types.StringValue(v)} }
	switch a.GetType() {
	case types.StringType:
		before, after = types.StringValue("before"), types.StringValue("after")
	case types.Int64Type:
		before, after = types.Int64Value(1), types.Int64Value(2)
	case types.BoolType:
		before, after = types.BoolValue(false), types.BoolValue(true)
	case types.ListType{ElemType: types.StringType}:
		before, after = types.ListValueMust(types.StringType, one("a")), types.ListValueMust(types.StringType, one("b"))
	case types.SetType{ElemType: types.StringType}:
		before, after = types.SetValueMust(types.StringType, one("a")), types.SetValueMust(types.StringType, one("b"))
	case types.MapType{ElemType: types.StringType}:
		before = types.MapValueMust(types.StringType, map[string]attr.Value{"k": types.StringValue("a")})
		after = types.MapValueMust(types.StringType, map[string]attr.Value{"k": types.StringValue("b")})
	default:
		return false // no attribute of this type has plan modifiers
	}
	// Each modifier's PlanModify<Type>(ctx, request, *response), called with an existing
	// resource (state and plan not null) whose value changes.
	obj := tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{})
	modifiers := reflect.ValueOf(a).FieldByName("PlanModifiers")
	for i := range modifiers.Len() {
		m := modifiers.Index(i).Elem()
		var call reflect.Value
		for j := range m.NumMethod() {
			if strings.HasPrefix(m.Type().Method(j).Name, "PlanModify") {
				call = m.Method(j)
			}
		}
		req := reflect.New(call.Type().In(1)).Elem()
		for name, v := range map[string]any{"State": tfsdk.State{Raw: obj}, "Plan": tfsdk.Plan{Raw: obj}, "Config": tfsdk.Config{Raw: obj},
			"StateValue": before, "PlanValue": after, "ConfigValue": after} {
			req.FieldByName(name).Set(reflect.ValueOf(v))
		}
		resp := reflect.New(call.Type().In(2).Elem())
		resp.Elem().FieldByName("PlanValue").Set(reflect.ValueOf(after))
		call.Call([]reflect.Value{reflect.ValueOf(ctx), req, resp})
		if resp.Elem().FieldByName("RequiresReplace").Bool() {
			return true
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
