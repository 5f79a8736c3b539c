// Package tfprovider holds what both providers do alike: their name and version (Base, to
// embed), and in Configure, resolving a setting from the configuration or the environment,
// refusing settings known only after apply, requiring the API key and keeping it out of the
// logs, and handing the API client to the resources and data sources.
package tfprovider

import (
	"context"
	"os"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
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

// Base is, embedded in a provider, what both providers are alike in: Metadata names the
// provider and its version, Resources and DataSources list what it registers, and its other
// methods serve Configure.
type Base struct {
	Cloud    string // the cloud as users know it, in messages: "RunPod"
	TypeName string // the provider's type name: "runpod"
	Version  string // the provider's version

	NewResources     []func() resource.Resource     // the constructors of the provider's resources
	NewDataSources   []func() datasource.DataSource // the constructors of the provider's data sources
	NewListResources []func() list.ListResource     // the constructors of its list resources (terraform query)
	NewActions       []func() action.Action         // the constructors of its actions
}

// Resources lists the provider's resources (NewResources).
func (b Base) Resources(context.Context) []func() resource.Resource { return b.NewResources }

// DataSources lists the provider's data sources (NewDataSources).
func (b Base) DataSources(context.Context) []func() datasource.DataSource { return b.NewDataSources }

// ListResources returns the constructors of the provider's list resources.
func (b Base) ListResources(context.Context) []func() list.ListResource { return b.NewListResources }

// Actions returns the constructors of the provider's actions.
func (b Base) Actions(context.Context) []func() action.Action { return b.NewActions }

// Metadata names the provider and its version.
func (b Base) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = b.TypeName
	resp.Version = b.Version
}

// RequireKnown reports, on its attribute, each of settings (by attribute name) whose value is
// known only after apply: the provider cannot be configured with it.
func (b Base) RequireKnown(diags *diag.Diagnostics, settings map[string]types.String) {
	names := make([]string, 0, len(settings))
	for name := range settings {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if settings[name].IsUnknown() {
			diags.AddAttributeError(path.Root(name), "Unknown "+b.Cloud+" provider setting",
				"The provider cannot be configured because "+name+" depends on a value known only after apply. "+
					"Set it to a value known at plan time, or use the environment variable instead.")
		}
	}
}

// APIKey returns the API key: the configured one, else the environment variable env's. When
// neither is set, it reports on api_key how to set one, and how to create one (create, a
// sentence), and returns ok false. The ctx it returns masks the key in every log line
// (MaskSecret).
func (b Base) APIKey(ctx context.Context, diags *diag.Diagnostics, configured types.String, env, create string) (_ context.Context, key string, ok bool) {
	key = Setting(configured, "", env)
	if key == "" {
		diags.AddAttributeError(path.Root("api_key"), "Missing "+b.Cloud+" API key",
			"The provider needs a "+b.Cloud+" API key. Set api_key in the provider \""+b.TypeName+"\" block, or set the "+
				env+" environment variable. "+create)
		return ctx, "", false
	}
	return MaskSecret(ctx, key), key, true
}

// ProvideClient hands client, the API client Configure made, to the resources, data sources,
// list resources and actions (their Configure's provider data).
func ProvideClient(resp *provider.ConfigureResponse, client any) {
	resp.ResourceData = client
	resp.DataSourceData = client
	resp.ListResourceData = client
	resp.ActionData = client
}

// MaskSecret returns ctx with secret (the API key) masked in every log line written with it,
// in messages and in field values.
func MaskSecret(ctx context.Context, secret string) context.Context {
	ctx = tflog.MaskAllFieldValuesStrings(ctx, secret)
	return tflog.MaskMessageStrings(ctx, secret)
}
