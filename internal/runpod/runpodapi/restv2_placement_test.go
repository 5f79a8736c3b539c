package runpodapi

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

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
