package redact

import (
	"strings"
	"testing"
)

func TestJSON(t *testing.T) {
	for in, want := range map[string]string{
		`{"env":{"A":"1","B":"2"},"name":"x"}`:                                    `{"env":{"A":"(redacted)","B":"(redacted)"},"name":"x"}`,
		`{"variables":{"input":{"env":[{"key":"A","value":"1"}],"bidPerGpu":1}}}`: `{"variables":{"input":{"bidPerGpu":1,"env":[{"key":"A","value":"(redacted)"}]}}}`,
		`{"data":{"pod":{"env":["A=1","B=x=y"]}}}`:                                `{"data":{"pod":{"env":["A=(redacted)","B=(redacted)"]}}}`,
		`{"name":"r","username":"u","password":"p"}`:                              `{"name":"r","password":"(redacted)","username":"u"}`,
		// Yotta's pod: environmentVars as [{key, value}], and a registry password of its own.
		`{"environmentVars":[{"key":"HF_TOKEN","value":"hf_x"}],"imageRegistryPassword":"pw"}`: `{"environmentVars":[{"key":"HF_TOKEN","value":"(redacted)"}],"imageRegistryPassword":"(redacted)"}`,
		`[{"id":"1"}]`: `[{"id":"1"}]`,
		`not json`:     `<8 bytes, not JSON>`,
		``:             ``,
	} {
		if got := JSON([]byte(in)); got != want {
			t.Errorf("JSON(%s) = %s, want %s", in, got, want)
		}
	}
}

// Yotta's bodies: its secret keys and its environment lists are hidden too (the names stay).
func TestJSON_yottaBodies(t *testing.T) {
	got := JSON([]byte(`{"name":"p","environmentVars":[{"key":"HF_TOKEN","value":"hf_secret"}],` +
		`"password":"hunter2","imageRegistryPassword":"pw2","imageRegistryToken":"rt","webhookAuthKey":"wk",` +
		`"nested":{"token":"t0k","envVars":[{"key":"B","value":"b_secret"}]}}`))
	for _, secret := range []string{"hf_secret", "hunter2", "pw2", "rt", "wk", "t0k", "b_secret"} {
		if strings.Contains(got, `"`+secret+`"`) {
			t.Errorf("%q leaks %q", got, secret)
		}
	}
	for _, kept := range []string{`"HF_TOKEN"`, `"B"`, `"name":"p"`} {
		if !strings.Contains(got, kept) {
			t.Errorf("%q lost %s", got, kept)
		}
	}
	if JSON([]byte("not json")) != "<8 bytes, not JSON>" {
		t.Error("non-JSON bodies are summarized")
	}
}

func TestQuery(t *testing.T) {
	for in, want := range map[string]string{
		"api_key=k&x=1":       "api_key=%28redacted%29&x=1",
		"includeMachine=true": "includeMachine=true",
		"":                    "",
	} {
		if got := Query(in); got != want {
			t.Errorf("Query(%q) = %q, want %q", in, got, want)
		}
	}
}
