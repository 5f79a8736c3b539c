// Package runpodmock is a stateful mock of RunPod's API: REST v2, REST v1 and the GraphQL
// operations the provider uses, with the live APIs' JSON shapes, status codes and quirks, a pod
// lifecycle that boots after a delay, and the machinery both mocks share (internal/kit/mockkit:
// fault injection, a call log, rate limits and the /_mock/ controls). It never imports the
// provider.
//
// One API-neutral in-memory store (store*.go, stock.go; seed in catalog.go) sits under three
// codecs: REST v1 (restv1.go, decode.go), REST v2 (restv2.go, wirev2.go, specv2.go) and
// GraphQL (graphql.go). An object created through one API reads through the others. Both REST
// codecs serve their CRUD routes from the kit's resource table (mockkit.Route); each renders
// refusals in its own shape (v1 {"error","status"}, v2 RFC 9457 problem+json), the kit's
// refusals (faults, throttles) included. REST v2 lives under /v2 on the same server (RunPod:
// https://api.runpod.io/v2/...), v1 under /v1 and at /, GraphQL at /graphql, and the mock's
// controls under /_mock/ (GET /_mock/ lists them; the stock and rollout controls are this
// mock's own, controls.go). The call log's routes (mockkit.Call.Route) refine two patterns:
// v2 pod actions are "POST /v2/pods/{id}/action <action>", GraphQL calls "graphql <first
// field>"; every answer carries an X-Request-Id (mockkit.Call.RequestID).
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
//   - Rate limit: REST v2 only, per-account quotas over three fixed windows (minute, hour, day)
//     with RateLimit and RateLimit-Policy headers on every authenticated v2 answer, as the
//     spec shows them. The quota is Options.RateLimitPerMinute (control: PUT
//     /_mock/rate-limit; unlimited by default); the hour and day quotas follow it in the
//     proportions of the spec's example (60/3000/50000): ×50 and ×50000/60 (assumed). The
//     token bucket (Options.TokenBucket) throttles every API.
//   - 422 texts follow a JSON Schema validator's phrasing ("$.gpu: additional properties 'foo'
//     not allowed"); rule violations are 400s with a detail saying what is wrong.
package runpodmock

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
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
	// it, see the package comment); zero means unlimited.
	RateLimitPerMinute int
	// TokenBucket, when its rate is above 0, throttles every API (v2, v1, GraphQL) like a busy
	// account: each request takes a token, tokens refill at PerSecond up to Burst, and a
	// request finding none is answered 429 with a Retry-After.
	TokenBucket mockkit.TokenBucket
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
}

// Server is the mock, an http.Handler. Its methods are safe for concurrent use; the faults,
// the call log and the throttles are the kit's (mockkit.Kit).
type Server struct {
	*mockkit.Kit
	opts Options
	mux  *http.ServeMux
	// v1 and v2 serve the REST APIs' routes under mu.
	v1, v2 *mockkit.Table[apiError]

	mu    sync.Mutex
	store *store
}

// rateWindows are REST v2's rate limit windows: the hour and day quotas follow the minute's.
var rateWindows = []mockkit.Window{
	mockkit.MinuteWindow,
	{Name: "hour", Length: time.Hour, Quota: func(m int) int { return m * 50 }},
	{Name: "day", Length: 24 * time.Hour, Quota: func(m int) int { return m * 50000 / 60 }},
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
	s := &Server{opts: opts}
	s.Kit = mockkit.New(mockkit.Options{
		Name: "runpod-mock", Now: opts.Now,
		Authorize: s.authorize, Route: routeOf, Refuse: refuse,
		RateLimit: mockkit.RateLimit{
			PerMinute: opts.RateLimitPerMinute, Windows: rateWindows, Headers: true, Counted: "REST v2 requests",
			Applies: func(r *http.Request) bool { return isV2(r) },
		},
		TokenBucket:  opts.TokenBucket,
		SetBootDelay: s.SetBootDelay,
		BootDelayHelp: "how long pods started from now on take to boot (PROVISIONING the first half, STARTING " +
			"the second, then RUNNING)",
		APIs: controlsAPIs, Notes: controlsNotes, FaultExamples: faultExamples,
	})
	s.mux = s.Mux()
	s.v1 = &mockkit.Table[apiError]{Mux: s.mux, Lock: &s.mu, Codec: v1}
	s.v2 = &mockkit.Table[apiError]{Mux: s.mux, Lock: &s.mu, Codec: v2}
	s.store = newStore(opts)
	s.routeRESTv1()
	s.routeRESTv2()
	s.routeGraphQL()
	s.routeControls()
	return s
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

// SetRolloutDuration changes how long endpoint releases take to reach every worker.
func (s *Server) SetRolloutDuration(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.store.rollout = d
}

// ServeHTTP implements http.Handler: every answer gets an X-Request-Id, REST v1 is served
// under /v1 and at /, and the kit does the rest.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Request-Id", newRequestID())
	// REST v1 lives under /v1 on RunPod (https://rest.runpod.io/v1); serve it there and at /.
	if rest, ok := strings.CutPrefix(r.URL.Path, "/v1/"); ok {
		r.URL.Path = "/" + rest
		r.URL.RawPath = ""
	}
	s.Kit.ServeHTTP(w, r)
}

func isV2(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/v2/") }

// codecOf is the codec that answers r: REST v2's under /v2, v1's elsewhere (GraphQL included).
func codecOf(r *http.Request) mockkit.Codec[apiError] {
	if isV2(r) {
		return v2
	}
	return v1
}

// refuse writes the kit's refusals (faults, throttles) in the shape of the request's API.
func refuse(w http.ResponseWriter, r *http.Request, refusal mockkit.Refusal) {
	codecOf(r).WriteError(w, &apiError{status: refusal.Status, msg: refusal.Message})
}

// routeOf names a call: v2 pod actions by their action, GraphQL calls by their first field.
func routeOf(r *http.Request, pattern string, body []byte) string {
	switch {
	case strings.HasPrefix(pattern, "POST /graphql"):
		return "graphql " + graphqlField(body)
	case pattern == podActionRoute:
		if action := podActionOf(body); action != "" {
			return pattern + " " + action
		}
	}
	return pattern
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

// authorize lets requests with the key in; the others get a 401 in their API's shape.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) bool {
	if got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && got == s.opts.APIKey {
		return true
	}
	// RunPod's GraphQL docs pass the key in the URL; the mock accepts that too.
	if r.URL.Path == "/graphql" && r.URL.Query().Get("api_key") == s.opts.APIKey {
		return true
	}
	if isV2(r) {
		detail := "invalid bearer token"
		if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
			detail = "missing bearer token"
		}
		writeProblem(w, http.StatusUnauthorized, detail)
		return false
	}
	writeError(w, http.StatusUnauthorized, "Unauthorized: a valid API key is required (Authorization: Bearer <key>)")
	return false
}

// writeError answers like the live API: {"error": "<text>", "status": <code>}.
func writeError(w http.ResponseWriter, status int, msg string, problems ...string) {
	body := map[string]any{"error": msg, "status": status}
	if len(problems) > 0 {
		body["problems"] = problems
	}
	mockkit.WriteJSON(w, status, body)
}

// byID adapts a store lookup that needs no request to a resource's get.
func byID[R any](lookup func(id string) (R, *apiError)) func(string, *http.Request) (R, *apiError) {
	return func(id string, _ *http.Request) (R, *apiError) { return lookup(id) }
}

// all adapts a store listing to a resource's list.
func all[R any](list func() []R) func(*http.Request) ([]R, *apiError) {
	return func(*http.Request) ([]R, *apiError) { return list(), nil }
}
