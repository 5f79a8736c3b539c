package yottaapi

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/httpapi"
)

// Yotta's business codes (the code field of every answer). CodeSuccess is the only success.
const (
	CodeSuccess             = 10000
	CodeInvalidParameters   = 10001
	CodeSystemError         = 10002
	CodeRecordNotExist      = 10007
	CodeResourceStatusWrong = 12001
	CodePodNotFound         = 13000
)

// APIError is an error answer from Yotta: an HTTP error status, or HTTP 2xx whose envelope
// code is not 10000. Message is Yotta's own text.
type APIError struct {
	Operation  string // what the client was doing, e.g. "create pod"
	HTTPStatus int    // the HTTP status (200 for a business error in a 2xx answer)
	Code       int    // the envelope's code; 0 when the answer had no envelope
	Message    string
}

func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString(e.Operation)
	b.WriteString(": Yotta API")
	if e.HTTPStatus != 0 && (e.HTTPStatus < 200 || e.HTTPStatus > 299) {
		fmt.Fprintf(&b, " returned HTTP %d %s", e.HTTPStatus, http.StatusText(e.HTTPStatus))
	}
	if e.Code != 0 {
		fmt.Fprintf(&b, " (code %d)", e.Code)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	return b.String()
}

// TransportError is a request that got no HTTP answer. MaybeSent says whether Yotta may
// have received it (so a create may have happened).
type TransportError = httpapi.TransportError[cloud]

// cloud names Yotta in the errors the kit makes for this client (httpapi.Cloud).
type cloud struct{}

func (cloud) Name() string { return "Yotta" }

// AmbiguousCreateError is a create whose outcome the client could not settle: the answer was
// lost, and reading back found several objects that could be the one created.
type AmbiguousCreateError struct {
	Operation  string
	Candidates []ID
	Err        error // the failure that made the create ambiguous
}

func (e *AmbiguousCreateError) Error() string {
	ids := make([]string, len(e.Candidates))
	for i, id := range e.Candidates {
		ids[i] = string(id)
	}
	return fmt.Sprintf("%s: the answer was lost (%v), and Yotta now lists %d objects that match the request (%s): the "+
		"client cannot tell which one it created. Import the right one into Terraform and delete the others.",
		e.Operation, e.Err, len(e.Candidates), strings.Join(ids, ", "))
}

func (e *AmbiguousCreateError) Unwrap() error { return e.Err }

// AsAPIError returns the APIError in err's chain, or nil.
func AsAPIError(err error) *APIError {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr
	}
	return nil
}

// IsNotFound reports whether err says the object does not exist: HTTP 404, or the codes 13000
// (pod not found) and 10007 (record not exist).
func IsNotFound(err error) bool {
	e := AsAPIError(err)
	return e != nil && (e.HTTPStatus == http.StatusNotFound || e.Code == CodePodNotFound || e.Code == CodeRecordNotExist)
}

// IsConflict reports whether err is HTTP 409 (a credential in use).
func IsConflict(err error) bool {
	e := AsAPIError(err)
	return e != nil && e.HTTPStatus == http.StatusConflict
}

// IsInvalidParameters reports whether err is Yotta's 10001 (or a bare HTTP 400).
func IsInvalidParameters(err error) bool {
	e := AsAPIError(err)
	return e != nil && (e.Code == CodeInvalidParameters || (e.Code == 0 && e.HTTPStatus == http.StatusBadRequest))
}

// IsStatusInvalid reports whether err is Yotta's 12001: the object's status forbids the action.
func IsStatusInvalid(err error) bool {
	e := AsAPIError(err)
	return e != nil && e.Code == CodeResourceStatusWrong
}

// IsUnauthorized reports whether err is HTTP 401 or 403.
func IsUnauthorized(err error) bool {
	e := AsAPIError(err)
	return e != nil && (e.HTTPStatus == http.StatusUnauthorized || e.HTTPStatus == http.StatusForbidden)
}

// IsServerSide reports whether err says Yotta failed on its side: HTTP 5xx or code 10002.
func IsServerSide(err error) bool {
	e := AsAPIError(err)
	return e != nil && (e.HTTPStatus >= 500 || e.Code == CodeSystemError)
}
