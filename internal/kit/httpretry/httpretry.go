// Package httpretry holds the retry arithmetic both API clients (RunPod's and Yotta's) share:
// reading a Retry-After header and an exponential backoff with jitter.
package httpretry

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryAfter parses a Retry-After header (seconds or an HTTP date); 0 when absent or invalid.
func RetryAfter(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil {
		if secs < 0 {
			return 0
		}
		return time.Duration(secs) * time.Second
	}
	if at, err := http.ParseTime(v); err == nil {
		if d := time.Until(at); d > 0 {
			return d
		}
	}
	return 0
}

// Backoff is exponential with equal jitter (half the step fixed, half random): the step for
// attempt n (from 1) is min·2^(n-1), capped at max, so that clients retrying together spread out.
func Backoff(min, max time.Duration, attempt int) time.Duration {
	step := min << (attempt - 1)
	if step > max || step <= 0 {
		step = max
	}
	half := step / 2
	return half + time.Duration(rand.Int64N(int64(half)+1))
}
