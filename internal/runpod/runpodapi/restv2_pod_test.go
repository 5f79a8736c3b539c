package runpodapi

import (
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodwire"
)

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
	np.SSH = &runpodwire.PodSSH{Direct: &runpodwire.PodSSHEndpoint{Host: "1.2.3.4"}}
	d := podDomain(np)
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
