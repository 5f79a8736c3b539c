package runpodapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/httpapi"
)

// APIError is an error answer from RunPod. Message is RunPod's own text.
type APIError struct {
	Operation  string // what the client was doing, e.g. "create pod"
	StatusCode int    // HTTP status; 200 for GraphQL errors
	// Message is RunPod's explanation: REST v2's problem+json detail (or its title when the
	// detail is empty), REST v1's error.
	Message string
	// Problems lists individual failures: REST v2's errors[] (one per violated rule, such as
	// "$.gpu.count: must be >= 1"), REST v1's problems, GraphQL's errors.
	Problems []string
	// Title is REST v2's problem+json title, such as "Unprocessable Entity".
	Title string
	// RequestID is RunPod's id of the request (the x-request-id answer header): quote it to
	// RunPod's support.
	RequestID string
}

func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString(e.Operation)
	b.WriteString(": RunPod API")
	if e.StatusCode != 0 && e.StatusCode != http.StatusOK {
		fmt.Fprintf(&b, " returned %d %s", e.StatusCode, http.StatusText(e.StatusCode))
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if len(e.Problems) > 0 {
		b.WriteString(" (")
		b.WriteString(strings.Join(e.Problems, "; "))
		b.WriteString(")")
	}
	if e.RequestID != "" {
		b.WriteString(" [request id ")
		b.WriteString(e.RequestID)
		b.WriteString("]")
	}
	return b.String()
}

// Fields returns the request fields RunPod names in its answer, as JSON paths without the
// leading "$." ("gpu.count", "mounts.persistent.size", "dataCenterId"), in the order named and
// each once, so a caller can point at the attribute it came from. REST v2 validates bodies with
// JSON Schema and names fields in errors[] and detail in these forms (the formats are read in
// RunPod's spec and migration notes; others may exist):
//
//	"$.gpu.count: must be >= 1"                          -> gpu.count
//	"$: additional properties 'dataCenterId' not allowed" -> dataCenterId
//	"$.gpu: missing properties 'id'"                      -> gpu.id
//	"at '/gpu/count': minimum: got 0, want 1"             -> gpu.count
func (e *APIError) Fields() []string {
	var out []string
	seen := map[string]bool{}
	add := func(f string) {
		f = strings.TrimPrefix(strings.TrimPrefix(f, "$"), ".")
		if f != "" && !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	for _, text := range append(slices.Clone(e.Problems), e.Message) {
		for _, m := range jsonPathField.FindAllStringSubmatchIndex(text, -1) {
			path := text[m[2]:m[3]]
			rest := text[m[1]:]
			if names := namedProperties.FindStringSubmatch(rest); names != nil {
				for _, q := range quotedName.FindAllStringSubmatch(names[1], -1) {
					add(path + "." + q[1])
				}
				continue
			}
			add(path)
		}
		for _, m := range pointerField.FindAllStringSubmatch(text, -1) {
			add(strings.ReplaceAll(strings.Trim(m[1], "/"), "/", "."))
		}
	}
	return out
}

var (
	// jsonPathField matches a JSON path naming where a rule failed: "$" or "$.gpu.count" or
	// "$.cpu[0].id", followed by a colon.
	jsonPathField = regexp.MustCompile(`(\$(?:\.[A-Za-z0-9_]+|\[[0-9]+\])*)\s*:`)
	// namedProperties matches the property names a rule lists right after the path.
	namedProperties = regexp.MustCompile(`^\s*(?:additional|missing|unevaluated|required)\s+propert(?:y|ies)\s*:?\s*((?:'[^']*'(?:\s*,\s*)?)+)`)
	quotedName      = regexp.MustCompile(`'([^']*)'`)
	// pointerField matches a JSON pointer location: "at '/gpu/count'".
	pointerField = regexp.MustCompile(`at '(/[^']*)'`)
)

// TransportError is a request that got no HTTP answer. MaybeSent says whether RunPod may
// have received it (so a create may have happened).
type TransportError = httpapi.TransportError[cloud]

// cloud names RunPod in the errors the kit makes for this client (httpapi.Cloud).
type cloud struct{}

func (cloud) Name() string { return "RunPod" }

// OutcomeUnknownError is a change (a create, a PATCH, a pod action) that RunPod may or may not
// have applied: the request left, and no answer said what became of it (RunPod answered 5xx,
// the connection broke before the answer, or the operation's time ran out). Such a request is
// never sent again blindly; the client looks at what RunPod now holds instead, and reports
// what it found (see CreateNotAppliedError, AmbiguousCreateError, UpdateNotAppliedError).
type OutcomeUnknownError struct {
	Operation string
	Err       error // what happened: an *APIError (5xx), a *TransportError, or the context's error
}

func (e *OutcomeUnknownError) Error() string {
	return fmt.Sprintf("%s: RunPod may or may not have applied the request: %v", e.Operation, describeCause(e.Operation, e.Err))
}

func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// describeCause is err's text without the operation it already names.
func describeCause(op string, err error) string {
	return strings.TrimPrefix(err.Error(), op+": ")
}

// IsTransient reports whether err may pass if the same call is made again later: RunPod
// throttled it (429), answered with a server error (5xx), or could not be reached or did not
// answer. A wait polls through such errors until its own deadline.
func IsTransient(err error) bool {
	var terr *TransportError
	var unknown *OutcomeUnknownError
	var netErr net.Error
	if errors.As(err, &terr) || errors.As(err, &unknown) || errors.As(err, &netErr) {
		return true
	}
	code := StatusCode(err)
	return code == http.StatusTooManyRequests || code >= 500
}

// IsNotFound reports whether err says the object does not exist.
func IsNotFound(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound
}

// StatusCode returns the HTTP status of an APIError in err's chain, or 0.
func StatusCode(err error) int {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode
	}
	return 0
}

func notFound(op, what string) error {
	return &APIError{Operation: op, StatusCode: http.StatusNotFound, Message: what + " not found"}
}

// requestIDHeader is where RunPod names a request in its answer.
const requestIDHeader = "X-Request-Id"

// decodeError builds an APIError from an error answer. RunPod sends {"error","status",
// "problems"} (REST v1), RFC 9457 application/problem+json {"title","status","detail",
// "errors"} (REST v2) or plain text; anything goes.
func decodeError(op string, status int, header http.Header, body []byte) error {
	e := &APIError{Operation: op, StatusCode: status, RequestID: header.Get(requestIDHeader)}
	var parsed struct {
		Error    json.RawMessage `json:"error"`
		Message  string          `json:"message"`
		Title    string          `json:"title"`
		Detail   string          `json:"detail"`
		Problems []string        `json:"problems"`
		Errors   json.RawMessage `json:"errors"`
	}
	if json.Unmarshal(body, &parsed) == nil {
		var s string
		if json.Unmarshal(parsed.Error, &s) == nil {
			e.Message = s
		}
		e.Title = parsed.Title
		for _, alt := range []string{parsed.Message, parsed.Detail, parsed.Title} {
			if e.Message == "" {
				e.Message = alt
			}
		}
		e.Problems = parsed.Problems
		var list []string
		var objects []struct {
			Message string `json:"message"`
		}
		if json.Unmarshal(parsed.Errors, &list) == nil {
			e.Problems = append(e.Problems, list...)
		} else if json.Unmarshal(parsed.Errors, &objects) == nil { // GraphQL's [{"message"}]
			for _, o := range objects {
				e.Problems = append(e.Problems, o.Message)
			}
		}
	}
	if e.Message == "" && len(e.Problems) == 0 {
		e.Message = truncate(strings.TrimSpace(string(body)), 500)
	}
	if e.Message == "" {
		e.Message = http.StatusText(status)
	}
	return e
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// UnsupportedError is a request that sets what the backend has no field for. The client
// refuses it rather than drop the settings.
type UnsupportedError struct {
	Operation string
	Backend   Backend
	Fields    []string // the settings, by their domain (REST v1) names, such as "dockerEntrypoint"
	Hints     []string // what to do instead, where there is something
}

func (e *UnsupportedError) Error() string {
	api := backendName(e.Backend)
	noun, pronoun := "setting", "it"
	if len(e.Fields) > 1 {
		noun, pronoun = "settings", "them"
	}
	msg := fmt.Sprintf("%s: %s has no such %s: %s (remove %s from the request)", e.Operation, api, noun, strings.Join(e.Fields, ", "), pronoun)
	for _, h := range e.Hints {
		msg += "; " + h
	}
	return msg
}

// NotOnBackendError is an operation the backend has no such thing for: REST v1 has no
// clusters and no account SSH keys.
type NotOnBackendError struct {
	Operation string
	Backend   Backend
	What      string // "clusters"
}

func (e *NotOnBackendError) Error() string {
	return fmt.Sprintf("%s: %s has no %s: RunPod manages them through REST v2 (api_version = \"v2\", the default)", e.Operation, backendName(e.Backend), e.What)
}

// backendName is how messages name a backend.
func backendName(b Backend) string {
	if b == BackendV1 {
		return "REST v1"
	}
	return "REST v2"
}

// PlacementError is a create that tried every candidate placement (GPU type or CPU flavor,
// and data center) and could place none.
type PlacementError struct {
	Operation string
	Attempts  []PlacementAttempt
}

// PlacementAttempt is one candidate a create tried or skipped, and why it failed.
type PlacementAttempt struct {
	Candidate string // such as `GPU type "NVIDIA A40" in EU-RO-1`
	Err       error
}

func (e *PlacementError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: no candidate could be placed; tried %d:", e.Operation, len(e.Attempts))
	for _, a := range e.Attempts {
		b.WriteString("\n  - ")
		b.WriteString(a.Candidate)
		b.WriteString(": ")
		var apiErr *APIError
		if errors.As(a.Err, &apiErr) {
			fmt.Fprintf(&b, "%d %s", apiErr.StatusCode, apiErr.Message)
			if apiErr.RequestID != "" {
				fmt.Fprintf(&b, " [request id %s]", apiErr.RequestID)
			}
		} else {
			b.WriteString(a.Err.Error())
		}
	}
	b.WriteString("\nAllow another GPU type (or CPU flavor), another cloud, or other data centers, or try again later.")
	return b.String()
}

// Unwrap returns the error of every attempt.
func (e *PlacementError) Unwrap() []error {
	out := make([]error, len(e.Attempts))
	for i, a := range e.Attempts {
		out[i] = a.Err
	}
	return out
}

// IsCapacityError reports whether err says RunPod has no machine for the request now: REST
// v2's capacity 400, REST v1's stock-out 500, GraphQL's error, or a create that tried every
// candidate of a priority list. Another GPU type, cloud or data center may have capacity;
// retrying the same request soon usually does not.
func IsCapacityError(err error) bool {
	var placement *PlacementError
	if errors.As(err, &placement) {
		return true
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	text := strings.ToLower(apiErr.Message + " " + strings.Join(apiErr.Problems, " "))
	return strings.Contains(text, "no longer any instances available") || strings.Contains(text, "no instances currently available")
}
