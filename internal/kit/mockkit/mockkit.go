// Package mockkit is the machinery both API mocks (runpod-mock and yotta-mock) share, so that
// every control behaves the same on both: the request pipeline (key check, throttles, faults,
// call log), the fault kinds, the call log and its redacted view, the fixed-window rate limit
// and the token bucket, the /_mock/ controls and their generated index, the CRUD route table
// the REST codecs serve resources from, and the mock commands' main. A mock brings its API (its
// routes, its store) and its dialect: how it checks a key, names a route and writes a refusal.
// It imports neither provider's code.
//
// A request to a mock goes through Kit.ServeHTTP:
//
//  1. /_mock/... is a control: served at once, no key, not logged.
//  2. The call is named (Call.Route) and logged before its answer leaves, or before a dropped
//     connection closes: a client that saw the answer or the drop finds the call in the log.
//  3. The key is checked (Options.Authorize), then the token bucket, then the fixed-window
//     rate limit (where it applies), then the faults; each may answer in the mock's stead.
//  4. The mock's handler answers.
package mockkit

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options configure a Kit: the mock's name and dialect, and the controls' starting state.
type Options struct {
	// Name is the mock's command name ("runpod-mock"), the title of its controls index.
	Name string
	// Now returns the current time; nil means time.Now.
	Now func() time.Time

	// Authorize checks a request's key. When it refuses, it has written the answer (the call
	// is logged with it). Nil lets every request in.
	Authorize func(w http.ResponseWriter, r *http.Request) bool
	// Route names a call for the log and for faults from the pattern of the mux route that
	// serves it ("" when none does) and the request body; nil names it by the pattern.
	Route func(r *http.Request, pattern string, body []byte) string
	// Refuse writes an answer the kit gives instead of the mock (a status fault, the rate
	// limit, the token bucket) in the API's error shape. Required.
	Refuse func(w http.ResponseWriter, r *http.Request, refusal Refusal)
	// RenderCode, when set, answers a code fault: the API's success status with an error code
	// in its envelope (Yotta: HTTP 200, {"code": 10002, ...}). A mock without it refuses
	// faults of kind "code".
	RenderCode func(w http.ResponseWriter, r *http.Request, code int, message string)
	// DefaultCode is the code of a code fault that names none.
	DefaultCode int
	// ReadCode, when set, reads the envelope code of an answer for Call.Code.
	ReadCode func(answer []byte) int

	// RateLimit is the fixed-window rate limit (control: PUT /_mock/rate-limit).
	RateLimit RateLimit
	// TokenBucket throttles every API request when its rate is above 0 (control: PUT
	// /_mock/token-bucket).
	TokenBucket TokenBucket
	// SetBootDelay changes how long pods take to boot (control: PUT /_mock/boot-delay;
	// required), and BootDelayHelp says what that means on this mock, for the index.
	SetBootDelay  func(time.Duration)
	BootDelayHelp string

	// APIs heads the controls index: the mock's APIs and how they take the key, with $BASE
	// for the server's address. Notes ends it (test images and the like).
	APIs, Notes string
	// FaultExamples are request bodies of POST /_mock/faults for the index, with this mock's
	// routes.
	FaultExamples []string
}

// Refusal is an answer the kit gives in the mock's stead.
type Refusal struct {
	Status  int    // the HTTP status
	Message string // what went wrong: "injected fault: Service Unavailable", "rate limit exceeded for the minute window"
	// Fault is the status fault that answers; nil for the rate limit and the token bucket.
	Fault *Fault
}

// Kit is the machinery a mock embeds: its mux (the mock's routes and the kit's controls), its
// faults, call log and throttles. Its methods are safe for concurrent use.
type Kit struct {
	opts Options
	mux  *http.ServeMux

	mu       sync.Mutex
	faults   []*Fault
	calls    []Call
	limiter  *rateLimiter
	bucket   *tokenBucket
	controls []Control
}

// New returns a kit with an empty mux but for the common controls; the mock adds its routes
// to Mux() and its own controls with Control.
func New(opts Options) *Kit {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	k := &Kit{opts: opts, mux: http.NewServeMux()}
	k.limiter = newRateLimiter(opts.RateLimit)
	k.bucket = newTokenBucket(opts.TokenBucket, opts.Now())
	k.routeCommonControls()
	return k
}

// Mux is where the mock registers its API routes.
func (k *Kit) Mux() *http.ServeMux { return k.mux }

// maxBody is how much of a request body the kit reads (and logs).
const maxBody = 8 << 20

// ServeHTTP implements http.Handler: see the package comment for the order of things.
func (k *Kit) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxBody))
	r.Body = io.NopCloser(bytes.NewReader(body))
	if strings.HasPrefix(r.URL.Path, "/_mock/") { // the mock's own controls: no key, not logged
		k.mux.ServeHTTP(w, r)
		return
	}
	_, pattern := k.mux.Handler(r)
	route := pattern
	if k.opts.Route != nil {
		route = k.opts.Route(r, pattern, body)
	}
	call := Call{Time: k.opts.Now(), Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Route: route, Body: string(body)}
	rec := &recorder{ResponseWriter: w, status: http.StatusOK, keepBody: k.opts.ReadCode != nil}
	// The call is logged before the answer leaves (net/http sends it after the handler
	// returns), and before a dropped connection closes.
	logged := false
	logCall := func() {
		if logged {
			return
		}
		logged = true
		call.Status = rec.status
		call.RequestID = w.Header().Get("X-Request-Id")
		if k.opts.ReadCode != nil && rec.status != 0 {
			call.Code = k.opts.ReadCode(rec.body.Bytes())
		}
		k.mu.Lock()
		k.calls = append(k.calls, call)
		k.mu.Unlock()
	}
	defer logCall()

	if k.opts.Authorize != nil && !k.opts.Authorize(rec, r) {
		return
	}
	if wait := k.takeToken(); wait > 0 {
		call.Fault = "token bucket"
		rec.Header().Set("Retry-After", strconv.Itoa(int((wait+time.Second-1)/time.Second)))
		k.opts.Refuse(rec, r, Refusal{Status: http.StatusTooManyRequests, Message: "rate limit exceeded: too many requests"})
		return
	}
	if k.opts.RateLimit.applies(r) {
		k.mu.Lock()
		verdict := k.limiter.take(k.opts.Now())
		k.mu.Unlock()
		if k.opts.RateLimit.Headers {
			rec.Header().Set("RateLimit", verdict.state)
			rec.Header().Set("RateLimit-Policy", verdict.policy)
		}
		if verdict.exceeded != "" {
			rec.Header().Set("Retry-After", strconv.Itoa(verdict.retryAfter))
			k.opts.Refuse(rec, r, Refusal{Status: http.StatusTooManyRequests, Message: "rate limit exceeded for the " + verdict.exceeded + " window"})
			return
		}
	}

	if fault := k.takeFault(route); fault != nil {
		call.Fault = fault.String()
		switch fault.Kind {
		case FaultStatus:
			if fault.RetryAfter != "" {
				rec.Header().Set("Retry-After", fault.RetryAfter)
			}
			k.opts.Refuse(rec, r, Refusal{Status: fault.Status, Message: "injected fault: " + http.StatusText(fault.Status), Fault: fault})
			return
		case FaultCode:
			k.opts.RenderCode(rec, r, fault.Code, fmt.Sprintf("injected fault: code %d", fault.Code))
			return
		case FaultDelay:
			select {
			case <-time.After(fault.Delay):
			case <-r.Context().Done():
				rec.status = 499 // the client went away
				return
			}
		case FaultDrop:
			rec.status = 0
			logCall()
			dropConnection(w)
			return
		case FaultDropAfter:
			k.mux.ServeHTTP(&recorder{ResponseWriter: discardWriter{header: http.Header{}}, status: http.StatusOK}, r)
			rec.status = 0
			logCall()
			dropConnection(w)
			return
		}
	}
	k.mux.ServeHTTP(rec, r)
}

func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// recorder remembers the status a handler wrote and, when keepBody, the start of the answer
// (for its envelope code).
type recorder struct {
	http.ResponseWriter
	status   int
	keepBody bool
	body     bytes.Buffer
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.keepBody && r.body.Len() < 1<<16 {
		r.body.Write(b)
	}
	return r.ResponseWriter.Write(b)
}

type discardWriter struct{ header http.Header }

func (d discardWriter) Header() http.Header         { return d.header }
func (d discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d discardWriter) WriteHeader(int)             {}

// Clock is a time source a test moves by hand: give its Now to a mock as Options.Now.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock at now.
func NewClock(now time.Time) *Clock { return &Clock{now: now} }

// Now reads the clock.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock d forward.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}
