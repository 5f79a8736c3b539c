package runpodmock

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"

	"github.com/runpod-community/terraform-provider-runpod/api"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/conformance"
)

// REST v2 validates request bodies against the pinned spec (api/runpod-rest-v2.openapi.json)
// before any handler runs: unknown properties (additionalProperties / unevaluatedProperties
// false, nested objects too), wrong types, missing required properties (image without
// templateId too), enum, pattern and range violations are 422s whose "errors" name the
// instance path in the phrasing of a JSON Schema validator ("$: additional properties
// 'dataCenterId' not allowed", "$.gpu.count: got string, want integer", "$: missing property
// 'name'"). What the spec leaves to RunPod's handlers stays in the handlers (restv2*.go): one
// of gpu and cpu, CUDA set or floor, one mount kind, ports as <port>/http|tcp, known data
// centers, CPU flavors and vCPU counts, template kinds, a load balancer's scaler and a queue's
// idle timeout, and what a PATCH may change of a mount.

var (
	specBodiesOnce sync.Once
	specBodies     *conformance.Bodies
)

// v2Bodies is the spec's body validator, loaded once per process (the spec is embedded, so
// loading cannot fail but for a broken build).
func v2Bodies() *conformance.Bodies {
	specBodiesOnce.Do(func() {
		b, err := conformance.NewBodies(api.RESTv2)
		if err != nil {
			panic("runpodmock: loading the REST v2 spec: " + err.Error())
		}
		specBodies = b
	})
	return specBodies
}

// unprocessable is a 422 listing schema violations.
func unprocessable(errs ...string) *apiError {
	return &apiError{status: http.StatusUnprocessableEntity, msg: "Request validation failed.", problems: errs}
}

// body is a decoded v2 request body: the raw object (to tell an explicit null from an
// absent property) beside the typed struct.
type body map[string]any

func (b body) has(key string) bool { _, ok := b[key]; return ok }

// object returns the nested object at key, or an empty body.
func (b body) object(key string) body {
	m, _ := b[key].(map[string]any)
	return m
}

// decodeV2 validates the request body against the spec's schema for r's operation and
// decodes it into dst (a runpodwire struct: its json tags are the schema's properties).
func decodeV2(r *http.Request, dst any) (body, *apiError) {
	data, _ := io.ReadAll(r.Body)
	if len(bytes.TrimSpace(data)) == 0 {
		data = []byte("{}")
	}
	var raw any
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, badRequest("request body is not valid JSON: %v", err)
	}
	if errs := schemaProblems(v2Bodies().Validate(r.Method, r.URL.Path, "application/json", data)); len(errs) > 0 {
		return nil, unprocessable(errs...)
	}
	if err := json.Unmarshal(data, dst); err != nil {
		return nil, unprocessable("$: " + err.Error())
	}
	m, _ := raw.(map[string]any)
	return m, nil
}

// schemaProblems phrases the spec validator's findings as RunPod's 422 lists them: undeclared
// properties gathered per object ("$.gpu: additional properties 'foo' not allowed"), every
// other finding as "<path>: <reason>".
func schemaProblems(findings []conformance.Finding) []string {
	var out []string
	undeclared := map[string][]string{}
	for _, f := range findings {
		if !f.Undeclared {
			out = append(out, conformance.FieldPath(f.Path)+": "+f.Reason)
			continue
		}
		n := len(f.Path)
		parent := conformance.FieldPath(f.Path[:n-1])
		undeclared[parent] = append(undeclared[parent], f.Path[n-1])
	}
	for parent, names := range undeclared {
		sort.Strings(names)
		out = append(out, parent+": additional properties "+quoteList(names)+" not allowed")
	}
	sort.Strings(out)
	return out
}

func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = "'" + s + "'"
	}
	return strings.Join(q, ", ")
}

// isPowerOfTwo reports whether n is 2, 4, 8, ...
func isPowerOfTwo(n int) bool { return n > 0 && n&(n-1) == 0 }
