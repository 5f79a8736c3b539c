package runpodapi

import (
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// The data center catalog is read once for many callers (one plan validates every volume's
// data center), each getting its own copy; a failed read is not kept, and an old one expires.
func TestV2DataCentersAreReadOnceAndCopied(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("GET /v2/catalog/datacenters",
		problem(503, "try again"), problem(503, "try again"), problem(503, "try again"),
		ok(`{"dataCenters":[{"id":"US-TX-3","name":"Texas","region":"NORTH_AMERICA","globalNetwork":false,"networkVolumeTypes":["STANDARD"],"compliance":[]},
			{"id":"EU-RO-1","name":"Romania","region":"EUROPE","globalNetwork":true,"networkVolumeTypes":["STANDARD","HIGH_PERFORMANCE"],"compliance":["GDPR"]}]}`))
	if _, err := c.ListDataCenters(ctx); err == nil {
		t.Fatal("three 503 answers: want an error")
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dcs, err := c.ListDataCenters(ctx)
			if err != nil || len(dcs) != 2 || dcs[1].ID != "EU-RO-1" {
				t.Errorf("data centers %+v, err %v", dcs, err)
			}
			dcs[0], dcs[1] = dcs[1], dcs[0] // a caller sorting its copy
		}()
	}
	wg.Wait()
	reads := func() int {
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.hits["GET /v2/catalog/datacenters"]
	}
	if n := reads(); n != 4 {
		t.Errorf("catalog reads: %d, want 3 failed then 1 for all eight callers", n)
	}
	if dcs, _ := c.ListDataCenters(ctx); dcs[0].ID != "US-TX-3" {
		t.Errorf("a caller's sort reached the kept catalog: %+v", dcs)
	}

	c.dataCentersRead = time.Now().Add(-dataCentersTTL)
	if _, err := c.ListDataCenters(ctx); err != nil || reads() != 5 {
		t.Errorf("an expired catalog is read again: err %v, reads %d", err, reads())
	}
}

// REST v1 knows the data centers of its enum only: ids, with the country the id names.
func TestV1DataCentersAreTheEnum(t *testing.T) {
	c, err := newRESTv1(Config{APIKey: "k", RESTURL: "http://127.0.0.1:1/v1", GraphQLURL: "http://127.0.0.1:1/graphql"})
	if err != nil {
		t.Fatal(err)
	}
	dcs, err := c.ListDataCenters(ctx)
	if err != nil || len(dcs) != len(dataCenterIDs) {
		t.Fatalf("data centers %+v, err %v", dcs, err)
	}
	if dcs[0].ID != "EU-RO-1" || dcs[0].Country != "RO" || dcs[0].NetworkVolumeTypes != nil || dcs[0].Region != "" {
		t.Errorf("first data center %+v", dcs[0])
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
