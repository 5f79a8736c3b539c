// Package tfprovider holds what both providers' Configure does alike: resolving a setting from
// the configuration or the environment, refusing settings known only after apply, and keeping
// the API key out of the logs.
package tfprovider

import (
	"context"
	"os"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Setting resolves one provider setting: the configured value, else the first of envs set in
// the environment, else def. An empty configured value counts as not set.
func Setting(configured types.String, def string, envs ...string) string {
	if !configured.IsNull() && !configured.IsUnknown() && configured.ValueString() != "" {
		return configured.ValueString()
	}
	for _, env := range envs {
		if v := os.Getenv(env); v != "" {
			return v
		}
	}
	return def
}

// RequireKnown reports, on its attribute, each of settings (by attribute name) whose value is
// known only after apply: the provider cannot be configured with it. cloud names the provider
// in the error ("RunPod").
func RequireKnown(diags *diag.Diagnostics, cloud string, settings map[string]types.String) {
	names := make([]string, 0, len(settings))
	for name := range settings {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if settings[name].IsUnknown() {
			diags.AddAttributeError(path.Root(name), "Unknown "+cloud+" provider setting",
				"The provider cannot be configured because "+name+" depends on a value known only after apply. "+
					"Set it to a value known at plan time, or use the environment variable instead.")
		}
	}
}

// MaskSecret returns ctx with secret (the API key) masked in every log line written with it,
// in messages and in field values.
func MaskSecret(ctx context.Context, secret string) context.Context {
	ctx = tflog.MaskAllFieldValuesStrings(ctx, secret)
	return tflog.MaskMessageStrings(ctx, secret)
}
