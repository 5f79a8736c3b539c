package tfresource

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resource is, embedded in a resource, what every resource of a provider does alike:
// Metadata names it (the provider's type name and the resource's suffix, such as "_pod"), and
// Configure stores the API client of type C that the provider configured in the resource's
// own client field (Client's checks). Make it with NewResource in the resource's constructor;
// the resource is then used through the pointer the constructor returns.
type Resource[C any] struct{ configured[C] }

// NewResource returns the Resource of a resource named by suffix ("_pod"), whose Configure
// stores the API client at client (the resource's field); cloud names the cloud in the error
// when the provider data is not a C ("RunPod").
func NewResource[C any](cloud, suffix string, client *C) Resource[C] {
	return Resource[C]{configured[C]{cloud: cloud, suffix: suffix, client: client}}
}

// Metadata names the resource: the provider's type name and the resource's suffix.
func (b Resource[C]) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + b.suffix
}

// Configure stores the API client the provider configured (see Client).
func (b Resource[C]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.store(req.ProviderData, &resp.Diagnostics)
}

// DataSource is Resource for a data source.
type DataSource[C any] struct{ configured[C] }

// NewDataSource is NewResource for a data source.
func NewDataSource[C any](cloud, suffix string, client *C) DataSource[C] {
	return DataSource[C]{configured[C]{cloud: cloud, suffix: suffix, client: client}}
}

// Metadata names the data source: the provider's type name and the data source's suffix.
func (b DataSource[C]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + b.suffix
}

// Configure stores the API client the provider configured (see Client).
func (b DataSource[C]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	b.store(req.ProviderData, &resp.Diagnostics)
}

// configured is what Resource and DataSource hold: the type name's suffix and where the
// client goes.
type configured[C any] struct {
	cloud  string
	suffix string
	client *C
}

func (c configured[C]) store(providerData any, diags *diag.Diagnostics) {
	*c.client = Client[C](providerData, diags, c.cloud)
}

// ImportByID is, embedded in a resource, an import by the object's id: the id given becomes
// the id attribute, and Read fills in the rest.
type ImportByID struct{}

// ImportState sets the id attribute to the id given.
func (ImportByID) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}
