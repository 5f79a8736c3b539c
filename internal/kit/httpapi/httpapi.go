// Package httpapi sends the requests of both providers' API clients one attempt at a time, in
// one way: with the provider's HTTP client settings, knowing whether a failed request reached
// the server, and logged (request and answer) in the API's own log subsystem with its key
// masked and the bodies' secrets redacted. What an answer means, and whether to send it again
// (internal/kit/httpretry), is each client's.
package httpapi

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/redact"
)

// maxAnswerBytes bounds how much of an answer is read.
const maxAnswerBytes = 16 << 20

// NewClient returns the HTTP client an API client uses when given none: the proxy from the
// environment, and a timeout on each phase of a request, so that a stuck connection fails
// (to be retried or settled) instead of hanging until the operation's timeout.
func NewClient() *http.Client {
	return &http.Client{Transport: &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:   15 * time.Second,
		ResponseHeaderTimeout: 2 * time.Minute,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
	}}
}

// API is one cloud's HTTP API, as the provider's logs name it.
type API struct {
	// Name names it in log messages: "RunPod API" gives "RunPod API request".
	Name string
	// Subsystem is the tflog subsystem of its traffic: "runpod_api", whose level
	// TF_LOG_PROVIDER_RUNPOD_API sets.
	Subsystem string
	// RequestIDHeader is the answer header that names the request on the server's side,
	// logged with the answer; "" when the API has none.
	RequestIDHeader string
}

// Context returns ctx with a's log subsystem, in which secret (the API key) is masked in every
// message and field.
func (a API) Context(ctx context.Context, secret string) context.Context {
	ctx = tflog.NewSubsystem(ctx, a.Subsystem)
	ctx = tflog.SubsystemMaskAllFieldValuesStrings(ctx, a.Subsystem, secret)
	return tflog.SubsystemMaskMessageStrings(ctx, a.Subsystem, secret)
}

// Request is one attempt of an API call.
type Request struct {
	Op     string // what the call does, for the logs: "create pod"
	Method string
	URL    string
	Header http.Header // set on the request as given (authentication, User-Agent)
	Body   []byte      // JSON; nil: none
}

// Answer is the server's answer to one attempt.
type Answer struct {
	Status int
	Header http.Header
	Body   []byte
	At     time.Time // when its headers arrived, on this machine's clock
}

// RequestID returns the answer's request id (a.RequestIDHeader), or "".
func (a API) RequestID(header http.Header) string {
	if a.RequestIDHeader == "" || header == nil {
		return ""
	}
	return header.Get(a.RequestIDHeader)
}

// Send makes one attempt of req with client, asking for JSON, and logs it and its answer at
// DEBUG in a's subsystem (bodies redacted; ctx should come from Context). sent says whether
// the request was (or may have been) written: a failure with sent false never reached the
// server, so the call may be sent again whatever it does. A failure with sent true may have
// been acted on.
func (a API) Send(ctx context.Context, client *http.Client, req Request) (ans Answer, sent bool, err error) {
	var body io.Reader
	if req.Body != nil {
		body = bytes.NewReader(req.Body)
	}
	wrote := false
	trace := &httptrace.ClientTrace{WroteHeaders: func() { wrote = true }}
	httpReq, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), req.Method, req.URL, body)
	if err != nil {
		return Answer{}, false, err
	}
	for name, values := range req.Header {
		httpReq.Header[name] = values
	}
	httpReq.Header.Set("Accept", "application/json")
	if req.Body != nil {
		httpReq.Header.Set("Content-Type", "application/json")
	}

	tflog.SubsystemDebug(ctx, a.Subsystem, a.Name+" request", map[string]any{
		"operation": req.Op, "method": req.Method, "url": req.URL, "body": redact.JSON(req.Body),
	})
	start := time.Now()
	resp, err := client.Do(httpReq)
	if err != nil {
		tflog.SubsystemDebug(ctx, a.Subsystem, a.Name+" request failed", map[string]any{
			"operation": req.Op, "error": err.Error(), "sent": wrote,
		})
		return Answer{}, wrote, err
	}
	defer resp.Body.Close()
	ans = Answer{Status: resp.StatusCode, Header: resp.Header, At: time.Now()}
	if ans.Body, err = io.ReadAll(io.LimitReader(resp.Body, maxAnswerBytes)); err != nil {
		return Answer{}, true, fmt.Errorf("reading the answer: %w", err)
	}
	// The request id exists only once the server answered: the request line above cannot
	// carry it, so this line repeats the method and URL.
	fields := map[string]any{
		"operation": req.Op, "method": req.Method, "url": req.URL, "status": resp.StatusCode,
		"duration_ms": time.Since(start).Milliseconds(), "body": redact.JSON(ans.Body),
	}
	if a.RequestIDHeader != "" {
		fields["request_id"] = a.RequestID(resp.Header)
	}
	tflog.SubsystemDebug(ctx, a.Subsystem, a.Name+" response", fields)
	return ans, true, nil
}

// Cloud names, by a type, the cloud whose API a client calls, in the errors the kit makes for
// it (TransportError): Name is the cloud as users know it, "RunPod".
type Cloud interface{ Name() string }

// TransportError is a request to C's API that got no HTTP answer (Send's error). MaybeSent says
// whether the server may have received it (so a create may have happened).
type TransportError[C Cloud] struct {
	Operation string
	MaybeSent bool
	Err       error
}

func (e *TransportError[C]) Error() string {
	var cloud C
	if e.MaybeSent {
		return fmt.Sprintf("%s: no answer from %s after sending the request (it may have been applied): %v", e.Operation, cloud.Name(), e.Err)
	}
	return fmt.Sprintf("%s: could not reach %s: %v", e.Operation, cloud.Name(), e.Err)
}

func (e *TransportError[C]) Unwrap() error { return e.Err }
