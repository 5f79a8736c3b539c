package tfresource

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var _ resource.ResourceWithIdentity = (*volumeResource)(nil)

func nullIdentity(ctx context.Context) *tfsdk.ResourceIdentity {
	var resp resource.IdentitySchemaResponse
	IdentityByID{}.IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &resp)
	return &tfsdk.ResourceIdentity{Schema: resp.IdentitySchema, Raw: tftypes.NewValue(resp.IdentitySchema.Type().TerraformType(ctx), nil)}
}

func identityID(ctx context.Context, t *testing.T, identity *tfsdk.ResourceIdentity) string {
	t.Helper()
	var id string
	if d := identity.GetAttribute(ctx, path.Root("id"), &id); d.HasError() {
		t.Fatal(d)
	}
	return id
}

func TestSetIdentityCopiesTheStatesID(t *testing.T) {
	ctx := context.Background()
	state := readResponse(ctx).State
	identity := nullIdentity(ctx)
	var resp resource.ReadResponse
	SetIdentity(ctx, &state, identity, &resp.Diagnostics)
	if id := identityID(ctx, t, identity); id != "vol1" || resp.Diagnostics.HasError() {
		t.Errorf("identity id %q, %v; want the state's vol1", id, resp.Diagnostics)
	}
}

// A Read that finds the object gone removes it from the state, and must still return an
// identity (the framework fails the Read otherwise): the one it was asked about.
func TestSetReadIdentityKeepsTheIdentityOfAnObjectGone(t *testing.T) {
	ctx := context.Background()
	req := resource.ReadRequest{State: readResponse(ctx).State}
	resp := &resource.ReadResponse{State: readResponse(ctx).State, Identity: nullIdentity(ctx)}
	resp.State.RemoveResource(ctx)
	SetReadIdentity(ctx, req, resp)
	if id := identityID(ctx, t, resp.Identity); id != "vol1" || resp.Diagnostics.HasError() {
		t.Errorf("identity id %q, %v; want vol1, the id the Read was asked about", id, resp.Diagnostics)
	}
}

func TestImportedIDTakesTheIDOrTheIdentity(t *testing.T) {
	ctx := context.Background()
	identity := nullIdentity(ctx)
	if d := identity.SetAttribute(ctx, path.Root("id"), "vol9"); d.HasError() {
		t.Fatal(d)
	}
	var resp resource.ImportStateResponse
	if got := ImportedID(ctx, resource.ImportStateRequest{ID: "vol2"}, &resp.Diagnostics); got != "vol2" {
		t.Errorf("by id: %q, want vol2", got)
	}
	if got := ImportedID(ctx, resource.ImportStateRequest{Identity: identity}, &resp.Diagnostics); got != "vol9" {
		t.Errorf("by identity: %q, want vol9", got)
	}
}
