// Package yottaprovider is the yotta Terraform provider: its configuration, the API client it
// builds, and the resources and data sources it registers.
package yottaprovider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfprovider"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaendpoint"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottagputype"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottapod"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaregistryauth"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottautil"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottavolume"
)

// Environment variables the provider reads when the configuration leaves a setting out.
const (
	EnvAPIKey = yottautil.EnvAPIKey
	EnvAPIURL = "YOTTA_API_URL"
	// EnvAPIBaseURL is the name Yotta's MCP server reads; the provider reads it after EnvAPIURL.
	EnvAPIBaseURL = "YOTTA_API_BASE_URL"
)

var (
	_ provider.Provider                  = (*YottaProvider)(nil)
	_ provider.ProviderWithListResources = (*YottaProvider)(nil)
)

// YottaProvider is the provider implementation.
type YottaProvider struct{ tfprovider.Base }

// New returns a constructor of the provider at version.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &YottaProvider{tfprovider.Base{
			Cloud: yottautil.API.Name, TypeName: "yotta", Version: version,
			NewResources: []func() resource.Resource{
				yottapod.NewResource,
				yottaregistryauth.NewResource,
				yottavolume.NewResource,
				yottaendpoint.NewResource,
			},
			NewDataSources: []func() datasource.DataSource{
				yottagputype.NewListDataSource,
				yottapod.NewDataSource,
				yottapod.NewListDataSource,
				yottavolume.NewDataSource,
				yottavolume.NewListDataSource,
				yottaendpoint.NewDataSource,
				yottaendpoint.NewListDataSource,
			},
			NewListResources: []func() list.ListResource{
				yottaendpoint.NewListResource,
				yottapod.NewListResource,
				yottaregistryauth.NewListResource,
				yottavolume.NewListResource,
			},
		}}
	}
}

type providerModel struct {
	APIKey types.String `tfsdk:"api_key"`
	APIURL types.String `tfsdk:"api_url"`
}

func (p *YottaProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manage [Yotta Labs](https://yottalabs.ai) GPU pods, serverless endpoints, the volumes pods mount and " +
			"the container registry credentials they pull private images with, and find GPU types by region and availability. The provider talks to Yotta's REST API v2 " +
			"(`https://api.yottalabs.ai/v2`), checking the `code` of every answer (an HTTP 200 answer with a code other than " +
			"`10000` is an error carrying Yotta's message).",
		Attributes: map[string]schema.Attribute{
			"api_key": schema.StringAttribute{
				MarkdownDescription: "Yotta API key (Yotta's console: Settings → Access Keys). May also be set with the `" + EnvAPIKey +
					"` environment variable. It is sent only in the `X-Api-Key` header, and never logged.",
				Optional:  true,
				Sensitive: true,
			},
			"api_url": schema.StringAttribute{
				MarkdownDescription: "Base URL of Yotta's API (requests go to `<api_url>/v2/...`). May also be set with `" + EnvAPIURL +
					"` (or `" + EnvAPIBaseURL + "`, the name Yotta's MCP server reads). Defaults to `" + yottaapi.DefaultBaseURL +
					"`. Point it at `yotta-mock` to test modules offline.",
				Optional: true,
			},
		},
	}
}

func (p *YottaProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	p.RequireKnown(&resp.Diagnostics, map[string]types.String{"api_key": cfg.APIKey, "api_url": cfg.APIURL})
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, apiKey, ok := p.APIKey(ctx, &resp.Diagnostics, cfg.APIKey, EnvAPIKey, "Create a key in Yotta's console under Settings → Access Keys.")
	if !ok {
		return
	}
	apiURL := tfprovider.Setting(cfg.APIURL, yottaapi.DefaultBaseURL, EnvAPIURL, EnvAPIBaseURL)
	client, err := yottaapi.New(yottaapi.Config{
		APIKey:    apiKey,
		BaseURL:   apiURL,
		UserAgent: yottaapi.UserAgent(p.Version, req.TerraformVersion),
	})
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("api_url"), "Invalid Yotta provider configuration", err.Error())
		return
	}
	tflog.Debug(ctx, "configured Yotta API client", map[string]any{"api_url": apiURL})
	tfprovider.ProvideClient(resp, client)
}
