package serve

import (
	"maps"
	"slices"
	"testing"
)

const runpodAddress = "registry.terraform.io/runpod-community/runpod"

func TestPluginLoggersNameTheProvidersOwnLogger(t *testing.T) {
	for address, want := range map[string]string{
		runpodAddress: "TF_LOG_PROVIDER_RUNPOD",
		"registry.terraform.io/runpod-community/yotta": "TF_LOG_PROVIDER_YOTTA",
		"registry.terraform.io/acme/some-cloud":        "TF_LOG_PROVIDER_SOME_CLOUD",
	} {
		got := pluginLoggers(address)
		if !slices.Contains(got, want) || len(got) != 4 {
			t.Errorf("pluginLoggers(%q) = %v, want the SDK's three and %s", address, got, want)
		}
	}
}

func TestLogLevels(t *testing.T) {
	all := func(level string) map[string]string {
		out := map[string]string{}
		for _, name := range pluginLoggers(runpodAddress) {
			out[name] = level
		}
		return out
	}
	with := func(base map[string]string, kv ...string) map[string]string {
		out := maps.Clone(base)
		for i := 0; i < len(kv); i += 2 {
			out[kv[i]] = kv[i+1]
		}
		return out
	}
	tests := []struct {
		name string
		env  map[string]string
		want map[string]string
	}{
		{"nothing asked: all off", nil, all("OFF")},
		{"TF_LOG", map[string]string{"TF_LOG": "debug"}, all("DEBUG")},
		{"TF_LOG_PROVIDER wins over TF_LOG", map[string]string{"TF_LOG": "TRACE", "TF_LOG_PROVIDER": "WARN"}, all("WARN")},
		{"TF_LOG_CORE alone shows no provider lines", map[string]string{"TF_LOG_CORE": "TRACE"}, all("OFF")},
		{"JSON means TRACE", map[string]string{"TF_LOG": "JSON"}, all("TRACE")},
		{"a logger set by the user keeps its quieter level",
			map[string]string{"TF_LOG": "TRACE", "TF_LOG_SDK_FRAMEWORK": "OFF", "TF_LOG_SDK_PROTO": "info"},
			with(all("TRACE"), "TF_LOG_SDK_FRAMEWORK", "OFF", "TF_LOG_SDK_PROTO", "INFO")},
		{"a logger more verbose than shown is lowered to what is shown",
			map[string]string{"TF_LOG": "WARN", "TF_LOG_SDK_FRAMEWORK": "TRACE"}, all("WARN")},
		{"a logger set while nothing is shown stays off",
			map[string]string{"TF_LOG_SDK_FRAMEWORK": "TRACE"}, all("OFF")},
		{"the provider's own logger set by the user keeps its quieter level",
			map[string]string{"TF_LOG": "DEBUG", "TF_LOG_PROVIDER_RUNPOD": "error"}, with(all("DEBUG"), "TF_LOG_PROVIDER_RUNPOD", "ERROR")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := LogLevels(func(k string) string { return tt.env[k] }, runpodAddress)
			if !maps.Equal(got, tt.want) {
				t.Errorf("LogLevels = %v, want %v", got, tt.want)
			}
		})
	}
}
