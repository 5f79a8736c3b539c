package runpod

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// APIError is an error answer from RunPod. Message is RunPod's own text.
type APIError struct {
	Operation  string // what the client was doing, e.g. "create pod"
	StatusCode int    // HTTP status; 200 for GraphQL errors
	Message    string
	Problems   []string
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
	return b.String()
}

// TransportError is a request that got no HTTP answer. MaybeSent says whether RunPod may
// have received it (so a create may have happened).
type TransportError struct {
	Operation string
	MaybeSent bool
	Err       error
}

func (e *TransportError) Error() string {
	if e.MaybeSent {
		return fmt.Sprintf("%s: no answer from RunPod after sending the request (it may have been applied): %v", e.Operation, e.Err)
	}
	return fmt.Sprintf("%s: could not reach RunPod: %v", e.Operation, e.Err)
}

func (e *TransportError) Unwrap() error { return e.Err }

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

// decodeError builds an APIError from an error answer. RunPod sends {"error","status",
// "problems"} (REST v1), {"title","detail","errors"} (v2) or plain text; anything goes.
func decodeError(op string, status int, body []byte) error {
	e := &APIError{Operation: op, StatusCode: status}
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
