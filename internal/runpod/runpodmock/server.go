// Package runpodmock is a stateful mock of RunPod's API: REST v2, REST v1 and the GraphQL
// operations the provider uses, with the live APIs' JSON shapes, status codes and quirks, a pod
// lifecycle that boots after a delay, fault injection, a rate limit and a call log. It never
// imports the provider.
//
// One API-neutral in-memory store (store*.go, stock.go; seed in catalog.go) sits under three
// codecs: REST v1 (restv1.go, decode.go), REST v2 (restv2.go, wirev2.go, specv2.go) and
// GraphQL (graphql.go). An object created through one API reads through the others. Both REST
// codecs serve their CRUD routes from one resource table (codec.go); each renders refusals in
// its own shape (v1 {"error","status"}, v2 RFC 9457 problem+json). REST v2 lives under /v2 on
// the same server (RunPod: https://api.runpod.io/v2/...), v1 under /v1 and at /, GraphQL at
// /graphql, and the mock's controls under /_mock/ (GET /_mock/ lists them).
//
// REST v2 in the mock, where its spec (api/runpod-rest-v2.openapi.json) is silent the mock
// assumes, unverified against the live API:
//   - Pod status: PROVISIONING for the first half of the boot delay, STARTING for the second,
//     then RUNNING (at once with no delay); EXITED once stopped; ERROR once booted for an image
//     tagged "mock-error"; deleted pods answer 404 (TERMINATED is never listed). startedAt is
//     the last start, never null; restart and start boot again through PROVISIONING.
//   - runtime.ports lists every port: tcp ones with their public port and IP, http ones with
//     public and ip null. ssh.proxy is always set (a pod gets its machine at create).
//   - A container-affecting PATCH (image, args, disk, ports, env, registry, mounts) resets the
//     pod like v1 (new startedAt, boots again); name and locked change in place; a locked pod
//     refuses stop, restart and resets (400). A persistent mount may grow, not shrink.
//   - Defaults the spec does not give: disk 50 GB (pods, endpoints, templates); endpoint timeout
//     0 when omitted (observed live; the spec says 300000); gpu.count omitted is 1 (the spec's
//     default; RunPod's MCP server saw such creates fail on capacity); a volume's type omitted is
//     its data center's first tier; ports must be "<n>/http" or "<n>/tcp" (400).
//   - args is one string; the store keeps it as a one-element start command, so it reads back
//     unchanged through v2 and as one element through v1.
//   - Templates: v1-created ones have startSsh/startJupyter false; a v2 template edit changes no
//     pod and no endpoint (endpoints bound to it through v1 keep their container); a v1 edit
//     still rolls out to the endpoints bound to it. GET /v2/templates lists every template of
//     the account; the catalog's "community" source lists public ones, "verified" none.
//   - Endpoints: v2-created ones hold a copy of their container; a v2 PATCH of container fields
//     gives a v1-bound endpoint its own copy too (it stays bound: a later v1 edit of the
//     template, or a v1 PATCH of templateId, replaces the copy). Releases (version+1, with a diff) come from
//     changes to the container, GPU selection or count, CUDA, CPU, network volumes or data
//     centers; workers are workers.min idle workers that move to a release one by one over
//     Options.RolloutDuration. DELETE /v2/serverless/{id} deletes the endpoint with its workers
//     and, per the spec's "and its bound template", the user template a v1-created endpoint is
//     bound to (unless something else uses it): api/REST-V2.md, Endpoint deletion and bound templates.
//   - Capacity: see stock.go. The catalog's availability levels use GraphQL's stockStatus
//     thresholds (HIGH ≥ 32 free, MEDIUM ≥ 8, LOW > 0); product contexts share the pod stock
//     (SERVERLESS: only types in a pool); CPU flavors are available everywhere.
//   - Rate limit: see ratelimit.go (fixed windows; unlimited by default).
//   - 422 texts follow a JSON Schema validator's phrasing ("$.gpu: additional properties 'foo'
//     not allowed"); rule violations are 400s with a detail saying what is wrong.
package runpodmock

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	mathrand "math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/redact"
)

// Options configure a Server.
type Options struct {
	// APIKey is the key requests must carry as "Authorization: Bearer <key>". Required.
	APIKey string
	// BootDelay is how long a started pod takes to get its runtime (public IP, port
	// mappings). Zero boots at once.
	BootDelay time.Duration
	// GPUTypes is the catalog; nil means DefaultGPUTypes().
	GPUTypes []GPUType
	// GPUStock is how many GPUs of each type and cloud are free, spread over the data centers
	// that offer the type (see stock.go); 0 means 64.
	GPUStock int
	// RolloutDuration is how long a new serverless endpoint release takes to reach all of the
	// endpoint's workers (they cycle one by one over it); zero rolls out at once.
	RolloutDuration time.Duration
	// RateLimitPerMinute is REST v2's per-minute request quota (hour and day quotas follow
	// it, see ratelimit.go); zero means unlimited.
	RateLimitPerMinute int
	// TokenBucket, when its rate is above 0, throttles every API (v2, v1, GraphQL) like a busy
	// account: each request takes a token, tokens refill at PerSecond up to Burst, and a
	// request finding none is answered 429 with a Retry-After (see ratelimit.go).
	TokenBucket TokenBucket
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
}

// Server is the mock, an http.Handler. Its methods are safe for concurrent use.
type Server struct {
	opts Options
	mux  *http.ServeMux

	mu      sync.Mutex
	store   *store
	limiter *rateLimiter
	bucket  *tokenBucket
	faults  []*Fault
	calls   []Call

	controls []string // the patterns of the /_mock/ controls, as registered (GET /_mock/ lists them)
}

// New returns a mock with an empty account and the seeded catalog.
func New(opts Options) *Server {
	if opts.GPUTypes == nil {
		opts.GPUTypes = DefaultGPUTypes()
	}
	if opts.GPUStock == 0 {
		opts.GPUStock = 64
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Server{opts: opts, mux: http.NewServeMux()}
	s.store = newStore(opts)
	s.limiter = newRateLimiter(opts.RateLimitPerMinute)
	s.bucket = newTokenBucket(opts.TokenBucket, opts.Now())
	s.routeRESTv1()
	s.routeRESTv2()
	s.routeGraphQL()
	s.routeAdmin()
	return s
}

// Call is one request the mock answered, for tests that assert on the calls an apply made.
type Call struct {
	Time   time.Time `json:"time"`
	Method string    `json:"method"`
	Path   string    `json:"path"`
	Query  string    `json:"query,omitempty"`
	// Route is the matched route: "POST /pods", "GET /pods/{podId}", "GET /v2/pods/{id}", for
	// v2 pod actions "POST /v2/pods/{id}/action <action>" (e.g. "POST /v2/pods/{id}/action
	// stop"), or for GraphQL "graphql <field>", e.g. "graphql podRentInterruptable".
	Route  string `json:"route"`
	Status int    `json:"status"`
	Body   string `json:"body,omitempty"`
	// Fault names the fault that answered instead of the mock, if any.
	Fault string `json:"fault,omitempty"`
	// RequestID is the answer's x-request-id.
	RequestID string `json:"requestId,omitempty"`
}

// Fault kinds.
const (
	FaultStatus    = "status"     // answer Status (default 503) without acting
	FaultDelay     = "delay"      // wait Delay, then act normally
	FaultDrop      = "drop"       // close the connection without acting or answering
	FaultDropAfter = "drop_after" // act, then close the connection without answering
)

// anyRoute as a fault's route hits every API route.
const anyRoute = "*"

// Fault makes a route misbehave. Route is matched like Call.Route; "*" matches every API route.
type Fault struct {
	Route      string        `json:"route"`
	Kind       string        `json:"kind"`
	Status     int           `json:"status,omitempty"`
	RetryAfter string        `json:"retryAfter,omitempty"`
	Delay      time.Duration `json:"delay,omitempty"`
	// Times is how many requests the fault hits; 0 means every request until cleared.
	Times int `json:"times,omitempty"`
	// Probability, when between 0 and 1 (exclusive of 0), is the chance that a request of the
	// route is hit (a busy account: {"kind":"status","status":429,"probability":0.3}); the
	// others pass untouched and do not count towards Times. 0 hits every request.
	Probability float64 `json:"probability,omitempty"`
	hits        int
}

func (f *Fault) String() string {
	switch f.Kind {
	case FaultStatus:
		return fmt.Sprintf("%s %d", f.Kind, f.Status)
	case FaultDelay:
		return fmt.Sprintf("%s %s", f.Kind, f.Delay)
	}
	return f.Kind
}

// AddFault makes the next requests of f.Route misbehave.
func (s *Server) AddFault(f Fault) error {
	switch f.Kind {
	case FaultStatus:
		if f.Status == 0 {
			f.Status = http.StatusServiceUnavailable
		}
	case FaultDelay, FaultDrop, FaultDropAfter:
	default:
		return fmt.Errorf("unknown fault kind %q (want %s, %s, %s or %s)", f.Kind, FaultStatus, FaultDelay, FaultDrop, FaultDropAfter)
	}
	if f.Route == "" {
		return fmt.Errorf("a fault needs a route, such as \"POST /pods\" or \"graphql gpuTypes\"")
	}
	if f.Probability < 0 || f.Probability > 1 {
		return fmt.Errorf("a fault's probability is between 0 and 1, got %v", f.Probability)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
	return nil
}

// ClearFaults removes every fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// Calls returns the call log, oldest first.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// CallCount counts logged calls of a route (as in Call.Route), faulted ones included.
func (s *Server) CallCount(route string) int {
	n := 0
	for _, c := range s.Calls() {
		if c.Route == route {
			n++
		}
	}
	return n
}

// callSummary counts the logged calls per route, in the order routes were first called.
func (s *Server) callSummary() string {
	counts := map[string]int{}
	var order []string
	for _, c := range s.Calls() {
		if counts[c.Route] == 0 {
			order = append(order, c.Route)
		}
		counts[c.Route]++
	}
	var b strings.Builder
	for _, route := range order {
		fmt.Fprintf(&b, "%4d  %s\n", counts[route], route)
	}
	return b.String()
}

// ResetCalls empties the call log.
func (s *Server) ResetCalls() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = nil
}

// SetBootDelay changes how long pods started from now on take to boot.
func (s *Server) SetBootDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.store.bootDelay = d
}

// SetGPUStock sets how many GPUs of a type are free in a cloud ("SECURE" or "COMMUNITY"),
// over all data centers: all of them in the type's first offering data center (EU-RO-1 for
// secure, US-TX-1 for community in the seed), none in the others.
func (s *Server) SetGPUStock(gpuTypeID, cloud string, free int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.store.stock.setTotal(gpuTypeID, cloud, free)
}

// SetGPUStockInDataCenter sets how many GPUs of a type are free in a cloud and data center;
// the data center offers the type from then on if it did not.
func (s *Server) SetGPUStockInDataCenter(gpuTypeID, cloud, dataCenterID string, free int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.store.stock.setIn(gpuTypeID, cloud, dataCenterID, free)
}

// GPUStock reports how many GPUs of a type are free in a cloud: in one data center, or with
// dataCenterID "" over all of them.
func (s *Server) GPUStock(gpuTypeID, cloud, dataCenterID string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if dataCenterID == "" {
		return s.store.stock.total(gpuTypeID, cloud)
	}
	return s.store.stock.inDC(gpuTypeID, cloud, dataCenterID)
}

// GPUDataCenters lists the data centers that offer a GPU type in a cloud, the first one where
// SetGPUStock puts the stock.
func (s *Server) GPUDataCenters(gpuTypeID, cloud string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.store.stock.dataCenters(gpuTypeID, cloud)...)
}

// SetRateLimit changes REST v2's per-minute quota (0: unlimited) and restarts its windows.
func (s *Server) SetRateLimit(perMinute int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limiter = newRateLimiter(perMinute)
}

// SetTokenBucket changes the token-bucket throttle of every API (a zero rate turns it off) and
// fills the bucket.
func (s *Server) SetTokenBucket(b TokenBucket) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bucket = newTokenBucket(b, s.opts.Now())
}

// SetRolloutDuration changes how long endpoint releases take to reach every worker.
func (s *Server) SetRolloutDuration(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.store.rollout = d
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	requestID := newRequestID()
	w.Header().Set("X-Request-Id", requestID)
	// REST v1 lives under /v1 on RunPod (https://rest.runpod.io/v1); serve it there and at /.
	if rest, ok := strings.CutPrefix(r.URL.Path, "/v1/"); ok {
		r.URL.Path = "/" + rest
		r.URL.RawPath = ""
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	r.Body = io.NopCloser(bytes.NewReader(body))

	_, pattern := s.mux.Handler(r)
	route := pattern
	if strings.HasPrefix(pattern, "POST /graphql") {
		route = "graphql " + graphqlField(body)
	}
	if pattern == podActionRoute {
		if action := podActionOf(body); action != "" {
			route += " " + action
		}
	}
	isV2 := strings.HasPrefix(r.URL.Path, "/v2/")
	apiCodec := v1
	if isV2 {
		apiCodec = v2
	}
	call := Call{Time: s.opts.Now(), Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Route: route, Body: string(body), RequestID: requestID}
	if strings.HasPrefix(r.URL.Path, "/_mock/") { // the mock's own controls: no auth, not logged
		s.mux.ServeHTTP(w, r)
		return
	}

	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	// The call is logged before the answer leaves (net/http flushes it after the handler
	// returns), and before a dropped connection is closed: a client that saw the answer or the
	// drop always finds the call in the log.
	logged := false
	logCall := func() {
		if logged {
			return
		}
		logged = true
		s.mu.Lock()
		call.Status = rec.status
		s.calls = append(s.calls, call)
		s.mu.Unlock()
	}
	defer logCall()

	if !s.authorized(r) {
		if isV2 {
			detail := "invalid bearer token"
			if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
				detail = "missing bearer token"
			}
			writeProblem(rec, http.StatusUnauthorized, detail)
			return
		}
		writeError(rec, http.StatusUnauthorized, "Unauthorized: a valid API key is required (Authorization: Bearer <key>)")
		return
	}
	s.mu.Lock()
	bucketWait := s.bucket.take(s.opts.Now())
	s.mu.Unlock()
	if bucketWait > 0 {
		call.Fault = "token bucket"
		rec.Header().Set("Retry-After", strconv.Itoa(int((bucketWait+time.Second-1)/time.Second)))
		apiCodec.writeError(rec, &apiError{status: http.StatusTooManyRequests, msg: "rate limit exceeded: too many requests"})
		return
	}
	if isV2 {
		s.mu.Lock()
		state, policy, exceeded, retryAfter := s.limiter.take(s.opts.Now())
		s.mu.Unlock()
		rec.Header().Set("RateLimit", state)
		rec.Header().Set("RateLimit-Policy", policy)
		if exceeded != "" {
			rec.Header().Set("Retry-After", strconv.Itoa(retryAfter))
			writeProblem(rec, http.StatusTooManyRequests, "rate limit exceeded for the "+exceeded+" window")
			return
		}
	}

	fault := s.takeFault(route)
	if fault != nil {
		call.Fault = fault.String()
		switch fault.Kind {
		case FaultStatus:
			if fault.RetryAfter != "" {
				rec.Header().Set("Retry-After", fault.RetryAfter)
			}
			apiCodec.writeError(rec, &apiError{status: fault.Status, msg: fmt.Sprintf("injected fault: %s", http.StatusText(fault.Status))})
			return
		case FaultDelay:
			select {
			case <-time.After(fault.Delay):
			case <-r.Context().Done():
				rec.status = 499
				return
			}
		case FaultDrop:
			rec.status = 0
			logCall()
			dropConnection(w)
			return
		case FaultDropAfter:
			buffered := &recorder{ResponseWriter: discardWriter{header: http.Header{}}, status: http.StatusOK}
			s.mux.ServeHTTP(buffered, r)
			rec.status = 0
			logCall()
			dropConnection(w)
			return
		}
	}
	s.mux.ServeHTTP(rec, r)
}

// podActionRoute is the v2 pod action route; the call log appends the action to it.
const podActionRoute = "POST /v2/pods/{id}/action"

func podActionOf(body []byte) string {
	var v struct {
		Action string `json:"action"`
	}
	if json.Unmarshal(body, &v) != nil {
		return ""
	}
	return v.Action
}

// newRequestID is a fresh x-request-id (a random UUID).
func newRequestID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

func (s *Server) authorized(r *http.Request) bool {
	if got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && got == s.opts.APIKey {
		return true
	}
	// RunPod's GraphQL docs pass the key in the URL; the mock accepts that too.
	return r.URL.Path == "/graphql" && r.URL.Query().Get("api_key") == s.opts.APIKey
}

func (s *Server) takeFault(route string) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if f.Route != route && f.Route != anyRoute {
			continue
		}
		if f.Probability > 0 && mathrand.Float64() >= f.Probability {
			continue
		}
		f.hits++
		if f.Times > 0 && f.hits >= f.Times {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
		}
		copied := *f
		return &copied
	}
	return nil
}

func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// recorder remembers the status a handler wrote.
type recorder struct {
	http.ResponseWriter
	status int
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

type discardWriter struct{ header http.Header }

func (d discardWriter) Header() http.Header         { return d.header }
func (d discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d discardWriter) WriteHeader(int)             {}

// writeError answers like the live API: {"error": "<text>", "status": <code>}.
func writeError(w http.ResponseWriter, status int, msg string, problems ...string) {
	body := map[string]any{"error": msg, "status": status}
	if len(problems) > 0 {
		body["problems"] = problems
	}
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// control registers the control pattern (such as "GET /_mock/calls"), remembered for the
// test that the index lists every control.
func (s *Server) control(pattern string, handler http.HandlerFunc) {
	s.controls = append(s.controls, pattern)
	s.mux.HandleFunc(pattern, handler)
}

// routeAdmin serves the mock's controls for the standalone server: faults, call log, boot
// delay and stock, under /_mock/ (loopback only, no key).
func (s *Server) routeAdmin() {
	s.control("GET /_mock/calls", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("format") == "summary" { // one "<count> <route>" line per route, for people
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			_, _ = io.WriteString(w, s.callSummary())
			return
		}
		writeJSON(w, http.StatusOK, redactedCalls(s.Calls()))
	})
	s.control("DELETE /_mock/calls", func(w http.ResponseWriter, r *http.Request) {
		s.ResetCalls()
		w.WriteHeader(http.StatusNoContent)
	})
	s.control("POST /_mock/faults", func(w http.ResponseWriter, r *http.Request) {
		var f struct {
			Fault
			DelayMs int `json:"delayMs"`
		}
		if err := json.NewDecoder(r.Body).Decode(&f); err != nil {
			writeError(w, http.StatusBadRequest, "invalid fault: "+err.Error())
			return
		}
		if f.DelayMs > 0 {
			f.Delay = time.Duration(f.DelayMs) * time.Millisecond
		}
		if err := s.AddFault(f.Fault); err != nil {
			writeError(w, http.StatusBadRequest, err.Error())
			return
		}
		w.WriteHeader(http.StatusCreated)
	})
	s.control("DELETE /_mock/faults", func(w http.ResponseWriter, r *http.Request) {
		s.ClearFaults()
		w.WriteHeader(http.StatusNoContent)
	})
	s.control("PUT /_mock/boot-delay", func(w http.ResponseWriter, r *http.Request) {
		var v struct {
			Ms int `json:"ms"`
		}
		if err := json.NewDecoder(r.Body).Decode(&v); err != nil {
			writeError(w, http.StatusBadRequest, "want {\"ms\": <milliseconds>}")
			return
		}
		s.SetBootDelay(time.Duration(v.Ms) * time.Millisecond)
		w.WriteHeader(http.StatusNoContent)
	})
	s.control("PUT /_mock/stock", func(w http.ResponseWriter, r *http.Request) {
		var v struct {
			GPUTypeID    string `json:"gpuTypeId"`
			Cloud        string `json:"cloud"`
			DataCenterID string `json:"dataCenterId"`
			Free         int    `json:"free"`
		}
		if err := json.NewDecoder(r.Body).Decode(&v); err != nil || v.GPUTypeID == "" || v.Cloud == "" {
			writeError(w, http.StatusBadRequest, "want {\"gpuTypeId\", \"cloud\": \"SECURE\"|\"COMMUNITY\", \"dataCenterId\" (optional), \"free\"}")
			return
		}
		if v.DataCenterID != "" {
			s.SetGPUStockInDataCenter(v.GPUTypeID, v.Cloud, v.DataCenterID, v.Free)
		} else {
			s.SetGPUStock(v.GPUTypeID, v.Cloud, v.Free)
		}
		w.WriteHeader(http.StatusNoContent)
	})
	s.control("GET /_mock/stock", func(w http.ResponseWriter, r *http.Request) {
		type row struct {
			GPUTypeID    string `json:"gpuTypeId"`
			Cloud        string `json:"cloud"`
			DataCenterID string `json:"dataCenterId"`
			Free         int    `json:"free"`
		}
		rows := []row{}
		s.mu.Lock()
		for _, g := range s.store.gpuTypes {
			for _, cloud := range cloudTypes {
				for _, dc := range s.store.stock.dataCenters(g.ID, cloud) {
					rows = append(rows, row{g.ID, cloud, dc, s.store.stock.inDC(g.ID, cloud, dc)})
				}
			}
		}
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, rows)
	})
	s.control("PUT /_mock/rate-limit", func(w http.ResponseWriter, r *http.Request) {
		var v struct {
			PerMinute *int `json:"perMinute"`
		}
		if err := json.NewDecoder(r.Body).Decode(&v); err != nil || v.PerMinute == nil || *v.PerMinute < 0 {
			writeError(w, http.StatusBadRequest, "want {\"perMinute\": <requests per minute, 0 = unlimited>}")
			return
		}
		s.SetRateLimit(*v.PerMinute)
		w.WriteHeader(http.StatusNoContent)
	})
	s.control("PUT /_mock/token-bucket", func(w http.ResponseWriter, r *http.Request) {
		var v TokenBucket
		if err := json.NewDecoder(r.Body).Decode(&v); err != nil || v.PerSecond < 0 || v.Burst < 0 {
			writeError(w, http.StatusBadRequest, "want {\"perSecond\": <tokens per second, 0 = off>, \"burst\": <bucket size>}")
			return
		}
		s.SetTokenBucket(v)
		w.WriteHeader(http.StatusNoContent)
	})
	s.control("PUT /_mock/rollout", func(w http.ResponseWriter, r *http.Request) {
		var v struct {
			Ms *int `json:"ms"`
		}
		if err := json.NewDecoder(r.Body).Decode(&v); err != nil || v.Ms == nil || *v.Ms < 0 {
			writeError(w, http.StatusBadRequest, "want {\"ms\": <milliseconds an endpoint release takes to reach every worker>}")
			return
		}
		s.SetRolloutDuration(time.Duration(*v.Ms) * time.Millisecond)
		w.WriteHeader(http.StatusNoContent)
	})
	s.control("GET /_mock/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, strings.ReplaceAll(controlsIndex, "$BASE", "http://"+r.Host))
	})
}

// redactedCalls is calls with their bodies' secrets (passwords, tokens, env values) replaced,
// as the provider's logs show them: GET /_mock/calls may end up in a CI log. Tests in the same
// process read the raw bodies through Calls.
func redactedCalls(calls []Call) []Call {
	for i := range calls {
		calls[i].Body = redact.JSON([]byte(calls[i].Body))
	}
	return calls
}
