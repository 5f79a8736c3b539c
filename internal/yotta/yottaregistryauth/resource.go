// Package yottaregistryauth is the yotta_container_registry_auth resource: credentials Yotta pulls
// private images with.
package yottaregistryauth

import (
	"context"
	"fmt"
	"maps"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottautil"
)

var (
	_ resource.ResourceWithImportState = (*registryAuthResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*registryAuthResource)(nil)
)

// NewResource returns the yotta_container_registry_auth resource.
func NewResource() resource.Resource {
	return &registryAuthResource{Resource: yottautil.Resource("_container_registry_auth")}
}

type registryAuthResource struct {
	tfresource.Resource[*yottaapi.Client]
	tfresource.IdentityByID
}

// model is the resource's data. PasswordWO is write-only: it holds a value only in the
// configuration, never in plan or state.
type model struct {
	ID                types.String `tfsdk:"id"`
	Name              types.String `tfsdk:"name"`
	Type              types.String `tfsdk:"type"`
	Username          types.String `tfsdk:"username"`
	Password          types.String `tfsdk:"password"`
	PasswordWO        types.String `tfsdk:"password_wo"`
	PasswordWOVersion types.Int64  `tfsdk:"password_wo_version"`
	CreatedAt         types.String `tfsdk:"created_at"`
}

// password is the password the configuration gives: password, or else password_wo.
func (m model) password() string {
	if m.Password.IsNull() {
		return m.PasswordWO.ValueString()
	}
	return m.Password.ValueString()
}

// passwordChange is the password an update sends, nil for none: password when it changes to
// a value, or password_wo when password_wo_version changes (Terraform cannot see a change of
// password_wo itself). A password removed in favour of password_wo, whose version changes
// with it, sends the latter; Yotta has no clearing a password.
func passwordChange(plan, state, config model) *string {
	if !plan.PasswordWOVersion.Equal(state.PasswordWOVersion) && !config.PasswordWO.IsNull() {
		s := config.PasswordWO.ValueString()
		return &s
	}
	if plan.Password.IsNull() {
		return nil
	}
	return tfvalue.ChangedString(plan.Password, state.Password)
}

// fromAPI sets what Yotta reports (the username and password are never returned).
func (m *model) fromAPI(a *yottaapi.RegistryAuth) {
	m.ID = types.StringValue(string(a.ID))
	m.Name = types.StringValue(a.Name)
	m.Type = types.StringValue(a.Type)
	m.CreatedAt = tfvalue.StringOrNull(a.CreatedAt.RFC3339())
}

func (r *registryAuthResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Credentials Yotta pulls private container images with: a `yotta_pod` references the credential's " +
			"`id` as `container_registry_auth_id`.\n\n" +
			"- `name`, `username` and `password` change in place (Yotta's `PATCH`); changing `type` replaces the credential.\n" +
			"- Yotta never returns the username or password: the state holds the configured values, and a change made outside " +
			"Terraform cannot be detected. Protect the state: it holds the password.\n" +
			"- To keep the password out of the state and the plan (Terraform 1.11 or later), set `password_wo` with " +
			"`password_wo_version` instead of `password`: Yotta receives `password_wo` when the credential is created, and again " +
			"(in place) whenever `password_wo_version` changes. Changing `password_wo` alone does nothing.\n" +
			"- Yotta refuses to delete a credential that a pod or serverless endpoint uses (HTTP 409); the error names them. " +
			"Delete or replace those first (a pod that references this credential's `id` is deleted before it).\n" +
			"- Import takes the id. Import can set only `id`, `name`, `type` and `created_at`: the next apply sets `username` " +
			"and `password` (or `password_wo`) to the configured values (one `PATCH`, no replacement).",
		Attributes: map[string]schema.Attribute{
			"id": tfresource.IDAttribute("Yotta's id of the credential (an integer, kept as a string)."),
			"name": schema.StringAttribute{
				MarkdownDescription: "Name of the credential (1 to 255 characters). Changes in place.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 255)},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "The registry's kind: `DOCKER_HUB`, `GCR`, `ECR`, `ACR` or `PRIVATE`. Changing it replaces the credential.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(yottaapi.RegistryTypes...)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"username": schema.StringAttribute{
				MarkdownDescription: "User name for the registry, required to create the credential (the plan fails without it). " +
					"Yotta never returns it: the state holds the configured value. Changes in place.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"password": schema.StringAttribute{
				MarkdownDescription: "Password or access token for the registry: this or `password_wo` is required to create the " +
					"credential (the plan fails without either). Sensitive: never " +
					"shown in plans or logs. Yotta never returns it: the state holds the configured value. Changes in place.",
				Optional:  true,
				Sensitive: true,
				Validators: []validator.String{
					stringvalidator.LengthAtLeast(1),
					stringvalidator.ConflictsWith(path.MatchRoot("password_wo")),
				},
			},
			"password_wo": schema.StringAttribute{
				MarkdownDescription: "Password or access token for the registry, **write-only** (Terraform 1.11 or later): it " +
					"reaches Yotta but never the plan or the state. Set it instead of `password`, with `password_wo_version`. " +
					"Yotta receives it when the credential is created, and when `password_wo_version` changes (in place). " +
					"Terraform cannot see a change of `password_wo` itself: changing it without changing `password_wo_version` " +
					"does nothing.",
				Optional:  true,
				WriteOnly: true,
				Sensitive: true,
				Validators: []validator.String{
					stringvalidator.LengthAtLeast(1),
					stringvalidator.AlsoRequires(path.MatchRoot("password_wo_version")),
				},
			},
			"password_wo_version": schema.Int64Attribute{
				MarkdownDescription: "Version of `password_wo`, required with it: any number you choose, changed (usually " +
					"incremented) whenever `password_wo` changes, which sends the new password (in place). Kept in state (it is " +
					"not secret).",
				Optional:   true,
				Validators: []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("password_wo"))},
			},
			"created_at": schema.StringAttribute{
				MarkdownDescription: "When the credential was created, in RFC 3339.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

// apiFields maps the request's fields to the attributes, for errors that name a field.
var apiFields = map[string]string{"name": "name", "type": "type", "username": "username", "password": "password"}

// apiFieldsOf is apiFields for a configuration: Yotta's password field is password_wo when
// the configuration sets that instead.
func apiFieldsOf(config model) map[string]string {
	if config.PasswordWO.IsNull() {
		return apiFields
	}
	fields := maps.Clone(apiFields)
	fields["password"] = "password_wo"
	return fields
}

// ModifyPlan refuses at plan time a create, or a replacement (a new type), without the
// username and a password to send: the schema cannot require them, since an imported
// credential has none recorded (Yotta never returns them) and the configuration Terraform
// generates for it (import, terraform query) sets them to null.
func (r *registryAuthResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var plan, config model
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	why := "to create"
	if !req.State.Raw.IsNull() {
		var state model
		if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() || plan.Type.Equal(state.Type) {
			return
		}
		why = "to replace (its type changes)"
	}
	name := "the credential"
	if !plan.Name.IsUnknown() {
		name = strconv.Quote(plan.Name.ValueString())
	}
	const stored = "Yotta never returns a credential's username or password: it takes them when the credential is made"
	if config.Username.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("username"), "Missing username",
			fmt.Sprintf("username is required %s container registry auth %s: %s. Set username in the configuration.", why, name, stored))
	}
	if config.Password.IsNull() && config.PasswordWO.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("password"), "Missing password",
			fmt.Sprintf("password is required %s container registry auth %s: %s. Set password (or password_wo with "+
				"password_wo_version, to keep it out of the state) in the configuration.", why, name, stored))
	}
}

func (r *registryAuthResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer tfresource.SetIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	ctx = yottautil.NoticeAdoptions(ctx, &resp.Diagnostics)
	var plan, config model
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...) // password_wo is only there
	if resp.Diagnostics.HasError() {
		return
	}
	a, err := r.Client.CreateRegistryAuth(ctx, yottaapi.RegistryAuthCreateRequest{
		Name: plan.Name.ValueString(), Type: plan.Type.ValueString(), Username: plan.Username.ValueString(), Password: config.password(),
	})
	if err != nil {
		yottautil.AddAPIErrorNaming(&resp.Diagnostics, "create container registry auth "+plan.Name.ValueString(), err, apiFieldsOf(config))
		return
	}
	tflog.Info(ctx, "created container registry auth", map[string]any{"id": string(a.ID), "name": a.Name})
	planned := plan
	plan.fromAPI(a)
	plan.Name, plan.Type = planned.Name, planned.Type // as planned: Terraform requires it
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *registryAuthResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer tfresource.SetReadIdentity(ctx, req, resp)
	var state model
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	a := yottautil.ReadOrRemove(ctx, resp, "container registry auth", state.ID.ValueString(), r.Client.GetRegistryAuth)
	if a == nil {
		return
	}
	state.fromAPI(a)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *registryAuthResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer tfresource.SetIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan, state, config model
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...) // password_wo is only there
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	in := yottaapi.RegistryAuthUpdateRequest{
		Name:     tfvalue.ChangedString(plan.Name, state.Name),
		Username: tfvalue.ChangedString(plan.Username, state.Username),
		Password: passwordChange(plan, state, config),
	}
	a, err := r.Client.UpdateRegistryAuth(ctx, id, in)
	if err != nil {
		yottautil.AddAPIErrorNaming(&resp.Diagnostics, "update container registry auth "+id, err, apiFieldsOf(config))
		return
	}
	planned := plan
	plan.fromAPI(a)
	plan.Name, plan.Type = planned.Name, planned.Type // as planned: Terraform requires it
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *registryAuthResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state model
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	err := r.Client.DeleteRegistryAuth(ctx, id)
	switch {
	case err == nil, yottaapi.IsNotFound(err):
	case yottaapi.IsConflict(err):
		resp.Diagnostics.AddError("Container registry auth in use",
			fmt.Sprintf("Yotta refuses to delete credential %s (%s) while a pod or serverless endpoint pulls its image with it. "+
				"Delete or replace what uses it first (when a yotta_pod references this credential's id, Terraform deletes the pod "+
				"first).\n\nYotta says: %s", state.Name.ValueString(), id, yottaapi.AsAPIError(err).Message))
	default:
		yottautil.AddAPIError(&resp.Diagnostics, "delete container registry auth "+id, err)
	}
}

func (r *registryAuthResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := tfresource.ImportedID(ctx, req, &resp.Diagnostics)
	if !yottaapi.IsNumeric(id) {
		resp.Diagnostics.AddError("Invalid credential id",
			fmt.Sprintf("%q is not a Yotta credential id: import a credential by its id (digits).", id))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	tfresource.SetImportedIdentity(ctx, id, resp)
}
