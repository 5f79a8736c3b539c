package tfresource

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfdiag"
)

// ListSpec describes the list resource of a resource type: what `terraform query` calls to find
// the account's objects of that type. C is the API client, T the API's object, F the model of
// the list block's config (its filters), M the resource's model.
type ListSpec[C, T, F, M any] struct {
	// Suffix names the list resource as its resource is named ("_pod"): a list resource has
	// the type name of the resource it finds.
	Suffix string
	// Description is the list resource's MarkdownDescription; Filters its config attributes.
	Description string
	Filters     map[string]listschema.Attribute
	// What names the objects in messages ("pods").
	What string
	// Fetch makes the one list call the resource's refresh uses and returns the objects that
	// pass the filters.
	Fetch func(ctx context.Context, client C, filters F) ([]T, error)
	// Name returns an object's id and its name ("" when it has none).
	Name func(T) (id, name string)
	// Fill maps an object into the resource's model as the resource's Read does after an
	// import (m starts with every attribute null), so that the configuration `terraform query
	// -generate-config-out` writes from it plans no changes once imported.
	Fill func(ctx context.Context, item T, m *M)
}

// List is a list resource built from a ListSpec: NewList makes it.
type List[C, T, F, M any] struct {
	api    tfdiag.API
	spec   ListSpec[C, T, F, M]
	client C
}

var _ list.ListResourceWithConfigure = (*List[any, any, any, any])(nil)

// NewList returns the list resource spec describes, whose API errors api reports.
func NewList[C, T, F, M any](api tfdiag.API, spec ListSpec[C, T, F, M]) *List[C, T, F, M] {
	return &List[C, T, F, M]{api: api, spec: spec}
}

// Metadata names the list resource after its resource.
func (l *List[C, T, F, M]) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + l.spec.Suffix
}

// ListResourceConfigSchema is the list block's config: the filters.
func (l *List[C, T, F, M]) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{MarkdownDescription: l.spec.Description, Attributes: l.spec.Filters}
}

// Configure stores the API client the provider configured.
func (l *List[C, T, F, M]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.client = Client[C](req.ProviderData, &resp.Diagnostics, l.api.Name)
}

// List returns the objects Fetch finds, at most req.Limit of them, each as its identity, a
// display name "name (id)" and, when Terraform asks for it (include_resource), the resource
// Fill maps.
func (l *List[C, T, F, M]) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var filters F
	var diags diag.Diagnostics
	diags.Append(req.Config.Get(ctx, &filters)...)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	items, err := l.spec.Fetch(ctx, l.client, filters)
	if err != nil {
		l.api.AddError(&diags, "list the account's "+l.spec.What, err)
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		for i, item := range items {
			if req.Limit > 0 && int64(i) >= req.Limit {
				return
			}
			if !push(l.result(ctx, req, item)) {
				return
			}
		}
	}
}

func (l *List[C, T, F, M]) result(ctx context.Context, req list.ListRequest, item T) list.ListResult {
	r := req.NewListResult(ctx)
	id, name := l.spec.Name(item)
	r.DisplayName = id
	if name != "" {
		r.DisplayName = fmt.Sprintf("%s (%s)", name, id)
	}
	r.Diagnostics.Append(r.Identity.SetAttribute(ctx, path.Root("id"), id)...)
	if !req.IncludeResource {
		return r
	}
	// Start from an object whose every attribute is null, as an import leaves the state.
	typ := req.ResourceSchema.Type().TerraformType(ctx).(tftypes.Object)
	nulls := make(map[string]tftypes.Value, len(typ.AttributeTypes))
	for name, t := range typ.AttributeTypes {
		nulls[name] = tftypes.NewValue(t, nil)
	}
	r.Resource.Raw = tftypes.NewValue(typ, nulls)
	var m M
	if r.Diagnostics.Append(r.Resource.Get(ctx, &m)...); r.Diagnostics.HasError() {
		return r
	}
	l.spec.Fill(ctx, item, &m)
	r.Diagnostics.Append(r.Resource.Set(ctx, &m)...)
	r.Diagnostics.Append(r.Resource.SetAttribute(ctx, path.Root("id"), id)...)
	return r
}

// ListFilter is an optional string filter of a list resource's config, described by
// description and checked by v: empty strings are refused (omit the filter instead).
func ListFilter(description string, v ...validator.String) listschema.StringAttribute {
	return listschema.StringAttribute{MarkdownDescription: description, Optional: true, Validators: append(v, stringvalidator.LengthAtLeast(1))}
}

// Matches says whether filter (a list resource's optional filter) lets value through: a null
// filter lets everything through, a set one only itself.
func Matches(filter types.String, value string) bool {
	return filter.IsNull() || filter.ValueString() == value
}
