package template

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// NewListDataSource returns the runpod_templates data source.
func NewListDataSource() datasource.DataSource {
	return providerutil.DataSource("_templates", templatesSchema, readTemplates)
}

type templatesDataSourceModel struct {
	IncludeEndpointBound types.Bool  `tfsdk:"include_endpoint_bound_templates"`
	IncludePublic        types.Bool  `tfsdk:"include_public_templates"`
	IncludeRunpod        types.Bool  `tfsdk:"include_runpod_templates"`
	IDs                  types.List  `tfsdk:"ids"`
	Templates            []dataModel `tfsdk:"templates"`
}

func templatesSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "RunPod templates: the account's own, and on request the ones its endpoints use, public ones " +
			"and RunPod's official ones (RunPod lists those only when asked).\n\n" +
			"On REST v2 (the default) the account's own templates are `GET /v2/templates`, which lists them all (those " +
			"endpoints use included); `include_runpod_templates` adds `GET /v2/catalog/templates?source=official` and " +
			"`include_public_templates` adds `source=verified` and `source=community`, each at most 100 templates (REST v2 " +
			"does not page them yet). `include_endpoint_bound_templates` has no REST v2 meaning: REST v2 lists the account's " +
			"templates whether endpoints use them or not, and keeps no templates of its own for endpoints.",
		Attributes: map[string]schema.Attribute{
			"include_endpoint_bound_templates": schema.BoolAttribute{
				MarkdownDescription: "**REST v1 only** (ignored on REST v2, which always lists them): also list the account's " +
					"templates that serverless endpoints use (REST v1 leaves them out by default). Defaults to `false`.",
				Optional: true,
			},
			"include_public_templates": schema.BoolAttribute{
				MarkdownDescription: "Also list other users' public templates (REST v2: the `verified` and `community` slices " +
					"of its template catalog, at most 100 each). Defaults to `false`.",
				Optional: true,
			},
			"include_runpod_templates": schema.BoolAttribute{
				MarkdownDescription: "Also list RunPod's official templates (REST v2: the catalog's `official` slice, at most " +
					"100). Defaults to `false`.",
				Optional: true,
			},
			"ids": schema.ListAttribute{
				MarkdownDescription: "Ids of the templates listed, in `templates` order.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"templates": schema.ListNestedAttribute{
				MarkdownDescription: "The templates, in RunPod's order.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: templateAttributes()},
			},
		},
	}
}

func readTemplates(ctx context.Context, client runpodapi.API, data *templatesDataSourceModel, diags *diag.Diagnostics) {
	all, err := client.ListTemplates(ctx, runpodapi.TemplateListOptions{
		IncludeEndpointBound: data.IncludeEndpointBound.ValueBool(),
		IncludePublic:        data.IncludePublic.ValueBool(),
		IncludeRunpod:        data.IncludeRunpod.ValueBool(),
	})
	if err != nil {
		providerutil.AddAPIError(diags, "list templates", err)
		return
	}
	data.Templates, data.IDs = tfvalue.Listed(all, func(t *runpodapi.Template) (m dataModel) {
		m.fromAPI(t)
		return m
	}, func(t *runpodapi.Template) string { return t.ID })
}
