package endpoint

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/planmodify"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/templaterollout"
)

// backendDiagnostics refuses at plan time what backend b cannot express of the configuration
// cfg (planned type: the endpoint's type as planned).
func backendDiagnostics(cfg resourceModel, plannedType string, b runpodapi.Backend) diag.Diagnostics {
	var diags diag.Diagnostics
	switch b {
	case runpodapi.BackendV1:
		v2Only := func(name, what string) {
			diags.AddAttributeError(path.Root(name), "Not supported by RunPod's REST v1",
				fmt.Sprintf("%s is a setting of RunPod's REST v2, and this provider uses REST v1 (api_version = \"v1\"). Remove %s "+
					"(or change it), or use REST v2 (api_version = \"v2\", the default).", what, name))
		}
		if cfg.Type.ValueString() == TypeLoadBalancer {
			v2Only("type", `type = "LOAD_BALANCER"`)
		}
		if cfg.FlashbootMode.ValueString() == FlashbootPriority {
			v2Only("flashboot_mode", `flashboot_mode = "PRIORITY_FLASHBOOT"`)
		}
	case runpodapi.BackendV2:
		if !cfg.IdleTimeout.IsNull() && queueOnRequestCount(plannedType, cfg.ScalerType) {
			diags.AddAttributeError(path.Root("idle_timeout"), "Not supported by RunPod's REST v2",
				"RunPod's REST v2 (api_version = \"v2\", the default) has no idle timeout for a QUEUE endpoint that scales on "+
					"REQUEST_COUNT: it refuses one. Remove idle_timeout, or use scaler_type = \"QUEUE_DELAY\".")
		}
		if cfg.ComputeType.ValueString() == ComputeCPU && cfg.CPUFlavorIDs.IsNull() {
			diags.AddAttributeError(path.Root("cpu_flavor_ids"), "Not supported by RunPod's REST v2",
				"A CPU endpoint needs cpu_flavor_ids on RunPod's REST v2 (api_version = \"v2\", the default): REST v1 let RunPod "+
					"choose the CPU flavors, REST v2 does not. Set cpu_flavor_ids, such as [\"cpu3c\"].")
		}
		if !cfg.MinCudaVersion.IsNull() && !cfg.AllowedCudaVersions.IsNull() {
			diags.AddAttributeError(path.Root("min_cuda_version"), "Conflicting CUDA settings",
				"Set min_cuda_version (a lowest version) or allowed_cuda_versions (an exact set), not both: RunPod's REST v2 "+
					"refuses both together.")
		}
	}
	return diags
}

// queueOnRequestCount reports whether an endpoint of type endpointType ("" means the
// default, QUEUE) scales on request count, for which REST v2 has no idle timeout.
func queueOnRequestCount(endpointType string, scalerType types.String) bool {
	return (endpointType == "" || endpointType == TypeQueue) && scalerType.ValueString() == ScalerRequestCount
}

// ModifyPlan checks what the configured API cannot express, marks rolling releases (warning,
// version unknown) and, on REST v2, plans the re-apply of a template that changed (see
// templateChange). On REST v1, a release RunPod rolls out because the template changes in
// the same plan leaves the release's values unknown too.
func (r *endpointResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var plan, cfg resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// One of the two may come from the state or RunPod's default: check the planned pair.
	checkWorkers(plan.WorkersMin, plan.WorkersMax, &resp.Diagnostics)
	backend := runpodapi.Backend("")
	if r.Client != nil { // nil while the provider's configuration is unknown
		backend = r.Client.Backend()
	}
	plannedType := ""
	if !plan.Type.IsUnknown() {
		plannedType = plan.Type.ValueString()
	}
	resp.Diagnostics.Append(backendDiagnostics(cfg, plannedType, backend)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if r.Client != nil {
		var prior *resourceModel
		if !req.State.Raw.IsNull() {
			prior = &resourceModel{}
			resp.Diagnostics.Append(req.State.Get(ctx, prior)...)
		}
		resp.Diagnostics.Append(checkCatalogs(ctx, r.Client, cfg, prior)...)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	switch backend {
	case runpodapi.BackendV1: // what only REST v2 reports
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("template_fingerprint"), types.StringNull())...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("request_urls"), types.MapNull(types.StringType))...)
	case runpodapi.BackendV2:
		if queueOnRequestCount(plannedType, plan.ScalerType) { // REST v2 has none then
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("idle_timeout"), types.Int64Null())...)
		}
	}
	if req.State.Raw.IsNull() || resp.Diagnostics.HasError() {
		return // create
	}
	var state resourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	release := planmodify.DisruptiveUpdate{Triggers: rollingAttributes}
	changed, diags := release.Changed(ctx, req)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	var tc templateChange
	if backend == runpodapi.BackendV2 && !slices.Contains(changed, "template_id") {
		tc = r.templateChange(ctx, plan, state)
	}
	reapply := backend == runpodapi.BackendV2 && (slices.Contains(changed, "template_id") || tc.changes())
	if backend == runpodapi.BackendV2 {
		fingerprint := state.TemplateFingerprint
		if reapply {
			fingerprint = types.StringUnknown()
		}
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("template_fingerprint"), fingerprint)...)
	}
	if backend == runpodapi.BackendV1 && !plan.TemplateID.IsUnknown() && !slices.Contains(changed, "template_id") &&
		len(templaterollout.Planned(r.Client, plan.TemplateID.ValueString())) > 0 {
		// REST v1 rolls an edit of the template out to the endpoint itself, in this apply: what
		// the release changes is known only after it, so that the next refresh finds no change
		// "outside Terraform". The template's plan warns, naming the endpoints.
		resp.Diagnostics.Append(planmodify.SetUnknown(ctx, &resp.Plan, releaseAttributes...)...)
	}
	if len(changed) == 0 && !tc.changes() {
		return
	}
	label := describe(plan.Name, state.Name, state.ID)
	resp.Diagnostics.AddWarning("Endpoint "+label+" will roll out a new release", releaseWarning(label, changed, tc, plan.TemplateID.ValueString()))
	unknown := releaseAttributes
	if backend == runpodapi.BackendV2 && plannedType == TypeLoadBalancer {
		unknown = append(slices.Clone(unknown), "request_urls") // the health URL comes from the container's env
	}
	resp.Diagnostics.Append(planmodify.SetUnknown(ctx, &resp.Plan, unknown...)...)
}

// templateChange is why an endpoint's template must be re-applied on REST v2: the container
// attributes the plan changes (planned), or a template that changed since the endpoint copied
// it (since).
type templateChange struct {
	planned []string
	since   bool
}

func (c templateChange) changes() bool { return len(c.planned) > 0 || c.since }

// templateChange finds whether the endpoint's template (unchanged template_id) changes: in
// this plan (the runpod_template's plan, made before the endpoint's because template_id
// refers to it, recorded it), or since the endpoint copied it (its fingerprint differs from
// the one recorded; one read of the template).
func (r *endpointResource) templateChange(ctx context.Context, plan, state resourceModel) templateChange {
	if plan.TemplateID.IsUnknown() || plan.TemplateID.IsNull() {
		return templateChange{}
	}
	id := plan.TemplateID.ValueString()
	if attrs := templaterollout.Planned(r.Client, id); len(attrs) > 0 {
		return templateChange{planned: attrs}
	}
	if state.TemplateFingerprint.IsNull() || state.TemplateFingerprint.IsUnknown() {
		return templateChange{}
	}
	t, err := runpodapi.ReadTemplate(ctx, r.Client, id) // from the provider instance's snapshot
	if err != nil {                                     // the template's own plan deals with a template gone; the next plan looks again
		tflog.Warn(ctx, "could not read the endpoint's template to compare it with what the endpoint copied",
			map[string]any{"template_id": id, "error": err.Error()})
		return templateChange{}
	}
	return templateChange{since: templaterollout.Fingerprint(t) != state.TemplateFingerprint.ValueString()}
}

// releaseWarning is the detail of the rolling-release warning of endpoint label: the release
// settings changed, and the template that is re-applied (REST v2).
func releaseWarning(label string, changed []string, tc templateChange, templateID string) string {
	var parts []string
	consequence := "will roll out a new release: workers restart with the new settings, and version increases."
	if len(changed) > 0 {
		parts = append(parts, fmt.Sprintf("Changing %s of endpoint %s %s", planmodify.List(changed), label, consequence))
		consequence = "is part of that release."
	}
	if tc.changes() {
		what := fmt.Sprintf("Template %s changed since endpoint %s copied it (outside Terraform, or in an apply that did not "+
			"update the endpoint).", templateID, label)
		if len(tc.planned) > 0 {
			what = fmt.Sprintf("This plan changes %s of template %s, which endpoint %s runs.", planmodify.List(tc.planned), templateID, label)
		}
		parts = append(parts, what+" RunPod's REST v2 copies a template into an endpoint once and does not roll later edits out, "+
			"so the provider re-applies the template to the endpoint (PATCH with templateId), which "+consequence)
	}
	parts = append(parts, fmt.Sprintf("Only %s change without a release.", planmodify.List(inPlaceAttributes)))
	return strings.Join(parts, " ")
}
