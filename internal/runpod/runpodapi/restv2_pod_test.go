package runpodapi

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

var ctx = context.Background()

func TestV2PodCreateSendsV1DefaultsWhereV2DroppedThem(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("POST /v2/pods", created(podJSON("p1", "PROVISIONING", "stop", "terminate")))
	pod, err := c.CreatePod(ctx, PodCreateInput{ImageName: Ptr("img"), GPUTypeIDs: &[]string{"NVIDIA A40"}})
	if err != nil {
		t.Fatal(err)
	}
	if pod.ID != "p1" || pod.Source != BackendV2 || pod.DesiredStatus != PodStatusRunning || pod.Status != PodObservedProvisioning {
		t.Errorf("pod %+v", pod)
	}
	assertJSON(t, f.bodies("POST /v2/pods")[0], `{
		"name": "my pod", "image": "img", "disk": 50, "ports": ["8888/http", "22/tcp"],
		"gpu": {"id": "NVIDIA A40", "count": 1},
		"mounts": {"persistent": {"size": 20, "path": "/workspace"}}
	}`)
	assertCalls(t, f, "POST /v2/pods")
}

func TestV2PodCreateMapsEverySetting(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("POST /v2/pods", created(podJSON("p1", "PROVISIONING")))
	_, err := c.CreatePod(ctx, PodCreateInput{
		Name: Ptr("trainer"), ImageName: Ptr("img:1"), CloudType: Ptr("COMMUNITY"), GPUTypeIDs: &[]string{"NVIDIA A40"},
		GPUCount: Ptr(2), DataCenterIDs: &[]string{"EU-RO-1", "US-TX-3"}, AllowedCudaVersions: &[]string{"12.4", "12.8"},
		GlobalNetworking: Ptr(true), ContainerDiskInGb: Ptr(80), NetworkVolumeID: Ptr("vol1"), VolumeMountPath: Ptr("/data"),
		Ports: &[]string{"22/tcp"}, Env: &map[string]string{"A": "1"}, DockerStartCmd: &[]string{"bash", "-c", "echo 'hi' $HOME"},
		ContainerRegistryAuthID: Ptr("reg1"), StartSSH: Ptr(true), StartJupyter: Ptr(false),
		// Settings that ask for nothing v2 lacks are accepted.
		Interruptible: Ptr(false), SupportPublicIP: Ptr(false), DockerEntrypoint: &[]string{}, MinDownloadMbps: Ptr(0.0),
	})
	if err != nil {
		t.Fatal(err)
	}
	assertJSON(t, f.bodies("POST /v2/pods")[0], `{
		"name": "trainer", "image": "img:1", "cloud": "COMMUNITY", "dataCenterIds": ["EU-RO-1", "US-TX-3"],
		"gpu": {"id": "NVIDIA A40", "count": 2, "allowedCudaVersions": ["12.4", "12.8"]},
		"globalNetworking": true, "disk": 80, "mounts": {"network": [{"volumeId": "vol1", "path": "/data"}]},
		"ports": ["22/tcp"], "env": {"A": "1"}, "args": "bash -c 'echo '\\''hi'\\'' $HOME'",
		"registry": "reg1", "startSsh": true, "startJupyter": false
	}`)
}

func TestV2PodCreateCPUTemplateAndNoVolume(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   PodCreateInput
		want string
	}{
		{"a CPU pod gets 2 vCPUs and no pod volume", PodCreateInput{ImageName: Ptr("img"), ComputeType: Ptr("CPU"), CPUFlavorIDs: &[]string{"cpu3c"}},
			`{"name":"my pod","image":"img","disk":50,"ports":["8888/http","22/tcp"],"cpu":{"id":"cpu3c","vcpuCount":2}}`},
		{"a template supplies the container settings", PodCreateInput{TemplateID: Ptr("tpl1"), GPUTypeIDs: &[]string{"G"}, MinCudaVersion: Ptr("12.4")},
			`{"name":"my pod","templateId":"tpl1","gpu":{"id":"G","count":1,"minCudaVersion":"12.4"}}`},
		{"volume 0 mounts nothing", PodCreateInput{ImageName: Ptr("img"), GPUTypeIDs: &[]string{"G"}, VolumeInGb: Ptr(0), Ports: &[]string{}},
			`{"name":"my pod","image":"img","disk":50,"ports":[],"gpu":{"id":"G","count":1}}`},
		{"a network volume defaults to /workspace", PodCreateInput{ImageName: Ptr("img"), GPUTypeIDs: &[]string{"G"}, NetworkVolumeID: Ptr("v")},
			`{"name":"my pod","image":"img","disk":50,"ports":["8888/http","22/tcp"],"gpu":{"id":"G","count":1},"mounts":{"network":[{"volumeId":"v","path":"/workspace"}]}}`},
		{"a pod volume at a chosen path", PodCreateInput{ImageName: Ptr("img"), GPUTypeIDs: &[]string{"G"}, VolumeInGb: Ptr(40), VolumeMountPath: Ptr("/data")},
			`{"name":"my pod","image":"img","disk":50,"ports":["8888/http","22/tcp"],"gpu":{"id":"G","count":1},"mounts":{"persistent":{"size":40,"path":"/data"}}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, c, _ := newFakeV2(t)
			f.on("POST /v2/pods", created(podJSON("p1", "PROVISIONING")))
			if _, err := c.CreatePod(ctx, tc.in); err != nil {
				t.Fatal(err)
			}
			assertJSON(t, f.bodies("POST /v2/pods")[0], tc.want)
		})
	}
}

func TestV2PodCreateRefusesWhatV2CannotCarry(t *testing.T) {
	f, c, _ := newFakeV2(t)
	_, err := c.CreatePod(ctx, PodCreateInput{
		ImageName: Ptr("img"), GPUTypeIDs: &[]string{"G"}, DockerEntrypoint: &[]string{"/bin/sh"}, SupportPublicIP: Ptr(true),
		MinDownloadMbps: Ptr(100.0), MinUploadMbps: Ptr(10.0), MinDiskBandwidthMBps: Ptr(500.0),
	})
	var unsupported *UnsupportedError
	if !errors.As(err, &unsupported) {
		t.Fatalf("err = %v, want an UnsupportedError", err)
	}
	want := "create pod: REST v2 has no such settings: dockerEntrypoint, supportPublicIp, minDownloadMbps, minUploadMbps, minDiskBandwidthMBps"
	if !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "(remove them from the request)") {
		t.Errorf("err = %v\nwant %s", err, want)
	}
	if len(f.routesCalled()) != 0 {
		t.Errorf("calls %v, want none", f.routesCalled())
	}
	for _, in := range []PodCreateInput{
		{ImageName: Ptr("img"), GPUTypeIDs: &[]string{"G"}, NetworkVolumeID: Ptr("v"), VolumeInGb: Ptr(20)},
		{ImageName: Ptr("img"), GPUTypeIDs: &[]string{"G"}, VolumeInGb: Ptr(0), VolumeMountPath: Ptr("/data")},
		{TemplateID: Ptr("t"), GPUTypeIDs: &[]string{"G"}, VolumeMountPath: Ptr("/data")},
	} {
		if _, err := c.CreatePod(ctx, in); err == nil || !strings.Contains(err.Error(), "REST v2") {
			t.Errorf("CreatePod(%+v) = %v, want a refusal", in, err)
		}
	}
}

func TestV2PodCreateLockedPatchesAfterCreate(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("POST /v2/pods", created(podJSON("p1", "PROVISIONING")))
	f.on("PATCH /v2/pods/p1", ok(`{"id":"p1","status":"PROVISIONING","locked":true}`))
	pod, err := c.CreatePod(ctx, PodCreateInput{ImageName: Ptr("img"), GPUTypeIDs: &[]string{"G"}, Locked: Ptr(true)})
	if err != nil || !pod.Locked {
		t.Fatalf("pod %+v, err %v", pod, err)
	}
	assertCalls(t, f, "POST /v2/pods", "PATCH /v2/pods/p1")
	assertJSON(t, f.bodies("PATCH /v2/pods/p1")[0], `{"locked":true}`)
	if strings.Contains(f.bodies("POST /v2/pods")[0], "locked") {
		t.Errorf("the create carries locked: %s", f.bodies("POST /v2/pods")[0])
	}

	// A failed lock still hands back the created pod.
	f2, c2, _ := newFakeV2(t)
	f2.on("POST /v2/pods", created(podJSON("p2", "PROVISIONING")))
	f2.on("PATCH /v2/pods/p2", problem(400, "cannot lock"))
	pod, err = c2.CreatePod(ctx, PodCreateInput{ImageName: Ptr("img"), GPUTypeIDs: &[]string{"G"}, Locked: Ptr(true)})
	if pod == nil || pod.ID != "p2" || err == nil || !strings.Contains(err.Error(), "the pod p2 was created but locking it failed") {
		t.Fatalf("pod %+v, err %v", pod, err)
	}
}

func TestV2PriorityLoopTriesEachTypeOnce(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("POST /v2/pods", problem(400, capacityDetail), problem(400, capacityDetail), created(podJSON("p1", "PROVISIONING")))
	pod, err := c.CreatePod(ctx, PodCreateInput{ImageName: Ptr("img"), GPUTypeIDs: &[]string{"A", "B", "C"}})
	if err != nil || pod.ID != "p1" {
		t.Fatalf("pod %+v, err %v", pod, err)
	}
	// No catalog call: the default priority keeps the given order.
	assertCalls(t, f, "POST /v2/pods", "POST /v2/pods", "POST /v2/pods")
	var ids []string
	for _, b := range f.bodies("POST /v2/pods") {
		ids = append(ids, b[strings.Index(b, `"gpu":{"id":"`)+13:][:1])
	}
	if strings.Join(ids, "") != "ABC" {
		t.Errorf("tried %v, want A, B, C", ids)
	}
}

func TestV2PriorityLoopReportsEveryCandidate(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("POST /v2/pods", problem(400, capacityDetail), problem(403, "access denied"), problem(400, capacityDetail))
	_, err := c.CreatePod(ctx, PodCreateInput{ImageName: Ptr("img"), GPUTypeIDs: &[]string{"NVIDIA A40", "NVIDIA H100", "NVIDIA L4"}})
	var perr *PlacementError
	if !errors.As(err, &perr) || len(perr.Attempts) != 3 {
		t.Fatalf("err = %v, want a PlacementError of 3 attempts", err)
	}
	for _, want := range []string{
		"create pod: no candidate could be placed; tried 3:",
		`GPU type "NVIDIA A40": 400 There are no longer any instances available`,
		`GPU type "NVIDIA H100": 403 access denied [request id req-Forbidden]`,
		`GPU type "NVIDIA L4": 400 There are no longer`,
		"Allow another GPU type (or CPU flavor), another cloud, or other data centers",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%s", want, err)
		}
	}
	if StatusCode(err) != 400 || len(f.routesCalled()) != 3 {
		t.Errorf("status %d after %d calls", StatusCode(err), len(f.routesCalled()))
	}
}

func TestV2PriorityLoopStopsOnWhatEveryCandidateWouldHit(t *testing.T) {
	for _, a := range []answer{
		problem(402, "insufficient balance"),
		problem(422, "Request validation failed.", "$.gpu.count: must be >= 1"),
		problem(400, "allowedCudaVersions and minCudaVersion are mutually exclusive"),
		problem(500, "upstream exploded"),
	} {
		f, c, _ := newFakeV2(t)
		f.on("POST /v2/pods", a)
		f.on("GET /v2/pods", ok(`{"pods":[]}`)) // a 500 may hide a created pod: it is looked up
		_, err := c.CreatePod(ctx, PodCreateInput{ImageName: Ptr("img"), GPUTypeIDs: &[]string{"A", "B", "C"}})
		want := 1
		if a.status == 500 {
			want = maxCreateSends // looked up after each, found not made, sent again; never another candidate
		}
		if StatusCode(err) != a.status || f.hits["POST /v2/pods"] != want {
			t.Errorf("answer %d: err %v after %d creates, want it after %d", a.status, err, f.hits["POST /v2/pods"], want)
		}
	}
}

// gpuCatalog is a catalog answer with types of the given availability (and price, and data
// centers: "id=LEVEL").
func gpuCatalog(types ...string) string {
	var parts []string
	for _, t := range types {
		fields := strings.Split(t, ":")
		dcs := ""
		if len(fields) > 3 {
			var list []string
			for _, dc := range strings.Split(fields[3], ",") {
				id, level, _ := strings.Cut(dc, "=")
				list = append(list, `{"id":"`+id+`","name":"`+id+`","availability":"`+level+`"}`)
			}
			dcs = `,"dataCenters":[` + strings.Join(list, ",") + `]`
		}
		parts = append(parts, `{"id":"`+fields[0]+`","name":"`+fields[0]+`","pool":"P","manufacturer":"NVIDIA","memory":24,"secure":true,"community":true,`+
			`"price":{"secure":`+fields[2]+`,"community":0.1},"maxCount":{"secure":8,"community":4},"availability":"`+fields[1]+`"`+dcs+`}`)
	}
	return `{"gpus":[` + strings.Join(parts, ",") + `]}`
}

func TestV2AvailabilityPriorityOrdersByOneCatalogRead(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("GET /v2/catalog/gpus", ok(gpuCatalog("A:LOW:1", "B:NONE:1", "C:HIGH:1", "D:HIGH:1")))
	f.on("POST /v2/pods", problem(400, capacityDetail), problem(400, capacityDetail), problem(400, capacityDetail), created(podJSON("p1", "PROVISIONING")))
	_, err := c.CreatePod(ctx, PodCreateInput{ImageName: Ptr("img"), GPUTypeIDs: &[]string{"A", "B", "C", "D"},
		GPUTypePriority: Ptr("availability"), GPUCount: Ptr(2), CloudType: Ptr("COMMUNITY")})
	if err != nil {
		t.Fatal(err)
	}
	assertCalls(t, f, "GET /v2/catalog/gpus?cloud=COMMUNITY&count=2&include=AVAILABILITY&product=POD",
		"POST /v2/pods", "POST /v2/pods", "POST /v2/pods", "POST /v2/pods")
	var order string
	for _, b := range f.bodies("POST /v2/pods") {
		order += b[strings.Index(b, `"gpu":{"id":"`)+13:][:1]
	}
	if order != "CDAB" {
		t.Errorf("order %s, want CDAB (HIGH in the given order, then LOW, then NONE)", order)
	}
}

func TestV2NoGPUTypesPicksAvailableMostThenCheapest(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("GET /v2/catalog/gpus", ok(gpuCatalog("unknown:HIGH:0", "A:LOW:0.2", "B:NONE:0.1", "C:HIGH:0.9", "D:HIGH:0.5")))
	f.on("POST /v2/pods", problem(400, capacityDetail))
	_, err := c.CreatePod(ctx, PodCreateInput{ImageName: Ptr("img")})
	var perr *PlacementError
	if !errors.As(err, &perr) {
		t.Fatalf("err = %v", err)
	}
	var got []string
	for _, a := range perr.Attempts {
		got = append(got, a.Candidate)
	}
	if want := []string{`GPU type "D"`, `GPU type "C"`, `GPU type "A"`}; !reflect.DeepEqual(got, want) {
		t.Errorf("tried %v, want %v", got, want)
	}

	f2, c2, _ := newFakeV2(t)
	f2.on("GET /v2/catalog/gpus", ok(gpuCatalog("B:NONE:0.1")))
	if _, err := c2.CreatePod(ctx, PodCreateInput{ImageName: Ptr("img")}); err == nil || !strings.Contains(err.Error(), "lists no GPU type with stock") {
		t.Errorf("err = %v", err)
	}
}

func TestV2CustomDataCenterPriorityTriesEachDataCenter(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("POST /v2/pods", problem(400, capacityDetail))
	_, err := c.CreatePod(ctx, PodCreateInput{ImageName: Ptr("img"), GPUTypeIDs: &[]string{"A", "B"},
		DataCenterIDs: &[]string{"EU-RO-1", "US-TX-3"}, DataCenterPriority: Ptr("custom")})
	var perr *PlacementError
	if !errors.As(err, &perr) {
		t.Fatalf("err = %v", err)
	}
	var got []string
	for _, a := range perr.Attempts {
		got = append(got, a.Candidate)
	}
	want := []string{`GPU type "A" in EU-RO-1`, `GPU type "A" in US-TX-3`, `GPU type "B" in EU-RO-1`, `GPU type "B" in US-TX-3`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tried %v, want %v", got, want)
	}
	if b := f.bodies("POST /v2/pods")[1]; !strings.Contains(b, `"dataCenterIds":["US-TX-3"]`) {
		t.Errorf("second body %s", b)
	}
	// Without "custom" the list goes to v2 whole: one POST per type.
	f2, c2, _ := newFakeV2(t)
	f2.on("POST /v2/pods", created(podJSON("p1", "PROVISIONING")))
	if _, err := c2.CreatePod(ctx, PodCreateInput{ImageName: Ptr("img"), GPUTypeIDs: &[]string{"A"}, DataCenterIDs: &[]string{"EU-RO-1", "US-TX-3"}}); err != nil {
		t.Fatal(err)
	}
	if b := f2.bodies("POST /v2/pods")[0]; !strings.Contains(b, `"dataCenterIds":["EU-RO-1","US-TX-3"]`) {
		t.Errorf("body %s", b)
	}
}

func TestV2CountryCodesBecomeDataCenters(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("GET /v2/catalog/gpus", ok(gpuCatalog("A:HIGH:1:EU-FR-1=HIGH,EU-RO-1=LOW", "B:NONE:1", "C:LOW:1:EU-RO-1=LOW")))
	f.on("POST /v2/pods", created(podJSON("p1", "PROVISIONING")))
	_, err := c.CreatePod(ctx, PodCreateInput{ImageName: Ptr("img"), GPUTypeIDs: &[]string{"B", "A"}, CountryCodes: &[]string{"FR", "RO"}})
	if err != nil {
		t.Fatal(err)
	}
	assertCalls(t, f, "GET /v2/catalog/gpus?cloud=SECURE&count=1&countryCodes=FR%2CRO&include=AVAILABILITY&product=POD", "POST /v2/pods")
	if b := f.bodies("POST /v2/pods")[0]; !strings.Contains(b, `"gpu":{"id":"A","count":1}`) || !strings.Contains(b, `"dataCenterIds":["EU-FR-1","EU-RO-1"]`) {
		t.Errorf("body %s", b)
	}

	// With data center ids too: the intersection, in their order; a type with none is skipped.
	f2, c2, _ := newFakeV2(t)
	f2.on("GET /v2/catalog/gpus", ok(gpuCatalog("A:HIGH:1:EU-FR-1=HIGH,EU-RO-1=LOW", "C:LOW:1:EU-FR-1=LOW")))
	f2.on("POST /v2/pods", problem(400, capacityDetail))
	_, err = c2.CreatePod(ctx, PodCreateInput{ImageName: Ptr("img"), GPUTypeIDs: &[]string{"C", "A"}, CountryCodes: &[]string{"FR", "RO"},
		DataCenterIDs: &[]string{"EU-RO-1", "US-TX-3"}})
	var perr *PlacementError
	if !errors.As(err, &perr) || len(perr.Attempts) != 2 {
		t.Fatalf("err = %v", err)
	}
	if perr.Attempts[0].Candidate != `GPU type "C"` || !strings.Contains(perr.Attempts[0].Err.Error(), "no data center in FR, RO among EU-RO-1, US-TX-3") {
		t.Errorf("first attempt %+v", perr.Attempts[0])
	}
	if perr.Attempts[1].Candidate != `GPU type "A" in EU-RO-1` || len(f2.bodies("POST /v2/pods")) != 1 {
		t.Errorf("second attempt %+v after %d POSTs", perr.Attempts[1], len(f2.bodies("POST /v2/pods")))
	}
}

func TestV2CPUFlavorsWithoutIDsComeFromTheCPUCatalog(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("GET /v2/catalog/cpus", ok(`{"cpus":[
		{"id":"cpu3c","name":"c","vcpu":{"min":2,"max":32},"ramGbPerVcpu":2,"price":{"securePerVcpu":0.03,"serverlessPerVcpu":0.02},"availability":"LOW"},
		{"id":"cpu5c","name":"c5","vcpu":{"min":2,"max":32},"ramGbPerVcpu":2,"price":{"securePerVcpu":0.05,"serverlessPerVcpu":0.02},"availability":"HIGH"},
		{"id":"cpu3g","name":"g","vcpu":{"min":2,"max":32},"ramGbPerVcpu":4,"price":{"securePerVcpu":0.04,"serverlessPerVcpu":0.02},"availability":"NONE"}]}`))
	f.on("POST /v2/pods", created(podJSON("p1", "PROVISIONING")))
	if _, err := c.CreatePod(ctx, PodCreateInput{ImageName: Ptr("img"), ComputeType: Ptr("CPU"), VCPUCount: Ptr(4)}); err != nil {
		t.Fatal(err)
	}
	assertCalls(t, f, "GET /v2/catalog/cpus?include=AVAILABILITY&product=POD&vcpuCount=4", "POST /v2/pods")
	if b := f.bodies("POST /v2/pods")[0]; !strings.Contains(b, `"cpu":{"id":"cpu5c","vcpuCount":4}`) {
		t.Errorf("body %s", b)
	}
}

func TestV2PodActionsAcceptA409WhenThePodIsAlreadyThere(t *testing.T) {
	for _, tc := range []struct {
		name    string
		action  func(*restV2) error
		after   string
		wantErr string
	}{
		{"start a running pod", func(c *restV2) error { return c.StartPod(ctx, "p1") }, podJSON("p1", "RUNNING", "stop", "restart", "terminate"), ""},
		{"start a starting pod", func(c *restV2) error { return c.StartPod(ctx, "p1") }, podJSON("p1", "STARTING", "stop", "terminate"), ""},
		{"stop an exited pod", func(c *restV2) error { return c.StopPod(ctx, "p1") }, podJSON("p1", "EXITED", "start", "terminate"), ""},
		{"stop a locked running pod", func(c *restV2) error { return c.StopPod(ctx, "p1") }, podJSON("p1", "RUNNING", "restart"),
			"stop pod p1: RunPod cannot stop the pod while it is RUNNING (actions allowed now: restart)"},
		{"start a terminated pod", func(c *restV2) error { return c.StartPod(ctx, "p1") }, podJSON("p1", "TERMINATED"),
			"start pod p1: RunPod cannot start the pod while it is TERMINATED (actions allowed now: none)"},
		{"restart an exited pod", func(c *restV2) error { return c.RestartPod(ctx, "p1") }, podJSON("p1", "EXITED", "start", "terminate"),
			"RunPod cannot restart the pod while it is EXITED (actions allowed now: start, terminate)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, c, _ := newFakeV2(t)
			f.on("POST /v2/pods/p1/action", problem(409, "action not valid for current pod status"))
			f.on("GET /v2/pods/p1", ok(tc.after))
			err := tc.action(c)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
			} else if err == nil || !strings.Contains(err.Error(), tc.wantErr) || StatusCode(err) != http.StatusConflict {
				t.Fatalf("err = %v, want %q", err, tc.wantErr)
			}
			assertCalls(t, f, "POST /v2/pods/p1/action", "GET /v2/pods/p1")
		})
	}
	f, c, _ := newFakeV2(t)
	f.on("POST /v2/pods/p1/action", ok(podJSON("p1", "STARTING")))
	if err := c.RestartPod(ctx, "p1"); err != nil {
		t.Fatal(err)
	}
	assertJSON(t, f.bodies("POST /v2/pods/p1/action")[0], `{"action":"restart"}`)
}

func TestV2GetPodMapping(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("GET /v2/pods/p1", ok(v2PodJSON))
	p, err := c.GetPod(ctx, "p1")
	if err != nil {
		t.Fatal(err)
	}
	want := Pod{
		ID: "p1", Name: "trainer", ImageName: "runpod/pytorch:2.4.0", DesiredStatus: PodStatusRunning, CostPerHr: 0.69,
		ContainerDiskInGb: 50, ContainerRegistryAuthID: "reg1", DockerStartCmd: []string{"python", "-c", "print(1)"},
		Env: map[string]string{"A": "1"}, GPU: &PodGPU{ID: "NVIDIA GeForce RTX 4090", Count: 1}, LastStartedAt: "2026-09-01T10:01:00Z",
		Machine:      &Machine{GPUTypeID: "NVIDIA GeForce RTX 4090", DataCenterID: "EU-RO-1", SecureCloud: true},
		PortMappings: map[string]int{"22": 34446}, Ports: []string{"8888/http", "22/tcp"}, PublicIP: "195.26.233.3",
		VolumeInGb: 20, VolumeMountPath: "/workspace",
		Source: BackendV2, Status: "RUNNING", Actions: []string{"stop", "restart", "terminate"}, CudaVersion: "12.8",
		SSHDirectCommand: "ssh root@195.26.233.3 -p 34446", SSHProxyCommand: "ssh p1-abc@ssh.runpod.io", GlobalNetworking: Ptr(true),
		Runtime: &PodRuntime{UptimeInSeconds: 120,
			Ports: []PodRuntimePort{{IP: "195.26.233.3", IsIPPublic: true, PrivatePort: 22, PublicPort: 34446, Type: "tcp"}, {PrivatePort: 8888, Type: "http"}},
			GPUs:  []PodRuntimeGPU{{GPUUtilPercent: 40, MemoryUtilPercent: 10}}},
		CreatedAt: "2026-09-01T10:00:00Z",
	}
	if !reflect.DeepEqual(*p, want) {
		t.Errorf("pod\n got %+v\nwant %+v", *p, want)
	}
	rt, err := c.GetPodRuntime(ctx, "p1")
	if err != nil || rt.UptimeInSeconds != 120 {
		t.Errorf("runtime %+v, %v", rt, err)
	}

	// A stopped pod with a network volume; desired status of each observed status.
	var np v2Pod
	np.Status, np.Mounts = "ERROR", &v2Mounts{Network: []v2NetworkMount{{VolumeID: "vol1", Path: "/data"}}}
	np.SSH = &v2PodSSH{Direct: &v2SSHEndpoint{Host: "1.2.3.4"}}
	d := np.domain()
	if d.DesiredStatus != PodStatusExited || d.NetworkVolume == nil || d.NetworkVolume.ID != "vol1" || d.VolumeMountPath != "/data" ||
		d.VolumeInGb != 0 || d.PublicIP != "1.2.3.4" || d.Runtime != nil {
		t.Errorf("pod %+v", d)
	}
	for status, desired := range map[string]string{"PROVISIONING": "RUNNING", "STARTING": "RUNNING", "EXITED": "EXITED", "TERMINATED": "TERMINATED"} {
		if got := desiredStatusOf(status); got != desired {
			t.Errorf("desiredStatusOf(%s) = %s", status, got)
		}
	}
}

func TestV2ListPodsFiltersClientSide(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("GET /v2/pods", ok(`{"pods":[`+podJSON("a", "RUNNING")+`,`+podJSON("b", "EXITED")+`,`+
		`{"id":"c","name":"other","status":"RUNNING","image":"img","cpu":{"id":"cpu3c","vcpuCount":2,"memory":4}}]}`))
	pods, err := c.ListPods(ctx, PodListFilter{DesiredStatus: "RUNNING", Name: "n"})
	if err != nil || len(pods) != 1 || pods[0].ID != "a" {
		t.Fatalf("pods %+v, err %v", pods, err)
	}
	pods, _ = c.ListPods(ctx, PodListFilter{GPUTypeID: "G"})
	if len(pods) != 2 {
		t.Errorf("%d pods of GPU G, want 2", len(pods))
	}
	pods, _ = c.ListPods(ctx, PodListFilter{})
	if len(pods) != 3 || pods[2].CPUFlavorID != "cpu3c" || pods[2].MemoryInGb != 4 || pods[2].VCPUCount != 2 {
		t.Errorf("pods %+v", pods)
	}
	assertCalls(t, f, "GET /v2/pods", "GET /v2/pods", "GET /v2/pods")
}

func TestV2UpdatePod(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("GET /v2/pods/p1", ok(v2PodJSON))
	f.on("PATCH /v2/pods/p1", ok(v2PodJSON))
	_, err := c.UpdatePod(ctx, "p1", PodUpdateInput{
		VolumeInGb: Ptr(50), ContainerRegistryAuthID: Ptr(""), DockerStartCmd: &[]string{"a b", "c"}, Env: &map[string]string{},
		ImageName: Ptr("img:2"), GlobalNetworking: Ptr(false),
	})
	if err != nil {
		t.Fatal(err)
	}
	// Only the size changed: the path is read from the pod, the mount is sent whole.
	assertCalls(t, f, "GET /v2/pods/p1", "PATCH /v2/pods/p1")
	assertJSON(t, f.bodies("PATCH /v2/pods/p1")[0], `{
		"image": "img:2", "args": "'a b' c", "env": {}, "registry": null, "globalNetworking": false,
		"mounts": {"persistent": {"size": 50, "path": "/workspace"}}
	}`)

	// Both given: no read.
	f2, c2, _ := newFakeV2(t)
	f2.on("PATCH /v2/pods/p1", ok(v2PodJSON))
	if _, err := c2.UpdatePod(ctx, "p1", PodUpdateInput{VolumeInGb: Ptr(30), VolumeMountPath: Ptr("/data"), Name: Ptr("x"), Locked: Ptr(false)}); err != nil {
		t.Fatal(err)
	}
	assertCalls(t, f2, "PATCH /v2/pods/p1")
	assertJSON(t, f2.bodies("PATCH /v2/pods/p1")[0], `{"name":"x","locked":false,"mounts":{"persistent":{"size":30,"path":"/data"}}}`)

	// A network volume's path; a volume cannot be removed; no entrypoint.
	f3, c3, _ := newFakeV2(t)
	f3.on("GET /v2/pods/p1", ok(`{"id":"p1","status":"RUNNING","mounts":{"network":[{"volumeId":"vol1","path":"/workspace"}]}}`))
	f3.on("PATCH /v2/pods/p1", ok(v2PodJSON))
	if _, err := c3.UpdatePod(ctx, "p1", PodUpdateInput{VolumeMountPath: Ptr("/data")}); err != nil {
		t.Fatal(err)
	}
	assertJSON(t, f3.bodies("PATCH /v2/pods/p1")[0], `{"mounts":{"network":[{"volumeId":"vol1","path":"/data"}]}}`)
	f4, c4, _ := newFakeV2(t)
	f4.on("GET /v2/pods/p1", ok(v2PodJSON))
	if _, err := c4.UpdatePod(ctx, "p1", PodUpdateInput{VolumeInGb: Ptr(0)}); err == nil || !strings.Contains(err.Error(), "cannot remove a pod's volume") {
		t.Errorf("err = %v", err)
	}
	if _, err := c4.UpdatePod(ctx, "p1", PodUpdateInput{DockerEntrypoint: &[]string{"sh"}}); err == nil ||
		err.Error() != "update pod p1: REST v2 has no such setting: dockerEntrypoint (remove it from the request)" {
		t.Errorf("err = %v", err)
	}
}

func TestV2DeleteTreats404AsGone(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("DELETE /v2/pods/p1", problem(404, "pod not found"))
	f.on("DELETE /v2/serverless/e1", noContent())
	f.on("DELETE /v2/templates/t1", problem(404, "template not found"))
	f.on("DELETE /v2/network-volumes/v1", problem(404, "not found"))
	f.on("DELETE /v2/registries/r1", problem(404, "not found"))
	for _, err := range []error{c.DeletePod(ctx, "p1"), c.DeleteEndpoint(ctx, "e1"), c.DeleteTemplate(ctx, "t1"),
		c.DeleteNetworkVolume(ctx, "v1"), c.DeleteContainerRegistryAuth(ctx, "r1")} {
		if err != nil {
			t.Error(err)
		}
	}
	if n := len(f.routesCalled()); n != 5 {
		t.Errorf("%d calls, want 5", n)
	}
}

func TestV2SpotPodsGoThroughGraphQLAndReadThroughV2(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("POST /graphql", ok(`{"data":{"podRentInterruptable":{"id":"p9","desiredStatus":"RUNNING"}}}`))
	f.on("GET /v2/pods/p9", ok(podJSON("p9", "PROVISIONING")))
	pod, err := c.CreateSpotPod(ctx, SpotPodCreateInput{BidPerGPU: 0.2, PodCreateInput: PodCreateInput{
		ImageName: Ptr("img"), GPUTypeIDs: &[]string{"G"}, StartSSH: Ptr(true)}})
	if err != nil || pod.ID != "p9" || pod.Source != BackendV2 {
		t.Fatalf("pod %+v, err %v", pod, err)
	}
	assertCalls(t, f, "POST /graphql", "GET /v2/pods/p9")
	if b := f.bodies("POST /graphql")[0]; !strings.Contains(b, `"startSsh":true`) || !strings.Contains(b, `"bidPerGpu":0.2`) {
		t.Errorf("GraphQL body %s", b)
	}
	f.on("POST /graphql", ok(`{"data":{"podBidResume":{"id":"p9","desiredStatus":"RUNNING"}}}`))
	if err := c.ResumeSpotPod(ctx, "p9", 0.3, 1); err != nil {
		t.Fatal(err)
	}
}

func TestCapacityErrorIsRecognisedByItsDetailOnly(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{&APIError{StatusCode: 400, Message: capacityDetail}, true},
		{&APIError{StatusCode: 400, Message: "bad", Problems: []string{"There are no longer any instances available"}}, true},
		{&APIError{StatusCode: 400, Message: "allowedCudaVersions and minCudaVersion are mutually exclusive"}, false},
		{&APIError{StatusCode: 500, Message: capacityDetail}, false},
		{errors.New(capacityDetail), false},
	} {
		if got := isCapacityError(tc.err); got != tc.want {
			t.Errorf("isCapacityError(%v) = %v", tc.err, got)
		}
	}
}

// An interruptible pod without a bid is rented through GraphQL at RunPod's current spot
// price for its GPU type (v2 has no spot pods), then read through v2.
func TestV2InterruptibleWithoutBidRentsAtTheSpotPrice(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("POST /graphql",
		answer{status: 200, body: `{"data":{"gpuTypes":[{"id":"G","displayName":"G","secureCloud":true,"communityCloud":true,` +
			`"secureLowestPrice":{"uninterruptablePrice":1.2,"minimumBidPrice":0.6,"stockStatus":"High"},` +
			`"communityLowestPrice":{"uninterruptablePrice":0.8,"minimumBidPrice":0.4,"stockStatus":"High"}}]}}`},
		answer{status: 200, body: `{"data":{"podRentInterruptable":{"id":"p1","desiredStatus":"RUNNING"}}}`})
	f.on("GET /v2/pods/p1", answer{status: 200, body: podJSON("p1", "RUNNING")})
	pod, err := c.CreatePod(context.Background(), PodCreateInput{
		ImageName: Ptr("img"), GPUTypeIDs: &[]string{"G"}, GPUCount: Ptr(2), CloudType: Ptr("COMMUNITY"), Interruptible: Ptr(true),
	})
	if err != nil {
		t.Fatal(err)
	}
	if pod.ID != "p1" {
		t.Errorf("pod %q, want p1", pod.ID)
	}
	bodies := f.bodies("POST /graphql")
	if len(bodies) != 2 || !strings.Contains(bodies[1], `"bidPerGpu":0.2`) || !strings.Contains(bodies[1], `"gpuCount":2`) {
		t.Errorf("GraphQL calls %v: want the rent at 0.40 / 2 GPUs = 0.2 per GPU", bodies)
	}
}
