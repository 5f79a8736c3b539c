// Package yottamock is a stateful mock of Yotta Labs' REST API v2 (pods, container registry
// credentials, volumes, serverless endpoints, the GPU catalogue), with Yotta's {message,
// code, data} envelope and business codes, 18-digit ids, epoch-millisecond timestamps and a pod lifecycle that takes time, on the
// machinery both mocks share (internal/kit/mockkit: fault injection, a call log, rate limits,
// the /_mock/ controls, the CRUD route table). Code faults answer HTTP 200 with the fault's
// envelope code; mockkit.Call.Code is the envelope code of each answer; the error-status and
// pods/{id}/fail controls are this mock's own (controls.go). It never imports the provider or
// its client.
//
// Where Yotta's documentation (see yotta/api/YOTTA-V2.md) is silent the mock assumes,
// unverified against the live API:
//   - Business errors (10001 invalid parameters, 10007 record not exist, 12001 status invalid,
//     13000 pod not found) come as HTTP 200 with the code, as Yotta's own clients expect (they
//     check code on 2xx answers); Options.ErrorStatus = ErrorStatus4xx answers them with HTTP
//     400/404/409 instead (the YottaML spec lists those statuses). A wrong or missing key is
//     HTTP 401 with code 401; a credential in use is HTTP 409; 429 carries Retry-After.
//   - Lifecycle: a new pod is INITIALIZE for the boot delay, then RUNNING; its exposed ports
//     become healthy one boot delay after that. The create answer is always INITIALIZE. Pause:
//     PAUSING for half the boot delay, then PAUSED (the pod keeps its GPUs). Resume: RUNNING at
//     once, ports healthy after the boot delay. Delete: TERMINATING for half the boot delay,
//     then TERMINATED; a terminated pod still reads (status TERMINATED) but is listed only when
//     statusList asks for it; deleting it again answers 13000. Pause of a pod that is not
//     RUNNING, or resume of one that is not PAUSED, answers 12001.
//   - FAILED: a pod that no requested region can place (no free GPUs, or cards below the
//     minimums) and a pod whose image is tagged "mock-fail" are accepted, stay INITIALIZE for
//     the boot delay, then read FAILED with the reason in failedReason (Yotta documents no
//     field for it). An unknown gpuType or region is refused at create (10001,
//     "gpu type [X] not supported").
//   - Answers: protocols are upper-cased; HTTP ports get an ingressUrl under
//     *.ingress.mock-yotta.invalid, TCP ones "<host>:<proxyPort>", SSH ones
//     "ssh root@<host> -p <proxyPort> -i <private key>", and sshCmd is set when an SSH port is
//     exposed. imageRegistry defaults to Docker Hub, containerVolumeInGb to 100, shmInGb to 0;
//     the request's regions, credential, minimums, persistent volume settings and
//     imagePublicType are not reported back.
//   - Requests with fields PodV2CreateRequest does not have are refused (10001), so that a
//     misspelt field fails tests instead of being dropped. Registry credential names are unique.
//   - Volumes (/v2/volumes): a new volume is creating for the boot delay, then active; a
//     resize is resizing for half the boot delay (the old size is reported until it ends); a
//     delete is deleting for half the boot delay, then the volume is gone (10007). mountCount
//     counts the pods not deleted whose persistentVolumes name the volume; while it is above 0,
//     delete and resize answer HTTP 409 with 12001 and a message naming the pods. A pod's
//     volumeId is not checked against the volumes. sizeInGb is refused on S3 and R2 volumes
//     and vendorVolumeType on all but VENDOR ones; a resize may not shrink (10001), and a
//     resize to the current size does nothing. cost is USD per GB per month, the mock's own.
//     The list is paged ({items, page, size, total, pages}), in creation order.
//   - Serverless endpoints (/v2/serverless): ids are strings in answers (the docs: "All IDs
//     are returned as strings in Endpoint responses"). A new endpoint is INITIALIZING for the
//     boot delay, then RUNNING with all its workers; the create answer is INITIALIZING. Each
//     worker goes to the first of the endpoint's resources whose region offers the GPU type
//     with free GPUs and cards that meet the minimums (the stock is looked at, not taken);
//     when a worker fits nowhere, or the image is tagged "mock-fail", the endpoint goes FAILED
//     after the boot delay with failedReason. Stop: STOPPING for half the boot delay, then
//     STOPPED, no worker running; start: INITIALIZING for the boot delay; either in another
//     status is 12001. The PATCH takes every setting (name, resources, workers and
//     containerVolumeInGb required; an optional one left out is cleared); a change of
//     resources, container volume, minimums, credential, initialization command, environment
//     or expose restarts the workers (INITIALIZING for the boot delay); name, webhook and
//     workers do not. Scaling is PUT …/workers?count=N (the docs guide's, SDK's and MCP
//     client's form), or …/workers/{count} with Options.ScaleWorkersInPath (the OpenAPI
//     file's), not both; new workers run after the boot delay. ALB needs expose; expose takes
//     HTTP or TCP. A delete removes the endpoint at once (then 10007). domain is
//     <hex>.yottadeos.mock.invalid; perHourPrice is the placed workers' GPUs at the
//     catalogue's prices, perSecondPrice that over 3600, cost 0. minSingleCard* and the
//     credential are not reported back. envVars is accepted for environmentVars. The tasks
//     count (GET …/tasks/count) is always {processing: 0}.
//   - Rate limit: a fixed one-minute window (unlimited by default), without rate-limit
//     headers; Yotta documents limits only for its v1 task queue. Its 429s, and the token
//     bucket's, carry code 429 and Retry-After.
package yottamock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
)

// Error status modes (Options.ErrorStatus).
const (
	ErrorStatus200 = "200" // business errors as HTTP 200 with the code (default)
	ErrorStatus4xx = "4xx" // business errors with HTTP 400, 404 or 409 and the code
)

// Options configure a Server.
type Options struct {
	// APIKey is the key requests must carry in X-Api-Key. Required.
	APIKey string
	// BootDelay is how long a new pod is INITIALIZE (and how long its ports then take to be
	// healthy); pausing and terminating take half of it. Zero is instant.
	BootDelay time.Duration
	// GPUTypes and Regions are the catalogue; nil means DefaultGPUTypes() and DefaultRegions().
	GPUTypes []GPUType
	Regions  []Region
	// GPUStock is how many GPUs of each type are free in each region offering it; 0 means 16.
	GPUStock int
	// RateLimitPerMinute is the request quota per minute; zero means unlimited.
	RateLimitPerMinute int
	// TokenBucket, when its rate is above 0, throttles the API like a busy account: each
	// request takes a token, tokens refill at PerSecond up to Burst, and a request finding
	// none is answered 429 with a Retry-After.
	TokenBucket mockkit.TokenBucket
	// ErrorStatus is ErrorStatus200 (default) or ErrorStatus4xx.
	ErrorStatus string
	// ScaleWorkersInPath serves the scale route as Yotta's OpenAPI file writes it,
	// PUT /v2/serverless/{id}/workers/{count}, instead of the form its docs guide and clients
	// use, PUT /v2/serverless/{id}/workers?count=N.
	ScaleWorkersInPath bool
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
}

// Server is the mock, an http.Handler. Its methods are safe for concurrent use; the faults,
// the call log and the throttles are the kit's (mockkit.Kit).
type Server struct {
	*mockkit.Kit
	opts Options
	mux  *http.ServeMux
	// api serves the API's routes under mu.
	api *mockkit.Table[apiError]

	mu        sync.Mutex
	store     *store
	errorMode atomic.Value // string: ErrorStatus200 or ErrorStatus4xx
}

// New returns a mock with an empty account and the seeded catalogue.
func New(opts Options) *Server {
	if opts.GPUTypes == nil {
		opts.GPUTypes = DefaultGPUTypes()
	}
	if opts.Regions == nil {
		opts.Regions = DefaultRegions()
	}
	if opts.GPUStock == 0 {
		opts.GPUStock = 16
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.ErrorStatus == "" {
		opts.ErrorStatus = ErrorStatus200
	}
	s := &Server{opts: opts, store: newStore(opts)}
	s.errorMode.Store(opts.ErrorStatus)
	s.Kit = mockkit.New(mockkit.Options{
		Name: "yotta-mock", Now: opts.Now,
		Authorize: s.authorize, Route: routeOf, Refuse: refuse,
		RenderCode: func(w http.ResponseWriter, _ *http.Request, code int, message string) {
			writeEnvelope(w, http.StatusOK, message, code, nil)
		},
		DefaultCode:  codeSystemError,
		ReadCode:     envelopeCode,
		RateLimit:    mockkit.RateLimit{PerMinute: opts.RateLimitPerMinute},
		TokenBucket:  opts.TokenBucket,
		SetBootDelay: s.SetBootDelay,
		BootDelayHelp: "how long pods created or resumed from now on take to boot (INITIALIZE, then RUNNING; " +
			"ports healthy one delay later; pausing and terminating take half)",
		APIs: controlsAPIs, Notes: controlsNotes, FaultExamples: faultExamples,
	})
	s.mux = s.Mux()
	s.api = &mockkit.Table[apiError]{Mux: s.mux, Lock: &s.mu, Codec: mockkit.Codec[apiError]{WriteOK: writeOK, WriteError: s.writeError}}
	s.route()
	s.routeControls()
	return s
}

func (s *Server) errorStatus() string { return s.errorMode.Load().(string) }

// authorize lets requests with the key in X-Api-Key in; the others get HTTP 401, code 401.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) bool {
	if r.Header.Get("X-Api-Key") == s.opts.APIKey && s.opts.APIKey != "" {
		return true
	}
	msg := "Unauthorized: invalid API key"
	if r.Header.Get("X-Api-Key") == "" {
		msg = "Unauthorized: missing API key (X-Api-Key header)"
	}
	s.writeError(w, &apiError{status: http.StatusUnauthorized, code: http.StatusUnauthorized, msg: msg})
	return false
}

// routeOf names a call by its route, or by its method and path when the API has no such
// route.
func routeOf(r *http.Request, pattern string, _ []byte) string {
	if pattern == "" || pattern == unrouted {
		return r.Method + " " + r.URL.Path
	}
	return pattern
}

// refuse writes the kit's refusals in Yotta's envelope: a status fault with its code (by
// default 10002, or 429 for a 429), the throttles as HTTP 429 with code 429.
func refuse(w http.ResponseWriter, _ *http.Request, refusal mockkit.Refusal) {
	if refusal.Fault == nil {
		writeEnvelope(w, http.StatusTooManyRequests, "Too many requests", http.StatusTooManyRequests, nil)
		return
	}
	code := refusal.Fault.Code
	switch {
	case code != 0:
	case refusal.Status == http.StatusTooManyRequests:
		code = http.StatusTooManyRequests
	default:
		code = codeSystemError
	}
	writeEnvelope(w, refusal.Status, refusal.Message, code, nil)
}

// envelopeCode reads the code of an answer's envelope, for the call log.
func envelopeCode(answer []byte) int {
	var env struct {
		Code int `json:"code"`
	}
	_ = json.Unmarshal(answer, &env)
	return env.Code
}

// unrouted is the pattern that answers a path the API does not have: HTTP 404, as Spring does.
const unrouted = "/"

func writeUnrouted(w http.ResponseWriter, r *http.Request) {
	writeEnvelope(w, http.StatusNotFound, fmt.Sprintf("No endpoint %s %s", r.Method, r.URL.Path), http.StatusNotFound, nil)
}

// SetBootDelay changes how long pods created or resumed from now on take to boot.
func (s *Server) SetBootDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.store.bootDelay = d
}

// SetGPUStock sets how many GPUs of a type are free in a region (which then offers the type).
func (s *Server) SetGPUStock(gpuType, region string, free int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.store.gpuType(gpuType)
	if g == nil {
		return fmt.Errorf("unknown GPU type %q", gpuType)
	}
	if s.store.region(region) == nil {
		return fmt.Errorf("unknown region %q", region)
	}
	if !contains(g.Regions, region) {
		g.Regions = append(g.Regions, region)
	}
	s.store.stock[gpuType+"/"+region] = free
	return nil
}

// GPUStock reports how many GPUs of a type are free in a region.
func (s *Server) GPUStock(gpuType, region string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.store.stock[gpuType+"/"+region]
}

// SetErrorStatus switches how business errors are answered: ErrorStatus200 or ErrorStatus4xx.
func (s *Server) SetErrorStatus(mode string) error {
	if mode != ErrorStatus200 && mode != ErrorStatus4xx {
		return fmt.Errorf("unknown error status mode %q (want %q or %q)", mode, ErrorStatus200, ErrorStatus4xx)
	}
	s.errorMode.Store(mode)
	return nil
}

// FailPod makes a pod FAILED now, with reason, as when its machine fails.
func (s *Server) FailPod(id, reason string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.store.pods[id]
	if !ok {
		return fmt.Errorf("no pod %s", id)
	}
	now := s.opts.Now()
	p.failAt, p.failReason, p.updated = now, reason, now
	s.store.settle(p, now)
	return nil
}

// PodStatus reports the status of a pod as the API would ("" when there is no such pod).
func (s *Server) PodStatus(id string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.store.pods[id]; ok {
		return p.status(s.opts.Now())
	}
	return ""
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
