package template

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/planlists"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/templaterollout"
)

func resourceSchema(t *testing.T) schema.Schema {
	t.Helper()
	var resp resource.SchemaResponse
	(&templateResource{}).Schema(context.Background(), resource.SchemaRequest{}, &resp)
	return resp.Schema
}

// TestEveryAttributeIsClassified: what a change of a template attribute does is decided, per
// API, by lists (model.go): in place, a release on the endpoints that run the template
// (resetAttributes, which templaterollout re-applies on REST v2), a replacement (REST v1), or a
// plan-time refusal (a setting the API has not). An attribute in none of them would change in
// place without a warning, and on REST v2 without reaching the endpoints. Every attribute the
// user sets is in exactly one list per API (a container setting that only one API has is in
// resetAttributes, and its refusal by the other API is checked below), and the computed-only
// ones in none.
func TestEveryAttributeIsClassified(t *testing.T) {
	s := resourceSchema(t)
	const reset = "resetAttributes (model.go: templaterollout.ContainerAttributes; a release on the endpoints)"
	const secretEnv = "secretEnvAttributes (model.go: sends env with env_wo; a release on the endpoints)"
	notReset := func(names []string) []string {
		return slices.DeleteFunc(slices.Clone(names), func(name string) bool { return slices.Contains(resetAttributes, name) })
	}
	for b, lists := range map[runpodapi.Backend]map[string][]string{
		runpodapi.BackendV1: {
			"inPlaceAttributes (model.go: changed in place)": inPlaceAttributes,
			reset: resetAttributes,
			"replacedOnV1 (model.go: replaced on REST v1, in place on REST v2)": replacedOnV1,
			"v2OnlyAttributes (model.go: refused by the plan on REST v1)":       notReset(v2OnlyAttributes),
			secretEnv: secretEnvAttributes,
		},
		runpodapi.BackendV2: {
			"inPlaceAttributesV2 (model.go: changed in place on REST v2; derived from inPlaceAttributes, replacedOnV1 and " +
				"v2OnlyAttributes)": inPlaceAttributesV2,
			reset: resetAttributes,
			"v1OnlyAttributes (model.go: refused by the plan on REST v2)": notReset(v1OnlyAttributes),
			secretEnv: secretEnvAttributes,
		},
	} {
		for _, problem := range planlists.Check(s, lists, "", "id") {
			t.Errorf("REST %s: %s", b, problem)
		}
	}
}

// TestOneAPIsSettingsAreRefusedByTheOther: what v1OnlyAttributes and v2OnlyAttributes list,
// the plan refuses on the other API (backendDiagnostics), naming the attribute.
func TestOneAPIsSettingsAreRefusedByTheOther(t *testing.T) {
	for b, names := range map[runpodapi.Backend][]string{runpodapi.BackendV1: v2OnlyAttributes, runpodapi.BackendV2: v1OnlyAttributes} {
		for _, name := range names {
			var plan templateModel
			setAttribute(t, &plan, name)
			diags := backendDiagnostics(plan, plan, b)
			refused := false
			for _, d := range diags.Errors() {
				if wp, ok := d.(interface{ Path() path.Path }); ok && wp.Path().Equal(path.Root(name)) {
					refused = true
				}
			}
			if !refused {
				t.Errorf("%s is listed as a setting REST %s has not, but backendDiagnostics does not refuse it there: %v", name, b, diags)
			}
		}
	}
}

// setAttribute sets m's attribute name (its tfsdk tag) to a value that is not empty.
func setAttribute(t *testing.T, m *templateModel, name string) {
	t.Helper()
	v := reflect.ValueOf(m).Elem()
	for i := range v.NumField() {
		if v.Type().Field(i).Tag.Get("tfsdk") != name {
			continue
		}
		var value attr.Value
		switch v.Field(i).Interface().(type) {
		case types.Bool:
			value = types.BoolValue(true)
		case types.String:
			value = types.StringValue("x")
		case types.List:
			value = types.ListValueMust(types.StringType, []attr.Value{types.StringValue("x")})
		default:
			t.Fatalf("setAttribute: add a value for %s's type %T", name, v.Field(i).Interface())
		}
		v.Field(i).Set(reflect.ValueOf(value))
		return
	}
	t.Fatalf("runpod_template has no attribute %s", name)
}

// TestContainerAttributesAreWhatTheFingerprintCovers: resetAttributes (the container settings
// an endpoint copies) are exactly the attributes whose runpodapi.Template field changes
// templaterollout.Fingerprint, by which an endpoint sees its template changed.
func TestContainerAttributesAreWhatTheFingerprintCovers(t *testing.T) {
	base := templaterollout.Fingerprint(&runpodapi.Template{})
	tplType := reflect.TypeOf(runpodapi.Template{})
	mt := reflect.TypeOf(templateModel{})
	for i := range mt.NumField() {
		name := mt.Field(i).Tag.Get("tfsdk")
		field, ok := tplType.FieldByName(mt.Field(i).Name)
		if !ok {
			continue
		}
		var tpl runpodapi.Template
		setNonEmpty(t, reflect.ValueOf(&tpl).Elem().FieldByIndex(field.Index))
		covered := templaterollout.Fingerprint(&tpl) != base
		switch listed := slices.Contains(resetAttributes, name); {
		case covered && !listed:
			t.Errorf("templaterollout.Fingerprint covers Template.%s, but ContainerAttributes does not list %s: list it (a change "+
				"reaches the endpoints), or leave it out of the fingerprint", field.Name, name)
		case listed && !covered:
			t.Errorf("ContainerAttributes lists %s, but templaterollout.Fingerprint does not cover Template.%s: an endpoint would "+
				"never see it change", name, field.Name)
		}
	}
}

func setNonEmpty(t *testing.T, v reflect.Value) {
	t.Helper()
	switch v.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Int, reflect.Float64:
		v.Set(reflect.ValueOf(1).Convert(v.Type()))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		v.Set(reflect.ValueOf([]string{"x"}))
	case reflect.Map:
		v.Set(reflect.ValueOf(map[string]string{"K": "x"}))
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		setNonEmpty(t, v.Elem())
	default:
		t.Fatalf("setNonEmpty: add a value for %s", v.Type())
	}
}
