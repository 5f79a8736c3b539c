package tfvalue

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func list(values ...string) types.List { return StringList(values) }

func set(values ...string) types.Set {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return types.SetValueMust(types.StringType, elems)
}

func strMap(kv ...string) types.Map {
	m := map[string]string{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return StringMap(m)
}

var (
	nullList    = types.ListNull(types.StringType)
	unknownList = types.ListUnknown(types.StringType)
	nullSet     = types.SetNull(types.StringType)
	nullMap     = types.MapNull(types.StringType)
	unknownMap  = types.MapUnknown(types.StringType)
)

func TestPtr_nullAndUnknownAreNotSet(t *testing.T) {
	if StringPtr(types.StringNull()) != nil || StringPtr(types.StringUnknown()) != nil {
		t.Error("StringPtr of null or unknown must be nil")
	}
	if IntPtr(types.Int64Null()) != nil || IntPtr(types.Int64Unknown()) != nil {
		t.Error("IntPtr of null or unknown must be nil")
	}
	if FloatPtr(types.Float64Null()) != nil || FloatPtr(types.Float64Unknown()) != nil {
		t.Error("FloatPtr of null or unknown must be nil")
	}
	if BoolPtr(types.BoolNull()) != nil || BoolPtr(types.BoolUnknown()) != nil {
		t.Error("BoolPtr of null or unknown must be nil")
	}
	if p := StringPtr(types.StringValue("")); p == nil || *p != "" {
		t.Errorf("StringPtr(\"\") = %v, want a pointer to \"\"", p)
	}
	if p := IntPtr(types.Int64Value(0)); p == nil || *p != 0 {
		t.Errorf("IntPtr(0) = %v, want a pointer to 0", p)
	}
	if p := FloatPtr(types.Float64Value(0.5)); p == nil || *p != 0.5 {
		t.Errorf("FloatPtr(0.5) = %v, want a pointer to 0.5", p)
	}
	if p := BoolPtr(types.BoolValue(false)); p == nil || *p {
		t.Errorf("BoolPtr(false) = %v, want a pointer to false", p)
	}
}

func TestStringsPtr(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		v    StringCollection
		want *[]string
	}{
		{"null list", nullList, nil},
		{"unknown list", unknownList, nil},
		{"empty list is sent as []", list(), &[]string{}},
		{"list keeps its order", list("b", "a"), &[]string{"b", "a"}},
		{"null set", nullSet, nil},
		{"set", set("a"), &[]string{"a"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.Diagnostics
			got := StringsPtr(ctx, tc.v, &diags)
			if diags.HasError() {
				t.Fatal(diags)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
			if got != nil && *got == nil {
				t.Error("a known collection must give a non-nil slice (JSON [] rather than null)")
			}
		})
	}

	var diags diag.Diagnostics
	StringsPtr(ctx, types.ListValueMust(types.StringType, []attr.Value{types.StringNull()}), &diags)
	if !diags.HasError() {
		t.Error("a null element must be reported")
	}
}

func TestStringMapPtr(t *testing.T) {
	ctx := context.Background()
	var diags diag.Diagnostics
	if StringMapPtr(ctx, nullMap, &diags) != nil || StringMapPtr(ctx, unknownMap, &diags) != nil {
		t.Error("null or unknown map must be nil")
	}
	if got := StringMapPtr(ctx, strMap(), &diags); got == nil || *got == nil || len(*got) != 0 {
		t.Errorf("empty map = %v, want a pointer to an empty, non-nil map", got)
	}
	if got := StringMapPtr(ctx, strMap("A", "1"), &diags); got == nil || !reflect.DeepEqual(*got, map[string]string{"A": "1"}) {
		t.Errorf("got %v", got)
	}
	if diags.HasError() {
		t.Fatal(diags)
	}
}

func TestStrings_neverFails(t *testing.T) {
	if Strings(nullList) != nil || Strings(unknownList) != nil {
		t.Error("null or unknown list must give nil")
	}
	withUnknown := types.ListValueMust(types.StringType, []attr.Value{types.StringValue("a"), types.StringUnknown()})
	if got := Strings(withUnknown); !reflect.DeepEqual(got, []string{"a", ""}) {
		t.Errorf("got %q, want an unknown element read as \"\"", got)
	}
	if got := Strings(list()); got == nil || len(got) != 0 {
		t.Errorf("empty list = %#v, want an empty, non-nil slice", got)
	}
}

func TestStringOrNull(t *testing.T) {
	if !StringOrNull("").IsNull() {
		t.Error(`"" must be null`)
	}
	if got := StringOrNull("x"); !got.Equal(types.StringValue("x")) {
		t.Errorf("got %v", got)
	}
}

func TestStringListAndMap_areAlwaysKnown(t *testing.T) {
	if got := StringList(nil); got.IsNull() || got.IsUnknown() || len(got.Elements()) != 0 {
		t.Errorf("StringList(nil) = %v, want a known empty list", got)
	}
	if got := StringMap(nil); got.IsNull() || got.IsUnknown() || len(got.Elements()) != 0 {
		t.Errorf("StringMap(nil) = %v, want a known empty map", got)
	}
	want, _ := types.ListValueFrom(context.Background(), types.StringType, []string{"a", "b"})
	if got := StringList([]string{"a", "b"}); !got.Equal(want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestListedKeepsTheOrderAndListsNoneAsEmpty(t *testing.T) {
	type volume struct{ ID, Name string }
	name := func(v *volume) string { return "name " + v.Name }
	id := func(v *volume) string { return v.ID }
	models, ids := Listed([]volume{{"v2", "b"}, {"v1", "a"}}, name, id)
	if !reflect.DeepEqual(models, []string{"name b", "name a"}) || !ids.Equal(StringList([]string{"v2", "v1"})) {
		t.Errorf("got %v, %v", models, ids)
	}
	models, ids = Listed(nil, name, id)
	if models == nil || len(models) != 0 || ids.IsNull() || len(ids.Elements()) != 0 {
		t.Errorf("none: got %#v, %v; want empty, not nil or null", models, ids)
	}
}

// An empty answer is null unless prior was a known empty value; a non-empty answer is kept.
func TestOptional(t *testing.T) {
	for _, tc := range []struct {
		name      string
		got, want attr.Value
	}{
		{"string empty, prior null", OptionalString("", types.StringNull()), types.StringNull()},
		{"string empty, prior unknown", OptionalString("", types.StringUnknown()), types.StringNull()},
		{"string empty, prior set", OptionalString("", types.StringValue("x")), types.StringNull()},
		{"string empty, prior empty", OptionalString("", types.StringValue("")), types.StringValue("")},
		{"string set", OptionalString("y", types.StringNull()), types.StringValue("y")},

		{"list empty, prior null", OptionalList(nil, nullList), nullList},
		{"list empty, prior unknown", OptionalList([]string{}, unknownList), nullList},
		{"list empty, prior not empty", OptionalList(nil, list("a")), nullList},
		{"list empty, prior empty", OptionalList(nil, list()), list()},
		{"list set", OptionalList([]string{"b", "a"}, nullList), list("b", "a")},

		{"set empty, prior null", OptionalSet(nil, nullSet), nullSet},
		{"set empty, prior empty", OptionalSet(nil, set()), set()},
		{"set set", OptionalSet([]string{"a"}, nullSet), set("a")},

		{"map empty, prior null", OptionalMap(nil, nullMap), nullMap},
		{"map empty, prior unknown", OptionalMap(map[string]string{}, unknownMap), nullMap},
		{"map empty, prior empty", OptionalMap(nil, strMap()), strMap()},
		{"map set", OptionalMap(map[string]string{"A": "1"}, nullMap), strMap("A", "1")},
	} {
		if !tc.got.Equal(tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

func TestChanged(t *testing.T) {
	ctx := context.Background()
	str := func(p *string) any {
		if p == nil {
			return nil
		}
		return *p
	}
	num := func(p *int) any {
		if p == nil {
			return nil
		}
		return *p
	}
	flag := func(p *bool) any {
		if p == nil {
			return nil
		}
		return *p
	}
	strs := func(p *[]string) any {
		if p == nil {
			return nil
		}
		return *p
	}
	entries := func(p *map[string]string) any {
		if p == nil {
			return nil
		}
		return *p
	}
	var diags diag.Diagnostics
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"string same", str(ChangedString(types.StringValue("a"), types.StringValue("a"))), nil},
		{"string unknown", str(ChangedString(types.StringUnknown(), types.StringValue("a"))), nil},
		{"string changed", str(ChangedString(types.StringValue("b"), types.StringValue("a"))), "b"},
		{"string removed clears", str(ChangedString(types.StringNull(), types.StringValue("a"))), ""},

		{"int same", num(ChangedInt(types.Int64Value(1), types.Int64Value(1))), nil},
		{"int unknown", num(ChangedInt(types.Int64Unknown(), types.Int64Value(1))), nil},
		{"int changed", num(ChangedInt(types.Int64Value(0), types.Int64Value(1))), 0},
		{"int removed is left out", num(ChangedInt(types.Int64Null(), types.Int64Value(1))), nil},

		{"bool same", flag(ChangedBool(types.BoolValue(true), types.BoolValue(true))), nil},
		{"bool changed", flag(ChangedBool(types.BoolValue(false), types.BoolValue(true))), false},
		{"bool removed is left out", flag(ChangedBool(types.BoolNull(), types.BoolValue(true))), nil},

		{"list same", strs(ChangedStrings(ctx, list("a"), list("a"), &diags)), nil},
		{"list unknown", strs(ChangedStrings(ctx, unknownList, list("a"), &diags)), nil},
		{"list changed", strs(ChangedStrings(ctx, list("b", "a"), list("a"), &diags)), []string{"b", "a"}},
		{"list emptied", strs(ChangedStrings(ctx, list(), list("a"), &diags)), []string{}},
		{"list removed clears", strs(ChangedStrings(ctx, nullList, list("a"), &diags)), []string{}},
		{"set changed", strs(ChangedStrings(ctx, set("b"), set("a"), &diags)), []string{"b"}},

		{"map same", entries(ChangedStringMap(ctx, strMap("A", "1"), strMap("A", "1"), &diags)), nil},
		{"map unknown", entries(ChangedStringMap(ctx, unknownMap, strMap("A", "1"), &diags)), nil},
		{"map changed", entries(ChangedStringMap(ctx, strMap("A", "2"), strMap("A", "1"), &diags)), map[string]string{"A": "2"}},
		{"map removed clears", entries(ChangedStringMap(ctx, nullMap, strMap("A", "1"), &diags)), map[string]string{}},
	} {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s: got %#v, want %#v", tc.name, tc.got, tc.want)
		}
	}
	if diags.HasError() {
		t.Fatal(diags)
	}
}

// KnownOr keeps a null value; ValueOr replaces it (the endpoint and template models rely on
// the difference).
func TestKnownOrAndValueOr(t *testing.T) {
	def := types.StringValue("default")
	for _, tc := range []struct {
		name      string
		got, want types.String
	}{
		{"KnownOr unknown", KnownOr(types.StringUnknown(), def), def},
		{"KnownOr null", KnownOr(types.StringNull(), def), types.StringNull()},
		{"KnownOr value", KnownOr(types.StringValue("x"), def), types.StringValue("x")},
		{"ValueOr unknown", ValueOr(types.StringUnknown(), def), def},
		{"ValueOr null", ValueOr(types.StringNull(), def), def},
		{"ValueOr value", ValueOr(types.StringValue("x"), def), types.StringValue("x")},
	} {
		if !tc.got.Equal(tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

// stateModel stands for a resource's model: framework values, and a field of another type.
type stateModel struct {
	ID       types.String  `tfsdk:"id"`
	Name     types.String  `tfsdk:"name"`
	Count    types.Int64   `tfsdk:"count"`
	Price    types.Float64 `tfsdk:"price"`
	Locked   types.Bool    `tfsdk:"locked"`
	Ports    types.List    `tfsdk:"ports"`
	Regions  types.Set     `tfsdk:"regions"`
	Env      types.Map     `tfsdk:"env"`
	internal int
}

func unknownState() stateModel {
	return stateModel{
		ID: types.StringUnknown(), Name: types.StringUnknown(), Count: types.Int64Unknown(), Price: types.Float64Unknown(),
		Locked: types.BoolUnknown(), Ports: types.ListUnknown(types.StringType), Regions: types.SetUnknown(types.Int64Type),
		Env: types.MapUnknown(types.StringType), internal: 7,
	}
}

func TestNullUnknownsLeavesNoUnknownAndKeepsTypes(t *testing.T) {
	got := NullUnknowns(unknownState())
	want := stateModel{
		ID: types.StringNull(), Name: types.StringNull(), Count: types.Int64Null(), Price: types.Float64Null(),
		Locked: types.BoolNull(), Ports: types.ListNull(types.StringType), Regions: types.SetNull(types.Int64Type),
		Env: types.MapNull(types.StringType), internal: 7,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("NullUnknowns = %+v, want %+v", got, want)
	}
	known := stateModel{ID: types.StringValue("x"), Ports: StringList([]string{"a"})}
	if again := NullUnknowns(known); !reflect.DeepEqual(again, known) {
		t.Errorf("NullUnknowns changed known values: %+v", again)
	}
}

// KeepKnown keeps what the plan knew, even where the API answers otherwise, takes the rest
// from the API's answer, and nulls what neither knows.
func TestKeepKnownTakesOnlyTheUnknownsFromTheAnswer(t *testing.T) {
	plan := unknownState()
	plan.Name = types.StringValue("planned")
	plan.internal = 1
	got := stateModel{ID: types.StringValue("id-1"), Name: types.StringValue("as the API spells it"), Count: types.Int64Value(2),
		Price: types.Float64Unknown(), Locked: types.BoolValue(true), internal: 2}
	out := KeepKnown(plan, got)
	if out.Name.ValueString() != "planned" || out.ID.ValueString() != "id-1" || out.Count.ValueInt64() != 2 || !out.Locked.ValueBool() {
		t.Errorf("KeepKnown = %+v", out)
	}
	if !out.Price.IsNull() || !out.Ports.IsNull() || !out.Regions.IsNull() || !out.Env.IsNull() {
		t.Errorf("KeepKnown left values neither knew not null: %+v", out)
	}
	if out.internal != 1 {
		t.Errorf("KeepKnown took a field that is not a framework value from the answer: %d", out.internal)
	}
}
