// Package endpoint holds the runpod_endpoint resource and data source: a RunPod serverless
// endpoint, with plans that say when an update rolls out a new release of its workers.
package endpoint

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod"
)

// Compute types of an endpoint's workers.
const (
	ComputeGPU = "GPU"
	ComputeCPU = "CPU"
)

// Scaler types.
const (
	ScalerQueueDelay   = "QUEUE_DELAY"
	ScalerRequestCount = "REQUEST_COUNT"
)

// rollingAttributes change through EndpointUpdateInput but are not in
// EndpointUpdateInPlaceInput: RunPod rolls out a new release of the workers to apply them.
var rollingAttributes = []string{
	"template_id", "gpu_type_ids", "gpu_count", "cpu_flavor_ids", "vcpu_count", "data_center_ids",
	"network_volume_id", "network_volume_ids", "allowed_cuda_versions", "min_cuda_version",
}

// inPlaceAttributes are EndpointUpdateInPlaceInput: they change without a release.
var inPlaceAttributes = []string{
	"name", "scaler_type", "scaler_value", "workers_min", "workers_max", "idle_timeout", "execution_timeout_ms", "flashboot",
}

// releaseAttributes are the computed attributes a rolling release changes (besides
// template_image_name, which is unknown in every update plan).
var releaseAttributes = []string{"version"}

// endpointModel is an endpoint as both the resource and the data source expose it.
type endpointModel struct {
	ID                  types.String `tfsdk:"id"`
	Name                types.String `tfsdk:"name"`
	TemplateID          types.String `tfsdk:"template_id"`
	ComputeType         types.String `tfsdk:"compute_type"`
	GPUTypeIDs          types.List   `tfsdk:"gpu_type_ids"`
	GPUCount            types.Int64  `tfsdk:"gpu_count"`
	CPUFlavorIDs        types.List   `tfsdk:"cpu_flavor_ids"`
	VCPUCount           types.Int64  `tfsdk:"vcpu_count"`
	DataCenterIDs       types.Set    `tfsdk:"data_center_ids"`
	NetworkVolumeID     types.String `tfsdk:"network_volume_id"`
	NetworkVolumeIDs    types.Set    `tfsdk:"network_volume_ids"`
	AllowedCudaVersions types.Set    `tfsdk:"allowed_cuda_versions"`
	MinCudaVersion      types.String `tfsdk:"min_cuda_version"`
	ExecutionTimeoutMs  types.Int64  `tfsdk:"execution_timeout_ms"`
	IdleTimeout         types.Int64  `tfsdk:"idle_timeout"`
	ScalerType          types.String `tfsdk:"scaler_type"`
	ScalerValue         types.Int64  `tfsdk:"scaler_value"`
	WorkersMin          types.Int64  `tfsdk:"workers_min"`
	WorkersMax          types.Int64  `tfsdk:"workers_max"`
	CreatedAt           types.String `tfsdk:"created_at"`
	Version             types.Int64  `tfsdk:"version"`
	UserID              types.String `tfsdk:"user_id"`
	TemplateImageName   types.String `tfsdk:"template_image_name"`
	WorkerCount         types.Int64  `tfsdk:"worker_count"`
}

// resourceModel adds what only the resource has: flashboot, which RunPod accepts but never
// reports (so the data source cannot show it), and timeouts.
type resourceModel struct {
	endpointModel
	Flashboot types.Bool     `tfsdk:"flashboot"`
	Timeouts  timeouts.Value `tfsdk:"timeouts"`
}

// fromAPI sets m from what RunPod reports. prior is what Terraform knew before (the plan on
// create and update, the state on read; all null on import): RunPod answers [] or "" for
// what is not set, and prior decides whether that is shown as empty or null, so a
// configured empty value stays empty and an unset one stays null.
func (m *endpointModel) fromAPI(ctx context.Context, ep *runpod.Endpoint, prior endpointModel) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(ep.ID)
	m.Name = stringOrNull(ep.Name)
	m.TemplateID = types.StringValue(ep.TemplateID)
	m.ComputeType = types.StringValue(ep.ComputeType)
	if ep.ComputeType == "" {
		m.ComputeType = knownOr(prior.ComputeType, types.StringValue(ComputeGPU))
	}

	if m.ComputeType.ValueString() == ComputeCPU {
		m.GPUTypeIDs, m.GPUCount = types.ListNull(types.StringType), types.Int64Null()
		flavors, vcpus := cpuShape(ep)
		if len(flavors) > 0 {
			m.CPUFlavorIDs = stringList(ctx, flavors, prior.CPUFlavorIDs, &diags)
		} else {
			m.CPUFlavorIDs = knownOr(prior.CPUFlavorIDs, types.ListNull(types.StringType))
		}
		m.VCPUCount = knownOr(prior.VCPUCount, types.Int64Null())
		if vcpus > 0 {
			m.VCPUCount = types.Int64Value(int64(vcpus))
		}
	} else {
		m.CPUFlavorIDs, m.VCPUCount = types.ListNull(types.StringType), types.Int64Null()
		m.GPUTypeIDs = stringList(ctx, ep.GPUTypeIDs, prior.GPUTypeIDs, &diags)
		m.GPUCount = knownOr(prior.GPUCount, types.Int64Null())
		if ep.GPUCount > 0 {
			m.GPUCount = types.Int64Value(int64(ep.GPUCount))
		}
	}

	m.DataCenterIDs = stringSet(ctx, ep.DataCenterIDs, prior.DataCenterIDs, &diags)
	m.setNetworkVolumes(ctx, ep, prior, &diags)
	m.AllowedCudaVersions = stringSet(ctx, ep.AllowedCudaVersions, prior.AllowedCudaVersions, &diags)
	m.MinCudaVersion = stringOrNull(ep.MinCudaVersion)
	m.ExecutionTimeoutMs = types.Int64Value(int64(ep.ExecutionTimeoutMs))
	m.IdleTimeout = types.Int64Value(int64(ep.IdleTimeout))
	m.ScalerType = types.StringValue(ep.ScalerType)
	m.ScalerValue = types.Int64Value(int64(ep.ScalerValue))
	m.WorkersMin = types.Int64Value(int64(ep.WorkersMin))
	m.WorkersMax = types.Int64Value(int64(ep.WorkersMax))
	m.CreatedAt = stringOrNull(normalizeTime(ep.CreatedAt))
	m.Version = types.Int64Value(int64(ep.Version))
	m.UserID = stringOrNull(ep.UserID)
	m.TemplateImageName = knownOr(prior.TemplateImageName, types.StringNull())
	if ep.Template != nil {
		m.TemplateImageName = stringOrNull(ep.Template.ImageName)
	}
	m.WorkerCount = types.Int64Value(int64(len(ep.Workers)))
	return diags
}

// cpuShape returns the CPU flavors and vCPUs per worker of a CPU endpoint. REST v1 reports
// them only as instance ids, "<flavor>-<vCPUs>-<GB of RAM>" ("cpu3c-2-4").
func cpuShape(ep *runpod.Endpoint) (flavors []string, vcpus int) {
	if len(ep.CPUFlavorIDs) > 0 || ep.VCPUCount > 0 {
		return ep.CPUFlavorIDs, ep.VCPUCount
	}
	for _, id := range ep.InstanceIDs {
		parts := strings.Split(id, "-")
		if len(parts) != 3 {
			continue
		}
		if !slices.Contains(flavors, parts[0]) {
			flavors = append(flavors, parts[0])
		}
		if n, err := strconv.Atoi(parts[1]); err == nil && vcpus == 0 {
			vcpus = n
		}
	}
	return flavors, vcpus
}

// setNetworkVolumes maps RunPod's two ways of attaching volumes (one networkVolumeId, or
// networkVolumeIds for multi-region endpoints) to the form the configuration uses, so an
// API that reports a volume both ways causes no diff.
func (m *endpointModel) setNetworkVolumes(ctx context.Context, ep *runpod.Endpoint, prior endpointModel, diags *diag.Diagnostics) {
	single, multi := ep.NetworkVolumeID, ep.NetworkVolumeIDs
	usesMulti := !prior.NetworkVolumeIDs.IsNull() && !prior.NetworkVolumeIDs.IsUnknown()
	onlySingle := len(multi) == 0 || (len(multi) == 1 && multi[0] == single)
	switch {
	case usesMulti:
		m.NetworkVolumeIDs = stringSet(ctx, multi, prior.NetworkVolumeIDs, diags)
		if single == "" || slices.Contains(multi, single) {
			single = ""
		}
		m.NetworkVolumeID = stringOrNull(single)
	case onlySingle:
		m.NetworkVolumeID = stringOrNull(single)
		m.NetworkVolumeIDs = types.SetNull(types.StringType)
	default:
		if slices.Contains(multi, single) {
			single = ""
		}
		m.NetworkVolumeID = stringOrNull(single)
		m.NetworkVolumeIDs = stringSet(ctx, multi, prior.NetworkVolumeIDs, diags)
	}
}

// createInput is the POST body: what the plan sets. Unknown values (Optional+Computed
// attributes left out of the configuration) are left to RunPod's defaults.
func (m resourceModel) createInput(ctx context.Context) (runpod.EndpointCreateInput, diag.Diagnostics) {
	var diags diag.Diagnostics
	in := runpod.EndpointCreateInput{
		TemplateID:          m.TemplateID.ValueString(),
		Name:                stringPtr(m.Name),
		ComputeType:         stringPtr(m.ComputeType),
		GPUTypeIDs:          stringsPtr(ctx, m.GPUTypeIDs, &diags),
		GPUCount:            intPtr(m.GPUCount),
		CPUFlavorIDs:        stringsPtr(ctx, m.CPUFlavorIDs, &diags),
		VCPUCount:           intPtr(m.VCPUCount),
		DataCenterIDs:       stringsPtr(ctx, m.DataCenterIDs, &diags),
		NetworkVolumeID:     stringPtr(m.NetworkVolumeID),
		NetworkVolumeIDs:    stringsPtr(ctx, m.NetworkVolumeIDs, &diags),
		AllowedCudaVersions: stringsPtr(ctx, m.AllowedCudaVersions, &diags),
		MinCudaVersion:      stringPtr(m.MinCudaVersion),
		ExecutionTimeoutMs:  intPtr(m.ExecutionTimeoutMs),
		IdleTimeout:         intPtr(m.IdleTimeout),
		ScalerType:          stringPtr(m.ScalerType),
		ScalerValue:         intPtr(m.ScalerValue),
		WorkersMin:          intPtr(m.WorkersMin),
		WorkersMax:          intPtr(m.WorkersMax),
	}
	if !m.Flashboot.IsNull() && !m.Flashboot.IsUnknown() {
		in.Flashboot = runpod.Ptr(m.Flashboot.ValueBool())
	}
	return in, diags
}

// updateInput is the PATCH body: only the attributes whose planned value differs from the
// state. An optional attribute removed from the configuration is cleared: "" for an id or
// version, [] for a list. flashboot removed is left as it is (RunPod cannot report it, so
// the provider does not manage it once unset).
func updateInput(ctx context.Context, plan, state resourceModel) (runpod.EndpointUpdateInput, diag.Diagnostics) {
	var diags diag.Diagnostics
	var in runpod.EndpointUpdateInput
	changed := func(p, s attr.Value) bool { return !p.IsUnknown() && !p.Equal(s) }

	if changed(plan.Name, state.Name) {
		in.Name = runpod.Ptr(plan.Name.ValueString())
	}
	if changed(plan.TemplateID, state.TemplateID) {
		in.TemplateID = runpod.Ptr(plan.TemplateID.ValueString())
	}
	for _, f := range []struct {
		plan, state types.Int64
		dst         **int
	}{
		{plan.ExecutionTimeoutMs, state.ExecutionTimeoutMs, &in.ExecutionTimeoutMs},
		{plan.IdleTimeout, state.IdleTimeout, &in.IdleTimeout},
		{plan.ScalerValue, state.ScalerValue, &in.ScalerValue},
		{plan.WorkersMin, state.WorkersMin, &in.WorkersMin},
		{plan.WorkersMax, state.WorkersMax, &in.WorkersMax},
		{plan.GPUCount, state.GPUCount, &in.GPUCount},
		{plan.VCPUCount, state.VCPUCount, &in.VCPUCount},
	} {
		if changed(f.plan, f.state) && !f.plan.IsNull() {
			*f.dst = runpod.Ptr(int(f.plan.ValueInt64()))
		}
	}
	if changed(plan.ScalerType, state.ScalerType) && !plan.ScalerType.IsNull() {
		in.ScalerType = runpod.Ptr(plan.ScalerType.ValueString())
	}
	if changed(plan.Flashboot, state.Flashboot) && !plan.Flashboot.IsNull() {
		in.Flashboot = runpod.Ptr(plan.Flashboot.ValueBool())
	}
	for _, f := range []struct {
		plan, state types.String
		dst         **string
	}{
		{plan.NetworkVolumeID, state.NetworkVolumeID, &in.NetworkVolumeID},
		{plan.MinCudaVersion, state.MinCudaVersion, &in.MinCudaVersion},
	} {
		if changed(f.plan, f.state) {
			*f.dst = runpod.Ptr(f.plan.ValueString()) // "" clears
		}
	}
	for _, f := range []struct {
		plan, state interface {
			attr.Value
			ElementsAs(context.Context, any, bool) diag.Diagnostics
		}
		dst **[]string
	}{
		{plan.GPUTypeIDs, state.GPUTypeIDs, &in.GPUTypeIDs},
		{plan.CPUFlavorIDs, state.CPUFlavorIDs, &in.CPUFlavorIDs},
		{plan.DataCenterIDs, state.DataCenterIDs, &in.DataCenterIDs},
		{plan.NetworkVolumeIDs, state.NetworkVolumeIDs, &in.NetworkVolumeIDs},
		{plan.AllowedCudaVersions, state.AllowedCudaVersions, &in.AllowedCudaVersions},
	} {
		if !changed(f.plan, f.state) {
			continue
		}
		values := []string{} // null clears
		if !f.plan.IsNull() {
			diags.Append(f.plan.ElementsAs(ctx, &values, false)...)
		}
		*f.dst = &values
	}
	return in, diags
}

// isEmpty reports whether in changes nothing.
func isEmpty(in runpod.EndpointUpdateInput) bool { return in == (runpod.EndpointUpdateInput{}) }

// normalizeTime renders RunPod's timestamps, which arrive in RFC 3339 or in Go's default
// format ("2025-12-16 17:44:56.726 +0000 UTC"), as RFC 3339 so that Terraform's time
// functions accept them. Anything else is kept as it is.
func normalizeTime(s string) string {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999 -0700 MST", "2006-01-02 15:04:05.999999999 -0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC().Format(time.RFC3339Nano)
		}
	}
	return s
}

// ---- value helpers ----

func stringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// knownOr returns v when it is known, else def.
func knownOr[T attr.Value](v T, def T) T {
	if v.IsUnknown() {
		return def
	}
	return v
}

func stringPtr(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return runpod.Ptr(v.ValueString())
}

func intPtr(v types.Int64) *int {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return runpod.Ptr(int(v.ValueInt64()))
}

func stringsPtr(ctx context.Context, v interface {
	attr.Value
	ElementsAs(context.Context, any, bool) diag.Diagnostics
}, diags *diag.Diagnostics) *[]string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(v.ElementsAs(ctx, &out, false)...)
	if out == nil {
		out = []string{}
	}
	return &out
}

// emptyKnown reports whether prior is a known, non-null collection without elements.
func emptyKnown(prior attr.Value, n int) bool {
	return !prior.IsNull() && !prior.IsUnknown() && n == 0
}

// stringList maps an API list: empty is null unless prior was a known empty list.
func stringList(ctx context.Context, values []string, prior types.List, diags *diag.Diagnostics) types.List {
	if len(values) == 0 {
		if emptyKnown(prior, len(prior.Elements())) {
			return types.ListValueMust(types.StringType, []attr.Value{})
		}
		return types.ListNull(types.StringType)
	}
	v, d := types.ListValueFrom(ctx, types.StringType, values)
	diags.Append(d...)
	return v
}

// stringSet maps an API list to a set: empty is null unless prior was a known empty set.
func stringSet(ctx context.Context, values []string, prior types.Set, diags *diag.Diagnostics) types.Set {
	if len(values) == 0 {
		if emptyKnown(prior, len(prior.Elements())) {
			return types.SetValueMust(types.StringType, []attr.Value{})
		}
		return types.SetNull(types.StringType)
	}
	v, d := types.SetValueFrom(ctx, types.StringType, values)
	diags.Append(d...)
	return v
}
