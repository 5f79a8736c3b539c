// Package endpoint holds the runpod_endpoint resource and data source: a RunPod serverless
// endpoint, with plans that say when an update rolls out a new release of its workers.
package endpoint

import (
	"context"
	"reflect"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
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

// Endpoint types: how requests reach the workers.
const (
	TypeQueue        = runpodapi.EndpointTypeQueue
	TypeLoadBalancer = runpodapi.EndpointTypeLoadBalancer
)

// FlashBoot modes (flashboot_mode).
const (
	FlashbootOff      = runpodapi.FlashbootOff
	FlashbootOn       = runpodapi.FlashbootOn
	FlashbootPriority = runpodapi.FlashbootPriority
)

// rollingAttributes change through EndpointUpdateInput fields outside RunPod's
// EndpointUpdateInPlaceInput (TriggersRollingRelease): RunPod rolls out a new release of the
// workers to apply them. Derived: the attributes of resourceModel, in its order, whose field
// is named like such a field of EndpointUpdateInput.
var rollingAttributes = updatableAttributes(true)

// inPlaceAttributes are EndpointUpdateInPlaceInput: they change without a release (in this
// order in messages; TestEveryAttributeIsClassified checks them against updatableAttributes).
var inPlaceAttributes = []string{
	"name", "scaler_type", "scaler_value", "workers_min", "workers_max", "idle_timeout", "execution_timeout_ms", "flashboot",
	"flashboot_mode",
}

// releaseAttributes are the computed attributes a rolling release changes. template_image_name
// and worker_count are unknown in every update plan anyway; they are listed for the plan of a
// template re-applied on REST v2, which may be the endpoint's only change.
var releaseAttributes = []string{"version", "template_image_name", "worker_count"}

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
	Type                types.String `tfsdk:"type"`
	RequestURLs         types.Map    `tfsdk:"request_urls"`
}

// resourceModel adds what only the resource has: the FlashBoot settings as configured (REST
// v1 never reports them), the fingerprint of the template copied (REST v2's template rollout
// emulation), the rollout wait, and timeouts.
type resourceModel struct {
	endpointModel
	Flashboot           types.Bool     `tfsdk:"flashboot"`
	FlashbootMode       types.String   `tfsdk:"flashboot_mode"`
	TemplateFingerprint types.String   `tfsdk:"template_fingerprint"`
	WaitForRollout      types.Bool     `tfsdk:"wait_for_rollout"`
	Timeouts            timeouts.Value `tfsdk:"timeouts"`
}

// dataSourceModel is the data source's endpoint: FlashBoot as RunPod reports it (REST v2).
type dataSourceModel struct {
	endpointModel
	FlashbootMode types.String `tfsdk:"flashboot_mode"`
}

func (m *dataSourceModel) fromAPI(ep *runpodapi.Endpoint) {
	m.endpointModel.fromAPI(ep, m.endpointModel)
	m.FlashbootMode = tfvalue.StringOrNull(ep.FlashbootMode)
}

// fromAPI sets m from what RunPod reports (see endpointModel.fromAPI). The FlashBoot settings
// are kept as configured unless REST v2 reports the mode: then a configured flashboot reads
// as whether FlashBoot is on (either mode), a configured flashboot_mode as the mode, and a
// change made elsewhere shows in the plan; an unset one stays null. The template fingerprint
// is the prior one (REST v2; Create, Update and Read decide it) or null (REST v1).
func (m *resourceModel) fromAPI(ep *runpodapi.Endpoint, prior resourceModel) {
	m.endpointModel.fromAPI(ep, prior.endpointModel)
	m.Flashboot, m.FlashbootMode = prior.Flashboot, prior.FlashbootMode
	if ep.Source == runpodapi.BackendV2 && ep.FlashbootMode != "" {
		if !prior.Flashboot.IsNull() && !prior.Flashboot.IsUnknown() {
			m.Flashboot = types.BoolValue(ep.FlashbootMode != FlashbootOff)
		}
		if !prior.FlashbootMode.IsNull() && !prior.FlashbootMode.IsUnknown() {
			m.FlashbootMode = types.StringValue(ep.FlashbootMode)
		}
	}
	m.TemplateFingerprint = types.StringNull()
	if ep.Source == runpodapi.BackendV2 {
		m.TemplateFingerprint = tfvalue.KnownOr(prior.TemplateFingerprint, types.StringNull())
	}
}

// fromAPI sets m from what RunPod reports. prior is what Terraform knew before (the plan on
// create and update, the state on read; all null on import): RunPod answers [] or "" for
// what is not set, and prior decides whether that is shown as empty or null, so a
// configured empty value stays empty and an unset one stays null.
//
// REST v2 reports no template id (an endpoint keeps a copy of its template, no link): the
// prior template_id stays (null on import). It has no order among GPU types (it places workers
// by pool): the prior order stays, the types it adds follow in catalog order. It reports no
// idle timeout for a queue endpoint scaling on request count (null then), and no owner.
func (m *endpointModel) fromAPI(ep *runpodapi.Endpoint, prior endpointModel) {
	v2 := ep.Source == runpodapi.BackendV2
	m.ID = types.StringValue(ep.ID)
	m.Name = tfvalue.StringOrNull(ep.Name)
	m.TemplateID = tfvalue.StringOrNull(ep.TemplateID)
	if v2 {
		m.TemplateID = tfvalue.KnownOr(prior.TemplateID, types.StringNull())
	}
	m.ComputeType = types.StringValue(ep.ComputeType)
	if ep.ComputeType == "" {
		m.ComputeType = tfvalue.KnownOr(prior.ComputeType, types.StringValue(ComputeGPU))
	}
	m.Type = tfvalue.ValueOr(prior.Type, types.StringValue(TypeQueue)) // REST v1 makes queue endpoints
	if ep.Type != "" {
		m.Type = types.StringValue(ep.Type)
	}

	if m.ComputeType.ValueString() == ComputeCPU {
		m.GPUTypeIDs, m.GPUCount = types.ListNull(types.StringType), types.Int64Null()
		flavors, vcpus := ep.CPUShape()
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
		gpuTypes := ep.GPUTypeIDs
		if v2 {
			gpuTypes = orderLike(gpuTypes, tfvalue.Strings(prior.GPUTypeIDs))
		}
		m.GPUTypeIDs = tfvalue.OptionalList(gpuTypes, prior.GPUTypeIDs)
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
	if v2 && ep.IdleTimeout == 0 { // not reported: the endpoint has none (idle timeouts are at least 1)
		m.IdleTimeout = types.Int64Null()
	}
	m.ScalerType = types.StringValue(ep.ScalerType)
	m.ScalerValue = types.Int64Value(int64(ep.ScalerValue))
	m.WorkersMin = types.Int64Value(int64(ep.WorkersMin))
	m.WorkersMax = types.Int64Value(int64(ep.WorkersMax))
	m.CreatedAt = tfvalue.StringOrNull(normalizeTime(ep.CreatedAt))
	m.Version = types.Int64Value(int64(ep.Version))
	m.UserID = tfvalue.StringOrNull(ep.UserID)
	if v2 {
		m.TemplateImageName = tfvalue.StringOrNull(ep.Image) // the endpoint's copy of its template's image
		m.WorkerCount = types.Int64Value(int64(ep.WorkerCount))
		if ep.WorkersUnread { // REST v2's list: the prior ones stay (the resource's Read decides when to read them)
			m.Version = tfvalue.KnownOr(prior.Version, types.Int64Null())
			m.WorkerCount = tfvalue.KnownOr(prior.WorkerCount, types.Int64Null())
		}
		m.RequestURLs = types.MapNull(types.StringType)
		if len(ep.RequestURLs) > 0 {
			m.RequestURLs = tfvalue.StringMap(ep.RequestURLs)
		}
		return
	}
	m.TemplateImageName = tfvalue.KnownOr(prior.TemplateImageName, types.StringNull())
	if ep.Template != nil {
		m.TemplateImageName = tfvalue.StringOrNull(ep.Template.ImageName)
	}
	m.WorkerCount = types.Int64Value(int64(len(ep.Workers)))
	m.RequestURLs = types.MapNull(types.StringType) // REST v1 reports none
}

// setWorkers sets what the endpoint's workers say: its version and worker count.
func (m *endpointModel) setWorkers(w *runpodapi.EndpointWorkers) {
	m.Version, m.WorkerCount = types.Int64Value(int64(w.Version)), types.Int64Value(int64(w.Count))
}

// releaseMayHaveChanged reports whether an endpoint read without its version and worker count
// (REST v2's list) needs them read: prior has none (import), or a setting whose change rolls
// out a release, or the image the workers run, differs from prior, so a release may have been
// rolled out outside Terraform.
func releaseMayHaveChanged(next, prior endpointModel) bool {
	if prior.Version.IsNull() || prior.WorkerCount.IsNull() {
		return true
	}
	for _, name := range append(slices.Clone(rollingAttributes), "template_image_name") {
		if !next.attribute(name).Equal(prior.attribute(name)) {
			return true
		}
	}
	return false
}

// attribute is m's value of the attribute called name (its tfsdk tag).
func (m endpointModel) attribute(name string) attr.Value {
	v := reflect.ValueOf(m)
	for i := range v.NumField() {
		if v.Type().Field(i).Tag.Get("tfsdk") == name {
			return v.Field(i).Interface().(attr.Value)
		}
	}
	panic("runpod_endpoint has no attribute " + name) // a name in this package's lists is mistyped
}

// updatableAttributes lists, in resourceModel's order, the attributes whose model field is
// named like a field of EndpointUpdateInput that rolls out a release (rolling) or does not.
func updatableAttributes(rolling bool) []string {
	inputType := reflect.TypeOf(runpodapi.EndpointUpdateInput{})
	var out []string
	for _, f := range modelFields(reflect.TypeOf(resourceModel{})) {
		field, ok := inputType.FieldByName(f.Name)
		if !ok {
			continue
		}
		var in runpodapi.EndpointUpdateInput
		reflect.ValueOf(&in).Elem().FieldByIndex(field.Index).Set(reflect.New(field.Type.Elem()))
		if in.TriggersRollingRelease() == rolling {
			out = append(out, f.Tag.Get("tfsdk"))
		}
	}
	return out
}

// modelFields are the fields of struct type t that are attributes (tfsdk tag), those of an
// embedded struct in its place.
func modelFields(t reflect.Type) []reflect.StructField {
	var out []reflect.StructField
	for i := range t.NumField() {
		f := t.Field(i)
		switch {
		case f.Anonymous:
			out = append(out, modelFields(f.Type)...)
		case f.Tag.Get("tfsdk") != "":
			out = append(out, f)
		}
	}
	return out
}

// orderLike orders got (a set of GPU types) like prior: the ones prior names first, in its
// order, then the others in got's order.
func orderLike(got, prior []string) []string {
	out := make([]string, 0, len(got))
	for _, id := range prior {
		if slices.Contains(got, id) && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	for _, id := range got {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// setNetworkVolumes maps RunPod's two ways of attaching volumes (one networkVolumeId, or
// networkVolumeIds for multi-region endpoints) to the form the configuration uses, so an
// API that reports a volume both ways causes no diff.
func (m *endpointModel) setNetworkVolumes(ep *runpodapi.Endpoint, prior endpointModel) {
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
func (m resourceModel) createInput(ctx context.Context) (runpodapi.EndpointCreateInput, diag.Diagnostics) {
	var diags diag.Diagnostics
	in := runpodapi.EndpointCreateInput{
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
		Flashboot:           tfvalue.BoolPtr(m.Flashboot),
		FlashbootMode:       tfvalue.StringPtr(m.FlashbootMode),
		Type:                tfvalue.StringPtr(m.Type),
	}
	return in, diags
}

// updateInput is the PATCH body: only the attributes whose planned value differs from the
// state. An optional attribute removed from the configuration is cleared: "" for an id or
// version, [] for a list. flashboot and flashboot_mode removed are left as they are (REST v1
// cannot report them, so the provider does not manage them once unset).
func updateInput(ctx context.Context, plan, state resourceModel) (runpodapi.EndpointUpdateInput, diag.Diagnostics) {
	var diags diag.Diagnostics
	in := runpodapi.EndpointUpdateInput{
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
	if !plan.FlashbootMode.IsNull() {
		in.FlashbootMode = tfvalue.ChangedString(plan.FlashbootMode, state.FlashbootMode)
	}
	return in, diags
}

// isEmpty reports whether in changes nothing.
func isEmpty(in runpodapi.EndpointUpdateInput) bool { return in == (runpodapi.EndpointUpdateInput{}) }

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
