package runpodapi

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

func TestProblemJSONDecodesWithRequestIDAndFields(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("POST /v2/pods", answer{status: 422, headers: []string{"X-Request-Id", "01J9ZQ"}, body: `{
		"title": "Unprocessable Entity", "status": 422, "detail": "Request validation failed.",
		"errors": ["$.gpu.count: must be >= 1", "$: additional properties 'dataCenterId', 'bogus' not allowed", "$.mounts.persistent: missing properties 'path'"]}`})
	_, err := c.CreatePod(ctx, PodCreateInput{ImageName: Ptr("img"), GPUTypeIDs: &[]string{"G"}})
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v", err)
	}
	if apiErr.Title != "Unprocessable Entity" || apiErr.Message != "Request validation failed." || apiErr.RequestID != "01J9ZQ" || len(apiErr.Problems) != 3 {
		t.Errorf("%+v", apiErr)
	}
	want := `create pod: RunPod API returned 422 Unprocessable Entity: Request validation failed. ($.gpu.count: must be >= 1; ` +
		`$: additional properties 'dataCenterId', 'bogus' not allowed; $.mounts.persistent: missing properties 'path') [request id 01J9ZQ]`
	if err.Error() != want {
		t.Errorf("error\n got %s\nwant %s", err, want)
	}
	if got := apiErr.Fields(); !reflect.DeepEqual(got, []string{"gpu.count", "dataCenterId", "bogus", "mounts.persistent.path"}) {
		t.Errorf("Fields() = %q", got)
	}
}

func TestAPIErrorFields(t *testing.T) {
	for _, tc := range []struct {
		problems []string
		message  string
		want     []string
	}{
		{[]string{"$.cpu[0].vcpuCount: must be a power of two"}, "", []string{"cpu[0].vcpuCount"}},
		{nil, "$.name: length must be >= 1", []string{"name"}},
		{[]string{"at '/gpu/count': minimum: got 0, want 1"}, "", []string{"gpu.count"}},
		{[]string{"$.gpu: additional properties 'minRamPerGpu' not allowed", "$.gpu.minRamPerGpu: x"}, "", []string{"gpu.minRamPerGpu"}},
		{nil, "There are no longer any instances available", nil},
		{nil, "cost: $5 per hour", nil},
	} {
		e := &APIError{Problems: tc.problems, Message: tc.message}
		if got := e.Fields(); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Fields(%q, %q) = %q, want %q", tc.problems, tc.message, got, tc.want)
		}
	}
}

func TestRequestIDIsLogged(t *testing.T) {
	var logs bytes.Buffer
	logCtx := tflogtest.RootLogger(context.Background(), &logs)
	f, c, _ := newFakeV2(t)
	f.on("GET /v2/pods/p1", answer{status: 200, body: podJSON("p1", "RUNNING"), headers: []string{"X-Request-Id", "req-42"}})
	if _, err := c.GetPod(logCtx, "p1"); err != nil {
		t.Fatal(err)
	}
	var response string
	for _, line := range strings.Split(logs.String(), "\n") {
		if strings.Contains(line, "RunPod API response") {
			response = line
		}
	}
	for _, want := range []string{`"request_id":"req-42"`, `"method":"GET"`, `/v2/pods/p1`, `"status":200`} {
		if !strings.Contains(response, want) {
			t.Errorf("the response log line lacks %s: %s", want, response)
		}
	}
}

func TestParseRateLimitHeader(t *testing.T) {
	got := parseRateLimitHeader(`"minute";r=12;t=30, "hour";r=2800;t=1812,day;r=49500;t=45012, ;x, "bad";r=x`)
	want := []rateLimitItem{
		{"minute", map[string]int{"r": 12, "t": 30}}, {"hour", map[string]int{"r": 2800, "t": 1812}},
		{"day", map[string]int{"r": 49500, "t": 45012}}, {"bad", map[string]int{}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parse = %+v", got)
	}
	if got := parseRateLimitHeader(""); len(got) != 0 {
		t.Errorf("empty header = %+v", got)
	}
}

func TestAUsedUpWindowHoldsTheNextRequestUntilItsReset(t *testing.T) {
	f, c, waits := newFakeV2(t)
	f.on("GET /v2/pods/p1",
		ok(podJSON("p1", "RUNNING"), "RateLimit", `"minute";r=0;t=1, "hour";r=2000;t=1800`, "RateLimit-Policy", `"minute";q=60;w=60, "hour";q=3000;w=3600`),
		ok(podJSON("p1", "RUNNING"), "RateLimit", `"minute";r=59;t=60, "hour";r=1999;t=1799`))
	for range 3 {
		if _, err := c.GetPod(ctx, "p1"); err != nil {
			t.Fatal(err)
		}
	}
	if len(*waits) != 1 {
		t.Fatalf("waits %v, want exactly one", *waits)
	}
	if w := (*waits)[0]; w < time.Second || w > 1250*time.Millisecond {
		t.Errorf("wait %s, want ~1s (the reset, plus at most a quarter of it as jitter)", w)
	}
	if n := len(f.routesCalled()); n != 3 {
		t.Errorf("%d requests, want 3 (no 429 to retry)", n)
	}
}

func TestALowWindowSpreadsRequests(t *testing.T) {
	g := newRateGate()
	now := time.Date(2026, 9, 1, 12, 0, 0, 0, time.UTC)
	h := http.Header{}
	h.Set("RateLimit-Policy", `"minute";q=60;w=60`)
	h.Set("RateLimit", `"minute";r=4;t=20`)
	g.reserve(now, 0)
	g.done(now, h) // 4 left for 20s: a tenth of the quota or less, so one every 5s
	var got []time.Duration
	for range 3 {
		r, ok := g.reserve(now, 0)
		if !ok {
			t.Fatal("refused without a deadline")
		}
		got = append(got, r.wait)
	}
	// 4 left: now, 5s later (20s/4), then 20s/3 after that (the local count went down to 3).
	if got[0] != 0 || got[1] != 5*time.Second || got[2] != 5*time.Second+20*time.Second/3 {
		t.Errorf("waits %v", got)
	}
	// Plenty left: no spreading.
	g2 := newRateGate()
	h.Set("RateLimit", `"minute";r=40;t=20`)
	g2.reserve(now, 0)
	g2.done(now, h)
	for range 5 {
		if r, _ := g2.reserve(now, 0); r.wait != 0 {
			t.Fatalf("wait %s with 40 left", r.wait)
		}
	}
}

// Requests queued while a window is low are spread up to its reset, not past it: those whose
// slot falls after the reset go at the reset (with jitter), into the new window's quota.
// Before, each took one gap after the other, so a queue formed in a low window went out one
// every (reset/remaining) seconds long after the quota was back (50 pods at 60 req/min: POSTs
// 39 s apart after the first minute).
func TestALowWindowSpreadsNoFurtherThanItsReset(t *testing.T) {
	g := newRateGate()
	now := time.Date(2026, 9, 1, 12, 0, 0, 0, time.UTC)
	h := http.Header{}
	h.Set("RateLimit-Policy", `"minute";q=60;w=60`)
	h.Set("RateLimit", `"minute";r=4;t=20`)
	g.reserve(now, 0)
	g.done(now, h)
	var got []time.Duration
	for range 8 {
		r, ok := g.reserve(now, 0)
		if !ok {
			t.Fatal("refused without a deadline")
		}
		got = append(got, r.wait)
	}
	if got[0] != 0 || got[1] != 5*time.Second || got[2] != 5*time.Second+20*time.Second/3 {
		t.Errorf("waits %v: want the first three spread over the window", got)
	}
	for _, w := range got[3:] {
		if w < 20*time.Second || w > 21*time.Second {
			t.Errorf("waits %v: want every request past the spread slots at the reset (20 s) plus at most 1 s of jitter", got)
			break
		}
	}
}

func TestA429HoldsEveryRequestWithItsOwnJitter(t *testing.T) {
	g := newRateGate()
	now := time.Date(2026, 9, 1, 12, 0, 0, 0, time.UTC)
	g.throttled(now, 10*time.Second, time.Second)
	seen := map[time.Duration]bool{}
	for range 20 {
		r, _ := g.reserve(now, 0)
		if r.wait < 10*time.Second || r.wait > 11*time.Second || !strings.Contains(r.why, "429") {
			t.Fatalf("wait %s (%s), want 10s..11s", r.wait, r.why)
		}
		seen[r.wait] = true
	}
	if len(seen) < 15 {
		t.Errorf("only %d distinct waits of 20: parallel requests would retry together", len(seen))
	}
	// Past the deadline: refused, nothing booked.
	if r, ok := g.reserve(now, 5*time.Second); ok || r.wait < 10*time.Second {
		t.Errorf("reserve with 5s left = %+v, %v", r, ok)
	}
}

func TestThrottlingIsRetriedWhileTheDeadlineAllows(t *testing.T) {
	f, c, waits := newFakeV2(t)
	throttled := answer{status: 429, body: `{"title":"Too Many Requests","status":429,"detail":"rate limit exceeded for the minute window"}`,
		headers: []string{"Retry-After", "2", "RateLimit", `"minute";r=0;t=2`}}
	// More 429s than MaxAttempts (3): throttling is not a failed attempt.
	f.on("GET /v2/pods/p1", throttled, throttled, throttled, throttled, ok(podJSON("p1", "RUNNING")))
	deadline, cancel := context.WithTimeout(ctx, time.Hour)
	defer cancel()
	if _, err := c.GetPod(deadline, "p1"); err != nil {
		t.Fatal(err)
	}
	if len(*waits) != 4 || len(f.routesCalled()) != 5 {
		t.Fatalf("waits %v after %d requests", *waits, len(f.routesCalled()))
	}
	for _, w := range *waits {
		if w < 2*time.Second || w > 2500*time.Millisecond {
			t.Errorf("wait %s, want 2s..2.5s", w)
		}
	}

	// Without a deadline, throttling is retried a bounded number of times.
	f2, c2, _ := newFakeV2(t)
	f2.on("GET /v2/pods/p1", throttled)
	_, err := c2.GetPod(ctx, "p1")
	if err == nil || !strings.Contains(err.Error(), "giving up after 20 throttled attempts") || StatusCode(err) != 429 {
		t.Errorf("err = %v", err)
	}
}

func TestRateGateIsSharedByConcurrentRequests(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("GET /v2/pods/p1", ok(podJSON("p1", "RUNNING"), "RateLimit", `"minute";r=3;t=30`, "RateLimit-Policy", `"minute";q=60;w=60`))
	if _, err := c.GetPod(ctx, "p1"); err != nil {
		t.Fatal(err)
	}
	// Three left for 30s: concurrent callers get distinct slots 10s apart or more.
	var mu sync.Mutex
	var slots []time.Duration
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, _ := c.t.gate.reserve(c.t.now(), 0)
			mu.Lock()
			slots = append(slots, r.wait)
			mu.Unlock()
		}()
	}
	wg.Wait()
	seen := map[time.Duration]bool{}
	for _, s := range slots {
		seen[s] = true
	}
	if len(seen) != 3 || !seen[0] {
		t.Errorf("slots %v, want three distinct ones starting now", slots)
	}
}

// A 429 with a short Retry-After and no quota headers (REST v1, GraphQL: a refill, as of a
// token bucket) queues the requests one per Retry-After instead of letting them all collide at
// the next refill; a minute after the last such 429 they go freely again. A long Retry-After (a
// window's reset) only blocks until it.
func TestA429WithoutQuotaHeadersSpacesRequests(t *testing.T) {
	g := newRateGate()
	now := time.Date(2026, 9, 1, 12, 0, 0, 0, time.UTC)
	g.throttled(now, time.Second, time.Second)
	var got []time.Duration
	for range 5 {
		r, ok := g.reserve(now, 0)
		if !ok {
			t.Fatal("refused without a deadline")
		}
		got = append(got, r.wait)
	}
	for i, w := range got {
		lo := time.Duration(i+1) * time.Second
		if w < lo || w > lo+250*time.Millisecond {
			t.Errorf("waits %v: want one request a second from the Retry-After on (with the first one's jitter)", got)
			break
		}
	}
	if r, _ := g.reserve(now.Add(2*time.Minute), 0); r.wait != 0 {
		t.Errorf("wait %s two minutes after the 429, want none", r.wait)
	}

	g2 := newRateGate()
	g2.throttled(now, 30*time.Second, time.Second)
	r1, _ := g2.reserve(now, 0)
	r2, _ := g2.reserve(now, 0)
	if r1.wait < 30*time.Second || r2.wait < 30*time.Second || r2.wait-r1.wait > time.Second {
		t.Errorf("waits %s, %s after a 30 s Retry-After: want both at its end (with jitter), not spaced", r1.wait, r2.wait)
	}
}
