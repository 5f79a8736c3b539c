package pod

import (
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
)

func TestWithSecretEnvMergesTheConfiguredSecrets(t *testing.T) {
	config := nullModel()
	env := &map[string]string{"A": "1"}
	if got := withSecretEnv(env, config); got != env {
		t.Errorf("without env_wo: %v, want env as it is", got)
	}
	config.EnvWO = tfvalue.StringMap(map[string]string{"TOKEN": "s3cret"})
	if got := withSecretEnv(env, config); got == nil || len(*got) != 2 || (*got)["A"] != "1" || (*got)["TOKEN"] != "s3cret" {
		t.Errorf("with env_wo: %v, want A and TOKEN", got)
	}
	if len(*env) != 1 {
		t.Errorf("withSecretEnv changed env: %v", *env)
	}
	if got := withSecretEnv(nil, config); got == nil || (*got)["TOKEN"] != "s3cret" {
		t.Errorf("env nil, env_wo set: %v, want TOKEN", got)
	}
}

func TestSplitSecretEnvKeepsSecretValuesOutOfEnv(t *testing.T) {
	reported := map[string]string{"A": "1", "TOKEN": "s3cret", "OTHER": "x"}
	for _, tc := range []struct {
		name     string
		recorded types.List
		wantEnv  []string // keys
		wantKeys []string // nil for null
	}{
		{"no secret keys recorded: all of env", types.ListNull(types.StringType), []string{"A", "OTHER", "TOKEN"}, nil},
		{"a secret key: out of env", tfvalue.StringList([]string{"TOKEN"}), []string{"A", "OTHER"}, []string{"TOKEN"}},
		{"a secret key RunPod no longer reports: dropped (drift)", tfvalue.StringList([]string{"GONE", "TOKEN"}), []string{"A", "OTHER"}, []string{"TOKEN"}},
		{"no recorded key reported: null", tfvalue.StringList([]string{"GONE"}), []string{"A", "OTHER", "TOKEN"}, nil},
	} {
		env, keys := splitSecretEnv(reported, tc.recorded)
		var gotEnv []string
		for k, v := range env.Elements() {
			gotEnv = append(gotEnv, k)
			if k == "TOKEN" && !slices.Contains(tc.wantEnv, "TOKEN") {
				t.Errorf("%s: env holds the secret %v", tc.name, v)
			}
		}
		slices.Sort(gotEnv)
		if !slices.Equal(gotEnv, tc.wantEnv) {
			t.Errorf("%s: env keys %v, want %v", tc.name, gotEnv, tc.wantEnv)
		}
		if (tc.wantKeys == nil) != keys.IsNull() || !slices.Equal(tfvalue.Strings(keys), tc.wantKeys) {
			t.Errorf("%s: env_wo_keys %v, want %v", tc.name, keys, tc.wantKeys)
		}
	}
}

// A change of env_wo_version or of env_wo's keys resets the pod and sends the environment
// (env as planned; withSecretEnv adds env_wo at apply); nothing else does.
func TestResetChangesSendTheEnvironmentForSecretChanges(t *testing.T) {
	prior := nullModel()
	prior.Env = tfvalue.StringMap(map[string]string{"A": "1"})
	prior.EnvWOVersion = types.Int64Value(1)
	prior.EnvWOKeys = tfvalue.StringList([]string{"TOKEN"})
	for _, tc := range []struct {
		name    string
		change  func(*podModel)
		changed []string
	}{
		{"nothing", func(*podModel) {}, nil},
		{"a new version", func(m *podModel) { m.EnvWOVersion = types.Int64Value(2) }, []string{"env_wo_version"}},
		{"a new key", func(m *podModel) { m.EnvWOKeys = tfvalue.StringList([]string{"KEY", "TOKEN"}) }, []string{"env_wo"}},
		{"env_wo removed", func(m *podModel) {
			m.EnvWOVersion, m.EnvWOKeys = types.Int64Null(), types.ListNull(types.StringType)
		}, []string{"env_wo_version", "env_wo"}},
		{"env changed", func(m *podModel) { m.Env = tfvalue.StringMap(map[string]string{"A": "2"}) }, []string{"env"}},
	} {
		plan := prior
		tc.change(&plan)
		changed, in := resetChanges(plan, prior, false)
		if !slices.Equal(changed, tc.changed) {
			t.Errorf("%s: changed %v, want %v", tc.name, changed, tc.changed)
		}
		if sent := in.Env != nil; sent != (len(tc.changed) > 0) {
			t.Errorf("%s: env sent %v, want %v", tc.name, in.Env, len(tc.changed) > 0)
		} else if sent && (*in.Env)["A"] == "" {
			t.Errorf("%s: env sent without the planned env: %v", tc.name, *in.Env)
		}
	}
}
