package yottaapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/httpretry"
)

// logSubsystem is the tflog subsystem of HTTP traffic: TF_LOG_PROVIDER_YOTTA_API=DEBUG.
const logSubsystem = "yotta_api"

const maxResponseBytes = 16 << 20

// retryMode says when a failed request may be sent again.
type retryMode int

const (
	// retryIdempotent: GET, DELETE, PATCH. Sending twice is harmless, so 429, 5xx, code 10002
	// and transport failures are retried.
	retryIdempotent retryMode = iota
	// retryUnsent: a POST that creates or acts (pause, resume). Retried only when Yotta provably
	// did not act on it: the connection failed before the request was written, or the answer
	// was 429 or 503. Other failures may hide an applied request; the caller reads back and
	// decides (see ambiguous).
	retryUnsent
)

// request is one API call.
type request struct {
	op     string // "create pod": shown in errors and logs
	method string
	path   string // such as "/v2/pods/123"
	query  url.Values
	body   any
	retry  retryMode
}

// transport sends requests with the key, User-Agent, retries and logging, and checks
// Yotta's envelope on every answer.
type transport struct {
	baseURL   string
	apiKey    string
	userAgent string
	client    *http.Client
	retry     RetryPolicy
	sleep     func(context.Context, time.Duration) error // waits between attempts; tests replace it
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
		baseURL: strings.TrimRight(cfg.BaseURL, "/"), apiKey: cfg.APIKey, userAgent: cfg.UserAgent,
		client: client, retry: cfg.Retry, sleep: sleepContext,
	}
}

// envelope is Yotta's answer: {message, code, data}.
type envelope struct {
	Message string          `json:"message"`
	Code    *int            `json:"code"`
	Data    json.RawMessage `json:"data"`
}

// do sends req, retrying as req.retry allows, checks the envelope, and decodes its data into
// out (if non-nil).
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
	u := t.baseURL + req.path
	if len(req.query) > 0 {
		u += "?" + req.query.Encode()
	}

	throttled := 0
	for attempt := 1; ; attempt++ {
		status, header, body, sent, err := t.send(ctx, req, u, payload)
		var wait time.Duration
		if err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("%s: %w", req.op, ctx.Err())
			}
			terr := &TransportError{Operation: req.op, MaybeSent: sent, Err: err}
			if req.retry == retryUnsent && sent {
				return terr
			}
			err = terr
		} else {
			data, apiErr := decodeAnswer(req.op, status, body)
			switch {
			case apiErr == nil:
				if out != nil && len(data) > 0 && string(data) != "null" {
					if derr := json.Unmarshal(data, out); derr != nil {
						return fmt.Errorf("%s: decoding Yotta's answer: %w", req.op, derr)
					}
				}
				return nil
			case apiErr.HTTPStatus == http.StatusTooManyRequests || apiErr.Code == http.StatusTooManyRequests:
				// Not processed, whatever the method: retried for as long as the deadline allows.
				throttled++
				if _, hasDeadline := ctx.Deadline(); !hasDeadline && throttled >= maxThrottledWithoutDeadline {
					return fmt.Errorf("giving up after %d throttled attempts: %w", throttled, apiErr)
				}
				wait = retryAfter(header.Get("Retry-After"))
				if wait == 0 {
					wait = backoff(t.retry, throttled)
				}
				attempt--
				err = apiErr
			case retryable(req.retry, apiErr):
				err = apiErr
				wait = retryAfter(header.Get("Retry-After"))
			default:
				return apiErr
			}
		}

		if attempt >= t.retry.MaxAttempts {
			return fmt.Errorf("giving up after %d attempts: %w", attempt, err)
		}
		if wait == 0 {
			wait = backoff(t.retry, attempt)
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
			return fmt.Errorf("no time left to retry within the timeout (next attempt in %s): %w", wait, err)
		}
		tflog.SubsystemWarn(ctx, logSubsystem, "retrying Yotta API request", map[string]any{
			"operation": req.op, "attempt": attempt, "wait": wait.String(), "error": err.Error(),
		})
		if serr := t.sleep(ctx, wait); serr != nil {
			return fmt.Errorf("%s: %w (last error: %v)", req.op, serr, err)
		}
	}
}

// decodeAnswer checks an answer: an HTTP error status is an error (with Yotta's envelope
// message and code when it sent one); a 2xx answer must be Yotta's envelope with code 10000.
// It returns the envelope's data.
func decodeAnswer(op string, status int, body []byte) (json.RawMessage, *APIError) {
	var env envelope
	parsed := json.Unmarshal(body, &env) == nil
	if status < 200 || status > 299 {
		e := &APIError{Operation: op, HTTPStatus: status}
		if parsed {
			e.Message = env.Message
			if env.Code != nil {
				e.Code = *env.Code
			}
		}
		if e.Message == "" {
			e.Message = truncate(strings.TrimSpace(string(body)), 500)
		}
		if e.Message == "" {
			e.Message = http.StatusText(status)
		}
		return nil, e
	}
	if !parsed || env.Code == nil {
		return nil, &APIError{Operation: op, HTTPStatus: status,
			Message: "the answer is not Yotta's {message, code, data} envelope: " + truncate(strings.TrimSpace(string(body)), 300)}
	}
	if *env.Code != CodeSuccess {
		msg := env.Message
		if msg == "" {
			msg = "no message"
		}
		return nil, &APIError{Operation: op, HTTPStatus: status, Code: *env.Code, Message: msg}
	}
	return env.Data, nil
}

// retryable says whether an error answer may be retried in mode.
func retryable(mode retryMode, e *APIError) bool {
	if e.HTTPStatus == http.StatusServiceUnavailable {
		return true // not processed
	}
	if mode != retryIdempotent {
		return false
	}
	return e.HTTPStatus == http.StatusInternalServerError || e.HTTPStatus == http.StatusBadGateway ||
		e.HTTPStatus == http.StatusGatewayTimeout || e.Code == CodeSystemError
}

// ambiguous reports whether a failed POST may nevertheless have been applied: the request was
// sent and no answer came, or Yotta failed on its side (5xx but 503, code 10002).
func ambiguous(err error) bool {
	if terr, ok := asTransportError(err); ok {
		return terr.MaybeSent
	}
	e := AsAPIError(err)
	if e == nil {
		return false
	}
	return e.HTTPStatus == http.StatusInternalServerError || e.HTTPStatus == http.StatusBadGateway ||
		e.HTTPStatus == http.StatusGatewayTimeout || e.Code == CodeSystemError
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
func (t *transport) send(ctx context.Context, req request, u string, payload []byte) (status int, header http.Header, body []byte, sent bool, err error) {
	var bodyReader io.Reader
	if payload != nil {
		bodyReader = bytes.NewReader(payload)
	}
	wrote := false
	trace := &httptrace.ClientTrace{WroteHeaders: func() { wrote = true }}
	httpReq, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), req.method, u, bodyReader)
	if err != nil {
		return 0, nil, nil, false, err
	}
	httpReq.Header.Set("X-Api-Key", t.apiKey)
	httpReq.Header.Set("User-Agent", t.userAgent)
	httpReq.Header.Set("Accept", "application/json")
	if payload != nil {
		httpReq.Header.Set("Content-Type", "application/json")
	}

	tflog.SubsystemDebug(ctx, logSubsystem, "Yotta API request", map[string]any{
		"operation": req.op, "method": req.method, "url": u, "body": redactJSON(payload),
	})
	start := time.Now()
	resp, err := t.client.Do(httpReq)
	if err != nil {
		tflog.SubsystemDebug(ctx, logSubsystem, "Yotta API request failed", map[string]any{
			"operation": req.op, "error": err.Error(), "sent": wrote,
		})
		return 0, nil, nil, wrote, err
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if err != nil {
		return 0, nil, nil, true, fmt.Errorf("reading the answer: %w", err)
	}
	tflog.SubsystemDebug(ctx, logSubsystem, "Yotta API response", map[string]any{
		"operation": req.op, "method": req.method, "url": u, "status": resp.StatusCode,
		"duration_ms": time.Since(start).Milliseconds(), "body": redactJSON(body),
	})
	return resp.StatusCode, resp.Header, body, true, nil
}

func retryAfter(v string) time.Duration { return httpretry.RetryAfter(v) }

func backoff(p RetryPolicy, attempt int) time.Duration {
	return httpretry.Backoff(p.MinBackoff, p.MaxBackoff, attempt)
}

// sensitiveKeys are JSON keys whose values never reach the logs.
var sensitiveKeys = map[string]bool{
	"password": true, "token": true, "apiKey": true, "api_key": true,
	"imageRegistryPassword": true, "imageRegistryToken": true, "webhookAuthKey": true,
}

// envKeys hold environment variables ([{key, value}]): their values never reach the logs.
var envKeys = map[string]bool{"environmentVars": true, "envVars": true}

// redactJSON renders a JSON body for logs with secrets replaced: the values of sensitiveKeys
// and of environment variables (their names stay).
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
			if _, ok := val["value"]; ok {
				val["value"] = redacted
			}
			return val
		}
		for k, inner := range val {
			switch {
			case sensitiveKeys[k]:
				val[k] = redacted
			case envKeys[k]:
				val[k] = redactValue(inner, true)
			default:
				val[k] = redactValue(inner, false)
			}
		}
		return val
	case []any:
		for i := range val {
			val[i] = redactValue(val[i], inEnv)
		}
		return val
	}
	return v
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
