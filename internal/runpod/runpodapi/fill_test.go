package runpodapi

import (
	"fmt"
	"reflect"
	"strings"
)

// fillDistinct sets every exported field of the struct v points to, and of the structs and
// pointers to structs it holds, to a non-zero value derived from tag and the field's name:
// strings "<tag>-<Field>", numbers a count that differs per field, true, one-element lists
// and maps. Two fills with different tags differ in every field (but for bools, which are
// true in both). skip names fields left alone.
func fillDistinct(v any, tag string, skip ...string) {
	n := 0
	for _, c := range tag {
		n += int(c)
	}
	fillValue(reflect.ValueOf(v).Elem(), tag, &n, skip)
}

func fillValue(v reflect.Value, tag string, n *int, skip []string) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || contains(skip, f.Name) {
			continue
		}
		*n++
		setValue(v.Field(i), fmt.Sprintf("%s-%s", tag, f.Name), *n, tag, skip)
	}
}

func setValue(v reflect.Value, text string, n int, tag string, skip []string) {
	switch v.Kind() {
	case reflect.Pointer:
		elem := reflect.New(v.Type().Elem())
		setValue(elem.Elem(), text, n, tag, skip)
		v.Set(elem)
	case reflect.String:
		v.SetString(text)
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(n))
	case reflect.Float64:
		v.SetFloat(float64(n) + 0.5)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		setValue(s.Index(0), text, n, tag, skip)
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		val := reflect.New(v.Type().Elem()).Elem()
		setValue(val, text, n, tag, skip)
		m.SetMapIndex(reflect.ValueOf(strings.ToUpper(strings.ReplaceAll(text, "-", "_"))), val)
		v.Set(m)
	case reflect.Struct:
		fillValue(v, tag, &n, skip)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// exportedFields lists the exported field names of struct type t.
func exportedFields(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		if t.Field(i).IsExported() && !t.Field(i).Anonymous {
			out = append(out, t.Field(i).Name)
		}
	}
	return out
}

func reflectTypeOf(v any) reflect.Type { return reflect.TypeOf(v) }

// copyField sets dst's field name to src's.
func copyField[T any](dst *T, src T, name string) {
	reflect.ValueOf(dst).Elem().FieldByName(name).Set(reflect.ValueOf(src).FieldByName(name))
}

// clearField zeroes dst's field name.
func clearField[T any](dst *T, name string) {
	reflect.ValueOf(dst).Elem().FieldByName(name).SetZero()
}
