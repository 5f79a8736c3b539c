package main

import (
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
)

// The banner and its export lines are what the guide shows (its "Start the mock" example, at
// port 8181) and what scripts source (-env-file), and the mock behind them answers.
func TestBannerIsTheGuidesAndTheMockAnswers(t *testing.T) {
	mock, err := mockkit.Start(command(), "-api-key", "k", "-rollout", "1s", "-boot-delay", "0s")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = mock.Stop() })
	guide, err := os.ReadFile("../../templates/guides/testing-with-runpod-mock.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	asInGuide := strings.NewReplacer(mock.Base, "http://127.0.0.1:8181", "runpod-mock dev ", "runpod-mock X.Y.Z ", "=k\n", "=mock-5f0c...\n", "  k\n", "  mock-5f0c...\n")
	if banner := asInGuide.Replace(mock.Banner); !strings.Contains(string(guide), "```text\n"+banner+"```\n") {
		t.Errorf("the guide does not show the banner as the mock prints it:\n%s", banner)
	}
	req, _ := http.NewRequest(http.MethodGet, mock.Base+"/v2/pods", nil)
	req.Header.Set("Authorization", "Bearer k")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK || resp.Header.Get("RateLimit") == "" {
		t.Fatalf("GET /v2/pods: %v %v", resp, err)
	}
	resp.Body.Close()
}
