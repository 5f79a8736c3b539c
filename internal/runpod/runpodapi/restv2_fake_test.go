package runpodapi

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeV2 is a scripted REST v2 server: each route ("POST /v2/pods") answers its scripted
// answers in order (the last repeats); an unscripted route answers 599 and fails the test.
type fakeV2 struct {
	t      *testing.T
	mu     sync.Mutex
	routes map[string][]answer
	hits   map[string]int
	calls  []call
}

type answer struct {
	status  int
	body    string
	headers []string // name, value, ...
	hangUp  bool     // close the connection without answering
}

// call is one request the fake received.
type call struct {
	method, path, rawQuery, body string
	header                       http.Header
}

func (c call) String() string {
	s := c.method + " " + c.path
	if c.rawQuery != "" {
		s += "?" + c.rawQuery
	}
	return s
}

func newFakeV2(t *testing.T) (*fakeV2, *restV2, *[]time.Duration) {
	t.Helper()
	f := &fakeV2{t: t, routes: map[string][]answer{}, hits: map[string]int{}}
	srv := httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(srv.Close)
	c, err := newRESTv2(Config{
		APIKey: "rp_secret_key", APIURL: srv.URL, GraphQLURL: srv.URL + "/graphql", UserAgent: "test",
		Retry: RetryPolicy{MaxAttempts: 3, MinBackoff: 100 * time.Millisecond, MaxBackoff: time.Second},
	})
	if err != nil {
		t.Fatal(err)
	}
	return f, c, fakeClock(c.t)
}

// on scripts the answers of a route.
func (f *fakeV2) on(route string, answers ...answer) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.routes[route] = answers
}

func (f *fakeV2) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	route := r.Method + " " + r.URL.Path
	f.mu.Lock()
	f.calls = append(f.calls, call{method: r.Method, path: r.URL.Path, rawQuery: r.URL.RawQuery, body: string(body), header: r.Header.Clone()})
	answers, ok := f.routes[route]
	i := f.hits[route]
	f.hits[route]++
	f.mu.Unlock()
	if !ok {
		f.t.Errorf("unexpected request %s", route)
		w.WriteHeader(599)
		return
	}
	a := answers[min(i, len(answers)-1)]
	if a.hangUp {
		hangUp(w)
		return
	}
	for j := 0; j+1 < len(a.headers); j += 2 {
		w.Header().Set(a.headers[j], a.headers[j+1])
	}
	if a.status >= 400 {
		w.Header().Set("Content-Type", "application/problem+json")
	} else {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(a.status)
	_, _ = io.WriteString(w, a.body)
}

// routesCalled lists the calls as "METHOD path?query".
func (f *fakeV2) routesCalled() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]string, len(f.calls))
	for i, c := range f.calls {
		out[i] = c.String()
	}
	return out
}

// bodies returns the bodies sent to route, in order.
func (f *fakeV2) bodies(route string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, c := range f.calls {
		if c.method+" "+c.path == route {
			out = append(out, c.body)
		}
	}
	return out
}

func ok(body string, headers ...string) answer {
	return answer{status: 200, body: body, headers: headers}
}
func created(body string) answer { return answer{status: 201, body: body} }
func noContent() answer          { return answer{status: 204} }

// problem is a problem+json answer.
func problem(status int, detail string, errs ...string) answer {
	b := map[string]any{"title": http.StatusText(status), "status": status, "detail": detail}
	if len(errs) > 0 {
		b["errors"] = errs
	}
	out, _ := json.Marshal(b)
	return answer{status: status, body: string(out), headers: []string{"X-Request-Id", "req-" + http.StatusText(status)}}
}

const capacityDetail = "There are no longer any instances available with the requested specifications. Please refresh and try again."

// assertJSON fails unless got and want are the same JSON value.
func assertJSON(t *testing.T, got, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("got is not JSON: %v\n%s", err, got)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("want is not JSON: %v\n%s", err, want)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("JSON differs\n got: %s\nwant: %s", compact(got), compact(want))
	}
}

func compact(s string) string {
	var v any
	if json.Unmarshal([]byte(s), &v) != nil {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func assertCalls(t *testing.T, f *fakeV2, want ...string) {
	t.Helper()
	if got := f.routesCalled(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("calls:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// A pod as REST v2 answers it: a running GPU pod with a pod volume.
const v2PodJSON = `{
  "id": "p1", "name": "trainer", "status": "RUNNING", "actions": ["stop", "restart", "terminate"],
  "image": "runpod/pytorch:2.4.0", "args": "python -c 'print(1)'", "disk": 50,
  "env": {"A": "1"}, "ports": ["8888/http", "22/tcp"], "registry": "reg1",
  "mounts": {"persistent": {"size": 20, "path": "/workspace"}},
  "gpu": {"id": "NVIDIA GeForce RTX 4090", "count": 1}, "cloud": "SECURE", "dataCenterId": "EU-RO-1",
  "cudaVersion": "12.8",
  "ssh": {"proxy": {"host": "ssh.runpod.io", "port": 22, "username": "p1-abc", "command": "ssh p1-abc@ssh.runpod.io"},
          "direct": {"host": "195.26.233.3", "port": 34446, "username": "root", "command": "ssh root@195.26.233.3 -p 34446"}},
  "template": null, "cost": 0.69, "locked": false,
  "globalNetworking": {"enabled": true, "ip": "10.0.0.2", "internalDns": "p1.runpod.internal"},
  "runtime": {"uptime": 120, "gpus": [{"util": 40, "memoryUtil": 10}], "cpu": {"util": 5}, "memory": {"util": 7},
              "ports": [{"private": 22, "public": 34446, "type": "tcp", "ip": "195.26.233.3"},
                        {"private": 8888, "public": null, "type": "http", "ip": null}]},
  "createdAt": "2026-09-01T10:00:00Z", "startedAt": "2026-09-01T10:01:00Z"
}`

func podJSON(id, status string, actions ...string) string {
	a, _ := json.Marshal(actions)
	return `{"id":"` + id + `","name":"n","status":"` + status + `","actions":` + string(a) + `,"image":"img","gpu":{"id":"G","count":1},"cloud":"SECURE"}`
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

func jsonMarshal(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}
