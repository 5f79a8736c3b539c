// Package openapicheck checks HTTP exchanges against an API's OpenAPI contract (3.0 or 3.1)
// for tests: both mocks' acceptance tests run through it, RunPod's against its pinned REST v2
// contract (internal/runpod/conformance), Yotta's against the OpenAPI file of its SDK
// (yotta/api, checked by internal/yotta/yottaacctest).
//
//	c, err := openapicheck.New(spec, openapicheck.Contract{Name: "REST v2", Prefix: "/v2/", Version: "3.1"})
//	srv := httptest.NewServer(c.Wrap(mock)) // the spec is loaded once per process, then shared
//	... run Terraform against srv ...
//	if err := c.Err(); err != nil { t.Error(err) } // 0 violations, both ways
//
// Wrap validates every request under the contract's Prefix before the handler sees it and the
// handler's answer after (buffered); other paths (/_mock/, RunPod's REST v1 and /graphql) pass
// through unchecked. A request that is not in the spec (path or method) is a violation.
// Requests a test sends invalid on purpose carry ExpectInvalidHeader (MarkExpectInvalid);
// everything else counts.
//
// # Library
//
// Validation is github.com/pb33f/libopenapi-validator (JSON Schema 2020-12 through
// pb33f/jsonschema), chosen over github.com/getkin/kin-openapi/openapi3filter after running both
// on this spec (libopenapi-validator v0.16.3 + libopenapi v0.42.5, kin-openapi v0.153.0, the
// newest of each; Go 1.26). Both load the spec and both understand its 3.1 keywords
// (unevaluatedProperties with allOf, if/then, type arrays with null, anyOf with null). Case by
// case (x = flagged, . = passed):
//
//	must be flagged                                        libopenapi-validator  kin-openapi
//	pod create, unknown top-level "dataCenterId"           x (unevaluatedProps)  x
//	pod create, unknown nested "gpu.foo"                   x                     x
//	pod create, missing "name"                             x                     x
//	pod create, cloud "ALL"                                x                     x
//	pod create, disk "50" (string)                         x                     x
//	pod create, neither image nor templateId (if/then)     x                     x
//	pod update, unknown field "gpu"                        x                     x
//	POST without a body / with a text/plain body           x / x                 x / x
//	unknown path / unknown method                          x / x                 x / x
//	include=BOGUS, count=0, include=GPU_AVAILABILITY,BOGUS x x x                 x x x
//	request without Authorization                          x                     . (no auth func set)
//	undeclared query parameter (stock=true)               .                     .
//	Pod without status / status BOGUS                      x / x                 x / x
//	Pod cost null / name null (not nullable)               x / x                 x / x
//	Pod createdAt "yesterday" (format: date-time)          x (format assertions) x
//	Pod mounts.foo (additionalProperties: false)           x                     x
//	GpuType without id                                     x                     x
//	404 as application/json {"error":...}                  x                     x
//	404 problem+json without detail                        x                     x
//	201 as text/plain / without Content-Type               x / x                 x / x
//	200 to a create (falls to default: problem+json)       x                     x
//	201 with an empty body                                 .                     x
//	204 with a JSON body                                   .                     .
//
//	must pass (both passed all): pod create (GPU; from a template), pod update with registry null
//	and ports [], pod action, GET /v2/catalog/gpus/NVIDIA%20GeForce%20RTX%204090,
//	include=AVAILABILITY&product=POD&count=2&cloud=SECURE, product=POD,SERVERLESS and
//	include=GPU_AVAILABILITY,CPU_AVAILABILITY (explode: false), DELETE; 201 Pod (with RateLimit
//	headers, with "; charset=utf-8"), 204 DELETE without a body, GpuType, 404 and 422
//	problem+json, a running Pod with runtime, a Pod with a field the spec does not list.
//
//	every example in the spec (253 request and response examples): libopenapi-validator passes
//	them all; kin-openapi rejects the two text/event-stream ones (the logs endpoints,
//	"unsupported content type").
//
//	one pod create request + 201 response: libopenapi-validator ~0.1 ms, kin-openapi ~4.4 ms (it
//	builds a JSON Schema 2020-12 compiler on every call); loading the spec: ~0.45 s vs ~0.3 s.
//
// libopenapi-validator catches what matters, at a fortieth of the cost, and has no false positive
// on the spec's own examples; its date-time check needs config.WithFormatAssertions (set here).
// Its strict mode (undeclared properties, parameters) is not used: it does not follow allOf into
// $ref'd members, so it flags every ContainerConfig field of a Pod. The gaps in the table are
// closed here: undeclared query parameters (request side), an empty body where the response
// declares content, and a body where it declares none (response side).
package openapicheck

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/config"
	verrors "github.com/pb33f/libopenapi-validator/errors"
	"github.com/pb33f/libopenapi-validator/helpers"
	"github.com/pb33f/libopenapi-validator/paths"
	"github.com/pb33f/libopenapi-validator/radix"
	"github.com/pb33f/libopenapi/datamodel/high/base"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
	"github.com/pb33f/libopenapi/orderedmap"
)

// Contract says which exchanges a Checker validates and how it names the contract.
type Contract struct {
	// Name names the contract in Err ("REST v2": "2 REST v2 contract violation(s)").
	Name string
	// Prefix is the path prefix of the exchanges checked ("/v2/"); everything else (the mocks'
	// /_mock/ control routes, RunPod's REST v1 and /graphql) passes through unchecked.
	Prefix string
	// Version is the OpenAPI version the document must declare: "3.1" or "3.0".
	Version string
}

// ExpectInvalidHeader marks a request that a test sends invalid on purpose (to see the mock
// reject it): its request-side violations are not recorded. Instead the Checker records a
// request-side violation if the marked request conforms after all (a stale mark), and a
// response-side one if the answer is below 400. The response is validated as usual.
//
// Unmarked requests are all counted, whatever the answer: in the acceptance tests, what the
// provider sends is never expected to be invalid. An unmarked request that breaks the spec and
// is answered below 400 is flagged on the response side too (the API would reject it), unless
// its only fault is an undeclared query parameter, which an API may ignore. The provider
// never sets the header; tests that send requests themselves use MarkExpectInvalid.
const ExpectInvalidHeader = "X-Conformance-Expect-Invalid"

// MarkExpectInvalid sets ExpectInvalidHeader on r.
func MarkExpectInvalid(r *http.Request) { r.Header.Set(ExpectInvalidHeader, "1") }

// Side says which half of an exchange broke the contract.
type Side string

const (
	// Request: what the client sent (the provider, in acceptance tests).
	Request Side = "request"
	// Response: what the handler answered (the mock).
	Response Side = "response"
)

// Violation is one breach of the contract.
type Violation struct {
	Side   Side
	Method string
	// Path is the request target as received: escaped path and query.
	Path string
	// Route is the spec's path template that Path matched, "" when none did.
	Route string
	// Status is the handler's response status (0 if it did not answer, e.g. it panicked).
	Status  int
	Message string
}

func (v Violation) String() string {
	route := ""
	if v.Route != "" {
		route = " (" + v.Route + ")"
	}
	return fmt.Sprintf("%s %s%s -> %d: %s: %s", v.Method, v.Path, route, v.Status, v.Side, v.Message)
}

// Checker validates exchanges and records violations. Its methods are safe for concurrent use.
type Checker struct {
	spec     *spec
	contract Contract

	mu         sync.Mutex
	violations []Violation
	checked    int
	tolerated  []tolerance
}

// tolerance is a deviation from the contract a test expects, with why.
type tolerance struct {
	reason string
	match  func(Violation) bool
}

// Tolerate stops counting the violations match accepts, for a test that shows data the
// contract does not describe (an object REST v1 made outside v2's ranges, say). reason says
// why, for the reader of the test.
func (c *Checker) Tolerate(reason string, match func(Violation) bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.tolerated = append(c.tolerated, tolerance{reason: reason, match: match})
}

// New returns a Checker of contract for the OpenAPI document spec. The document is parsed
// and its schemas compiled once per process for each distinct content (about half a second);
// later calls with the same bytes share that work and cost a hash of the bytes, so every test
// can have a Checker of its own. spec must not be modified afterwards.
func New(specBytes []byte, contract Contract) (*Checker, error) {
	s, err := load(specBytes, contract.Version)
	if err != nil {
		return nil, err
	}
	return &Checker{spec: s, contract: contract}, nil
}

// Violations returns a copy of what was recorded since New or the last Reset.
func (c *Checker) Violations() []Violation {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Violation(nil), c.violations...)
}

// Checked returns how many exchanges (request and answer) under the Prefix were validated.
func (c *Checker) Checked() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.checked
}

// Reset forgets the recorded violations.
func (c *Checker) Reset() {
	c.mu.Lock()
	c.violations = nil
	c.mu.Unlock()
}

// Err returns nil without violations, else an error listing them, one a line.
func (c *Checker) Err() error {
	vs := c.Violations()
	if len(vs) == 0 {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s contract violation(s):", len(vs), c.contract.Name)
	for _, v := range vs {
		b.WriteString("\n  ")
		b.WriteString(v.String())
	}
	return errors.New(b.String())
}

func (c *Checker) record(vs []Violation) {
	if len(vs) == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
next:
	for _, v := range vs {
		for _, t := range c.tolerated {
			if t.match(v) {
				continue next
			}
		}
		c.violations = append(c.violations, v)
	}
}

// Wrap returns a handler that passes every request to next and, for paths under the Prefix,
// validates the request (route, method, parameters, security, body) before next sees it and the
// response (status, content type, headers, body) after next returns. The response is buffered
// and validated before it is written on, so by the time a client has read it, its violations
// are recorded. Streaming (Flush) is buffered too.
func (c *Checker) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, c.contract.Prefix) {
			next.ServeHTTP(w, r)
			return
		}
		var body []byte
		if r.Body != nil && r.Body != http.NoBody {
			var err error
			body, err = io.ReadAll(r.Body)
			_ = r.Body.Close()
			if err != nil {
				http.Error(w, "openapicheck: reading the request body: "+err.Error(), http.StatusBadRequest)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		ex := c.checkRequest(r, body)
		c.mu.Lock()
		c.checked++
		c.mu.Unlock()

		rec := &recorder{header: make(http.Header)}
		answered := false
		defer func() {
			if !answered { // next panicked (e.g. http.ErrAbortHandler): keep the request's violations
				c.record(ex.pending)
			}
		}()
		next.ServeHTTP(rec, r)
		answered = true
		if r.Context().Err() != nil { // the client hung up (its timeout): nobody receives this answer
			c.record(ex.pending)
			return
		}
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		c.checkResponse(ex, rec.status, rec.header, rec.body.Bytes())

		dst := w.Header()
		for k, v := range rec.header {
			dst[k] = v
		}
		w.WriteHeader(rec.status)
		_, _ = w.Write(rec.body.Bytes())
	})
}

// exchange carries what the request phase learned to the response phase.
type exchange struct {
	req           *http.Request // a copy of the request for the validator (body already read)
	route         string
	op            *v3.Operation
	expectInvalid bool
	requestBroke  bool        // the request has violations (counted or, if expectInvalid, not)
	rejectable    bool        // ... that the API rejects: not only undeclared query parameters
	pending       []Violation // the request's violations, recorded with the response's status
}

func (ex *exchange) violation(side Side, status int, msg string) Violation {
	return Violation{Side: side, Method: ex.req.Method, Path: ex.req.URL.RequestURI(), Route: ex.route, Status: status, Message: msg}
}

// checkRequest validates r (whose body is body). Its violations wait in the exchange for the
// response's status; those of a request marked with ExpectInvalidHeader do not count.
func (c *Checker) checkRequest(r *http.Request, body []byte) *exchange {
	req := r.Clone(r.Context())
	req.Body = io.NopCloser(bytes.NewReader(body))
	ex := &exchange{req: req, expectInvalid: r.Header.Get(ExpectInvalidHeader) != ""}

	pathItem, _, route := paths.FindPath(req, c.spec.model, c.spec.pathOpts)
	if pathItem != nil {
		ex.route = route
		ex.op = helpers.ExtractOperation(req, pathItem)
	}
	var root *base.Schema
	if ex.op != nil && ex.op.RequestBody != nil {
		root = mediaSchema(ex.op.RequestBody.Content, req.Header.Get("Content-Type"))
	}
	var msgs []string
	_, errs := c.spec.validator.ValidateHttpRequestSync(req)
	for _, e := range errs {
		msgs = append(msgs, message(e, root))
	}
	ex.rejectable = len(msgs) > 0
	if ex.op != nil {
		declared := c.spec.query[ex.op]
		var undeclared []string
		for name := range req.URL.Query() {
			if !declared[name] {
				undeclared = append(undeclared, name)
			}
		}
		sort.Strings(undeclared)
		for _, name := range undeclared {
			msgs = append(msgs, fmt.Sprintf("query parameter %q is not declared for %s %s", name, req.Method, route))
		}
	}
	ex.requestBroke = len(msgs) > 0

	switch {
	case ex.expectInvalid && !ex.requestBroke:
		ex.pending = append(ex.pending, ex.violation(Request, 0, "marked "+ExpectInvalidHeader+" but conforms to the spec"))
	case !ex.expectInvalid:
		for _, m := range msgs {
			ex.pending = append(ex.pending, ex.violation(Request, 0, m))
		}
	}
	return ex
}

// checkResponse validates the handler's answer to ex and records its violations and the
// request's.
func (c *Checker) checkResponse(ex *exchange, status int, header http.Header, body []byte) {
	vs := ex.pending
	for i := range vs {
		vs[i].Status = status
	}
	if ex.op == nil {
		// Not in the spec: that is a request-side violation already, whatever the answer.
		c.record(vs)
		return
	}
	if status < 400 && (ex.rejectable || ex.expectInvalid && ex.requestBroke) {
		what := "a request that breaks the spec"
		if ex.expectInvalid {
			what = "a request marked " + ExpectInvalidHeader
		}
		vs = append(vs, ex.violation(Response, status, fmt.Sprintf("answered %d to %s; want a 4xx", status, what)))
	}

	resp := &http.Response{
		StatusCode:    status,
		Header:        header.Clone(),
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       ex.req,
	}
	declared := responseFor(ex.op, status)
	var root *base.Schema
	if declared != nil {
		root = mediaSchema(declared.Content, header.Get("Content-Type"))
	}
	_, errs := c.spec.validator.ValidateHttpResponse(ex.req, resp)
	for _, e := range errs {
		vs = append(vs, ex.violation(Response, status, message(e, root)))
	}
	if declared != nil {
		hasContent := orderedmap.Len(declared.Content) > 0
		switch {
		case hasContent && len(body) == 0:
			vs = append(vs, ex.violation(Response, status, fmt.Sprintf("the spec declares a body for %d but the response has none", status)))
		case !hasContent && len(body) > 0:
			vs = append(vs, ex.violation(Response, status, fmt.Sprintf("the spec declares no body for %d but the response has %d bytes", status, len(body))))
		}
	}
	c.record(vs)
}

// responseFor returns the response op declares for status: by code, by range (2XX) or the
// default; nil when there is none (the validator reports that).
func responseFor(op *v3.Operation, status int) *v3.Response {
	if op.Responses == nil {
		return nil
	}
	code := strconv.Itoa(status)
	if r := op.Responses.Codes.GetOrZero(code); r != nil {
		return r
	}
	if r := op.Responses.Codes.GetOrZero(code[:1] + "XX"); r != nil {
		return r
	}
	return op.Responses.Default
}

// mediaSchema returns the schema of content's media type for contentType, if any.
func mediaSchema(content *orderedmap.Map[string, *v3.MediaType], contentType string) *base.Schema {
	if mt, ok := helpers.FindMediaType(content, contentType); ok && mt != nil && mt.Schema != nil {
		return mt.Schema.Schema()
	}
	return nil
}

// message renders a validator error: its message and, for schema failures, each failing field
// (without the knock-on reports of unevaluatedProperties, see findings), so that
// "$.dataCenterId: not allowed" means an undeclared dataCenterId.
func message(e *verrors.ValidationError, root *base.Schema) string {
	if len(e.SchemaValidationErrors) == 0 {
		if e.Reason == "" {
			return e.Message
		}
		return e.Message + ": " + e.Reason
	}
	found := findings(e, root)
	failures := make([]string, 0, len(found))
	for _, f := range found {
		reason := f.Reason
		if f.Undeclared {
			reason = "not allowed (unevaluatedProperties: false)"
		}
		field := f.field
		if field == "" {
			field = "$"
		}
		failures = append(failures, field+": "+reason)
	}
	return e.Message + ": " + strings.Join(failures, "; ")
}

// walk returns the schema that describes the value at path under s, nil if it cannot tell.
func walk(s *base.Schema, path []string) *base.Schema {
	for _, seg := range path {
		if next := property(s, seg, 0); next != nil {
			s = next
			continue
		}
		if _, err := strconv.Atoi(seg); err == nil {
			if next := items(s, 0); next != nil {
				s = next
				continue
			}
		}
		return nil
	}
	return s
}

// maxDepth bounds the walks through allOf/anyOf/oneOf/then/else (each a $ref, often).
const maxDepth = 16

// subschemas are the schemas whose keywords apply to the same value as s's.
func subschemas(s *base.Schema) []*base.SchemaProxy {
	subs := make([]*base.SchemaProxy, 0, len(s.AllOf)+len(s.AnyOf)+len(s.OneOf)+2)
	subs = append(subs, s.AllOf...)
	subs = append(subs, s.AnyOf...)
	subs = append(subs, s.OneOf...)
	if s.Then != nil {
		subs = append(subs, s.Then)
	}
	if s.Else != nil {
		subs = append(subs, s.Else)
	}
	return subs
}

// property returns the schema that s (or a subschema) declares for property name.
func property(s *base.Schema, name string, depth int) *base.Schema {
	if s == nil || depth > maxDepth {
		return nil
	}
	if s.Properties != nil {
		if p := s.Properties.GetOrZero(name); p != nil {
			return p.Schema()
		}
	}
	for _, sub := range subschemas(s) {
		if p := property(sub.Schema(), name, depth+1); p != nil {
			return p
		}
	}
	return nil
}

// items returns the schema that s (or a subschema) declares for its array items.
func items(s *base.Schema, depth int) *base.Schema {
	if s == nil || depth > maxDepth {
		return nil
	}
	if s.Items != nil && s.Items.IsA() && s.Items.A != nil {
		return s.Items.A.Schema()
	}
	for _, sub := range subschemas(s) {
		if it := items(sub.Schema(), depth+1); it != nil {
			return it
		}
	}
	return nil
}

// recorder buffers a handler's response.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}

// Flush lets streaming handlers run; their output is sent when they return.
func (r *recorder) Flush() {}

// spec is a loaded contract, shared by every Checker made from the same bytes.
type spec struct {
	bodyState
	validator validator.Validator
	model     *v3.Document
	pathOpts  *config.ValidationOptions
	options   []config.Option
	// query holds each operation's declared query parameters (path item's and its own).
	query map[*v3.Operation]map[string]bool
}

var (
	specsMu sync.Mutex
	specs   = map[[sha256.Size]byte]*specEntry{}
)

type specEntry struct {
	once sync.Once
	spec *spec
	err  error
}

func load(b []byte, version string) (*spec, error) {
	key := sha256.Sum256(append([]byte(version+"\n"), b...))
	specsMu.Lock()
	e := specs[key]
	if e == nil {
		e = &specEntry{}
		specs[key] = e
	}
	specsMu.Unlock()
	e.once.Do(func() { e.spec, e.err = build(b, version) })
	return e.spec, e.err
}

func build(b []byte, version string) (*spec, error) {
	doc, err := libopenapi.NewDocument(b)
	if err != nil {
		return nil, fmt.Errorf("openapicheck: parsing the spec: %w", err)
	}
	if v := doc.GetVersion(); !strings.HasPrefix(v, version+".") && v != version {
		return nil, fmt.Errorf("openapicheck: the spec is OpenAPI %q; want %s", v, version)
	}
	m, err := doc.BuildV3Model()
	if err != nil {
		return nil, fmt.Errorf("openapicheck: building the spec's model: %w", err)
	}
	model := &m.Model
	options := []config.Option{config.WithFormatAssertions()} // date-time etc. are annotations only in 2020-12
	s := &spec{
		model:     model,
		options:   options,
		validator: validator.NewValidatorFromV3Model(model, options...),
		pathOpts:  config.NewValidationOptions(config.WithPathTree(radix.BuildPathTree(model))),
		query:     map[*v3.Operation]map[string]bool{},
	}
	if model.Paths != nil {
		for _, item := range model.Paths.PathItems.FromOldest() {
			for _, op := range item.GetOperations().FromOldest() {
				names := map[string]bool{}
				for _, p := range append(append([]*v3.Parameter(nil), item.Parameters...), op.Parameters...) {
					if p != nil && p.In == "query" {
						names[p.Name] = true
					}
				}
				s.query[op] = names
			}
		}
	}
	return s, nil
}
