package yottapod

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/planmodify"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaapi"
)

// The plan of an existing pod is decided here, in one place: is it replaced (any setting but
// desired_status changes, since Yotta has no pod update; or Yotta reports it FAILED)? If not,
// does it pause or resume (what that changes becomes unknown)? Replacement is decided here
// rather than with attribute RequiresReplace modifiers so that the plan's warning can name
// every attribute that forces it, and so that settings Yotta does not report can be recorded
// after an import instead of replacing the pod just imported.

// replacedBy returns the settings whose change replaces the pod, in schema order. Settings
// Yotta reports are compared as it would see them (an image spelt out, a protocol's case,
// null and empty collections are the same); settings it does not report are replaced on any
// change, except from null after an import, when the configured value is recorded.
func replacedBy(ctx context.Context, plan, prior podModel, imported bool) []string {
	var out []string
	changed := func(name string, planned, was attr.Value, same func() bool) {
		if planned.IsUnknown() || (!planned.Equal(was) && (same == nil || !same())) {
			out = append(out, name)
		}
	}
	changed("name", plan.Name, prior.Name, nil)
	changed("image", plan.Image, prior.Image, func() bool {
		return yottaapi.SameImage(plan.Image.ValueString(), prior.Image.ValueString())
	})
	changed("image_registry", plan.ImageRegistry, prior.ImageRegistry, nil)
	changed("resource_type", plan.ResourceType, prior.ResourceType, nil)
	changed("gpu_type", plan.GPUType, prior.GPUType, nil)
	changed("gpu_count", plan.GPUCount, prior.GPUCount, nil)
	changed("shm_in_gb", plan.ShmInGB, prior.ShmInGB, nil)
	changed("container_volume_in_gb", plan.ContainerVolumeInGB, prior.ContainerVolumeInGB, nil)
	changed("initialization_command", plan.InitializationCommand, prior.InitializationCommand, nil)
	changed("environment_vars", plan.EnvironmentVars, prior.EnvironmentVars, func() bool {
		return len(plan.EnvironmentVars.Elements()) == 0 && len(prior.EnvironmentVars.Elements()) == 0
	})
	changed("expose", plan.Expose, prior.Expose, func() bool {
		return exposeKey(ctx, plan.Expose) == exposeKey(ctx, prior.Expose)
	})
	for _, c := range []struct {
		name         string
		planned, was attr.Value
	}{
		{"regions", plan.Regions, prior.Regions},
		{"container_registry_auth_id", plan.ContainerRegistryAuthID, prior.ContainerRegistryAuthID},
		{"image_public_type", plan.ImagePublicType, prior.ImagePublicType},
		{"min_single_card_vram_in_gb", plan.MinSingleCardVRAMInGB, prior.MinSingleCardVRAMInGB},
		{"min_single_card_ram_in_gb", plan.MinSingleCardRAMInGB, prior.MinSingleCardRAMInGB},
		{"min_single_card_vcpu", plan.MinSingleCardVCPU, prior.MinSingleCardVCPU},
		{"persistent_volume_in_gb", plan.PersistentVolumeInGB, prior.PersistentVolumeInGB},
		{"persistent_mount_path", plan.PersistentMountPath, prior.PersistentMountPath},
		{"persistent_volumes", plan.PersistentVolumes, prior.PersistentVolumes},
	} {
		recordedAfterImport := imported && c.was.IsNull()
		if !recordedAfterImport {
			changed(c.name, c.planned, c.was, nil)
		}
	}
	return out
}

// exposeKey renders expose for comparison: "22/SSH,8080/HTTP" (sorted, protocols upper-cased).
func exposeKey(ctx context.Context, s types.Set) string {
	if s.IsNull() || s.IsUnknown() {
		return ""
	}
	var ports []exposeModel
	_ = s.ElementsAs(ctx, &ports, false)
	keys := make([]string, len(ports))
	for i, p := range ports {
		keys[i] = fmt.Sprintf("%d/%s", p.Port.ValueInt64(), strings.ToUpper(p.Protocol.ValueString()))
	}
	slices.Sort(keys)
	return strings.Join(keys, ",")
}

// runtimeAttributes are what a pause or resume changes.
var runtimeAttributes = []string{"status", "updated_at", "exposed_ports", "ingress_urls", "ssh_command"}

// ModifyPlan decides the plan of an existing pod (see the top of this file).
func (r *podResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || req.State.Raw.IsNull() {
		return // destroy, or create
	}
	var plan, state podModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	replaced := replacedBy(ctx, plan, state, tfresource.WasImported(ctx, req.Private))
	failed := state.Status.ValueString() == string(yottaapi.PodFailed)
	if failed {
		// A FAILED pod cannot run again: the plan replaces it, marked on status.
		resp.Diagnostics.Append(planmodify.SetUnknown(ctx, &resp.Plan, "status")...)
		replaced = append(replaced, "status")
	}
	if len(replaced) > 0 {
		for _, name := range replaced {
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root(name))
		}
		resp.Diagnostics.AddWarning("Pod "+state.label()+" will be replaced", replaceWarning(replaced, state, failed))
		return
	}
	if !plan.DesiredStatus.Equal(state.DesiredStatus) {
		resp.Diagnostics.Append(planmodify.SetUnknown(ctx, &resp.Plan, runtimeAttributes...)...)
	}
}

// replaceWarning is the detail of the plan's warning when a pod is replaced: what forces it,
// and what is lost.
func replaceWarning(replaced []string, state podModel, failed bool) string {
	var b strings.Builder
	settings := slices.DeleteFunc(slices.Clone(replaced), func(s string) bool { return s == "status" })
	if failed {
		reason := state.FailedReason.ValueString()
		if reason == "" {
			reason = "no reason given"
		}
		fmt.Fprintf(&b, "Yotta reports the pod FAILED (%s), and a failed pod cannot run again, so a new one is created. ", reason)
	}
	if len(settings) > 0 {
		fmt.Fprintf(&b, "Yotta has no pod update: changing %s creates a new pod. ", planmodify.List(settings))
	}
	b.WriteString("The new pod starts from its image and gets a new id; the old pod's container volume")
	if !state.PersistentVolumeInGB.IsNull() {
		fmt.Fprintf(&b, " and its persistent volume (%d GB at %s) are", state.PersistentVolumeInGB.ValueInt64(), state.PersistentMountPath.ValueString())
	} else {
		b.WriteString(" is")
	}
	b.WriteString(" deleted with it")
	if !state.PersistentVolumes.IsNull() && len(state.PersistentVolumes.Elements()) > 0 {
		b.WriteString("; the volumes attached with persistent_volumes are kept")
	}
	b.WriteString(".")
	return b.String()
}
