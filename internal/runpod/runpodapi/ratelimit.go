package runpodapi

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// rateGate paces the requests of one client by the quota RunPod reports on every REST v2
// answer, so that a client (the provider builds one per provider instance, shared by all
// resources) waits for a window to reset instead of colliding into 429s:
//
//	RateLimit:        "minute";r=12;t=30, "hour";r=2800;t=1812, "day";r=49500;t=45012
//	RateLimit-Policy: "minute";q=60;w=60, "hour";q=3000;w=3600, "day";q=50000;w=86400
//
// r is what is left of a window, t the seconds until it resets, q its quota. The gate keeps,
// per window, the remaining count and the reset time, counts the requests it lets through
// (the server only counts a request when it arrives), and:
//
//   - when a window's remaining count reaches 0, makes every later request wait until that
//     window resets;
//   - when a window runs low (at most a tenth of its quota left, or 5 when the quota is
//     unknown), spreads requests evenly over the time left instead of letting them burst:
//     one request per (time to reset / remaining), never past the window's reset (a request
//     whose slot would fall after it goes at the reset, into the new window's full quota);
//   - after a 429, makes every request wait for its Retry-After; when the answer carried no
//     quota headers (REST v1, GraphQL) and the Retry-After is short (at most 2 s: a refill, as
//     of a token bucket), lets requests through one per Retry-After for a minute after the
//     last such 429, so that the queue does not collide again at every refill.
//
// Every wait for a reset or a Retry-After gets its own random extra (up to a quarter of the
// wait, at most 1 s) so that parallel requests do not all retry at the same instant.
//
// It is hand-written rather than golang.org/x/time/rate: that limiter is a token bucket with a
// fixed refill rate, while RunPod states its quota as "r left until t", a window that resets
// all at once; expressing "nothing until the reset, then the full quota" and "adopt the
// server's count on every answer" through SetLimit/SetBurst would be harder to read than the
// few lines below. Answers without the headers (REST v1, GraphQL, rate-limit-exempt callers)
// change nothing, so the gate never slows them.
type rateGate struct {
	mu       sync.Mutex
	windows  map[string]*rateWindow
	quotas   map[string]int // from RateLimit-Policy
	blocked  time.Time      // no request before this (a 429's Retry-After)
	next     time.Time      // the next free slot while a window is low
	inflight int            // requests let through whose answer has not arrived
	// After a 429 with a short Retry-After and no quota headers to go by (REST v1, GraphQL: a
	// refill, like a token bucket's), requests go one per that Retry-After until spacedUntil
	// (a minute after the last such 429), so queued requests do not all collide at once.
	spacing     time.Duration
	spacedUntil time.Time
	nextSpaced  time.Time
}

// maxSpacing is the longest Retry-After the gate spaces requests by: a longer one is a window's
// reset, and holding every request until it (blocked) already covers that.
const maxSpacing = 2 * time.Second

type rateWindow struct {
	remaining int
	reset     time.Time
}

func newRateGate() *rateGate {
	return &rateGate{windows: map[string]*rateWindow{}, quotas: map[string]int{}}
}

// rateReservation is a caller's place in the gate.
type rateReservation struct {
	wait time.Duration
	why  string // which window (or a 429) made it wait; "" when it need not
}

// reserve books the next slot for a request at now and says how long to wait for it. When
// the wait would end after maxWait (a context deadline; 0 for none), nothing is booked and ok
// is false.
func (g *rateGate) reserve(now time.Time, maxWait time.Duration) (r rateReservation, ok bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	at := now
	if g.blocked.After(at) {
		at, r.why = g.blocked, "RunPod answered 429 Too Many Requests"
	}
	var gap time.Duration
	var gapWhy string
	var gapUntil time.Time // the reset of the low window that spreads requests
	for name, w := range g.windows {
		if !w.reset.After(now) { // reset since the last answer: unknown until the next one
			delete(g.windows, name)
			continue
		}
		if w.remaining <= 0 {
			if w.reset.After(at) {
				at, r.why = w.reset, fmt.Sprintf("the %q window is used up", name)
			}
			continue
		}
		if g.low(name, w) {
			if d := w.reset.Sub(now) / time.Duration(w.remaining); d > gap {
				gap, gapWhy, gapUntil = d, fmt.Sprintf("the %q window is low (%d left)", name, w.remaining), w.reset
			}
		}
	}
	if at.After(now) {
		at = at.Add(jitter(at.Sub(now)))
	}
	if gap > 0 && g.next.After(at) {
		if g.next.Before(gapUntil) {
			at, r.why = g.next, gapWhy
		} else {
			// Spread slots end at the low window's reset: a request past it goes with the new
			// window's full quota (its own jitter), not one gap after the other.
			at, r.why = gapUntil.Add(jitter(gapUntil.Sub(now))), gapWhy+", until its reset"
			gap = 0
		}
	}
	spaced := g.spacing > 0 && now.Before(g.spacedUntil)
	if spaced && g.nextSpaced.After(at) {
		at, r.why = g.nextSpaced, fmt.Sprintf("RunPod answered 429 Too Many Requests: one request per %s", g.spacing)
	}
	r.wait = at.Sub(now)
	if maxWait > 0 && r.wait > maxWait {
		return r, false
	}
	if spaced {
		g.nextSpaced = at.Add(g.spacing)
	}
	if gap > 0 {
		g.next = at.Add(gap)
	}
	for _, w := range g.windows {
		if w.reset.After(at) {
			w.remaining--
		}
	}
	g.inflight++
	return r, true
}

func (g *rateGate) low(name string, w *rateWindow) bool {
	if q := g.quotas[name]; q > 0 {
		return w.remaining*10 <= q
	}
	return w.remaining <= 5
}

// done records the answer to a request reserve let through: header is nil when none came.
// RunPod's count does not include requests still on their way, so they are taken off it.
func (g *rateGate) done(now time.Time, header http.Header) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.inflight > 0 {
		g.inflight--
	}
	if header == nil {
		return
	}
	for _, item := range parseRateLimitHeader(header.Get("RateLimit-Policy")) {
		if q, ok := item.params["q"]; ok && q > 0 {
			g.quotas[item.name] = q
		}
	}
	for _, item := range parseRateLimitHeader(header.Get("RateLimit")) {
		r, okR := item.params["r"]
		t, okT := item.params["t"]
		if !okR || !okT {
			continue
		}
		g.windows[item.name] = &rateWindow{remaining: max(r-g.inflight, 0), reset: now.Add(time.Duration(t) * time.Second)}
	}
}

// throttled records a 429 answered at now: no request goes out before its Retry-After
// (retryAfter, 0 when RunPod named none). Without one, a used-up window already holds every
// request until its reset; failing that, requests wait fallback (the caller's backoff).
func (g *rateGate) throttled(now time.Time, retryAfter, fallback time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	wait := retryAfter
	if wait <= 0 {
		for _, w := range g.windows {
			if w.remaining <= 0 && w.reset.After(now) {
				return
			}
		}
		wait = fallback
	}
	if until := now.Add(wait); until.After(g.blocked) {
		g.blocked = until
	}
	if retryAfter > 0 && retryAfter <= maxSpacing && len(g.windows) == 0 {
		g.spacing, g.spacedUntil = retryAfter, now.Add(time.Minute)
		if g.nextSpaced.Before(g.blocked) {
			g.nextSpaced = g.blocked
		}
	}
}

// jitter is a random extra for a wait of d: up to a quarter of it, at least 100 ms, at most 1 s.
func jitter(d time.Duration) time.Duration {
	limit := min(max(d/4, 100*time.Millisecond), time.Second)
	return time.Duration(rand.Int64N(int64(limit) + 1))
}

type rateLimitItem struct {
	name   string
	params map[string]int
}

// parseRateLimitHeader reads a RateLimit or RateLimit-Policy header, a structured-field list
// (RFC 8941) of windows with integer parameters: `"minute";r=12;t=30, "hour";r=2800;t=1812`.
// Members it cannot read are skipped.
func parseRateLimitHeader(v string) []rateLimitItem {
	var out []rateLimitItem
	for _, member := range strings.Split(v, ",") {
		parts := strings.Split(member, ";")
		name := strings.Trim(strings.TrimSpace(parts[0]), `"`)
		if name == "" {
			continue
		}
		item := rateLimitItem{name: name, params: map[string]int{}}
		for _, p := range parts[1:] {
			k, val, ok := strings.Cut(strings.TrimSpace(p), "=")
			if !ok {
				continue
			}
			if n, err := strconv.Atoi(strings.Trim(strings.TrimSpace(val), `"`)); err == nil {
				item.params[strings.TrimSpace(k)] = n
			}
		}
		out = append(out, item)
	}
	return out
}
