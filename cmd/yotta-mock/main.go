// Command yotta-mock serves the stateful Yotta Labs API mock on loopback, for testing
// Terraform modules that use the yotta provider without a Yotta account.
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

	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottamock"
)

// version is set by the release build (-ldflags "-X main.version=..."); a `go install`ed
// binary reports its module version instead.
var version string

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
		fmt.Fprintln(os.Stderr, "yotta-mock:", err)
		os.Exit(1)
	}
}

func run() error {
	port := flag.Int("port", 0, "TCP port on 127.0.0.1 (0 picks a free one)")
	key := flag.String("api-key", os.Getenv("YOTTA_MOCK_API_KEY"), "API key the mock accepts in X-Api-Key (default: random; env YOTTA_MOCK_API_KEY)")
	bootDelay := flag.Duration("boot-delay", 3*time.Second, "how long a new pod is INITIALIZE (its ports are healthy one more delay later)")
	envFile := flag.String("env-file", "", "also write the export lines to this file")
	rateLimit := flag.Int("rate-limit", 0, "requests per minute before 429 (0 = unlimited)")
	stock := flag.Int("gpu-stock", 0, "free GPUs of each type in each region offering it (0 = 16)")
	errorStatus := flag.String("error-status", yottamock.ErrorStatus200, `how business errors are answered: "200" (HTTP 200 with the code) or "4xx"`)
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.Parse()
	if *showVersion {
		fmt.Println("yotta-mock", mockVersion())
		return nil
	}
	if *errorStatus != yottamock.ErrorStatus200 && *errorStatus != yottamock.ErrorStatus4xx {
		return fmt.Errorf("-error-status must be %q or %q", yottamock.ErrorStatus200, yottamock.ErrorStatus4xx)
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
	exports := fmt.Sprintf("export YOTTA_API_KEY=%s\nexport YOTTA_API_URL=%s\n", *key, base)
	limit := "unlimited"
	if *rateLimit > 0 {
		limit = fmt.Sprintf("%d requests/minute", *rateLimit)
	}
	fmt.Printf("yotta-mock listening on %s\n  API:      %s/v2/... (e.g. %s/v2/pods; X-Api-Key header; rate limit %s)\n  controls: %s/_mock/ (index of calls, faults, boot-delay, stock, rate-limit, error-status)\n  API key:  %s\n\nPoint the provider at it:\n%s",
		base, base, base, limit, base, *key, exports)
	if *envFile != "" {
		if err := os.WriteFile(*envFile, []byte(exports), 0o600); err != nil {
			return err
		}
	}

	mock := yottamock.New(yottamock.Options{
		APIKey: *key, BootDelay: *bootDelay, RateLimitPerMinute: *rateLimit, GPUStock: *stock, ErrorStatus: *errorStatus,
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
