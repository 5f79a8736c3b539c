// Package yottaacctest runs the yotta provider's acceptance tests: real Terraform against the
// provider in-process, talking real HTTP to a Yotta mock started per test on loopback. The
// provider-neutral checks (ErrorText, ExpectEmptyPlan, CaptureID, and the call log's,
// acckit.CallChecks) are internal/kit/acckit's.
package yottaacctest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottamock"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaprovider"
)

// ProtoV6ProviderFactories serve the provider in-process to the Terraform CLI under test, as
// the binary serves it.
var ProtoV6ProviderFactories = acckit.Factories("yotta", yottaprovider.NewServer("acctest"))

// Warnings records the warnings the provider gives about resource changes, when Terraform
// plans them and applies them, so that tests can assert on them (see acckit.Warnings: call
// Reset in each step's PreConfig; ExpectWarning, ExpectNoWarning and CheckWarnings see what
// was recorded since). Use its ProviderFactories instead of ProtoV6ProviderFactories.
type Warnings struct{ *acckit.Warnings }

// Warning is one warning the provider gave about a resource change.
type Warning = acckit.Warning

// NewWarnings returns an empty recorder.
func NewWarnings() *Warnings { return &Warnings{acckit.NewWarnings()} }

// ProviderFactories serve the provider like ProtoV6ProviderFactories, recording warnings.
func (w *Warnings) ProviderFactories() map[string]func() (tfprotov6.ProviderServer, error) {
	return w.Factories("yotta", yottaprovider.NewServer("acctest"))
}

// The provider-neutral helpers, under this package's name.
var (
	ErrorText       = acckit.ErrorText
	ExpectEmptyPlan = acckit.ExpectEmptyPlan
	CaptureID       = acckit.CaptureID
)

// Mock is a Yotta mock serving one test, with what a provider block needs to reach it.
type Mock struct {
	*yottamock.Server
	acckit.CallChecks
	URL    string
	APIKey string
}

// NewMock starts a mock on 127.0.0.1 for t (stopped when t ends). Tests get their own mock,
// so they can run in parallel. opts may change the defaults (no boot delay). Every exchange is
// checked against Yotta's OpenAPI file (see newContractCheck): a violation fails t.
func NewMock(t *testing.T, opts ...func(*yottamock.Options)) *Mock {
	t.Helper()
	o := yottamock.Options{APIKey: "acctest-" + strings.ReplaceAll(t.Name(), "/", "-")}
	for _, opt := range opts {
		opt(&o)
	}
	m := yottamock.New(o)
	checker := newContractCheck(t)
	srv := httptest.NewServer(checker.Wrap(m)) // httptest binds 127.0.0.1
	t.Cleanup(srv.Close)
	return &Mock{Server: m, CallChecks: acckit.CallChecks{Log: m.Kit, ExactNumbers: true}, URL: srv.URL, APIKey: o.APIKey}
}

// WithBootDelay makes new and resumed pods take d to boot.
func WithBootDelay(d time.Duration) func(*yottamock.Options) {
	return func(o *yottamock.Options) { o.BootDelay = d }
}

// ProviderConfig is the provider block that points Terraform at the mock.
func (m *Mock) ProviderConfig() string {
	return fmt.Sprintf("provider \"yotta\" {\n  api_key = %q\n  api_url = %q\n}\n", m.APIKey, m.URL)
}

// Config prefixes hcl with the provider block.
func (m *Mock) Config(hcl string) string { return m.ProviderConfig() + hcl }

// Do calls the mock's API directly, as someone working outside Terraform would (to pause or
// delete a pod behind Terraform's back), and returns the envelope's data. It fails t unless
// the answer is HTTP 200 with code 10000.
func (m *Mock) Do(t *testing.T, method, path, body string) json.RawMessage {
	t.Helper()
	data, err := m.do(method, path, body)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func (m *Mock) do(method, path, body string) (json.RawMessage, error) {
	var reader io.Reader
	if body != "" {
		reader = bytes.NewBufferString(body)
	}
	req, err := http.NewRequest(method, m.URL+path, reader)
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-Api-Key", m.APIKey)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	var env struct {
		Code int             `json:"code"`
		Data json.RawMessage `json:"data"`
	}
	if resp.StatusCode != http.StatusOK || json.Unmarshal(raw, &env) != nil || env.Code != 10000 {
		return nil, fmt.Errorf("%s %s: HTTP %d %s", method, path, resp.StatusCode, raw)
	}
	return env.Data, nil
}

// Create makes an object through the mock's API (POST path with the JSON body), as someone
// working outside Terraform would, and returns its id.
func (m *Mock) Create(t *testing.T, path, body string) string {
	t.Helper()
	var obj struct {
		ID json.Number `json:"id"`
	}
	data := m.Do(t, http.MethodPost, path, body)
	if err := json.Unmarshal(data, &obj); err != nil || obj.ID == "" {
		t.Fatalf("POST %s answered %s", path, data)
	}
	return obj.ID.String()
}

// ids lists the ids the mock's API lists at path ("/v2/pods"; a paged list's first page,
// "/v2/volumes?storageType=CEPH&size=100").
func (m *Mock) ids(path string) ([]string, error) {
	data, err := m.do(http.MethodGet, path, "")
	if err != nil {
		return nil, err
	}
	var objs []struct {
		ID json.Number `json:"id"`
	}
	if err := json.Unmarshal(data, &objs); err != nil {
		// A paged list (volumes): {items, page, size, total, pages}.
		var page struct {
			Items *[]struct {
				ID json.Number `json:"id"`
			} `json:"items"`
		}
		if perr := json.Unmarshal(data, &page); perr != nil || page.Items == nil {
			return nil, err
		}
		objs = *page.Items
	}
	out := make([]string, len(objs))
	for i, o := range objs {
		out[i] = o.ID.String()
	}
	return out, nil
}

// ExpectCount checks that the mock lists exactly n objects at path ("/v2/pods" lists pods
// that are not terminated). With n = 0 it is a CheckDestroy: nothing left behind.
func (m *Mock) ExpectCount(path string, n int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		ids, err := m.ids(path)
		if err != nil {
			return err
		}
		if len(ids) != n {
			return fmt.Errorf("expected the mock to hold %d objects at %s, it holds %d: %v", n, path, len(ids), ids)
		}
		return nil
	}
}

// Refusal is one configuration the provider must refuse at plan time (see PlanRefusals).
type Refusal = acckit.Refusal

// PlanRefusals checks that each case is refused when Terraform plans it, with its Want text,
// all cases in one configuration (two plans at the most: see acckit.PlanRefusals); support is
// configuration the cases refer to. It returns how many cases were refused as they should be.
func (m *Mock) PlanRefusals(t *testing.T, support string, cases []Refusal) int {
	t.Helper()
	return acckit.PlanRefusals(t, acckit.RefusalPlan{Factories: ProtoV6ProviderFactories, ProviderConfig: m.ProviderConfig(), Support: support}, cases)
}

// CLI runs the Terraform CLI against the Yotta provider served in-process (see acckit.CLI).
type CLI = acckit.CLI

// NewCLI serves the Yotta provider and prepares an empty working directory (acckit.NewCLI).
func NewCLI(t *testing.T) *CLI {
	t.Helper()
	return acckit.NewCLI(t, acckit.Served{Address: yottaprovider.Address, Name: "yotta",
		Server: yottaprovider.NewServer("acctest"), EnvPrefix: "YOTTA_"})
}
