package tfresource

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// volumeResource is a provider's own resource type, as it embeds the bases.
type volumeResource struct {
	ownResourceMethods
	Resource[client]
	ImportByID
}

// ownResourceMethods are what a resource writes itself (never called here).
type ownResourceMethods interface {
	Schema(context.Context, resource.SchemaRequest, *resource.SchemaResponse)
	Create(context.Context, resource.CreateRequest, *resource.CreateResponse)
	Read(context.Context, resource.ReadRequest, *resource.ReadResponse)
	Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse)
	Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse)
}

// The bases give what the framework asks of a resource and data source that is configured
// (and of a resource imported by id), so that a type embedding them need not assert it.
var (
	_ resource.ResourceWithConfigure     = (*volumeResource)(nil)
	_ resource.ResourceWithImportState   = (*volumeResource)(nil)
	_ datasource.DataSourceWithConfigure = (*DataSource[client, volumesModel])(nil)
)

func TestResourceIsNamedBySuffixAndStoresTheClient(t *testing.T) {
	ctx := context.Background()
	r := &volumeResource{Resource: NewResource[client]("Cloudy", "_network_volume")}
	var meta resource.MetadataResponse
	r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "cloudy"}, &meta)
	if meta.TypeName != "cloudy_network_volume" {
		t.Errorf("type name %q, want cloudy_network_volume", meta.TypeName)
	}
	var resp resource.ConfigureResponse
	r.Configure(ctx, resource.ConfigureRequest{}, &resp)
	if r.Client != nil || resp.Diagnostics.HasError() {
		t.Errorf("not configured yet: client %v, %v; want nil without error", r.Client, resp.Diagnostics)
	}
	r.Configure(ctx, resource.ConfigureRequest{ProviderData: realClient{}}, &resp)
	if r.Client == nil || resp.Diagnostics.HasError() {
		t.Errorf("configured: client %v, %v", r.Client, resp.Diagnostics)
	}
	resp = resource.ConfigureResponse{}
	r.Configure(ctx, resource.ConfigureRequest{ProviderData: "not a client"}, &resp)
	if r.Client != nil || len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Summary() != "Unexpected provider data" ||
		!strings.Contains(resp.Diagnostics[0].Detail(), "Expected a Cloudy API client, got string.") {
		t.Errorf("wrong data: client %v, %v", r.Client, resp.Diagnostics)
	}
}

func TestValidateConfigChecksTheDecodedConfiguration(t *testing.T) {
	ctx := context.Background()
	s := schema.Schema{Attributes: map[string]schema.Attribute{"id": schema.StringAttribute{Optional: true}}}
	req := resource.ValidateConfigRequest{Config: tfsdk.Config{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx),
		map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, "vol1")})}}
	var resp resource.ValidateConfigResponse
	var checked string
	ValidateConfig(ctx, req, &resp, func(m struct {
		ID types.String `tfsdk:"id"`
	}) diag.Diagnostics {
		checked = m.ID.ValueString()
		return diag.Diagnostics{diag.NewAttributeErrorDiagnostic(path.Root("id"), "Bad id", checked)}
	})
	if checked != "vol1" || len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Summary() != "Bad id" {
		t.Errorf("checked %q, %v; want vol1 with its error", checked, resp.Diagnostics)
	}
}

// volumesModel is a data source's data: a filter it is configured with, and what it reads.
type volumesModel struct {
	Name types.String `tfsdk:"name"`
	IDs  types.List   `tfsdk:"ids"`
}

func volumesSchema() dsschema.Schema {
	return dsschema.Schema{Attributes: map[string]dsschema.Attribute{
		"name": dsschema.StringAttribute{Optional: true},
		"ids":  dsschema.ListAttribute{Computed: true, ElementType: types.StringType},
	}}
}

func TestDataSourceIsNamedBySuffixAndStoresTheClient(t *testing.T) {
	ctx := context.Background()
	d := NewDataSource("Cloudy", "_network_volumes", volumesSchema, func(context.Context, client, *volumesModel, *diag.Diagnostics) {})
	var meta datasource.MetadataResponse
	d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "cloudy"}, &meta)
	if meta.TypeName != "cloudy_network_volumes" {
		t.Errorf("type name %q, want cloudy_network_volumes", meta.TypeName)
	}
	var sch datasource.SchemaResponse
	d.Schema(ctx, datasource.SchemaRequest{}, &sch)
	if _, ok := sch.Schema.Attributes["ids"]; !ok {
		t.Errorf("schema %v, want volumesSchema's", sch.Schema)
	}
	var resp datasource.ConfigureResponse
	d.Configure(ctx, datasource.ConfigureRequest{ProviderData: realClient{}}, &resp)
	if d.client == nil || resp.Diagnostics.HasError() {
		t.Errorf("configured: client %v, %v", d.client, resp.Diagnostics)
	}
	d.Configure(ctx, datasource.ConfigureRequest{ProviderData: 42}, &resp)
	if d.client != nil || !resp.Diagnostics.HasError() ||
		!strings.Contains(resp.Diagnostics[0].Detail(), "Expected a Cloudy API client, got int.") {
		t.Errorf("wrong data: client %v, %v", d.client, resp.Diagnostics)
	}
}

func TestDataSourceReadSavesWhatItsReadFuncFilledIn(t *testing.T) {
	ctx := context.Background()
	s := volumesSchema()
	config := tfsdk.Config{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), map[string]tftypes.Value{
		"name": tftypes.NewValue(tftypes.String, "data"),
		"ids":  tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, nil),
	})}
	read := func(_ context.Context, c client, data *volumesModel, diags *diag.Diagnostics) {
		if c == nil {
			diags.AddError("Not configured", "no client")
			return
		}
		data.IDs = types.ListValueMust(types.StringType, []attr.Value{types.StringValue(data.Name.ValueString() + "-1")})
	}
	d := NewDataSource("Cloudy", "_network_volumes", volumesSchema, read)
	d.Configure(ctx, datasource.ConfigureRequest{ProviderData: realClient{}}, &datasource.ConfigureResponse{})
	resp := &datasource.ReadResponse{State: tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}}
	d.Read(ctx, datasource.ReadRequest{Config: config}, resp)
	var got volumesModel
	resp.Diagnostics.Append(resp.State.Get(ctx, &got)...)
	if resp.Diagnostics.HasError() || got.Name.ValueString() != "data" || len(got.IDs.Elements()) != 1 ||
		got.IDs.Elements()[0].(types.String).ValueString() != "data-1" {
		t.Errorf("state %v, %v; want name data and ids [data-1]", got, resp.Diagnostics)
	}

	d = NewDataSource("Cloudy", "_network_volumes", volumesSchema, read) // not configured: read fails
	resp = &datasource.ReadResponse{State: tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}}
	d.Read(ctx, datasource.ReadRequest{Config: config}, resp)
	if !resp.Diagnostics.HasError() || !resp.State.Raw.IsNull() {
		t.Errorf("a failed read must leave the state unset: %v, %v", resp.State.Raw, resp.Diagnostics)
	}
}

func TestImportByIDMarkedSetsTheIDAndMarksTheImport(t *testing.T) {
	ctx := context.Background()
	// The framework gives an import its private state; outside the framework it cannot be made,
	// so the marking shows as the framework's error for a missing one.
	resp := &resource.ImportStateResponse{State: readResponse(ctx).State}
	ImportByIDMarked{}.ImportState(ctx, resource.ImportStateRequest{ID: "pod2"}, resp)
	var id string
	resp.Diagnostics.Append(resp.State.GetAttribute(ctx, path.Root("id"), &id)...)
	if id != "pod2" || len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Summary() != "Uninitialized ProviderData" {
		t.Errorf("id %q, %v; want pod2 and the attempt to mark the private state", id, resp.Diagnostics)
	}
}

func TestIDAttributeIsComputedAndKeptInPlans(t *testing.T) {
	a := IDAttribute("The id.")
	if !a.Computed || a.Optional || a.Required || a.MarkdownDescription != "The id." || len(a.PlanModifiers) != 1 ||
		a.PlanModifiers[0].Description(context.Background()) != stringplanmodifier.UseStateForUnknown().Description(context.Background()) {
		t.Errorf("IDAttribute: %+v", a)
	}
}

func TestStateIDReadsTheIDAttribute(t *testing.T) {
	ctx := context.Background()
	var diags diag.Diagnostics
	if id, ok := StateID(ctx, readResponse(ctx).State, &diags); id != "vol1" || !ok || diags.HasError() {
		t.Errorf("got %q, %v, %v; want vol1", id, ok, diags)
	}
	if _, ok := StateID(ctx, tfsdk.State{Schema: readResponse(ctx).State.Schema}, &diags); ok || !diags.HasError() {
		t.Errorf("a state without a value: ok %v, %v; want an error", ok, diags)
	}
}

func TestImportByIDSetsTheID(t *testing.T) {
	ctx := context.Background()
	resp := &resource.ImportStateResponse{State: readResponse(ctx).State}
	ImportByID{}.ImportState(ctx, resource.ImportStateRequest{ID: "vol2"}, resp)
	var id string
	resp.Diagnostics.Append(resp.State.GetAttribute(ctx, path.Root("id"), &id)...)
	if id != "vol2" || resp.Diagnostics.HasError() {
		t.Errorf("id %q, %v; want vol2", id, resp.Diagnostics)
	}
}
