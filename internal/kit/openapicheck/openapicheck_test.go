package openapicheck

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/api"
)

// restV2 is RunPod's REST v2 contract, the OpenAPI 3.1 document these tests check against.
var restV2 = Contract{Name: "REST v2", Prefix: "/v2/", Version: "3.1"}

// validPod is a Pod as the spec wants it: every required field, nulls where they are allowed.
const validPod = `{"id":"7h9k2m4n6p","name":"pytorch-training","image":"runpod/pytorch:2","args":"","disk":50,` +
	`"ports":["8888/http","22/tcp"],"env":{"A":"b"},"registry":null,"status":"RUNNING",` +
	`"actions":["stop","restart","terminate"],"mounts":{"persistent":{"size":20,"path":"/workspace"}},` +
	`"gpu":{"id":"NVIDIA GeForce RTX 4090","count":1},"cloud":"SECURE","dataCenterId":"US-KS-2",` +
	`"cudaVersion":"12.8","ssh":{"proxy":{"host":"ssh.runpod.io","port":22,"username":"x-1",` +
	`"command":"ssh x-1@ssh.runpod.io"},"direct":null},"template":null,"cost":0.44,"locked":false,` +
	`"globalNetworking":{"enabled":false},"runtime":null,"createdAt":"2026-06-01T12:00:00Z","startedAt":null}`

// pod returns validPod changed by edit.
func pod(edit func(m map[string]any)) string {
	var m map[string]any
	if err := json.Unmarshal([]byte(validPod), &m); err != nil {
		panic(err)
	}
	edit(m)
	b, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return string(b)
}

const gpuType = `{"id":"NVIDIA GeForce RTX 4090","name":"RTX 4090","pool":"ADA_24","manufacturer":"NVIDIA",` +
	`"memory":24,"secure":true,"community":true,"price":{"secure":0.44,"community":0.31},` +
	`"maxCount":{"secure":8,"community":4}}`

const createPod = `{"name":"p","image":"img","gpu":{"id":"NVIDIA GeForce RTX 4090","count":1},"cloud":"SECURE",` +
	`"dataCenterIds":["US-KS-2"],"disk":20,"ports":["22/tcp"],"env":{"K":"v"}}`

const (
	problem422 = `{"title":"Unprocessable Entity","status":422,"detail":"Request validation failed."}`
	problem404 = `{"title":"Not Found","status":404,"detail":"pod not found"}`
	jsonCT     = "application/json"
	problemCT  = "application/problem+json"
)

// tcase is one exchange: what the client sends, what the fake handler answers, and the
// violations expected ("request: substring" or "response: substring"; none when empty).
type tcase struct {
	name   string
	method string
	target string
	body   string
	reqCT  string // request Content-Type; application/json when body is set and this is empty
	noAuth bool
	mark   bool // MarkExpectInvalid

	status     int
	respCT     string
	respBody   string
	respHeader map[string]string

	want []string
}

var cases = []tcase{
	// What the provider must never send. The handler answers 422 as the API would, so only
	// the request side is flagged.
	{name: "unknown top-level field", method: "POST", target: "/v2/pods", body: `{"name":"p","image":"img","gpu":{"id":"X"},"dataCenterId":"US-KS-2"}`,
		status: 422, respCT: problemCT, respBody: problem422, want: []string{"request: $.dataCenterId: not allowed (unevaluatedProperties: false)"}},
	{name: "unknown nested field", method: "POST", target: "/v2/pods", body: `{"name":"p","image":"img","gpu":{"id":"X","foo":1}}`,
		status: 422, respCT: problemCT, respBody: problem422, want: []string{"request: $.gpu.foo: not allowed"}},
	{name: "missing name", method: "POST", target: "/v2/pods", body: `{"image":"img","gpu":{"id":"X"}}`,
		status: 422, respCT: problemCT, respBody: problem422, want: []string{"request: missing property 'name'"}},
	{name: "wrong enum", method: "POST", target: "/v2/pods", body: `{"name":"p","image":"img","gpu":{"id":"X"},"cloud":"ALL"}`,
		status: 422, respCT: problemCT, respBody: problem422, want: []string{"request: $.cloud: value must be one of 'SECURE', 'COMMUNITY'"}},
	{name: "wrong type", method: "POST", target: "/v2/pods", body: `{"name":"p","image":"img","gpu":{"id":"X"},"disk":"50"}`,
		status: 422, respCT: problemCT, respBody: problem422, want: []string{"request: $.disk: got string, want integer"}},
	{name: "neither image nor templateId (if/then)", method: "POST", target: "/v2/pods", body: `{"name":"p","gpu":{"id":"X"}}`,
		status: 422, respCT: problemCT, respBody: problem422, want: []string{"request: missing property 'image'"}},
	{name: "update with a create-only field", method: "PATCH", target: "/v2/pods/abc", body: `{"name":"n","gpu":{"id":"X"}}`,
		status: 422, respCT: problemCT, respBody: problem422, want: []string{"request: $.gpu: not allowed"}},
	{name: "create without a body", method: "POST", target: "/v2/pods",
		status: 422, respCT: problemCT, respBody: problem422, want: []string{"request: request content type '' does not exist"}},
	{name: "create with text/plain", method: "POST", target: "/v2/pods", body: "hello", reqCT: "text/plain",
		status: 422, respCT: problemCT, respBody: problem422, want: []string{"request: content type 'text/plain'"}},
	{name: "unknown path", method: "GET", target: "/v2/nope",
		status: 404, respCT: problemCT, respBody: problem404, want: []string{"request: GET Path '/v2/nope' not found"}},
	{name: "unknown method", method: "PUT", target: "/v2/pods", body: `{}`,
		status: 405, respCT: problemCT, respBody: problem404, want: []string{"request: PUT Path '/v2/pods' not found"}},
	{name: "query enum", method: "GET", target: "/v2/catalog/gpus?include=BOGUS",
		status: 400, respCT: problemCT, respBody: problem422, want: []string{"request: Query array parameter 'include' does not match allowed values"}},
	{name: "query minimum", method: "GET", target: "/v2/catalog/gpus?include=AVAILABILITY&product=POD&count=0",
		status: 400, respCT: problemCT, respBody: problem422, want: []string{"request: Query parameter 'count' failed to validate"}},
	{name: "explode:false array with a bad member", method: "GET", target: "/v2/catalog/datacenters?include=GPU_AVAILABILITY,BOGUS",
		status: 400, respCT: problemCT, respBody: problem422, want: []string{"request: $: Array item 'BOGUS' does not match any enum values: [GPU_AVAILABILITY, CPU_AVAILABILITY]"}},
	{name: "undeclared query parameter", method: "GET", target: "/v2/catalog/gpus?stock=true",
		status: 400, respCT: problemCT, respBody: problem422, want: []string{`request: query parameter "stock" is not declared for GET /v2/catalog/gpus`}},
	{name: "no Authorization", method: "GET", target: "/v2/pods", noAuth: true,
		status: 401, respCT: problemCT, respBody: `{"title":"Unauthorized","status":401,"detail":"missing bearer token"}`,
		want: []string{"request: Authorization header was not found"}},

	{name: "undeclared query parameter, ignored", method: "GET", target: "/v2/pods?includeClusterPod=true",
		status: 200, respCT: jsonCT, respBody: `{"pods":[]}`, want: []string{`request: query parameter "includeClusterPod" is not declared`}},

	// What the provider may send.
	{name: "pod create, charset", method: "POST", target: "/v2/pods", body: createPod, reqCT: "application/json; charset=utf-8",
		status: 201, respCT: jsonCT, respBody: validPod},
	{name: "list pods with cluster pods", method: "GET", target: "/v2/pods?includeClusterPods=true", status: 200, respCT: jsonCT,
		respBody: `{"pods":[` + validPod + `]}`},
	{name: "log stream (text/event-stream)", method: "GET", target: "/v2/pods/abc/logs?tail=10&source=container", status: 200,
		respCT: "text/event-stream", respHeader: map[string]string{"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
		respBody: "id: 1\ndata: {\"ts\":\"2026-06-01T12:02:03Z\",\"source\":\"container\",\"line\":\"up\"}\n\n"},
	{name: "pod create", method: "POST", target: "/v2/pods", body: createPod, status: 201, respCT: jsonCT, respBody: validPod},
	{name: "pod create from a template", method: "POST", target: "/v2/pods", body: `{"name":"p","templateId":"t1","gpu":{"id":"X","allowedCudaVersions":["12.8"]}}`,
		status: 201, respCT: jsonCT, respBody: validPod},
	{name: "pod update with nulls and empties", method: "PATCH", target: "/v2/pods/abc", body: `{"name":"n","registry":null,"ports":[]}`,
		status: 200, respCT: jsonCT, respBody: validPod},
	{name: "pod action", method: "POST", target: "/v2/pods/abc/action", body: `{"action":"stop"}`, status: 200, respCT: jsonCT, respBody: validPod},
	{name: "GPU id with spaces in the path", method: "GET", target: "/v2/catalog/gpus/NVIDIA%20GeForce%20RTX%204090",
		status: 200, respCT: jsonCT, respBody: gpuType},
	{name: "availability query", method: "GET", target: "/v2/catalog/gpus?include=AVAILABILITY&product=POD&count=2&cloud=SECURE",
		status: 200, respCT: jsonCT, respBody: `{"gpus":[` + gpuType + `]}`},
	{name: "explode:false arrays", method: "GET", target: "/v2/catalog/gpus?include=AVAILABILITY&product=POD,SERVERLESS",
		status: 200, respCT: jsonCT, respBody: `{"gpus":[]}`},
	{name: "data centers with both includes", method: "GET", target: "/v2/catalog/datacenters?include=GPU_AVAILABILITY,CPU_AVAILABILITY",
		status: 200, respCT: jsonCT, respBody: `{"dataCenters":[]}`},
	{name: "delete, 204 without a body", method: "DELETE", target: "/v2/pods/abc", status: 204},
	{name: "201 with RateLimit headers", method: "POST", target: "/v2/pods", body: createPod, status: 201, respCT: jsonCT, respBody: validPod,
		respHeader: map[string]string{"RateLimit": `"minute";r=59;t=60`, "RateLimit-Policy": `"minute";q=60;w=60`}},
	{name: "201 with a charset", method: "POST", target: "/v2/pods", body: createPod, status: 201, respCT: "application/json; charset=utf-8", respBody: validPod},
	{name: "429 with Retry-After", method: "GET", target: "/v2/pods", status: 429, respCT: problemCT,
		respHeader: map[string]string{"Retry-After": "12"}, respBody: `{"title":"Too Many Requests","status":429,"detail":"slow down"}`},
	{name: "404 problem+json", method: "GET", target: "/v2/pods/abc", status: 404, respCT: problemCT, respBody: problem404},
	{name: "422 problem+json with errors", method: "POST", target: "/v2/pods", body: createPod, status: 422, respCT: problemCT,
		respBody: `{"title":"Unprocessable Entity","status":422,"detail":"bad","errors":["$: x"]}`},
	{name: "running pod", method: "GET", target: "/v2/pods/abc", status: 200, respCT: jsonCT, respBody: pod(func(m map[string]any) {
		m["runtime"] = map[string]any{"uptime": 3600, "ports": []any{map[string]any{"private": 22, "public": 34446, "type": "tcp", "ip": "1.2.3.4"}}}
		m["startedAt"] = "2026-06-01T12:02:00Z"
	})},
	{name: "pod with a field the spec does not list (Pod allows it)", method: "GET", target: "/v2/pods/abc", status: 200, respCT: jsonCT,
		respBody: pod(func(m map[string]any) { m["extra"] = 1 })},

	// What the mock must never answer.
	{name: "pod without status", method: "GET", target: "/v2/pods/abc", status: 200, respCT: jsonCT,
		respBody: pod(func(m map[string]any) { delete(m, "status") }), want: []string{"response: missing property 'status'"}},
	{name: "pod status out of enum", method: "GET", target: "/v2/pods/abc", status: 200, respCT: jsonCT,
		respBody: pod(func(m map[string]any) { m["status"] = "BOGUS" }), want: []string{"response: $.status: value must be one of"}},
	{name: "null where not nullable", method: "GET", target: "/v2/pods/abc", status: 200, respCT: jsonCT,
		respBody: pod(func(m map[string]any) { m["cost"] = nil }), want: []string{"response: $.cost: got null, want number"}},
	{name: "not a date-time", method: "GET", target: "/v2/pods/abc", status: 200, respCT: jsonCT,
		respBody: pod(func(m map[string]any) { m["createdAt"] = "yesterday" }), want: []string{"response: $.createdAt: 'yesterday' is not valid date-time"}},
	{name: "unknown field where additionalProperties is false", method: "GET", target: "/v2/pods/abc", status: 200, respCT: jsonCT,
		respBody: pod(func(m map[string]any) { m["mounts"] = map[string]any{"foo": 1} }), want: []string{"response: $.mounts: additional properties 'foo' not allowed"}},
	{name: "error body not problem+json", method: "GET", target: "/v2/pods/abc", status: 404, respCT: jsonCT, respBody: `{"error":"not found"}`,
		want: []string{"response: response content type 'application/json' does not exist"}},
	{name: "problem+json without detail", method: "GET", target: "/v2/pods/abc", status: 404, respCT: problemCT, respBody: `{"title":"Not Found","status":404}`,
		want: []string{"response: missing property 'detail'"}},
	{name: "201 as text/plain", method: "POST", target: "/v2/pods", body: createPod, status: 201, respCT: "text/plain", respBody: "ok",
		want: []string{"response: response content type 'text/plain' does not exist"}},
	{name: "201 with an empty body", method: "POST", target: "/v2/pods", body: createPod, status: 201, respCT: jsonCT,
		want: []string{"response: the spec declares a body for 201 but the response has none"}},
	{name: "204 with a body", method: "DELETE", target: "/v2/pods/abc", status: 204, respCT: jsonCT, respBody: validPod,
		want: []string{"response: the spec declares no body for 204 but the response has"}},
	{name: "undeclared status falls to default (problem+json)", method: "POST", target: "/v2/pods", body: createPod, status: 200, respCT: jsonCT, respBody: validPod,
		want: []string{"response: response content type 'application/json' does not exist"}},
	{name: "429 with a Retry-After that is not an integer", method: "GET", target: "/v2/pods", status: 429, respCT: problemCT,
		respHeader: map[string]string{"Retry-After": "soon"}, respBody: `{"title":"Too Many Requests","status":429,"detail":"slow down"}`,
		want: []string{"response: header 'retry-after' failed to validate: $: got string, want integer"}},
	{name: "GPU type without id", method: "GET", target: "/v2/catalog/gpus/X", status: 200, respCT: jsonCT,
		respBody: strings.Replace(gpuType, `"id":"NVIDIA GeForce RTX 4090",`, "", 1), want: []string{"response: missing property 'id'"}},
	{name: "2xx to a request that breaks the spec", method: "POST", target: "/v2/pods", body: `{"name":"p","image":"img","gpu":{"id":"X"},"dataCenterId":"US-KS-2"}`,
		status: 201, respCT: jsonCT, respBody: validPod,
		want: []string{"request: $.dataCenterId: not allowed", "response: answered 201 to a request that breaks the spec; want a 4xx"}},

	// Requests sent invalid on purpose.
	{name: "marked invalid, rejected", method: "POST", target: "/v2/pods", body: `{"name":"p","image":"img","gpu":{"id":"X"},"cloud":"ALL"}`, mark: true,
		status: 422, respCT: problemCT, respBody: problem422},
	{name: "marked invalid, unauthenticated, rejected", method: "GET", target: "/v2/pods", noAuth: true, mark: true,
		status: 401, respCT: problemCT, respBody: `{"title":"Unauthorized","status":401,"detail":"missing bearer token"}`},
	{name: "marked invalid, accepted", method: "POST", target: "/v2/pods", body: `{"name":"p","image":"img","gpu":{"id":"X"},"cloud":"ALL"}`, mark: true,
		status: 201, respCT: jsonCT, respBody: validPod, want: []string{"response: answered 201 to a request marked X-Conformance-Expect-Invalid"}},
	{name: "marked invalid, but valid", method: "POST", target: "/v2/pods", body: createPod, mark: true,
		status: 422, respCT: problemCT, respBody: problem422, want: []string{"request: marked X-Conformance-Expect-Invalid but conforms to the spec"}},
	{name: "marked invalid, but valid and the answer is bad too", method: "POST", target: "/v2/pods", body: createPod, mark: true,
		status: 422, respCT: jsonCT, respBody: `{}`, want: []string{"request: marked", "response: content type 'application/json' does not exist"}},
}

func newRequest(t testing.TB, tc tcase, base string) *http.Request {
	t.Helper()
	var body io.Reader
	if tc.body != "" {
		body = strings.NewReader(tc.body)
	}
	r, err := http.NewRequest(tc.method, base+tc.target, body)
	if err != nil {
		t.Fatal(err)
	}
	if tc.body != "" {
		ct := tc.reqCT
		if ct == "" {
			ct = jsonCT
		}
		r.Header.Set("Content-Type", ct)
	}
	if !tc.noAuth {
		r.Header.Set("Authorization", "Bearer rpa_test")
	}
	if tc.mark {
		MarkExpectInvalid(r)
	}
	return r
}

// fake answers what tc says.
func fake(tc tcase) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil {
			if _, err := io.ReadAll(r.Body); err != nil {
				panic(err)
			}
		}
		for k, v := range tc.respHeader {
			w.Header().Set(k, v)
		}
		if tc.respCT != "" {
			w.Header().Set("Content-Type", tc.respCT)
		}
		w.WriteHeader(tc.status)
		_, _ = io.WriteString(w, tc.respBody)
	})
}

func newChecker(t testing.TB) *Checker {
	t.Helper()
	c, err := New(api.RESTv2, restV2)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// checkWant compares vs with want (see tcase.want).
func checkWant(t *testing.T, vs []Violation, want []string) {
	t.Helper()
	wantSide := map[Side]bool{}
	for _, w := range want {
		side, sub, _ := strings.Cut(w, ": ")
		wantSide[Side(side)] = true
		found := false
		for _, v := range vs {
			if v.Side == Side(side) && strings.Contains(v.Message, sub) {
				found = true
			}
		}
		if !found {
			t.Errorf("want a %s-side violation containing %q; got %v", side, sub, vs)
		}
	}
	for _, v := range vs {
		if !wantSide[v.Side] {
			t.Errorf("unexpected %s", v)
		}
	}
}

func TestCases(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := newChecker(t)
			rec := httptest.NewRecorder()
			c.Wrap(fake(tc)).ServeHTTP(rec, newRequest(t, tc, "http://runpod.test"))
			if rec.Code != tc.status || rec.Body.String() != tc.respBody {
				t.Errorf("passed on %d %q; want %d %q", rec.Code, rec.Body.String(), tc.status, tc.respBody)
			}
			vs := c.Violations()
			checkWant(t, vs, tc.want)
			for _, v := range vs {
				if v.Status != tc.status || v.Method != tc.method || v.Path != tc.target {
					t.Errorf("violation %s: want %s %s -> %d", v, tc.method, tc.target, tc.status)
				}
			}
		})
	}
}

// TestOverTheWire sends every case through a real server, as the acceptance tests do: the
// escaped GPU id and the query survive, and the client gets the handler's answer unchanged.
func TestOverTheWire(t *testing.T) {
	c := newChecker(t)
	var mu sync.Mutex
	current := map[string]tcase{}
	srv := httptest.NewServer(c.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		tc := current[r.Header.Get("X-Case")]
		mu.Unlock()
		fake(tc).ServeHTTP(w, r)
	})))
	defer srv.Close()
	for _, tc := range cases {
		mu.Lock()
		current[tc.name] = tc
		mu.Unlock()
		c.Reset()
		r := newRequest(t, tc, srv.URL)
		r.Header.Set("X-Case", tc.name)
		resp, err := srv.Client().Do(r)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		wantBody := tc.respBody
		if tc.status == http.StatusNoContent {
			wantBody = "" // net/http drops it; the checker saw the handler write it
		}
		if resp.StatusCode != tc.status || string(b) != wantBody {
			t.Errorf("%s: got %d %q; want %d %q", tc.name, resp.StatusCode, b, tc.status, wantBody)
		}
		t.Run(tc.name, func(t *testing.T) { checkWant(t, c.Violations(), tc.want) })
	}
}

func TestIgnoredRoutes(t *testing.T) {
	c := newChecker(t)
	h := c.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTeapot)
		_, _ = io.WriteString(w, "anything")
	}))
	for _, target := range []string{"/_mock/calls", "/_mock/faults", "/v1/pods", "/pods", "/graphql", "/v2", "/"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("POST", target, strings.NewReader("{bogus")))
		if rec.Code != http.StatusTeapot || rec.Body.String() != "anything" {
			t.Errorf("%s: got %d %q", target, rec.Code, rec.Body.String())
		}
	}
	if err := c.Err(); err != nil {
		t.Error(err)
	}
}

// TestHandlerPanics: a handler that drops the connection (the mock's fault injection panics
// with http.ErrAbortHandler) still gets the request's violations recorded, with status 0.
func TestHandlerPanics(t *testing.T) {
	c := newChecker(t)
	h := c.Wrap(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(http.ErrAbortHandler) }))
	tc := cases[0]
	func() {
		defer func() {
			if p := recover(); p != http.ErrAbortHandler {
				t.Errorf("recovered %v; want http.ErrAbortHandler", p)
			}
		}()
		h.ServeHTTP(httptest.NewRecorder(), newRequest(t, tc, "http://runpod.test"))
	}()
	vs := c.Violations()
	if len(vs) != 1 || vs[0].Side != Request || vs[0].Status != 0 {
		t.Errorf("got %v; want one request-side violation with status 0", vs)
	}
}

func TestResetAndErr(t *testing.T) {
	c := newChecker(t)
	tc := cases[0]
	c.Wrap(fake(tc)).ServeHTTP(httptest.NewRecorder(), newRequest(t, tc, "http://runpod.test"))
	err := c.Err()
	if err == nil || !strings.Contains(err.Error(), "1 REST v2 contract violation(s):\n  POST /v2/pods (/v2/pods) -> 422: request: ") {
		t.Errorf("Err() = %v", err)
	}
	c.Reset()
	if err := c.Err(); err != nil || len(c.Violations()) != 0 {
		t.Errorf("after Reset: %v", err)
	}
}

func TestNew(t *testing.T) {
	if _, err := New([]byte("{not json"), restV2); err == nil {
		t.Error("New accepted garbage")
	}
	if _, err := New(api.RESTv1, restV2); err == nil || !strings.Contains(err.Error(), "want 3.1") {
		t.Errorf("New(RESTv1) = %v; want a version error", err)
	}
	newChecker(t) // load once
	start := time.Now()
	a, b := newChecker(t), newChecker(t)
	if elapsed := time.Since(start); elapsed > 100*time.Millisecond {
		t.Errorf("New with a loaded spec took %v", elapsed)
	}
	if a.spec != b.spec || a == b {
		t.Error("checkers do not share the loaded spec, or are the same checker")
	}
}

// TestConcurrent runs many exchanges at once through one server and one shared checker, plus
// a checker per goroutine; run it with -race.
func TestConcurrent(t *testing.T) {
	shared := newChecker(t)
	byName := map[string]tcase{}
	for _, tc := range cases {
		byName[tc.name] = tc
	}
	srv := httptest.NewServer(shared.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fake(byName[r.Header.Get("X-Case")]).ServeHTTP(w, r)
	})))
	defer srv.Close()

	const workers, rounds = 8, 3
	wantTotal := 0
	for _, tc := range cases {
		wantTotal += len(tc.want)
	}
	var wg sync.WaitGroup
	errs := make(chan error, workers*rounds*len(cases))
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			own := newChecker(t)
			for i := range rounds {
				for j := range cases {
					tc := cases[(j+w+i)%len(cases)]
					r := newRequest(t, tc, srv.URL)
					r.Header.Set("X-Case", tc.name)
					resp, err := srv.Client().Do(r)
					if err != nil {
						errs <- err
						return
					}
					_, _ = io.Copy(io.Discard, resp.Body)
					_ = resp.Body.Close()
					// The same exchange through this goroutine's own checker, in process.
					own.Wrap(fake(tc)).ServeHTTP(httptest.NewRecorder(), newRequest(t, tc, "http://runpod.test"))
				}
			}
			if got := len(own.Violations()); got != wantTotal*rounds {
				errs <- fmt.Errorf("worker %d: %d violations; want %d", w, got, wantTotal*rounds)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := len(shared.Violations()); got != wantTotal*rounds*workers {
		t.Errorf("shared checker: %d violations; want %d", got, wantTotal*rounds*workers)
	}
}

var pathParam = regexp.MustCompile(`\{[^}]+\}`)

// TestSpecExamples answers every response example of the spec (and sends every request body
// example) through the checker: the spec agrees with itself, and the checker has no false
// positive on it. When RunPod's spec is replaced, this is the first test to read.
func TestSpecExamples(t *testing.T) {
	var doc struct {
		Paths      map[string]map[string]json.RawMessage
		Components struct{ Responses map[string]json.RawMessage }
	}
	if err := json.Unmarshal(api.RESTv2, &doc); err != nil {
		t.Fatal(err)
	}
	type mediaType struct {
		Examples map[string]struct{ Value any }
	}
	type response struct {
		Ref     string `json:"$ref"`
		Content map[string]mediaType
	}
	type operation struct {
		RequestBody *struct{ Content map[string]mediaType }
		Responses   map[string]response
	}
	n := 0
	exchange := func(tc tcase, responseOnly bool) {
		c := newChecker(t)
		c.Wrap(fake(tc)).ServeHTTP(httptest.NewRecorder(), newRequest(t, tc, "http://runpod.test"))
		for _, v := range c.Violations() {
			if responseOnly && (v.Side == Request || strings.HasPrefix(v.Message, "answered ")) {
				continue // the request is made up
			}
			t.Error(v)
		}
		n++
	}
	var names []string
	for p := range doc.Paths {
		names = append(names, p)
	}
	sort.Strings(names)
	for _, p := range names {
		target := pathParam.ReplaceAllString(p, "x")
		for method, raw := range doc.Paths[p] {
			if method == "parameters" {
				continue
			}
			var op operation
			if err := json.Unmarshal(raw, &op); err != nil {
				t.Fatal(err)
			}
			method = strings.ToUpper(method)
			// The request: each body example, or none.
			var bodies []string
			if op.RequestBody != nil {
				for _, ex := range op.RequestBody.Content[jsonCT].Examples {
					b, _ := json.Marshal(ex.Value)
					bodies = append(bodies, string(b))
				}
				sort.Strings(bodies)
			}
			for _, body := range bodies {
				exchange(tcase{method: method, target: target, body: body, status: 422, respCT: problemCT, respBody: problem422}, false)
			}
			// Each response example, answering the first request body example, or a made-up
			// request whose violations do not count when the operation has no such example.
			body, madeUp := "", op.RequestBody != nil && len(bodies) == 0
			if len(bodies) > 0 {
				body = bodies[0]
			} else if madeUp {
				body = "{}"
			}
			for code, r := range op.Responses {
				if r.Ref != "" {
					if err := json.Unmarshal(doc.Components.Responses[strings.TrimPrefix(r.Ref, "#/components/responses/")], &r); err != nil {
						t.Fatal(err)
					}
				}
				status := 500
				if code != "default" {
					_, _ = fmt.Sscanf(code, "%d", &status)
				}
				for ct, mt := range r.Content {
					for _, ex := range mt.Examples {
						var b []byte
						if s, ok := ex.Value.(string); ok && !strings.Contains(ct, "json") {
							b = []byte(s)
						} else {
							b, _ = json.Marshal(ex.Value)
						}
						exchange(tcase{method: method, target: target, body: body, status: status, respCT: ct, respBody: string(b)}, madeUp)
					}
				}
			}
		}
	}
	if n < 200 {
		t.Errorf("only %d exchanges built from the spec's examples", n)
	}
	t.Logf("%d exchanges from the spec's examples", n)
}

// BenchmarkPodCreate: one pod create request and its 201 answer through Wrap.
func BenchmarkPodCreate(b *testing.B) {
	c := newChecker(b)
	tc := cases[0]
	for _, cc := range cases {
		if cc.name == "pod create" {
			tc = cc
		}
	}
	h := c.Wrap(fake(tc))
	b.ReportAllocs()
	for b.Loop() {
		h.ServeHTTP(httptest.NewRecorder(), newRequest(b, tc, "http://runpod.test"))
	}
	b.StopTimer()
	if err := c.Err(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkLoad: parsing and compiling the spec, what the first New pays.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := build(api.RESTv2, restV2.Version); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewLoaded: New once the spec is loaded.
func BenchmarkNewLoaded(b *testing.B) {
	newChecker(b)
	b.ReportAllocs()
	for b.Loop() {
		newChecker(b)
	}
}

// TestKnockOnReportsLeftOut: with unevaluatedProperties over allOf, one failing property makes
// JSON Schema 2020-12 report its declared siblings "not allowed" too; the message keeps only
// the failures that say something.
func TestKnockOnReportsLeftOut(t *testing.T) {
	const prefix = "POST request body for '/v2/pods' failed to validate schema: "
	for body, want := range map[string]string{
		`{"name":"p","image":"img","gpu":{"id":"X","foo":1},"bogus":true}`:                                       "$.gpu.foo: not allowed (unevaluatedProperties: false); $.bogus: not allowed (unevaluatedProperties: false)",
		`{"image":"img","gpu":{"id":"X"}}`:                                                                       "$: missing property 'name'",
		`{"name":"p","image":"img","gpu":{"id":"X"},"disk":"50"}`:                                                "$.disk: got string, want integer",
		`{"name":"p","image":"img","gpu":{"id":"X"},"mounts":{"network":[{"volumeId":"v","path":"/x","zz":1}]}}`: "$.mounts.network[0]: additional properties 'zz' not allowed",
		`{"name":"p","image":"img","cpu":{"id":"cpu3c-2-4","vcpuCount":2,"zz":1}}`:                               "$.cpu.zz: not allowed (unevaluatedProperties: false)",
	} {
		c := newChecker(t)
		tc := tcase{method: "POST", target: "/v2/pods", body: body, status: 422, respCT: problemCT, respBody: problem422}
		c.Wrap(fake(tc)).ServeHTTP(httptest.NewRecorder(), newRequest(t, tc, "http://runpod.test"))
		vs := c.Violations()
		if len(vs) != 1 || vs[0].Message != prefix+want {
			t.Errorf("%s:\n got %v\nwant %s", body, vs, prefix+want)
		}
	}
}
