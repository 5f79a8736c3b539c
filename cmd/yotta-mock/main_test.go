package main

import (
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
