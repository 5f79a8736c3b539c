package endpoint

import (
	"context"
	"slices"

	frameworklist "github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/templaterollout"
)

// NewListResource returns the runpod_endpoint list resource, for `terraform query`. On REST v2
// an endpoint names no template: as on import, it takes the account's one template whose
// settings match its copy (the templates are listed once for all endpoints).
func NewListResource() frameworklist.ListResource {
	return providerutil.List(providerutil.ListSpec[listedEndpoint, endpointFilters, resourceModel]{
		Suffix: "_endpoint",
		Description: "The account's serverless endpoints, optionally filtered, for `terraform query`: each with its identity " +
			"and, with `include_resource`, the `runpod_endpoint` its import would read.",
		Filters: map[string]listschema.Attribute{
			"name":           tfresource.ListFilter("Only endpoints with exactly this name."),
			"gpu_type_id":    tfresource.ListFilter("Only endpoints that may run on this GPU type, such as `NVIDIA GeForce RTX 4090`."),
			"data_center_id": tfresource.ListFilter("Only endpoints that may run in this data center, such as `EU-RO-1`."),
		},
		What: "endpoints",
		Fetch: func(ctx context.Context, client runpodapi.API, f endpointFilters) ([]listedEndpoint, error) {
			all, err := client.ListEndpoints(ctx)
			if err != nil {
				return nil, err
			}
			all = slices.DeleteFunc(all, func(ep runpodapi.Endpoint) bool {
				return !tfresource.Matches(f.Name, ep.Name) ||
					!f.GPUTypeID.IsNull() && !slices.Contains(ep.GPUTypeIDs, f.GPUTypeID.ValueString()) ||
					!f.DataCenterID.IsNull() && !slices.Contains(ep.DataCenterIDs, f.DataCenterID.ValueString())
			})
			var templates []runpodapi.Template
			if client.Backend() == runpodapi.BackendV2 && len(all) > 0 {
				if templates, err = runpodapi.ListOwnTemplates(ctx, client); err != nil {
					return nil, err
				}
			}
			out := make([]listedEndpoint, len(all))
			for i := range all {
				out[i] = listedEndpoint{Endpoint: all[i], templates: templates}
			}
			return out, nil
		},
		Name: func(ep listedEndpoint) (string, string) { return ep.ID, ep.Name },
		Fill: func(_ context.Context, ep listedEndpoint, m *resourceModel) {
			if t, _ := templateOf(ep.templates, &ep.Endpoint); t != nil {
				m.TemplateID = types.StringValue(t.ID)
				m.TemplateFingerprint = types.StringValue(templaterollout.Fingerprint(t))
			}
			m.fromAPI(&ep.Endpoint, *m)
		},
	})
}

// listedEndpoint is an endpoint the list found, with the account's templates (REST v2) to find its own among.
type listedEndpoint struct {
	runpodapi.Endpoint
	templates []runpodapi.Template
}

type endpointFilters struct {
	Name         types.String `tfsdk:"name"`
	GPUTypeID    types.String `tfsdk:"gpu_type_id"`
	DataCenterID types.String `tfsdk:"data_center_id"`
}
