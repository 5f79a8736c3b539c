// Package sshkeys holds the runpod_ssh_keys resource: the RunPod account's SSH public keys,
// which pods created with start_ssh let in.
package sshkeys

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

var (
	_ resource.ResourceWithImportState = (*sshKeysResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*sshKeysResource)(nil)
)

// AccountID is the id of the one runpod_ssh_keys an account has (and the id to import it by).
const AccountID = "account"

// NewResource returns the runpod_ssh_keys resource.
func NewResource() resource.Resource {
	return &sshKeysResource{Resource: providerutil.Resource("_ssh_keys")}
}

type sshKeysResource struct {
	tfresource.Resource[runpodapi.API]
	tfresource.IdentityByID
}

type sshKeysModel struct {
	ID             types.String `tfsdk:"id"`
	Keys           types.Set    `tfsdk:"keys"`
	ClearOnDestroy types.Bool   `tfsdk:"clear_on_destroy"`
}

// fromAPI sets the account's keys; clear_on_destroy, unknown to RunPod, defaults after an import.
func (m *sshKeysModel) fromAPI(keys []string) {
	m.ID = types.StringValue(AccountID)
	m.Keys = stringSet(keys)
	if m.ClearOnDestroy.IsNull() { // imported
		m.ClearOnDestroy = types.BoolValue(false)
	}
}

func (r *sshKeysResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The RunPod account's SSH public keys: the whole set, which RunPod provisions into pods created " +
			"with `start_ssh = true` (as the `PUBLIC_KEY` variable) and which authenticate the pod's `ssh_command` and " +
			"`ssh_proxy_command`. Keys take effect for pods created afterwards: running pods keep the keys they started with.\n\n" +
			"**One per account.** RunPod replaces the whole set on every change, so the resource owns every key of the " +
			"account: a key added outside Terraform (in RunPod's console, or by another configuration) shows as drift, and the " +
			"next apply removes it. Declare one `runpod_ssh_keys` per account: Terraform gives a provider no view of the other " +
			"resources of a configuration, so the provider refuses a second one at plan only when the two plan different keys " +
			"with the same provider configuration, and cannot see one in another configuration. When the account's keys change " +
			"between plan and apply, the apply warns and names them.\n\n" +
			"Creating the resource replaces the keys the account has (the plan warns and names those it removes). Destroying " +
			"it leaves the keys in the account unless `clear_on_destroy = true`.\n\n" +
			"REST v2 only (RunPod's REST v1 has no account keys): with `api_version = \"v1\"` the plan refuses the resource.",
		Attributes: map[string]schema.Attribute{
			"id": tfresource.IDAttribute("Always `" + AccountID + "`: the account has one set of keys. Import it with this id."),
			"keys": schema.SetAttribute{
				MarkdownDescription: "The account's SSH public keys, each one authorized_keys line (`<type> <base64 key> " +
					"[comment]`), such as `trimspace(file(\"~/.ssh/id_ed25519.pub\"))` (`trimspace` drops the file's final " +
					"newline). Each key is checked at plan. An empty set removes every key.",
				ElementType: types.StringType,
				Required:    true,
				Validators:  []validator.Set{setvalidator.ValueStringsAre(authorizedKey{})},
			},
			"clear_on_destroy": schema.BoolAttribute{
				MarkdownDescription: "Whether destroying the resource removes every key from the account. Default `false`: " +
					"destroying only stops managing the keys, which stay in the account.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
		},
	}
}

// ModifyPlan refuses the resource on REST v1, names the keys a create removes, says what a
// destroy does, and refuses a second runpod_ssh_keys planning other keys in the same plan.
func (r *sshKeysResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.Client == nil {
		return // the provider is not configured yet: the plan during apply checks
	}
	if req.Plan.Raw.IsNull() { // destroy
		var state sshKeysModel
		if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
			return
		}
		if state.ClearOnDestroy.ValueBool() {
			resp.Diagnostics.AddWarning("Destroying runpod_ssh_keys removes every SSH key from the account",
				"clear_on_destroy is true: destroying the resource empties the account's set of SSH keys. Pods created "+
					"afterwards with start_ssh let no key in.")
		} else {
			resp.Diagnostics.AddWarning("Destroying runpod_ssh_keys leaves the keys in the account",
				"clear_on_destroy is false (the default): the account keeps its SSH keys; Terraform stops managing them.")
		}
		return
	}
	if r.Client.Backend() == runpodapi.BackendV1 {
		resp.Diagnostics.AddAttributeError(path.Root("keys"), "Not supported by RunPod's REST v1",
			"runpod_ssh_keys manages the account's SSH keys through RunPod's REST v2, and this provider uses REST v1 "+
				"(api_version = \"v1\"), which has no such keys. Use REST v2 (api_version = \"v2\", the default).")
		return
	}
	var plan sshKeysModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() || plan.Keys.IsUnknown() {
		return
	}
	keys := setStrings(plan.Keys)
	if other, ok := recordPlanned(r.Client, keys); !ok {
		resp.Diagnostics.AddAttributeError(path.Root("keys"), "Two runpod_ssh_keys in one configuration",
			fmt.Sprintf("Another runpod_ssh_keys with this provider configuration plans other keys (%d of them). An account "+
				"has one set of SSH keys, which every change replaces whole: two resources would keep removing each other's "+
				"keys. Declare the account's keys in one runpod_ssh_keys.", len(other)))
		return
	}
	if !req.State.Raw.IsNull() {
		return // an update: the plan's diff shows what changes
	}
	current, err := r.Client.GetSSHKeys(ctx)
	if err != nil {
		resp.Diagnostics.AddWarning("Could not read the account's SSH keys",
			providerutil.APIErrorDetail("read the account's SSH keys", err)+"\n\nCreating the resource replaces them with keys.")
		return
	}
	if removed := missing(current, keys); len(removed) > 0 {
		resp.Diagnostics.AddAttributeWarning(path.Root("keys"), "Creating runpod_ssh_keys removes SSH keys from the account",
			fmt.Sprintf("The account has %d SSH key(s) that keys does not list; applying replaces the account's keys with "+
				"keys, which removes them:\n%s\n\nAdd them to keys to keep them.", len(removed), listKeys(removed)))
	}
}

func (r *sshKeysResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer tfresource.SetIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan sshKeysModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	r.put(ctx, plan, &resp.State, &resp.Diagnostics)
}

func (r *sshKeysResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer tfresource.SetReadIdentity(ctx, req, resp)
	var state sshKeysModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	keys, err := r.Client.GetSSHKeys(ctx)
	if err != nil {
		providerutil.AddAPIError(&resp.Diagnostics, "read the account's SSH keys", err)
		return
	}
	state.fromAPI(keys)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update replaces the set; when the account's keys changed since the plan read them (another
// resource, the console), it warns and names what the apply removes or restores.
func (r *sshKeysResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer tfresource.SetIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan, prior sshKeysModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !plan.Keys.Equal(prior.Keys) {
		if current, err := r.Client.GetSSHKeys(ctx); err == nil {
			known := setStrings(prior.Keys)
			added, removed := missing(current, known), missing(known, current)
			if len(added)+len(removed) > 0 {
				resp.Diagnostics.AddAttributeWarning(path.Root("keys"), "The account's SSH keys changed during the apply",
					fmt.Sprintf("Since Terraform read them, %d key(s) were added to the account and %d removed (by another "+
						"runpod_ssh_keys, or outside Terraform). This apply sets the account's keys to keys. Added:\n%s\nRemoved:\n%s",
						len(added), len(removed), listKeys(added), listKeys(removed)))
			}
		}
	}
	r.put(ctx, plan, &resp.State, &resp.Diagnostics)
}

// put replaces the account's keys with plan's and records what RunPod answers.
func (r *sshKeysResource) put(ctx context.Context, plan sshKeysModel, state *tfsdk.State, diags *diag.Diagnostics) {
	keys, err := r.Client.SetSSHKeys(ctx, setStrings(plan.Keys))
	if err != nil {
		providerutil.AddAPIErrorNaming(diags, "replace the account's SSH keys", err, map[string]string{"$.keys": "keys"})
		return
	}
	tflog.Info(ctx, "replaced the account's SSH keys", map[string]any{"keys": len(keys)})
	plan.ID = types.StringValue(AccountID)
	plan.Keys = stringSet(keys)
	diags.Append(state.Set(ctx, &plan)...)
}

func (r *sshKeysResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state sshKeysModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	if !state.ClearOnDestroy.ValueBool() {
		tflog.Info(ctx, "leaving the account's SSH keys (clear_on_destroy is false)")
		return
	}
	if _, err := r.Client.SetSSHKeys(ctx, []string{}); err != nil {
		providerutil.AddAPIError(&resp.Diagnostics, "remove every SSH key from the account", err)
	}
}

// ImportState takes the id "account"; Read fills the keys.
func (r *sshKeysResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if id := tfresource.ImportedID(ctx, req, &resp.Diagnostics); id != AccountID {
		resp.Diagnostics.AddError("Unexpected import id",
			fmt.Sprintf("runpod_ssh_keys is the account's one set of SSH keys: import it with the id %q, not %q.", AccountID, id))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), AccountID)...)
	tfresource.SetImportedIdentity(ctx, AccountID, resp)
}

func setStrings(s types.Set) []string {
	out := make([]string, 0, len(s.Elements()))
	for _, e := range s.Elements() {
		if v, ok := e.(types.String); ok {
			out = append(out, v.ValueString())
		}
	}
	slices.Sort(out)
	return out
}

func stringSet(keys []string) types.Set {
	v, _ := types.SetValueFrom(context.Background(), types.StringType, keys)
	return v
}

// missing returns the keys of from that in lacks.
func missing(from, in []string) []string {
	var out []string
	for _, k := range from {
		if !slices.Contains(in, k) {
			out = append(out, k)
		}
	}
	return out
}

func listKeys(keys []string) string {
	if len(keys) == 0 {
		return "  (none)"
	}
	lines := make([]string, len(keys))
	for i, k := range keys {
		lines[i] = "  " + k
	}
	return strings.Join(lines, "\n")
}

// Two runpod_ssh_keys of one configuration are planned by the same provider instance, which
// Terraform configures once per plan or apply walk (one API client each): the first planned
// set is recorded per client, and a second, different set is refused.

// keepPlanned bounds how long a client's record is kept: longer than any plan or apply.
const keepPlanned = 6 * time.Hour

type plannedKeys struct {
	at   time.Time
	keys []string
}

var planned = struct {
	sync.Mutex
	byClient map[runpodapi.API]plannedKeys
}{byClient: map[runpodapi.API]plannedKeys{}}

// recordPlanned records keys as what client's walk plans; it returns false, with the other set,
// when the walk already planned another set.
func recordPlanned(client runpodapi.API, keys []string) ([]string, bool) {
	planned.Lock()
	defer planned.Unlock()
	now := time.Now()
	for c, p := range planned.byClient {
		if now.Sub(p.at) > keepPlanned {
			delete(planned.byClient, c)
		}
	}
	if p, ok := planned.byClient[client]; ok && !slices.Equal(p.keys, keys) {
		return p.keys, false
	}
	planned.byClient[client] = plannedKeys{at: now, keys: keys}
	return nil, true
}
