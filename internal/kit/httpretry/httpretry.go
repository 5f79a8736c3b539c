// Package httpretry holds how both API clients (RunPod's and Yotta's) retry a request: the
// arithmetic (a Retry-After header, an exponential backoff with jitter) and the bookkeeping of
// one request's attempts (Retry: counting failed and throttled attempts, waiting between them
// within the operation's deadline, and the error that says why it gave up). Which answers are
// retried for which methods is each client's policy, not this package's.
package httpretry

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/httpapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/poll"
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
// attempt n (from 1) is first·2^(n-1), capped at most, so that clients retrying together
// spread out.
func Backoff(first, most time.Duration, attempt int) time.Duration {
	step := first << (max(attempt, 1) - 1)
	if step > most || step <= 0 {
		step = most
	}
	half := step / 2
	return half + time.Duration(rand.Int64N(int64(half)+1))
}

// Policy bounds the retries of a request; the operation's deadline bounds them too.
type Policy struct {
	// MaxAttempts is how many failed attempts end a request; 0: as many as the deadline allows.
	// A throttled attempt (429) is not a failed one.
	MaxAttempts int
	// MinBackoff and MaxBackoff bound the backoff between failed attempts (Backoff).
	MinBackoff time.Duration
	MaxBackoff time.Duration
}

// Backoff is the wait after the attempt-th failure.
func (p Policy) Backoff(attempt int) time.Duration {
	return Backoff(p.MinBackoff, p.MaxBackoff, attempt)
}

// MaxThrottledWithoutDeadline bounds the throttled attempts of a request that no deadline
// bounds; with a deadline, throttling is retried for as long as the deadline allows.
const MaxThrottledWithoutDeadline = 20

// Retry is the bookkeeping of one request's attempts: the caller sends, decides from the
// answer whether the attempt may be repeated, and tells Retry (Failed, Throttled), which says
// when to give up, waits between attempts (Wait) and words the errors that end the request.
type Retry struct {
	api                 httpapi.API
	op                  string
	policy              Policy
	deadline            time.Time
	sleep               func(context.Context, time.Duration) error
	started             time.Time
	failures, throttled int
	last                error
}

// Start begins the attempts of the call op ("create pod") to api, under policy, until deadline
// (zero: none). sleep waits between attempts (nil: poll.Sleep; tests pass a fake).
func Start(api httpapi.API, op string, policy Policy, deadline time.Time, sleep func(context.Context, time.Duration) error) *Retry {
	if sleep == nil {
		sleep = poll.Sleep
	}
	return &Retry{api: api, op: op, policy: policy, deadline: deadline, sleep: sleep, started: time.Now()}
}

// Last is the error of the last failed or throttled attempt, or nil.
func (r *Retry) Last() error { return r.last }

// Attempts is how many attempts failed or were throttled so far.
func (r *Retry) Attempts() int { return r.failures + r.throttled }

// Throttles is how many attempts were throttled so far.
func (r *Retry) Throttles() int { return r.throttled }

// Throttled records an attempt the server throttled (429: not processed, whatever the
// method), with its error. It returns the error that ends the request when no deadline bounds
// it and it was throttled MaxThrottledWithoutDeadline times; else nil: throttling is retried
// for as long as the deadline allows, whatever Policy.MaxAttempts.
func (r *Retry) Throttled(err error) error {
	r.throttled++
	r.last = err
	if r.deadline.IsZero() && r.throttled >= MaxThrottledWithoutDeadline {
		return fmt.Errorf("giving up after %d throttled attempts: %w", r.throttled, err)
	}
	return nil
}

// Failed records a failed attempt the caller may repeat, with its error. It returns the error
// that ends the request once Policy.MaxAttempts attempts failed; else nil.
func (r *Retry) Failed(err error) error {
	r.failures++
	r.last = err
	if r.policy.MaxAttempts > 0 && r.failures >= r.policy.MaxAttempts {
		return fmt.Errorf("giving up after %d attempts: %w", r.Attempts(), err)
	}
	return nil
}

// Wait waits before the next attempt: wait (what the server asked for; 0: the backoff of the
// failures so far), logging why at WARN with the last answer's header (nil: none) for its
// request id. It fails at once, without waiting, when the wait would outlast the deadline,
// and when ctx ends first (Stopped).
func (r *Retry) Wait(ctx context.Context, wait time.Duration, header http.Header) error {
	if wait == 0 {
		wait = r.policy.Backoff(r.failures)
	}
	if !r.deadline.IsZero() && time.Until(r.deadline) < wait {
		return fmt.Errorf("giving up after %d attempts in %s: no time left to retry within the timeout (next attempt in %s): %w",
			r.Attempts(), time.Since(r.started).Round(time.Millisecond), wait.Round(time.Millisecond), r.last)
	}
	fields := map[string]any{"operation": r.op, "attempt": r.Attempts(), "wait": wait.String()}
	if r.last != nil {
		fields["error"] = r.last.Error()
	}
	if id := r.api.RequestID(header); id != "" {
		fields["request_id"] = id
	}
	tflog.SubsystemWarn(ctx, r.api.Subsystem, "retrying "+r.api.Name+" request", fields)
	if err := r.sleep(ctx, wait); err != nil {
		return r.Stopped(err)
	}
	return nil
}

// Stopped is the error of the request when cause (the context's end) stops it: the call, the
// cause, and the last attempt's error if one failed.
func (r *Retry) Stopped(cause error) error {
	if r.last != nil {
		return fmt.Errorf("%s: %w (last error: %v)", r.op, cause, r.last)
	}
	return fmt.Errorf("%s: %w", r.op, cause)
}
