// Package secretenv holds what a resource needs for secret environment variables given in a
// write-only map (env_wo) beside its ordinary env: the values reach the cloud but never the
// plan or the state.
//
//   - What is sent: a cloud's update replaces the whole environment, so every time the
//     environment is sent it is env merged with the write-only map as the configuration holds
//     it at apply (Merge).
//   - What the state knows: a version and the keys of the write-only map (KeysFromConfig plans
//     them), never a value. Split leaves the recorded keys out of env and keeps those the cloud
//     still reports: a secret variable removed outside Terraform shows as a change of the keys,
//     and one that nobody declared shows in env.
//   - A variable in both maps is refused (Conflicts).
package secretenv

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
)

// Merge returns env merged with the configuration's write-only map secret: what the cloud is
// sent as the environment. env itself is left as it is.
func Merge(env *map[string]string, secret types.Map) *map[string]string {
	if secret.IsNull() || secret.IsUnknown() || len(secret.Elements()) == 0 {
		return env
	}
	merged := map[string]string{}
	if env != nil {
		maps.Copy(merged, *env)
	}
	for k, v := range secret.Elements() {
		if s, ok := v.(types.String); ok {
			merged[k] = s.ValueString()
		}
	}
	return &merged
}

// Split splits the environment the cloud reports into env (every variable but the recorded
// secret keys) and the recorded secret keys the cloud still reports (null for none, as
// planned without a write-only map). recorded null or unknown leaves everything in env.
func Split(reported map[string]string, recorded types.List) (map[string]string, types.List) {
	if recorded.IsNull() || recorded.IsUnknown() {
		return reported, recorded
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
		return env, types.ListNull(types.StringType)
	}
	return env, tfvalue.StringList(kept)
}

// Changes names the changes that send the write-only map again: versionAttr when the version
// changes, secretAttr when the set of its keys does (null counting as none).
func Changes(versionAttr, secretAttr string, plannedVersion, priorVersion types.Int64, plannedKeys, priorKeys types.List) []string {
	var out []string
	if !plannedVersion.IsUnknown() && !plannedVersion.Equal(priorVersion) {
		out = append(out, versionAttr)
	}
	if !plannedKeys.IsUnknown() && !slices.Equal(tfvalue.Strings(plannedKeys), tfvalue.Strings(priorKeys)) {
		out = append(out, secretAttr)
	}
	return out
}

// Conflicts refuses a variable set both in env (envAttr) and in the write-only map (secretAttr):
// which value the cloud got would depend on the merge order, and the plan would show a value
// that is not the one sent.
func Conflicts(env, secret types.Map, envAttr, secretAttr string) diag.Diagnostics {
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
		diags.AddAttributeError(path.Root(secretAttr), fmt.Sprintf("Variable in both %s and %s", envAttr, secretAttr),
			fmt.Sprintf("%s set both in %s and in %s: set each variable in one of them (%s for a secret, which never reaches "+
				"the plan or the state; %s otherwise).", strings.Join(both, ", "), envAttr, secretAttr, secretAttr, envAttr))
	}
	return diags
}

// KeysFromConfig plans a computed list attribute as the sorted keys of the configuration's
// write-only map attribute secretAttr (null without it), so that adding or removing a secret
// variable is a visible change.
type KeysFromConfig struct{ SecretAttr string }

func (k KeysFromConfig) Description(context.Context) string {
	return "The sorted keys of the configuration's " + k.SecretAttr + "."
}

func (k KeysFromConfig) MarkdownDescription(ctx context.Context) string { return k.Description(ctx) }

func (k KeysFromConfig) PlanModifyList(ctx context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	var secret types.Map
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(k.SecretAttr), &secret)...)
	switch {
	case resp.Diagnostics.HasError():
	case secret.IsUnknown():
		resp.PlanValue = types.ListUnknown(types.StringType)
	case secret.IsNull():
		resp.PlanValue = types.ListNull(types.StringType)
	default:
		resp.PlanValue = tfvalue.StringList(slices.Sorted(maps.Keys(secret.Elements())))
	}
}

// Attributes are the schema attributes of a secret environment beside env: env_wo (write-only,
// its keys checked by keys), env_wo_version and env_wo_keys. cloud names the cloud ("RunPod"),
// object the resource ("the pod"), and effect what sending the environment does to it, as a
// verb phrase ("resets the pod").
func Attributes(cloud, object, effect string, keys validator.Map) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"env_wo": schema.MapAttribute{
			MarkdownDescription: "Secret environment variables of the container, **write-only** (Terraform 1.11 or later): " +
				"their values reach " + cloud + " but never the plan or the state. Set with `env_wo_version`. " + cloud +
				" receives them, together with `env`, when " + object + " is created and whenever its environment is sent " +
				"again: when `env_wo_version` changes, when the set of `env_wo` keys changes (`env_wo_keys`), and with any " +
				"change of `env`. Each of these " + effect + ". Terraform cannot see a change of a value alone: change `env_wo_version` to " +
				"send it. A key may not be in both `env` and `env_wo` (refused at plan).",
			ElementType: types.StringType,
			Optional:    true,
			WriteOnly:   true,
			Sensitive:   true,
			Validators:  []validator.Map{keys, mapvalidator.AlsoRequires(path.MatchRoot("env_wo_version"))},
		},
		"env_wo_version": schema.Int64Attribute{
			MarkdownDescription: "Version of `env_wo`, required with it: any number you choose, changed (usually incremented) " +
				"whenever a value of `env_wo` changes. A change sends `env` and `env_wo` again, and " + effect + ".",
			Optional:   true,
			Validators: []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("env_wo"))},
		},
		"env_wo_keys": schema.ListAttribute{
			MarkdownDescription: "The names (never the values) of the `env_wo` variables, sorted: what the state knows of " +
				"them. Read leaves these keys out of `env` and keeps those " + cloud + " still reports, so a secret variable " +
				"removed outside Terraform shows as a change here (applying sends it again), and a variable " + cloud +
				" reports that neither `env` nor `env_wo` declares shows in `env`.",
			ElementType:   types.StringType,
			Computed:      true,
			PlanModifiers: []planmodifier.List{KeysFromConfig{SecretAttr: "env_wo"}},
		},
	}
}
