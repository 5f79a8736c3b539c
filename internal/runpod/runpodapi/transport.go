package runpodapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/httpapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/httpretry"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/poll"
)

// runpodHTTP is RunPod's API in the logs: its HTTP traffic is the tflog subsystem runpod_api
// (TF_LOG_PROVIDER_RUNPOD_API=DEBUG), and RunPod names each request in X-Request-Id.
var runpodHTTP = httpapi.API{Name: "RunPod API", Subsystem: "runpod_api", RequestIDHeader: requestIDHeader}

// Why not hashicorp/go-retryablehttp (weighed for issue 10): its CheckRetry and Backoff cover
// the status policy below in a few lines, but the rest of this file would stay: it cannot say
// whether a failed request was written before the connection broke (httpapi.Send does), which
// decides between resending a create and looking it up; it retries by attempt count where
// RunPod's SDK and our timeouts bound retries by the operation's deadline; and its backoff is
// per request, while a 429 here holds every request of the client at one shared rate gate
// (ratelimit.go, fed by Retry-After and v2's RateLimit headers). Adding it would add a
// dependency and a second place that decides retries, for about 40 fewer lines.

// retryMode says when a failed request may be sent again. The policy is RunPod's own SDK's
// (@runpod/typescript-api-sdk; api/REST-V2.md, Retries): 429 is retried for every method; 500, 502,
// 503, 504 and network errors only for calls that are safe to repeat; a POST or PATCH is never
// repeated blindly.
type retryMode int

const (
	// retryIdempotent: reads (GET, GraphQL queries) and DELETE. Sending twice changes nothing,
	// so 429, 500, 502, 503, 504 and transport failures are retried while the deadline allows.
	retryIdempotent retryMode = iota
	// retryUnsent: a change that must not be applied twice: a create, a PATCH, a pod action, a
	// GraphQL mutation. It is resent only when RunPod provably did not act on it: the answer
	// was 429, or the connection failed before the request was written. An outcome RunPod did
	// not report (a 5xx, a lost answer, the operation's time running out after the request
	// left) is returned as an *OutcomeUnknownError: the caller looks at what RunPod now holds
	// (create.go: a create is looked up and adopted; readback.go: a change is read back).
	retryUnsent
)

// request is one API call.
type request struct {
	op     string // "create pod": shown in errors and logs
	method string
	url    string
	body   any
	retry  retryMode
	// keep500 returns a 500 at once instead of retrying it (REST v1 answers 500 for a network
	// volume that is already gone: the caller reads it back instead).
	keep500 bool
}

// transport sends requests with auth, User-Agent, retries, pacing and logging.
type transport struct {
	apiKey    string
	userAgent string
	client    *http.Client
	retry     RetryPolicy
	sleep     func(context.Context, time.Duration) error // waits between attempts; tests replace it
	now       func() time.Time                           // the clock of the rate gate; tests replace it
	gate      *rateGate                                  // one per client: all its requests share RunPod's quota

	// clockOffset is RunPod's clock minus ours, from the Date header of its last answer, in
	// nanoseconds; hasClock says whether one was seen. A create's lookup compares RunPod's
	// creation times with when the request left, on RunPod's clock.
	clockOffset atomic.Int64
	hasClock    atomic.Bool
	// created holds the ids of the objects this client created (or adopted): a lookup after a
	// lost create answer never takes one of them for the object it looks for.
	created sync.Map
}

func newTransport(cfg Config) *transport {
	client := cfg.HTTPClient
	if client == nil {
		client = httpapi.NewClient()
	}
	return &transport{
		apiKey: cfg.APIKey, userAgent: cfg.UserAgent, client: client, retry: cfg.Retry,
		sleep: poll.Sleep, now: time.Now, gate: newRateGate(),
	}
}

// do sends req, retrying as req.retry allows, and decodes a success answer into out (if
// non-nil). Retries end at the context's deadline or, without one, after RetryPolicy.Budget;
// with RetryPolicy.MaxAttempts set, after that many failed attempts too. Throttling (429) is
// not a failed attempt: it is retried for as long as the deadline allows (without a deadline,
// httpretry.MaxThrottledWithoutDeadline times).
func (t *transport) do(ctx context.Context, req request, out any) error {
	ctx = runpodHTTP.Context(ctx, t.apiKey)

	var payload []byte
	if req.body != nil {
		var err error
		if payload, err = json.Marshal(req.body); err != nil {
			return fmt.Errorf("%s: encoding the request: %w", req.op, err)
		}
	}
	deadline, hasDeadline := ctx.Deadline()
	if !hasDeadline && t.retry.Budget > 0 {
		deadline = time.Now().Add(t.retry.Budget)
	}
	retry := httpretry.Start(runpodHTTP, req.op, t.retry.policy(), deadline, t.sleep)
	for {
		if err := t.pace(ctx, req.op, deadline, retry.Last()); err != nil {
			return err
		}
		ans, sent, err := t.send(ctx, req, payload)
		t.gate.done(t.now(), ans.Header)
		status, header, body := ans.Status, ans.Header, ans.Body
		var wait time.Duration
		switch {
		case err != nil:
			if ctx.Err() != nil {
				if sent && req.retry == retryUnsent {
					return &OutcomeUnknownError{Operation: req.op, Err: fmt.Errorf("the operation's time ran out before RunPod answered: %w", ctx.Err())}
				}
				return retry.Stopped(ctx.Err())
			}
			terr := &TransportError{Operation: req.op, MaybeSent: sent, Err: err}
			if sent && req.retry == retryUnsent {
				return &OutcomeUnknownError{Operation: req.op, Err: terr}
			}
			err = terr
		case status == http.StatusTooManyRequests:
			// Not processed, whatever the method. The gate holds every request of this client
			// until Retry-After (or the used-up window's reset) has passed, each with its own
			// jitter; the next attempt waits there.
			if gerr := retry.Throttled(decodeError(req.op, status, header, body)); gerr != nil {
				return gerr
			}
			t.gate.throttled(t.now(), retryAfter(header.Get("Retry-After")), backoff(t.retry, retry.Throttles()))
			tflog.SubsystemWarn(ctx, runpodHTTP.Subsystem, "RunPod API throttled the request", map[string]any{
				"operation": req.op, "request_id": header.Get(requestIDHeader), "retry_after": header.Get("Retry-After"),
				"rate_limit": header.Get("RateLimit"), "throttled": retry.Throttles(),
			})
			continue
		case isServerError(status):
			apiErr := decodeError(req.op, status, header, body)
			if IsCapacityError(apiErr) {
				// RunPod refused and said why (REST v1 answers "no instances currently
				// available" with a 500): nothing was made, and sending it again changes nothing.
				return apiErr
			}
			if req.retry == retryUnsent {
				return &OutcomeUnknownError{Operation: req.op, Err: apiErr}
			}
			if status == http.StatusInternalServerError && req.keep500 {
				return apiErr
			}
			err = apiErr
			if ra := retryAfter(header.Get("Retry-After")); ra > 0 {
				wait = ra + jitter(ra)
			}
		case status >= 400:
			return decodeError(req.op, status, header, body)
		default:
			if out != nil && len(bytes.TrimSpace(body)) > 0 {
				if derr := json.Unmarshal(body, out); derr != nil {
					return fmt.Errorf("%s: decoding RunPod's answer: %w", req.op, derr)
				}
			}
			return nil
		}
		if gerr := retry.Failed(err); gerr != nil {
			return gerr
		}
		if werr := retry.Wait(ctx, wait, header); werr != nil {
			return werr
		}
	}
}

func isServerError(status int) bool {
	switch status {
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// serverNow is RunPod's clock now, as far as its answers' Date headers tell (ours otherwise).
func (t *transport) serverNow() time.Time {
	now := time.Now()
	if t.hasClock.Load() {
		return now.Add(time.Duration(t.clockOffset.Load()))
	}
	return now
}

// noteClock records RunPod's clock from an answer's Date header, received at local time at.
func (t *transport) noteClock(header http.Header, at time.Time) {
	if header == nil {
		return
	}
	if d, err := http.ParseTime(header.Get("Date")); err == nil {
		t.clockOffset.Store(int64(d.Sub(at)))
		t.hasClock.Store(true)
	}
}

// remember records id as an object this client created.
func (t *transport) remember(id string) {
	if id != "" {
		t.created.Store(id, true)
	}
}

func (t *transport) isOwn(id string) bool {
	_, ok := t.created.Load(id)
	return ok
}

// pace waits for the rate gate to let the request through. When the wait would outlast
// deadline (zero: none) it fails at once, with lastErr (the previous attempt's) when there is one.
func (t *transport) pace(ctx context.Context, op string, deadline time.Time, lastErr error) error {
	var maxWait time.Duration
	if !deadline.IsZero() {
		if maxWait = time.Until(deadline); maxWait <= 0 {
			if lastErr != nil {
				return fmt.Errorf("no time left to retry within the timeout: %w", lastErr)
			}
			return fmt.Errorf("%s: %w", op, context.DeadlineExceeded)
		}
	}
	r, ok := t.gate.reserve(t.now(), maxWait)
	if !ok {
		if lastErr != nil {
			return fmt.Errorf("no time left to retry within the timeout (next attempt in %s: %s): %w", r.wait.Round(time.Millisecond), r.why, lastErr)
		}
		return fmt.Errorf("%s: RunPod's rate limit lets the next request through in %s (%s), after this operation's timeout",
			op, r.wait.Round(time.Millisecond), r.why)
	}
	if r.wait <= 0 {
		return nil
	}
	tflog.SubsystemDebug(ctx, runpodHTTP.Subsystem, "waiting for RunPod's rate limit", map[string]any{
		"operation": op, "wait": r.wait.String(), "reason": r.why,
	})
	if err := t.sleep(ctx, r.wait); err != nil {
		t.gate.done(t.now(), nil)
		if lastErr != nil {
			return fmt.Errorf("%s: %w (last error: %v)", op, err, lastErr)
		}
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}

// send makes one attempt (httpapi.API.Send) with the key and User-Agent, and notes RunPod's
// clock from the answer. sent reports whether the request was (or may have been) written.
func (t *transport) send(ctx context.Context, req request, payload []byte) (ans httpapi.Answer, sent bool, err error) {
	header := http.Header{}
	header.Set("Authorization", "Bearer "+t.apiKey)
	header.Set("User-Agent", t.userAgent)
	ans, sent, err = runpodHTTP.Send(ctx, t.client, httpapi.Request{Op: req.op, Method: req.method, URL: req.url, Header: header, Body: payload})
	if err == nil {
		t.noteClock(ans.Header, ans.At)
	}
	return ans, sent, err
}

func retryAfter(v string) time.Duration { return httpretry.RetryAfter(v) }

func backoff(p RetryPolicy, attempt int) time.Duration { return p.policy().Backoff(attempt) }

// policy is p as the kit's retry bookkeeping takes it (Budget becomes the request's deadline).
func (p RetryPolicy) policy() httpretry.Policy {
	return httpretry.Policy{MaxAttempts: p.MaxAttempts, MinBackoff: p.MinBackoff, MaxBackoff: p.MaxBackoff}
}

// errNoBody marks an answer that should have carried an object but did not: a create that
// answered so is looked up like one whose answer was lost.
var errNoBody = errors.New("RunPod answered without the object")

// reader is what both REST clients read with: GET, retried while idempotent.
type reader interface {
	get(ctx context.Context, op, u string, out any) error
}

// getOne reads the object at u.
func getOne[T any](ctx context.Context, r reader, op, u string) (*T, error) {
	var v T
	if err := r.get(ctx, op, u, &v); err != nil {
		return nil, err
	}
	return &v, nil
}

// getList reads the list at u (nil when the read fails).
func getList[T any](ctx context.Context, r reader, op, u string) ([]T, error) {
	var vs []T
	if err := r.get(ctx, op, u, &vs); err != nil {
		return nil, err
	}
	return vs, nil
}
