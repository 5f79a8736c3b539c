package registryauth

import (
	"context"
	"fmt"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/validate"
)

var (
	_ resource.ResourceWithImportState = (*registryAuthResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*registryAuthResource)(nil)
)

// NewResource returns the runpod_container_registry_auth resource.
func NewResource() resource.Resource {
	return &registryAuthResource{Resource: providerutil.Resource("_container_registry_auth")}
}

type registryAuthResource struct {
	tfresource.Resource[runpodapi.API]
	tfresource.IdentityByID
}

// replaceUnlessImported replaces the credential when a value it was created with changes.
// After an import the prior value is unknown to Terraform (null: RunPod never returns it), so
// the configured value is recorded in place instead of replacing what was just imported.
func replaceUnlessImported() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = replaces(req.StateValue, req.PlanValue)
		},
		replaceUnlessImportedText, replaceUnlessImportedText,
	)
}

// replaceVersionUnlessImported is replaceUnlessImported for password_wo_version: a new version
// sends the new password_wo, which RunPod can take only by creating a new credential.
func replaceVersionUnlessImported() planmodifier.Int64 {
	return int64planmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.Int64Request, resp *int64planmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = replaces(req.StateValue, req.PlanValue)
		},
		replaceUnlessImportedText, replaceUnlessImportedText,
	)
}

const replaceUnlessImportedText = "Changing the value replaces the credential, except right after an import, when the configured value is recorded."

// replaces reports whether a username, password or password_wo_version planned replaces the
// credential: it differs from a value recorded (the one it was created with). Null recorded
// means not recorded (an import): the planned value is recorded in place.
func replaces(recorded, planned attr.Value) bool {
	return !recorded.IsNull() && !planned.Equal(recorded)
}

// keepRecorded plans, for a username, password or password_wo_version the configuration leaves
// out, null on a create (nothing to record), else the value the state holds: the one recorded, or null after an import (not recorded).
// RunPod can neither change nor clear them, so leaving one out changes nothing; a create needs
// them (ModifyPlan). When the configuration sets the other way of giving the password (switched,
// the attribute named by switchedBy), the plan is null instead: a new credential takes the
// password that way (a replacement, since the recorded value changes).
type keepRecorded struct {
	switchedBy string // "" for the username
}

func (keepRecorded) Description(context.Context) string {
	return "When the configuration leaves the value out, the state's value (recorded, or null after an import) is kept, " +
		"unless the configuration gives the password the other way (password or password_wo)."
}

func (k keepRecorded) MarkdownDescription(ctx context.Context) string { return k.Description(ctx) }

// keeps reports whether the state's value is planned for a value the configuration leaves out
// of an existing credential: always for the username; for the password and its version, unless
// the configuration gives the password the other way.
func (k keepRecorded) keeps(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) bool {
	if k.switchedBy == "" {
		return true
	}
	var other attr.Value
	diags.Append(config.GetAttribute(ctx, path.Root(k.switchedBy), &other)...)
	return other == nil || other.IsNull()
}

func (k keepRecorded) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !req.ConfigValue.IsNull() {
		return
	}
	resp.PlanValue = types.StringNull()
	if !req.State.Raw.IsNull() && k.keeps(ctx, req.Config, &resp.Diagnostics) {
		resp.PlanValue = req.StateValue
	}
}

func (k keepRecorded) PlanModifyInt64(ctx context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
	if !req.ConfigValue.IsNull() {
		return
	}
	resp.PlanValue = types.Int64Null()
	if !req.State.Raw.IsNull() && k.keeps(ctx, req.Config, &resp.Diagnostics) {
		resp.PlanValue = req.StateValue
	}
}

func (r *registryAuthResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Credentials RunPod uses to pull private container images: pods and templates reference the " +
			"credential's `id` as `container_registry_auth_id`.\n\n" +
			"RunPod's API has no update for them and never returns the username or password, so:\n\n" +
			"- Any change of `name`, `username` or `password` replaces the credential (a new `id`). Pods and templates that " +
			"reference `id` follow it (a pod is reset when its credential changes).\n" +
			"- The provider keeps the configured `username` and `password` in state and cannot detect a change made outside " +
			"Terraform. To rotate a password, change it in the configuration. Protect the state: it holds the password.\n" +
			"- To keep the password out of the state and the plan (Terraform 1.11 or later), set `password_wo` with " +
			"`password_wo_version` instead of `password`: RunPod receives `password_wo` when the credential is created, and again " +
			"(a replacement) whenever `password_wo_version` changes. Changing `password_wo` alone does nothing.\n" +
			"- Names are unique in an account: with `create_before_destroy`, a replacement that keeps the name fails.\n" +
			"- RunPod's REST v2 refuses to delete a credential that a pod uses to pull its image; the error names the pods.\n" +
			"- `username` and `password` are required to create the credential (the plan fails without them), and to replace " +
			"it. Removing them from the configuration later keeps the credential, and the state keeps the recorded values " +
			"(RunPod can neither change nor clear them; the same holds for `password_wo_version`). Switching between `password` and " +
			"`password_wo` replaces the credential.\n" +
			"- Import takes the id or the name. It can set only `id` and `name`: `username` and `password` stay null (not " +
			"recorded), so the configuration `terraform plan -generate-config-out` writes (`username = null`, `password = " +
			"null`) plans nothing more. Set them in the configuration, and the next apply records them in place (no API call, " +
			"no replacement). The provider cannot check that they match the imported credential; if unsure, replace it with " +
			"`terraform apply -replace=<address>`.\n",
		Attributes: map[string]schema.Attribute{
			"id": tfresource.IDAttribute("RunPod's id of the credential, such as `clzdaifot0001l90809257ynb`."),
			"name": schema.StringAttribute{
				MarkdownDescription: "Name of the credential, unique in the RunPod account (at most 191 characters). Changing it replaces the credential.",
				Required:            true,
				Validators:          []validator.String{validate.Name()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"username": schema.StringAttribute{
				MarkdownDescription: "User name for the registry. **Required to create the credential** (and to replace it). " +
					"RunPod never returns it: the state holds the configured value (null after an import, until the configuration " +
					"sets it). Changing it replaces the credential; removing it keeps the credential and the recorded value.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{keepRecorded{}, replaceUnlessImported()},
			},
			"password": schema.StringAttribute{
				MarkdownDescription: "Password or access token for the registry. **Required to create the credential** (and to " +
					"replace it). Sensitive: never shown in plans or logs. RunPod never returns it: the state holds the configured " +
					"value (null after an import, until the configuration sets it), and a change made outside Terraform cannot be " +
					"detected. Changing it replaces the credential (a new `id`); removing it keeps the credential and the recorded " +
					"value.",
				Optional:  true,
				Computed:  true,
				Sensitive: true,
				Validators: []validator.String{
					stringvalidator.LengthAtLeast(1),
					stringvalidator.ConflictsWith(path.MatchRoot("password_wo")),
				},
				PlanModifiers: []planmodifier.String{keepRecorded{switchedBy: "password_wo_version"}, replaceUnlessImported()},
			},
			"password_wo": schema.StringAttribute{
				MarkdownDescription: "Password or access token for the registry, **write-only** (Terraform 1.11 or later): it " +
					"reaches RunPod but never the plan or the state. Set it instead of `password`, with `password_wo_version`. " +
					"RunPod receives it when the credential is created, and when `password_wo_version` changes (RunPod has no " +
					"update, so that replaces the credential). Terraform cannot see a change of `password_wo` itself: changing it " +
					"without changing `password_wo_version` does nothing.",
				Optional:  true,
				WriteOnly: true,
				Sensitive: true,
				Validators: []validator.String{
					stringvalidator.LengthAtLeast(1),
					stringvalidator.ConflictsWith(path.MatchRoot("password")),
					stringvalidator.AlsoRequires(path.MatchRoot("password_wo_version")),
				},
			},
			"password_wo_version": schema.Int64Attribute{
				MarkdownDescription: "Version of `password_wo`, required with it: any number you choose, changed (usually " +
					"incremented) whenever `password_wo` changes, which sends the new password by replacing the credential. " +
					"Kept in state (it is not secret); right after an import it is recorded in place, like `password`. Removing it " +
					"together with `password_wo` keeps the credential and the recorded version.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("password_wo"))},
				PlanModifiers: []planmodifier.Int64{keepRecorded{switchedBy: "password"}, replaceVersionUnlessImported()},
			},
		},
	}
}

// ModifyPlan refuses at plan time a create, or a replacement, without the username and
// password it sends: the schema cannot require them, since an imported credential has none
// recorded (RunPod never returns them) and its generated configuration sets them to null.
func (r *registryAuthResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var plan, config registryAuthModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var state *registryAuthModel
	if !req.State.Raw.IsNull() {
		state = &registryAuthModel{}
		if resp.Diagnostics.Append(req.State.Get(ctx, state)...); resp.Diagnostics.HasError() {
			return
		}
	}
	for _, attr := range []struct {
		name  string
		value types.String
	}{{"username", config.Username}, {"password", passwordOf(config)}} {
		if attr.value.IsNull() {
			if detail := missingSecretDetail(attr.name, plan, state); detail != "" {
				resp.Diagnostics.AddAttributeError(path.Root(attr.name), "Missing "+attr.name, detail)
			}
		}
	}
}

func (r *registryAuthResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer tfresource.SetIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	ctx = providerutil.NoticeAdoptions(ctx, &resp.Diagnostics)
	var plan, config registryAuthModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...) // password_wo is only there
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.Name.ValueString()
	a, err := r.Client.CreateContainerRegistryAuth(ctx, plan.createInput(config))
	if err != nil {
		r.addCreateError(ctx, &resp.Diagnostics, name, err)
		return
	}
	tflog.Info(ctx, "created container registry auth", map[string]any{"id": a.ID, "name": a.Name})
	state := plan.withAPI(a)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// addCreateError reports a failed create; when the name is taken, it names the credential that
// holds it, so that the user can import it.
func (r *registryAuthResource) addCreateError(ctx context.Context, diags *diag.Diagnostics, name string, err error) {
	action := "create container registry auth " + name
	if runpodapi.StatusCode(err) == http.StatusBadRequest {
		if all, listErr := r.Client.ListContainerRegistryAuths(ctx); listErr == nil {
			for _, other := range all {
				if other.Name == name {
					diags.AddAttributeError(path.Root("name"), "Failed to "+action,
						fmt.Sprintf("While attempting to %s, RunPod refused. %s\n\nError: %s", action, duplicateNameHint(name, other.ID), err))
					return
				}
			}
		}
	}
	providerutil.AddAPIError(diags, action, err)
}

func (r *registryAuthResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer tfresource.SetReadIdentity(ctx, req, resp)
	var state registryAuthModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	a := providerutil.ReadOrRemove(ctx, resp, "container registry auth", state.ID.ValueString(),
		func(ctx context.Context, id string) (*runpodapi.ContainerRegistryAuth, error) {
			return runpodapi.ReadContainerRegistryAuth(ctx, r.Client, id) // from the provider instance's snapshot of all of them
		})
	if a == nil {
		return
	}
	state = state.withAPI(a)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update only records, without an API call, the username, password and password_wo_version
// configured after an import (RunPod has no update: every other change replaces the
// credential).
func (r *registryAuthResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer tfresource.SetIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan, prior registryAuthModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for _, c := range []struct {
		name    string
		changed bool
	}{
		{"name", !plan.Name.Equal(prior.Name)},
		{"username", !prior.Username.IsNull() && !plan.Username.Equal(prior.Username)},
		{"password", !prior.Password.IsNull() && !plan.Password.Equal(prior.Password)},
		{"password_wo_version", !prior.PasswordWOVersion.IsNull() && !plan.PasswordWOVersion.Equal(prior.PasswordWOVersion)},
	} {
		if c.changed {
			resp.Diagnostics.AddAttributeError(path.Root(c.name), "Container registry auth cannot be updated",
				fmt.Sprintf("RunPod has no update for container registry auths, and a change of %s should have been planned as "+
					"a replacement. This is a bug in the provider; please report it. Meanwhile, apply with "+
					"-replace=<address> to replace the credential.", c.name))
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	tflog.Debug(ctx, "recording the configured username and password of an imported container registry auth",
		map[string]any{"id": prior.ID.ValueString()})
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *registryAuthResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	id, ok := tfresource.StateID(ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	err := r.Client.DeleteContainerRegistryAuth(ctx, id)
	switch {
	case err == nil, runpodapi.IsNotFound(err):
	case runpodapi.StatusCode(err) == http.StatusBadRequest:
		// REST v2 refuses while a pod uses the credential: say which.
		var pods []string
		if all, listErr := r.Client.ListPods(ctx, runpodapi.PodListFilter{}); listErr == nil {
			pods = podsUsing(all, id)
		} else {
			tflog.Warn(ctx, "could not list the pods that use the credential", map[string]any{"id": id, "error": listErr.Error()})
		}
		resp.Diagnostics.AddError("Failed to delete container registry auth "+id, inUseDetail(id, pods, err))
	default:
		providerutil.AddAPIError(&resp.Diagnostics, "delete container registry auth "+id, err)
	}
}

// ImportState imports a credential by id, or by name (names are unique). RunPod never returns
// username and password: they stay null until the next apply records the configured values.
func (r *registryAuthResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	all, err := r.Client.ListContainerRegistryAuths(ctx)
	if err != nil {
		providerutil.AddAPIError(&resp.Diagnostics, "list container registry auths to import "+req.ID, err)
		return
	}
	named := tfresource.ImportedID(ctx, req, &resp.Diagnostics)
	a := findByIDOrName(all, named)
	if a == nil {
		resp.Diagnostics.AddError("Container registry auth not found",
			fmt.Sprintf("The RunPod account has no container registry auth with id or name %q. Import takes the "+
				"credential's id (such as clzdaifot0001l90809257ynb) or its name.", named))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), a.ID)...)
	tfresource.SetImportedIdentity(ctx, a.ID, resp)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), a.Name)...)
}
