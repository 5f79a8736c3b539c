package tfresource

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// IdentityByID is, embedded in a resource, its resource identity: one attribute, id, the
// object's id in the cloud's API. Terraform 1.12 and later store it beside the state, import by
// it (an import block's identity argument) and `terraform query` returns it for every object a
// list resource finds. Older Terraform and OpenTofu ignore it and import by the id string.
//
// A resource with an identity must return it from every Create, Read and Update that succeeds
// (the framework fails the call otherwise): end each with SetIdentity.
type IdentityByID struct{}

// IdentitySchema declares the identity: the id, required to import.
func (IdentityByID) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"id": identityschema.StringAttribute{
			RequiredForImport: true,
			Description:       "The object's id, as the API and the id attribute give it.",
		},
	}}
}

// SetIdentity sets identity (a response's Identity) to the id attribute of state (the same
// response's State), unless the state has no object or no known id: a failed create saves no
// object, and a read that finds the object gone removes it. Call it last, or defer it:
//
//	defer tfresource.SetIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
func SetIdentity(ctx context.Context, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if identity == nil || state == nil || state.Raw.IsNull() {
		return
	}
	var id types.String
	if d := state.GetAttribute(ctx, path.Root("id"), &id); d.HasError() || id.IsNull() || id.IsUnknown() {
		return
	}
	diags.Append(identity.SetAttribute(ctx, path.Root("id"), id)...)
}

// SetReadIdentity is SetIdentity for a Read: a Read that found the object gone (and removed it
// from the state) returns the identity it was asked about, as the framework fails a Read that
// returns none, even then. Defer it first thing:
//
//	defer tfresource.SetReadIdentity(ctx, req, resp)
func SetReadIdentity(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if !resp.State.Raw.IsNull() {
		SetIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
		return
	}
	prior := req.State
	SetIdentity(ctx, &prior, resp.Identity, &resp.Diagnostics)
}

// ImportedID is the id an import names: the import ID, or the identity's id when the import
// block gave an identity instead. A resource with its own ImportState (one that checks the id,
// or finds the object by name) starts with it, and sets the identity with SetImportedIdentity.
func ImportedID(ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics) string {
	if req.ID != "" || req.Identity == nil {
		return req.ID
	}
	var id types.String
	diags.Append(req.Identity.GetAttribute(ctx, path.Root("id"), &id)...)
	return id.ValueString()
}

// SetImportedIdentity sets the identity of an imported object to id.
func SetImportedIdentity(ctx context.Context, id string, resp *resource.ImportStateResponse) {
	if resp.Identity != nil {
		resp.Diagnostics.Append(resp.Identity.SetAttribute(ctx, path.Root("id"), id)...)
	}
}
