package yottautil

import (
	"context"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// KeepKnown returns plan with its unknown values (what Terraform shows as known after apply)
// taken from got, the model as Yotta reports the object: a value the plan knew is kept as
// planned, as Terraform requires of an apply. Values still unknown become null. M must be a
// struct of framework values.
func KeepKnown[M any](plan, got M) M {
	out := plan
	pv, gv, ov := reflect.ValueOf(plan), reflect.ValueOf(got), reflect.ValueOf(&out).Elem()
	for i := range pv.NumField() {
		if v, ok := pv.Field(i).Interface().(attr.Value); ok && v.IsUnknown() {
			ov.Field(i).Set(gv.Field(i))
		}
	}
	return NullUnknowns(out)
}

// NullUnknowns replaces unknown values by nulls of the same type: a state holds no unknowns.
func NullUnknowns[M any](m M) M {
	ov := reflect.ValueOf(&m).Elem()
	ctx := context.Background()
	for i := range ov.NumField() {
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
