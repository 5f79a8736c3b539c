// Package acctest runs acceptance tests: real Terraform against the provider in-process,
// talking real HTTP to a RunPod mock started per test on loopback.
package acctest

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/api"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/conformance"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodmock"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodprovider"
)

// ProtoV6ProviderFactories serve the provider in-process to the Terraform CLI under test, as
// main serves it.
var ProtoV6ProviderFactories = acckit.Factories("runpod", runpodprovider.NewServer("acctest"))

// Mock is a RunPod mock serving one test, with what a provider block needs to reach it.
type Mock struct {
	*runpodmock.Server
	acckit.CallChecks
	URL     string            // base URL: REST v2 at URL+"/v2/...", v1 at URL+"/v1", GraphQL at URL+"/graphql"
	APIKey  string            //
	Backend runpodapi.Backend // the API the provider block selects
	// Conformance holds the REST v2 contract violations seen so far (the test fails on any).
	Conformance *conformance.Checker
}

// OnAPIs runs test on REST v2, the default API, and on REST v1 too when the test is listed in
// V1Differences (v1.go) with what v1 does differently: RunPod retired REST v1, so an acceptance
// test runs on it only where it behaves differently. Each API is a parallel subtest named after
// it ("v2", "v1"), in parallel with the other tests (it calls t.Parallel).
func OnAPIs(t *testing.T, test func(t *testing.T, b runpodapi.Backend)) {
	t.Helper()
	t.Parallel()
	for _, b := range backendsOf(t) {
		t.Run(string(b), func(t *testing.T) {
			t.Parallel()
			test(t, b)
		})
	}
}

// OnAPIsInTurn is OnAPIs for tests that cannot run in parallel (they set environment
// variables of the process): the subtests run one after the other.
func OnAPIsInTurn(t *testing.T, test func(t *testing.T, b runpodapi.Backend)) {
	t.Helper()
	for _, b := range backendsOf(t) {
		t.Run(string(b), func(t *testing.T) { test(t, b) })
	}
}

// backendsOf are the APIs t runs on: REST v2, and REST v1 when V1Differences lists t's test,
// of those RUNPOD_ACC_BACKENDS allows.
func backendsOf(t *testing.T) []runpodapi.Backend {
	name, _, _ := strings.Cut(t.Name(), "/")
	var out []runpodapi.Backend
	for _, b := range testedBackends {
		if b == runpodapi.BackendV2 || V1Differences[name] != "" {
			out = append(out, b)
		}
	}
	return out
}

// testedBackends are the backends the tests may run on: all of them, or those RUNPOD_ACC_BACKENDS
// lists ("v2" for make test-fast).
var testedBackends = backendsFromEnv(os.Getenv("RUNPOD_ACC_BACKENDS"))

func backendsFromEnv(list string) []runpodapi.Backend {
	if strings.TrimSpace(list) == "" {
		return runpodapi.Backends
	}
	var out []runpodapi.Backend
	for _, b := range runpodapi.Backends {
		for _, name := range strings.Split(list, ",") {
			if strings.TrimSpace(name) == string(b) {
				out = append(out, b)
			}
		}
	}
	return out
}

// NewMock starts a mock on 127.0.0.1 for t (stopped when t ends), for a provider speaking
// backend b. Tests get their own mock, so they can run in parallel. opts may change the
// defaults (no boot delay).
func NewMock(t *testing.T, b runpodapi.Backend, opts ...func(*runpodmock.Options)) *Mock {
	t.Helper()
	o := runpodmock.Options{APIKey: "acctest-" + strings.ReplaceAll(t.Name(), "/", "-")}
	for _, opt := range opts {
		opt(&o)
	}
	m := runpodmock.New(o)
	checker, err := conformance.New(api.RESTv2)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(checker.Wrap(m)) // httptest binds 127.0.0.1
	t.Cleanup(func() {
		srv.Close()
		// Every REST v2 request the provider sent and every answer the mock gave is checked
		// against RunPod's pinned contract (api/runpod-rest-v2.openapi.json).
		if err := checker.Err(); err != nil {
			t.Error(err)
		}
		if n := checker.Checked(); n > 0 {
			t.Logf("REST v2 conformance: %d exchanges checked, %d violations", n, len(checker.Violations()))
			tally(n, len(checker.Violations()))
		}
	})
	return &Mock{
		Server: m, CallChecks: acckit.CallChecks{Log: m.Kit, Read: readsOnly},
		URL: srv.URL, APIKey: o.APIKey, Backend: b, Conformance: checker,
	}
}

// WithBootDelay makes started pods take d to boot.
func WithBootDelay(d time.Duration) func(*runpodmock.Options) {
	return func(o *runpodmock.Options) { o.BootDelay = d }
}

// ProviderConfig is the provider block that points Terraform at the mock, speaking m.Backend.
func (m *Mock) ProviderConfig() string {
	return m.ProviderConfigFor(m.Backend)
}

// ProviderConfigFor is the provider block speaking backend b to the mock (a test that switches
// backends between steps uses both).
func (m *Mock) ProviderConfigFor(b runpodapi.Backend) string {
	return fmt.Sprintf(`
provider "runpod" {
  api_key     = %q
  api_version = %q
  api_url     = %q
  rest_url    = "%s/v1"
  graphql_url = "%s/graphql"
}
`, m.APIKey, b, m.URL, m.URL, m.URL)
}

// Config prefixes hcl with the provider block.
func (m *Mock) Config(hcl string) string { return m.ProviderConfig() + hcl }

// Do calls the mock's REST v1 API directly, as someone working outside Terraform would (to
// stop or delete a pod behind Terraform's back). It returns the status and body.
func (m *Mock) Do(t *testing.T, method, path, body string) (int, string) {
	t.Helper()
	status, out, err := m.do(method, path, body)
	if err != nil {
		t.Fatal(err)
	}
	return status, out
}

// DoV2 is Do through the mock's REST v2 API: path is "/v2/...".
func (m *Mock) DoV2(t *testing.T, method, path, body string) (int, string) {
	t.Helper()
	status, out, err := m.send(method, m.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	return status, out
}

// do calls the mock's REST v1 API at path.
func (m *Mock) do(method, path, body string) (int, string, error) {
	return m.send(method, m.URL+"/v1"+path, body)
}

func (m *Mock) send(method, url, body string) (int, string, error) {
	var reader io.Reader
	if body != "" {
		reader = bytes.NewBufferString(body)
	}
	req, err := http.NewRequest(method, url, reader)
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Authorization", "Bearer "+m.APIKey)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(out), err
}

// ErrorText matches diagnostics that contain each part, in order, word for word: Terraform
// wraps long lines, so any whitespace in a part matches any run of whitespace.
func ErrorText(parts ...string) *regexp.Regexp { return acckit.ErrorText(parts...) }

// tally appends a test's conformance figures to the file RUNPOD_CONFORMANCE_TALLY names, if
// any, one "<exchanges> <violations>" line per test: summed, they give the suite's figure.
func tally(exchanges, violations int) {
	name := os.Getenv("RUNPOD_CONFORMANCE_TALLY")
	if name == "" {
		return
	}
	f, err := os.OpenFile(name, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	fmt.Fprintf(f, "%d %d\n", exchanges, violations)
}

// Refusal is one configuration the provider must refuse at plan time (see PlanRefusals).
type Refusal = acckit.Refusal

// PlanRefusals checks that each case is refused when Terraform plans it, with its Want text,
// all cases in one configuration (two plans at the most: see acckit.PlanRefusals); support is
// configuration the cases refer to. A step per case would plan once per case.
func (m *Mock) PlanRefusals(t *testing.T, support string, cases []Refusal) {
	t.Helper()
	refused := acckit.PlanRefusals(t, acckit.RefusalPlan{Factories: ProtoV6ProviderFactories, ProviderConfig: m.ProviderConfig(), Support: support}, cases)
	t.Logf("%d of %d invalid configurations refused at plan time on %s", refused, len(cases), m.Backend)
}
