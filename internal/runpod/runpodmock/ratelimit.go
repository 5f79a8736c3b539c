package runpodmock

import (
	"fmt"
	"strings"
	"time"
)

// REST v2's rate limit: per-account quotas over three fixed windows (minute, hour, day). A
// window opens at the first request after the previous one closed and counts the requests
// answered in it; a request over any window's quota is refused with 429, a Retry-After of the
// seconds until that window closes, and is not counted. Every authenticated v2 answer carries
// the live state and the policy, in the IETF ratelimit-headers form the spec shows:
//
//	RateLimit: "minute";r=<remaining>;t=<seconds to reset>, "hour";r=...;t=..., "day";r=...;t=...
//	RateLimit-Policy: "minute";q=<quota>;w=60, "hour";q=...;w=3600, "day";q=...;w=86400
//
// The quota is Options.RateLimitPerMinute (control: PUT /_mock/rate-limit); the hour and day
// quotas follow it in the proportions of the spec's example (60/3000/50000): ×50 and ×50000/60
// (assumed). With no limit (0, the default) nothing is refused, and the headers report a
// nominal quota of unlimitedPerMinute so clients that pace themselves never wait.
type rateLimiter struct {
	perMinute int
	windows   [3]rateWindow
}

const unlimitedPerMinute = 1_000_000

type rateWindow struct {
	name   string
	length time.Duration
	start  time.Time
	used   int
}

func newRateLimiter(perMinute int) *rateLimiter {
	return &rateLimiter{perMinute: perMinute, windows: [3]rateWindow{
		{name: "minute", length: time.Minute}, {name: "hour", length: time.Hour}, {name: "day", length: 24 * time.Hour},
	}}
}

func (l *rateLimiter) quotas() [3]int {
	m := l.perMinute
	if m <= 0 {
		m = unlimitedPerMinute
	}
	return [3]int{m, m * 50, m * 50000 / 60}
}

// take counts a request at now. It returns the RateLimit and RateLimit-Policy headers and, when
// a window's quota is used up, that window's name and the seconds until it resets.
func (l *rateLimiter) take(now time.Time) (state, policy, exceeded string, retryAfter int) {
	q := l.quotas()
	for i := range l.windows {
		w := &l.windows[i]
		if w.start.IsZero() || !now.Before(w.start.Add(w.length)) {
			w.start, w.used = now, 0
		}
	}
	if l.perMinute > 0 {
		for i, w := range l.windows {
			if w.used >= q[i] {
				if secs := secondsUntil(now, w.start.Add(w.length)); exceeded == "" || secs > retryAfter {
					exceeded, retryAfter = w.name, secs
				}
			}
		}
	}
	if exceeded == "" {
		for i := range l.windows {
			l.windows[i].used++
		}
	}
	var st, po []string
	for i, w := range l.windows {
		st = append(st, fmt.Sprintf("%q;r=%d;t=%d", w.name, max(0, q[i]-w.used), secondsUntil(now, w.start.Add(w.length))))
		po = append(po, fmt.Sprintf("%q;q=%d;w=%d", w.name, q[i], int(w.length.Seconds())))
	}
	return strings.Join(st, ", "), strings.Join(po, ", "), exceeded, retryAfter
}

// secondsUntil rounds up, so a client that waits t seconds is past the reset.
func secondsUntil(now, t time.Time) int {
	d := t.Sub(now)
	return max(0, int((d+time.Second-1)/time.Second))
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
	if b == nil || b.PerSecond <= 0 {
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
