// Package redact renders JSON request and answer bodies with their secrets replaced, for both
// providers' logs and the mocks' call logs alike, so that all hide the same things: values of
// secret keys (passwords, tokens, keys) and the values, not the names, of environment
// variables. Its keys are RunPod's and Yotta's together: a key one API does not use never
// appears in its bodies. It imports nothing of the providers or the mocks.
package redact

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Redacted replaces each hidden value.
const Redacted = "(redacted)"

// secretKeys are JSON keys whose values never show.
var secretKeys = map[string]bool{
	"password": true, "pass": true, "registryAuth": true, "auth": true,
	"apiKey": true, "api_key": true, "token": true, "aiKey": true,
	"imageRegistryPassword": true, "imageRegistryToken": true, "webhookAuthKey": true, // Yotta's
}

// envKeys hold environment variables: RunPod's "env" (a map, a [{key, value}] list or
// GraphQL's ["KEY=value"] list), Yotta's "environmentVars" and "envVars" ([{key, value}]).
var envKeys = map[string]bool{"env": true, "environmentVars": true, "envVars": true}

// JSON renders body with secrets replaced: values of secret keys, and the values of
// environment variables (under one of envKeys, as a map, a [{key, value}] list or GraphQL's
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
			case secretKeys[k]:
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
