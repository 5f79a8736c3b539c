// Package acctest runs acceptance tests: real Terraform against the provider in-process,
// talking real HTTP to a RunPod mock started per test on loopback.
package acctest

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/runpod-community/terraform-provider-runpod/internal/mockrunpod"
	"github.com/runpod-community/terraform-provider-runpod/internal/provider"
)

// ProtoV6ProviderFactories serve the provider in-process to the Terraform CLI under test.
var ProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"runpod": providerserver.NewProtocol6WithError(provider.New("acctest")()),
}

// Mock is a RunPod mock serving one test, with what a provider block needs to reach it.
type Mock struct {
	*mockrunpod.Server
	URL    string // base URL: REST v1 at URL+"/v1", GraphQL at URL+"/graphql"
	APIKey string
}

// NewMock starts a mock on 127.0.0.1 for t (stopped when t ends). Tests get their own mock,
// so they can run in parallel. opts may change the defaults (no boot delay).
func NewMock(t *testing.T, opts ...func(*mockrunpod.Options)) *Mock {
	t.Helper()
	o := mockrunpod.Options{APIKey: "acctest-" + strings.ReplaceAll(t.Name(), "/", "-")}
	for _, opt := range opts {
		opt(&o)
	}
	m := mockrunpod.New(o)
	srv := httptest.NewServer(m) // httptest binds 127.0.0.1
	t.Cleanup(srv.Close)
	return &Mock{Server: m, URL: srv.URL, APIKey: o.APIKey}
}

// WithBootDelay makes started pods take d to boot.
func WithBootDelay(d time.Duration) func(*mockrunpod.Options) {
	return func(o *mockrunpod.Options) { o.BootDelay = d }
}

// ProviderConfig is the provider block that points Terraform at the mock.
func (m *Mock) ProviderConfig() string {
	return fmt.Sprintf(`
provider "runpod" {
  api_key     = %q
  rest_url    = "%s/v1"
  graphql_url = "%s/graphql"
}
`, m.APIKey, m.URL, m.URL)
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

func (m *Mock) do(method, path, body string) (int, string, error) {
	var reader io.Reader
	if body != "" {
		reader = bytes.NewBufferString(body)
	}
	req, err := http.NewRequest(method, m.URL+"/v1"+path, reader)
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

// CountCalls counts the mock's logged calls of each route given (see mockrunpod.Call.Route).
func (m *Mock) CountCalls(routes ...string) map[string]int {
	counts := map[string]int{}
	for _, r := range routes {
		counts[r] = 0
	}
	for _, c := range m.Calls() {
		if _, ok := counts[c.Route]; ok {
			counts[c.Route]++
		}
	}
	return counts
}

// ErrorText matches diagnostics that contain each part, in order, word for word: Terraform
// wraps long lines, so any whitespace in a part matches any run of whitespace.
func ErrorText(parts ...string) *regexp.Regexp {
	quoted := make([]string, len(parts))
	for i, p := range parts {
		words := strings.Fields(p)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		quoted[i] = strings.Join(words, `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, `.*`))
}
