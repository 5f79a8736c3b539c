package secretenv

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
)

func TestConflictsNameTheVariablesAndBothAttributes(t *testing.T) {
	env := tfvalue.StringMap(map[string]string{"A": "1", "TOKEN": "x", "KEY": "y"})
	secret := tfvalue.StringMap(map[string]string{"TOKEN": "s3cret", "KEY": "k"})
	diags := Conflicts(env, secret, "env", "env_wo")
	if len(diags) != 1 || diags[0].Summary() != "Variable in both env and env_wo" ||
		!strings.Contains(diags[0].Detail(), "KEY, TOKEN set both in env and in env_wo") {
		t.Errorf("diagnostics %v, want one naming KEY, TOKEN, env and env_wo", diags)
	}
	if diags := Conflicts(env, tfvalue.StringMap(map[string]string{"OTHER": "s"}), "env", "env_wo"); diags.HasError() {
		t.Errorf("no shared key: %v", diags)
	}
	if diags := Conflicts(types.MapUnknown(types.StringType), secret, "env", "env_wo"); diags.HasError() {
		t.Errorf("env unknown: %v", diags)
	}
}

func TestMergeLeavesEnvAlone(t *testing.T) {
	env := &map[string]string{"A": "1", "TOKEN": "old"}
	got := Merge(env, tfvalue.StringMap(map[string]string{"TOKEN": "s3cret"}))
	if (*got)["A"] != "1" || (*got)["TOKEN"] != "s3cret" || (*env)["TOKEN"] != "old" {
		t.Errorf("Merge = %v (env now %v), want A and the secret TOKEN, env unchanged", *got, *env)
	}
	if got := Merge(env, types.MapNull(types.StringType)); got != env {
		t.Errorf("Merge without secrets = %v, want env itself", got)
	}
}

func TestChanges(t *testing.T) {
	keys := func(k ...string) types.List { return tfvalue.StringList(k) }
	v := types.Int64Value
	for _, tc := range []struct {
		name           string
		version, was   types.Int64
		planned, prior types.List
		want           string
	}{
		{"nothing", v(1), v(1), keys("A"), keys("A"), "[]"},
		{"version", v(2), v(1), keys("A"), keys("A"), "[env_wo_version]"},
		{"keys", v(1), v(1), keys("A", "B"), keys("A"), "[env_wo]"},
		{"null keys equal no keys", v(1), v(1), types.ListNull(types.StringType), keys(), "[]"},
		{"unknown keys: decided at apply", v(1), v(1), types.ListUnknown(types.StringType), keys("A"), "[]"},
	} {
		got := Changes("env_wo_version", "env_wo", tc.version, tc.was, tc.planned, tc.prior)
		if s := "[" + strings.Join(got, " ") + "]"; s != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, s, tc.want)
		}
	}
}
