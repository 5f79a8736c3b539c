package openapicheck

import (
	"bytes"

	"net/http/httptest"
	"strings"
	"sync"

	verrors "github.com/pb33f/libopenapi-validator/errors"
	"github.com/pb33f/libopenapi-validator/helpers"
	"github.com/pb33f/libopenapi-validator/paths"
	"github.com/pb33f/libopenapi-validator/requests"
	"github.com/pb33f/libopenapi/datamodel/high/base"
)

// Bodies validates request bodies against the spec for a server that answers as the API does
// (a mock): it says what is wrong with a body, field by field, so that the server can refuse
// it in its own words. Unlike a Checker it records nothing and checks nothing but the body.
type Bodies struct {
	spec *spec
}

// NewBodies returns a body validator for the OpenAPI document spec (of the given version,
// "3.1" or "3.0"), loaded once per process like New's.
func NewBodies(specBytes []byte, version string) (*Bodies, error) {
	s, err := load(specBytes, version)
	if err != nil {
		return nil, err
	}
	return &Bodies{spec: s}, nil
}

// Finding is one thing wrong with a request body.
type Finding struct {
	// Path is the instance path of the value at fault: nil for the body itself,
	// ["gpu", "count"] for $.gpu.count, ["mounts", "network", "0"] for $.mounts.network[0].
	Path []string
	// Undeclared says the value at Path is a property its object does not declare
	// (additionalProperties or unevaluatedProperties false); Reason is then empty.
	Undeclared bool
	// Reason is the JSON Schema validator's text ("got string, want integer", "missing
	// property 'name'", "minimum: got 5, want 10"), or the request validator's when the body is
	// not JSON at all.
	Reason string
	// field is the validator's own JSONPath of the value (its parameter errors have no
	// instance path).
	field string
}

// Validate returns what is wrong with body as the request body of method target (a request
// path such as /v2/pods/abc, which names the operation), sent as contentType; nil when the
// body conforms or the operation declares no body (or is not in the spec).
func (b *Bodies) Validate(method, target, contentType string, body []byte) []Finding {
	r := httptest.NewRequest(method, target, bytes.NewReader(body))
	r.Header.Set("Content-Type", contentType)
	pathItem, _, route := paths.FindPath(r, b.spec.model, b.spec.pathOpts)
	if pathItem == nil {
		return nil
	}
	op := helpers.ExtractOperation(r, pathItem)
	if op == nil || op.RequestBody == nil {
		return nil
	}
	root := mediaSchema(op.RequestBody.Content, contentType)
	_, errs := b.spec.bodyValidator().ValidateRequestBodyWithPathItem(r, pathItem, route)
	var out []Finding
	for _, e := range errs {
		out = append(out, findings(e, root)...)
	}
	return out
}

// bodyValidator is the spec's request body validator, built on first use.
func (s *spec) bodyValidator() requests.RequestBodyValidator {
	s.bodiesOnce.Do(func() { s.bodies = requests.NewRequestBodyValidator(s.model, s.options...) })
	return s.bodies
}

// findings are the failures of e, without the knock-on reports of unevaluatedProperties.
//
// An object with unevaluatedProperties: false over an allOf (CreatePodRequest, CreateGpuConfig,
// UpdatePodRequest...) reports, once any property fails in a member, every property of that
// member as "not allowed" as well: JSON Schema 2020-12 drops the annotations of a failing
// subschema. Those knock-on reports are left out when root (the body's schema) declares the
// property, so that an undeclared finding means an undeclared property.
func findings(e *verrors.ValidationError, root *base.Schema) []Finding {
	if len(e.SchemaValidationErrors) == 0 {
		reason := e.Message
		if e.Reason != "" {
			reason += ": " + e.Reason
		}
		return []Finding{{Reason: reason}}
	}
	var out, knockOn []Finding
	for _, f := range e.SchemaValidationErrors {
		fd := Finding{Path: f.InstancePath, Reason: f.Reason, field: f.FieldPath}
		if strings.HasSuffix(f.KeywordLocation, "/unevaluatedProperties") {
			fd.Undeclared, fd.Reason = true, ""
			if n := len(f.InstancePath); n > 0 && root != nil {
				if parent := walk(root, f.InstancePath[:n-1]); parent != nil && property(parent, f.InstancePath[n-1], 0) != nil {
					knockOn = append(knockOn, fd)
					continue
				}
			}
		}
		out = append(out, fd)
	}
	if len(out) == 0 {
		// Only knock-on reports, which a failure elsewhere must have caused: cannot be, so
		// keep them rather than nothing.
		out = knockOn
	}
	return out
}

// FieldPath is the JSONPath of an instance path: $, $.gpu.count, $.mounts.network[0].
func FieldPath(path []string) string {
	var b strings.Builder
	b.WriteString("$")
	for _, seg := range path {
		if isIndex(seg) {
			b.WriteString("[" + seg + "]")
		} else {
			b.WriteString("." + seg)
		}
	}
	return b.String()
}

func isIndex(seg string) bool {
	if seg == "" {
		return false
	}
	for _, r := range seg {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// bodyState is what spec keeps for Bodies.
type bodyState struct {
	bodiesOnce sync.Once
	bodies     requests.RequestBodyValidator
}
