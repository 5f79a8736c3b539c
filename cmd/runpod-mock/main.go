// Command runpod-mock serves the stateful RunPod API mock on loopback, for testing Terraform
// modules that use the runpod provider without a RunPod account.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodmock"
)

// version is set by the release build (-ldflags "-X main.version=..."); a `go install
// .../cmd/runpod-mock@vX.Y.Z` reports the module version instead, a build from a clone "dev".
var version = ""

// mockVersion is what -version prints.
func mockVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "runpod-mock:", err)
		os.Exit(1)
	}
}

func run() error {
	port := flag.Int("port", 0, "TCP port on 127.0.0.1 (0 picks a free one)")
	key := flag.String("api-key", os.Getenv("RUNPOD_MOCK_API_KEY"), "API key the mock accepts (default: random; env RUNPOD_MOCK_API_KEY)")
	bootDelay := flag.Duration("boot-delay", 3*time.Second, "how long a started pod takes to get its public IP and port mappings")
	envFile := flag.String("env-file", "", "also write the export lines to this file")
	rateLimit := flag.Int("rate-limit", 0, "REST v2 requests per minute before 429 (0 = unlimited)")
	bucketRate := flag.Float64("token-bucket", 0, "requests per second all APIs together allow, in a token bucket of -token-burst (0 = off)")
	bucketBurst := flag.Int("token-burst", 10, "size of the -token-bucket")
	rollout := flag.Duration("rollout", 0, "how long a serverless endpoint release takes to reach every worker")
	stock := flag.Int("gpu-stock", 0, "free GPUs of each type and cloud, spread over the data centers offering it (0 = 64)")
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.Parse()
	if *showVersion {
		fmt.Println("runpod-mock", mockVersion())
		return nil
	}

	if *key == "" {
		b := make([]byte, 16)
		if _, err := rand.Read(b); err != nil {
			return err
		}
		*key = "mock-" + hex.EncodeToString(b)
	}
	// Loopback only: the mock has no real auth story beyond the key and serves its controls
	// (/_mock/...) without one.
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", *port))
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String()
	exports := fmt.Sprintf("export RUNPOD_API_KEY=%s\nexport RUNPOD_API_URL=%s\nexport RUNPOD_REST_URL=%s/v1\nexport RUNPOD_GRAPHQL_URL=%s/graphql\n", *key, base, base, base)
	limit := "unlimited"
	if *rateLimit > 0 {
		limit = fmt.Sprintf("%d requests/minute", *rateLimit)
	}
	fmt.Printf("runpod-mock %s listening on %s\n  REST v2:  %s (paths /v2/..., e.g. %s/v2/pods; rate limit %s)\n  REST v1:  %s/v1\n  GraphQL:  %s/graphql\n  controls: %s/_mock/ (index of calls, faults, boot-delay, stock, rate-limit, token-bucket, rollout)\n  API key:  %s\n\nPoint the provider at it:\n%s",
		mockVersion(), base, base, base, limit, base, base, base, *key, exports)
	if *envFile != "" {
		if err := os.WriteFile(*envFile, []byte(exports), 0o600); err != nil {
			return err
		}
	}

	mock := runpodmock.New(runpodmock.Options{
		APIKey: *key, BootDelay: *bootDelay, RateLimitPerMinute: *rateLimit, RolloutDuration: *rollout, GPUStock: *stock,
		TokenBucket: runpodmock.TokenBucket{PerSecond: *bucketRate, Burst: *bucketBurst},
	})
	srv := &http.Server{Handler: mock, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
