package runpod

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// logSubsystem is the tflog subsystem of HTTP traffic: TF_LOG_PROVIDER_RUNPOD_API=DEBUG.
const logSubsystem = "runpod_api"

const maxResponseBytes = 16 << 20

// retryMode says when a failed request may be sent again.
type retryMode int

const (
	// retryIdempotent: reads, PATCH, DELETE, start/stop. Sending twice is harmless, so retry
	// 429, 502, 503, 504 and transport failures.
	retryIdempotent retryMode = iota
	// retryUnsent: a POST that creates. Retry only when RunPod provably did not act on it:
	// the connection failed before the request was written, or the answer was 429 or 503
	// (both mean "not processed"). 500/502/504 and lost answers may hide a created object.
	retryUnsent
)

// request is one API call.
type request struct {
	op     string // "create pod": shown in errors and logs
	method string
	url    string
	body   any
	retry  retryMode
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
}

// maxThrottledWithoutDeadline bounds the 429 retries of a request whose context has no
// deadline; with a deadline, throttling is retried for as long as the deadline allows.
const maxThrottledWithoutDeadline = 20

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

// do sends req, retrying as req.retry allows, and decodes a success answer into out (if
// non-nil).
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

	var lastErr error // of the previous attempt, for the error when no time is left
	throttled := 0
	for attempt := 1; ; attempt++ {
		if err := t.pace(ctx, req.op, lastErr); err != nil {
			return err
		}
		status, header, body, sent, err := t.send(ctx, req, payload)
		t.gate.done(t.now(), header)
		var wait time.Duration
		switch {
		case err != nil:
			if ctx.Err() != nil {
				return fmt.Errorf("%s: %w", req.op, ctx.Err())
			}
			terr := &TransportError{Operation: req.op, MaybeSent: sent, Err: err}
			if req.retry == retryUnsent && sent {
				return terr
			}
			err = terr
		case status == http.StatusTooManyRequests:
			// Not processed, whatever the method. The gate holds every request of this client
			// until Retry-After (or the used-up window's reset) has passed, each with its own
			// jitter; the next attempt waits there. Throttling is not a failed attempt: it is
			// retried for as long as the context's deadline allows.
			lastErr = decodeError(req.op, status, header, body)
			throttled++
			if _, hasDeadline := ctx.Deadline(); !hasDeadline && throttled >= maxThrottledWithoutDeadline {
				return fmt.Errorf("giving up after %d throttled attempts: %w", throttled, lastErr)
			}
			t.gate.throttled(t.now(), retryAfter(header.Get("Retry-After")), backoff(t.retry, throttled))
			tflog.SubsystemWarn(ctx, logSubsystem, "RunPod API throttled the request", map[string]any{
				"operation": req.op, "request_id": header.Get(requestIDHeader), "retry_after": header.Get("Retry-After"),
				"rate_limit": header.Get("RateLimit"),
			})
			attempt--
			continue
		case retryableStatus(req.retry, status):
			err = decodeError(req.op, status, header, body)
			wait = retryAfter(header.Get("Retry-After"))
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

		if attempt >= t.retry.MaxAttempts {
			return fmt.Errorf("giving up after %d attempts: %w", attempt, err)
		}
		if wait == 0 {
			wait = backoff(t.retry, attempt)
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
			return fmt.Errorf("no time left to retry within the timeout (next attempt in %s): %w", wait, err)
		}
		fields := map[string]any{"operation": req.op, "attempt": attempt, "wait": wait.String(), "error": err.Error()}
		if id := header.Get(requestIDHeader); id != "" {
			fields["request_id"] = id
		}
		tflog.SubsystemWarn(ctx, logSubsystem, "retrying RunPod API request", fields)
		if serr := t.sleep(ctx, wait); serr != nil {
			return fmt.Errorf("%s: %w (last error: %v)", req.op, serr, err)
		}
	}
}

// pace waits for the rate gate to let the request through. When the wait would outlast the
// context's deadline it fails at once, with lastErr (the previous attempt's) when there is one.
func (t *transport) pace(ctx context.Context, op string, lastErr error) error {
	var maxWait time.Duration
	if deadline, ok := ctx.Deadline(); ok {
		if maxWait = time.Until(deadline); maxWait <= 0 {
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
		"operation": req.op, "method": req.method, "url": req.url, "body": redactJSON(payload),
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
	body, err = io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if err != nil {
		return 0, nil, nil, true, fmt.Errorf("reading the answer: %w", err)
	}
	// The request id exists only once RunPod answered: the request line above cannot carry
	// it, so this line repeats the method and URL.
	tflog.SubsystemDebug(ctx, logSubsystem, "RunPod API response", map[string]any{
		"operation": req.op, "method": req.method, "url": req.url, "status": resp.StatusCode,
		"request_id": resp.Header.Get(requestIDHeader), "duration_ms": time.Since(start).Milliseconds(),
		"body": redactJSON(body),
	})
	return resp.StatusCode, resp.Header, body, true, nil
}

func retryableStatus(mode retryMode, status int) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		return true
	case http.StatusBadGateway, http.StatusGatewayTimeout:
		return mode == retryIdempotent
	}
	return false
}

// retryAfter parses a Retry-After header (seconds or an HTTP date); 0 when absent or invalid.
func retryAfter(v string) time.Duration {
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

// backoff is exponential with equal jitter: half the step fixed, half random.
func backoff(p RetryPolicy, attempt int) time.Duration {
	step := p.MinBackoff << (attempt - 1)
	if step > p.MaxBackoff || step <= 0 {
		step = p.MaxBackoff
	}
	half := step / 2
	return half + time.Duration(rand.Int64N(int64(half)+1))
}

// sensitiveKeys are JSON keys whose values never reach the logs.
var sensitiveKeys = map[string]bool{
	"password": true, "pass": true, "registryAuth": true, "auth": true,
	"apiKey": true, "api_key": true, "token": true, "aiKey": true,
}

// redactJSON renders a JSON body for logs with secrets replaced: values of sensitiveKeys, and
// the values (not the names) of environment variables, as a map or a [{key, value}] list.
func redactJSON(body []byte) string {
	if len(bytes.TrimSpace(body)) == 0 {
		return ""
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return fmt.Sprintf("<%d bytes, not JSON>", len(body))
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(redactValue(v, false))
	return strings.TrimSuffix(out.String(), "\n")
}

const redacted = "(redacted)"

func redactValue(v any, inEnv bool) any {
	switch val := v.(type) {
	case map[string]any:
		if inEnv {
			if _, hasKey := val["key"]; hasKey {
				if _, hasValue := val["value"]; hasValue {
					return map[string]any{"key": val["key"], "value": redacted}
				}
			}
			masked := make(map[string]any, len(val))
			for k := range val {
				masked[k] = redacted
			}
			return masked
		}
		for k, inner := range val {
			switch {
			case sensitiveKeys[k]:
				val[k] = redacted
			case k == "env":
				val[k] = redactValue(inner, true)
			default:
				val[k] = redactValue(inner, false)
			}
		}
		return val
	case []any:
		for i := range val {
			if inEnv {
				if s, ok := val[i].(string); ok { // GraphQL's ["KEY=value"]
					name, _, _ := strings.Cut(s, "=")
					val[i] = name + "=" + redacted
					continue
				}
			}
			val[i] = redactValue(val[i], inEnv)
		}
		return val
	case string:
		if inEnv {
			return redacted
		}
	}
	return v
}

// errNoBody marks an answer that should have carried an object but did not.
var errNoBody = errors.New("RunPod answered without the object")
