package runpodapi

import (
	"reflect"
	"testing"
)

// Every field of an update input is judged by the read-back (readback.go): a change that sets
// only that field, read back as an object that holds something else there, is "not applied".
// A field no backend's object reports is listed below with why; a new field that is neither
// judged nor listed fails, naming itself.

// notJudged lists the fields of an update input a backend's object cannot show, by
// "<Input>.<Field>@<backend>".
var notJudged = map[string]string{
	"PodUpdateInput.DockerEntrypoint@v2":      "REST v2 has no entrypoint (the v2 backend refuses a non-empty one)",
	"EndpointUpdateInput.TemplateID@v2":       "REST v2 keeps no link from an endpoint to a template",
	"EndpointUpdateInput.Flashboot@v1":        "REST v1 does not report FlashBoot",
	"EndpointUpdateInput.FlashbootMode@v1":    "REST v1 does not report FlashBoot",
	"TemplateUpdateInput.StartSSH@v1":         "REST v1 has no startSsh (nil when read through v1)",
	"TemplateUpdateInput.StartJupyter@v1":     "REST v1 has no startJupyter (nil when read through v1)",
	"TemplateUpdateInput.DockerEntrypoint@v2": "REST v2 has no entrypoint (a template read through v2 reports startSsh)",
	"PodUpdateInput.GlobalNetworking@v1":      "REST v1 does not report global networking",
}

func TestEveryUpdateFieldIsJudgedByTheReadBack(t *testing.T) {
	type kase struct {
		input  any // a zero update input
		judged func(in any, backend Backend) verdict
	}
	objTag := "held"
	cases := []kase{
		{PodUpdateInput{}, func(in any, b Backend) verdict {
			var p Pod
			fillDistinct(&p, objTag)
			p.Source = b
			zeroUnreported(&p, b)
			return podUpdateApplied(in.(PodUpdateInput), p)
		}},
		{EndpointUpdateInput{}, func(in any, b Backend) verdict {
			var e Endpoint
			fillDistinct(&e, objTag)
			e.Source = b
			zeroUnreported(&e, b)
			return endpointUpdateApplied(in.(EndpointUpdateInput), e)
		}},
		{TemplateUpdateInput{}, func(in any, b Backend) verdict {
			var tpl Template
			fillDistinct(&tpl, objTag)
			zeroUnreported(&tpl, b)
			return templateUpdateApplied(in.(TemplateUpdateInput), tpl)
		}},
		{NetworkVolumeUpdateInput{}, func(in any, _ Backend) verdict {
			var v NetworkVolume
			fillDistinct(&v, objTag)
			return volumeUpdateApplied(in.(NetworkVolumeUpdateInput), v)
		}},
	}
	used := map[string]bool{}
	for _, c := range cases {
		typ := reflect.TypeOf(c.input)
		for _, name := range exportedFields(typ) {
			for _, b := range []Backend{BackendV2, BackendV1} {
				key := typ.Name() + "." + name + "@" + string(b)
				in := reflect.New(typ)
				f := in.Elem().FieldByName(name)
				setValue(f, "sent-"+name, 7, "sent", nil)
				if f.Kind() == reflect.Pointer && f.Elem().Kind() == reflect.Bool {
					f.Elem().SetBool(false) // the object holds true
				}
				got := c.judged(in.Elem().Interface(), b)
				if reason, listed := notJudged[key]; listed {
					used[key] = true
					if got == notApplied {
						t.Errorf("%s is listed as not judged (%s), but the read-back judges it: remove it from notJudged", key, reason)
					}
					continue
				}
				if got != notApplied {
					t.Errorf("%s: an update setting only %s, read back as an object that holds another value, is judged %v; "+
						"want not applied: judge it in readback.go (or name the object's field %s), or list it in notJudged with why",
						key, name, got, name)
				}
			}
		}
	}
	for key := range notJudged {
		if !used[key] {
			t.Errorf("notJudged lists %s, which is no field of an update input", key)
		}
	}
}

func (v verdict) String() string {
	return [...]string{"cannot tell", "applied", "not applied"}[v]
}

// zeroUnreported clears, for REST v1, the fields a domain type marks as REST v2's only (json
// tag "-", "zero from REST v1"); Source stays.
func zeroUnreported(v any, b Backend) {
	if b != BackendV1 {
		return
	}
	rv := reflect.ValueOf(v).Elem()
	for i := range rv.NumField() {
		f := rv.Type().Field(i)
		if f.Tag.Get("json") == "-" && f.Name != "Source" {
			rv.Field(i).SetZero()
		}
	}
}
