package mockkit

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Command is what differs between the mock commands (runpod-mock, yotta-mock); Main is the
// rest: the common flags, the startup banner with the export lines users copy, -env-file,
// -version, serving on loopback until interrupted.
type Command struct {
	// Name is the command's name: "runpod-mock".
	Name string
	// Version is set by the release build (-ldflags "-X main.version=..."); "" reports the
	// module version of a `go install`ed binary, or "dev" for a build from a clone.
	Version string
	// KeyEnv is the environment variable with the default API key, and KeyHeader how requests
	// carry it ("Authorization: Bearer <key>"), for -api-key's help.
	KeyEnv, KeyHeader string
	// BootDelayHelp and GPUStockHelp explain -boot-delay and -gpu-stock on this mock;
	// RateLimit is what the mock's rate limit counts ("REST v2 requests"; "" for requests).
	BootDelayHelp, GPUStockHelp, RateLimit string
	// Flags adds the mock's own flags; New reads them.
	Flags func(fs *flag.FlagSet)
	// New builds the mock from the common settings (and the mock's own flags).
	New func(Settings) (Mock, error)
	// APIs are the banner's lines on the mock's APIs, for a mock at base with a rate limit
	// described as limit ("unlimited", "60 requests/minute").
	APIs func(base, limit string) string
	// Exports are the export lines that point the provider at a mock at base with key.
	Exports func(base, key string) string
}

// Settings are the common flags' values.
type Settings struct {
	APIKey             string
	BootDelay          time.Duration
	RateLimitPerMinute int
	TokenBucket        TokenBucket
	GPUStock           int
}

// Mock is what a command serves: a mock built on a Kit.
type Mock interface {
	http.Handler
	ControlNames() []string
}

// Main runs the command with the process's arguments until SIGINT or SIGTERM, and exits 1 on
// an error (2 on a bad flag, as the flag package does).
func Main(c Command) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := Run(ctx, c, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
	case errors.As(err, new(flagError)):
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, c.Name+":", err)
		os.Exit(1)
	}
}

// flagError is a bad command line (the flag package has printed why, and the usage).
type flagError struct{ error }

// Run is Main with its arguments, output and lifetime given: it serves until ctx ends.
func Run(ctx context.Context, c Command, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	port := fs.Int("port", 0, "TCP port on 127.0.0.1 (0 picks a free one)")
	var s Settings
	fs.StringVar(&s.APIKey, "api-key", os.Getenv(c.KeyEnv), fmt.Sprintf("API key the mock accepts, as %s (default: random; env %s)", c.KeyHeader, c.KeyEnv))
	fs.DurationVar(&s.BootDelay, "boot-delay", 3*time.Second, c.BootDelayHelp)
	envFile := fs.String("env-file", "", "also write the export lines to this file")
	counted := c.RateLimit
	if counted == "" {
		counted = "requests"
	}
	fs.IntVar(&s.RateLimitPerMinute, "rate-limit", 0, counted+" per minute before 429 (0 = unlimited)")
	fs.Float64Var(&s.TokenBucket.PerSecond, "token-bucket", 0, "requests per second all APIs together allow, in a token bucket of -token-burst (0 = off)")
	fs.IntVar(&s.TokenBucket.Burst, "token-burst", 10, "size of the -token-bucket")
	fs.IntVar(&s.GPUStock, "gpu-stock", 0, c.GPUStockHelp)
	showVersion := fs.Bool("version", false, "print the version and exit")
	if c.Flags != nil {
		c.Flags(fs)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return flagError{err}
	}
	version := commandVersion(c.Version)
	if *showVersion {
		_, err := fmt.Fprintln(stdout, c.Name, version)
		return err
	}
	if s.APIKey == "" {
		b := make([]byte, 16)
		if _, err := rand.Read(b); err != nil {
			return err
		}
		s.APIKey = "mock-" + hex.EncodeToString(b)
	}
	mock, err := c.New(s)
	if err != nil {
		return err
	}
	// Loopback only: the mock has no real auth story beyond the key and serves its controls
	// (/_mock/...) without one.
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", *port))
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String()
	exports := c.Exports(base, s.APIKey)
	limit := "unlimited"
	if s.RateLimitPerMinute > 0 {
		limit = fmt.Sprintf("%d requests/minute", s.RateLimitPerMinute)
	}
	fmt.Fprintf(stdout, "%s %s listening on %s\n%s  controls: %s/_mock/ (index of %s)\n  API key:  %s\n\nPoint the provider at it:\n%s",
		c.Name, version, base, c.APIs(base, limit), base, strings.Join(mock.ControlNames(), ", "), s.APIKey, exports)
	if *envFile != "" {
		if err := os.WriteFile(*envFile, []byte(exports), 0o600); err != nil {
			_ = ln.Close()
			return err
		}
	}

	srv := &http.Server{Handler: mock, ReadHeaderTimeout: 10 * time.Second}
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

// Started is a command that Start runs: its banner, the address it serves, and Stop.
type Started struct {
	Banner, Base string
	stop         context.CancelFunc
	done         chan error
}

// Stop stops the command and returns what Run returned.
func (s *Started) Stop() error {
	s.stop()
	return <-s.done
}

// Start runs the command with args in the background, for the commands' tests: it returns
// once the command has printed its banner, or with Run's error if it stopped before.
func Start(c Command, args ...string) (*Started, error) {
	ctx, stop := context.WithCancel(context.Background())
	out := &lockedBuffer{}
	s := &Started{stop: stop, done: make(chan error, 1)}
	go func() { s.done <- Run(ctx, c, args, out, io.Discard) }()
	for {
		select {
		case err := <-s.done:
			stop()
			return nil, fmt.Errorf("%s stopped before serving: %v", c.Name, err)
		case <-time.After(10 * time.Millisecond):
		}
		// The banner is written at once, so its last line there means all of it is.
		if banner := out.String(); strings.Contains(banner, "Point the provider at it:\n") {
			s.Banner = banner
			_, rest, _ := strings.Cut(banner, " listening on ")
			s.Base, _, _ = strings.Cut(rest, "\n")
			return s, nil
		}
	}
}

// lockedBuffer is a bytes.Buffer that Start may read while Run writes it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// commandVersion is what -version and the banner print.
func commandVersion(set string) string {
	if set != "" {
		return set
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}
