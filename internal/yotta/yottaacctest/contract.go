package yottaacctest

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/openapicheck"
	"github.com/runpod-community/terraform-provider-runpod/yotta/api"
)

// Contract is Yotta's OpenAPI file as the acceptance tests check it: every exchange under /v2/.
var Contract = openapicheck.Contract{Name: "Yotta OpenAPI", Prefix: "/v2/", Version: "3.0"}

// newContractCheck returns a checker of Yotta's OpenAPI file for t, which fails t at its end
// when the provider sent, or the mock answered, something the file does not allow. Where the
// file conflicts with Yotta's docs and clients (yotta/api/YOTTA-V2.md lists the conflicts), the
// provider and the mock follow the docs, and the violations that follow are tolerated here,
// each with its reason.
func newContractCheck(t *testing.T) *openapicheck.Checker {
	t.Helper()
	c, err := openapicheck.New(yottaopenapi.V2, Contract)
	if err != nil {
		t.Fatal(err)
	}
	for _, tol := range tolerated {
		c.Tolerate(tol.reason, tol.match)
	}
	t.Cleanup(func() {
		if err := c.Err(); err != nil {
			t.Error(err)
		}
	})
	return c
}

// tolerated are the conflicts between Yotta's OpenAPI file and its docs and clients that the
// provider and the mock resolve the docs' way.
var tolerated = []struct {
	reason string
	match  func(openapicheck.Violation) bool
}{
	{
		// The docs guide, the SDK and the MCP client scale with ?count=N; the file writes
		// /workers/{count}. The client sends the majority's form (and falls back).
		reason: "the scale route's query form",
		match: func(v openapicheck.Violation) bool {
			return v.Side == openapicheck.Request && v.Method == http.MethodPut && strings.Contains(v.Path, "/workers?count=")
		},
	},
	{
		// Yotta's clients check the envelope's code on HTTP 200 answers, and the mock answers
		// business errors so by default (10007 for a deleted object, with data null); the file
		// gives such answers 4xx statuses.
		reason: "a business error answered HTTP 200 with its code and data null",
		match: func(v openapicheck.Violation) bool {
			return v.Side == openapicheck.Response && v.Status == http.StatusOK && strings.Contains(v.Message, "$.data: got null, want object")
		},
	},
	{
		// The file declares 409 (a volume or credential in use) without a body; the mock answers
		// Yotta's envelope, whose message names the pods, as its other errors.
		reason: "a 409 with Yotta's envelope",
		match: func(v openapicheck.Violation) bool {
			return v.Side == openapicheck.Response && v.Status == http.StatusConflict && strings.Contains(v.Message, "declares no body for 409")
		},
	},
	{
		// The tests inject throttling and server faults; the file declares no 429, 502, 503 or 504.
		reason: "an injected fault's status",
		match: func(v openapicheck.Violation) bool {
			return v.Side == openapicheck.Response && slices.Contains([]int{429, 502, 503, 504}, v.Status) &&
				strings.Contains(v.Message, "response code")
		},
	},
}
