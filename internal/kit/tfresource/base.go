package tfresource

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// Resource is, embedded in a resource, what every resource of a provider does alike:
// Metadata names it (the provider's type name and the resource's suffix, such as "_pod"), and
// Configure stores the API client of type C that the provider configured in Client (Client's
// checks). Make it with NewResource in the resource's constructor; the resource is then used
// through the pointer the constructor returns.
type Resource[C any] struct {
	// Client is the API client the provider configured: the zero C while the provider is not
	// configured yet (ValidateConfig, early plans).
	Client C
	cloud  string
	suffix string
}

// NewResource returns the Resource of a resource named by suffix ("_pod"); cloud names the
// cloud in the error when the provider data is not a C ("RunPod").
func NewResource[C any](cloud, suffix string) Resource[C] {
	return Resource[C]{cloud: cloud, suffix: suffix}
}

// Metadata names the resource: the provider's type name and the resource's suffix.
func (b *Resource[C]) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + b.suffix
}

// Configure stores the API client the provider configured in Client (see the function Client).
func (b *Resource[C]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.Client = Client[C](req.ProviderData, &resp.Diagnostics, b.cloud)
}

// ValidateConfig reads a resource's configuration as an M and reports what check finds wrong
// with it: the body of a resource's ValidateConfig.
func ValidateConfig[M any](ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse, check func(M) diag.Diagnostics) {
	var cfg M
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(check(cfg)...)
}

// ReadFunc reads what a data source describes with the API client: data holds the
// configuration, and ReadFunc fills it in (or replaces it) with what the API reports, or
// reports in diags why it cannot.
type ReadFunc[C, M any] func(ctx context.Context, client C, data *M, diags *diag.Diagnostics)

// DataSource is a data source of a provider whose API client is a C and whose data is an M: it
// is named by its suffix ("_pods"), its schema is what schemaOf returns, Configure stores the
// API client the provider configured, and Read reads the configuration as an M, has read fill
// it in, and saves it as the state. Make it with NewDataSource; embed it (as the pointer) in a
// type of the data source's own to add methods such as ValidateConfig.
type DataSource[C, M any] struct {
	cloud    string
	suffix   string
	schemaOf func() schema.Schema
	read     ReadFunc[C, M]
	client   C
}

// NewDataSource returns the data source named by suffix ("_pods") with the schema schemaOf
// returns, read by read; cloud names the cloud in the error when the provider data is not a C
// ("RunPod").
func NewDataSource[C, M any](cloud, suffix string, schemaOf func() schema.Schema, read ReadFunc[C, M]) *DataSource[C, M] {
	return &DataSource[C, M]{cloud: cloud, suffix: suffix, schemaOf: schemaOf, read: read}
}

// Metadata names the data source: the provider's type name and the data source's suffix.
func (d *DataSource[C, M]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.suffix
}

// Schema is the data source's schema.
func (d *DataSource[C, M]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.schemaOf()
}

// Configure stores the API client the provider configured (see Client).
func (d *DataSource[C, M]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = Client[C](req.ProviderData, &resp.Diagnostics, d.cloud)
}

// Read reads the configuration, has the data source's ReadFunc fill it in, and saves the
// result as the state (unless reading failed).
func (d *DataSource[C, M]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data M
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	d.read(ctx, d.client, &data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

// IDAttribute is a resource's id attribute, described by description: the cloud assigns it,
// and it stays as the state has it in every plan.
func IDAttribute(description string) rschema.StringAttribute {
	return rschema.StringAttribute{
		MarkdownDescription: description,
		Computed:            true,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

// ImportByID is, embedded in a resource, an import by the object's id, given either as the
// import ID (`terraform import`, an import block's id) or as the resource identity (an import
// block's identity, what `terraform query` results carry): the id becomes the id attribute and
// the identity, and Read fills in the rest. It also declares that identity (IdentityByID).
type ImportByID struct{ IdentityByID }

// ImportState sets the id attribute and the identity to the id given.
func (ImportByID) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("id"), path.Root("id"), req, resp)
}

// ImportByIDMarked is, embedded in a resource whose Read cannot recover every attribute, an
// import by the object's id (as ImportByID) that marks the object imported (MarkImported):
// Read fills in what the API reports, and the plan records configured values for the rest
// instead of replacing the object.
type ImportByIDMarked struct{ IdentityByID }

// ImportState sets the id attribute and the identity to the id given and marks the object imported.
func (ImportByIDMarked) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	ImportByID{}.ImportState(ctx, req, resp)
	MarkImported(ctx, resp.Private, &resp.Diagnostics)
}

// ok is false when it cannot be read (reported in diags).
func StateID(ctx context.Context, state tfsdk.State, diags *diag.Diagnostics) (id string, ok bool) {
	diags.Append(state.GetAttribute(ctx, path.Root("id"), &id)...)
	return id, !diags.HasError()
}
