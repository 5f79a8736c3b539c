package mockkit_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
)

// thingsCommand is a mock command on the kit; got receives the settings it was built with.
func thingsCommand(got *mockkit.Settings, color *string) mockkit.Command {
	return mockkit.Command{
		Name: "things-mock", Version: "1.2.3", KeyEnv: "THINGS_MOCK_API_KEY", KeyHeader: "Key: <key>",
		BootDelayHelp: "how long things take to boot", GPUStockHelp: "free GPUs",
		Flags: func(fs *flag.FlagSet) { fs.StringVar(color, "color", "red", "the things' color") },
		New: func(s mockkit.Settings) (mockkit.Mock, error) {
			if *color == "blue" {
				return nil, errors.New("no blue things")
			}
			*got = s
			return mockkit.New(mockkit.Options{Name: "things-mock", Refuse: func(http.ResponseWriter, *http.Request, mockkit.Refusal) {}}), nil
		},
		APIs: func(base, limit string) string {
			return fmt.Sprintf("  API:      %s/things (rate limit %s)\n", base, limit)
		},
		Exports: func(base, key string) string {
			return fmt.Sprintf("export THINGS_KEY=%s\nexport THINGS_URL=%s\n", key, base)
		},
	}
}

func TestRunPrintsTheBannerAndExportsAndServesUntilStopped(t *testing.T) {
	var got mockkit.Settings
	var color string
	envFile := filepath.Join(t.TempDir(), "mock.env")
	mock, err := mockkit.Start(thingsCommand(&got, &color), "-api-key", "k", "-boot-delay", "1s", "-rate-limit", "60",
		"-token-bucket", "5", "-gpu-stock", "3", "-color", "green", "-env-file", envFile)
	if err != nil {
		t.Fatal(err)
	}
	base := mock.Base
	if !regexp.MustCompile(`^http://127\.0\.0\.1:\d+$`).MatchString(base) {
		t.Fatalf("serving at %q", base)
	}
	want := "things-mock 1.2.3 listening on " + base + "\n" +
		"  API:      " + base + "/things (rate limit 60 requests/minute)\n" +
		"  controls: " + base + "/_mock/ (index of calls, faults, boot-delay, rate-limit, token-bucket)\n" +
		"  API key:  k\n\nPoint the provider at it:\n" +
		"export THINGS_KEY=k\nexport THINGS_URL=" + base + "\n"
	if mock.Banner != want {
		t.Errorf("banner:\n%s\nwant:\n%s", mock.Banner, want)
	}
	if env, err := os.ReadFile(envFile); err != nil || string(env) != "export THINGS_KEY=k\nexport THINGS_URL="+base+"\n" {
		t.Errorf("-env-file: %q %v", env, err)
	}
	wantSettings := mockkit.Settings{APIKey: "k", BootDelay: time.Second, RateLimitPerMinute: 60, TokenBucket: mockkit.TokenBucket{PerSecond: 5, Burst: 10}, GPUStock: 3}
	if got != wantSettings || color != "green" {
		t.Errorf("settings %+v, color %s", got, color)
	}
	resp, err := http.Get(base + "/_mock/")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /_mock/: %v %v", resp, err)
	}
	resp.Body.Close()
	if err := mock.Stop(); err != nil {
		t.Errorf("Run after Stop: %v", err)
	}
	if _, err := http.Get(base + "/_mock/"); err == nil {
		t.Error("still serving after Stop")
	}
}

func TestRunVersionKeysAndBadFlags(t *testing.T) {
	var got mockkit.Settings
	var color string
	var out bytes.Buffer
	if err := mockkit.Run(context.Background(), thingsCommand(&got, &color), []string{"-version"}, &out, io.Discard); err != nil || out.String() != "things-mock 1.2.3\n" {
		t.Errorf("-version: %q %v", out.String(), err)
	}
	cmd := thingsCommand(&got, &color)
	cmd.Version = ""
	out.Reset()
	if err := mockkit.Run(context.Background(), cmd, []string{"-version"}, &out, io.Discard); err != nil || out.String() != "things-mock dev\n" {
		t.Errorf("-version of a build from a clone: %q %v", out.String(), err)
	}
	var usage bytes.Buffer
	err := mockkit.Run(context.Background(), thingsCommand(&got, &color), []string{"-nope"}, &out, &usage)
	if err == nil || !strings.Contains(usage.String(), "-token-bucket") || !strings.Contains(usage.String(), "-color") {
		t.Errorf("a bad flag: %v, usage:\n%s", err, usage.String())
	}
	if err := mockkit.Run(context.Background(), thingsCommand(&got, &color), []string{"-color", "blue"}, &out, io.Discard); err == nil || err.Error() != "no blue things" {
		t.Errorf("the mock's own refusal: %v", err)
	}
	// Without -api-key or its variable, the key is random.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out.Reset()
	t.Setenv("THINGS_MOCK_API_KEY", "")
	if err := mockkit.Run(ctx, thingsCommand(&got, &color), nil, &out, io.Discard); err != nil || !regexp.MustCompile(`^mock-[0-9a-f]{32}$`).MatchString(got.APIKey) {
		t.Errorf("random key %q: %v", got.APIKey, err)
	}
	t.Setenv("THINGS_MOCK_API_KEY", "from-env")
	if err := mockkit.Run(ctx, thingsCommand(&got, &color), nil, &out, io.Discard); err != nil || got.APIKey != "from-env" {
		t.Errorf("key from the environment %q: %v", got.APIKey, err)
	}
}
