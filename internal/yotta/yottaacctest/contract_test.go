package yottaacctest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/openapicheck"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottamock"
	"github.com/runpod-community/terraform-provider-runpod/yotta/api"
)

// The contract check flags what Yotta's OpenAPI file forbids (a storage type outside its enum,
// a route it does not have) and lets through the conflicts resolved the docs' way (the scale
// route's query form).
func TestContractCheckFlagsWhatTheFileForbids(t *testing.T) {
	c, err := openapicheck.New(yottaopenapi.V2, Contract)
	if err != nil {
		t.Fatal(err)
	}
	for _, tol := range tolerated {
		c.Tolerate(tol.reason, tol.match)
	}
	srv := httptest.NewServer(c.Wrap(yottamock.New(yottamock.Options{APIKey: "k"})))
	defer srv.Close()
	send := func(method, path, body string) {
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		req.Header.Set("X-Api-Key", "k")
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	send(http.MethodPut, "/v2/serverless/400000000000000001/workers?count=2", "")
	if vs := c.Violations(); len(vs) != 0 {
		t.Errorf("the scale route's query form is tolerated; got %v", vs)
	}
	send(http.MethodPost, "/v2/volumes", `{"name":"v","storageType":"NFS"}`)
	send(http.MethodGet, "/v2/nothing", "")
	got := c.Err()
	if got == nil || !strings.Contains(got.Error(), "POST /v2/volumes (/v2/volumes)") || !strings.Contains(got.Error(), "GET /v2/nothing") {
		t.Errorf("violations: %v", got)
	}
}
