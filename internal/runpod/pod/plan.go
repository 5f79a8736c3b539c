package pod

import (
	"context"
	"fmt"
	"reflect"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/planmodify"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// The plan of an existing pod is decided here, in one place, in this order: is the pod
// replaced (a create-only attribute changes)? If not: does the volume shrink (refused)? is it
// reset (warning, runtime values unknown)? started or stopped (their values unknown)? and does
// a lock forbid it (refused)? Replacement is decided here rather than with attribute
// RequiresReplace modifiers because the resource-level ModifyPlan cannot see those, and a
// replacement must not warn of a reset nor be refused for a lock.

// createOnlyAttributes are replaced on any change.
var createOnlyAttributes = []string{
	"template_id", "compute_type", "cloud_type", "gpu_count", "vcpu_count", "network_volume_id", "interruptible",
}

// priorityLists are the priority lists of ids, each with the attribute that reports the one
// the pod got: changing a list replaces the pod only when it no longer holds that one.
var priorityLists = [][2]string{
	{"gpu_type_ids", "gpu_type_id"}, {"cpu_flavor_ids", "cpu_flavor_id"}, {"data_center_ids", "data_center_id"},
}

// inPlaceAttributes change without a reset or a replacement: name and locked (RunPod's
// PodUpdateInPlaceInput), desired_status (a start or a stop) and bid_per_gpu (used at the next
// start).
var inPlaceAttributes = []string{"name", "locked", "desired_status", "bid_per_gpu"}

// createOnlyPreferences are the attributes RunPod does not report (NotRecoverableOnImport)
// that only a create applies: any change replaces the pod, unless the prior value is null
// because the pod was imported (then the configured value is recorded). The others RunPod
// does not report change without a replacement: global_networking (a reset applies it) and
// bid_per_gpu (in place).
func createOnlyPreferences() []string {
	var out []string
	for _, name := range NotRecoverableOnImport {
		if !slices.Contains(resetAttributes, name) && !slices.Contains(inPlaceAttributes, name) {
			out = append(out, name)
		}
	}
	return out
}

// replacedBy returns the create-only attributes whose change replaces the pod:
//   - any change of createOnlyAttributes;
//   - a priority list (priorityLists) that no longer holds what the pod got (gpu_type_id,
//     ...): a list that still holds it describes the pod;
//   - any change of createOnlyPreferences, unless its prior value is null because the pod
//     was imported: then the configured value is recorded.
func replacedBy(plan, prior podModel, imported bool) []string {
	var out []string
	for _, name := range createOnlyAttributes {
		if !plan.attribute(name).Equal(prior.attribute(name)) {
			out = append(out, name)
		}
	}
	for _, l := range priorityLists {
		planned, was := plan.attribute(l[0]).(types.List), prior.attribute(l[0]).(types.List)
		got := prior.attribute(l[1]).(types.String)
		if planned.Equal(was) {
			continue
		}
		if planned.IsUnknown() || got.IsNull() || got.IsUnknown() || !slices.Contains(tfvalue.Strings(planned), got.ValueString()) {
			out = append(out, l[0])
		}
	}
	for _, name := range createOnlyPreferences() {
		planned, was := plan.attribute(name), prior.attribute(name)
		recordedAfterImport := was.IsNull() && imported
		if !planned.Equal(was) && !recordedAfterImport {
			out = append(out, name)
		}
	}
	return out
}

// attribute returns the value of the attribute name (its tfsdk tag).
func (m podModel) attribute(name string) attr.Value {
	v := reflect.ValueOf(m)
	for i := range v.NumField() {
		if v.Type().Field(i).Tag.Get("tfsdk") == name {
			return v.Field(i).Interface().(attr.Value)
		}
	}
	panic("pod: no attribute " + name)
}

// ModifyPlan decides the plan of an existing pod (see the top of this file).
func (r *podResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var plan, state, config podModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	creating := req.State.Raw.IsNull()
	backend := runpodapi.Backend("")
	if r.Client != nil { // nil while the provider's configuration is unknown: checked again at apply
		backend = r.Client.Backend()
		resp.Diagnostics.Append(backendDiagnostics(config, backend, creating)...)
		if creating {
			resp.Diagnostics.Append(checkGPUTypes(ctx, r.Client, config.GPUTypeIDs)...)
			resp.Diagnostics.Append(checkCPUFlavors(ctx, r.Client, config.CPUFlavorIDs)...)
			resp.Diagnostics.Append(checkDataCenters(ctx, r.Client, config.DataCenterIDs)...)
			resp.Diagnostics.Append(checkReferences(ctx, r.Client, config, nil)...)
		} else if !req.Plan.Raw.Equal(req.State.Raw) {
			var prior podModel
			resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
			if !resp.Diagnostics.HasError() {
				resp.Diagnostics.Append(checkReferences(ctx, r.Client, config, &prior)...)
			}
		}
	}
	// A plan equal to the state changes nothing: nothing to replace, reset, stop or refuse (the
	// common case of a large plan, so it costs no more than the backend check).
	if creating || resp.Diagnostics.HasError() || req.Plan.Raw.Equal(req.State.Raw) {
		return
	}
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.ID = state.ID
	imported := tfresource.WasImported(ctx, req.Private)

	replaced := replacedBy(plan, state, imported)
	if backend == runpodapi.BackendV2 && addsPodVolume(plan, state) {
		replaced = append(replaced, "volume_in_gb") // v2 cannot add a mount to a pod created without one
	}
	if len(replaced) > 0 {
		for _, name := range replaced {
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root(name))
		}
		return // a new pod: nothing is reset, shrunk or stopped
	}

	if !plan.VolumeInGb.IsUnknown() && !state.VolumeInGb.IsNull() && plan.VolumeInGb.ValueInt64() < state.VolumeInGb.ValueInt64() {
		resp.Diagnostics.AddAttributeError(path.Root("volume_in_gb"), "Pod volume cannot shrink",
			fmt.Sprintf("volume_in_gb of pod %s would shrink from %d to %d GB, and a pod volume can only grow. Keep %d or more, "+
				"or replace the pod to start with a smaller volume (terraform apply -replace=<address>): replacing deletes the "+
				"volume's data.", state.label(), state.VolumeInGb.ValueInt64(), plan.VolumeInGb.ValueInt64(), state.VolumeInGb.ValueInt64()))
		return
	}

	// REST v2 reports global_networking, so after an import it is known, not just recorded.
	changed, _ := resetChanges(plan, state, imported && backend != runpodapi.BackendV2)
	effective, diags := effectivePrior(ctx, req, changed)
	resp.Diagnostics.Append(diags...)
	if diags.HasError() {
		return
	}
	marker := planmodify.DisruptiveUpdate{
		Triggers: append(slices.Clone(resetAttributes), secretEnvTriggers...),
		Unknown:  runtimeAttributes,
		Warning: func(context.Context, []string, planmodify.PlanReader) (string, string) {
			return resetWarning(changed, plan, state, backend)
		},
	}
	marker.Mark(ctx, effective, resp)

	statusChanges := !plan.DesiredStatus.Equal(state.DesiredStatus)
	if statusChanges {
		unknown := []string{"public_ip", "port_mappings", "ssh_command", "cost_per_hr", "adjusted_cost_per_hr"}
		if plan.DesiredStatus.ValueString() != statusExited {
			unknown = append(unknown, "last_started_at") // a start gives a new one
		}
		resp.Diagnostics.Append(planmodify.SetUnknown(ctx, &resp.Plan, unknown...)...)
	}

	stops := statusChanges && plan.DesiredStatus.ValueString() == statusExited
	if state.Locked.ValueBool() && !plan.Locked.IsUnknown() && plan.Locked.ValueBool() && (len(changed) > 0 || stops) {
		what := "stop"
		if len(changed) > 0 {
			what = fmt.Sprintf("reset (changing %s resets it)", planmodify.List(changed))
		}
		resp.Diagnostics.AddAttributeError(path.Root("locked"), "Locked pod",
			fmt.Sprintf("Pod %s is locked, and RunPod refuses to %s a locked pod. Unlock it first: set locked = false in this "+
				"configuration (the provider unlocks the pod before changing it), and lock it again in a later apply if you want.",
				plan.label(), what))
	}
}

// addsPodVolume reports whether the plan gives a pod created without a volume one.
func addsPodVolume(plan, prior podModel) bool {
	return prior.VolumeInGb.ValueInt64() == 0 && prior.NetworkVolumeID.IsNull() && !prior.VolumeInGb.IsNull() &&
		!plan.VolumeInGb.IsUnknown() && plan.VolumeInGb.ValueInt64() > 0
}

// effectivePrior returns req with the prior state of each reset attribute that resetChanges
// does not count as changed set to its planned value, so that the reset marker sees exactly
// the changes RunPod would act on (a reordered ports list, a recorded global_networking).
func effectivePrior(ctx context.Context, req resource.ModifyPlanRequest, changed []string) (resource.ModifyPlanRequest, diag.Diagnostics) {
	var diags diag.Diagnostics
	state := req.State
	for _, name := range resetAttributes {
		if slices.Contains(changed, name) {
			continue
		}
		var planned attr.Value
		diags.Append(req.Plan.GetAttribute(ctx, path.Root(name), &planned)...)
		if diags.HasError() {
			return req, diags
		}
		diags.Append(state.SetAttribute(ctx, path.Root(name), planned)...)
	}
	req.State = state
	return req, diags
}

// resetWarning is the plan warning of a reset: it names the pod, the fields and what
// survives.
func resetWarning(changed []string, plan, state podModel, backend runpodapi.Backend) (string, string) {
	kept := "the volume at " + state.VolumeMountPath.ValueString() + " is kept"
	switch {
	case !state.NetworkVolumeID.IsNull():
		kept = "the network volume at " + state.VolumeMountPath.ValueString() + " is kept"
	case state.VolumeInGb.ValueInt64() == 0 && slices.Contains(changed, "volume_in_gb"):
		kept = "and the pod has no volume yet, so nothing on it is kept"
	case state.VolumeInGb.ValueInt64() == 0:
		kept = "and the pod has no volume (volume_in_gb = 0), so nothing on it is kept"
	}
	if slices.Contains(changed, "volume_mount_path") && !plan.VolumeMountPath.IsUnknown() {
		kept = fmt.Sprintf("the volume is kept and moves from %s to %s", state.VolumeMountPath.ValueString(), plan.VolumeMountPath.ValueString())
	}
	detail := fmt.Sprintf("Changing %s will reset pod %s: the container disk is wiped, %s. RunPod restarts the container, so %s "+
		"are known only after apply. Changing only name or locked never resets a pod.",
		planmodify.List(changed), plan.label(), kept, planmodify.List(runtimeAttributes))
	if state.Locked.ValueBool() && !plan.Locked.ValueBool() {
		detail += " The pod is locked: the provider unlocks it (locked = false) before resetting it."
	}
	if backend == runpodapi.BackendV2 && slices.Contains(changed, "global_networking") && plan.DesiredStatus.ValueString() == statusRunning {
		detail += " RunPod's REST v2 applies global_networking at the pod's next start, so the provider then restarts the pod."
	}
	return "Pod " + plan.label() + " will be reset", detail
}
