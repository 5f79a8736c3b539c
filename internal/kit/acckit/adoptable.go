package acckit

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
)

// CheckEveryResourceAdoptable fails t for each resource of p (named providerTypeName) that an
// existing account's object could not be brought under Terraform with: one without a resource
// identity whose only attribute is the id, required to import (import blocks by identity,
// what `terraform query` results carry), without an import by id (OpenTofu, older Terraform),
// or without a list resource of the same name (`terraform query`). It also fails for a list
// resource that finds objects of no resource type.
func CheckEveryResourceAdoptable(t testing.TB, providerTypeName string, p provider.Provider) {
	t.Helper()
	ctx := context.Background()
	lister, ok := p.(provider.ProviderWithListResources)
	if !ok {
		t.Fatalf("the %s provider has no list resources", providerTypeName)
	}
	listed := map[string]bool{}
	for _, newList := range lister.ListResources(ctx) {
		var md resource.MetadataResponse
		newList().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: providerTypeName}, &md)
		listed[md.TypeName] = true
	}
	for _, newResource := range p.Resources(ctx) {
		r := newResource()
		var md resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: providerTypeName}, &md)
		name := md.TypeName
		if !listed[name] {
			t.Errorf("%s has no list resource: terraform query cannot find its objects", name)
		}
		delete(listed, name)
		if _, ok := r.(resource.ResourceWithImportState); !ok {
			t.Errorf("%s cannot be imported", name)
		}
		withIdentity, ok := r.(resource.ResourceWithIdentity)
		if !ok {
			t.Errorf("%s has no resource identity", name)
			continue
		}
		var resp resource.IdentitySchemaResponse
		withIdentity.IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &resp)
		id, ok := resp.IdentitySchema.Attributes["id"].(identityschema.StringAttribute)
		if len(resp.IdentitySchema.Attributes) != 1 || !ok || !id.RequiredForImport {
			t.Errorf("%s's identity is %v, want one string attribute id, required for import", name, resp.IdentitySchema.Attributes)
		}
	}
	for name := range listed {
		t.Errorf("the list resource %s finds objects of no resource type", name)
	}
}
