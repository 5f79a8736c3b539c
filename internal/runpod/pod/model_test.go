package pod

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/poll"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// nullModel is a podModel with every value null and typed, as the framework reads a plan.
func nullModel() podModel {
	m := tfvalue.NullUnknowns(unknownModel())
	return m
}

// unknownModel is a podModel with every value unknown.
func unknownModel() podModel {
	return podModel{
		ID: types.StringUnknown(), Name: types.StringUnknown(), ImageName: types.StringUnknown(), TemplateID: types.StringUnknown(),
		ComputeType: types.StringUnknown(), CloudType: types.StringUnknown(), GPUTypeIDs: types.ListUnknown(types.StringType),
		GPUTypePriority: types.StringUnknown(), GPUCount: types.Int64Unknown(), CPUFlavorIDs: types.ListUnknown(types.StringType),
		CPUFlavorPriority: types.StringUnknown(), VCPUCount: types.Int64Unknown(), MinRAMPerGPU: types.Int64Unknown(),
		MinVCPUPerGPU: types.Int64Unknown(), DataCenterIDs: types.ListUnknown(types.StringType), DataCenterPriority: types.StringUnknown(),
		CountryCodes: types.ListUnknown(types.StringType), AllowedCudaVersions: types.ListUnknown(types.StringType),
		MinDownloadMbps: types.Float64Unknown(), MinUploadMbps: types.Float64Unknown(), MinDiskBandwidthMBps: types.Float64Unknown(),
		SupportPublicIP: types.BoolUnknown(), GlobalNetworking: types.BoolUnknown(), ContainerDiskInGb: types.Int64Unknown(),
		VolumeInGb: types.Int64Unknown(), VolumeMountPath: types.StringUnknown(), NetworkVolumeID: types.StringUnknown(),
		Ports: types.ListUnknown(types.StringType), Env: types.MapUnknown(types.StringType), DockerEntrypoint: types.ListUnknown(types.StringType),
		DockerStartCmd: types.ListUnknown(types.StringType), ContainerRegistryAuthID: types.StringUnknown(), Interruptible: types.BoolUnknown(),
		Locked: types.BoolUnknown(), BidPerGPU: types.Float64Unknown(), DesiredStatus: types.StringUnknown(),
		MachineID: types.StringUnknown(), GPUTypeID: types.StringUnknown(), GPUDisplayName: types.StringUnknown(),
		CPUFlavorID: types.StringUnknown(), DataCenterID: types.StringUnknown(), MemoryInGb: types.Float64Unknown(),
		CostPerHr: types.Float64Unknown(), AdjustedCostPerHr: types.Float64Unknown(), LastStartedAt: types.StringUnknown(),
		PublicIP: types.StringUnknown(), PortMappings: types.MapUnknown(types.Int64Type), HTTPURLs: types.MapUnknown(types.StringType),
		SSHCommand: types.StringUnknown(),
	}
}

func TestCreateInput_sendsOnlyKnownValues(t *testing.T) {
	plan := unknownModel() // unset Optional+Computed attributes are unknown in a create plan
	plan.ImageName = types.StringValue("img")
	plan.ComputeType = types.StringValue("GPU")
	plan.GPUTypeIDs = tfvalue.StringList([]string{"A", "B"})
	plan.MinDownloadMbps = types.Float64Value(500)
	plan.Env = tfvalue.StringMap(map[string]string{"K": "v"})
	plan.DockerStartCmd = tfvalue.StringList(nil)
	plan.Locked = types.BoolValue(false)
	plan.TemplateID = types.StringNull()
	got, err := json.Marshal(plan.createInput())
	if err != nil {
		t.Fatal(err)
	}
	want := `{"imageName":"img","computeType":"GPU","gpuTypeIds":["A","B"],"minDownloadMbps":500,"env":{"K":"v"},"dockerStartCmd":[],"locked":false}`
	if string(got) != want {
		t.Errorf("create input:\n got %s\nwant %s", got, want)
	}
}

func gpuPod() *runpodapi.Pod {
	return &runpodapi.Pod{
		ID: "pod1", Name: "n", ImageName: "img", DesiredStatus: "RUNNING", CostPerHr: 0.69, AdjustedCostPerHr: 0.5,
		ContainerDiskInGb: 50, VolumeInGb: 20, VolumeMountPath: "/workspace", Ports: []string{"22/tcp", "8888/http"},
		Env: map[string]string{"A": "1"}, GPU: &runpodapi.PodGPU{ID: "NVIDIA GeForce RTX 4090", Count: 2, DisplayName: "RTX 4090"},
		Machine:   &runpodapi.Machine{DataCenterID: "EU-RO-1", SecureCloud: false},
		MachineID: "m1", MemoryInGb: 96, VCPUCount: 16, PublicIP: "1.2.3.4", PortMappings: map[string]int{"22": 10022},
		LastStartedAt: "2025-12-16 17:44:56.726 +0000 UTC",
	}
}

func TestFromAPI_readsBackWhatRunPodReports(t *testing.T) {
	m := nullModel()
	m.GPUTypeIDs = tfvalue.StringList([]string{"NVIDIA RTX A6000", "NVIDIA GeForce RTX 4090"})
	m.DataCenterIDs = tfvalue.StringList([]string{"US-TX-3"}) // the pod is not in it: read back as where it is
	m.Ports = tfvalue.StringList([]string{"8888/http", "22/tcp"})
	m.MinRAMPerGPU = types.Int64Value(64)
	m.TemplateID = types.StringValue("tpl")
	m.fromAPI(gpuPod())

	checks := map[string][2]attr.Value{
		"compute_type":    {m.ComputeType, types.StringValue("GPU")},
		"cloud_type":      {m.CloudType, types.StringValue("COMMUNITY")},
		"gpu_type_ids":    {m.GPUTypeIDs, tfvalue.StringList([]string{"NVIDIA RTX A6000", "NVIDIA GeForce RTX 4090"})},
		"gpu_type_id":     {m.GPUTypeID, types.StringValue("NVIDIA GeForce RTX 4090")},
		"gpu_count":       {m.GPUCount, types.Int64Value(2)},
		"cpu_flavor_ids":  {m.CPUFlavorIDs, types.ListNull(types.StringType)},
		"data_center_ids": {m.DataCenterIDs, tfvalue.StringList([]string{"EU-RO-1"})},
		"ports":           {m.Ports, tfvalue.StringList([]string{"8888/http", "22/tcp"})}, // the recorded order
		"min_ram_per_gpu": {m.MinRAMPerGPU, types.Int64Value(64)},                         // not reported: kept
		"template_id":     {m.TemplateID, types.StringValue("tpl")},                       // not in the answer: kept
		"public_ip":       {m.PublicIP, types.StringValue("1.2.3.4")},
		"ssh_command":     {m.SSHCommand, types.StringValue("ssh root@1.2.3.4 -p 10022")},
		"http_urls":       {m.HTTPURLs, tfvalue.StringMap(map[string]string{"8888": "https://pod1-8888.proxy.runpod.net"})},
		"port_mappings":   {m.PortMappings, portMappings(map[string]int{"22": 10022})},
		"cost_per_hr":     {m.CostPerHr, types.Float64Value(0.69)},
		"adjusted":        {m.AdjustedCostPerHr, types.Float64Value(0.5)},
		"vcpu_count":      {m.VCPUCount, types.Int64Null()}, // a GPU pod's vCPUs are not a setting: not read back
		"desired_status":  {m.DesiredStatus, types.StringValue("RUNNING")},
	}
	for name, c := range checks {
		if !c[0].Equal(c[1]) {
			t.Errorf("%s = %s, want %s", name, c[0], c[1])
		}
	}
}

func TestFromAPI_stoppedCPUPod(t *testing.T) {
	m := unknownModel()
	m.fromAPI(&runpodapi.Pod{ID: "p", DesiredStatus: "EXITED", CPUFlavorID: "cpu3c", VCPUCount: 4, Ports: []string{"22/tcp"}})
	m = tfvalue.NullUnknowns(m)
	for name, c := range map[string][2]attr.Value{
		"compute_type":   {m.ComputeType, types.StringValue("CPU")},
		"cpu_flavor_ids": {m.CPUFlavorIDs, tfvalue.StringList([]string{"cpu3c"})},
		"gpu_type_ids":   {m.GPUTypeIDs, types.ListNull(types.StringType)},
		"gpu_count":      {m.GPUCount, types.Int64Null()},
		"public_ip":      {m.PublicIP, types.StringNull()},
		"port_mappings":  {m.PortMappings, portMappings(nil)},
		"ssh_command":    {m.SSHCommand, types.StringNull()},
		"cloud_type":     {m.CloudType, types.StringNull()}, // no machine in the answer, nothing before
	} {
		if !c[0].Equal(c[1]) {
			t.Errorf("%s = %s, want %s", name, c[0], c[1])
		}
	}
}

func TestResetChanges(t *testing.T) {
	prior := nullModel()
	prior.fromAPI(gpuPod())
	prior.GlobalNetworking = types.BoolNull()
	for _, tc := range []struct {
		name     string
		change   func(*podModel)
		imported bool
		want     []string
		patch    string
	}{
		{"rename only", func(m *podModel) { m.Name = types.StringValue("x") }, false, nil, `{}`},
		{"lock only", func(m *podModel) { m.Locked = types.BoolValue(true) }, false, nil, `{}`},
		{"image and env", func(m *podModel) {
			m.ImageName = types.StringValue("img2")
			m.Env = tfvalue.StringMap(map[string]string{"A": "2"})
		}, false, []string{"image_name", "env"}, `{"env":{"A":"2"},"imageName":"img2"}`},
		{"ports reordered", func(m *podModel) { m.Ports = tfvalue.StringList([]string{"8888/http", "22/tcp"}) }, false, nil, `{}`},
		{"ports changed", func(m *podModel) { m.Ports = tfvalue.StringList([]string{"22/tcp"}) }, false, []string{"ports"}, `{"ports":["22/tcp"]}`},
		{"global networking false = default", func(m *podModel) { m.GlobalNetworking = types.BoolValue(false) }, false, nil, `{}`},
		{"global networking on", func(m *podModel) { m.GlobalNetworking = types.BoolValue(true) }, false, []string{"global_networking"}, `{"globalNetworking":true}`},
		{"global networking after import", func(m *podModel) { m.GlobalNetworking = types.BoolValue(true) }, true, nil, `{}`},
		{"unknown image", func(m *podModel) { m.ImageName = types.StringUnknown() }, false, []string{"image_name"}, `{}`},
		{"disks", func(m *podModel) {
			m.ContainerDiskInGb = types.Int64Value(80)
			m.VolumeInGb = types.Int64Value(40)
			m.VolumeMountPath = types.StringValue("/data")
		}, false, []string{"container_disk_in_gb", "volume_in_gb", "volume_mount_path"}, `{"containerDiskInGb":80,"volumeInGb":40,"volumeMountPath":"/data"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plan := prior
			tc.change(&plan)
			got, in := resetChanges(plan, prior, tc.imported)
			if !slices.Equal(got, tc.want) {
				t.Errorf("changed = %v, want %v", got, tc.want)
			}
			if in.TriggersReset() != (len(tc.want) > 0 && tc.name != "unknown image") {
				t.Errorf("TriggersReset() = %v for %v", in.TriggersReset(), got)
			}
			body, _ := json.Marshal(in)
			if string(body) != tc.patch {
				t.Errorf("PATCH = %s, want %s", body, tc.patch)
			}
		})
	}
}

func TestKeepKnown(t *testing.T) {
	plan := unknownModel()
	plan.Name = types.StringValue("planned")
	got := nullModel()
	got.Name = types.StringValue("reported")
	got.PublicIP = types.StringValue("1.2.3.4")
	out := tfvalue.KeepKnown(plan, got)
	if out.Name.ValueString() != "planned" || out.PublicIP.ValueString() != "1.2.3.4" || !out.SSHCommand.IsNull() {
		t.Errorf("KeepKnown: name %s, public_ip %s, ssh_command %s", out.Name, out.PublicIP, out.SSHCommand)
	}
	for _, v := range []attr.Value{out.GPUTypeIDs, out.Env, out.Timeouts} {
		if v.IsUnknown() {
			t.Errorf("KeepKnown left an unknown: %s", v)
		}
	}
}

func TestReadiness(t *testing.T) {
	booting := &runpodapi.Pod{DesiredStatus: "RUNNING"}
	booted := &runpodapi.Pod{DesiredStatus: "RUNNING", PublicIP: "1.2.3.4", PortMappings: map[string]int{"22": 1, "5000": 2}}
	half := &runpodapi.Pod{DesiredStatus: "RUNNING", PublicIP: "1.2.3.4", PortMappings: map[string]int{"22": 1}}
	for _, tc := range []struct {
		name        string
		ports       []string
		public      bool
		pod         *runpodapi.Pod
		wantMissing string
		wantRuntime bool
	}{
		{"public tcp booting", []string{"22/tcp", "8888/http"}, true, booting, "its public IP", false},
		{"public tcp half mapped", []string{"22/tcp", "5000/tcp"}, true, half, "the public mapping of 5000/tcp", false},
		{"public tcp booted", []string{"22/tcp", "5000/tcp"}, true, booted, "", false},
		{"public http only", []string{"8888/http"}, true, booted, "", true},
		{"private tcp", []string{"22/tcp"}, false, booting, "", true},
		{"no ports", nil, false, booting, "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := readinessFor(tc.ports, tc.public)
			if got := r.missing(tc.pod); got != tc.wantMissing {
				t.Errorf("missing = %q, want %q", got, tc.wantMissing)
			}
			if r.runtime != tc.wantRuntime {
				t.Errorf("runtime = %v, want %v", r.runtime, tc.wantRuntime)
			}
		})
	}
}

func TestPollBackoff(t *testing.T) {
	var got []time.Duration
	var d time.Duration
	for range 9 {
		d = PollBackoff.Next(d)
		got = append(got, d)
	}
	want := []time.Duration{1000, 1300, 1690, 2197, 2856, 3712, 4826, 5000, 5000}
	for i := range want {
		if got[i].Milliseconds() != int64(want[i]) {
			t.Fatalf("poll schedule %v, want (ms) %v", got, want)
		}
	}
}

// fakeAPI answers GetPod and GetPodRuntime from scripts; other methods are not used.
type fakeAPI struct {
	runpodapi.API
	pods     []*runpodapi.Pod
	runtimes []*runpodapi.PodRuntime
	errs     []error // GetPod's errors, by call (nil: answer from pods)
	gets     int
	rts      int
}

func (f *fakeAPI) GetPod(_ context.Context, _ string) (*runpodapi.Pod, error) {
	if f.gets < len(f.errs) && f.errs[f.gets] != nil {
		f.gets++
		return nil, f.errs[f.gets-1]
	}
	p := f.pods[min(f.gets, len(f.pods)-1)]
	f.gets++
	return p, nil
}

// ListPods is the shared poller's round: the scripted pod, as pod "p".
func (f *fakeAPI) ListPods(ctx context.Context, _ runpodapi.PodListFilter) ([]runpodapi.Pod, error) {
	p, err := f.GetPod(ctx, "p")
	if err != nil {
		return nil, err
	}
	cp := *p
	cp.ID = "p"
	return []runpodapi.Pod{cp}, nil
}

func (f *fakeAPI) GetPodRuntime(_ context.Context, _ string) (*runpodapi.PodRuntime, error) {
	rt := f.runtimes[min(f.rts, len(f.runtimes)-1)]
	f.rts++
	return rt, nil
}

func fastPolling(t *testing.T) {
	saved := PollBackoff
	PollBackoff = poll.Backoff{Initial: time.Millisecond, Factor: 2, Max: 4 * time.Millisecond}
	t.Cleanup(func() { PollBackoff = saved })
}

func TestWaitReady(t *testing.T) {
	fastPolling(t)
	booting := &runpodapi.Pod{DesiredStatus: "RUNNING"}
	booted := &runpodapi.Pod{DesiredStatus: "RUNNING", PublicIP: "1.2.3.4", PortMappings: map[string]int{"22": 1}}
	tcp := readinessFor([]string{"22/tcp"}, true)

	t.Run("ready in the create answer: no call", func(t *testing.T) {
		api := &fakeAPI{pods: []*runpodapi.Pod{booted}}
		p, err := waitReady(context.Background(), api, "p", tcp, booted)
		if err != nil || p != nil || api.gets != 0 {
			t.Errorf("got %v, %v after %d reads", p, err, api.gets)
		}
	})
	t.Run("polls until mapped", func(t *testing.T) {
		api := &fakeAPI{pods: []*runpodapi.Pod{booting, booting, booted}}
		p, err := waitReady(context.Background(), api, "p", tcp, booting)
		if err != nil || p != booted || api.gets != 3 || api.rts != 0 {
			t.Errorf("got %v, %v after %d reads, %d runtime reads", p, err, api.gets, api.rts)
		}
	})
	t.Run("runtime when no public tcp port", func(t *testing.T) {
		api := &fakeAPI{pods: []*runpodapi.Pod{booting}, runtimes: []*runpodapi.PodRuntime{nil, nil, {UptimeInSeconds: 1}}}
		_, err := waitReady(context.Background(), api, "p", readinessFor([]string{"8888/http"}, false), nil)
		if err != nil || api.rts != 3 {
			t.Errorf("got %v after %d runtime reads", err, api.rts)
		}
	})
	t.Run("stopped while waiting", func(t *testing.T) {
		api := &fakeAPI{pods: []*runpodapi.Pod{{DesiredStatus: "EXITED"}}}
		_, err := waitReady(context.Background(), api, "p", tcp, booting)
		if !errors.Is(err, errPodStopped) {
			t.Errorf("got %v, want errPodStopped", err)
		}
	})
	t.Run("polls through transient failures", func(t *testing.T) {
		api := &fakeAPI{pods: []*runpodapi.Pod{booted}, errs: []error{
			&runpodapi.APIError{StatusCode: 429}, &runpodapi.APIError{StatusCode: 502}, &runpodapi.TransportError{Err: errors.New("reset")},
		}}
		p, err := waitReady(context.Background(), api, "p", tcp, booting)
		if err != nil || p != booted || api.gets != 4 {
			t.Errorf("got %v, %v after %d reads", p, err, api.gets)
		}
	})
	t.Run("a definite failure ends the wait", func(t *testing.T) {
		api := &fakeAPI{pods: []*runpodapi.Pod{booted}, errs: []error{&runpodapi.APIError{StatusCode: 401}}}
		if _, err := waitReady(context.Background(), api, "p", tcp, booting); runpodapi.StatusCode(err) != 401 {
			t.Errorf("got %v, want the 401", err)
		}
	})
	t.Run("a timeout names the last transient failure", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		api := &fakeAPI{pods: []*runpodapi.Pod{booted}, errs: slices.Repeat([]error{&runpodapi.APIError{StatusCode: 429, Message: "slow down"}}, 1000)}
		_, err := waitReady(ctx, api, "p", tcp, booting)
		if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "the last poll failed") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("timeout says what it waited for", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		api := &fakeAPI{pods: []*runpodapi.Pod{booting}}
		_, err := waitReady(ctx, api, "p", tcp, nil)
		if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "pod p was not ready after") ||
			!strings.Contains(err.Error(), "still waiting for its public IP") {
			t.Errorf("got %v", err)
		}
	})
}

func TestValidateConfig(t *testing.T) {
	base := func() podModel {
		m := nullModel()
		m.ImageName = types.StringValue("img")
		return m
	}
	for _, tc := range []struct {
		name   string
		change func(*podModel)
		want   []string // summaries
	}{
		{"valid", func(*podModel) {}, nil},
		{"unknown image is not missing", func(m *podModel) { m.ImageName = types.StringUnknown() }, nil},
		{"cpu with gpu fields", func(m *podModel) {
			m.ComputeType = types.StringValue("CPU")
			m.GPUCount = types.Int64Value(1)
			m.MinRAMPerGPU = types.Int64Value(8)
		}, []string{"Attribute does not apply to CPU pods", "Attribute does not apply to CPU pods"}},
		{"spot limits", func(m *podModel) {
			m.Interruptible = types.BoolValue(true)
			m.BidPerGPU = types.Float64Value(0.3)
			m.GPUTypeIDs = tfvalue.StringList([]string{"A"})
			m.DataCenterIDs = tfvalue.StringList([]string{"X", "Y"})
			m.GlobalNetworking = types.BoolValue(true)
		}, []string{"Not supported with bid_per_gpu", "Not supported with bid_per_gpu"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := base()
			tc.change(&m)
			var got []string
			for _, d := range validateConfig(m) {
				got = append(got, d.Summary())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("diagnostics %v, want %v", got, tc.want)
			}
		})
	}
}

func TestReplacedBy(t *testing.T) {
	prior := nullModel()
	prior.fromAPI(gpuPod())
	prior.GPUTypeIDs = tfvalue.StringList([]string{"NVIDIA GeForce RTX 4090"})
	prior.MinRAMPerGPU = types.Int64Value(16)
	for _, tc := range []struct {
		name     string
		change   func(*podModel)
		imported bool
		want     []string
	}{
		{"reset fields only", func(m *podModel) { m.ImageName = types.StringValue("x") }, false, nil},
		{"cloud", func(m *podModel) { m.CloudType = types.StringValue("SECURE") }, false, []string{"cloud_type"}},
		{"gpu list without the pod's type", func(m *podModel) { m.GPUTypeIDs = tfvalue.StringList([]string{"NVIDIA RTX A6000"}) }, false, []string{"gpu_type_ids"}},
		{"gpu list still holding it", func(m *podModel) {
			m.GPUTypeIDs = tfvalue.StringList([]string{"NVIDIA RTX A6000", "NVIDIA GeForce RTX 4090"})
		}, false, nil},
		{"unknown gpu list", func(m *podModel) { m.GPUTypeIDs = types.ListUnknown(types.StringType) }, false, []string{"gpu_type_ids"}},
		{"requirement set on a created pod", func(m *podModel) { m.GPUTypePriority = types.StringValue("custom") }, false, []string{"gpu_type_priority"}},
		{"requirement recorded after import", func(m *podModel) { m.GPUTypePriority = types.StringValue("custom") }, true, nil},
		{"requirement changed after import", func(m *podModel) { m.MinRAMPerGPU = types.Int64Value(32) }, true, []string{"min_ram_per_gpu"}},
		{"bid and global networking never replace", func(m *podModel) {
			m.BidPerGPU = types.Float64Value(0.5)
			m.GlobalNetworking = types.BoolValue(true)
		}, false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plan := prior
			tc.change(&plan)
			if got := replacedBy(plan, prior, tc.imported); !slices.Equal(got, tc.want) {
				t.Errorf("replacedBy = %v, want %v", got, tc.want)
			}
		})
	}
}

// A GPU pod's vcpu_count stays as recorded: older state that holds the vCPUs REST v1 reported
// keeps them (no change, no drift); a CPU pod's is read back.
func TestFromAPI_vcpuCountIsACPUPodSetting(t *testing.T) {
	m := nullModel()
	m.VCPUCount = types.Int64Value(16)
	p := gpuPod()
	p.VCPUCount = 32
	m.fromAPI(p)
	if !m.VCPUCount.Equal(types.Int64Value(16)) {
		t.Errorf("GPU pod: vcpu_count = %s, want the recorded 16", m.VCPUCount)
	}
	cpu := nullModel()
	cpu.fromAPI(&runpodapi.Pod{ID: "pod2", ImageName: "img", CPUFlavorID: "cpu3c", VCPUCount: 4, DesiredStatus: "RUNNING"})
	if !cpu.VCPUCount.Equal(types.Int64Value(4)) {
		t.Errorf("CPU pod: vcpu_count = %s, want 4", cpu.VCPUCount)
	}
}

// After a pod of an image booted, later waits for pods of that image look first at the
// shortest boot seen, then every TightPoll until the longest boot seen, then back off again.
// Without a boot seen (or without the shared client) the schedule is PollBackoff's.
func TestNextPollLearnsBootTime(t *testing.T) {
	api := runpodapi.NewShared(&fakeAPI{})
	const image = "runpod/base:0.6.2-ubuntu2204"
	s := time.Second
	if got := nextPoll(api, image, 0, 0); got != PollBackoff.Initial {
		t.Fatalf("nothing seen: first poll in %s, want %s", got, PollBackoff.Initial)
	}
	runpodapi.NoteBoot(api, image, 0, 3*s) // ready at its first look after the create answer: says nothing
	if _, ok := runpodapi.BootHintFor(api, image); ok {
		t.Fatal("a pod never seen booting gave a boot hint")
	}
	runpodapi.NoteBoot(api, image, 27*s, 32*s)
	runpodapi.NoteBoot(api, image, 29*s, 30*s)
	if h, _ := runpodapi.BootHintFor(api, image); h != (runpodapi.BootHint{NotBefore: 27 * s, By: 32 * s}) {
		t.Fatalf("hint %+v, want the shortest not-ready (27 s) and the longest ready (32 s)", h)
	}
	for _, tc := range []struct{ elapsed, prev, want time.Duration }{
		{0, 0, 27 * s},                               // one look at the shortest boot seen
		{10 * s, 0, 17 * s},                          // a look taken early (a shared round) waits for the rest
		{27 * s, 27 * s, TightPoll},                  // then tight
		{31 * s, TightPoll, TightPoll},               // until the longest boot seen
		{33 * s, TightPoll, 1300 * time.Millisecond}, // then PollBackoff from TightPoll
		{40 * s, 5 * s, 5 * s},
	} {
		if got := nextPoll(api, image, tc.elapsed, tc.prev); got != tc.want {
			t.Errorf("at %s after %s: next poll in %s, want %s", tc.elapsed, tc.prev, got, tc.want)
		}
	}
	if got := nextPoll(api, "other:image", 0, 0); got != PollBackoff.Initial {
		t.Errorf("another image: first poll in %s, want %s", got, PollBackoff.Initial)
	}
	plain := &fakeAPI{}
	runpodapi.NoteBoot(plain, image, 27*s, 32*s)
	if got := nextPoll(plain, image, 0, 0); got != PollBackoff.Initial {
		t.Errorf("without the shared client: first poll in %s, want %s", got, PollBackoff.Initial)
	}
}

// A wait notes the boot it saw: the last look that was not ready and the first that was.
func TestWaitReadyNotesBoot(t *testing.T) {
	fastPolling(t)
	const image = "img:1"
	booting := &runpodapi.Pod{DesiredStatus: "RUNNING", ImageName: image}
	booted := &runpodapi.Pod{DesiredStatus: "RUNNING", ImageName: image, PublicIP: "1.2.3.4", PortMappings: map[string]int{"22": 1}}
	api := runpodapi.NewShared(&fakeAPI{pods: []*runpodapi.Pod{booting, booting, booted}})
	if _, err := waitReady(context.Background(), api, "p", readinessFor([]string{"22/tcp"}, true), nil); err != nil {
		t.Fatal(err)
	}
	h, ok := runpodapi.BootHintFor(api, image)
	if !ok || h.NotBefore <= 0 || h.By < h.NotBefore {
		t.Errorf("hint %+v, %v: want the boot seen", h, ok)
	}
}
