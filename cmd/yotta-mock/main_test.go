package main

import (
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
)

// The export lines are what the guide shows (at port 8282) and what scripts source
// (-env-file), and the mock behind them answers as -error-status says.
func TestExportsAreTheGuidesAndTheMockAnswers(t *testing.T) {
	mock, err := mockkit.Start(command(), "-api-key", "k", "-error-status", "4xx")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = mock.Stop() })
	if !strings.HasPrefix(mock.Banner, "yotta-mock dev listening on "+mock.Base+"\n") ||
		!strings.Contains(mock.Banner, "(index of calls, faults, boot-delay, rate-limit, token-bucket, stock, error-status, pods/{id}/fail)") {
		t.Errorf("banner:\n%s", mock.Banner)
	}
	guide, err := os.ReadFile("../../yotta/templates/guides/testing-with-yotta-mock.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	_, exports, _ := strings.Cut(mock.Banner, "Point the provider at it:\n")
	exports = strings.NewReplacer(mock.Base, "http://127.0.0.1:8282", "=k\n", "=mock-...\n").Replace(exports)
	if !strings.Contains(string(guide), "```shell\n"+exports+"```\n") {
		t.Errorf("the guide does not show the export lines as the mock prints them:\n%s", exports)
	}
	req, _ := http.NewRequest(http.MethodGet, mock.Base+"/v2/pods/400000000000000000", nil)
	req.Header.Set("X-Api-Key", "k")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusNotFound {
		t.Fatalf("an unknown pod with -error-status 4xx: %v %v", resp, err)
	}
	resp.Body.Close()
	if _, err := mockkit.Start(command(), "-error-status", "5xx"); err == nil || !strings.Contains(err.Error(), `-error-status must be "200" or "4xx"`) {
		t.Errorf("-error-status 5xx: %v", err)
	}
}

// -catalog loads the GPU types and regions a user mirrors from their account; a file that
// refers to a region it does not list is refused at start.
func TestCatalogFlagLoadsTheFile(t *testing.T) {
	dir := t.TempDir()
	good := dir + "/good.json"
	if err := os.WriteFile(good, []byte(`{"regions":[{"code":"ap-9","name":"Asia 9"}],`+
		`"gpuTypes":[{"code":"NVIDIA_L40S_48G","displayName":"L40S","vramInGb":48,"ramInGb":64,"vcpu":8,"price":0.8,"regions":["ap-9"]}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	mock, err := mockkit.Start(command(), "-api-key", "k", "-catalog", good)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = mock.Stop() })
	req, _ := http.NewRequest(http.MethodGet, mock.Base+"/v2/vms/types", nil)
	req.Header.Set("X-Api-Key", "k")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(body), `"gpuType":"NVIDIA_L40S_48G","regions":[{"available":true,"region":"ap-9","regionName":"Asia 9","vmTypeId":1}]`) ||
		strings.Contains(string(body), "RTX_4090") {
		t.Errorf("GET /v2/vms/types with -catalog: %s", body)
	}
	bad := dir + "/bad.json"
	if err := os.WriteFile(bad, []byte(`{"regions":[{"code":"ap-9"}],"gpuTypes":[{"code":"X_1G","vramInGb":1,"regions":["eu-1"]}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := mockkit.Start(command(), "-catalog", bad); err == nil || !strings.Contains(err.Error(), `gpuTypes[0] (X_1G): region "eu-1" is not in regions`) {
		t.Errorf("-catalog with an unknown region: %v", err)
	}
}
