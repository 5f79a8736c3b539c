// Package conformance checks HTTP exchanges against RunPod's REST v2 contract
// (api/runpod-rest-v2.openapi.json, OpenAPI 3.1) for tests, with the checker both providers
// share (internal/kit/openapicheck, whose package comment says how it works and why its
// library was chosen):
//
//	c, err := conformance.New(api.RESTv2) // the spec is loaded once per process, then shared
//	srv := httptest.NewServer(c.Wrap(mock))
//	... run Terraform against srv ...
//	if err := c.Err(); err != nil { t.Error(err) } // 0 violations, both ways
//
// Requests under /v2/ are checked; /_mock/, REST v1 and /graphql pass through unchecked.
package conformance

import "github.com/runpod-community/terraform-provider-runpod/internal/kit/openapicheck"

// Prefix is the path prefix of the exchanges a Checker validates.
const Prefix = "/v2/"

// RESTv2 is the contract: RunPod's REST v2, an OpenAPI 3.1 document.
var RESTv2 = openapicheck.Contract{Name: "REST v2", Prefix: Prefix, Version: "3.1"}

// The checker's types, under this package's names.
type (
	Checker   = openapicheck.Checker
	Violation = openapicheck.Violation
	Side      = openapicheck.Side
	Bodies    = openapicheck.Bodies
	Finding   = openapicheck.Finding
)

// The sides of an exchange, and the mark of a request sent invalid on purpose.
const (
	Request             = openapicheck.Request
	Response            = openapicheck.Response
	ExpectInvalidHeader = openapicheck.ExpectInvalidHeader
)

// MarkExpectInvalid marks a request a test sends invalid on purpose (see openapicheck).
var MarkExpectInvalid = openapicheck.MarkExpectInvalid

// FieldPath renders a finding's path (see openapicheck.FieldPath).
var FieldPath = openapicheck.FieldPath

// New returns a Checker for RunPod's REST v2 document spec (api.RESTv2).
func New(spec []byte) (*Checker, error) { return openapicheck.New(spec, RESTv2) }

// NewBodies returns a body validator for RunPod's REST v2 document spec (api.RESTv2).
func NewBodies(spec []byte) (*Bodies, error) { return openapicheck.NewBodies(spec, RESTv2.Version) }
