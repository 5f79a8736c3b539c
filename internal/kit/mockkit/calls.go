package mockkit

import (
	"fmt"
	"strings"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/redact"
)

// Call is one request the mock answered, for tests that assert on the calls an apply made.
type Call struct {
	Time   time.Time `json:"time"`
	Method string    `json:"method"`
	Path   string    `json:"path"`
	Query  string    `json:"query,omitempty"`
	// Route names the call as the mock does: its route pattern ("GET /v2/pods/{id}"), refined
	// where one pattern serves several operations (RunPod: "POST /v2/pods/{id}/action stop",
	// "graphql gpuTypes").
	Route string `json:"route"`
	// Status is the HTTP status answered; 0 when the connection was dropped, 499 when the
	// client went away during a delay.
	Status int `json:"status"`
	// Code is the envelope code of the answer, on mocks whose API has one (Yotta: 10000 on
	// success); 0 otherwise and without an answer.
	Code int    `json:"code,omitempty"`
	Body string `json:"body,omitempty"`
	// Fault names what answered instead of the mock, if anything: a fault ("status 503") or
	// the token bucket.
	Fault string `json:"fault,omitempty"`
	// RequestID is the answer's X-Request-Id, on mocks whose API sends one (RunPod).
	RequestID string `json:"requestId,omitempty"`
}

// Calls returns the call log, oldest first, with the bodies as sent (tests in the mock's
// process see the secrets their configurations hold; GET /_mock/calls does not).
func (k *Kit) Calls() []Call {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]Call(nil), k.calls...)
}

// CallCount counts logged calls of a route (as in Call.Route), faulted ones included.
func (k *Kit) CallCount(route string) int {
	n := 0
	for _, c := range k.Calls() {
		if c.Route == route {
			n++
		}
	}
	return n
}

// ResetCalls empties the call log.
func (k *Kit) ResetCalls() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.calls = nil
}

// CallSummary counts the logged calls per route, one "<count>  <route>" line each, in the
// order routes were first called (GET /_mock/calls?format=summary).
func (k *Kit) CallSummary() string {
	counts := map[string]int{}
	var order []string
	for _, c := range k.Calls() {
		if counts[c.Route] == 0 {
			order = append(order, c.Route)
		}
		counts[c.Route]++
	}
	var b strings.Builder
	for _, route := range order {
		fmt.Fprintf(&b, "%4d  %s\n", counts[route], route)
	}
	return b.String()
}

// RedactedCalls is the call log as GET /_mock/calls shows it, which may end up in a CI log:
// passwords, tokens, keys and environment variable values replaced in bodies and queries, as
// the providers' own logs show them.
func (k *Kit) RedactedCalls() []Call {
	calls := k.Calls()
	for i := range calls {
		calls[i].Body = redact.JSON([]byte(calls[i].Body))
		calls[i].Query = redact.Query(calls[i].Query)
	}
	return calls
}
