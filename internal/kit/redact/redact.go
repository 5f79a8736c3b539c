// Package redact renders JSON request and answer bodies with their secrets replaced, for the
// provider's logs and the mocks' call logs alike, so that all hide the same things: values of
// secret keys (passwords, tokens, keys) and the values, not the names, of environment
// variables. It serves both providers' shapes (RunPod's "env", Yotta's "environmentVars") and
// imports nothing of the providers or the mocks.
package redact

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
)

// Redacted replaces each hidden value.
const Redacted = "(redacted)"

// secretKeys are JSON keys (and query parameters) whose values never show; so are those of
// any key ending in "password" (Yotta's imageRegistryPassword).
var secretKeys = map[string]bool{
	"password": true, "pass": true, "registryAuth": true, "auth": true,
	"apiKey": true, "api_key": true, "token": true, "aiKey": true,
	"imageRegistryToken": true, "webhookAuthKey": true,
}

// Secret reports whether the values of a JSON key or query parameter never show.
func Secret(key string) bool {
	return secretKeys[key] || strings.HasSuffix(strings.ToLower(key), "password")
}

// Query renders a URL query with the values of secret parameters replaced (GraphQL's
// ?api_key=...); a query without one is returned as it is.
func Query(raw string) string {
	values, err := url.ParseQuery(raw)
	if err != nil {
		return raw
	}
	hidden := false
	for k := range values {
		if Secret(k) {
			values[k] = []string{Redacted}
			hidden = true
		}
	}
	if !hidden {
		return raw
	}
	return values.Encode()
}

// envKeys hold environment variables: RunPod's "env" (a map, a [{key, value}] list or
// GraphQL's ["KEY=value"] list), Yotta's "environmentVars" and "envVars" ([{key, value}]).
var envKeys = map[string]bool{"env": true, "environmentVars": true, "envVars": true}

// JSON renders body with secrets replaced: values of secret keys, and the values of
// environment variables (under an env key, as a map, a [{key, value}] list or GraphQL's
// ["KEY=value"] list). A body that is not JSON is summarised by its length; an empty one
// renders as "".
func JSON(body []byte) string {
	if len(bytes.TrimSpace(body)) == 0 {
		return ""
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return fmt.Sprintf("<%d bytes, not JSON>", len(body))
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(value(v, false))
	return strings.TrimSuffix(out.String(), "\n")
}

func value(v any, inEnv bool) any {
	switch val := v.(type) {
	case map[string]any:
		if inEnv {
			if _, hasKey := val["key"]; hasKey {
				if _, hasValue := val["value"]; hasValue {
					return map[string]any{"key": val["key"], "value": Redacted}
				}
			}
			masked := make(map[string]any, len(val))
			for k := range val {
				masked[k] = Redacted
			}
			return masked
		}
		for k, inner := range val {
			switch {
			case Secret(k):
				val[k] = Redacted
			case envKeys[k]:
				val[k] = value(inner, true)
			default:
				val[k] = value(inner, false)
			}
		}
		return val
	case []any:
		for i := range val {
			if inEnv {
				if s, ok := val[i].(string); ok { // GraphQL's ["KEY=value"]
					name, _, _ := strings.Cut(s, "=")
					val[i] = name + "=" + Redacted
					continue
				}
			}
			val[i] = value(val[i], inEnv)
		}
		return val
	case string:
		if inEnv {
			return Redacted
		}
	}
	return v
}
