package runpodapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/httpretry"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/redact"
)

// logSubsystem is the tflog subsystem of HTTP traffic: TF_LOG_PROVIDER_RUNPOD_API=DEBUG.
const logSubsystem = "runpod_api"

const maxResponseBytes = 16 << 20

// Why not hashicorp/go-retryablehttp (weighed for issue 10): its CheckRetry and Backoff cover
// the status policy below in a few lines, but the rest of this file would stay: it cannot say
// whether a failed request was written before the connection broke (httptrace here), which
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
		client = &http.Client{Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			TLSHandshakeTimeout:   15 * time.Second,
			ResponseHeaderTimeout: 2 * time.Minute,
			MaxIdleConnsPerHost:   4,
			IdleConnTimeout:       90 * time.Second,
		}}
	}
	return &transport{
		apiKey: cfg.APIKey, userAgent: cfg.UserAgent, client: client, retry: cfg.Retry,
		sleep: sleepContext, now: time.Now, gate: newRateGate(),
	}
}

// maxThrottledWithoutDeadline bounds the 429 retries of a request without a deadline (no
// context deadline and no RetryPolicy.Budget).
const maxThrottledWithoutDeadline = 20

// do sends req, retrying as req.retry allows, and decodes a success answer into out (if
// non-nil). Retries end at the context's deadline or, without one, after RetryPolicy.Budget;
// with RetryPolicy.MaxAttempts set, after that many failed attempts too. Throttling (429) is
// not a failed attempt: it is retried for as long as the deadline allows.
func (t *transport) do(ctx context.Context, req request, out any) error {
	ctx = tflog.NewSubsystem(ctx, logSubsystem)
	ctx = tflog.SubsystemMaskAllFieldValuesStrings(ctx, logSubsystem, t.apiKey)
	ctx = tflog.SubsystemMaskMessageStrings(ctx, logSubsystem, t.apiKey)

	var payload []byte
	if req.body != nil {
		var err error
		if payload, err = json.Marshal(req.body); err != nil {
			return fmt.Errorf("%s: encoding the request: %w", req.op, err)
		}
	}
	started := time.Now()
	deadline, hasDeadline := ctx.Deadline()
	if !hasDeadline && t.retry.Budget > 0 {
		deadline = started.Add(t.retry.Budget)
	}

	var lastErr error // of the previous attempt, for the error when no time is left
	failures, throttled := 0, 0
	for {
		if err := t.pace(ctx, req.op, deadline, lastErr); err != nil {
			return err
		}
		status, header, body, sent, err := t.send(ctx, req, payload)
		t.gate.done(t.now(), header)
		var wait time.Duration
		switch {
		case err != nil:
			if ctx.Err() != nil {
				if sent && req.retry == retryUnsent {
					return &OutcomeUnknownError{Operation: req.op, Err: fmt.Errorf("the operation's time ran out before RunPod answered: %w", ctx.Err())}
				}
				if lastErr != nil {
					return fmt.Errorf("%s: %w (last error: %v)", req.op, ctx.Err(), lastErr)
				}
				return fmt.Errorf("%s: %w", req.op, ctx.Err())
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
			lastErr = decodeError(req.op, status, header, body)
			throttled++
			if deadline.IsZero() && throttled >= maxThrottledWithoutDeadline {
				return fmt.Errorf("giving up after %d throttled attempts: %w", throttled, lastErr)
			}
			t.gate.throttled(t.now(), retryAfter(header.Get("Retry-After")), backoff(t.retry, throttled))
			tflog.SubsystemWarn(ctx, logSubsystem, "RunPod API throttled the request", map[string]any{
				"operation": req.op, "request_id": header.Get(requestIDHeader), "retry_after": header.Get("Retry-After"),
				"rate_limit": header.Get("RateLimit"), "throttled": throttled,
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
		lastErr = err
		failures++

		attempts := failures + throttled
		if t.retry.MaxAttempts > 0 && failures >= t.retry.MaxAttempts {
			return fmt.Errorf("giving up after %d attempts: %w", attempts, err)
		}
		if wait == 0 {
			wait = backoff(t.retry, failures)
		}
		if !deadline.IsZero() && time.Until(deadline) < wait {
			return fmt.Errorf("giving up after %d attempts in %s: no time left to retry within the timeout (next attempt in %s): %w",
				attempts, time.Since(started).Round(time.Millisecond), wait.Round(time.Millisecond), err)
		}
		fields := map[string]any{"operation": req.op, "attempt": attempts, "wait": wait.String(), "error": err.Error()}
		if id := header.Get(requestIDHeader); id != "" {
			fields["request_id"] = id
		}
		tflog.SubsystemWarn(ctx, logSubsystem, "retrying RunPod API request", fields)
		if serr := t.sleep(ctx, wait); serr != nil {
			return fmt.Errorf("%s: %w (last error: %v)", req.op, serr, err)
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
	tflog.SubsystemDebug(ctx, logSubsystem, "waiting for RunPod's rate limit", map[string]any{
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

// sleepContext waits d, or less if ctx ends first.
func sleepContext(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

// send makes one attempt. sent reports whether the request was (or may have been) written.
func (t *transport) send(ctx context.Context, req request, payload []byte) (status int, header http.Header, body []byte, sent bool, err error) {
	var bodyReader io.Reader
	if payload != nil {
		bodyReader = bytes.NewReader(payload)
	}
	wrote := false
	trace := &httptrace.ClientTrace{
		WroteHeaders: func() { wrote = true },
	}
	httpReq, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), req.method, req.url, bodyReader)
	if err != nil {
		return 0, nil, nil, false, err
	}
	httpReq.Header.Set("Authorization", "Bearer "+t.apiKey)
	httpReq.Header.Set("User-Agent", t.userAgent)
	httpReq.Header.Set("Accept", "application/json")
	if payload != nil {
		httpReq.Header.Set("Content-Type", "application/json")
	}

	tflog.SubsystemDebug(ctx, logSubsystem, "RunPod API request", map[string]any{
		"operation": req.op, "method": req.method, "url": req.url, "body": redact.JSON(payload),
	})
	start := time.Now()
	resp, err := t.client.Do(httpReq)
	if err != nil {
		tflog.SubsystemDebug(ctx, logSubsystem, "RunPod API request failed", map[string]any{
			"operation": req.op, "error": err.Error(), "sent": wrote,
		})
		return 0, nil, nil, wrote, err
	}
	defer resp.Body.Close()
	t.noteClock(resp.Header, time.Now())
	body, err = io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if err != nil {
		return 0, nil, nil, true, fmt.Errorf("reading the answer: %w", err)
	}
	// The request id exists only once RunPod answered: the request line above cannot carry
	// it, so this line repeats the method and URL.
	tflog.SubsystemDebug(ctx, logSubsystem, "RunPod API response", map[string]any{
		"operation": req.op, "method": req.method, "url": req.url, "status": resp.StatusCode,
		"request_id": resp.Header.Get(requestIDHeader), "duration_ms": time.Since(start).Milliseconds(),
		"body": redact.JSON(body),
	})
	return resp.StatusCode, resp.Header, body, true, nil
}

func retryAfter(v string) time.Duration { return httpretry.RetryAfter(v) }

func backoff(p RetryPolicy, attempt int) time.Duration {
	return httpretry.Backoff(p.MinBackoff, p.MaxBackoff, attempt)
}

// errNoBody marks an answer that should have carried an object but did not: a create that
// answered so is looked up like one whose answer was lost.
var errNoBody = errors.New("RunPod answered without the object")
