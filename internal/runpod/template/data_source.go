package template

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/validate"
)

var _ datasource.DataSourceWithConfigValidators = (*templateDataSource)(nil)

// NewDataSource returns the runpod_template data source.
func NewDataSource() datasource.DataSource {
	return &templateDataSource{providerutil.DataSource("_template", templateSchema, readTemplate)}
}

type templateDataSource struct {
	*tfresource.DataSource[runpodapi.API, dataModel]
}

// templateAttributes describe one template, computed, for both data sources.
func templateAttributes() map[string]schema.Attribute {
	str := func(desc string) schema.Attribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	num := func(desc string) schema.Attribute {
		return schema.Int64Attribute{MarkdownDescription: desc, Computed: true}
	}
	flag := func(desc string) schema.Attribute {
		return schema.BoolAttribute{MarkdownDescription: desc, Computed: true}
	}
	list := func(desc string) schema.Attribute {
		return schema.ListAttribute{MarkdownDescription: desc, ElementType: types.StringType, Computed: true}
	}
	return map[string]schema.Attribute{
		"id":                   str("Template id: what `template_id` of endpoints and pods takes."),
		"name":                 str("Template name, unique in its owner's account."),
		"image_name":           str("Container image."),
		"category":             str("Compute category: `NVIDIA`, `AMD` or `CPU`."),
		"is_serverless":        flag("Whether the template is for serverless endpoints (`true`) or pods."),
		"is_public":            flag("Whether other RunPod users can see and use it."),
		"is_runpod":            flag("Whether it is one of RunPod's official templates."),
		"container_disk_in_gb": num("Container disk in GB."),
		"volume_in_gb":         num("Pod volume in GB."),
		"volume_mount_path":    str("Where the volume is mounted."),
		"ports":                list("Exposed ports, as `<port>/http` or `<port>/tcp`."),
		"env": schema.MapAttribute{
			MarkdownDescription: "Environment variables of the container (sensitive).",
			ElementType:         types.StringType,
			Computed:            true,
			Sensitive:           true,
		},
		"docker_entrypoint":          list("**REST v1 only** (null on REST v2, which has none): ENTRYPOINT override, if any."),
		"docker_start_cmd":           list("CMD override, if any."),
		"readme":                     str("**REST v1 only** (null on REST v2, which has none): Markdown shown with the template in RunPod's console."),
		"container_registry_auth_id": str("Id of the registry credentials that pull a private image, if any."),
		"start_ssh":                  flag("**REST v2 only** (null on REST v1): whether pods made from it start an SSH server."),
		"start_jupyter":              flag("**REST v2 only** (null on REST v1): whether pods made from it start JupyterLab."),
	}
}

func templateSchema() schema.Schema {
	attrs := templateAttributes()
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: "Template id. Set `id` or `name`.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{validate.ObjectID()},
	}
	attrs["name"] = schema.StringAttribute{
		MarkdownDescription: "Template name (unique in an account): looked up among the account's own templates, then " +
			"RunPod's official ones (on REST v2, the first 100 of its catalog). Set `id` or `name`.",
		Optional:   true,
		Computed:   true,
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	return schema.Schema{
		MarkdownDescription: "An existing RunPod template, by id or by name: the account's own templates, public ones and " +
			"RunPod's official ones.",
		Attributes: attrs,
	}
}

func (d *templateDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")),
	}
}

func readTemplate(ctx context.Context, client runpodapi.API, data *dataModel, diags *diag.Diagnostics) {
	var found *runpodapi.Template
	if id := data.ID.ValueString(); id != "" {
		found = providerutil.GetByID(ctx, diags, "template", id,
			func(ctx context.Context, id string) (*runpodapi.Template, error) {
				return runpodapi.ReadTemplate(ctx, client, id)
			},
			fmt.Sprintf("RunPod has no template %q that this account can see. Check the id, or look the template up by name.", id))
		if found == nil {
			return
		}
	} else {
		name := data.Name.ValueString()
		all, err := client.ListTemplates(ctx, runpodapi.TemplateListOptions{IncludeEndpointBound: true, IncludeRunpod: true})
		if err != nil {
			providerutil.AddAPIError(diags, "list templates", err)
			return
		}
		found = byName(all, name)
		if found == nil {
			diags.AddAttributeError(path.Root("name"), "Template not found",
				fmt.Sprintf("Neither this account nor RunPod's official templates have a template named %q. Names are "+
					"case-sensitive; the runpod_templates data source lists them.", name))
			return
		}
	}
	data.fromAPI(found)
}

// byName returns the template named name, preferring the account's own to RunPod's.
func byName(all []runpodapi.Template, name string) *runpodapi.Template {
	var official *runpodapi.Template
	for i := range all {
		if all[i].Name != name {
			continue
		}
		if !all[i].IsRunpod {
			return &all[i]
		}
		if official == nil {
			official = &all[i]
		}
	}
	return official
}
