package mockrunpod

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
