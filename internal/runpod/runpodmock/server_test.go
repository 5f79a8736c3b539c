package runpodmock

import (
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
)

type fixture struct {
	t     *testing.T
	srv   *httptest.Server
	mock  *Server
	clock *mockkit.Clock
}

func newFixture(t *testing.T, boot time.Duration) *fixture {
	c := mockkit.NewClock(time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC))
	m := New(Options{APIKey: "key", BootDelay: boot, Now: c.Now})
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	return &fixture{t: t, srv: srv, mock: m, clock: c}
}

// call sends a request with the key and returns the status, body and decoded JSON object.
func (f *fixture) call(method, path, body string) (int, string, map[string]any) {
	f.t.Helper()
	req, _ := http.NewRequest(method, f.srv.URL+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer key")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var obj map[string]any
	_ = json.Unmarshal(raw, &obj)
	return resp.StatusCode, strings.TrimSpace(string(raw)), obj
}

func (f *fixture) expect(method, path, body string, wantStatus int, wantBody string) map[string]any {
	f.t.Helper()
	status, raw, obj := f.call(method, path, body)
	if status != wantStatus || (wantBody != "" && raw != wantBody) {
		f.t.Fatalf("%s %s: %d %s, want %d %s", method, path, status, raw, wantStatus, wantBody)
	}
	return obj
}

// field returns obj[key] as a T, failing the test (not panicking) when it is missing or of
// another type.
func field[T any](t *testing.T, obj map[string]any, key string) T {
	t.Helper()
	v, ok := obj[key].(T)
	if !ok {
		t.Fatalf("%s = %#v, want a %T", key, obj[key], v)
	}
	return v
}

func TestAuth(t *testing.T) {
	f := newFixture(t, 0)
	for _, auth := range []string{"", "Bearer wrong", "key"} {
		req, _ := http.NewRequest("GET", f.srv.URL+"/v1/pods", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 401 {
			t.Errorf("Authorization %q: %d, want 401", auth, resp.StatusCode)
		}
	}
	f.expect("GET", "/v1/pods", "", 200, "[]")
	f.expect("GET", "/pods", "", 200, "[]")
	// GraphQL also takes the key in the URL, as RunPod's docs show.
	resp, err := http.Post(f.srv.URL+"/graphql?api_key=key", "application/json", strings.NewReader(`{"query":"{ myself { id } }"}`))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("graphql with ?api_key: %v %v", resp, err)
	}
	resp.Body.Close()
}

func TestPodCreateDefaultsAndLiveShapes(t *testing.T) {
	f := newFixture(t, 30*time.Second)
	pod := f.expect("POST", "/v1/pods", `{"imageName":"img","gpuTypeIds":["NVIDIA GeForce RTX 4090"]}`, 201, "")
	want := map[string]any{
		"name": "my pod", "imageName": "img", "desiredStatus": "RUNNING", "containerDiskInGb": 50.0, "volumeInGb": 20.0,
		"volumeMountPath": "/workspace", "interruptible": false, "locked": false, "costPerHr": 0.69, "publicIp": nil, "portMappings": nil,
	}
	for k, v := range want {
		if pod[k] != v {
			t.Errorf("%s = %#v, want %#v", k, pod[k], v)
		}
	}
	if ports, _ := json.Marshal(pod["ports"]); string(ports) != `["8888/http","22/tcp"]` {
		t.Errorf("default ports %s", ports)
	}
	if _, hasImage := pod["image"]; hasImage {
		t.Error("the live API sends imageName, not the spec's image")
	}
	if !regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \+0000 UTC$`).MatchString(field[string](t, pod, "lastStartedAt")) {
		t.Errorf("lastStartedAt %q is not in Go's format", pod["lastStartedAt"])
	}
	id := field[string](t, pod, "id")
	got := f.expect("GET", "/v1/pods/"+id, "", 200, "")
	if got["costPerHr"] != "0.69" {
		t.Errorf("single reads send costPerHr as a string: %#v", got["costPerHr"])
	}
	if _, ok := got["machine"]; ok {
		t.Error("machine only with includeMachine")
	}
	got = f.expect("GET", "/v1/pods/"+id+"?includeMachine=true", "", 200, "")
	if m := field[map[string]any](t, got, "machine"); m["gpuTypeId"] != "NVIDIA GeForce RTX 4090" || m["secureCloud"] != true || m["dataCenterId"] != "EU-RO-1" {
		t.Errorf("machine %#v", m)
	}
}

func TestPodBootStopStartResetLifecycle(t *testing.T) {
	f := newFixture(t, 30*time.Second)
	id := field[string](t, f.expect("POST", "/v1/pods", `{"imageName":"img","gpuTypeIds":["NVIDIA L4"],"ports":["8888/http","22/tcp","9000/tcp"]}`, 201, ""), "id")
	f.clock.Advance(29 * time.Second)
	if p := f.expect("GET", "/v1/pods/"+id, "", 200, ""); p["portMappings"] != nil || p["publicIp"] != nil {
		t.Fatalf("booting pod has runtime: %v %v", p["portMappings"], p["publicIp"])
	}
	f.clock.Advance(time.Second)
	p := f.expect("GET", "/v1/pods/"+id, "", 200, "")
	mappings := field[map[string]any](t, p, "portMappings")
	if len(mappings) != 2 || mappings["22"] == nil || mappings["9000"] == nil || p["publicIp"] == "" {
		t.Fatalf("booted pod: tcp ports mapped, http ones not, and a public IP: %v %v", mappings, p["publicIp"])
	}
	started := p["lastStartedAt"]

	f.clock.Advance(time.Minute)
	f.expect("PATCH", "/v1/pods/"+id, `{"name":"renamed","locked":true}`, 200, "")
	if p := f.expect("GET", "/v1/pods/"+id, "", 200, ""); p["lastStartedAt"] != started || p["portMappings"] == nil || p["name"] != "renamed" {
		t.Errorf("name/locked must not reset: %v", p)
	}
	f.expect("POST", "/v1/pods/"+id+"/stop", "", 400, `{"error":"pod `+id+` is locked: unlock it (locked = false) before stopping or resetting it","status":400}`)
	f.expect("PATCH", "/v1/pods/"+id, `{"imageName":"img:2"}`, 400, `{"error":"pod `+id+` is locked: unlock it (locked = false) before changing fields that reset it","status":400}`)
	// Unlocking and resetting in one PATCH works.
	reset := f.expect("PATCH", "/v1/pods/"+id, `{"locked":false,"imageName":"img:2"}`, 200, "")
	if reset["lastStartedAt"] == started || reset["portMappings"] != nil {
		t.Errorf("a reset restarts the container: %v", reset)
	}
	f.expect("POST", "/v1/pods/"+id+"/stop", "", 200, "")
	if p := f.expect("GET", "/v1/pods/"+id, "", 200, ""); p["desiredStatus"] != "EXITED" || p["publicIp"] != nil {
		t.Errorf("stopped: %v", p)
	}
	f.expect("POST", "/v1/pods/"+id+"/start", "", 200, "")
	f.clock.Advance(30 * time.Second)
	if p := f.expect("GET", "/v1/pods/"+id, "", 200, ""); p["desiredStatus"] != "RUNNING" || p["portMappings"] == nil {
		t.Errorf("started: %v", p)
	}
	f.expect("DELETE", "/v1/pods/"+id, "", 204, "")
	f.expect("GET", "/v1/pods/"+id, "", 404, `{"error":"pod not found","status":404}`)
	f.expect("DELETE", "/v1/pods/"+id, "", 404, `{"error":"pod not found","status":404}`)
}

func TestInputValidation(t *testing.T) {
	f := newFixture(t, 0)
	f.expect("POST", "/v1/pods", `{"imageName":"img","image":"x"}`, 400,
		`{"error":"Extra input keys provided in request body","problems":["key provided in request body which is not in input schema: 'image'"],"status":400}`)
	f.expect("POST", "/v1/pods", `{"imageName":"img","cloudType":"PRIVATE","gpuCount":0,"ports":["80/udp"]}`, 400,
		`{"error":"Invalid input","problems":["cloudType: \"PRIVATE\" is not one of SECURE, COMMUNITY","gpuCount: 0 is below the minimum 1","ports: \"80/udp\" is not \u003cport\u003e/http or \u003cport\u003e/tcp"],"status":400}`)
	f.expect("POST", "/v1/pods", `{"imageName":7}`, 400, `{"error":"invalid value for 'imageName': expected string, got number","status":400}`)
	f.expect("POST", "/v1/pods", `{"name":"no image"}`, 400, `{"error":"create pod: imageName or templateId is required","status":400}`)
	id := field[string](t, f.expect("POST", "/v1/pods", `{"imageName":"img"}`, 201, ""), "id")
	f.expect("PATCH", "/v1/pods/"+id, `{"gpuCount":2}`, 400,
		`{"error":"Extra input keys provided in request body","problems":["key provided in request body which is not in input schema: 'gpuCount'"],"status":400}`)
	f.expect("POST", "/v1/networkvolumes", `{"name":"v","size":10,"dataCenterId":"MARS-1"}`, 400,
		`{"error":"Invalid input","problems":["dataCenterId: \"MARS-1\" is not one of `+strings.Join(dataCenterIDs(), ", ")+`"],"status":400}`)
}

func TestStockOutAnswersLikeTheLiveAPI(t *testing.T) {
	f := newFixture(t, 0)
	f.mock.SetGPUStock("NVIDIA L4", cloudSecure, 1)
	f.expect("POST", "/v1/pods", `{"imageName":"img","gpuTypeIds":["NVIDIA L4"],"gpuCount":2}`, 500,
		`{"error":"create pod: There are no instances currently available","status":500}`)
	// The next type in the list is rented instead.
	pod := f.expect("POST", "/v1/pods", `{"imageName":"img","gpuTypeIds":["NVIDIA L4","NVIDIA A40"],"gpuCount":2}`, 201, "")
	if field[map[string]any](t, pod, "gpu")["id"] != "NVIDIA A40" {
		t.Errorf("rented %v", pod["gpu"])
	}
}

func TestVolumeQuirks(t *testing.T) {
	f := newFixture(t, 0)
	id := field[string](t, f.expect("POST", "/v1/networkvolumes", `{"name":"v","size":100,"dataCenterId":"EU-RO-1"}`, 200, ""), "id")
	// The live API once accepted a shrink: the mock does too (the provider must refuse it).
	if v := f.expect("PATCH", "/v1/networkvolumes/"+id, `{"size":50}`, 200, ""); v["size"] != 50.0 {
		t.Errorf("shrink: %v", v)
	}
	f.expect("DELETE", "/v1/networkvolumes/"+id, "", 204, "")
	f.expect("GET", "/v1/networkvolumes/"+id, "", 404, `{"error":"network volume not found","status":404}`)
	f.expect("DELETE", "/v1/networkvolumes/"+id, "", 500, `{"error":"delete network volume: network volume not found","status":500}`)
}

func TestEndpointQuirks(t *testing.T) {
	f := newFixture(t, 0)
	tpl := field[string](t, f.expect("POST", "/v1/templates", `{"name":"w","imageName":"img","isServerless":true}`, 200, ""), "id")
	podTpl := field[string](t, f.expect("POST", "/v1/templates", `{"name":"p","imageName":"img"}`, 200, ""), "id")
	f.expect("POST", "/v1/templates", `{"name":"w","imageName":"img"}`, 400, `{"error":"a template named \"w\" already exists: template names must be unique","status":400}`)
	f.expect("POST", "/v1/endpoints", `{"templateId":"`+podTpl+`"}`, 400, `{"error":"template `+podTpl+` is not a serverless template (isServerless = false): endpoints need one","status":400}`)
	ep := f.expect("POST", "/v1/endpoints", `{"templateId":"`+tpl+`","flashboot":true,"workersMin":1}`, 200, "")
	id := field[string](t, ep, "id")
	if _, ok := ep["flashboot"]; ok {
		t.Error("flashboot is accepted but not read back")
	}
	if ep["workersStandby"] != 1.0 || ep["version"] != 0.0 {
		t.Errorf("endpoint %v", ep)
	}
	f.expect("PATCH", "/v1/endpoints/"+id, `{"workersStandby":2}`, 400,
		`{"error":"Extra input keys provided in request body","problems":["key provided in request body which is not in input schema: 'workersStandby'"],"status":400}`)
	if e := f.expect("PATCH", "/v1/endpoints/"+id, `{"scalerValue":9,"idleTimeout":60}`, 200, ""); e["version"] != 0.0 {
		t.Errorf("in-place fields must not roll out a release: %v", e)
	}
	if e := f.expect("PATCH", "/v1/endpoints/"+id, `{"gpuCount":2}`, 200, ""); e["version"] != 1.0 {
		t.Errorf("gpuCount rolls out a release: %v", e)
	}
	f.expect("PATCH", "/v1/templates/"+tpl, `{"imageName":"img:2"}`, 200, "")
	if e := f.expect("GET", "/v1/endpoints/"+id+"?includeTemplate=true", "", 200, ""); e["version"] != 2.0 || field[map[string]any](t, e, "template")["imageName"] != "img:2" {
		t.Errorf("a template image change rolls out a release: %v", e)
	}
	f.expect("DELETE", "/v1/templates/"+tpl, "", 400, `{"error":"template `+tpl+` is in use by endpoint `+id+`: delete the endpoint or move it to another template first","status":400}`)
	f.expect("DELETE", "/v1/endpoints/"+id, "", 400, `{"error":"endpoint `+id+` still has workers (workersMin 1, workersMax 3): scale it to 0 workers before deleting it","status":400}`)
	f.expect("PATCH", "/v1/endpoints/"+id, `{"workersMin":0,"workersMax":0}`, 200, "")
	f.expect("DELETE", "/v1/endpoints/"+id, "", 204, "")
}

func TestFaultsAndCallLog(t *testing.T) {
	f := newFixture(t, 0)
	if err := f.mock.AddFault(mockkit.Fault{Route: "GET /pods", Kind: mockkit.FaultStatus, Status: 429, RetryAfter: "2", Times: 2}); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		req, _ := http.NewRequest("GET", f.srv.URL+"/v1/pods", nil)
		req.Header.Set("Authorization", "Bearer key")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "2" {
			t.Fatalf("%d %q", resp.StatusCode, resp.Header.Get("Retry-After"))
		}
	}
	f.expect("GET", "/v1/pods", "", 200, "[]")

	if err := f.mock.AddFault(mockkit.Fault{Route: "POST /pods", Kind: mockkit.FaultDropAfter, Times: 1}); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", f.srv.URL+"/v1/pods", strings.NewReader(`{"imageName":"img"}`))
	req.Header.Set("Authorization", "Bearer key")
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("drop_after must close the connection without an answer")
	}
	// ...but the pod was created: exactly the case a client must not retry blindly.
	if _, raw, _ := f.call("GET", "/v1/pods", ""); !strings.Contains(raw, `"imageName":"img"`) {
		t.Errorf("drop_after acts before dropping: %s", raw)
	}

	_, _, _ = f.call("POST", "/graphql", `{"query":"query Q { prices: gpuTypes { id } }"}`)
	calls := f.mock.Calls()
	routes := make([]string, len(calls))
	for i, c := range calls {
		routes[i] = c.Route
	}
	want := "GET /pods GET /pods GET /pods POST /pods GET /pods graphql gpuTypes"
	if strings.Join(routes, " ") != want {
		t.Errorf("routes %v, want %s", routes, want)
	}
	if calls[0].Fault != "status 429" || calls[3].Fault != "drop_after" || calls[0].Status != 429 {
		t.Errorf("calls %+v", calls[:4])
	}
	if err := f.mock.AddFault(mockkit.Fault{Route: "GET /pods", Kind: "explode"}); err == nil {
		t.Error("unknown fault kinds are refused")
	}
}

func TestGraphQLErrorsAreHTTP200(t *testing.T) {
	f := newFixture(t, 0)
	status, raw, _ := f.call("POST", "/graphql", `{"query":"mutation { podStop(input: {podId: \"nope\"}) { id } }"}`)
	if status != 200 || !strings.Contains(raw, `"errors":[{"message":"pod not found"`) {
		t.Errorf("%d %s", status, raw)
	}
	status, raw, _ = f.call("POST", "/graphql", `{"query":"{ gpuTypes { nope } }"}`)
	if status != 200 || !strings.Contains(raw, `Cannot query field \"nope\" on type \"GpuType\".`) {
		t.Errorf("%d %s", status, raw)
	}
}

func TestAdminEndpoints(t *testing.T) {
	f := newFixture(t, 0)
	post := func(method, path, body string) int {
		req, _ := http.NewRequest(method, f.srv.URL+path, strings.NewReader(body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if s := post("POST", "/_mock/faults", `{"route":"GET /pods","kind":"status","status":503,"times":1}`); s != 201 {
		t.Fatalf("add fault: %d", s)
	}
	f.expect("GET", "/v1/pods", "", 503, "")
	if s := post("PUT", "/_mock/boot-delay", `{"ms":60000}`); s != 204 {
		t.Fatalf("boot delay: %d", s)
	}
	id := field[string](t, f.expect("POST", "/v1/pods", `{"imageName":"img"}`, 201, ""), "id")
	f.clock.Advance(59 * time.Second)
	if p := f.expect("GET", "/v1/pods/"+id, "", 200, ""); p["portMappings"] != nil {
		t.Error("the boot delay set over HTTP applies")
	}
	if s := post("PUT", "/_mock/stock", `{"gpuTypeId":"NVIDIA L4","cloud":"SECURE","free":0}`); s != 204 {
		t.Fatalf("stock: %d", s)
	}
	f.expect("POST", "/v1/pods", `{"imageName":"img","gpuTypeIds":["NVIDIA L4"]}`, 500, "")
	resp, err := http.Get(f.srv.URL + "/_mock/calls")
	if err != nil {
		t.Fatal(err)
	}
	var calls []mockkit.Call
	_ = json.NewDecoder(resp.Body).Decode(&calls)
	resp.Body.Close()
	summary, err := http.Get(f.srv.URL + "/_mock/calls?format=summary")
	if err != nil {
		t.Fatal(err)
	}
	text, _ := io.ReadAll(summary.Body)
	summary.Body.Close()
	if want := "   1  GET /pods\n   2  POST /pods\n   1  GET /pods/{podId}\n"; string(text) != want {
		t.Errorf("summary:\n%s\nwant:\n%s", text, want)
	}
	if len(calls) != 4 {
		t.Errorf("%d calls logged, want 4 (admin calls are not logged)", len(calls))
	}
}

func TestTokenBucketThrottlesEveryAPI(t *testing.T) {
	f := newFixture(t, 0)
	f.mock.SetTokenBucket(mockkit.TokenBucket{PerSecond: 2, Burst: 3})
	for i, path := range []string{"/v2/pods", "/v1/pods", "/v2/templates"} {
		if status, body, _ := f.call("GET", path, ""); status != http.StatusOK {
			t.Fatalf("request %d within the burst: %d %s", i+1, status, body)
		}
	}
	req, _ := http.NewRequest("GET", f.srv.URL+"/v1/pods", nil)
	req.Header.Set("Authorization", "Bearer key")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "1" {
		t.Fatalf("past the burst: %d, Retry-After %q; want 429 after 1 s", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	f.clock.Advance(500 * time.Millisecond) // one token back at 2 per second
	f.expect("GET", "/v2/pods", "", http.StatusOK, "")
	if status, _, _ := f.call("GET", "/v2/pods", ""); status != http.StatusTooManyRequests {
		t.Errorf("the refilled token was spent, yet the next request got %d", status)
	}
}

// Every control the mock registers answers its index examples, and the call log's control
// hides secrets: the kit's guarantees (internal/kit/mockkit), on this mock.
func TestEveryControlAnswersItsExamples(t *testing.T) {
	f := newFixture(t, 0)
	f.call("POST", "/v2/registries", `{"name":"ghcr","username":"me","password":"hunter2"}`)
	f.call("POST", "/v2/templates", `{"name":"t","imageName":"busybox","env":{"TOKEN":"s3cret"}}`)
	f.call("POST", "/graphql?api_key=key", `{"query":"{ myself { id } }"}`)
	if !strings.Contains(f.mock.Calls()[0].Body, "hunter2") {
		t.Error("Calls() in the test's own process should keep the raw body")
	}
	calls, err := mockkit.ExerciseControls(f.srv.URL, f.mock.Kit, nil)
	if err != nil {
		t.Error(err)
	}
	for _, secret := range []string{"hunter2", "s3cret", "api_key=key"} {
		if strings.Contains(calls, secret) {
			t.Errorf("GET /_mock/calls shows %q: %s", secret, calls)
		}
	}
	for _, kept := range []string{"ghcr", "TOKEN", `"requestId":"`} {
		if !strings.Contains(calls, kept) {
			t.Errorf("GET /_mock/calls lost %q: %s", kept, calls)
		}
	}
}

var update = flag.Bool("update", false, "rewrite the guide's controls section from the mock's controls")

// The guide (templates/guides/testing-with-runpod-mock.md.tmpl) documents the controls as the
// mock serves them: its controls section is the kit's rendering of them (go test -update
// rewrites it; then run make docs).
func TestGuideDocumentsEveryControl(t *testing.T) {
	if err := mockkit.SyncGuide("../../../templates/guides/testing-with-runpod-mock.md.tmpl", New(Options{APIKey: "k"}).ControlsMarkdown(), *update); err != nil {
		t.Fatal(err)
	}
}
