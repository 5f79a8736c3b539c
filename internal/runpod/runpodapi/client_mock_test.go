package runpodapi

import (
	"context"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodmock"
)

// The client against the mock: every call goes over real HTTP, so the client's wire format
// is checked against the mock's independent reading of the spec.

func mockClient(t *testing.T, boot time.Duration) (*restV1, *runpodmock.Server) {
	t.Helper()
	m := runpodmock.New(runpodmock.Options{APIKey: "k", BootDelay: boot})
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	c, err := newRESTv1(Config{APIKey: "k", RESTURL: srv.URL + "/v1", GraphQLURL: srv.URL + "/graphql", UserAgent: "test"})
	if err != nil {
		t.Fatal(err)
	}
	c.t.retry = RetryPolicy{MaxAttempts: 3, MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond}
	return c, m
}

func TestPodLifecycleAgainstMock(t *testing.T) {
	c, m := mockClient(t, 0)
	ctx := context.Background()
	created, err := c.CreatePod(ctx, PodCreateInput{
		Name: Ptr("trainer"), ImageName: Ptr("runpod/pytorch:2.4.0"), GPUTypeIDs: &[]string{"NVIDIA GeForce RTX 4090"},
		CloudType: Ptr("SECURE"), Ports: &[]string{"8888/http", "22/tcp"}, Env: &map[string]string{"A": "1"},
	})
	if err != nil {
		t.Fatal(err)
	}
	pod, err := c.GetPod(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	// The mock sends costPerHr as a string in single reads and imageName instead of image.
	if pod.ImageName != "runpod/pytorch:2.4.0" || float64(pod.CostPerHr) != 0.69 || pod.Machine == nil ||
		pod.Machine.GPUTypeID != "NVIDIA GeForce RTX 4090" || !pod.Machine.SecureCloud || pod.GPU == nil || pod.GPU.Count != 1 {
		t.Fatalf("unexpected pod %+v (machine %+v)", pod, pod.Machine)
	}
	if pod.PortMappings["22"] == 0 || pod.PublicIP == "" {
		t.Errorf("a booted secure pod has its tcp port mapped and a public IP: %+v %q", pod.PortMappings, pod.PublicIP)
	}
	started := pod.LastStartedAt

	renamed, err := c.UpdatePod(ctx, pod.ID, PodUpdateInput{Name: Ptr("renamed")})
	if err != nil || renamed.Name != "renamed" || renamed.LastStartedAt != started {
		t.Fatalf("in-place rename: %+v, %v", renamed, err)
	}
	time.Sleep(2 * time.Millisecond)
	reset, err := c.UpdatePod(ctx, pod.ID, PodUpdateInput{ImageName: Ptr("runpod/pytorch:2.5.0")})
	if err != nil || reset.ImageName != "runpod/pytorch:2.5.0" || reset.LastStartedAt == started {
		t.Fatalf("reset update: %+v, %v", reset, err)
	}

	if err := c.StopPod(ctx, pod.ID); err != nil {
		t.Fatal(err)
	}
	if p, _ := c.GetPod(ctx, pod.ID); p.DesiredStatus != PodStatusExited || p.PublicIP != "" || len(p.PortMappings) != 0 {
		t.Fatalf("after stop: %+v", p)
	}
	if err := c.StartPod(ctx, pod.ID); err != nil {
		t.Fatal(err)
	}
	if p, _ := c.GetPod(ctx, pod.ID); p.DesiredStatus != PodStatusRunning {
		t.Fatalf("after start: %+v", p)
	}
	pods, err := c.ListPods(ctx, PodListFilter{Name: "renamed"})
	if err != nil || len(pods) != 1 {
		t.Fatalf("list: %v, %v", pods, err)
	}
	if err := c.DeletePod(ctx, pod.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetPod(ctx, pod.ID); !IsNotFound(err) || !strings.Contains(err.Error(), "pod not found") {
		t.Fatalf("after delete: %v", err)
	}
	if err := c.DeletePod(ctx, pod.ID); err != nil {
		t.Fatalf("deleting a deleted pod counts as done: %v", err)
	}
	if n := m.CallCount("PATCH /pods/{podId}"); n != 2 {
		t.Errorf("%d PATCH calls, want 2", n)
	}
}

func TestGraphQLOperationsAgainstMock(t *testing.T) {
	c, m := mockClient(t, time.Hour)
	ctx := context.Background()

	types, err := c.ListGPUTypes(ctx, GPUTypeQuery{GPUCount: 2})
	if err != nil || len(types) != len(runpodmock.DefaultGPUTypes()) {
		t.Fatalf("gpu types: %d, %v", len(types), err)
	}
	one, err := c.ListGPUTypes(ctx, GPUTypeQuery{ID: "NVIDIA GeForce RTX 3090"})
	if err != nil || len(one) != 1 {
		t.Fatalf("one type: %v, %v", one, err)
	}
	g := one[0]
	if g.Secure.Available || !g.Community.Available || g.Secure.OnDemandPrice != nil || *g.Community.OnDemandPrice != 0.3 ||
		*g.Community.SpotPrice != 0.163 || g.Community.StockStatus != "High" || g.MemoryInGb != 24 {
		t.Errorf("RTX 3090 (community only, 0.30 on demand, 0.163 bid): %+v secure %+v community %+v", g, g.Secure, g.Community)
	}

	spot, err := c.CreateSpotPod(ctx, SpotPodCreateInput{
		PodCreateInput: PodCreateInput{Name: Ptr("spot"), ImageName: Ptr("img"), GPUTypeIDs: &[]string{"NVIDIA GeForce RTX 3090"},
			CloudType: Ptr("COMMUNITY"), Ports: &[]string{"22/tcp"}, Env: &map[string]string{"K": "v"}, DockerStartCmd: &[]string{"sleep", "infinity"}},
		BidPerGPU: 0.2,
	})
	if err != nil {
		t.Fatal(err)
	}
	if !spot.Interruptible || float64(spot.CostPerHr) != 0.2 || spot.Env["K"] != "v" || strings.Join(spot.DockerStartCmd, " ") != "sleep infinity" {
		t.Errorf("spot pod %+v", spot)
	}
	if rt, err := c.GetPodRuntime(ctx, spot.ID); err != nil || rt != nil {
		t.Errorf("a pod still booting has no runtime: %+v, %v", rt, err)
	}
	if err := c.gql.stop(ctx, spot.ID); err != nil {
		t.Fatal(err)
	}
	m.SetBootDelay(0)
	if err := c.ResumeSpotPod(ctx, spot.ID, 0.25, 1); err != nil {
		t.Fatal(err)
	}
	rt, err := c.GetPodRuntime(ctx, spot.ID)
	if err != nil || rt == nil || len(rt.Ports) != 1 || rt.Ports[0].PrivatePort != 22 || rt.Ports[0].Type != "tcp" || rt.Ports[0].PublicPort == 0 {
		t.Fatalf("runtime after resume: %+v, %v", rt, err)
	}
	if p, _ := c.GetPod(ctx, spot.ID); float64(p.CostPerHr) != 0.25 {
		t.Errorf("the new bid sets the price: %v", p.CostPerHr)
	}
	all, err := c.gql.podRuntimes(ctx)
	if err != nil || all[spot.ID] == nil {
		t.Errorf("myself.pods runtimes: %v, %v", all, err)
	}
	if err := c.gql.stop(ctx, spot.ID); err != nil {
		t.Fatal(err)
	}
	if err := c.gql.resume(ctx, spot.ID, 1); err != nil {
		t.Fatal(err)
	}

	// GraphQL errors arrive as HTTP 200 with an errors list.
	_, err = c.CreateSpotPod(ctx, SpotPodCreateInput{PodCreateInput: PodCreateInput{ImageName: Ptr("img"), GPUTypeIDs: &[]string{"NVIDIA GeForce RTX 3090"}, CloudType: Ptr("COMMUNITY")}, BidPerGPU: 0.01})
	if err == nil || !strings.Contains(err.Error(), "create spot pod: RunPod API: Your bid of $0.010/GPU/hr is below the minimum bid of $0.163/GPU/hr") {
		t.Errorf("low bid: %v", err)
	}
	if _, err := c.GetPodRuntime(ctx, "nope"); !IsNotFound(err) {
		t.Errorf("unknown pod runtime: %v", err)
	}
	if err := c.ResumeSpotPod(ctx, "nope", 0.3, 1); err == nil || !strings.Contains(err.Error(), "pod not found") {
		t.Errorf("resume unknown pod: %v", err)
	}
}

func TestSpotInputRefusesWhatGraphQLCannotCarry(t *testing.T) {
	_, err := spotPodInput(SpotPodCreateInput{
		PodCreateInput: PodCreateInput{GPUTypeIDs: &[]string{"a", "b"}, DockerEntrypoint: &[]string{"bash"}, ContainerRegistryAuthID: Ptr("r")},
		BidPerGPU:      0.2,
	})
	want := "RunPod's spot API (podRentInterruptable) cannot take gpuTypeIds with more than one entry, dockerEntrypoint, containerRegistryAuthId"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
	_, err = spotPodInput(SpotPodCreateInput{
		PodCreateInput: PodCreateInput{GPUTypeIDs: &[]string{"a"}, MinDownloadMbps: Ptr(99.5), DockerStartCmd: &[]string{"bash", "-c", "sleep 1"},
			GPUTypePriority: Ptr("custom"), Locked: Ptr(true), VCPUCount: Ptr(4)},
		BidPerGPU: 0.2,
	})
	want = "RunPod's spot API (podRentInterruptable) cannot take a fractional minDownloadMbps (99.5), " +
		`a dockerStartCmd argument that is empty or holds whitespace ("sleep 1"), gpuTypePriority, vcpuCount, locked`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
	in, err := spotPodInput(SpotPodCreateInput{
		PodCreateInput: PodCreateInput{GPUTypeIDs: &[]string{"a"}, GPUCount: Ptr(2), MinRAMPerGPU: Ptr(16), Ports: &[]string{"8888/http", "22/tcp"},
			Env: &map[string]string{"B": "2", "A": "1"}},
		BidPerGPU: 0.2,
	})
	if err != nil {
		t.Fatal(err)
	}
	if in["gpuTypeId"] != "a" || in["gpuCount"] != 2 || in["minMemoryInGb"] != 32 || in["ports"] != "8888/http,22/tcp" {
		t.Errorf("input %+v", in)
	}
	if env, ok := in["env"].([]map[string]string); !ok || len(env) != 2 || env[0]["key"] != "A" || env[1]["key"] != "B" {
		t.Errorf("env is sent sorted as [{key, value}]: %+v", env)
	}
}

func TestOtherDomainsAgainstMock(t *testing.T) {
	c, _ := mockClient(t, 0)
	ctx := context.Background()
	auth, err := c.CreateContainerRegistryAuth(ctx, ContainerRegistryAuthCreateInput{Name: "ghcr", Username: "u", Password: "p"})
	if err != nil {
		t.Fatal(err)
	}
	nv, err := c.CreateNetworkVolume(ctx, NetworkVolumeCreateInput{Name: "data", Size: 50, DataCenterID: "EU-RO-1"})
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := c.CreateTemplate(ctx, TemplateCreateInput{Name: "worker", ImageName: "img:1", IsServerless: Ptr(true), ContainerRegistryAuthID: Ptr(auth.ID)})
	if err != nil || tpl.Category != "NVIDIA" || tpl.ContainerDiskInGb != 50 {
		t.Fatalf("template %+v, %v", tpl, err)
	}
	ep, err := c.CreateEndpoint(ctx, EndpointCreateInput{TemplateID: tpl.ID, Name: Ptr("ep"), NetworkVolumeID: Ptr(nv.ID), WorkersMax: Ptr(2)})
	if err != nil || ep.Version != 0 || ep.ScalerType != "QUEUE_DELAY" {
		t.Fatalf("endpoint %+v, %v", ep, err)
	}
	ep, err = c.UpdateEndpoint(ctx, ep.ID, EndpointUpdateInput{ScalerValue: Ptr(8)})
	if err != nil || ep.Version != 0 || ep.ScalerValue != 8 {
		t.Fatalf("in-place endpoint update: %+v, %v", ep, err)
	}
	ep, err = c.UpdateEndpoint(ctx, ep.ID, EndpointUpdateInput{GPUTypeIDs: &[]string{"NVIDIA L4"}})
	if err != nil || ep.Version != 1 {
		t.Fatalf("rolling endpoint update: %+v, %v", ep, err)
	}
	if got, err := c.GetEndpoint(ctx, ep.ID); err != nil || got.Template == nil || got.Template.ImageName != "img:1" {
		t.Fatalf("endpoint read with template: %+v, %v", got, err)
	}
	if err := c.DeleteNetworkVolume(ctx, nv.ID); err == nil || !strings.Contains(err.Error(), "attached to endpoint") {
		t.Errorf("deleting an attached volume: %v", err)
	}
	if err := c.DeleteEndpoint(ctx, ep.ID); err == nil || !strings.Contains(err.Error(), "scale it to 0 workers") {
		t.Errorf("deleting an endpoint with workers: %v", err)
	}
	if _, err := c.UpdateEndpoint(ctx, ep.ID, EndpointUpdateInput{WorkersMin: Ptr(0), WorkersMax: Ptr(0)}); err != nil {
		t.Fatal(err)
	}
	for _, del := range []func() error{
		func() error { return c.DeleteEndpoint(ctx, ep.ID) },
		func() error { return c.DeleteTemplate(ctx, tpl.ID) },
		func() error { return c.DeleteNetworkVolume(ctx, nv.ID) },
		func() error { return c.DeleteNetworkVolume(ctx, nv.ID) }, // RunPod answers 500 for a gone volume: still done
		func() error { return c.DeleteContainerRegistryAuth(ctx, auth.ID) },
	} {
		if err := del(); err != nil {
			t.Fatal(err)
		}
	}
	if vols, err := c.ListNetworkVolumes(ctx); err != nil || len(vols) != 0 {
		t.Errorf("volumes left: %v, %v", vols, err)
	}
	if tpls, err := c.ListTemplates(ctx, TemplateListOptions{IncludeRunpod: true}); err != nil || len(tpls) != 2 || !tpls[0].IsRunpod {
		t.Errorf("RunPod's templates with the include flag: %+v, %v", tpls, err)
	}
}

// REST v2 keeps no link from an endpoint to its template: the endpoint reports no template id,
// and its own copy of the template's container settings reads like the template's.
func TestV2EndpointReportsItsCopyOfTheTemplatesContainer(t *testing.T) {
	f := newMatrixFixture(t, BackendV2)
	ctx := context.Background()
	auth, err := f.api.CreateContainerRegistryAuth(ctx, ContainerRegistryAuthCreateInput{Name: "ghcr", Username: "u", Password: "p"})
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := f.api.CreateTemplate(ctx, TemplateCreateInput{
		Name: "worker", ImageName: "img:1", IsServerless: Ptr(true), ContainerRegistryAuthID: Ptr(auth.ID),
		ContainerDiskInGb: Ptr(30), DockerStartCmd: &[]string{"python", "handler.py"}, Ports: &[]string{"8000/http"},
		Env: &map[string]string{"MODEL": "sd"},
	})
	if err != nil {
		t.Fatal(err)
	}
	created, err := f.api.CreateEndpoint(ctx, EndpointCreateInput{TemplateID: tpl.ID, Name: Ptr("ep"), GPUTypeIDs: &[]string{"NVIDIA L4"}})
	if err != nil {
		t.Fatal(err)
	}
	ep, err := f.api.GetEndpoint(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if ep.TemplateID != "" || ep.Template != nil {
		t.Errorf("REST v2 reports no template: %q, %+v", ep.TemplateID, ep.Template)
	}
	want := Template{ImageName: "img:1", ContainerDiskInGb: 30, DockerStartCmd: []string{"python", "handler.py"},
		Ports: []string{"8000/http"}, Env: map[string]string{"MODEL": "sd"}, ContainerRegistryAuthID: auth.ID}
	if ep.Container == nil || !reflect.DeepEqual(*ep.Container, want) {
		t.Errorf("container %+v, want %+v", ep.Container, want)
	}
	read, err := f.api.GetTemplate(ctx, tpl.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := (Template{ImageName: read.ImageName, ContainerDiskInGb: read.ContainerDiskInGb, DockerStartCmd: read.DockerStartCmd,
		Ports: read.Ports, Env: read.Env, ContainerRegistryAuthID: read.ContainerRegistryAuthID}); !reflect.DeepEqual(got, want) {
		t.Errorf("the template's container reads %+v, the endpoint's %+v", got, want)
	}
}
