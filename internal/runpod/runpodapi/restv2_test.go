package runpodapi

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// poolCatalog: ADA_24 holds the 4090 and the L4; AMPERE_48 the A40 and the A6000.
const poolCatalog = `{"gpus":[
	{"id":"NVIDIA GeForce RTX 4090","name":"RTX 4090","pool":"ADA_24","manufacturer":"NVIDIA","memory":24,"secure":true,"community":true,"price":{"secure":0.69,"community":0.34},"maxCount":{"secure":8,"community":4}},
	{"id":"NVIDIA A40","name":"A40","pool":"AMPERE_48","manufacturer":"NVIDIA","memory":48,"secure":true,"community":false,"price":{"secure":0.4,"community":0},"maxCount":{"secure":8,"community":0}},
	{"id":"NVIDIA L4","name":"L4","pool":"ADA_24","manufacturer":"NVIDIA","memory":24,"secure":true,"community":true,"price":{"secure":0.43,"community":0.3},"maxCount":{"secure":8,"community":8}},
	{"id":"NVIDIA RTX A6000","name":"A6000","pool":"AMPERE_48","manufacturer":"NVIDIA","memory":48,"secure":true,"community":true,"price":{"secure":0.49,"community":0.33},"maxCount":{"secure":8,"community":8}},
	{"id":"AMD MI300X","name":"MI300X","pool":null,"manufacturer":"AMD","memory":192,"secure":true,"community":false,"price":{"secure":2.5,"community":0},"maxCount":{"secure":8,"community":0}},
	{"id":"unknown","name":"unknown","pool":null,"manufacturer":"UNKNOWN","memory":0,"secure":false,"community":false,"price":{"secure":0,"community":0},"maxCount":{"secure":0,"community":0}}]}`

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
			CPUFlavorIDs: &[]string{"cpu3c", "cpu5c"}, VCPUCount: Ptr(4), ScalerType: Ptr("REQUEST_COUNT"), ScalerValue: Ptr(2), IdleTimeout: Ptr(9), FlashbootMode: Ptr("PRIORITY_FLASHBOOT"), Flashboot: Ptr(false)},
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
	for _, in := range []EndpointCreateInput{{TemplateID: "t", ComputeType: Ptr("CPU")}, {GPUTypeIDs: &[]string{"G"}}} {
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

	// Half a scaler, an idle timeout and half a CPU selection are completed from the endpoint.
	f2, c2, _ := newFakeV2(t)
	f2.on("GET /v2/serverless/e2", ok(`{"id":"e2","type":"QUEUE","scaling":{"type":"REQUEST_COUNT","requestCount":3},"cpu":[{"id":"cpu3c","vcpuCount":4}]}`))
	f2.on("PATCH /v2/serverless/e2", ok(`{"id":"e2","type":"QUEUE"}`))
	f2.on("GET /v2/serverless/e2/workers", ok(v2WorkersJSON))
	if _, err := c2.UpdateEndpoint(ctx, "e2", EndpointUpdateInput{ScalerValue: Ptr(8), IdleTimeout: Ptr(30), CPUFlavorIDs: &[]string{"cpu5c"}}); err != nil {
		t.Fatal(err)
	}
	assertCalls(t, f2, "GET /v2/serverless/e2", "PATCH /v2/serverless/e2", "GET /v2/serverless/e2/workers")
	assertJSON(t, f2.bodies("PATCH /v2/serverless/e2")[0], `{"scaling":{"type":"REQUEST_COUNT","requestCount":8},"cpu":[{"id":"cpu5c","vcpuCount":4}]}`)

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

func TestGPUPoolSelectionRoundTrips(t *testing.T) {
	var list v2ListGPUTypes
	if err := jsonUnmarshal(poolCatalog, &list); err != nil {
		t.Fatal(err)
	}
	p := newGPUPools(list.GPUs)
	for _, types := range [][]string{
		{"NVIDIA L4"}, {"NVIDIA GeForce RTX 4090", "NVIDIA L4"}, {"NVIDIA A40", "NVIDIA L4"}, {"NVIDIA RTX A6000", "NVIDIA A40", "NVIDIA L4"},
	} {
		pools, excluded, err := p.selection(types)
		if err != nil {
			t.Fatal(err)
		}
		back := p.typesOf(pools, excluded)
		if !sameSet(back, types) {
			t.Errorf("%v -> pools %v minus %v -> %v", types, pools, excluded, back)
		}
	}
}

func TestV2TemplateCreateAndUpdate(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("POST /v2/templates", created(`{"id":"t1","name":"n","image":"img","args":"a 'b c'","disk":50,"ports":["8888/http"],"registry":null,
		"category":"NVIDIA","mounts":{"persistent":{"size":20,"path":"/workspace"}},"public":false,"serverless":false,"startSsh":false,"startJupyter":false}`))
	tpl, err := c.CreateTemplate(ctx, TemplateCreateInput{Name: "n", ImageName: "img", DockerStartCmd: &[]string{"a", "b c"}, Env: &map[string]string{"K": "v"}})
	if err != nil {
		t.Fatal(err)
	}
	assertJSON(t, f.bodies("POST /v2/templates")[0], `{
		"name": "n", "image": "img", "args": "a 'b c'", "disk": 50, "env": {"K": "v"}, "ports": ["8888/http", "22/tcp"],
		"mounts": {"persistent": {"size": 20, "path": "/workspace"}}, "startSsh": false, "startJupyter": false
	}`)
	if tpl.ID != "t1" || !reflect.DeepEqual(tpl.DockerStartCmd, []string{"a", "b c"}) || tpl.VolumeInGb != 20 || tpl.StartSSH == nil || *tpl.StartSSH {
		t.Errorf("template %+v", tpl)
	}

	// A serverless template gets no default volume; 0 mounts nothing; asked-for flags pass.
	f.on("POST /v2/templates", created(`{"id":"t2"}`))
	if _, err := c.CreateTemplate(ctx, TemplateCreateInput{Name: "s", ImageName: "img", IsServerless: Ptr(true), StartSSH: Ptr(true),
		Category: Ptr("CPU"), ContainerRegistryAuthID: Ptr("reg1"), Ports: &[]string{}}); err != nil {
		t.Fatal(err)
	}
	assertJSON(t, f.bodies("POST /v2/templates")[1], `{"name":"s","image":"img","disk":50,"ports":[],"serverless":true,
		"category":"CPU","registry":"reg1","startSsh":true,"startJupyter":false}`)

	_, err = c.CreateTemplate(ctx, TemplateCreateInput{Name: "n", ImageName: "img", Readme: Ptr("# hi"), DockerEntrypoint: &[]string{"sh"}})
	if err == nil || err.Error() != "create template: REST v2 has no such settings: readme, dockerEntrypoint (remove them from the request)" {
		t.Errorf("err = %v", err)
	}

	f.on("GET /v2/templates/t1", ok(`{"id":"t1","mounts":{"persistent":{"size":20,"path":"/workspace"}}}`))
	f.on("PATCH /v2/templates/t1", ok(`{"id":"t1"}`))
	if _, err := c.UpdateTemplate(ctx, "t1", TemplateUpdateInput{VolumeMountPath: Ptr("/data"), Category: Ptr("AMD"), IsServerless: Ptr(true),
		ContainerRegistryAuthID: Ptr(""), Readme: Ptr("")}); err != nil {
		t.Fatal(err)
	}
	assertJSON(t, f.bodies("PATCH /v2/templates/t1")[0], `{"category":"AMD","serverless":true,"registry":null,"mounts":{"persistent":{"size":20,"path":"/data"}}}`)

	// A template without a volume gets one (at /workspace unless a path is given); one with a
	// volume cannot lose it.
	f.on("GET /v2/templates/t2", ok(`{"id":"t2","mounts":{}}`))
	f.on("PATCH /v2/templates/t2", ok(`{"id":"t2"}`))
	if _, err := c.UpdateTemplate(ctx, "t2", TemplateUpdateInput{VolumeInGb: Ptr(10)}); err != nil {
		t.Fatal(err)
	}
	assertJSON(t, f.bodies("PATCH /v2/templates/t2")[0], `{"mounts":{"persistent":{"size":10,"path":"/workspace"}}}`)
	if _, err := c.UpdateTemplate(ctx, "t1", TemplateUpdateInput{VolumeInGb: Ptr(0)}); err == nil {
		t.Error("removing a template's volume must be refused")
	}
}

func TestV2ListTemplatesReadsTheCatalogSlicesAsked(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("GET /v2/templates", ok(`{"templates":[{"id":"mine"}]}`))
	f.on("GET /v2/catalog/templates", ok(`{"templates":[{"id":"pub","public":true},{"id":"mine"}]}`))
	tpls, err := c.ListTemplates(ctx, TemplateListOptions{IncludeRunpod: true, IncludePublic: true, IncludeEndpointBound: true})
	if err != nil || len(tpls) != 2 || !tpls[1].IsRunpod || !tpls[1].IsPublic || tpls[0].IsPublic {
		t.Fatalf("templates %+v, err %v", tpls, err)
	}
	assertCalls(t, f, "GET /v2/templates", "GET /v2/catalog/templates?source=official",
		"GET /v2/catalog/templates?source=verified", "GET /v2/catalog/templates?source=community")
}

func TestV2NetworkVolumesAndRegistries(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("POST /v2/network-volumes", created(`{"id":"v1","name":"data","size":100,"dataCenter":"EU-RO-1","type":"STANDARD"}`))
	f.on("PATCH /v2/network-volumes/v1", ok(`{"id":"v1","name":"data","size":200,"dataCenter":"EU-RO-1","type":"STANDARD"}`))
	f.on("GET /v2/network-volumes", ok(`{"networkVolumes":[{"id":"v1","name":"data","size":200,"dataCenter":"EU-RO-1","type":"STANDARD"}]}`))
	f.on("POST /v2/registries", created(`{"id":"r1","name":"hub"}`))
	f.on("GET /v2/registries", ok(`{"registries":[{"id":"r1","name":"hub"}]}`))
	nv, err := c.CreateNetworkVolume(ctx, NetworkVolumeCreateInput{Name: "data", Size: 100, DataCenterID: "EU-RO-1", Type: Ptr("STANDARD")})
	if err != nil || *nv != (NetworkVolume{ID: "v1", Name: "data", Size: 100, DataCenterID: "EU-RO-1", Type: "STANDARD"}) {
		t.Fatalf("volume %+v, err %v", nv, err)
	}
	assertJSON(t, f.bodies("POST /v2/network-volumes")[0], `{"name":"data","size":100,"dataCenter":"EU-RO-1","type":"STANDARD"}`)
	if nv, err = c.UpdateNetworkVolume(ctx, "v1", NetworkVolumeUpdateInput{Size: Ptr(200)}); err != nil || nv.Size != 200 {
		t.Fatalf("volume %+v, err %v", nv, err)
	}
	assertJSON(t, f.bodies("PATCH /v2/network-volumes/v1")[0], `{"size":200}`)
	if nvs, err := c.ListNetworkVolumes(ctx); err != nil || len(nvs) != 1 {
		t.Fatalf("volumes %+v, err %v", nvs, err)
	}
	r, err := c.CreateContainerRegistryAuth(ctx, ContainerRegistryAuthCreateInput{Name: "hub", Username: "u", Password: "p"})
	if err != nil || r.ID != "r1" {
		t.Fatalf("registry %+v, err %v", r, err)
	}
	assertJSON(t, f.bodies("POST /v2/registries")[0], `{"name":"hub","username":"u","password":"p"}`)
	if rs, err := c.ListContainerRegistryAuths(ctx); err != nil || len(rs) != 1 || rs[0].Name != "hub" {
		t.Fatalf("registries %+v, err %v", rs, err)
	}
}

func TestV2GPUCatalogMapping(t *testing.T) {
	f, c, _ := newFakeV2(t)
	gpu := func(availability, dcs string) string {
		return `{"id":"NVIDIA GeForce RTX 4090","name":"RTX 4090","pool":"ADA_24","manufacturer":"NVIDIA","memory":24,"secure":true,"community":true,` +
			`"price":{"secure":0.69,"community":0.34,"serverless":1.1},"maxCount":{"secure":8,"community":4},"availability":"` + availability + `",` +
			`"dataCenters":[` + dcs + `],"cudaVersions":[{"version":"12.8","available":true},{"version":"12.10","available":false},{"version":"12.4","available":true}]}`
	}
	f.on("GET /v2/catalog/gpus",
		ok(`{"gpus":[`+gpu("HIGH", `{"id":"EU-RO-1","name":"Romania","availability":"HIGH"}`)+`,{"id":"unknown","name":"?","pool":null,"manufacturer":"UNKNOWN","memory":0,"secure":false,"community":false,"price":{"secure":0,"community":0},"maxCount":{"secure":0,"community":0}}]}`),
		ok(`{"gpus":[`+gpu("NONE", `{"id":"US-TX-3","name":"Texas","availability":"NONE"}`)+`]}`))
	types, err := c.ListGPUTypes(ctx, GPUTypeQuery{GPUCount: 2, CountryCodes: []string{"RO", "US"}})
	if err != nil {
		t.Fatal(err)
	}
	assertCalls(t, f,
		"GET /v2/catalog/gpus?cloud=SECURE&count=2&countryCodes=RO%2CUS&include=AVAILABILITY&product=POD",
		"GET /v2/catalog/gpus?cloud=COMMUNITY&count=2&countryCodes=RO%2CUS&include=AVAILABILITY&product=POD")
	want := []GPUType{{
		ID: "NVIDIA GeForce RTX 4090", DisplayName: "RTX 4090", Manufacturer: "Nvidia", MemoryInGb: 24, MaxGPUCount: 8,
		Secure: GPUOffer{Available: true, OnDemandPrice: Ptr(1.38), StockStatus: "High", MaxGPUCount: 8,
			DataCenters: []Availability{{ID: "EU-RO-1", Name: "Romania", StockStatus: "High"}}},
		Community: GPUOffer{Available: true, MaxGPUCount: 4, DataCenters: []Availability{{ID: "US-TX-3", Name: "Texas", StockStatus: "None"}}},
		Pool:      "ADA_24", ServerlessPrice: Ptr(1.1), CudaVersions: []string{"12.4", "12.8", "12.10"},
	}}
	if !reflect.DeepEqual(types, want) {
		t.Errorf("types\n got %+v\nwant %+v", types, want)
	}

	// One type, one cloud: the id is path-escaped; an unknown id lists nothing.
	f2, c2, _ := newFakeV2(t)
	f2.on("GET /v2/catalog/gpus/NVIDIA GeForce RTX 4090", ok(gpu("LOW", "")))
	types, err = c2.ListGPUTypes(ctx, GPUTypeQuery{ID: "NVIDIA GeForce RTX 4090", Cloud: "SECURE"})
	if err != nil || len(types) != 1 || types[0].Secure.StockStatus != "Low" || *types[0].Secure.OnDemandPrice != 0.69 ||
		types[0].Community.OnDemandPrice != nil || !types[0].Community.Available || types[0].Community.MaxGPUCount != 4 {
		t.Fatalf("types %+v, err %v", types, err)
	}
	if raw := f2.calls[0].header; raw == nil || !strings.Contains(f2.routesCalled()[0], "cloud=SECURE&count=1") {
		t.Errorf("call %s", f2.routesCalled()[0])
	}
	f2.on("GET /v2/catalog/gpus/nope", problem(404, "GPU type not found"))
	if types, err := c2.ListGPUTypes(ctx, GPUTypeQuery{ID: "nope", Cloud: "SECURE"}); err != nil || len(types) != 0 {
		t.Errorf("types %+v, err %v", types, err)
	}
}

func TestV2DataCentersAndCPUFlavors(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("GET /v2/catalog/datacenters", ok(`{"dataCenters":[{"id":"EU-RO-1","name":"Romania","region":"EUROPE","globalNetwork":true,
		"networkVolumeTypes":["STANDARD"],"compliance":["GDPR"],"gpuAvailability":[{"id":"NVIDIA A40","name":"A40","availability":"MEDIUM"}]}]}`))
	f.on("GET /v2/catalog/cpus", ok(`{"cpus":[{"id":"cpu3c","name":"Compute","group":"3","vcpu":{"min":2,"max":32},"ramGbPerVcpu":2,"price":{"securePerVcpu":0.03,"serverlessPerVcpu":0.02}}]}`))
	dcs, err := c.ListDataCenters(ctx)
	want := DataCenter{ID: "EU-RO-1", Name: "Romania", Region: "EUROPE", Country: "RO", Compliance: []string{"GDPR"}, GlobalNetwork: true,
		NetworkVolumeTypes: []string{"STANDARD"}, GPUAvailability: []Availability{{ID: "NVIDIA A40", Name: "A40", StockStatus: "Medium"}}}
	if err != nil || len(dcs) != 1 || !reflect.DeepEqual(dcs[0], want) {
		t.Errorf("data centers %+v, err %v", dcs, err)
	}
	flavors, err := c.ListCPUFlavors(ctx)
	if err != nil || len(flavors) != 1 || flavors[0] != (CPUFlavor{ID: "cpu3c", Name: "Compute", MinVCPU: 2, MaxVCPU: 32, RAMGbPerVCPU: 2}) {
		t.Errorf("flavors %+v, err %v", flavors, err)
	}
	assertCalls(t, f, "GET /v2/catalog/datacenters?include=GPU_AVAILABILITY", "GET /v2/catalog/cpus")
}

func TestArgsRoundTrip(t *testing.T) {
	for _, args := range [][]string{
		nil,
		{"python"},
		{"python", "-c", "print('hi')"},
		{"a b", "  leading", "trailing  "},
		{""},
		{"", "x", ""},
		{"it's", "'", "''", `"`, `\`, `\\n`},
		{"$HOME", "${X:-y}", "`id`", "$(rm -rf /)", "!", "*", "~", "#c", "a;b", "a|b", "a&b", "<in", ">out"},
		{"line1\nline2", "tab\there", "\n"},
		{"ünïcødé", "日本"},
		{"--flag=value", "user@host:/path,1%+"},
	} {
		joined := joinArgs(args)
		if back := splitArgs(joined); !reflect.DeepEqual(back, args) {
			t.Errorf("%q -> %q -> %q", args, joined, back)
		}
	}
	for in, want := range map[string]string{
		`python -c 'print(1)'`:     `["python","-c","print(1)"]`,
		"python  x.py\t--n  1":     `["python","x.py","--n","1"]`,
		`bash -lc "echo \"$X\" y"`: `["bash","-lc","echo \"$X\" y"]`,
		`a\ b c`:                   `["a b","c"]`,
		`unterminated 'quote`:      `["unterminated","quote"]`,
		``:                         `null`,
	} {
		got, _ := jsonMarshal(splitArgs(in))
		if got != want {
			t.Errorf("splitArgs(%s) = %s, want %s", in, got, want)
		}
	}
	if got := joinArgs([]string{"plain", "with space", "it's", ""}); got != `plain 'with space' 'it'\''s' ''` {
		t.Errorf("joinArgs = %s", got)
	}
}

func TestUnsupportedAndPlacementErrors(t *testing.T) {
	err := error(&UnsupportedError{Operation: "create pod", Backend: BackendV1, Fields: []string{"startSsh"}})
	if err.Error() != "create pod: REST v1 has no such setting: startSsh (remove it from the request)" {
		t.Errorf("%v", err)
	}
	var u *UnsupportedError
	if !errors.As(opErr("x", &UnsupportedError{Fields: []string{"a"}}), &u) || u.Operation != "x" || u.Backend != BackendV2 {
		t.Errorf("opErr lost the UnsupportedError: %+v", u)
	}
}

func TestV2BaseURLMayCarryV2(t *testing.T) {
	for _, base := range []string{"https://api.runpod.io", "https://api.runpod.io/", "https://api.runpod.io/v2", "https://api.runpod.io/v2/"} {
		c, err := newRESTv2(Config{APIKey: "k", APIURL: base, GraphQLURL: DefaultGraphQLURL})
		if err != nil {
			t.Fatal(err)
		}
		if got := c.url("/v2/pods/%s", nil, "a b"); got != "https://api.runpod.io/v2/pods/a%20b" {
			t.Errorf("%s: url = %s", base, got)
		}
	}
}
