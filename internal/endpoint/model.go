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
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod"
	"github.com/runpod-community/terraform-provider-runpod/internal/tfvalue"
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
func (m *endpointModel) fromAPI(ep *runpod.Endpoint, prior endpointModel) {
	m.ID = types.StringValue(ep.ID)
	m.Name = tfvalue.StringOrNull(ep.Name)
	m.TemplateID = types.StringValue(ep.TemplateID)
	m.ComputeType = types.StringValue(ep.ComputeType)
	if ep.ComputeType == "" {
		m.ComputeType = tfvalue.KnownOr(prior.ComputeType, types.StringValue(ComputeGPU))
	}

	if m.ComputeType.ValueString() == ComputeCPU {
		m.GPUTypeIDs, m.GPUCount = types.ListNull(types.StringType), types.Int64Null()
		flavors, vcpus := cpuShape(ep)
		if len(flavors) > 0 {
			m.CPUFlavorIDs = tfvalue.OptionalList(flavors, prior.CPUFlavorIDs)
		} else {
			m.CPUFlavorIDs = tfvalue.KnownOr(prior.CPUFlavorIDs, types.ListNull(types.StringType))
		}
		m.VCPUCount = tfvalue.KnownOr(prior.VCPUCount, types.Int64Null())
		if vcpus > 0 {
			m.VCPUCount = types.Int64Value(int64(vcpus))
		}
	} else {
		m.CPUFlavorIDs, m.VCPUCount = types.ListNull(types.StringType), types.Int64Null()
		m.GPUTypeIDs = tfvalue.OptionalList(ep.GPUTypeIDs, prior.GPUTypeIDs)
		m.GPUCount = tfvalue.KnownOr(prior.GPUCount, types.Int64Null())
		if ep.GPUCount > 0 {
			m.GPUCount = types.Int64Value(int64(ep.GPUCount))
		}
	}

	m.DataCenterIDs = tfvalue.OptionalSet(ep.DataCenterIDs, prior.DataCenterIDs)
	m.setNetworkVolumes(ep, prior)
	m.AllowedCudaVersions = tfvalue.OptionalSet(ep.AllowedCudaVersions, prior.AllowedCudaVersions)
	m.MinCudaVersion = tfvalue.StringOrNull(ep.MinCudaVersion)
	m.ExecutionTimeoutMs = types.Int64Value(int64(ep.ExecutionTimeoutMs))
	m.IdleTimeout = types.Int64Value(int64(ep.IdleTimeout))
	m.ScalerType = types.StringValue(ep.ScalerType)
	m.ScalerValue = types.Int64Value(int64(ep.ScalerValue))
	m.WorkersMin = types.Int64Value(int64(ep.WorkersMin))
	m.WorkersMax = types.Int64Value(int64(ep.WorkersMax))
	m.CreatedAt = tfvalue.StringOrNull(normalizeTime(ep.CreatedAt))
	m.Version = types.Int64Value(int64(ep.Version))
	m.UserID = tfvalue.StringOrNull(ep.UserID)
	m.TemplateImageName = tfvalue.KnownOr(prior.TemplateImageName, types.StringNull())
	if ep.Template != nil {
		m.TemplateImageName = tfvalue.StringOrNull(ep.Template.ImageName)
	}
	m.WorkerCount = types.Int64Value(int64(len(ep.Workers)))
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
func (m *endpointModel) setNetworkVolumes(ep *runpod.Endpoint, prior endpointModel) {
	single, multi := ep.NetworkVolumeID, ep.NetworkVolumeIDs
	usesMulti := !prior.NetworkVolumeIDs.IsNull() && !prior.NetworkVolumeIDs.IsUnknown()
	onlySingle := len(multi) == 0 || (len(multi) == 1 && multi[0] == single)
	switch {
	case usesMulti:
		m.NetworkVolumeIDs = tfvalue.OptionalSet(multi, prior.NetworkVolumeIDs)
		if single == "" || slices.Contains(multi, single) {
			single = ""
		}
		m.NetworkVolumeID = tfvalue.StringOrNull(single)
	case onlySingle:
		m.NetworkVolumeID = tfvalue.StringOrNull(single)
		m.NetworkVolumeIDs = types.SetNull(types.StringType)
	default:
		if slices.Contains(multi, single) {
			single = ""
		}
		m.NetworkVolumeID = tfvalue.StringOrNull(single)
		m.NetworkVolumeIDs = tfvalue.OptionalSet(multi, prior.NetworkVolumeIDs)
	}
}

// createInput is the POST body: what the plan sets. Unknown values (Optional+Computed
// attributes left out of the configuration) are left to RunPod's defaults.
func (m resourceModel) createInput(ctx context.Context) (runpod.EndpointCreateInput, diag.Diagnostics) {
	var diags diag.Diagnostics
	in := runpod.EndpointCreateInput{
		TemplateID:          m.TemplateID.ValueString(),
		Name:                tfvalue.StringPtr(m.Name),
		ComputeType:         tfvalue.StringPtr(m.ComputeType),
		GPUTypeIDs:          tfvalue.StringsPtr(ctx, m.GPUTypeIDs, &diags),
		GPUCount:            tfvalue.IntPtr(m.GPUCount),
		CPUFlavorIDs:        tfvalue.StringsPtr(ctx, m.CPUFlavorIDs, &diags),
		VCPUCount:           tfvalue.IntPtr(m.VCPUCount),
		DataCenterIDs:       tfvalue.StringsPtr(ctx, m.DataCenterIDs, &diags),
		NetworkVolumeID:     tfvalue.StringPtr(m.NetworkVolumeID),
		NetworkVolumeIDs:    tfvalue.StringsPtr(ctx, m.NetworkVolumeIDs, &diags),
		AllowedCudaVersions: tfvalue.StringsPtr(ctx, m.AllowedCudaVersions, &diags),
		MinCudaVersion:      tfvalue.StringPtr(m.MinCudaVersion),
		ExecutionTimeoutMs:  tfvalue.IntPtr(m.ExecutionTimeoutMs),
		IdleTimeout:         tfvalue.IntPtr(m.IdleTimeout),
		ScalerType:          tfvalue.StringPtr(m.ScalerType),
		ScalerValue:         tfvalue.IntPtr(m.ScalerValue),
		WorkersMin:          tfvalue.IntPtr(m.WorkersMin),
		WorkersMax:          tfvalue.IntPtr(m.WorkersMax),
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
	in := runpod.EndpointUpdateInput{
		Name:                tfvalue.ChangedString(plan.Name, state.Name),
		TemplateID:          tfvalue.ChangedString(plan.TemplateID, state.TemplateID),
		ExecutionTimeoutMs:  tfvalue.ChangedInt(plan.ExecutionTimeoutMs, state.ExecutionTimeoutMs),
		IdleTimeout:         tfvalue.ChangedInt(plan.IdleTimeout, state.IdleTimeout),
		ScalerValue:         tfvalue.ChangedInt(plan.ScalerValue, state.ScalerValue),
		WorkersMin:          tfvalue.ChangedInt(plan.WorkersMin, state.WorkersMin),
		WorkersMax:          tfvalue.ChangedInt(plan.WorkersMax, state.WorkersMax),
		GPUCount:            tfvalue.ChangedInt(plan.GPUCount, state.GPUCount),
		VCPUCount:           tfvalue.ChangedInt(plan.VCPUCount, state.VCPUCount),
		Flashboot:           tfvalue.ChangedBool(plan.Flashboot, state.Flashboot),
		NetworkVolumeID:     tfvalue.ChangedString(plan.NetworkVolumeID, state.NetworkVolumeID),
		MinCudaVersion:      tfvalue.ChangedString(plan.MinCudaVersion, state.MinCudaVersion),
		GPUTypeIDs:          tfvalue.ChangedStrings(ctx, plan.GPUTypeIDs, state.GPUTypeIDs, &diags),
		CPUFlavorIDs:        tfvalue.ChangedStrings(ctx, plan.CPUFlavorIDs, state.CPUFlavorIDs, &diags),
		DataCenterIDs:       tfvalue.ChangedStrings(ctx, plan.DataCenterIDs, state.DataCenterIDs, &diags),
		NetworkVolumeIDs:    tfvalue.ChangedStrings(ctx, plan.NetworkVolumeIDs, state.NetworkVolumeIDs, &diags),
		AllowedCudaVersions: tfvalue.ChangedStrings(ctx, plan.AllowedCudaVersions, state.AllowedCudaVersions, &diags),
	}
	if !plan.ScalerType.IsNull() { // RunPod always has a scaler type: removing it clears nothing
		in.ScalerType = tfvalue.ChangedString(plan.ScalerType, state.ScalerType)
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
