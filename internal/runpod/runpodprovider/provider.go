// Package runpodprovider is the runpod Terraform provider: its configuration, the API client it
// builds, and the resources and data sources it registers.
package runpodprovider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfprovider"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/cluster"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/datacenter"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/endpoint"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/gputype"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/networkvolume"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/pod"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/registryauth"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/sshkeys"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/template"
)

// Environment variables the provider reads when the configuration leaves a setting out.
const (
	EnvAPIKey     = "RUNPOD_API_KEY"
	EnvAPIVersion = "RUNPOD_API_VERSION"
	EnvAPIURL     = "RUNPOD_API_URL"
	EnvRESTURL    = "RUNPOD_REST_URL"
	EnvGraphQLURL = "RUNPOD_GRAPHQL_URL"
)

var (
	_ provider.Provider                  = (*RunPodProvider)(nil)
	_ provider.ProviderWithListResources = (*RunPodProvider)(nil)
	_ provider.ProviderWithActions       = (*RunPodProvider)(nil)
)

// RunPodProvider is the provider implementation.
type RunPodProvider struct{ tfprovider.Base }

// New returns a constructor of the provider at version.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &RunPodProvider{tfprovider.Base{
			Cloud: providerutil.API.Name, TypeName: "runpod", Version: version,
			NewResources: []func() resource.Resource{
				cluster.NewResource,
				endpoint.NewResource,
				networkvolume.NewResource,
				pod.NewResource,
				registryauth.NewResource,
				sshkeys.NewResource,
				template.NewResource,
			},
			NewDataSources: []func() datasource.DataSource{
				cluster.NewDataSource,
				cluster.NewListDataSource,
				datacenter.NewListDataSource,
				gputype.NewGPUTypeDataSource,
				gputype.NewGPUTypesDataSource,
				endpoint.NewDataSource,
				networkvolume.NewDataSource,
				networkvolume.NewListDataSource,
				pod.NewDataSource,
				pod.NewListDataSource,
				template.NewDataSource,
				template.NewListDataSource,
			},
			NewListResources: []func() list.ListResource{
				cluster.NewListResource,
				endpoint.NewListResource,
				networkvolume.NewListResource,
				pod.NewListResource,
				registryauth.NewListResource,
				sshkeys.NewListResource,
				template.NewListResource,
			},
			NewActions: []func() action.Action{
				pod.NewRestartAction,
			},
		}}
	}
}

type providerModel struct {
	APIKey     types.String `tfsdk:"api_key"`
	APIVersion types.String `tfsdk:"api_version"`
	APIURL     types.String `tfsdk:"api_url"`
	RESTURL    types.String `tfsdk:"rest_url"`
	GraphQLURL types.String `tfsdk:"graphql_url"`
}

func (p *RunPodProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manage [RunPod](https://www.runpod.io) GPU pods, serverless endpoints, templates, network volumes " +
			"and container registry credentials. The provider talks to RunPod's REST API v2 (the default), or to REST v1 with " +
			"`api_version = \"v1\"`; the same configuration and state work with both. It uses RunPod's GraphQL API only where " +
			"no REST API serves: spot pods on v2; spot bids, GPU prices and pod runtime on v1.",
		Attributes: map[string]schema.Attribute{
			"api_key": schema.StringAttribute{
				MarkdownDescription: "RunPod API key. May also be set with the `" + EnvAPIKey + "` environment variable. " +
					"It is sent only in the `Authorization` header, never in a URL, and never logged.",
				Optional:  true,
				Sensitive: true,
			},
			"api_version": schema.StringAttribute{
				MarkdownDescription: "Which RunPod API the provider speaks: `v2` (the default; RunPod's current REST API) or `v1` " +
					"(REST v1 + GraphQL, which RunPod's docs retire on 2026-11-15). May also be set with `" + EnvAPIVersion + "`. " +
					"Switching needs no other change: the schema and the state are the same on both; attributes only one API can " +
					"express are refused at plan time on the other (see the guide \"RunPod REST v2\").",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(apiVersions()...)},
			},
			"api_url": schema.StringAttribute{
				MarkdownDescription: "Base URL of RunPod's REST API v2 (requests go to `<api_url>/v2/...`). May also be set with `" +
					EnvAPIURL + "`. Defaults to `" + runpodapi.DefaultAPIURL + "`. Point it at `runpod-mock` to test modules offline.",
				Optional: true,
			},
			"rest_url": schema.StringAttribute{
				MarkdownDescription: "Base URL of RunPod's REST API v1, used with `api_version = \"v1\"`. May also be set with `" +
					EnvRESTURL + "`. Defaults to `" + runpodapi.DefaultRESTURL + "`.",
				Optional: true,
			},
			"graphql_url": schema.StringAttribute{
				MarkdownDescription: "URL of RunPod's GraphQL API (spot pods on both API versions; GPU prices and pod runtime " +
					"on v1). May also be set with `" + EnvGraphQLURL + "`. Defaults to `" + runpodapi.DefaultGraphQLURL + "`.",
				Optional: true,
			},
		},
	}
}

func (p *RunPodProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	p.RequireKnown(&resp.Diagnostics, map[string]types.String{"api_key": cfg.APIKey, "api_version": cfg.APIVersion,
		"api_url": cfg.APIURL, "rest_url": cfg.RESTURL, "graphql_url": cfg.GraphQLURL})
	if resp.Diagnostics.HasError() {
		return
	}

	ctx, apiKey, ok := p.APIKey(ctx, &resp.Diagnostics, cfg.APIKey, EnvAPIKey, "Create a key at https://www.runpod.io/console/user/settings.")
	if !ok {
		return
	}

	version := tfprovider.Setting(cfg.APIVersion, string(runpodapi.DefaultBackend), EnvAPIVersion)
	if !slices.Contains(apiVersions(), version) {
		resp.Diagnostics.AddAttributeError(path.Root("api_version"), "Invalid RunPod API version",
			fmt.Sprintf("%s is %q: set it to %q or %q, or unset it (the default is %q).", EnvAPIVersion, version, runpodapi.BackendV2, runpodapi.BackendV1, runpodapi.DefaultBackend))
		return
	}
	urls := map[string]string{
		"api_url":     tfprovider.Setting(cfg.APIURL, runpodapi.DefaultAPIURL, EnvAPIURL),
		"rest_url":    tfprovider.Setting(cfg.RESTURL, runpodapi.DefaultRESTURL, EnvRESTURL),
		"graphql_url": tfprovider.Setting(cfg.GraphQLURL, runpodapi.DefaultGraphQLURL, EnvGraphQLURL),
	}
	client, err := runpodapi.New(runpodapi.Config{
		APIKey:     apiKey,
		Backend:    runpodapi.Backend(version),
		APIURL:     urls["api_url"],
		RESTURL:    urls["rest_url"],
		GraphQLURL: urls["graphql_url"],
		UserAgent:  runpodapi.UserAgent(p.Version, req.TerraformVersion),
	})
	if err != nil {
		resp.Diagnostics.AddError("Invalid RunPod provider configuration", err.Error())
		return
	}
	tflog.Debug(ctx, "configured RunPod API client", map[string]any{
		"api_version": version, "api_url": urls["api_url"], "rest_url": urls["rest_url"], "graphql_url": urls["graphql_url"],
	})
	// One Shared per provider instance: refreshes read from one list of pods, readiness waits
	// share one poller.
	tfprovider.ProvideClient(resp, runpodapi.NewShared(client))
}

func apiVersions() []string {
	out := make([]string, len(runpodapi.Backends))
	for i, b := range runpodapi.Backends {
		out[i] = string(b)
	}
	return out
}
