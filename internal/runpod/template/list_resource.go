package template

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	frameworklist "github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// NewListResource returns the runpod_template list resource, for `terraform query`: the
// account's own templates (not RunPod's or the community's public ones), from the same list a
// refresh reads them from.
func NewListResource() frameworklist.ListResource {
	return providerutil.List(providerutil.ListSpec[runpodapi.Template, templateFilters, resourceModel]{
		Suffix: "_template",
		Description: "The account's own templates, optionally filtered, for `terraform query`: each with its identity and, " +
			"with `include_resource`, the `runpod_template` its import would read.",
		Filters: map[string]listschema.Attribute{
			"name":     tfresource.ListFilter("Only templates with exactly this name."),
			"category": tfresource.ListFilter("Only templates of this category: `NVIDIA`, `AMD` or `CPU`.", stringvalidator.OneOf(CategoryNVIDIA, CategoryAMD, CategoryCPU)),
			"is_serverless": listschema.BoolAttribute{
				MarkdownDescription: "Only serverless templates (`true`) or only pod templates (`false`).",
				Optional:            true,
			},
		},
		What: "templates",
		Fetch: func(ctx context.Context, client runpodapi.API, f templateFilters) ([]runpodapi.Template, error) {
			all, err := runpodapi.ListOwnTemplates(ctx, client)
			return slices.DeleteFunc(all, func(t runpodapi.Template) bool {
				return !tfresource.Matches(f.Name, t.Name) || !tfresource.Matches(f.Category, t.Category) ||
					!f.IsServerless.IsNull() && f.IsServerless.ValueBool() != t.IsServerless
			}), err
		},
		Name: func(t runpodapi.Template) (string, string) { return t.ID, t.Name },
		Fill: func(_ context.Context, t runpodapi.Template, m *resourceModel) { m.fromAPI(&t, *m) },
	})
}

type templateFilters struct {
	Name         types.String `tfsdk:"name"`
	Category     types.String `tfsdk:"category"`
	IsServerless types.Bool   `tfsdk:"is_serverless"`
}
