package pod

import (
	"context"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// notInPodCreateInput are the attributes the user sets that PodCreateInput has no field of
// the same name for, with why.
var notInPodCreateInput = map[string]string{
	"desired_status": "a stop after the create (see Create)",
	"bid_per_gpu":    "SpotPodCreateInput.BidPerGPU (see Create)",
	"env_wo":         "merged into PodCreateInput.Env from the configuration (withSecretEnv: write-only, never in the plan)",
	"env_wo_version": "never sent: its change sends env_wo again (secretEnvChanges)",
}

// TestEveryAttributeRoundTrips: the model maps each attribute by the Go name of its podModel
// field. Every podModel field is a schema attribute and the other way round; createInput
// sends every attribute the user sets in the PodCreateInput field of that name; fromAPI reads
// every attribute back from the Pod field of that name; and resetChanges sends a change of
// every reset attribute in the PodUpdateInput field of that name. An attribute added to the
// schema and the model and forgotten in one of them fails here, naming it.
func TestEveryAttributeRoundTrips(t *testing.T) {
	s := resourceSchema(context.Background())
	fields := map[string]string{} // attribute -> podModel field
	mt := reflect.TypeOf(podModel{})
	for i := range mt.NumField() {
		name := mt.Field(i).Tag.Get("tfsdk")
		fields[name] = mt.Field(i).Name
		if _, ok := s.Attributes[name]; !ok {
			t.Errorf("podModel.%s is %s, which is no attribute of runpod_pod's schema (schema.go)", mt.Field(i).Name, name)
		}
	}
	var settable []string
	for name, a := range s.Attributes {
		if _, ok := fields[name]; !ok {
			t.Errorf("runpod_pod's attribute %s has no podModel field (model.go)", name)
		}
		if (a.IsOptional() || a.IsRequired()) && name != "timeouts" {
			settable = append(settable, name)
		}
	}
	sort.Strings(settable)

	// createInput: every attribute set at once.
	m := nullModel()
	for _, name := range settable {
		setSample(t, &m, fields[name], "before")
	}
	in := reflect.ValueOf(m.createInput())
	for _, name := range settable {
		f := in.FieldByName(fields[name])
		switch _, why := notInPodCreateInput[name]; {
		case why && f.IsValid():
			t.Errorf("notInPodCreateInput lists %s, yet PodCreateInput has a field %s: remove it from the list", name, fields[name])
		case why:
		case !f.IsValid():
			t.Errorf("%s is set by the user but PodCreateInput has no field %s: add one (runpodapi), or list %s in "+
				"notInPodCreateInput with why", name, fields[name], name)
		case f.IsNil():
			t.Errorf("createInput (model.go) does not send %s: set PodCreateInput.%s from it", name, fields[name])
		}
	}

	// fromAPI: every Pod field named like an attribute, set, is read back.
	var p runpodapi.Pod
	pv := reflect.ValueOf(&p).Elem()
	for name, field := range fields {
		if f := pv.FieldByName(field); f.IsValid() && f.CanSet() {
			setWireSample(t, f, name)
		}
	}
	p.DesiredStatus = runpodapi.PodStatusRunning // the only statuses fromAPI records
	read := nullModel()
	read.fromAPI(&p)
	rv := reflect.ValueOf(read)
	for name, field := range fields {
		if !pv.FieldByName(field).IsValid() {
			continue
		}
		if v := rv.FieldByName(field).Interface().(attr.Value); v.IsNull() || v.IsUnknown() {
			t.Errorf("fromAPI (model.go) does not read %s back from Pod.%s", name, field)
		}
	}

	// Every setting RunPod's update takes (a PodUpdateInput field) is changed by an update:
	// its attribute is a reset or an in-place one, not replaced on a change (createOnlyAttributes).
	attributeOf := map[string]string{} // podModel field -> attribute
	for name, field := range fields {
		attributeOf[field] = name
	}
	ut := reflect.TypeOf(runpodapi.PodUpdateInput{})
	for i := range ut.NumField() {
		field := ut.Field(i).Name
		name, ok := attributeOf[field]
		switch {
		case !ok:
			t.Errorf("PodUpdateInput.%s has no podModel field of that name (model.go)", field)
		case !slices.Contains(resetAttributes, name) && !slices.Contains(inPlaceAttributes, name):
			t.Errorf("RunPod's update takes %s (PodUpdateInput.%s), but it is neither in resetAttributes (model.go) nor in "+
				"inPlaceAttributes (plan.go): a change would replace the pod instead of updating it", name, field)
		}
	}

	// resetChanges: each reset attribute changed alone is sent.
	for _, name := range resetAttributes {
		prior := nullModel()
		setSample(t, &prior, fields[name], "before")
		plan := prior
		setSample(t, &plan, fields[name], "after")
		changed, update := resetChanges(plan, prior, false)
		f := reflect.ValueOf(update).FieldByName(fields[name])
		switch {
		case !f.IsValid():
			t.Errorf("resetAttributes lists %s, but PodUpdateInput has no field %s: add one (runpodapi)", name, fields[name])
		case f.IsNil() || !slices.Contains(changed, name):
			t.Errorf("resetChanges (model.go) does not send a change of %s (PodUpdateInput.%s, changed %v)", name, fields[name], changed)
		}
	}
}

// setSample sets m's field to a known value that differs for each sample ("before", "after").
func setSample(t *testing.T, m *podModel, field, sample string) {
	t.Helper()
	f := reflect.ValueOf(m).Elem().FieldByName(field)
	n := int64(len(sample)) // "before" and "after" differ in length
	var v attr.Value
	switch f.Interface().(type) {
	case types.String:
		v = types.StringValue(sample)
	case types.Int64:
		v = types.Int64Value(n)
	case types.Float64:
		v = types.Float64Value(float64(n) + 0.5)
	case types.Bool:
		v = types.BoolValue(sample == "before")
	case types.List:
		v = tfvalue.StringList([]string{sample})
	case types.Map:
		v = tfvalue.StringMap(map[string]string{"K": sample})
	default:
		t.Fatalf("setSample: add a value for podModel.%s (%T)", field, f.Interface())
	}
	f.Set(reflect.ValueOf(v))
}

// setWireSample sets a Pod field to a value that is not its zero value.
func setWireSample(t *testing.T, f reflect.Value, text string) {
	t.Helper()
	switch f.Kind() {
	case reflect.String:
		f.SetString(text)
	case reflect.Int, reflect.Int64:
		f.SetInt(7)
	case reflect.Float64:
		f.SetFloat(7.5)
	case reflect.Bool:
		f.SetBool(true)
	case reflect.Slice:
		f.Set(reflect.ValueOf([]string{text}))
	case reflect.Map:
		f.Set(reflect.MakeMap(f.Type()))
		f.SetMapIndex(reflect.ValueOf("K"), reflect.New(f.Type().Elem()).Elem())
	case reflect.Pointer:
		f.Set(reflect.New(f.Type().Elem()))
		setWireSample(t, f.Elem(), text)
	default:
		t.Fatalf("setWireSample: add a value for %s", f.Type())
	}
}
