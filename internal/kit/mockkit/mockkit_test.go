package mockkit_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
)

// thingsMock is the smallest mock on the kit: POST /things stores a thing, GET /things lists
// them, requests need "Key: k", refusals are {"error": ...} and, with codes, answers carry an
// envelope code.
type thingsMock struct {
	*mockkit.Kit
	srv   *httptest.Server
	clock *mockkit.Clock

	mu        sync.Mutex
	things    []string
	bootDelay time.Duration
}

func newThingsMock(t *testing.T, configure ...func(*mockkit.Options)) *thingsMock {
	t.Helper()
	m := &thingsMock{clock: mockkit.NewClock(time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC))}
	opts := mockkit.Options{
		Name: "things-mock", Now: m.clock.Now,
		Authorize: func(w http.ResponseWriter, r *http.Request) bool {
			if r.Header.Get("Key") == "k" {
				return true
			}
			mockkit.WriteJSON(w, http.StatusUnauthorized, map[string]any{"error": "no key"})
			return false
		},
		Refuse: func(w http.ResponseWriter, _ *http.Request, refusal mockkit.Refusal) {
			mockkit.WriteJSON(w, refusal.Status, map[string]any{"error": refusal.Message})
		},
		SetBootDelay: func(d time.Duration) {
			m.mu.Lock()
			defer m.mu.Unlock()
			m.bootDelay = d
		},
		BootDelayHelp: "how long things take to boot",
		APIs:          "API (Key: <key>):  $BASE/things",
		Notes:         "Things are kept in memory.",
		FaultExamples: []string{`{"route":"POST /things","kind":"drop_after","times":1}`},
	}
	for _, c := range configure {
		c(&opts)
	}
	m.Kit = mockkit.New(opts)
	m.Mux().HandleFunc("GET /things", func(w http.ResponseWriter, r *http.Request) {
		m.mu.Lock()
		defer m.mu.Unlock()
		mockkit.WriteJSON(w, http.StatusOK, map[string]any{"code": 0, "things": append([]string{}, m.things...)})
	})
	m.Mux().HandleFunc("POST /things", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		m.mu.Lock()
		defer m.mu.Unlock()
		m.things = append(m.things, string(body))
		mockkit.WriteJSON(w, http.StatusCreated, map[string]any{"code": 0})
	})
	m.Control(mockkit.Control{Pattern: "PUT /_mock/things/{id}/color", Help: "paint a thing",
		Examples: []string{`-X PUT $BASE/_mock/things/1/color -d '{"color":"red"}'`},
		Handler:  func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) }})
	m.srv = httptest.NewServer(m)
	t.Cleanup(m.srv.Close)
	return m
}

// withCodes gives the mock envelope codes: code faults answer HTTP 200 with the code, and the
// call log reads each answer's code.
func withCodes(o *mockkit.Options) {
	o.RenderCode = func(w http.ResponseWriter, _ *http.Request, code int, message string) {
		mockkit.WriteJSON(w, http.StatusOK, map[string]any{"code": code, "message": message})
	}
	o.DefaultCode = 10002
	o.ReadCode = func(answer []byte) int {
		var env struct {
			Code int `json:"code"`
		}
		_ = json.Unmarshal(answer, &env)
		return env.Code
	}
}

// do sends a request with the key; a dropped connection is an error.
func (m *thingsMock) do(method, path, body string) (*http.Response, string, error) {
	req, _ := http.NewRequest(method, m.srv.URL+path, strings.NewReader(body))
	req.Header.Set("Key", "k")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp, strings.TrimSpace(string(raw)), nil
}

// expect sends a request and fails t unless it is answered with status.
func (m *thingsMock) expect(t *testing.T, method, path, body string, status int) (*http.Response, string) {
	t.Helper()
	resp, raw, err := m.do(method, path, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	if resp.StatusCode != status {
		t.Fatalf("%s %s: %d %s, want %d", method, path, resp.StatusCode, raw, status)
	}
	return resp, raw
}

// control sends a control request without a key and returns the status and body.
func (m *thingsMock) control(t *testing.T, method, path, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, m.srv.URL+path, strings.NewReader(body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(raw)
}

func (m *thingsMock) addFault(t *testing.T, f mockkit.Fault) {
	t.Helper()
	if err := m.AddFault(f); err != nil {
		t.Fatal(err)
	}
}

func (m *thingsMock) stored() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.things)
}

func TestStatusFaultsOnceNTimesAndUntilCleared(t *testing.T) {
	m := newThingsMock(t)
	m.addFault(t, mockkit.Fault{Route: "POST /things", Kind: mockkit.FaultStatus, Times: 1})
	_, body := m.expect(t, "POST", "/things", "a", http.StatusServiceUnavailable)
	if body != `{"error":"injected fault: Service Unavailable"}` {
		t.Errorf("a status fault answers in the mock's error shape: %s", body)
	}
	m.expect(t, "POST", "/things", "b", http.StatusCreated)

	m.addFault(t, mockkit.Fault{Route: "GET /things", Kind: mockkit.FaultStatus, Status: 429, RetryAfter: "2", Times: 2})
	for range 2 {
		if resp, _ := m.expect(t, "GET", "/things", "", 429); resp.Header.Get("Retry-After") != "2" {
			t.Errorf("Retry-After %q, want 2", resp.Header.Get("Retry-After"))
		}
	}
	m.expect(t, "GET", "/things", "", http.StatusOK)

	m.addFault(t, mockkit.Fault{Route: "GET /things", Kind: mockkit.FaultStatus, Status: 500})
	for range 3 {
		m.expect(t, "GET", "/things", "", 500)
	}
	m.ClearFaults()
	m.expect(t, "GET", "/things", "", http.StatusOK)

	if m.stored() != 1 {
		t.Errorf("%d things stored, want 1: a status fault answers without acting", m.stored())
	}
	var faults []string
	for _, c := range m.Calls() {
		faults = append(faults, c.Fault)
	}
	if got, want := strings.Join(faults, ","), "status 503,,status 429,status 429,,status 500,status 500,status 500,"; got != want {
		t.Errorf("the call log's faults %q, want %q", got, want)
	}
	for _, bad := range []mockkit.Fault{
		{Route: "GET /things", Kind: "explode"},
		{Kind: mockkit.FaultDrop},
		{Route: "GET /things", Kind: mockkit.FaultDrop, Probability: 1.5},
		{Route: "GET /things", Kind: mockkit.FaultDrop, Times: -1},
	} {
		if err := m.AddFault(bad); err == nil {
			t.Errorf("%+v was accepted", bad)
		}
	}
}

func TestCodeFaultsNeedTheMocksCodeRenderer(t *testing.T) {
	m := newThingsMock(t, withCodes)
	m.addFault(t, mockkit.Fault{Route: "GET /things", Kind: mockkit.FaultCode, Times: 1})
	m.addFault(t, mockkit.Fault{Route: "POST /things", Kind: mockkit.FaultCode, Code: 13000, Times: 1})
	if _, body := m.expect(t, "GET", "/things", "", http.StatusOK); body != `{"code":10002,"message":"injected fault: code 10002"}` {
		t.Errorf("a code fault answers through the mock's renderer, with the default code: %s", body)
	}
	m.expect(t, "POST", "/things", "a", http.StatusOK)
	m.expect(t, "GET", "/things", "", http.StatusOK)
	calls := m.Calls()
	if calls[0].Fault != "code 10002" || calls[0].Code != 10002 || calls[1].Fault != "code 13000" || calls[1].Code != 13000 || calls[2].Code != 0 || calls[2].Fault != "" {
		t.Errorf("call log %+v", calls)
	}
	if m.stored() != 0 {
		t.Error("a code fault answers without acting")
	}

	plain := newThingsMock(t)
	err := plain.AddFault(mockkit.Fault{Route: "GET /things", Kind: mockkit.FaultCode})
	if err == nil || !strings.Contains(err.Error(), "things-mock has no code faults") {
		t.Errorf("a mock without a code renderer must refuse code faults clearly: %v", err)
	}
	if status, body := plain.control(t, "POST", "/_mock/faults", `{"route":"GET /things","kind":"code"}`); status != http.StatusBadRequest ||
		!strings.Contains(body, "has no code faults") {
		t.Errorf("POST /_mock/faults with kind code: %d %s", status, body)
	}
}

func TestDelayFaultAnswersLate(t *testing.T) {
	m := newThingsMock(t)
	if status, body := m.control(t, "POST", "/_mock/faults", `{"route":"POST /things","kind":"delay","delayMs":150,"times":1}`); status != http.StatusCreated {
		t.Fatalf("add fault: %d %s", status, body)
	}
	start := time.Now()
	m.expect(t, "POST", "/things", "a", http.StatusCreated)
	if took := time.Since(start); took < 150*time.Millisecond {
		t.Errorf("answered after %s, want 150ms or more", took)
	}
	if c := m.Calls()[0]; c.Fault != "delay 150ms" || c.Status != http.StatusCreated || m.stored() != 1 {
		t.Errorf("a delayed call acts and is logged with its fault: %+v", c)
	}
}

// A client that saw the connection drop finds the call in the log at once: the kit logs it
// before it closes the connection. drop acts not; drop_after acts, then drops.
func TestDropsAreLoggedBeforeTheConnectionCloses(t *testing.T) {
	m := newThingsMock(t)
	for i := range 40 {
		kind := []string{mockkit.FaultDrop, mockkit.FaultDropAfter}[i%2]
		m.ResetCalls()
		m.addFault(t, mockkit.Fault{Route: "POST /things", Kind: kind, Times: 1})
		before := m.stored()
		if _, _, err := m.do("POST", "/things", "x"); err == nil {
			t.Fatalf("%s: the request got an answer", kind)
		}
		calls := m.Calls() // right after the client saw the drop: no waiting
		if len(calls) != 1 || calls[0].Fault != kind || calls[0].Status != 0 || calls[0].Body != "x" {
			t.Errorf("%s: call log %+v", kind, calls)
		}
		if acted := m.stored() > before; acted != (kind == mockkit.FaultDropAfter) {
			t.Errorf("%s: acted = %v", kind, acted)
		}
	}
	// An answered call is logged before its answer leaves.
	m.ResetCalls()
	m.expect(t, "GET", "/things", "", http.StatusOK)
	if calls := m.Calls(); len(calls) != 1 || calls[0].Status != http.StatusOK || calls[0].Route != "GET /things" {
		t.Errorf("call log %+v", calls)
	}
}

func TestProbabilityAndTheAnyRoute(t *testing.T) {
	m := newThingsMock(t)
	m.addFault(t, mockkit.Fault{Route: mockkit.AnyRoute, Kind: mockkit.FaultStatus, Status: 429, Probability: 0.3, Times: 1000})
	hit := 0
	const n = 400
	for i := range n {
		method := [2]string{"GET", "POST"}[i%2]
		if resp, _, err := m.do(method, "/things", "x"); err != nil {
			t.Fatal(err)
		} else if resp.StatusCode == 429 {
			hit++
		}
	}
	// 30% of 400 is 120; the binomial's standard deviation is about 9.
	if hit < 80 || hit > 160 {
		t.Errorf("%d of %d requests hit, want about 120", hit, n)
	}
	if faults := m.Faults(); len(faults) != 1 || faults[0].Times != 1000 {
		t.Fatalf("pending %+v", faults)
	}
	// Only the hits count towards Times: the fault is pending with its hits.
	_, listed := m.control(t, "GET", "/_mock/faults", "")
	if !strings.Contains(listed, `"hits":`) || !regexp.MustCompile(`"route":"\*"`).MatchString(listed) {
		t.Errorf("GET /_mock/faults: %s", listed)
	}
	routes := map[string]bool{}
	for _, c := range m.Calls() {
		if c.Fault != "" {
			routes[c.Route] = true
		}
	}
	if !routes["GET /things"] || !routes["POST /things"] {
		t.Errorf("\"*\" hits every route: %v", routes)
	}
}

func TestPendingFaultsAreListedUntilUsedUp(t *testing.T) {
	m := newThingsMock(t)
	m.control(t, "POST", "/_mock/faults", `{"route":"GET /things","kind":"delay","delayMs":1,"times":2}`)
	m.expect(t, "GET", "/things", "", http.StatusOK)
	if _, listed := m.control(t, "GET", "/_mock/faults", ""); strings.TrimSpace(listed) != `[{"route":"GET /things","kind":"delay","times":2,"delayMs":1,"hits":1}]` {
		t.Errorf("GET /_mock/faults: %s", listed)
	}
	m.expect(t, "GET", "/things", "", http.StatusOK)
	if _, listed := m.control(t, "GET", "/_mock/faults", ""); strings.TrimSpace(listed) != `[]` {
		t.Errorf("a used-up fault is still listed: %s", listed)
	}
	m.control(t, "POST", "/_mock/faults", `{"route":"GET /things","kind":"drop"}`)
	if status, _ := m.control(t, "DELETE", "/_mock/faults", ""); status != http.StatusNoContent || len(m.Faults()) != 0 {
		t.Errorf("DELETE /_mock/faults: %d, %d left", status, len(m.Faults()))
	}
}

// GET /_mock/calls hides secrets and environment values of both providers' shapes; the call
// log in the test's process keeps them.
func TestCallLogControlRedactsSummarisesAndEmpties(t *testing.T) {
	m := newThingsMock(t)
	secrets := []string{
		`{"name":"ghcr","username":"me","password":"hunter2"}`,
		`{"name":"t","env":{"HF_TOKEN":"s3cret-runpod"}}`,
		`{"name":"p","environmentVars":[{"key":"HF_TOKEN","value":"s3cret-yotta"}],"imageRegistryPassword":"pw2"}`,
	}
	for _, body := range secrets {
		m.expect(t, "POST", "/things", body, http.StatusCreated)
	}
	m.expect(t, "GET", "/things?api_key=k3y&all=true", "", http.StatusOK)
	status, logged := m.control(t, "GET", "/_mock/calls", "")
	if status != http.StatusOK {
		t.Fatalf("GET /_mock/calls: %d", status)
	}
	for _, secret := range []string{"hunter2", "s3cret-runpod", "s3cret-yotta", "pw2", "k3y"} {
		if strings.Contains(logged, secret) {
			t.Errorf("GET /_mock/calls shows %q: %s", secret, logged)
		}
	}
	for _, kept := range []string{"ghcr", "HF_TOKEN", "all=true"} {
		if !strings.Contains(logged, kept) {
			t.Errorf("GET /_mock/calls lost %q: %s", kept, logged)
		}
	}
	var calls []mockkit.Call
	if err := json.Unmarshal([]byte(logged), &calls); err != nil || len(calls) != 4 {
		t.Fatalf("GET /_mock/calls is the call log as JSON: %v %s", err, logged)
	}
	if !strings.Contains(m.Calls()[0].Body, "hunter2") {
		t.Error("Calls() in the test's own process keeps the raw bodies")
	}
	if _, summary := m.control(t, "GET", "/_mock/calls?format=summary", ""); summary != "   3  POST /things\n   1  GET /things\n" {
		t.Errorf("summary:\n%s", summary)
	}
	if m.CallCount("POST /things") != 3 {
		t.Errorf("CallCount %d", m.CallCount("POST /things"))
	}
	if status, _ := m.control(t, "DELETE", "/_mock/calls", ""); status != http.StatusNoContent || len(m.Calls()) != 0 {
		t.Errorf("DELETE /_mock/calls: %d, %d calls left", status, len(m.Calls()))
	}
}

// The controls need no key and are not logged; refused keys are logged with their answer.
func TestControlsNeedNoKeyAndAreNotLogged(t *testing.T) {
	m := newThingsMock(t)
	for _, path := range []string{"/_mock/", "/_mock/calls", "/_mock/faults"} {
		if status, _ := m.control(t, "GET", path, ""); status != http.StatusOK {
			t.Errorf("GET %s without a key: %d", path, status)
		}
	}
	if status, _ := m.control(t, "GET", "/things", ""); status != http.StatusUnauthorized {
		t.Errorf("the API without a key: %d", status)
	}
	if calls := m.Calls(); len(calls) != 1 || calls[0].Status != http.StatusUnauthorized {
		t.Errorf("call log %+v", calls)
	}
}

func TestCommonControlsCheckTheirBodies(t *testing.T) {
	m := newThingsMock(t)
	for _, c := range []struct {
		path, body string
		status     int
	}{
		{"/_mock/boot-delay", `{"ms":2500}`, http.StatusNoContent},
		{"/_mock/boot-delay", `{}`, http.StatusBadRequest},
		{"/_mock/boot-delay", `{"ms":-1}`, http.StatusBadRequest},
		{"/_mock/rate-limit", `{"perMinute":0}`, http.StatusNoContent},
		{"/_mock/rate-limit", `{"perMinute":"x"}`, http.StatusBadRequest},
		{"/_mock/token-bucket", `{"perSecond":0,"burst":1}`, http.StatusNoContent},
		{"/_mock/token-bucket", `{"perSecond":-1}`, http.StatusBadRequest},
	} {
		status, body := m.control(t, "PUT", c.path, c.body)
		if status != c.status {
			t.Errorf("PUT %s %s: %d %s, want %d", c.path, c.body, status, body, c.status)
		}
		if status == http.StatusBadRequest && !strings.HasPrefix(body, `{"error":"want {`) {
			t.Errorf("PUT %s %s: the refusal says what it wants: %s", c.path, c.body, body)
		}
	}
	if m.bootDelay != 2500*time.Millisecond {
		t.Errorf("boot delay %s", m.bootDelay)
	}
}

func TestRateLimitFixedWindows(t *testing.T) {
	m := newThingsMock(t, func(o *mockkit.Options) { o.RateLimit = mockkit.RateLimit{PerMinute: 2} })
	m.expect(t, "GET", "/things", "", http.StatusOK)
	m.clock.Advance(20 * time.Second)
	resp, _ := m.expect(t, "GET", "/things", "", http.StatusOK)
	if resp.Header.Get("RateLimit") != "" {
		t.Error("headers only when the limit says so")
	}
	resp, body := m.expect(t, "GET", "/things", "", http.StatusTooManyRequests)
	if resp.Header.Get("Retry-After") != "40" || body != `{"error":"rate limit exceeded for the minute window"}` {
		t.Errorf("over the quota: Retry-After %q, %s", resp.Header.Get("Retry-After"), body)
	}
	if c := m.Calls()[2]; c.Status != 429 || c.Fault != "" {
		t.Errorf("a throttled call is logged with its 429: %+v", c)
	}
	m.clock.Advance(40 * time.Second) // the window closes
	m.expect(t, "GET", "/things", "", http.StatusOK)
	m.expect(t, "GET", "/things", "", http.StatusOK)
	m.expect(t, "GET", "/things", "", http.StatusTooManyRequests)
	m.SetRateLimit(0)
	for range 5 {
		m.expect(t, "GET", "/things", "", http.StatusOK)
	}
}

// RunPod's REST v2 shape: three windows whose quotas follow the minute's, with headers, for
// some requests only.
func TestRateLimitWindowsHeadersAndScope(t *testing.T) {
	m := newThingsMock(t, func(o *mockkit.Options) {
		o.RateLimit = mockkit.RateLimit{Headers: true, Windows: []mockkit.Window{
			mockkit.MinuteWindow,
			{Name: "hour", Length: time.Hour, Quota: func(m int) int { return m * 50 }},
			{Name: "day", Length: 24 * time.Hour, Quota: func(m int) int { return m * 50000 / 60 }},
		}, Applies: func(r *http.Request) bool { return r.Method == http.MethodGet }}
	})
	resp, _ := m.expect(t, "GET", "/things", "", http.StatusOK)
	if got := resp.Header.Get("RateLimit-Policy"); got != `"minute";q=1000000;w=60, "hour";q=50000000;w=3600, "day";q=833333333;w=86400` {
		t.Errorf("unlimited: a nominal policy, %q", got)
	}
	m.SetRateLimit(2)
	resp, _ = m.expect(t, "GET", "/things", "", http.StatusOK)
	if got := resp.Header.Get("RateLimit"); got != `"minute";r=1;t=60, "hour";r=99;t=3600, "day";r=1665;t=86400` {
		t.Errorf("RateLimit %q", got)
	}
	if got := resp.Header.Get("RateLimit-Policy"); got != `"minute";q=2;w=60, "hour";q=100;w=3600, "day";q=1666;w=86400` {
		t.Errorf("RateLimit-Policy %q", got)
	}
	for range 3 {
		if resp, _ := m.expect(t, "POST", "/things", "x", http.StatusCreated); resp.Header.Get("RateLimit") != "" {
			t.Error("requests the limit does not apply to are neither counted nor given headers")
		}
	}
	m.expect(t, "GET", "/things", "", http.StatusOK)
	m.clock.Advance(59 * time.Second)
	resp, _ = m.expect(t, "GET", "/things", "", http.StatusTooManyRequests)
	if resp.Header.Get("Retry-After") != "1" || resp.Header.Get("RateLimit") != `"minute";r=0;t=1, "hour";r=98;t=3541, "day";r=1664;t=86341` {
		t.Errorf("429 headers %v", resp.Header)
	}
	m.clock.Advance(time.Second)
	m.expect(t, "GET", "/things", "", http.StatusOK)
}

func TestTokenBucket(t *testing.T) {
	m := newThingsMock(t)
	if status, _ := m.control(t, "PUT", "/_mock/token-bucket", `{"perSecond":2,"burst":3}`); status != http.StatusNoContent {
		t.Fatal(status)
	}
	for range 3 {
		m.expect(t, "GET", "/things", "", http.StatusOK)
	}
	resp, body := m.expect(t, "POST", "/things", "x", http.StatusTooManyRequests)
	if resp.Header.Get("Retry-After") != "1" || body != `{"error":"rate limit exceeded: too many requests"}` {
		t.Errorf("past the burst: Retry-After %q, %s", resp.Header.Get("Retry-After"), body)
	}
	if c := m.Calls()[3]; c.Fault != "token bucket" || c.Status != 429 {
		t.Errorf("call %+v", c)
	}
	m.clock.Advance(500 * time.Millisecond) // one token back at 2 per second
	m.expect(t, "GET", "/things", "", http.StatusOK)
	m.expect(t, "GET", "/things", "", http.StatusTooManyRequests)
	m.SetTokenBucket(mockkit.TokenBucket{})
	for range 5 {
		m.expect(t, "GET", "/things", "", http.StatusOK)
	}
}

// GET /_mock/ lists every control registered, the kit's and the mock's, each as "METHOD
// /_mock/path" with its examples at the server's address, and the fault kinds the mock takes.
func TestControlsIndexListsEveryControl(t *testing.T) {
	m := newThingsMock(t)
	status, index := m.control(t, "GET", "/_mock/", "")
	if status != http.StatusOK {
		t.Fatalf("GET /_mock/: %d", status)
	}
	controls := m.Controls()
	if len(controls) != 10 {
		t.Errorf("%d controls registered, want the kit's 9 and the mock's 1", len(controls))
	}
	for _, c := range controls {
		method, path, _ := strings.Cut(strings.TrimSuffix(c.Pattern, "{$}"), " ")
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(method) + ` +` + regexp.QuoteMeta(path) + ` `).MatchString(index) {
			t.Errorf("the index does not list %s %s:\n%s", method, path, index)
		}
		for _, e := range c.Examples {
			if !strings.Contains(index, "    curl "+strings.ReplaceAll(e, "$BASE", m.srv.URL)+"\n") {
				t.Errorf("the index lacks the example %s", e)
			}
		}
	}
	for _, want := range []string{"things-mock controls", "API (Key: <key>):  " + m.srv.URL + "/things", "Things are kept in memory.",
		"\n  drop_after ", "kind (status, delay, drop, drop_after:"} {
		if !strings.Contains(index, want) {
			t.Errorf("the index lacks %q:\n%s", want, index)
		}
	}
	if strings.Contains(index, "\n  code ") {
		t.Errorf("the index offers code faults on a mock without codes:\n%s", index)
	}
	if got := strings.Join(m.ControlNames(), ", "); got != "calls, faults, boot-delay, rate-limit, token-bucket, things/{id}/color" {
		t.Errorf("ControlNames: %s", got)
	}
	if _, err := mockkit.ExerciseControls(m.srv.URL, m.Kit, nil); err != nil {
		t.Error(err)
	}

	coded := newThingsMock(t, withCodes)
	_, index = coded.control(t, "GET", "/_mock/", "")
	if !strings.Contains(index, "\n  code        the API's success status with code in its envelope (default 10002)") {
		t.Errorf("a mock with codes lists the code kind:\n%s", index)
	}
	if md := coded.ControlsMarkdown(); !strings.Contains(md, "| `PUT /_mock/things/{id}/color` | paint a thing; for example `{\"color\":\"red\"}` |") ||
		!strings.Contains(md, "| `code` |") || !strings.Contains(md, "| `GET /_mock/` |") {
		t.Errorf("markdown:\n%s", md)
	}
}
