package pod

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

var (
	_ resource.ResourceWithValidateConfig = (*podResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*podResource)(nil)
	_ resource.ResourceWithImportState    = (*podResource)(nil)
)

// NewResource returns the runpod_pod resource.
func NewResource() resource.Resource {
	return &podResource{Resource: providerutil.Resource("_pod")}
}

type podResource struct {
	tfresource.Resource[runpodapi.API]
	// Read fills in what RunPod reports; the rest (NotRecoverableOnImport) stays null, and the
	// plan modifiers record configured values for it instead of replacing the pod.
	tfresource.ImportByIDMarked
}

func (r *podResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema(ctx)
}

func (r *podResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	tfresource.ValidateConfig(ctx, req, resp, validateConfig)
}

func (r *podResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer tfresource.SetIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	ctx = providerutil.NoticeAdoptions(ctx, &resp.Diagnostics)
	var plan, config podModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...) // env_wo is only there
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := tfresource.WithTimeout(ctx, plan.Timeouts.Create, defaultCreateTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	in := plan.createInput()
	in.Env = withSecretEnv(in.Env, config)
	stopAfter := plan.DesiredStatus.ValueString() == statusExited
	spot := !plan.BidPerGPU.IsNull()
	lockAfter := plan.Locked.ValueBool() && (stopAfter || spot) // a locked pod cannot be stopped; the spot API takes no lock
	if lockAfter {
		in.Locked = nil
	}

	var created *runpodapi.Pod
	var err error
	if spot {
		created, err = r.Client.CreateSpotPod(ctx, runpodapi.SpotPodCreateInput{PodCreateInput: in, BidPerGPU: plan.BidPerGPU.ValueFloat64()})
	} else {
		created, err = r.Client.CreatePod(ctx, in)
	}
	if err != nil {
		providerutil.AddAPIErrorNaming(&resp.Diagnostics, "create pod", err, apiFieldAttributes)
		return
	}
	id := created.ID
	ctx = tflog.SetField(ctx, "pod_id", id)
	tflog.Info(ctx, "created pod", map[string]any{"spot_bid": spot})

	// Save the pod at once: if anything below fails, it stays in the state (tainted), not orphaned.
	save := func(p *runpodapi.Pod) {
		got := plan
		got.fromAPI(p)
		resp.Diagnostics.Append(resp.State.Set(ctx, tfvalue.NullUnknowns(got))...)
	}
	save(created)
	if resp.Diagnostics.HasError() {
		return
	}
	failed := func(step string, err error) {
		resp.Diagnostics.AddError("Pod created but not finished",
			fmt.Sprintf("Pod %s was created, but %s failed: %v\n\nThe pod is kept in the state and marked tainted: the next "+
				"apply replaces it. If it is fine as it is, keep it with terraform untaint <address>.", id, step, err))
	}

	var final *runpodapi.Pod
	if stopAfter {
		if err := r.Client.StopPod(ctx, id); err != nil {
			failed("stopping it (desired_status = \"EXITED\")", err)
			return
		}
	} else {
		ready, err := waitReady(ctx, r.Client, id, readinessFor(created.Ports, plan.expectsPublicIP()), created)
		if err != nil {
			failed("waiting for it to be ready", err)
			r.refreshAfterFailure(ctx, id, save)
			return
		}
		final = ready
	}
	if lockAfter {
		if _, err := r.Client.UpdatePod(ctx, id, runpodapi.PodUpdateInput{Locked: runpodapi.Ptr(true)}); err != nil {
			failed("locking it", err)
			return
		}
		final = nil
	}
	if final == nil {
		if final, err = r.Client.GetPod(ctx, id); err != nil {
			failed("reading it back", err)
			return
		}
	}
	got := plan
	got.fromAPI(final)
	resp.Diagnostics.Append(resp.State.Set(ctx, tfvalue.KeepKnown(plan, got))...)
}

// refreshAfterFailure saves what RunPod reports of the pod after a failed step, best effort:
// the state then shows the pod as it is.
func (r *podResource) refreshAfterFailure(ctx context.Context, id string, save func(*runpodapi.Pod)) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), readAfterFailureTimeout)
	defer cancel()
	if p, err := r.Client.GetPod(ctx, id); err == nil {
		save(p)
	}
}

func (r *podResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer tfresource.SetReadIdentity(ctx, req, resp)
	var state podModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	p, err := runpodapi.ReadPod(ctx, r.Client, id) // from the provider instance's snapshot of all pods
	if runpodapi.IsNotFound(err) || (err == nil && p.DesiredStatus == runpodapi.PodStatusTerminated) {
		tflog.Warn(ctx, "pod is gone: removing it from the state", map[string]any{"pod_id": id})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		providerutil.AddAPIError(&resp.Diagnostics, "read pod "+id, err)
		return
	}
	state.fromAPI(p)
	resp.Diagnostics.Append(resp.State.Set(ctx, tfvalue.NullUnknowns(state))...)
}

func (r *podResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer tfresource.SetIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan, state, config podModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...) // env_wo is only there
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

	changed, resetIn := resetChanges(plan, state, tfresource.WasImported(ctx, req.Private) && r.Client.Backend() != runpodapi.BackendV2)
	if resetIn.Env != nil {
		resetIn.Env = withSecretEnv(resetIn.Env, config) // RunPod replaces the whole environment
	}
	rename := tfvalue.StringPtr(plan.Name)
	if plan.Name.Equal(state.Name) {
		rename = nil
	}
	wasLocked, wantLocked := state.Locked.ValueBool(), plan.Locked.ValueBool()
	running := plan.DesiredStatus.ValueString() == statusRunning
	start := running && state.DesiredStatus.ValueString() != statusRunning
	stop := !running && (state.DesiredStatus.ValueString() == statusRunning || len(changed) > 0)

	failed := func(action string, err error) {
		providerutil.AddAPIErrorNaming(&resp.Diagnostics, action, err, apiFieldAttributes)
		// Save what RunPod now reports: earlier steps may have changed the pod.
		r.refreshAfterFailure(ctx, id, func(p *runpodapi.Pod) {
			got := state
			got.fromAPI(p)
			resp.Diagnostics.Append(resp.State.Set(ctx, tfvalue.NullUnknowns(got))...)
		})
	}
	patch := func(action string, in runpodapi.PodUpdateInput) bool {
		if _, err := r.Client.UpdatePod(ctx, id, in); err != nil {
			failed(action+" pod "+id, err)
			return false
		}
		return true
	}

	// RunPod refuses to reset or stop a locked pod: unlock first, lock last.
	if wasLocked && !wantLocked {
		if !patch("unlock", runpodapi.PodUpdateInput{Locked: runpodapi.Ptr(false), Name: rename}) {
			return
		}
		rename = nil
	}
	if start {
		var err error
		action := "start pod " + id
		if !plan.BidPerGPU.IsNull() && state.Interruptible.ValueBool() {
			action = "resume spot pod " + id
			err = r.Client.ResumeSpotPod(ctx, id, plan.BidPerGPU.ValueFloat64(), int(state.GPUCount.ValueInt64()))
		} else {
			err = r.Client.StartPod(ctx, id)
		}
		if err != nil {
			failed(action, err)
			return
		}
	}
	if len(changed) > 0 {
		resetIn.Name = rename
		tflog.Info(ctx, "resetting pod", map[string]any{"fields": changed})
		if !patch("reset", resetIn) {
			return
		}
		rename = nil
		// REST v2 applies global networking at the pod's next start (the plan's warning says so).
		if running && slices.Contains(changed, "global_networking") && r.Client.Backend() == runpodapi.BackendV2 {
			if err := r.Client.RestartPod(ctx, id); err != nil {
				failed("restart pod "+id+" (to apply global_networking)", err)
				return
			}
		}
	}
	if stop {
		if err := r.Client.StopPod(ctx, id); err != nil {
			failed("stop pod "+id, err)
			return
		}
	}
	if !wasLocked && wantLocked {
		if !patch("lock", runpodapi.PodUpdateInput{Locked: runpodapi.Ptr(true), Name: rename}) {
			return
		}
		rename = nil
	}
	if rename != nil && !patch("rename", runpodapi.PodUpdateInput{Name: rename}) {
		return
	}

	var final *runpodapi.Pod
	if running && (start || len(changed) > 0) {
		// RunPod's answer to the reset may still show the old runtime: read again before judging.
		ready, err := waitReady(ctx, r.Client, id, readinessFor(tfvalue.Strings(plan.Ports), state.expectsPublicIP()), nil)
		if err != nil {
			failed("wait for pod "+id+" to be ready", err)
			return
		}
		final = ready
	}
	if final == nil {
		var err error
		if final, err = r.Client.GetPod(ctx, id); err != nil {
			failed("read pod "+id, err)
			return
		}
	}
	got := plan
	got.fromAPI(final)
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
	// RunPod terminates the pod before it answers (404: already gone): no read before or after.
	if err := r.Client.DeletePod(ctx, id); err != nil {
		providerutil.AddAPIError(&resp.Diagnostics, "delete pod "+id, err)
	}
}
