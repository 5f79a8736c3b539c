package tfresource

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// volumeResource and volumeDataSource are a provider's own types, as they embed the bases.
type volumeResource struct {
	ownResourceMethods
	Resource[client]
	ImportByID
	client client
}

type volumeDataSource struct {
	ownDataSourceMethods
	DataSource[client]
	client client
}

// ownResourceMethods and ownDataSourceMethods are what a resource and a data source write
// themselves (never called here).
type ownResourceMethods interface {
	Schema(context.Context, resource.SchemaRequest, *resource.SchemaResponse)
	Create(context.Context, resource.CreateRequest, *resource.CreateResponse)
	Read(context.Context, resource.ReadRequest, *resource.ReadResponse)
	Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse)
	Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse)
}

type ownDataSourceMethods interface {
	Schema(context.Context, datasource.SchemaRequest, *datasource.SchemaResponse)
	Read(context.Context, datasource.ReadRequest, *datasource.ReadResponse)
}

// The bases give what the framework asks of a resource and data source that is configured
// (and of a resource imported by id), so that a type embedding them need not assert it.
var (
	_ resource.ResourceWithConfigure     = (*volumeResource)(nil)
	_ resource.ResourceWithImportState   = (*volumeResource)(nil)
	_ datasource.DataSourceWithConfigure = (*volumeDataSource)(nil)
)

func TestResourceIsNamedBySuffixAndStoresTheClient(t *testing.T) {
	ctx := context.Background()
	r := &volumeResource{}
	r.Resource = NewResource("Cloudy", "_network_volume", &r.client)

	var meta resource.MetadataResponse
	r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "cloudy"}, &meta)
	if meta.TypeName != "cloudy_network_volume" {
		t.Errorf("type name %q, want cloudy_network_volume", meta.TypeName)
	}

	var resp resource.ConfigureResponse
	r.Configure(ctx, resource.ConfigureRequest{}, &resp)
	if r.client != nil || resp.Diagnostics.HasError() {
		t.Errorf("not configured yet: client %v, %v; want nil without error", r.client, resp.Diagnostics)
	}
	r.Configure(ctx, resource.ConfigureRequest{ProviderData: realClient{}}, &resp)
	if r.client == nil || resp.Diagnostics.HasError() {
		t.Errorf("configured: client %v, %v", r.client, resp.Diagnostics)
	}
	resp = resource.ConfigureResponse{}
	r.Configure(ctx, resource.ConfigureRequest{ProviderData: "not a client"}, &resp)
	if r.client != nil || len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Summary() != "Unexpected provider data" ||
		!strings.Contains(resp.Diagnostics[0].Detail(), "Expected a Cloudy API client, got string.") {
		t.Errorf("wrong data: client %v, %v", r.client, resp.Diagnostics)
	}
}

func TestDataSourceIsNamedBySuffixAndStoresTheClient(t *testing.T) {
	ctx := context.Background()
	d := &volumeDataSource{}
	d.DataSource = NewDataSource("Cloudy", "_network_volumes", &d.client)

	var meta datasource.MetadataResponse
	d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "cloudy"}, &meta)
	if meta.TypeName != "cloudy_network_volumes" {
		t.Errorf("type name %q, want cloudy_network_volumes", meta.TypeName)
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
