package yottaendpoint

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottautil"
)

// NewListResource returns the yotta_serverless_endpoint list resource, for `terraform query`:
// one list call (GET /v2/serverless, filtered by status on Yotta's side), terminated endpoints
// left out as a refresh leaves them out.
func NewListResource() list.ListResource {
	return yottautil.List(yottautil.ListSpec[yottaapi.Endpoint, endpointFilters, endpointModel]{
		Suffix: "_serverless_endpoint",
		Description: "The account's serverless endpoints (terminated ones excluded), optionally filtered, for `terraform query`: " +
			"each with its identity and, with `include_resource`, the `yotta_serverless_endpoint` its import would read.",
		Filters: map[string]listschema.Attribute{
			"name":     tfresource.ListFilter("Only endpoints with exactly this name."),
			"status":   tfresource.ListFilter("Only endpoints in this status, such as `RUNNING` or `STOPPED`."),
			"region":   tfresource.ListFilter("Only endpoints with workers allowed in this region, such as `us-east-1`."),
			"gpu_type": tfresource.ListFilter("Only endpoints that may run on this GPU type, such as `NVIDIA_RTX_4090_24G`."),
		},
		What: "serverless endpoints",
		Fetch: func(ctx context.Context, client *yottaapi.Client, f endpointFilters) ([]yottaapi.Endpoint, error) {
			var statuses []yottaapi.EndpointStatus
			if !f.Status.IsNull() {
				statuses = []yottaapi.EndpointStatus{yottaapi.EndpointStatus(f.Status.ValueString())}
			}
			all, err := client.ListEndpoints(ctx, statuses)
			return slices.DeleteFunc(all, func(e yottaapi.Endpoint) bool {
				return e.Status == yottaapi.EndpointTerminated || !tfresource.Matches(f.Name, e.Name) ||
					!f.Region.IsNull() && !slices.ContainsFunc(e.Resources, func(r yottaapi.EndpointResource) bool { return r.Region == f.Region.ValueString() }) ||
					!f.GPUType.IsNull() && !slices.ContainsFunc(e.Resources, func(r yottaapi.EndpointResource) bool { return r.GPUType == f.GPUType.ValueString() })
			}), err
		},
		Name: func(e yottaapi.Endpoint) (string, string) { return string(e.ID), e.Name },
		Fill: func(_ context.Context, e yottaapi.Endpoint, m *endpointModel) { m.fromAPI(&e) },
	})
}

type endpointFilters struct {
	Name    types.String `tfsdk:"name"`
	Status  types.String `tfsdk:"status"`
	Region  types.String `tfsdk:"region"`
	GPUType types.String `tfsdk:"gpu_type"`
}
