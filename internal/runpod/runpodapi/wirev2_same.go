package runpodapi

import (
	"fmt"
	"reflect"
)

// A domain field tagged v2:"same" is one REST v2 names and takes as the domain does: its
// body or answer has a field of the same name and type (an answer's may be a pointer, nil
// reading as the zero value). sameToV2 and sameFromV2 map those fields, so such a field
// needs no line of mapping in wirev2*.go; the round trips (roundtrip*_test.go) check that
// each comes back.

// sameToV2 sets the fields of the v2 body *dst from src's fields tagged v2:"same".
func sameToV2(dst, src any) {
	d, s := reflect.ValueOf(dst).Elem(), reflect.ValueOf(src)
	for i := range s.NumField() {
		if f := s.Type().Field(i); f.Tag.Get("v2") == "same" {
			sameField(d, f.Name).Set(s.Field(i))
		}
	}
}

// sameFromV2 sets *dst's fields tagged v2:"same" from the v2 answer src.
func sameFromV2(dst, src any) {
	d, s := reflect.ValueOf(dst).Elem(), reflect.ValueOf(src)
	for i := range d.NumField() {
		f := d.Type().Field(i)
		if f.Tag.Get("v2") != "same" {
			continue
		}
		v := sameField(s, f.Name)
		if v.Kind() == reflect.Pointer && f.Type.Kind() != reflect.Pointer {
			if v.IsNil() {
				d.Field(i).SetZero()
				continue
			}
			v = v.Elem()
		}
		d.Field(i).Set(v)
	}
}

// sameField is v's field called name; a field tagged v2:"same" that the v2 type lacks is a
// mistake of this package, found by any test that maps that type.
func sameField(v reflect.Value, name string) reflect.Value {
	f := v.FieldByName(name)
	if !f.IsValid() {
		panic(fmt.Sprintf("%s is tagged v2:\"same\" but %s has no field %s: add it to the wire type (runpodwire), or map the field in wirev2*.go", name, v.Type(), name))
	}
	return f
}
