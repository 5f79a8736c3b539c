package pod

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/secretenv"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
)

// A pod's secret environment variables (env_wo) follow kit/secretenv: every time the pod's
// environment is sent (create, a change of env, of env_wo_version or of env_wo's keys) it is
// env merged with the configured env_wo, and each of these changes resets the pod; the state
// holds env_wo_version and env_wo_keys, never a value.

// secretEnvAttributes are the secret environment's settings: a change of env_wo_version, or of
// env_wo's keys, resets the pod and sends env and env_wo (a value of env_wo alone is not seen).
var secretEnvAttributes = []string{"env_wo", "env_wo_version"}

// secretEnvTriggers are the attributes whose change sends env_wo again, resetting the pod.
var secretEnvTriggers = []string{"env_wo_version", "env_wo_keys"}

// secretEnvChanges names the changes that send env_wo again: "env_wo_version" when the
// version changes, "env_wo" when the set of its keys does.
func secretEnvChanges(plan, prior podModel) []string {
	return secretenv.Changes("env_wo_version", "env_wo", plan.EnvWOVersion, prior.EnvWOVersion, plan.EnvWOKeys, prior.EnvWOKeys)
}

// withSecretEnv returns env merged with the configuration's env_wo (write-only, so only the
// configuration holds it): what RunPod is sent as the pod's environment.
func withSecretEnv(env *map[string]string, config podModel) *map[string]string {
	return secretenv.Merge(env, config.EnvWO)
}

// splitSecretEnv splits the environment RunPod reports into env and env_wo_keys (secretenv.Split).
func splitSecretEnv(reported map[string]string, recorded types.List) (types.Map, types.List) {
	env, keys := secretenv.Split(reported, recorded)
	return tfvalue.StringMap(env), keys
}
