package mockkit

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// RateLimit is a per-account quota over fixed windows. A window opens at the first request
// after the previous one closed and counts the requests answered in it; a request over any
// window's quota is refused with 429 and a Retry-After of the seconds until that window
// closes, and is not counted. With Headers, every answer it applies to carries the live state
// and the policy in the IETF ratelimit-headers form (RunPod's REST v2 spec shows it):
//
//	RateLimit: "minute";r=<remaining>;t=<seconds to reset>, "hour";r=...;t=..., ...
//	RateLimit-Policy: "minute";q=<quota>;w=60, "hour";q=...;w=3600, ...
//
// With no limit (PerMinute 0) nothing is refused, and the headers report a nominal quota of
// unlimitedPerMinute so clients that pace themselves never wait.
type RateLimit struct {
	// PerMinute is the quota per minute; 0 means unlimited. The other windows' quotas follow
	// it.
	PerMinute int
	// Windows are the windows counted; nil means one minute window with quota PerMinute.
	Windows []Window
	// Headers sends RateLimit and RateLimit-Policy with every answer the limit applies to.
	Headers bool
	// Applies says which requests count; nil means every API request.
	Applies func(r *http.Request) bool
	// Counted names what counts, for the controls index and the -rate-limit flag: "REST v2
	// requests"; "" means "requests".
	Counted string
}

// Window is one fixed window of a RateLimit.
type Window struct {
	Name   string // as the headers name it: "minute"
	Length time.Duration
	// Quota is the window's quota for a per-minute quota.
	Quota func(perMinute int) int
}

// MinuteWindow is the window a RateLimit without Windows counts.
var MinuteWindow = Window{Name: "minute", Length: time.Minute, Quota: func(perMinute int) int { return perMinute }}

const unlimitedPerMinute = 1_000_000

func (l RateLimit) applies(r *http.Request) bool { return l.Applies == nil || l.Applies(r) }

func (l RateLimit) counted() string {
	if l.Counted == "" {
		return "requests"
	}
	return l.Counted
}

type rateLimiter struct {
	perMinute int
	windows   []Window
	start     []time.Time
	used      []int
}

func newRateLimiter(l RateLimit) *rateLimiter {
	windows := l.Windows
	if windows == nil {
		windows = []Window{MinuteWindow}
	}
	return &rateLimiter{perMinute: l.PerMinute, windows: windows, start: make([]time.Time, len(windows)), used: make([]int, len(windows))}
}

// rateVerdict is what the limiter says of a request: the headers and, when a window's quota is
// used up, that window's name and the seconds until it resets.
type rateVerdict struct {
	state, policy string
	exceeded      string
	retryAfter    int
}

func (l *rateLimiter) take(now time.Time) rateVerdict {
	perMinute := l.perMinute
	if perMinute <= 0 {
		perMinute = unlimitedPerMinute
	}
	var v rateVerdict
	for i, w := range l.windows {
		if l.start[i].IsZero() || !now.Before(l.start[i].Add(w.Length)) {
			l.start[i], l.used[i] = now, 0
		}
		if l.perMinute > 0 && l.used[i] >= w.Quota(perMinute) {
			if secs := secondsUntil(now, l.start[i].Add(w.Length)); v.exceeded == "" || secs > v.retryAfter {
				v.exceeded, v.retryAfter = w.Name, secs
			}
		}
	}
	if v.exceeded == "" {
		for i := range l.used {
			l.used[i]++
		}
	}
	var state, policy []string
	for i, w := range l.windows {
		q := w.Quota(perMinute)
		state = append(state, fmt.Sprintf("%q;r=%d;t=%d", w.Name, max(0, q-l.used[i]), secondsUntil(now, l.start[i].Add(w.Length))))
		policy = append(policy, fmt.Sprintf("%q;q=%d;w=%d", w.Name, q, int(w.Length.Seconds())))
	}
	v.state, v.policy = strings.Join(state, ", "), strings.Join(policy, ", ")
	return v
}

// secondsUntil rounds up, so a client that waits t seconds is past the reset.
func secondsUntil(now, t time.Time) int {
	d := t.Sub(now)
	return max(0, int((d+time.Second-1)/time.Second))
}

// SetRateLimit changes the per-minute quota (0: unlimited) and restarts the windows.
func (k *Kit) SetRateLimit(perMinute int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	limit := k.opts.RateLimit
	limit.PerMinute = perMinute
	k.limiter = newRateLimiter(limit)
}

// TokenBucket models a busy account on every API: requests take tokens that refill at
// PerSecond, up to Burst (at least 1) held at once. PerSecond 0 turns it off.
type TokenBucket struct {
	PerSecond float64 `json:"perSecond"`
	Burst     int     `json:"burst"`
}

type tokenBucket struct {
	TokenBucket
	tokens float64
	at     time.Time
}

func newTokenBucket(cfg TokenBucket, now time.Time) *tokenBucket {
	cfg.Burst = max(cfg.Burst, 1)
	return &tokenBucket{TokenBucket: cfg, tokens: float64(cfg.Burst), at: now}
}

// take spends a token at now. With none left it spends nothing and returns how long until
// one is back; 0 means the request may pass.
func (b *tokenBucket) take(now time.Time) time.Duration {
	if b.PerSecond <= 0 {
		return 0
	}
	if elapsed := now.Sub(b.at); elapsed > 0 {
		b.tokens = min(float64(b.Burst), b.tokens+elapsed.Seconds()*b.PerSecond)
		b.at = now
	}
	if b.tokens >= 1 {
		b.tokens--
		return 0
	}
	return time.Duration((1 - b.tokens) / b.PerSecond * float64(time.Second))
}

func (k *Kit) takeToken() time.Duration {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.bucket.take(k.opts.Now())
}

// SetTokenBucket changes the token-bucket throttle of every API (a zero rate turns it off)
// and fills the bucket.
func (k *Kit) SetTokenBucket(b TokenBucket) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.bucket = newTokenBucket(b, k.opts.Now())
}
