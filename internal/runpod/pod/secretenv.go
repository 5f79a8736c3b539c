package pod

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
)

// Secret environment variables (env_wo) reach RunPod but never the plan or the state:
//
//   - What is sent: RunPod's update replaces the whole environment, so every time the
//     environment is sent (create, a change of env, of env_wo_version or of the env_wo keys)
//     it is env merged with env_wo as the configuration holds it at apply (withSecretEnv).
//   - What resets: a change of env_wo_version, or of the set of env_wo keys (env_wo_keys,
//     which the plan takes from the configuration), as a change of env does.
//   - What the state knows: env_wo_version and the keys (env_wo_keys), never a value. Read
//     keeps the recorded keys RunPod still reports in env_wo_keys and leaves them out of env
//     (splitSecretEnv): a secret variable removed outside Terraform shows as a change of
//     env_wo_keys, and one that nobody declared shows in env, as before.

// secretEnvAttributes are the secret environment's settings: a change of env_wo_version, or of
// env_wo's keys, resets the pod and sends env and env_wo (a value of env_wo alone is not seen).
var secretEnvAttributes = []string{"env_wo", "env_wo_version"}

// secretEnvTriggers are the attributes whose change sends env_wo again, resetting the pod.
var secretEnvTriggers = []string{"env_wo_version", "env_wo_keys"}

// secretEnvChanges names the changes that send env_wo again: "env_wo_version" when the
// version changes, "env_wo" when the set of its keys does.
func secretEnvChanges(plan, prior podModel) []string {
	var out []string
	if !plan.EnvWOVersion.IsUnknown() && !plan.EnvWOVersion.Equal(prior.EnvWOVersion) {
		out = append(out, "env_wo_version")
	}
	if !plan.EnvWOKeys.IsUnknown() && !sameKeys(plan.EnvWOKeys, prior.EnvWOKeys) {
		out = append(out, "env_wo")
	}
	return out
}

// sameKeys compares key lists, null counting as none.
func sameKeys(a, b types.List) bool {
	return slices.Equal(tfvalue.Strings(a), tfvalue.Strings(b))
}

// withSecretEnv returns env merged with the configuration's env_wo (write-only, so only the
// configuration holds it): what RunPod is sent as the pod's environment.
func withSecretEnv(env *map[string]string, config podModel) *map[string]string {
	secret := mapPtr(config.EnvWO)
	if secret == nil || len(*secret) == 0 {
		return env
	}
	merged := map[string]string{}
	if env != nil {
		maps.Copy(merged, *env)
	}
	maps.Copy(merged, *secret)
	return &merged
}

// splitSecretEnv splits the environment RunPod reports into env (every variable but the
// recorded secret keys) and env_wo_keys (the recorded secret keys RunPod still reports).
func splitSecretEnv(reported map[string]string, recorded types.List) (types.Map, types.List) {
	if recorded.IsNull() || recorded.IsUnknown() {
		return tfvalue.StringMap(reported), recorded
	}
	env := maps.Clone(reported)
	if env == nil {
		env = map[string]string{}
	}
	var kept []string
	for _, key := range tfvalue.Strings(recorded) {
		if _, ok := env[key]; ok {
			kept = append(kept, key)
			delete(env, key)
		}
	}
	if len(kept) == 0 {
		return tfvalue.StringMap(env), types.ListNull(types.StringType) // as planned without env_wo
	}
	return tfvalue.StringMap(env), tfvalue.StringList(kept)
}

// secretEnvKeys plans env_wo_keys: the sorted keys of the configuration's env_wo (null
// without env_wo), so that adding or removing a secret variable is a visible change.
type secretEnvKeys struct{}

func (secretEnvKeys) Description(context.Context) string {
	return "The sorted keys of the configuration's env_wo."
}

func (k secretEnvKeys) MarkdownDescription(ctx context.Context) string { return k.Description(ctx) }

func (secretEnvKeys) PlanModifyList(ctx context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	var secret types.Map
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("env_wo"), &secret)...)
	switch {
	case resp.Diagnostics.HasError():
	case secret.IsUnknown():
		resp.PlanValue = types.ListUnknown(types.StringType)
	case secret.IsNull():
		resp.PlanValue = types.ListNull(types.StringType)
	default:
		keys := slices.Sorted(maps.Keys(secret.Elements()))
		resp.PlanValue = tfvalue.StringList(keys)
	}
}

// secretEnvConflicts refuses a variable set both in env and in env_wo: which value RunPod got
// would depend on the merge order, and the plan would show a value that is not the one sent.
func secretEnvConflicts(env, secret types.Map) diag.Diagnostics {
	var diags diag.Diagnostics
	if env.IsNull() || env.IsUnknown() || secret.IsNull() || secret.IsUnknown() {
		return diags
	}
	var both []string
	for key := range secret.Elements() {
		if _, ok := env.Elements()[key]; ok {
			both = append(both, key)
		}
	}
	if len(both) > 0 {
		slices.Sort(both)
		diags.AddAttributeError(path.Root("env_wo"), "Variable in both env and env_wo",
			fmt.Sprintf("%s set both in env and in env_wo: set each variable in one of them (env_wo for a secret, which "+
				"never reaches the plan or the state; env otherwise).", strings.Join(both, ", ")))
	}
	return diags
}
