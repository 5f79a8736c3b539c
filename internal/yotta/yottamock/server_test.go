package yottamock

import (
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
)

type fixture struct {
	t   *testing.T
	s   *Server
	url string
	clk *mockkit.Clock
}

func newFixture(t *testing.T, opts Options) *fixture {
	clk := mockkit.NewClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	opts.APIKey, opts.Now = "k", clk.Now
	s := New(opts)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return &fixture{t: t, s: s, url: srv.URL, clk: clk}
}

// call sends a request with the key and returns the HTTP status and the envelope.
func (f *fixture) call(method, path, body string) (int, envelopeT) {
	f.t.Helper()
	req, _ := http.NewRequest(method, f.url+path, strings.NewReader(body))
	req.Header.Set("x-api-key", "k") // header names are case-insensitive
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var env envelopeT
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	if err := dec.Decode(&env); err != nil {
		f.t.Fatalf("%s %s: not an envelope: %s", method, path, raw)
	}
	return resp.StatusCode, env
}

type envelopeT struct {
	Message string `json:"message"`
	Code    int    `json:"code"`
	Data    any    `json:"data"`
}

func (e envelopeT) obj() map[string]any { m, _ := e.Data.(map[string]any); return m }

const podBody = `{"name":"p","image":"img:1","gpuType":"NVIDIA_RTX_4090_24G","gpuCount":1,"expose":[{"port":80,"protocol":"http"}]}`

func TestLifecycle_initializeRunningHealthyPausingPausedTerminated(t *testing.T) {
	f := newFixture(t, Options{BootDelay: 10 * time.Second})
	_, env := f.call("POST", "/v2/pods", podBody)
	id := env.obj()["id"].(json.Number).String()
	if len(id) != 18 || env.obj()["status"] != "INITIALIZE" {
		t.Fatalf("create: %+v", env.Data)
	}
	status := func() (string, bool) {
		_, env := f.call("GET", "/v2/pods/"+id, "")
		ports := env.obj()["expose"].([]any)
		return env.obj()["status"].(string), ports[0].(map[string]any)["healthy"].(bool)
	}
	for _, step := range []struct {
		advance time.Duration
		status  string
		healthy bool
	}{{0, "INITIALIZE", false}, {10 * time.Second, "RUNNING", false}, {10 * time.Second, "RUNNING", true}} {
		f.clk.Advance(step.advance)
		if s, h := status(); s != step.status || h != step.healthy {
			t.Fatalf("after %s: %s healthy=%v, want %s %v", step.advance, s, h, step.status, step.healthy)
		}
	}
	if _, env := f.call("POST", "/v2/pods/"+id+"/resume", ""); env.Code != codeStatusInvalid {
		t.Errorf("resume of a running pod: %+v", env)
	}
	f.call("POST", "/v2/pods/"+id+"/pause", "")
	if s, _ := status(); s != "PAUSING" {
		t.Errorf("after pause: %s", s)
	}
	f.clk.Advance(5 * time.Second)
	if s, _ := status(); s != "PAUSED" {
		t.Errorf("5s after pause: %s", s)
	}
	f.call("POST", "/v2/pods/"+id+"/resume", "")
	if s, h := status(); s != "RUNNING" || h {
		t.Errorf("after resume: %s healthy=%v, want RUNNING and not yet healthy", s, h)
	}
	f.call("DELETE", "/v2/pods/"+id, "")
	if s, _ := status(); s != "TERMINATING" {
		t.Errorf("after delete: %s", s)
	}
	f.clk.Advance(5 * time.Second)
	if s, _ := status(); s != "TERMINATED" {
		t.Errorf("5s after delete: %s", s)
	}
	if _, env := f.call("DELETE", "/v2/pods/"+id, ""); env.Code != codePodNotFound {
		t.Errorf("second delete: %+v", env)
	}
	if _, env := f.call("GET", "/v2/pods", ""); env.Code != codeSuccess {
		t.Errorf("list: %+v", env)
	}
}

func TestErrors_businessCodesOnHTTP200Or4xxAnd401(t *testing.T) {
	f := newFixture(t, Options{})
	if st, env := f.call("POST", "/v2/pods", `{"name":"p","image":"i","gpuType":"NVIDIA_RTX_4090_24G","gpuCount":3}`); st != 200 ||
		env.Code != codeInvalidParameters || !strings.Contains(env.Message, "power of 2") {
		t.Errorf("gpuCount 3: %d %+v", st, env)
	}
	if _, env := f.call("POST", "/v2/pods", `{"name":"p","image":"i","gpuType":"NVIDIA_RTX_4090_24G","gpuCount":1,"envVars":[]}`); !strings.Contains(env.Message, `unknown field "envVars"`) {
		t.Errorf("unknown field: %+v", env)
	}
	if st, env := f.call("GET", "/v2/pods/400000000000000000", ""); st != 200 || env.Code != codePodNotFound {
		t.Errorf("unknown pod: %d %+v", st, env)
	}
	if err := f.s.SetErrorStatus(ErrorStatus4xx); err != nil {
		t.Fatal(err)
	}
	if st, env := f.call("GET", "/v2/pods/400000000000000000", ""); st != 404 || env.Code != codePodNotFound {
		t.Errorf("unknown pod, 4xx mode: %d %+v", st, env)
	}
	req, _ := http.NewRequest("GET", f.url+"/v2/pods", nil)
	req.Header.Set("X-Api-Key", "wrong")
	resp, _ := http.DefaultClient.Do(req)
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("wrong key: HTTP %d", resp.StatusCode)
	}
}

func TestControls_faultsCallsStockRateLimit(t *testing.T) {
	f := newFixture(t, Options{})
	put := func(path, body string) int {
		req, _ := http.NewRequest(http.MethodPut, f.url+path, strings.NewReader(body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	resp, err := http.Post(f.url+"/_mock/faults", "application/json", strings.NewReader(`{"route":"GET /v2/pods","kind":"code","code":10002,"times":1}`))
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("fault: %v %v", resp, err)
	}
	if _, env := f.call("GET", "/v2/pods", ""); env.Code != codeSystemError {
		t.Errorf("faulted: %+v", env)
	}
	if _, env := f.call("GET", "/v2/pods", ""); env.Code != codeSuccess {
		t.Errorf("after the fault: %+v", env)
	}
	if calls := f.s.Calls(); len(calls) != 2 || calls[0].Fault != "code 10002" || calls[0].Code != codeSystemError || calls[1].Code != codeSuccess {
		t.Errorf("call log: %+v", calls)
	}
	if st := put("/_mock/stock", `{"gpuType":"NVIDIA_RTX_4090_24G","region":"us-east-1","free":0}`); st != http.StatusNoContent {
		t.Errorf("stock: %d", st)
	}
	if f.s.GPUStock("NVIDIA_RTX_4090_24G", "us-east-1") != 0 {
		t.Error("stock not set")
	}
	if st := put("/_mock/rate-limit", `{"perMinute":1}`); st != http.StatusNoContent {
		t.Errorf("rate limit: %d", st)
	}
	f.call("GET", "/v2/vms/types", "")
	if st, env := f.call("GET", "/v2/vms/types", ""); st != 429 || env.Code != 429 {
		t.Errorf("over the limit: %d %+v", st, env)
	}
	index, _ := http.Get(f.url + "/_mock/")
	body, _ := io.ReadAll(index.Body)
	index.Body.Close()
	if !strings.Contains(string(body), "/_mock/error-status") {
		t.Errorf("index: %s", body)
	}
}

// Every control the mock registers answers its index examples, and the call log's control
// hides secrets, environment variable values included: the kit's guarantees
// (internal/kit/mockkit), on this mock.
func TestEveryControlAnswersItsExamplesAndTheCallLogHidesSecrets(t *testing.T) {
	f := newFixture(t, Options{})
	f.call("POST", "/v2/container-registry-auths", `{"name":"hub","type":"DOCKER_HUB","username":"me","password":"hunter2"}`)
	_, env := f.call("POST", "/v2/pods", `{"name":"p","image":"img:1","gpuType":"NVIDIA_RTX_4090_24G","gpuCount":1,`+
		`"environmentVars":[{"key":"HF_TOKEN","value":"hf_s3cret"}],"imageRegistryPassword":"pw2"}`)
	id := env.obj()["id"].(json.Number).String()
	if !strings.Contains(f.s.Calls()[1].Body, "hf_s3cret") {
		t.Error("Calls() in the test's own process should keep the raw body")
	}
	calls, err := mockkit.ExerciseControls(f.url, f.s.Kit, strings.NewReplacer(examplePodID, id))
	if err != nil {
		t.Error(err)
	}
	for _, secret := range []string{"hunter2", "hf_s3cret", "pw2"} {
		if strings.Contains(calls, secret) {
			t.Errorf("GET /_mock/calls shows %q: %s", secret, calls)
		}
	}
	for _, kept := range []string{"HF_TOKEN", `"code":10000`} {
		if !strings.Contains(calls, kept) {
			t.Errorf("GET /_mock/calls lost %q: %s", kept, calls)
		}
	}
	if s := f.s.PodStatus(id); s != statusFailed {
		t.Errorf("the pods/{id}/fail example left the pod %s", s)
	}
}

var update = flag.Bool("update", false, "rewrite the guide's controls section from the mock's controls")

// The guide (yotta/templates/guides/testing-with-yotta-mock.md.tmpl) documents the controls
// as the mock serves them: its controls section is the kit's rendering of them (go test
// -update rewrites it; then run make docs).
func TestGuideDocumentsEveryControl(t *testing.T) {
	if err := mockkit.SyncGuide("../../../yotta/templates/guides/testing-with-yotta-mock.md.tmpl", New(Options{APIKey: "k"}).ControlsMarkdown(), *update); err != nil {
		t.Fatal(err)
	}
}
