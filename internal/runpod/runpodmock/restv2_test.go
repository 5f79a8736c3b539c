package runpodmock

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
)

func errorsOf(t *testing.T, problem map[string]any) []string {
	t.Helper()
	var out []string
	list, _ := problem["errors"].([]any)
	for _, e := range list {
		out = append(out, e.(string))
	}
	return out
}

var rfc3339Pattern = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)

func TestV2ReadsWhatV1CreatedAndTheOtherWayRound(t *testing.T) {
	f := newFixture(t, 0)
	v1 := f.expect("POST", "/v1/pods", `{"imageName":"img","gpuTypeIds":["NVIDIA L4"],"dockerStartCmd":["python","x.py"]}`, 201, "")
	pod := f.expect("GET", "/v2/pods/"+field[string](t, v1, "id"), "", 200, "")
	want := []string{"actions", "args", "cloud", "cost", "createdAt", "cudaVersion", "dataCenterId", "disk", "env", "globalNetworking",
		"gpu", "id", "image", "locked", "mounts", "name", "ports", "registry", "runtime", "ssh", "startedAt", "status", "template"}
	if got := keys(pod); !slices.Equal(got, want) {
		t.Errorf("v2 pod keys %v\nwant %v", got, want)
	}
	if pod["image"] != "img" || pod["args"] != "python x.py" || pod["status"] != "RUNNING" || pod["registry"] != nil ||
		pod["template"] != nil || pod["cudaVersion"] != "12.9" || pod["dataCenterId"] != "EU-RO-1" {
		t.Errorf("v1 pod through v2: %v", pod)
	}
	if m := field[map[string]any](t, pod, "mounts"); field[map[string]any](t, m, "persistent")["size"] != 20.0 {
		t.Errorf("v1's default volume reads as mounts.persistent: %v", m)
	}
	if !rfc3339Pattern.MatchString(field[string](t, pod, "createdAt")) || !rfc3339Pattern.MatchString(field[string](t, pod, "startedAt")) {
		t.Errorf("timestamps: %v %v", pod["createdAt"], pod["startedAt"])
	}
	list := f.expect("GET", "/v2/pods", "", 200, "")
	if pods := field[[]any](t, list, "pods"); len(pods) != 1 {
		t.Errorf("wrapped list: %v", list)
	}

	created := f.expect("POST", "/v2/pods", gpuPod, 201, "")
	id := field[string](t, created, "id")
	if created["template"] != nil || field[map[string]any](t, created, "gpu")["count"] != 1.0 {
		t.Errorf("v2 pod: %v", created)
	}
	back := f.expect("GET", "/v1/pods/"+id, "", 200, "")
	if back["imageName"] != "img" || back["desiredStatus"] != "RUNNING" || back["volumeInGb"] != 0.0 {
		t.Errorf("v2 pod through v1: %v", back)
	}
	if ports, _ := json.Marshal(back["ports"]); string(ports) != `["22/tcp","8888/http"]` {
		t.Errorf("ports %s", ports)
	}
	// No defaults in v2: no ports, no volume.
	bare := f.expect("POST", "/v2/pods", `{"name":"b","image":"img","gpu":{"id":"NVIDIA L4"}}`, 201, "")
	if p, _ := json.Marshal(bare["ports"]); string(p) != "[]" || len(field[map[string]any](t, bare, "mounts")) != 0 {
		t.Errorf("v2 defaults: ports %s mounts %v", p, bare["mounts"])
	}
}

func TestV2SchemaViolationsAre422(t *testing.T) {
	f := newFixture(t, 0)
	p := f.problem("POST", "/v2/pods", `{"name":"p","image":"img","dataCenterId":"EU-RO-1","gpu":{"id":"NVIDIA L4","foo":1}}`, 422)
	errs := errorsOf(t, p)
	for _, want := range []string{"$: additional properties 'dataCenterId' not allowed", "$.gpu: additional properties 'foo' not allowed"} {
		if !slices.Contains(errs, want) {
			t.Errorf("errors %q lack %q", errs, want)
		}
	}
	for body, want := range map[string]string{
		`{"image":"img","gpu":{"id":"NVIDIA L4"}}`:                                                           "$: missing property 'name'",
		`{"name":"p","gpu":{"id":"NVIDIA L4"}}`:                                                              "$: missing property 'image'",
		`{"name":"p","image":"img","gpu":{"id":"NVIDIA L4","count":"2"}}`:                                    "$.gpu.count: got string, want integer",
		`{"name":"p","image":"img","gpu":{"id":"NVIDIA L4"},"locked":true}`:                                  "$: additional properties 'locked' not allowed",
		`{"name":"p","image":"img","gpu":{"id":"NVIDIA L4"},"cloud":"ALL"}`:                                  "$.cloud: value must be one of 'SECURE', 'COMMUNITY'",
		`{"name":"p","image":"img","gpu":{"id":"NVIDIA L4"},"mounts":{"persistent":{"size":5,"path":"/w"}}}`: "$.mounts.persistent.size: minimum: got 5, want 10",
		`{"name":"p","image":"img","cpu":{"id":"cpu3c","vcpuCount":1}}`:                                      "$.cpu.vcpuCount: minimum: got 1, want 2",
	} {
		if errs := errorsOf(t, f.problem("POST", "/v2/pods", body, 422)); !slices.Contains(errs, want) {
			t.Errorf("%s: errors %q lack %q", body, errs, want)
		}
	}
	f.problem("POST", "/v2/network-volumes", `{"name":"v","size":10,"dataCenterId":"EU-RO-1"}`, 422)
	f.problem("POST", "/v2/templates", `{"name":"t","image":"img","readme":"x"}`, 422)
	f.problem("POST", "/v2/templates", `{"name":"t","image":"img","mounts":{"network":[{"volumeId":"v","path":"/v"}]}}`, 422)
	// Rule violations the schema cannot express are 400s.
	f.problem("POST", "/v2/pods", `{"name":"p","image":"img"}`, 400)
	f.problem("POST", "/v2/pods", `{"name":"p","image":"img","gpu":{"id":"NVIDIA L4","allowedCudaVersions":["12.4"],"minCudaVersion":"12.1"}}`, 400)
	f.problem("POST", "/v2/pods", `{"name":"p","image":"img","cpu":{"id":"cpu3c","vcpuCount":6}}`, 400)
	f.problem("POST", "/v2/pods", `{"name":"p","image":"img","cpu":{"id":"cpu3c","vcpuCount":4},"mounts":{"persistent":{"size":10,"path":"/w"}}}`, 400)
	if d := f.problem("POST", "/v2/pods", `{"name":"p","image":"img","gpu":{"id":"NVIDIA GeForce GTX 1080"}}`, 400)["detail"].(string); !strings.Contains(d, "NVIDIA GeForce GTX 1080") {
		t.Errorf("unknown GPU type detail %q", d)
	}
	cpu := f.expect("POST", "/v2/pods", `{"name":"c","image":"img","cpu":{"id":"cpu3g","vcpuCount":4}}`, 201, "")
	if c := field[map[string]any](t, cpu, "cpu"); c["memory"] != 16.0 || cpu["cudaVersion"] != nil || cpu["gpu"] != nil {
		t.Errorf("CPU pod: %v", cpu)
	}
}

func TestV2RateLimitAndHeaders(t *testing.T) {
	f := newFixture(t, 0)
	resp, _, _ := f.do("GET", "/v2/pods", "")
	if !strings.HasPrefix(resp.Header.Get("RateLimit"), `"minute";r=`) || resp.Header.Get("RateLimit-Policy") == "" || resp.Header.Get("X-Request-Id") == "" {
		t.Errorf("headers %v", resp.Header)
	}
	if resp, _, _ := f.do("GET", "/v1/pods", ""); resp.Header.Get("X-Request-Id") == "" || resp.Header.Get("RateLimit") != "" {
		t.Errorf("v1 headers %v", resp.Header)
	}
	f.mock.SetRateLimit(2)
	resp, _, _ = f.do("GET", "/v2/pods", "")
	if got := resp.Header.Get("RateLimit"); got != `"minute";r=1;t=60, "hour";r=99;t=3600, "day";r=1665;t=86400` {
		t.Errorf("RateLimit %q", got)
	}
	if got := resp.Header.Get("RateLimit-Policy"); got != `"minute";q=2;w=60, "hour";q=100;w=3600, "day";q=1666;w=86400` {
		t.Errorf("RateLimit-Policy %q", got)
	}
	f.expect("GET", "/v2/pods", "", 200, "")
	f.clock.Advance(20 * time.Second)
	resp, _, obj := f.do("GET", "/v2/pods", "")
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "40" || obj["detail"] != "rate limit exceeded for the minute window" ||
		resp.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("429: %d %v %v", resp.StatusCode, resp.Header, obj)
	}
	f.clock.Advance(40 * time.Second)
	f.expect("GET", "/v2/pods", "", 200, "")
	if n := f.mock.CallCount("GET /v2/pods"); n != 5 {
		t.Errorf("%d calls logged", n)
	}
}

func TestV2ProblemsForAuthRoutesAndFaults(t *testing.T) {
	f := newFixture(t, 0)
	req, _ := http.NewRequest("GET", f.srv.URL+"/v2/pods", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var p map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&p)
	resp.Body.Close()
	if resp.StatusCode != 401 || resp.Header.Get("Content-Type") != "application/problem+json" || p["detail"] != "missing bearer token" {
		t.Errorf("401: %d %v", resp.StatusCode, p)
	}
	f.problem("GET", "/v2/nope", "", 404)
	f.problem("POST", "/v2/pods/x/update", "{}", 404)
	if err := f.mock.AddFault(mockkit.Fault{Route: "POST /v2/pods/{id}/action stop", Kind: mockkit.FaultStatus, Status: 503, Times: 1}); err != nil {
		t.Fatal(err)
	}
	id := field[string](t, f.expect("POST", "/v2/pods", gpuPod, 201, ""), "id")
	f.problem("POST", "/v2/pods/"+id+"/action", `{"action":"stop"}`, 503)
	f.expect("POST", "/v2/pods/"+id+"/action", `{"action":"stop"}`, 200, "")
	calls := f.mock.Calls()
	if c := calls[len(calls)-2]; c.Route != "POST /v2/pods/{id}/action stop" || c.Fault != "status 503" || c.RequestID == "" {
		t.Errorf("call %+v", c)
	}
	index, err := http.Get(f.srv.URL + "/_mock/")
	if err != nil {
		t.Fatal(err)
	}
	text, _ := io.ReadAll(index.Body)
	index.Body.Close()
	for _, control := range []string{"/_mock/calls", "/_mock/faults", "/_mock/boot-delay", "/_mock/stock", "/_mock/rate-limit", "/_mock/rollout", "curl "} {
		if !strings.Contains(string(text), control) {
			t.Errorf("index lacks %s", control)
		}
	}
}

// Every read route answers, for objects created through v1 and through v2.
func TestV2EveryReadAnswers(t *testing.T) {
	f := newFixture(t, 0)
	reg := field[string](t, f.expect("POST", "/v1/containerregistryauth", `{"name":"r","username":"u","password":"p"}`, 200, ""), "id")
	vol := field[string](t, f.expect("POST", "/v1/networkvolumes", `{"name":"v","size":10,"dataCenterId":"EU-RO-1"}`, 200, ""), "id")
	tpl := field[string](t, f.expect("POST", "/v1/templates", `{"name":"w","imageName":"img","isServerless":true,"containerRegistryAuthId":"`+reg+`"}`, 200, ""), "id")
	ep := field[string](t, f.expect("POST", "/v1/endpoints", `{"templateId":"`+tpl+`","networkVolumeId":"`+vol+`","workersMin":1,"minCudaVersion":"12.4"}`, 200, ""), "id")
	cpuEP := field[string](t, f.expect("POST", "/v1/endpoints", `{"templateId":"`+tpl+`","computeType":"CPU","cpuFlavorIds":["cpu3c","cpu5g"],"vcpuCount":4,"workersMin":2}`, 200, ""), "id")
	cpuPod := field[string](t, f.expect("POST", "/v1/pods", `{"imageName":"img","computeType":"CPU","cpuFlavorIds":["cpu5m"],"vcpuCount":4,"networkVolumeId":"`+vol+`"}`, 201, ""), "id")
	f.expect("POST", "/v2/serverless", `{"name":"c","type":"QUEUE","image":"img","cpu":[{"id":"cpu3g","vcpuCount":2}],"scaling":{"type":"REQUEST_COUNT","requestCount":1},"workers":{"min":1}}`, 201, "")
	for _, path := range []string{
		"/v2/pods", "/v2/pods/" + cpuPod, "/v2/serverless", "/v2/serverless/" + ep, "/v2/serverless/" + cpuEP,
		"/v2/serverless/" + ep + "/workers", "/v2/serverless/" + cpuEP + "/workers", "/v2/serverless/" + cpuEP + "/releases",
		"/v2/templates", "/v2/templates/" + tpl, "/v2/network-volumes", "/v2/network-volumes/" + vol, "/v2/registries",
		"/v2/registries/" + reg, "/v2/catalog/gpus?include=AVAILABILITY&product=SERVERLESS&cloud=COMMUNITY&count=2",
		"/v2/catalog/gpus/AMD%20Instinct%20MI300X%20OAM?include=AVAILABILITY&product=POD&minCudaVersion=12",
		"/v2/catalog/gpus/unknown", "/v2/catalog/cpus?include=AVAILABILITY&product=POD&vcpuCount=4", "/v2/catalog/cpus/cpu5c",
		"/v2/catalog/datacenters?include=GPU_AVAILABILITY,CPU_AVAILABILITY&compliance=GDPR", "/v2/catalog/datacenters/US-DE-1",
		"/v2/catalog/templates?source=community", "/v2/catalog/templates?source=verified",
	} {
		f.expect("GET", path, "", 200, "")
	}
	if e := f.expect("GET", "/v2/serverless/"+cpuEP, "", 200, ""); len(field[[]any](t, e, "cpu")) != 2 || e["gpu"] != nil {
		t.Errorf("v1 CPU endpoint through v2: %v", e)
	}
	if e := f.expect("GET", "/v2/serverless/"+ep, "", 200, ""); e["registry"] != reg || toStrings(e["networkVolumes"])[0] != vol {
		t.Errorf("v1 endpoint through v2: %v", e)
	}
	f.problem("GET", "/v2/catalog/gpus/nope", "", 404)
	f.problem("GET", "/v2/catalog/cpus?vcpuCount=4", "", 400)
	f.problem("GET", "/v2/catalog/datacenters?regions=MARS", "", 422)
	f.problem("GET", "/v2/registries/nope", "", 404)
}
