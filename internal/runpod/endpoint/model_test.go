package endpoint

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

func list(values ...string) types.List {
	v, _ := types.ListValueFrom(context.Background(), types.StringType, values)
	return v
}

func set(values ...string) types.Set {
	v, _ := types.SetValueFrom(context.Background(), types.StringType, values)
	return v
}

// nullModel is what Terraform knows on import: nothing.
func nullModel() endpointModel {
	return endpointModel{
		GPUTypeIDs: types.ListNull(types.StringType), CPUFlavorIDs: types.ListNull(types.StringType),
		DataCenterIDs: types.SetNull(types.StringType), NetworkVolumeIDs: types.SetNull(types.StringType),
		AllowedCudaVersions: types.SetNull(types.StringType),
	}
}

func gpuEndpoint() *runpodapi.Endpoint {
	return &runpodapi.Endpoint{
		ID: "ep1", Name: "sd", TemplateID: "tpl1", ComputeType: "GPU", GPUTypeIDs: []string{"NVIDIA L4"}, GPUCount: 2,
		DataCenterIDs: []string{"EU-RO-1"}, AllowedCudaVersions: []string{}, ExecutionTimeoutMs: 600000, IdleTimeout: 5,
		ScalerType: "QUEUE_DELAY", ScalerValue: 4, WorkersMax: 3, Version: 2, UserID: "user_1",
		CreatedAt: "2025-12-16 17:44:56.726 +0000 UTC", Template: &runpodapi.Template{ImageName: "example/worker:1"},
		Workers: []runpodapi.Pod{{ID: "w1"}, {ID: "w2"}},
	}
}

func TestFromAPI_gpuEndpoint(t *testing.T) {
	var m endpointModel
	m.fromAPI(gpuEndpoint(), nullModel())
	checks := map[string][2]attr.Value{
		"gpu_type_ids":          {m.GPUTypeIDs, list("NVIDIA L4")},
		"gpu_count":             {m.GPUCount, types.Int64Value(2)},
		"cpu_flavor_ids":        {m.CPUFlavorIDs, types.ListNull(types.StringType)},
		"vcpu_count":            {m.VCPUCount, types.Int64Null()},
		"allowed_cuda_versions": {m.AllowedCudaVersions, types.SetNull(types.StringType)}, // [] and not configured: null
		"min_cuda_version":      {m.MinCudaVersion, types.StringNull()},
		"created_at":            {m.CreatedAt, types.StringValue("2025-12-16T17:44:56.726Z")},
		"template_image_name":   {m.TemplateImageName, types.StringValue("example/worker:1")},
		"worker_count":          {m.WorkerCount, types.Int64Value(2)},
		"version":               {m.Version, types.Int64Value(2)},
	}
	for name, c := range checks {
		if !c[0].Equal(c[1]) {
			t.Errorf("%s = %s, want %s", name, c[0], c[1])
		}
	}
}

func TestFromAPI_emptyListStaysEmptyWhenConfiguredEmpty(t *testing.T) {
	prior := nullModel()
	prior.AllowedCudaVersions = set()
	var m endpointModel
	m.fromAPI(gpuEndpoint(), prior)
	if !m.AllowedCudaVersions.Equal(set()) {
		t.Errorf("allowed_cuda_versions = %s, want the configured empty set", m.AllowedCudaVersions)
	}
}

func TestFromAPI_cpuEndpointFromInstanceIDs(t *testing.T) {
	ep := &runpodapi.Endpoint{ID: "ep1", ComputeType: "CPU", InstanceIDs: []string{"cpu5c-4-8", "cpu3c-4-8", "cpu5c-4-8"}}
	var m endpointModel
	m.fromAPI(ep, nullModel())
	if !m.CPUFlavorIDs.Equal(list("cpu5c", "cpu3c")) || !m.VCPUCount.Equal(types.Int64Value(4)) {
		t.Errorf("cpu_flavor_ids = %s, vcpu_count = %s; want [cpu5c cpu3c] and 4", m.CPUFlavorIDs, m.VCPUCount)
	}
	if !m.GPUTypeIDs.IsNull() || !m.GPUCount.IsNull() {
		t.Errorf("a CPU endpoint has no GPU settings, got %s and %s", m.GPUTypeIDs, m.GPUCount)
	}

	// A backend that reports the flavors directly wins over instance ids.
	ep.CPUFlavorIDs, ep.VCPUCount = []string{"cpu3g"}, 8
	m.fromAPI(ep, nullModel())
	if !m.CPUFlavorIDs.Equal(list("cpu3g")) || !m.VCPUCount.Equal(types.Int64Value(8)) {
		t.Errorf("cpu_flavor_ids = %s, vcpu_count = %s; want [cpu3g] and 8", m.CPUFlavorIDs, m.VCPUCount)
	}

	// Nothing reported: what Terraform knew stays.
	prior := nullModel()
	prior.CPUFlavorIDs, prior.VCPUCount = list("cpu5g"), types.Int64Value(2)
	m.fromAPI(&runpodapi.Endpoint{ID: "ep1", ComputeType: "CPU"}, prior)
	if !m.CPUFlavorIDs.Equal(list("cpu5g")) || !m.VCPUCount.Equal(types.Int64Value(2)) {
		t.Errorf("cpu_flavor_ids = %s, vcpu_count = %s; want the prior [cpu5g] and 2", m.CPUFlavorIDs, m.VCPUCount)
	}
}

func TestFromAPI_networkVolumesFollowTheConfiguredForm(t *testing.T) {
	tests := []struct {
		name       string
		single     string
		multi      []string
		priorMulti types.Set
		wantSingle types.String
		wantMulti  types.Set
	}{
		{"none", "", nil, types.SetNull(types.StringType), types.StringNull(), types.SetNull(types.StringType)},
		{"single", "v1", nil, types.SetNull(types.StringType), types.StringValue("v1"), types.SetNull(types.StringType)},
		{"single reported both ways", "v1", []string{"v1"}, types.SetNull(types.StringType), types.StringValue("v1"), types.SetNull(types.StringType)},
		{"multi", "", []string{"v1", "v2"}, set("v1", "v2"), types.StringNull(), set("v1", "v2")},
		{"multi with the first as single", "v1", []string{"v1", "v2"}, set("v1", "v2"), types.StringNull(), set("v1", "v2")},
		{"multi configured as one", "v1", []string{"v1"}, set("v1"), types.StringNull(), set("v1")},
		{"multi on import", "v1", []string{"v1", "v2"}, types.SetNull(types.StringType), types.StringNull(), set("v1", "v2")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ep := gpuEndpoint()
			ep.NetworkVolumeID, ep.NetworkVolumeIDs = tt.single, tt.multi
			prior := nullModel()
			prior.NetworkVolumeIDs = tt.priorMulti
			var m endpointModel
			m.fromAPI(ep, prior)
			if !m.NetworkVolumeID.Equal(tt.wantSingle) || !m.NetworkVolumeIDs.Equal(tt.wantMulti) {
				t.Errorf("got network_volume_id %s, network_volume_ids %s; want %s, %s", m.NetworkVolumeID, m.NetworkVolumeIDs, tt.wantSingle, tt.wantMulti)
			}
		})
	}
}

func TestNormalizeTime(t *testing.T) {
	for in, want := range map[string]string{
		"2025-12-16 17:44:56.726 +0000 UTC": "2025-12-16T17:44:56.726Z",
		"2024-07-12T19:14:40.144Z":          "2024-07-12T19:14:40.144Z",
		"2024-07-12T21:14:40+02:00":         "2024-07-12T19:14:40Z",
		"yesterday":                         "yesterday",
		"":                                  "",
	} {
		if got := normalizeTime(in); got != want {
			t.Errorf("normalizeTime(%q) = %q, want %q", in, got, want)
		}
	}
}

// baseState is a GPU endpoint as the state holds it.
func baseState() resourceModel {
	var m resourceModel
	m.endpointModel.fromAPI(gpuEndpoint(), nullModel())
	m.Flashboot, m.FlashbootMode, m.TemplateFingerprint = types.BoolNull(), types.StringNull(), types.StringNull()
	return m
}

// TestUpdateInput_eachAttribute ties the update body to the plan marker: every updatable
// attribute is sent alone when it alone changes, and it triggers a rolling release exactly
// when it is listed in rollingAttributes (EndpointUpdateInput minus EndpointUpdateInPlaceInput).
func TestUpdateInput_eachAttribute(t *testing.T) {
	changes := map[string]func(*resourceModel){
		"name":                  func(m *resourceModel) { m.Name = types.StringValue("renamed") },
		"template_id":           func(m *resourceModel) { m.TemplateID = types.StringValue("tpl2") },
		"gpu_type_ids":          func(m *resourceModel) { m.GPUTypeIDs = list("NVIDIA A40") },
		"gpu_count":             func(m *resourceModel) { m.GPUCount = types.Int64Value(1) },
		"cpu_flavor_ids":        func(m *resourceModel) { m.CPUFlavorIDs = list("cpu3c") },
		"vcpu_count":            func(m *resourceModel) { m.VCPUCount = types.Int64Value(4) },
		"data_center_ids":       func(m *resourceModel) { m.DataCenterIDs = set("US-TX-3") },
		"network_volume_id":     func(m *resourceModel) { m.NetworkVolumeID = types.StringValue("vol1") },
		"network_volume_ids":    func(m *resourceModel) { m.NetworkVolumeIDs = set("vol1", "vol2") },
		"allowed_cuda_versions": func(m *resourceModel) { m.AllowedCudaVersions = set("12.4") },
		"min_cuda_version":      func(m *resourceModel) { m.MinCudaVersion = types.StringValue("12.4") },
		"execution_timeout_ms":  func(m *resourceModel) { m.ExecutionTimeoutMs = types.Int64Value(1000) },
		"flashboot":             func(m *resourceModel) { m.Flashboot = types.BoolValue(true) },
		"flashboot_mode":        func(m *resourceModel) { m.FlashbootMode = types.StringValue(FlashbootPriority) },
		"idle_timeout":          func(m *resourceModel) { m.IdleTimeout = types.Int64Value(60) },
		"scaler_type":           func(m *resourceModel) { m.ScalerType = types.StringValue("REQUEST_COUNT") },
		"scaler_value":          func(m *resourceModel) { m.ScalerValue = types.Int64Value(1) },
		"workers_min":           func(m *resourceModel) { m.WorkersMin = types.Int64Value(1) },
		"workers_max":           func(m *resourceModel) { m.WorkersMax = types.Int64Value(9) },
	}
	all := append(slices.Clone(rollingAttributes), inPlaceAttributes...)
	slices.Sort(all)
	var named []string
	for name := range changes {
		named = append(named, name)
	}
	slices.Sort(named)
	if !slices.Equal(all, named) {
		t.Fatalf("rollingAttributes + inPlaceAttributes = %v, but the updatable attributes are %v", all, named)
	}
	for name, change := range changes {
		state := baseState()
		plan := state
		change(&plan)
		in, d := updateInput(context.Background(), plan, state)
		if d.HasError() {
			t.Fatal(d)
		}
		if isEmpty(in) {
			t.Errorf("%s: a change sends nothing", name)
			continue
		}
		if got, want := in.TriggersRollingRelease(), slices.Contains(rollingAttributes, name); got != want {
			t.Errorf("%s: TriggersRollingRelease() = %v, want %v", name, got, want)
		}
		changedOnly := in
		change(&state) // the same change on both sides: nothing to send
		if again, _ := updateInput(context.Background(), plan, state); !isEmpty(again) {
			t.Errorf("%s: an unchanged plan sends %+v (first body %+v)", name, again, changedOnly)
		}
	}
}

func TestUpdateInput_removedOptionalsAreCleared(t *testing.T) {
	state := baseState()
	state.NetworkVolumeID = types.StringValue("vol1")
	state.MinCudaVersion = types.StringValue("12.4")
	state.AllowedCudaVersions = set("12.4")
	state.Flashboot = types.BoolValue(true)
	plan := baseState() // all of them removed from the configuration
	in, _ := updateInput(context.Background(), plan, state)
	if in.NetworkVolumeID == nil || *in.NetworkVolumeID != "" || in.MinCudaVersion == nil || *in.MinCudaVersion != "" {
		t.Errorf("removed ids must be cleared with \"\", got %v %v", in.NetworkVolumeID, in.MinCudaVersion)
	}
	if in.AllowedCudaVersions == nil || len(*in.AllowedCudaVersions) != 0 {
		t.Errorf("a removed list must be cleared with [], got %v", in.AllowedCudaVersions)
	}
	if in.Flashboot != nil {
		t.Errorf("a removed flashboot must be left alone (RunPod cannot report it), got %v", *in.Flashboot)
	}

	state = baseState()
	state.FlashbootMode = types.StringValue(FlashbootPriority)
	if in, _ := updateInput(context.Background(), baseState(), state); in.FlashbootMode != nil {
		t.Errorf("a removed flashboot_mode must be left alone, got %q", *in.FlashbootMode)
	}
	// From the mode to the bool: the bool is sent, which turns priority off.
	plan = baseState()
	plan.Flashboot = types.BoolValue(true)
	if in, _ := updateInput(context.Background(), plan, state); in.Flashboot == nil || !*in.Flashboot || in.FlashbootMode != nil {
		t.Errorf("flashboot_mode -> flashboot: got %+v", in)
	}
}

func TestCreateInput_leavesUnknownsToRunPod(t *testing.T) {
	plan := resourceModel{endpointModel: nullModel()}
	plan.TemplateID = types.StringValue("tpl1")
	plan.ComputeType = types.StringValue("GPU")
	plan.IdleTimeout = types.Int64Unknown()
	plan.WorkersMax = types.Int64Value(0)
	plan.GPUTypeIDs = types.ListUnknown(types.StringType)
	in, d := plan.createInput(context.Background())
	if d.HasError() {
		t.Fatal(d)
	}
	if in.IdleTimeout != nil || in.GPUTypeIDs != nil || in.Flashboot != nil {
		t.Errorf("unknown and null values must not be sent: %+v", in)
	}
	if in.WorkersMax == nil || *in.WorkersMax != 0 || in.TemplateID != "tpl1" {
		t.Errorf("configured values (zero included) must be sent: %+v", in)
	}
}

// v2Endpoint is gpuEndpoint as REST v2 reports it: no template link, no owner, its own image,
// the GPU types of its pools in catalog order, and FlashBoot.
func v2Endpoint() *runpodapi.Endpoint {
	ep := gpuEndpoint()
	ep.Source, ep.TemplateID, ep.UserID, ep.Template, ep.Workers = runpodapi.BackendV2, "", "", nil, nil
	ep.GPUTypeIDs = []string{"NVIDIA GeForce RTX 4090", "NVIDIA L4"}
	ep.Type, ep.FlashbootMode, ep.Image, ep.WorkerCount = "QUEUE", "PRIORITY_FLASHBOOT", "example/worker:2", 3
	ep.RequestURLs = map[string]string{"run": "https://api.runpod.ai/v2/ep1/run"}
	return ep
}

func TestFromAPI_v2(t *testing.T) {
	prior := baseState()
	prior.TemplateID = types.StringValue("tpl9")
	prior.GPUTypeIDs = list("NVIDIA L4", "NVIDIA GeForce RTX 4090")
	prior.Flashboot, prior.TemplateFingerprint = types.BoolValue(false), types.StringValue("abc")
	prior.Type = types.StringNull()
	var m resourceModel
	m.fromAPI(v2Endpoint(), prior)
	urls, _ := types.MapValueFrom(context.Background(), types.StringType, map[string]string{"run": "https://api.runpod.ai/v2/ep1/run"})
	for name, c := range map[string][2]attr.Value{
		"template_id":          {m.TemplateID, types.StringValue("tpl9")}, // v2 reports none: as configured
		"gpu_type_ids":         {m.GPUTypeIDs, list("NVIDIA L4", "NVIDIA GeForce RTX 4090")},
		"type":                 {m.Type, types.StringValue("QUEUE")},
		"request_urls":         {m.RequestURLs, urls},
		"template_image_name":  {m.TemplateImageName, types.StringValue("example/worker:2")},
		"worker_count":         {m.WorkerCount, types.Int64Value(3)},
		"user_id":              {m.UserID, types.StringNull()},
		"flashboot":            {m.Flashboot, types.BoolValue(true)},  // drift: priority FlashBoot is FlashBoot on
		"flashboot_mode":       {m.FlashbootMode, types.StringNull()}, // not configured: not managed
		"template_fingerprint": {m.TemplateFingerprint, types.StringValue("abc")},
		"idle_timeout":         {m.IdleTimeout, types.Int64Value(5)},
	} {
		if !c[0].Equal(c[1]) {
			t.Errorf("%s = %s, want %s", name, c[0], c[1])
		}
	}

	// A queue endpoint on request count has no idle timeout on v2; the mode is read when
	// configured; an import knows no template.
	ep := v2Endpoint()
	ep.IdleTimeout = 0
	prior = baseState()
	prior.FlashbootMode = types.StringValue(FlashbootOn)
	m = resourceModel{}
	m.fromAPI(ep, prior)
	if !m.IdleTimeout.IsNull() || !m.FlashbootMode.Equal(types.StringValue(FlashbootPriority)) || !m.Flashboot.IsNull() {
		t.Errorf("idle_timeout %s, flashboot_mode %s, flashboot %s", m.IdleTimeout, m.FlashbootMode, m.Flashboot)
	}
	var imported resourceModel
	imported.fromAPI(ep, resourceModel{endpointModel: nullModel()})
	if !imported.TemplateID.IsNull() || !imported.GPUTypeIDs.Equal(list("NVIDIA GeForce RTX 4090", "NVIDIA L4")) {
		t.Errorf("import: template_id %s, gpu_type_ids %s", imported.TemplateID, imported.GPUTypeIDs)
	}
}

// An endpoint from REST v2's list has no version or worker count: the state's stay, and they are
// read again only on import or when a release setting or the image differs from the state.
func TestFromAPI_v2ListKeepsVersionUntilAReleaseShows(t *testing.T) {
	prior := baseState()
	listed := v2Endpoint()
	listed.Version, listed.WorkerCount, listed.WorkersUnread = 0, 0, true
	prior.endpointModel.fromAPI(v2Endpoint(), prior.endpointModel) // the state after the last full read
	var m resourceModel
	m.fromAPI(listed, prior)
	if !m.Version.Equal(types.Int64Value(2)) || !m.WorkerCount.Equal(types.Int64Value(3)) {
		t.Errorf("version %s, worker_count %s; want the state's 2 and 3", m.Version, m.WorkerCount)
	}
	if releaseMayHaveChanged(m.endpointModel, prior.endpointModel) {
		t.Error("nothing changed, yet a release is suspected")
	}
	var imported resourceModel
	imported.fromAPI(listed, resourceModel{endpointModel: nullModel()})
	if !imported.Version.IsNull() || !releaseMayHaveChanged(imported.endpointModel, nullModel()) {
		t.Errorf("import: version %s; want null, and read", imported.Version)
	}
	for _, change := range []func(*runpodapi.Endpoint){
		func(e *runpodapi.Endpoint) { e.Image = "example/worker:3" },
		func(e *runpodapi.Endpoint) { e.GPUCount = 4 },
		func(e *runpodapi.Endpoint) { e.DataCenterIDs = []string{"US-TX-3"} },
		func(e *runpodapi.Endpoint) { e.MinCudaVersion = "12.4" },
	} {
		ep := v2Endpoint()
		ep.WorkersUnread = true
		change(ep)
		var changed resourceModel
		changed.fromAPI(ep, prior)
		if !releaseMayHaveChanged(changed.endpointModel, prior.endpointModel) {
			t.Errorf("a release setting changed outside Terraform (%+v), yet no release is suspected", ep)
		}
	}
	// In-place settings roll out no release.
	ep := v2Endpoint()
	ep.WorkersUnread, ep.WorkersMax, ep.Name = true, 9, "renamed"
	var scaled resourceModel
	scaled.fromAPI(ep, prior)
	if releaseMayHaveChanged(scaled.endpointModel, prior.endpointModel) {
		t.Error("workers_max and name changed: no release, yet one is suspected")
	}
}

// Every attribute the release check compares exists.
func TestReleaseAttributesExist(t *testing.T) {
	var m endpointModel
	for _, name := range append(slices.Clone(rollingAttributes), releaseAttributes...) {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s: %v", name, r)
				}
			}()
			m.attribute(name)
		}()
	}
}

func TestFromAPI_v1KeepsFlashbootAndHasNoV2Values(t *testing.T) {
	prior := baseState()
	prior.Flashboot, prior.FlashbootMode, prior.TemplateFingerprint = types.BoolValue(true), types.StringValue(FlashbootOn), types.StringValue("abc")
	prior.Type = types.StringValue("QUEUE")
	var m resourceModel
	m.fromAPI(gpuEndpoint(), prior)
	if !m.Flashboot.Equal(types.BoolValue(true)) || !m.FlashbootMode.Equal(types.StringValue(FlashbootOn)) {
		t.Errorf("v1 never reports FlashBoot: got %s and %s, want the configured values", m.Flashboot, m.FlashbootMode)
	}
	if !m.TemplateFingerprint.IsNull() || !m.RequestURLs.IsNull() || !m.Type.Equal(types.StringValue("QUEUE")) || !m.TemplateID.Equal(types.StringValue("tpl1")) {
		t.Errorf("fingerprint %s, request_urls %s, type %s, template_id %s", m.TemplateFingerprint, m.RequestURLs, m.Type, m.TemplateID)
	}
}

func TestOrderLike(t *testing.T) {
	for _, tc := range []struct{ got, prior, want []string }{
		{[]string{"a", "b", "c"}, []string{"c", "a"}, []string{"c", "a", "b"}},
		{[]string{"a", "b"}, nil, []string{"a", "b"}},
		{[]string{"a"}, []string{"b", "a"}, []string{"a"}},
	} {
		if got := orderLike(tc.got, tc.prior); !slices.Equal(got, tc.want) {
			t.Errorf("orderLike(%v, %v) = %v, want %v", tc.got, tc.prior, got, tc.want)
		}
	}
}

func TestReleaseWarning(t *testing.T) {
	label := `"sd" (ep1)`
	for _, tc := range []struct {
		changed []string
		tc      templateChange
		want    string
	}{
		{[]string{"gpu_count"}, templateChange{}, `Changing gpu_count of endpoint "sd" (ep1) will roll out a new release: workers ` +
			`restart with the new settings, and version increases. Only`},
		{nil, templateChange{planned: []string{"image_name", "env"}}, `This plan changes image_name and env of template tpl1, ` +
			`which endpoint "sd" (ep1) runs. RunPod's REST v2 copies a template into an endpoint once and does not roll later ` +
			`edits out, so the provider re-applies the template to the endpoint (PATCH with templateId), which will roll out a ` +
			`new release: workers restart with the new settings, and version increases. Only`},
		{[]string{"gpu_count"}, templateChange{since: true}, `will roll out a new release: workers restart with the new ` +
			`settings, and version increases. Template tpl1 changed since endpoint "sd" (ep1) copied it (outside Terraform, or in ` +
			`an apply that did not update the endpoint). RunPod's REST v2 copies a template into an endpoint once and does not ` +
			`roll later edits out, so the provider re-applies the template to the endpoint (PATCH with templateId), which is ` +
			`part of that release. Only`},
	} {
		if got := releaseWarning(label, tc.changed, tc.tc, "tpl1"); !strings.Contains(got, tc.want) ||
			!strings.HasSuffix(got, "execution_timeout_ms, flashboot and flashboot_mode change without a release.") {
			t.Errorf("releaseWarning(%v, %+v) =\n%s\nwant it to contain\n%s", tc.changed, tc.tc, got, tc.want)
		}
	}
}
