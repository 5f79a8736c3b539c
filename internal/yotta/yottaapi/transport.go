package yottaapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/httpapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/httpretry"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/poll"
)

// yottaHTTP is Yotta's API in the logs: its HTTP traffic is the tflog subsystem yotta_api
// (TF_LOG_PROVIDER_YOTTA_API=DEBUG).
var yottaHTTP = httpapi.API{Name: "Yotta API", Subsystem: "yotta_api"}

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

func newTransport(cfg Config) *transport {
	client := cfg.HTTPClient
	if client == nil {
		client = httpapi.NewClient()
	}
	return &transport{
		baseURL: strings.TrimRight(cfg.BaseURL, "/"), apiKey: cfg.APIKey, userAgent: cfg.UserAgent,
		client: client, retry: cfg.Retry, sleep: poll.Sleep,
	}
}

// envelope is Yotta's answer: {message, code, data}.
type envelope struct {
	Message string          `json:"message"`
	Code    *int            `json:"code"`
	Data    json.RawMessage `json:"data"`
}

// do sends req, retrying as req.retry allows, checks the envelope, and decodes its data into
// out (if non-nil). Retries end after RetryPolicy.MaxAttempts failed attempts, or when the
// context's deadline leaves no time for the next. Throttling (429) is not a failed attempt: it
// is retried for as long as the deadline allows (without a deadline,
// httpretry.MaxThrottledWithoutDeadline times).
func (t *transport) do(ctx context.Context, req request, out any) error {
	ctx = yottaHTTP.Context(ctx, t.apiKey)

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

	deadline, _ := ctx.Deadline()
	retry := httpretry.Start(yottaHTTP, req.op, t.retry, deadline, t.sleep)
	for {
		ans, sent, err := t.send(ctx, req, u, payload)
		if err != nil {
			if ctx.Err() != nil {
				return retry.Stopped(ctx.Err())
			}
			terr := &TransportError{Operation: req.op, MaybeSent: sent, Err: err}
			if req.retry == retryUnsent && sent {
				return terr
			}
			err = terr
		}
		var wait time.Duration
		if err == nil {
			data, apiErr := decodeAnswer(req.op, ans.Status, ans.Body)
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
				if gerr := retry.Throttled(apiErr); gerr != nil {
					return gerr
				}
				if wait = httpretry.RetryAfter(ans.Header.Get("Retry-After")); wait == 0 {
					wait = t.retry.Backoff(retry.Throttles())
				}
				if werr := retry.Wait(ctx, wait, ans.Header); werr != nil {
					return werr
				}
				continue
			case retryable(req.retry, apiErr):
				err = apiErr
				wait = httpretry.RetryAfter(ans.Header.Get("Retry-After"))
			default:
				return apiErr
			}
		}
		if gerr := retry.Failed(err); gerr != nil {
			return gerr
		}
		if werr := retry.Wait(ctx, wait, ans.Header); werr != nil {
			return werr
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

// send makes one attempt (httpapi.API.Send) to u with the key and User-Agent. sent reports
// whether the request was (or may have been) written.
func (t *transport) send(ctx context.Context, req request, u string, payload []byte) (ans httpapi.Answer, sent bool, err error) {
	header := http.Header{}
	header.Set("X-Api-Key", t.apiKey)
	header.Set("User-Agent", t.userAgent)
	return yottaHTTP.Send(ctx, t.client, httpapi.Request{Op: req.op, Method: req.method, URL: u, Header: header, Body: payload})
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
