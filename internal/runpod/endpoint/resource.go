package endpoint

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/templaterollout"
)

// Default timeouts. Endpoint operations are API calls that RunPod answers at once; the
// timeouts bound them with the client's retries (rate limits, 5xx).
const (
	defaultCreateTimeout = 5 * time.Minute
	defaultUpdateTimeout = 5 * time.Minute
	defaultDeleteTimeout = 5 * time.Minute
)

var (
	_ resource.ResourceWithImportState    = (*endpointResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*endpointResource)(nil)
	_ resource.ResourceWithValidateConfig = (*endpointResource)(nil)
)

// NewResource returns the runpod_endpoint resource.
func NewResource() resource.Resource {
	return &endpointResource{Resource: providerutil.Resource("_endpoint")}
}

type endpointResource struct {
	tfresource.Resource[runpodapi.API]
	tfresource.IdentityByID
}

// describe names an endpoint for messages: `"name" (id)`, or the id alone.
func describe(planned, prior, id types.String) string {
	name := planned
	if name.IsNull() || name.IsUnknown() {
		name = prior
	}
	if name.IsNull() || name.IsUnknown() || name.ValueString() == "" {
		return id.ValueString()
	}
	return fmt.Sprintf("%q (%s)", name.ValueString(), id.ValueString())
}

// templateFingerprint reads the fingerprint of template id (REST v2: what an endpoint copies
// from it). gone reports a template RunPod does not have (404); another error is returned.
func (r *endpointResource) templateFingerprint(ctx context.Context, id string) (fingerprint types.String, gone bool, err error) {
	t, err := runpodapi.ReadTemplate(ctx, r.Client, id) // from the provider instance's snapshot
	switch {
	case runpodapi.IsNotFound(err):
		return types.StringNull(), true, nil
	case err != nil:
		return types.StringNull(), false, err
	}
	return types.StringValue(templaterollout.Fingerprint(t)), false, nil
}

func (r *endpointResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer tfresource.SetIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	ctx = providerutil.NoticeAdoptions(ctx, &resp.Diagnostics)
	var plan resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultCreateTimeout)
	resp.Diagnostics.Append(diags...)
	in, diags := plan.createInput(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	// REST v2 copies the template into the endpoint: record what it copies (read first, so a
	// template edited meanwhile is re-applied by the next plan rather than missed).
	fingerprint, templateGone := types.StringNull(), false
	if r.Client.Backend() == runpodapi.BackendV2 {
		var err error
		if fingerprint, templateGone, err = r.templateFingerprint(ctx, in.TemplateID); err != nil {
			providerutil.AddAPIError(&resp.Diagnostics, "read template "+in.TemplateID+" for the new endpoint", err)
			return
		}
	}
	created, err := r.Client.CreateEndpoint(ctx, in)
	if err != nil {
		detail := providerutil.APIErrorDetail("create endpoint", err)
		if templateGone {
			detail += fmt.Sprintf("\n\nTemplate %s does not exist. If it is a runpod_template that RunPod deleted together with "+
				"an endpoint earlier in this apply (REST v2 deletes an endpoint's bound template, and an endpoint created through "+
				"REST v1 is bound to its template), apply again: the template's refresh finds it gone and Terraform creates it "+
				"before this endpoint.", in.TemplateID)
		}
		resp.Diagnostics.AddError("Failed to create endpoint", detail)
		return
	}
	tflog.Info(ctx, "created endpoint", map[string]any{"id": created.ID})
	// Save what RunPod answered at once: if reading it back fails, the endpoint is in the
	// state (tainted), not orphaned.
	state := plan
	state.fromAPI(created, plan)
	state.TemplateFingerprint = fingerprint
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	if r.Client.Backend() == runpodapi.BackendV2 {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateCreatedThrough, []byte(`"v2"`))...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	r.readInto(ctx, created.ID, &state, plan, &resp.Diagnostics, "read endpoint "+created.ID+" after creating it")
	state.TemplateFingerprint = fingerprint
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// readInto reads the endpoint with its template and workers into m; on failure it reports
// the error and leaves m as it was.
func (r *endpointResource) readInto(ctx context.Context, id string, m *resourceModel, prior resourceModel, diags *diag.Diagnostics, action string) {
	ep, err := r.Client.GetEndpoint(ctx, id)
	if err != nil {
		providerutil.AddAPIError(diags, action, err)
		return
	}
	m.fromAPI(ep, prior)
}

func (r *endpointResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer tfresource.SetReadIdentity(ctx, req, resp)
	var state resourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	ep := providerutil.ReadOrRemove(ctx, resp, "endpoint", id, func(ctx context.Context, id string) (*runpodapi.Endpoint, error) {
		return runpodapi.ReadEndpoint(ctx, r.Client, id) // from the provider instance's snapshot of all endpoints
	})
	if ep == nil {
		return
	}
	prior := state
	state.fromAPI(ep, prior)
	// REST v2 lists no version or worker count: they are read (one call) only when a release may
	// have happened outside Terraform; a plain refresh keeps them, to spare the quota.
	if ep.WorkersUnread && releaseMayHaveChanged(state.endpointModel, prior.endpointModel) {
		workers := providerutil.ReadOrRemove(ctx, resp, "endpoint", id, r.Client.GetEndpointWorkers)
		if workers == nil {
			return
		}
		state.setWorkers(workers)
	}
	// No fingerprint yet (an endpoint managed through REST v1 until now): take the template's
	// as it is, as REST v1 kept the endpoint on it.
	if ep.Source == runpodapi.BackendV2 && state.TemplateFingerprint.IsNull() && state.TemplateID.ValueString() != "" {
		if fp, _, err := r.templateFingerprint(ctx, state.TemplateID.ValueString()); err == nil {
			state.TemplateFingerprint = fp
		} else {
			tflog.Warn(ctx, "could not read the endpoint's template for its fingerprint", map[string]any{"error": err.Error()})
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *endpointResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer tfresource.SetIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan, state resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, defaultUpdateTimeout)
	resp.Diagnostics.Append(diags...)
	in, diags := updateInput(ctx, plan, state)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	id := state.ID.ValueString()
	fingerprint := types.StringNull()
	if r.Client.Backend() == runpodapi.BackendV2 {
		fingerprint = state.TemplateFingerprint
		// The plan left the fingerprint unknown: the template is re-applied (a new template_id,
		// or the template changed), and what the endpoint copies is recorded.
		if plan.TemplateFingerprint.IsUnknown() {
			templateID := plan.TemplateID.ValueString()
			if in.TemplateID == nil {
				in.TemplateID = &templateID
			}
			var err error
			if fingerprint, _, err = r.templateFingerprint(ctx, templateID); err != nil {
				providerutil.AddAPIError(&resp.Diagnostics, "read template "+templateID+" of endpoint "+id, err)
				return
			}
		}
	}
	next := plan
	if !isEmpty(in) {
		updated, err := r.Client.UpdateEndpoint(ctx, id, in)
		if err != nil {
			providerutil.AddAPIError(&resp.Diagnostics, "update endpoint "+id, err)
			return
		}
		tflog.Info(ctx, "updated endpoint", map[string]any{"id": id, "rolling_release": in.TriggersRollingRelease()})
		next.fromAPI(updated, plan)
	} else {
		next.endpointModel = state.endpointModel
	}
	r.readInto(ctx, id, &next, plan, &resp.Diagnostics, "read endpoint "+id+" after updating it")
	next.TemplateFingerprint = fingerprint
	keepPlannedRelease(ctx, &next, plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
	if !resp.Diagnostics.HasError() && plan.WaitForRollout.ValueBool() && in.TriggersRollingRelease() {
		r.waitForRollout(ctx, id, describe(next.Name, state.Name, state.ID), &resp.Diagnostics)
	}
}

func (r *endpointResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state resourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, defaultDeleteTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	id := state.ID.ValueString()
	if r.Client.Backend() == runpodapi.BackendV2 {
		r.deleteV2(ctx, state, req.Private, &resp.Diagnostics)
		return
	}
	scaledDown := false
	// scaleDown sets both worker bounds to zero; it returns false when Delete should stop
	// (the endpoint is gone already, or the call failed).
	scaleDown := func() bool {
		scaledDown = true
		_, err := r.Client.UpdateEndpoint(ctx, id, runpodapi.EndpointUpdateInput{WorkersMin: runpodapi.Ptr(0), WorkersMax: runpodapi.Ptr(0)})
		if err != nil && !runpodapi.IsNotFound(err) {
			providerutil.AddAPIError(&resp.Diagnostics, "scale endpoint "+id+" to zero workers before deleting it", err)
		}
		return err == nil
	}
	// RunPod refuses to delete an endpoint that has workers (assumed from GraphQL
	// deleteEndpoint; unverified for REST v1).
	if state.WorkersMin.ValueInt64() > 0 || state.WorkersMax.ValueInt64() > 0 {
		if !scaleDown() {
			return
		}
	}
	err := r.Client.DeleteEndpoint(ctx, id)
	if err != nil && !scaledDown && runpodapi.StatusCode(err) == http.StatusBadRequest {
		// Workers were added outside Terraform since the last refresh: scale down, then retry.
		if !scaleDown() {
			return
		}
		err = r.Client.DeleteEndpoint(ctx, id)
	}
	if err != nil {
		providerutil.AddAPIError(&resp.Diagnostics, "delete endpoint "+id, err)
	}
}

// privateCreatedThrough is the private state key that says which API created the endpoint
// (`"v2"`; absent when unknown: created through REST v1, imported, or created before the key).
const privateCreatedThrough = "created_through"

// privateGetter reads a resource's private state (the framework's private data of a request).
type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

// deleteV2 deletes the endpoint through REST v2, which stops its workers itself. REST v2
// deletes an endpoint "and its bound template": for an endpoint created through REST v1 that
// may be the template in template_id (unverified against the live API), so the template is
// looked up afterwards and its disappearance reported, not left for a later apply to
// stumble on.
//
// An endpoint this provider created through REST v2 keeps no link to its template (v2 copies
// it once), so its delete cannot take the template along: the look-up is skipped (one call
// less per endpoint of the 60-a-minute quota). What created an endpoint is in its private
// state (privateCreatedThrough); an imported one, or one created before it was recorded, is
// looked up.
func (r *endpointResource) deleteV2(ctx context.Context, state resourceModel, private privateGetter, diags *diag.Diagnostics) {
	id := state.ID.ValueString()
	if err := r.Client.DeleteEndpoint(ctx, id); err != nil {
		providerutil.AddAPIError(diags, "delete endpoint "+id, err)
		return
	}
	templateID := state.TemplateID.ValueString()
	if templateID == "" {
		return
	}
	if through, d := private.GetKey(ctx, privateCreatedThrough); !d.HasError() && string(through) == `"v2"` {
		return
	}
	// A read of its own, after the delete: no snapshot taken before it can say the template is gone.
	_, err := r.Client.GetTemplate(ctx, templateID)
	gone := runpodapi.IsNotFound(err)
	if gone {
		err = nil
	}
	if err != nil {
		tflog.Warn(ctx, "could not check the endpoint's template after deleting the endpoint", map[string]any{"error": err.Error()})
		return
	}
	if gone {
		label := describe(state.Name, state.Name, state.ID)
		diags.AddWarning("Template "+templateID+" was deleted with endpoint "+label,
			fmt.Sprintf("After endpoint %s was deleted, RunPod no longer has its template %s. RunPod's REST v2 deletes an "+
				"endpoint together with its bound template, and an endpoint created through REST v1 is bound to the template it "+
				"was created from. If a runpod_template manages %s, its next refresh finds it gone and Terraform plans to create "+
				"it again (with a new id); an endpoint created from it later in this same apply fails: apply again.",
				label, templateID, templateID))
	}
}
