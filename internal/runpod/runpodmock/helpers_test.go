package runpodmock

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
)

// Helpers the REST v2 tests share; the fixture they extend is in server_test.go.

// do sends a request with the key and returns the response (body read) and decoded object.
func (f *fixture) do(method, path, body string) (*http.Response, string, map[string]any) {
	f.t.Helper()
	req, _ := http.NewRequest(method, f.srv.URL+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer key")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var obj map[string]any
	_ = json.Unmarshal(raw, &obj)
	return resp, strings.TrimSpace(string(raw)), obj
}

// problem expects a problem+json answer and returns it.
func (f *fixture) problem(method, path, body string, wantStatus int) map[string]any {
	f.t.Helper()
	resp, raw, obj := f.do(method, path, body)
	if resp.StatusCode != wantStatus {
		f.t.Fatalf("%s %s: %d %s, want %d", method, path, resp.StatusCode, raw, wantStatus)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
		f.t.Errorf("%s %s: Content-Type %q, want application/problem+json", method, path, ct)
	}
	if obj["title"] != http.StatusText(wantStatus) || obj["status"] != float64(wantStatus) || obj["detail"] == "" {
		f.t.Errorf("%s %s: not a problem: %s", method, path, raw)
	}
	return obj
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

const gpuPod = `{"name":"p","image":"img","gpu":{"id":"NVIDIA GeForce RTX 4090","count":1},"ports":["22/tcp","8888/http"]}`

func toStrings(v any) []string {
	var out []string
	list, _ := v.([]any)
	for _, s := range list {
		out = append(out, s.(string))
	}
	return out
}
