package runpodapi

import (
	"reflect"
	"strings"
	"testing"
)

const v2EndpointJSON = `{
	"id": "e1", "name": "worker", "type": "QUEUE", "image": "me/worker:1", "env": {"A": "1"},
	"requestUrls": {"run": "https://api.runpod.ai/v2/e1/run", "health": "https://api.runpod.ai/v2/e1/health"},
	"gpu": {"pools": ["ADA_24", "AMPERE_48"], "excludedTypes": ["NVIDIA L4", "NVIDIA RTX A6000"], "count": 2,
	        "allowedCudaVersions": ["12.8"], "minCudaVersion": null},
	"workers": {"min": 0, "max": 3, "idleTimeout": 5},
	"scaling": {"type": "QUEUE_DELAY", "queueDelay": 4},
	"dataCenterIds": ["EU-RO-1"], "networkVolumes": ["vol1"], "timeout": 600000, "flashboot": "FLASHBOOT",
	"createdAt": "2026-09-01T10:00:00Z"
}`

const v2WorkersJSON = `{"workers":[],"summary":{"running":1,"idle":1,"initializing":0,"throttled":0,"unhealthy":0,"total":2},"endpointVersion":3}`

func TestV2EndpointCreateMapsTypesToPoolsAndBack(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("GET /v2/catalog/gpus", ok(poolCatalog))
	f.on("POST /v2/serverless", created(v2EndpointJSON))
	f.on("GET /v2/serverless/e1/workers", ok(v2WorkersJSON))
	ep, err := c.CreateEndpoint(ctx, EndpointCreateInput{
		TemplateID: "tpl1", Name: Ptr("worker"), GPUTypeIDs: &[]string{"NVIDIA GeForce RTX 4090", "NVIDIA A40"}, GPUCount: Ptr(2),
		AllowedCudaVersions: &[]string{"12.8"}, DataCenterIDs: &[]string{"EU-RO-1"}, NetworkVolumeID: Ptr("vol1"),
		NetworkVolumeIDs: &[]string{"vol2"}, Flashboot: Ptr(true), ScalerValue: Ptr(4), WorkersMax: Ptr(3), WorkersMin: Ptr(0),
	})
	if err != nil {
		t.Fatal(err)
	}
	assertCalls(t, f, "GET /v2/catalog/gpus", "POST /v2/serverless", "GET /v2/serverless/e1/workers")
	assertJSON(t, f.bodies("POST /v2/serverless")[0], `{
		"name": "worker", "type": "QUEUE", "templateId": "tpl1",
		"gpu": {"pools": ["ADA_24", "AMPERE_48"], "excludedTypes": ["NVIDIA L4", "NVIDIA RTX A6000"], "count": 2, "allowedCudaVersions": ["12.8"]},
		"dataCenterIds": ["EU-RO-1"], "networkVolumes": ["vol1", "vol2"], "flashboot": "FLASHBOOT",
		"scaling": {"type": "QUEUE_DELAY", "queueDelay": 4}, "timeout": 600000,
		"workers": {"min": 0, "max": 3, "idleTimeout": 5}
	}`)
	want := Endpoint{
		ID: "e1", Name: "worker", ComputeType: "GPU", AllowedCudaVersions: []string{"12.8"}, CreatedAt: "2026-09-01T10:00:00Z",
		DataCenterIDs: []string{"EU-RO-1"}, Env: map[string]string{"A": "1"}, ExecutionTimeoutMs: 600000, GPUCount: 2,
		GPUTypeIDs: []string{"NVIDIA GeForce RTX 4090", "NVIDIA A40"}, IdleTimeout: 5, NetworkVolumeID: "vol1",
		NetworkVolumeIDs: []string{"vol1"}, ScalerType: "QUEUE_DELAY", ScalerValue: 4, Version: 3, WorkersMax: 3,
		Source: BackendV2, Type: "QUEUE", FlashbootMode: "FLASHBOOT", Image: "me/worker:1", WorkerCount: 2,
		RequestURLs: map[string]string{"run": "https://api.runpod.ai/v2/e1/run", "health": "https://api.runpod.ai/v2/e1/health"},
		Container:   &Template{ImageName: "me/worker:1", Env: map[string]string{"A": "1"}}, // the endpoint's copy of its template's
	}
	if !reflect.DeepEqual(*ep, want) {
		t.Errorf("endpoint\n got %+v\nwant %+v", *ep, want)
	}

	// The pool index is kept: a read makes no catalog call.
	f.on("GET /v2/serverless/e1", ok(v2EndpointJSON))
	if _, err := c.GetEndpoint(ctx, "e1"); err != nil {
		t.Fatal(err)
	}
	assertCalls(t, f, "GET /v2/catalog/gpus", "POST /v2/serverless", "GET /v2/serverless/e1/workers",
		"GET /v2/serverless/e1", "GET /v2/serverless/e1/workers")
}

func TestV2EndpointCreateDefaultsAndCPU(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   EndpointCreateInput
		want string
	}{
		{"a CPU endpoint on request count: no idle timeout", EndpointCreateInput{TemplateID: "t", ComputeType: Ptr("CPU"),
			CPUFlavorIDs: &[]string{"cpu3c", "cpu5c"}, VCPUCount: Ptr(4), ScalerType: Ptr("REQUEST_COUNT"), ScalerValue: Ptr(2), FlashbootMode: Ptr("PRIORITY_FLASHBOOT"), Flashboot: Ptr(false)},
			`{"name":"my endpoint","type":"QUEUE","templateId":"t","cpu":[{"id":"cpu3c","vcpuCount":4},{"id":"cpu5c","vcpuCount":4}],
			  "flashboot":"PRIORITY_FLASHBOOT","scaling":{"type":"REQUEST_COUNT","requestCount":2},"timeout":600000}`},
		{"a load balancer scales on request count and keeps its idle timeout", EndpointCreateInput{TemplateID: "t", ComputeType: Ptr("CPU"),
			CPUFlavorIDs: &[]string{"cpu3c"}, Type: Ptr("LOAD_BALANCER"), ExecutionTimeoutMs: Ptr(1000), Flashboot: Ptr(false)},
			`{"name":"my endpoint","type":"LOAD_BALANCER","templateId":"t","cpu":[{"id":"cpu3c","vcpuCount":2}],"flashboot":"OFF",
			  "scaling":{"type":"REQUEST_COUNT","requestCount":4},"timeout":1000,"workers":{"idleTimeout":5}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, c, _ := newFakeV2(t)
			f.on("POST /v2/serverless", created(`{"id":"e1","type":"QUEUE","cpu":[{"id":"cpu3c","vcpuCount":4,"memory":8}]}`))
			f.on("GET /v2/serverless/e1/workers", problem(500, "boom"))
			ep, err := c.CreateEndpoint(ctx, tc.in)
			if err != nil {
				t.Fatal(err) // a failed workers read does not fail the create
			}
			if ep.ComputeType != "CPU" || ep.VCPUCount != 4 || !reflect.DeepEqual(ep.CPUFlavorIDs, []string{"cpu3c"}) {
				t.Errorf("endpoint %+v", ep)
			}
			assertJSON(t, f.bodies("POST /v2/serverless")[0], tc.want)
		})
	}
	_, c, _ := newFakeV2(t)
	// A queue endpoint on request count has no idle timeout on v2: one is refused, not dropped.
	for _, in := range []EndpointCreateInput{{TemplateID: "t", ComputeType: Ptr("CPU")}, {GPUTypeIDs: &[]string{"G"}},
		{TemplateID: "t", ComputeType: Ptr("CPU"), CPUFlavorIDs: &[]string{"cpu3c"}, ScalerType: Ptr("REQUEST_COUNT"), IdleTimeout: Ptr(9)}} {
		if _, err := c.CreateEndpoint(ctx, in); err == nil {
			t.Errorf("CreateEndpoint(%+v) succeeded, want a refusal", in)
		}
	}
	// A GPU endpoint without GPU types (v1 let RunPod choose): every serverless pool, none
	// excluded.
	f, c, _ := newFakeV2(t)
	f.on("GET /v2/catalog/gpus", ok(poolCatalog))
	f.on("POST /v2/serverless", created(`{"id":"e1","type":"QUEUE","gpu":{"pools":["ADA_24","AMPERE_48"],"count":1}}`))
	f.on("GET /v2/serverless/e1/workers", ok(v2WorkersJSON))
	ep, err := c.CreateEndpoint(ctx, EndpointCreateInput{TemplateID: "t"})
	if err != nil {
		t.Fatal(err)
	}
	assertJSON(t, f.bodies("POST /v2/serverless")[0], `{"name":"my endpoint","type":"QUEUE","templateId":"t",
		"gpu":{"pools":["ADA_24","AMPERE_48"],"excludedTypes":[],"count":1},
		"scaling":{"type":"QUEUE_DELAY","queueDelay":4},"timeout":600000,"workers":{"idleTimeout":5}}`)
	if want := []string{"NVIDIA GeForce RTX 4090", "NVIDIA L4", "NVIDIA A40", "NVIDIA RTX A6000"}; !reflect.DeepEqual(ep.GPUTypeIDs, want) {
		t.Errorf("GPU types %v, want %v", ep.GPUTypeIDs, want)
	}
	if _, err := c.CreateEndpoint(ctx, EndpointCreateInput{TemplateID: "t", GPUTypeIDs: &[]string{"AMD MI300X"}}); err == nil ||
		!strings.Contains(err.Error(), `no serverless GPU pool of RunPod's catalog holds "AMD MI300X"`) {
		t.Errorf("err = %v", err)
	}
}

func TestV2EndpointUpdate(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("GET /v2/catalog/gpus", ok(poolCatalog))
	f.on("PATCH /v2/serverless/e1", ok(v2EndpointJSON))
	f.on("GET /v2/serverless/e1/workers", ok(v2WorkersJSON))
	_, err := c.UpdateEndpoint(ctx, "e1", EndpointUpdateInput{
		GPUTypeIDs: &[]string{"NVIDIA L4", "NVIDIA GeForce RTX 4090"}, MinCudaVersion: Ptr(""), AllowedCudaVersions: &[]string{},
		ScalerType: Ptr("QUEUE_DELAY"), ScalerValue: Ptr(6), IdleTimeout: Ptr(30), WorkersMax: Ptr(5), Flashboot: Ptr(false),
		ExecutionTimeoutMs: Ptr(9000), DataCenterIDs: &[]string{}, NetworkVolumeID: Ptr(""),
	})
	if err != nil {
		t.Fatal(err)
	}
	assertCalls(t, f, "GET /v2/catalog/gpus", "PATCH /v2/serverless/e1", "GET /v2/serverless/e1/workers")
	// excludedTypes is sent (empty) with pools: omitting it would clear exclusions anyway, but
	// v2 says so only in prose.
	assertJSON(t, f.bodies("PATCH /v2/serverless/e1")[0], `{
		"gpu": {"pools": ["ADA_24"], "excludedTypes": [], "allowedCudaVersions": [], "minCudaVersion": ""},
		"scaling": {"type": "QUEUE_DELAY", "queueDelay": 6}, "workers": {"max": 5, "idleTimeout": 30},
		"flashboot": "OFF", "timeout": 9000, "dataCenterIds": [], "networkVolumes": []
	}`)

	// Half a scaler, an idle timeout and half a CPU selection are completed from the endpoint:
	// a queue endpoint on request count has no idle timeout on v2, so one is refused there
	// (never dropped), and sent on a load balancer.
	f2, c2, _ := newFakeV2(t)
	f2.on("GET /v2/serverless/e2", ok(`{"id":"e2","type":"QUEUE","scaling":{"type":"REQUEST_COUNT","requestCount":3},"cpu":[{"id":"cpu3c","vcpuCount":4}]}`))
	f2.on("PATCH /v2/serverless/e2", ok(`{"id":"e2","type":"QUEUE"}`))
	f2.on("GET /v2/serverless/e2/workers", ok(v2WorkersJSON))
	if _, err := c2.UpdateEndpoint(ctx, "e2", EndpointUpdateInput{ScalerValue: Ptr(8), IdleTimeout: Ptr(30), CPUFlavorIDs: &[]string{"cpu5c"}}); err == nil ||
		!strings.Contains(err.Error(), "REST v2 has no such setting: idleTimeout of a QUEUE endpoint that scales on REQUEST_COUNT") {
		t.Errorf("an idle timeout on a queue endpoint scaling on request count: err = %v, want a refusal", err)
	}
	if _, err := c2.UpdateEndpoint(ctx, "e2", EndpointUpdateInput{ScalerValue: Ptr(8), CPUFlavorIDs: &[]string{"cpu5c"}}); err != nil {
		t.Fatal(err)
	}
	assertCalls(t, f2, "GET /v2/serverless/e2", "GET /v2/serverless/e2", "PATCH /v2/serverless/e2", "GET /v2/serverless/e2/workers")
	assertJSON(t, f2.bodies("PATCH /v2/serverless/e2")[0], `{"scaling":{"type":"REQUEST_COUNT","requestCount":8},"cpu":[{"id":"cpu5c","vcpuCount":4}]}`)
	f4, c4, _ := newFakeV2(t)
	f4.on("GET /v2/serverless/e4", ok(`{"id":"e4","type":"LOAD_BALANCER","scaling":{"type":"REQUEST_COUNT","requestCount":3}}`))
	f4.on("PATCH /v2/serverless/e4", ok(`{"id":"e4","type":"LOAD_BALANCER"}`))
	f4.on("GET /v2/serverless/e4/workers", ok(v2WorkersJSON))
	if _, err := c4.UpdateEndpoint(ctx, "e4", EndpointUpdateInput{ScalerValue: Ptr(8), IdleTimeout: Ptr(30)}); err != nil {
		t.Fatal(err)
	}
	assertJSON(t, f4.bodies("PATCH /v2/serverless/e4")[0], `{"scaling":{"type":"REQUEST_COUNT","requestCount":8},"workers":{"idleTimeout":30}}`)

	// Nothing to change: a read.
	f3, c3, _ := newFakeV2(t)
	f3.on("GET /v2/serverless/e3", ok(`{"id":"e3"}`))
	f3.on("GET /v2/serverless/e3/workers", ok(v2WorkersJSON))
	if _, err := c3.UpdateEndpoint(ctx, "e3", EndpointUpdateInput{}); err != nil {
		t.Fatal(err)
	}
	assertCalls(t, f3, "GET /v2/serverless/e3", "GET /v2/serverless/e3/workers")
}

func TestV2EndpointListAndRollout(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("GET /v2/serverless", ok(`{"endpoints":[`+v2EndpointJSON+`,{"id":"e2","type":"LOAD_BALANCER","cpu":[{"id":"cpu3c","vcpuCount":2}]}]}`))
	f.on("GET /v2/catalog/gpus", ok(poolCatalog))
	f.on("GET /v2/serverless/e1/releases", ok(`{"endpointVersion":4,"rollout":{"inProgress":true,"workersOnLatest":1,"workersTotal":3,"percentOnLatest":33},"releases":[]}`))
	eps, err := c.ListEndpoints(ctx)
	if err != nil || len(eps) != 2 || !reflect.DeepEqual(eps[0].GPUTypeIDs, []string{"NVIDIA GeForce RTX 4090", "NVIDIA A40"}) || eps[1].Type != "LOAD_BALANCER" {
		t.Fatalf("endpoints %+v, err %v", eps, err)
	}
	r, err := c.GetEndpointRollout(ctx, "e1")
	if err != nil || *r != (EndpointRollout{Version: 4, InProgress: true, WorkersOnLatest: 1, WorkersTotal: 3}) {
		t.Errorf("rollout %+v, err %v", r, err)
	}
	assertCalls(t, f, "GET /v2/serverless", "GET /v2/catalog/gpus", "GET /v2/serverless/e1/releases")
}
