package runpodmock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// REST v2 validates request bodies against the spec's JSON schemas before any handler runs:
// unknown properties (additionalProperties / unevaluatedProperties false, nested objects too),
// wrong types, missing required properties, enum, pattern and range violations are 422s whose
// "errors" name the instance path, in the phrasing of a JSON Schema validator
// ("$: additional properties 'dataCenterId' not allowed", "$.gpu.count: got string, want
// integer", "$: missing property 'name'"). The mock holds the request schemas as small Go
// values (jsonSchema) mirroring api/runpod-rest-v2.openapi.json; rules the spec enforces in
// its handlers (mutual exclusions, references, capacity) are 400s in restv2.go.

// jsonSchema is the subset of JSON Schema the v2 request bodies use.
type jsonSchema struct {
	types    []string // "object", "array", "string", "integer", "number", "boolean", "null"
	props    map[string]*jsonSchema
	required []string
	// open allows properties outside props (the spec's objects are all closed).
	open bool
	// values is the schema of every property of a map-like object (env).
	values   *jsonSchema
	items    *jsonSchema
	enum     []string
	pattern  *regexp.Regexp
	min, max *float64
	minLen   int
	minItems int
	maxItems int // 0 = no limit
	unique   bool
	minProps int
	// dependentRequired: when the key property is present, the listed ones are required.
	dependentRequired map[string][]string
	// union is a oneOf discriminated by the "type" property (EndpointScaling).
	union map[string]*jsonSchema
}

func sObject(props map[string]*jsonSchema, required ...string) *jsonSchema {
	return &jsonSchema{types: []string{"object"}, props: props, required: required}
}
func sString() *jsonSchema { return &jsonSchema{types: []string{"string"}} }
func sNonEmpty() *jsonSchema {
	return &jsonSchema{types: []string{"string"}, minLen: 1}
}
func sPattern(p string) *jsonSchema {
	return &jsonSchema{types: []string{"string"}, pattern: regexp.MustCompile(p)}
}
func sBool() *jsonSchema { return &jsonSchema{types: []string{"boolean"}} }
func sInt(minimum *float64, maximum *float64) *jsonSchema {
	return &jsonSchema{types: []string{"integer"}, min: minimum, max: maximum}
}
func sNumber(minimum float64) *jsonSchema {
	return &jsonSchema{types: []string{"number"}, min: &minimum}
}
func sEnum(values ...string) *jsonSchema { return &jsonSchema{types: []string{"string"}, enum: values} }
func sArray(items *jsonSchema) *jsonSchema {
	return &jsonSchema{types: []string{"array"}, items: items}
}
func bound(v float64) *float64 { return &v }

// with returns a copy of an object schema with more properties.
func (s *jsonSchema) with(props map[string]*jsonSchema, required ...string) *jsonSchema {
	c := *s
	c.props = map[string]*jsonSchema{}
	for k, v := range s.props {
		c.props[k] = v
	}
	for k, v := range props {
		c.props[k] = v
	}
	c.required = append(slices.Clone(s.required), required...)
	return &c
}

// validate returns the violations of v (decoded with UseNumber) at path.
func (s *jsonSchema) validate(path string, v any) []string {
	var errs []string
	add := func(format string, args ...any) { errs = append(errs, path+": "+fmt.Sprintf(format, args...)) }
	kind := jsonKind(v)
	if !slices.Contains(s.types, kind) && !(kind == "integer" && slices.Contains(s.types, "number")) {
		add("got %s, want %s", kind, strings.Join(s.types, " or "))
		return errs
	}
	switch kind {
	case "string":
		str := v.(string)
		if len(s.enum) > 0 && !slices.Contains(s.enum, str) {
			add("value must be one of %s", quoteList(s.enum))
		}
		if s.minLen > 0 && len([]rune(str)) < s.minLen {
			add("minLength: got %d, want %d", len([]rune(str)), s.minLen)
		}
		if s.pattern != nil && !s.pattern.MatchString(str) {
			add("'%s' does not match pattern '%s'", str, s.pattern.String())
		}
	case "integer", "number":
		f, _ := v.(json.Number).Float64()
		if s.min != nil && f < *s.min {
			add("minimum: got %v, want %v", v, *s.min)
		}
		if s.max != nil && f > *s.max {
			add("maximum: got %v, want %v", v, *s.max)
		}
	case "array":
		list := v.([]any)
		if s.minItems > 0 && len(list) < s.minItems {
			add("minItems: got %d, want %d", len(list), s.minItems)
		}
		if s.maxItems > 0 && len(list) > s.maxItems {
			add("maxItems: got %d, want %d", len(list), s.maxItems)
		}
		if s.unique {
			for i := range list {
				for j := i + 1; j < len(list); j++ {
					a, _ := json.Marshal(list[i])
					b, _ := json.Marshal(list[j])
					if bytes.Equal(a, b) {
						add("items at %d and %d are equal", i, j)
					}
				}
			}
		}
		if s.items != nil {
			for i, item := range list {
				errs = append(errs, s.items.validate(fmt.Sprintf("%s[%d]", path, i), item)...)
			}
		}
	case "object":
		obj := v.(map[string]any)
		if s.union != nil {
			t, _ := obj["type"].(string)
			variant, ok := s.union[t]
			if !ok {
				if _, has := obj["type"]; !has {
					add("missing property 'type'")
				} else {
					errs = append(errs, path+".type: value must be one of "+quoteList(sortedKeys(s.union)))
				}
				return errs
			}
			return variant.validate(path, v)
		}
		var missing []string
		for _, name := range s.required {
			if _, ok := obj[name]; !ok {
				missing = append(missing, name)
			}
		}
		for key, deps := range s.dependentRequired {
			if _, ok := obj[key]; !ok {
				continue
			}
			for _, d := range deps {
				if _, ok := obj[d]; !ok {
					add("properties '%s' required, if '%s' property exists", d, key)
				}
			}
		}
		switch len(missing) {
		case 0:
		case 1:
			add("missing property '%s'", missing[0])
		default:
			add("missing properties %s", quoteList(missing))
		}
		if s.minProps > 0 && len(obj) < s.minProps {
			add("minProperties: got %d, want %d", len(obj), s.minProps)
		}
		var extra []string
		for _, key := range sortedKeys(obj) {
			switch {
			case s.props[key] != nil:
				errs = append(errs, s.props[key].validate(path+"."+key, obj[key])...)
			case s.values != nil:
				errs = append(errs, s.values.validate(path+"."+key, obj[key])...)
			case !s.open:
				extra = append(extra, key)
			}
		}
		if len(extra) > 0 {
			add("additional properties %s not allowed", quoteList(extra))
		}
	}
	return errs
}

func jsonKind(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if f, err := x.Float64(); err == nil && f == math.Trunc(f) && !math.IsInf(f, 0) {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = "'" + s + "'"
	}
	return strings.Join(q, ", ")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
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

// decodeV2 validates the request body against s and decodes it into dst (a struct whose
// json tags are the schema's properties).
func decodeV2(r *http.Request, s *jsonSchema, dst any) (body, *apiError) {
	data, _ := io.ReadAll(r.Body)
	if len(bytes.TrimSpace(data)) == 0 {
		data = []byte("{}")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var raw any
	if err := dec.Decode(&raw); err != nil {
		return nil, badRequest("request body is not valid JSON: %v", err)
	}
	if errs := s.validate("$", raw); len(errs) > 0 {
		return nil, unprocessable(errs...)
	}
	if err := json.Unmarshal(data, dst); err != nil {
		return nil, unprocessable("$: " + err.Error())
	}
	m, _ := raw.(map[string]any)
	return m, nil
}

// ---- the v2 request schemas (api/runpod-rest-v2.openapi.json, components.schemas) ----

var (
	cudaVersionPattern = `^\d+\.\d+$`

	// ContainerConfig's properties (image, args, disk, env, ports, registry).
	containerProps = map[string]*jsonSchema{
		"image":    sString(),
		"args":     sString(),
		"disk":     sInt(bound(1), nil),
		"env":      {types: []string{"object"}, values: sString()},
		"ports":    sArray(sString()),
		"registry": {types: []string{"string", "null"}},
	}

	persistentMountSchema = sObject(map[string]*jsonSchema{"size": sInt(bound(10), nil), "path": sString()}, "size", "path")
	networkMountSchema    = sObject(map[string]*jsonSchema{"volumeId": sString(), "path": sString()}, "volumeId", "path")
	mountsSchema          = sObject(map[string]*jsonSchema{
		"persistent": persistentMountSchema,
		"network":    {types: []string{"array"}, items: networkMountSchema, maxItems: 1},
	})
	templateMountsSchema = sObject(map[string]*jsonSchema{"persistent": persistentMountSchema})

	createCPUSchema = sObject(map[string]*jsonSchema{"id": sNonEmpty(), "vcpuCount": sInt(bound(2), nil)}, "id", "vcpuCount")

	createPodSchema = sObject(containerProps).with(map[string]*jsonSchema{
		"name":          sNonEmpty(),
		"cloud":         sEnum(cloudSecure, cloudCommunity),
		"cpu":           createCPUSchema,
		"dataCenterIds": sArray(sString()),
		"gpu": sObject(map[string]*jsonSchema{
			"id":                  sString(),
			"count":               sInt(bound(1), nil),
			"allowedCudaVersions": sArray(sPattern(cudaVersionPattern)),
			"minCudaVersion":      sPattern(cudaVersionPattern),
		}, "id"),
		"globalNetworking": sBool(),
		"mounts":           mountsSchema,
		"startJupyter":     sBool(),
		"startSsh":         sBool(),
		"templateId":       sNonEmpty(),
	}, "name")

	updatePodSchema = sObject(containerProps).with(map[string]*jsonSchema{
		"globalNetworking": sBool(),
		"locked":           sBool(),
		"mounts":           mountsSchema,
		"name":             sNonEmpty(),
		"templateId":       sString(),
	})

	podActionSchema = sObject(map[string]*jsonSchema{"action": sEnum(actionStart, actionStop, actionRestart, actionTerminate)}, "action")

	endpointScalingSchema = &jsonSchema{types: []string{"object"}, union: map[string]*jsonSchema{
		"QUEUE_DELAY":   sObject(map[string]*jsonSchema{"type": sEnum("QUEUE_DELAY"), "queueDelay": sNumber(0.5)}, "type", "queueDelay"),
		"REQUEST_COUNT": sObject(map[string]*jsonSchema{"type": sEnum("REQUEST_COUNT"), "requestCount": sInt(bound(1), nil)}, "type", "requestCount"),
	}}
	endpointWorkersSchema = sObject(map[string]*jsonSchema{
		"min": sInt(bound(0), nil), "max": sInt(bound(0), nil), "idleTimeout": sInt(bound(1), bound(3600)),
	})
	endpointGPUProps = map[string]*jsonSchema{
		"pools":               {types: []string{"array"}, items: sString(), minItems: 1},
		"excludedTypes":       {types: []string{"array"}, items: sPattern(`^\s*[^-\s]`), unique: true},
		"count":               sInt(bound(1), nil),
		"allowedCudaVersions": sArray(sPattern(cudaVersionPattern)),
		"minCudaVersion":      sPattern(cudaVersionPattern),
	}
	endpointCPUListSchema = &jsonSchema{types: []string{"array"}, items: createCPUSchema, minItems: 1, unique: true}

	createEndpointSchema = sObject(containerProps).with(map[string]*jsonSchema{
		"gpu":            sObject(endpointGPUProps, "pools"),
		"name":           sNonEmpty(),
		"scaling":        endpointScalingSchema,
		"type":           sEnum(endpointQueue, endpointLoadBalancer),
		"cpu":            endpointCPUListSchema,
		"dataCenterIds":  sArray(sString()),
		"flashboot":      sEnum(flashbootOff, flashbootOn, flashbootPriority),
		"networkVolumes": sArray(sString()),
		"templateId":     sNonEmpty(),
		"timeout":        sInt(nil, nil),
		"workers":        endpointWorkersSchema,
	}, "name", "type", "scaling")

	updateEndpointSchema = sObject(containerProps).with(map[string]*jsonSchema{
		"cpu":           endpointCPUListSchema,
		"dataCenterIds": sArray(sString()),
		"flashboot":     sEnum(flashbootOff, flashbootOn, flashbootPriority),
		"gpu": func() *jsonSchema {
			s := sObject(endpointGPUProps).with(map[string]*jsonSchema{"minCudaVersion": sPattern(`^$|^\d+\.\d+$`)})
			s.dependentRequired = map[string][]string{"excludedTypes": {"pools"}}
			return s
		}(),
		"name":           sNonEmpty(),
		"networkVolumes": sArray(sString()),
		"scaling":        endpointScalingSchema,
		"templateId":     sString(),
		"timeout":        sInt(nil, nil),
		"workers":        endpointWorkersSchema,
	})

	templateProps = map[string]*jsonSchema{
		"name":                sNonEmpty(),
		"allowedCudaVersions": sArray(sPattern(cudaVersionPattern)),
		"category":            sEnum(templateCategories...),
		"mounts":              templateMountsSchema,
		"public":              sBool(),
		"serverless":          sBool(),
		"startJupyter":        sBool(),
		"startSsh":            sBool(),
	}
	createTemplateSchema = sObject(containerProps).with(templateProps, "name", "image")
	updateTemplateSchema = sObject(containerProps).with(templateProps)

	createVolumeSchema = sObject(map[string]*jsonSchema{
		"dataCenter": sNonEmpty(), "name": sNonEmpty(), "size": sInt(bound(10), bound(4096)),
		"type": sEnum(volumeStandard, volumeHighPerformance),
	}, "name", "size", "dataCenter")
	updateVolumeSchema = func() *jsonSchema {
		s := sObject(map[string]*jsonSchema{"name": sNonEmpty(), "size": sInt(bound(10), bound(4096))})
		s.minProps = 1
		return s
	}()

	createRegistrySchema = sObject(map[string]*jsonSchema{
		"name": sNonEmpty(), "password": sNonEmpty(), "username": sNonEmpty(),
	}, "name", "username", "password")
)

// isPowerOfTwo reports whether n is 2, 4, 8, ...
func isPowerOfTwo(n int) bool { return n > 0 && n&(n-1) == 0 }

func itoa(n int) string { return strconv.Itoa(n) }
