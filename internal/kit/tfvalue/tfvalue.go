// Package tfvalue converts between the plugin framework's values (types.String, types.List,
// ...) and the plain Go values of the API client's inputs and answers, in the ways every
// domain package needs them.
//
// Toward the API, null and unknown both mean "not set": the Ptr helpers return nil for them,
// so that RunPod (or a template) supplies its default. From the API, RunPod answers "", []
// or {} for what is not set: StringOrNull maps "" to null, and the Optional helpers keep an
// empty answer empty only where the configuration said so.
package tfvalue

import (
	"context"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// ---- framework values → API inputs ----

// StringPtr returns a pointer to v's value, or nil when v is null or unknown.
func StringPtr(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	s := v.ValueString()
	return &s
}

// IntPtr returns a pointer to v's value as an int, or nil when v is null or unknown.
func IntPtr(v types.Int64) *int {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	n := int(v.ValueInt64())
	return &n
}

// FloatPtr returns a pointer to v's value, or nil when v is null or unknown.
func FloatPtr(v types.Float64) *float64 {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	f := v.ValueFloat64()
	return &f
}

// BoolPtr returns a pointer to v's value, or nil when v is null or unknown.
func BoolPtr(v types.Bool) *bool {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	b := v.ValueBool()
	return &b
}

// StringCollection is a list or set of strings (types.List and types.Set satisfy it).
type StringCollection interface {
	attr.Value
	ElementsAs(ctx context.Context, target any, allowUnhandled bool) diag.Diagnostics
}

// StringsPtr returns a pointer to v's elements, or nil when v is null or unknown. A known
// empty collection gives an empty, non-nil slice (sent as []). An element that is not a
// known string (a null in the list) is reported in diags.
func StringsPtr(ctx context.Context, v StringCollection, diags *diag.Diagnostics) *[]string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(v.ElementsAs(ctx, &out, false)...)
	if out == nil {
		out = []string{}
	}
	return &out
}

// StringMapPtr returns a pointer to v's entries, or nil when v is null or unknown. A known
// empty map gives an empty, non-nil map (sent as {}). A value that is not a known string is
// reported in diags.
func StringMapPtr(ctx context.Context, v types.Map, diags *diag.Diagnostics) *map[string]string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	var out map[string]string
	diags.Append(v.ElementsAs(ctx, &out, false)...)
	if out == nil {
		out = map[string]string{}
	}
	return &out
}

// Strings returns the elements of a list of strings, or nil when the list is null or unknown.
// It never fails: an element that is null or unknown (possible at plan time) reads as "".
func Strings(v types.List) []string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	out := make([]string, 0, len(v.Elements()))
	for _, e := range v.Elements() {
		if s, ok := e.(types.String); ok {
			out = append(out, s.ValueString())
		}
	}
	return out
}

// ---- planned changes → API update inputs ----

// The Changed helpers build one field of an update (PATCH) that sends only what changes: nil
// when the planned value is unknown (decided at apply) or equals the prior one; else the
// planned value. A planned null clears a string ("") or a collection ([] or {}); a number or
// a bool has nothing to clear, so a null one is left out (nil).

func changed(planned, prior attr.Value) bool { return !planned.IsUnknown() && !planned.Equal(prior) }

// ChangedString returns the planned string when it changes ("" when it becomes null).
func ChangedString(planned, prior types.String) *string {
	if !changed(planned, prior) {
		return nil
	}
	s := planned.ValueString()
	return &s
}

// ChangedInt returns the planned number when it changes to a non-null value.
func ChangedInt(planned, prior types.Int64) *int {
	if !changed(planned, prior) {
		return nil
	}
	return IntPtr(planned)
}

// ChangedBool returns the planned bool when it changes to a non-null value.
func ChangedBool(planned, prior types.Bool) *bool {
	if !changed(planned, prior) {
		return nil
	}
	return BoolPtr(planned)
}

// ChangedStrings returns the planned elements when they change ([] when the collection
// becomes null).
func ChangedStrings(ctx context.Context, planned, prior StringCollection, diags *diag.Diagnostics) *[]string {
	if !changed(planned, prior) {
		return nil
	}
	if planned.IsNull() {
		return &[]string{}
	}
	return StringsPtr(ctx, planned, diags)
}

// ChangedStringMap returns the planned entries when they change ({} when the map becomes
// null).
func ChangedStringMap(ctx context.Context, planned, prior types.Map, diags *diag.Diagnostics) *map[string]string {
	if !changed(planned, prior) {
		return nil
	}
	if planned.IsNull() {
		return &map[string]string{}
	}
	return StringMapPtr(ctx, planned, diags)
}

// ---- API answers → framework values ----

// StringOrNull returns s, or null when s is "".
func StringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// StringList returns a known list of values (an empty list for none).
func StringList(values []string) types.List {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return types.ListValueMust(types.StringType, elems)
}

// Listed returns what a list data source shows of objects, in their order: the model of each
// (never nil, so that no objects is an empty list, not null) and the list of their ids (its
// ids attribute).
func Listed[T, M any](objects []T, model func(*T) M, id func(*T) string) ([]M, types.List) {
	models := make([]M, len(objects))
	ids := make([]string, len(objects))
	for i := range objects {
		models[i] = model(&objects[i])
		ids[i] = id(&objects[i])
	}
	return models, StringList(ids)
}

// StringMap returns a known map of m (an empty map for none).
func StringMap(m map[string]string) types.Map {
	elems := make(map[string]attr.Value, len(m))
	for k, v := range m {
		elems[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, elems)
}

// The Optional helpers map RunPod's answer for an optional attribute, for which RunPod
// answers "", [] or {} when it is not set. prior is what Terraform knew before (the plan on
// create and update, the state on read; null on import). An empty answer is null, unless
// prior was a known empty value: a configured empty value stays empty, an unset one null.

// OptionalString maps an API string: "" is null unless prior was a known "".
func OptionalString(s string, prior types.String) types.String {
	if s == "" && (prior.IsNull() || prior.IsUnknown() || prior.ValueString() != "") {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// OptionalList maps an API list: empty is null unless prior was a known empty list.
func OptionalList(values []string, prior types.List) types.List {
	if len(values) == 0 && !knownEmpty(prior, len(prior.Elements())) {
		return types.ListNull(types.StringType)
	}
	return StringList(values)
}

// OptionalSet maps an API list to a set: empty is null unless prior was a known empty set.
func OptionalSet(values []string, prior types.Set) types.Set {
	if len(values) == 0 && !knownEmpty(prior, len(prior.Elements())) {
		return types.SetNull(types.StringType)
	}
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return types.SetValueMust(types.StringType, elems)
}

// OptionalMap maps an API map: empty is null unless prior was a known empty map.
func OptionalMap(m map[string]string, prior types.Map) types.Map {
	if len(m) == 0 && !knownEmpty(prior, len(prior.Elements())) {
		return types.MapNull(types.StringType)
	}
	return StringMap(m)
}

func knownEmpty(prior attr.Value, n int) bool { return !prior.IsNull() && !prior.IsUnknown() && n == 0 }

// ---- defaults ----

// KnownOr returns v unless it is unknown, else def. A null v is returned as it is.
func KnownOr[T attr.Value](v, def T) T {
	if v.IsUnknown() {
		return def
	}
	return v
}

// ValueOr returns v when it is known and not null, else def.
func ValueOr[T attr.Value](v, def T) T {
	if v.IsUnknown() || v.IsNull() {
		return def
	}
	return v
}

// ---- models → state ----

// KeepKnown returns plan with its unknown values (what Terraform shows as "known after
// apply") taken from got, the model as the API reports the object after the apply: a value the
// plan knew is kept as planned, as Terraform requires of an apply. Values neither knows become
// null (NullUnknowns). M must be a struct of framework values (a resource's model); fields of
// other types, and unexported ones, are kept as planned.
func KeepKnown[M any](plan, got M) M {
	out := plan
	pv, gv, ov := reflect.ValueOf(plan), reflect.ValueOf(got), reflect.ValueOf(&out).Elem()
	for i := range pv.NumField() {
		if !pv.Type().Field(i).IsExported() {
			continue
		}
		if v, ok := pv.Field(i).Interface().(attr.Value); ok && v.IsUnknown() {
			ov.Field(i).Set(gv.Field(i))
		}
	}
	return NullUnknowns(out)
}

// NullUnknowns replaces m's unknown values by nulls of the same type: a state holds no
// unknowns. M must be a struct of framework values; an unknown of a type it does not know
// (an object) is left as it is, and so are unexported fields.
func NullUnknowns[M any](m M) M {
	ov := reflect.ValueOf(&m).Elem()
	ctx := context.Background()
	for i := range ov.NumField() {
		if !ov.Type().Field(i).IsExported() {
			continue
		}
		f := ov.Field(i)
		v, ok := f.Interface().(attr.Value)
		if !ok || !v.IsUnknown() {
			continue
		}
		switch v := v.(type) {
		case types.String:
			f.Set(reflect.ValueOf(types.StringNull()))
		case types.Int64:
			f.Set(reflect.ValueOf(types.Int64Null()))
		case types.Float64:
			f.Set(reflect.ValueOf(types.Float64Null()))
		case types.Bool:
			f.Set(reflect.ValueOf(types.BoolNull()))
		case types.List:
			f.Set(reflect.ValueOf(types.ListNull(v.ElementType(ctx))))
		case types.Set:
			f.Set(reflect.ValueOf(types.SetNull(v.ElementType(ctx))))
		case types.Map:
			f.Set(reflect.ValueOf(types.MapNull(v.ElementType(ctx))))
		}
	}
	return m
}
