// Package yottapod is Yotta's pods: the yotta_pod resource and the yotta_pod and yotta_pods data
// sources.
package yottapod

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottautil"
)

var (
	_ resource.ResourceWithValidateConfig = (*podResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*podResource)(nil)
	_ resource.ResourceWithImportState    = (*podResource)(nil)
)

// NewResource returns the yotta_pod resource.
func NewResource() resource.Resource {
	return &podResource{Resource: yottautil.Resource("_pod")}
}

type podResource struct {
	tfresource.Resource[*yottaapi.Client]
	tfresource.IdentityByID
}

// apiFields maps the create request's fields to the attributes they come from, so that an
// error naming a field points at its attribute.
var apiFields = map[string]string{
	"name": "name", "regions": "regions", "image": "image", "imageRegistry": "image_registry",
	"containerRegistryAuthId": "container_registry_auth_id", "imagePublicType": "image_public_type",
	"resourceType": "resource_type", "gpuType": "gpu_type", "gpuCount": "gpu_count",
	"minSingleCardVramInGb": "min_single_card_vram_in_gb", "minSingleCardRamInGb": "min_single_card_ram_in_gb",
	"minSingleCardVcpu": "min_single_card_vcpu", "shmInGb": "shm_in_gb", "containerVolumeInGb": "container_volume_in_gb",
	"persistentVolumeInGb": "persistent_volume_in_gb", "persistentMountPath": "persistent_mount_path",
	"initializationCommand": "initialization_command", "environmentVars": "environment_vars", "expose": "expose",
	"persistentVolumes": "persistent_volumes",
}

func (r *podResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema(ctx)
}

func (r *podResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	tfresource.ValidateConfig(ctx, req, resp, func(cfg podModel) diag.Diagnostics { return validateConfig(ctx, cfg) })
}

func (r *podResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if id := tfresource.ImportedID(ctx, req, &resp.Diagnostics); !yottaapi.IsNumeric(id) {
		resp.Diagnostics.AddError("Invalid pod id",
			fmt.Sprintf("%q is not a Yotta pod id: import a pod by its id, the digits Yotta's console and API show (such as "+
				"420522713875330018).", id))
		return
	}
	// Read fills in what Yotta reports; the rest stays null, and the plan records the
	// configured values instead of replacing the pod.
	tfresource.ImportByIDMarked{}.ImportState(ctx, req, resp)
}

// readinessOf is what a pod of plan must show before the provider calls it ready: RUNNING,
// with every exposed port healthy.
func readinessOf(ctx context.Context, m podModel) readiness {
	r := readiness{status: yottaapi.PodRunning}
	if !m.Expose.IsNull() && !m.Expose.IsUnknown() {
		var ports []exposeModel
		_ = m.Expose.ElementsAs(ctx, &ports, false)
		for _, p := range ports {
			r.healthy = append(r.healthy, int(p.Port.ValueInt64()))
		}
	}
	return r
}

func (r *podResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer tfresource.SetIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	ctx = yottautil.NoticeAdoptions(ctx, &resp.Diagnostics)
	var plan podModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := tfresource.WithTimeout(ctx, plan.Timeouts.Create, defaultCreateTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	in := plan.createRequest(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := r.Client.CreatePod(ctx, in)
	if err != nil {
		yottautil.AddAPIErrorNaming(&resp.Diagnostics, "create pod "+plan.label(), err, apiFields)
		return
	}
	id := string(created.ID)
	ctx = tflog.SetField(ctx, "pod_id", id)
	tflog.Info(ctx, "created pod", map[string]any{"status": string(created.Status)})

	// Save the pod at once: if anything below fails, it stays in the state (tainted), not orphaned.
	save := func(p *yottaapi.Pod) {
		got := plan
		got.fromAPI(ctx, p)
		resp.Diagnostics.Append(resp.State.Set(ctx, tfvalue.NullUnknowns(got))...)
	}
	save(created)
	if resp.Diagnostics.HasError() {
		return
	}
	failed := func(step string, err error, last *yottaapi.Pod) {
		if last != nil {
			save(last)
		}
		hint := ""
		if errors.Is(err, errPodFailed) && strings.Contains(strings.ToLower(err.Error()), "resource") {
			hint = " Another GPU type or region may have capacity: the yotta_gpu_types data source shows availability by region."
		}
		resp.Diagnostics.AddError("Pod created but not ready",
			fmt.Sprintf("Pod %s was created, but %s failed: %v.%s\n\nThe pod is kept in the state and marked tainted: the next "+
				"apply replaces it. If it is fine as it is, keep it with terraform untaint <address>.", id, step, err, hint))
	}

	ready := readinessOf(ctx, plan)
	pause := plan.DesiredStatus.ValueString() == statusPaused
	if pause {
		ready.healthy = nil // it will be paused: running is enough
	}
	final, err := waitFor(ctx, r.Client, id, ready, created)
	if err != nil {
		failed("waiting for it to be ready", err, final)
		return
	}
	if pause {
		if err := r.Client.PausePod(ctx, id); err != nil {
			failed("pausing it (desired_status = \"PAUSED\")", err, nil)
			return
		}
		if final, err = waitFor(ctx, r.Client, id, readiness{status: yottaapi.PodPaused}, nil); err != nil {
			failed("waiting for it to pause", err, final)
			return
		}
	}
	got := plan
	got.fromAPI(ctx, final)
	resp.Diagnostics.Append(resp.State.Set(ctx, tfvalue.KeepKnown(plan, got))...)
}

func (r *podResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer tfresource.SetReadIdentity(ctx, req, resp)
	var state podModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	p, err := r.Client.GetPod(ctx, id)
	if yottaapi.IsNotFound(err) || (err == nil && p.Status.Gone()) {
		tflog.Warn(ctx, "pod is gone: removing it from the state", map[string]any{"pod_id": id})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		yottautil.AddAPIError(&resp.Diagnostics, "read pod "+id, err)
		return
	}
	state.fromAPI(ctx, p)
	resp.Diagnostics.Append(resp.State.Set(ctx, tfvalue.NullUnknowns(state))...)
}

func (r *podResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer tfresource.SetIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan, state podModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := tfresource.WithTimeout(ctx, plan.Timeouts.Update, defaultUpdateTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	id := state.ID.ValueString()
	ctx = tflog.SetField(ctx, "pod_id", id)

	failed := func(action string, err error, last *yottaapi.Pod) {
		yottautil.AddAPIError(&resp.Diagnostics, action, err)
		if last == nil { // save what Yotta now reports: the pod may have changed
			rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), readAfterFailureTimeout)
			defer cancel()
			last, _ = r.Client.GetPod(rctx, id)
		}
		if last != nil {
			got := state
			got.fromAPI(ctx, last)
			resp.Diagnostics.Append(resp.State.Set(ctx, tfvalue.NullUnknowns(got))...)
		}
	}

	var final *yottaapi.Pod
	var err error
	want, was := plan.DesiredStatus.ValueString(), state.DesiredStatus.ValueString()
	switch {
	case want == statusPaused && was != statusPaused:
		if state.Status.ValueString() == string(yottaapi.PodInitialize) { // pause needs RUNNING
			if final, err = waitFor(ctx, r.Client, id, readiness{status: yottaapi.PodRunning}, nil); err != nil {
				failed("wait for pod "+id+" to run before pausing it", err, final)
				return
			}
		}
		tflog.Info(ctx, "pausing pod")
		if err = r.Client.PausePod(ctx, id); err != nil {
			failed("pause pod "+id, err, nil)
			return
		}
		if final, err = waitFor(ctx, r.Client, id, readiness{status: yottaapi.PodPaused}, nil); err != nil {
			failed("wait for pod "+id+" to pause", err, final)
			return
		}
	case want == statusRunning && was != statusRunning:
		if state.Status.ValueString() == string(yottaapi.PodPausing) { // resume needs PAUSED
			if final, err = waitFor(ctx, r.Client, id, readiness{status: yottaapi.PodPaused}, nil); err != nil {
				failed("wait for pod "+id+" to pause before resuming it", err, final)
				return
			}
		}
		tflog.Info(ctx, "resuming pod")
		if err = r.Client.ResumePod(ctx, id); err != nil {
			failed("resume pod "+id, err, nil)
			return
		}
		if final, err = waitFor(ctx, r.Client, id, readinessOf(ctx, plan), nil); err != nil {
			failed("wait for pod "+id+" to be ready", err, final)
			return
		}
	}
	if final == nil { // only recorded values changed (after an import): no call but this read
		if final, err = r.Client.GetPod(ctx, id); err != nil {
			yottautil.AddAPIError(&resp.Diagnostics, "read pod "+id, err)
			return
		}
	}
	got := plan
	got.fromAPI(ctx, final)
	resp.Diagnostics.Append(resp.State.Set(ctx, tfvalue.KeepKnown(plan, got))...)
}

func (r *podResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state podModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := tfresource.WithTimeout(ctx, state.Timeouts.Delete, defaultDeleteTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	id := state.ID.ValueString()
	err := r.Client.DeletePod(ctx, id)
	if yottaapi.IsNotFound(err) {
		return // already gone
	}
	if err != nil {
		yottautil.AddAPIError(&resp.Diagnostics, "delete pod "+id, err)
		return
	}
	if err := waitTerminated(ctx, r.Client, id); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			resp.Diagnostics.AddError("Pod not terminated in time",
				fmt.Sprintf("Yotta accepted the deletion of pod %s, but it is not terminated yet: %v. Apply again to wait longer, "+
					"or raise timeouts.delete.", id, err))
			return
		}
		yottautil.AddAPIError(&resp.Diagnostics, "confirm the deletion of pod "+id, err)
	}
}
