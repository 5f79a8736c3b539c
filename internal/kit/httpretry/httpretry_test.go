package httpretry

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/httpapi"
)

func TestRetryAfter(t *testing.T) {
	for v, want := range map[string]time.Duration{"": 0, "3": 3 * time.Second, "-1": 0, "soon": 0, " 2 ": 2 * time.Second} {
		if got := RetryAfter(v); got != want {
			t.Errorf("RetryAfter(%q) = %s, want %s", v, got, want)
		}
	}
	at := time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat)
	if got := RetryAfter(at); got < 80*time.Second || got > 90*time.Second {
		t.Errorf("RetryAfter(%q) = %s, want about 90s", at, got)
	}
}

func TestBackoffDoublesWithinHalfAndCap(t *testing.T) {
	for attempt, step := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 3: 4 * time.Second, 6: 10 * time.Second, 70: 10 * time.Second} {
		for range 50 {
			if got := Backoff(time.Second, 10*time.Second, attempt); got < step/2 || got > step {
				t.Fatalf("Backoff(attempt %d) = %s, want within [%s, %s]", attempt, got, step/2, step)
			}
		}
	}
	if got := Backoff(time.Second, 10*time.Second, 0); got < time.Second/2 || got > time.Second {
		t.Errorf("Backoff(attempt 0) = %s: before any failure, the first step", got)
	}
}

var cloudy = httpapi.API{Name: "Cloudy API", Subsystem: "cloudy_api", RequestIDHeader: "X-Request-Id"}

// sleeps records the waits of a Retry instead of sleeping them.
func sleeps() (func(context.Context, time.Duration) error, *[]time.Duration) {
	var waits []time.Duration
	return func(_ context.Context, d time.Duration) error {
		waits = append(waits, d)
		return nil
	}, &waits
}

var policy = Policy{MaxAttempts: 3, MinBackoff: time.Second, MaxBackoff: 4 * time.Second}

func TestRetryGivesUpAfterMaxAttemptsCountingThrottlesInTheMessageOnly(t *testing.T) {
	sleep, waits := sleeps()
	r := Start(cloudy, "read pod p1", policy, time.Time{}, sleep)
	ctx := context.Background()
	failed := errors.New("HTTP 502")
	for i := range 2 {
		if err := r.Throttled(errors.New("HTTP 429")); err != nil {
			t.Fatalf("throttle %d: %v", i, err)
		}
		if err := r.Failed(failed); err != nil {
			t.Fatalf("failure %d: %v", i, err)
		}
		if err := r.Wait(ctx, 0, nil); err != nil {
			t.Fatal(err)
		}
	}
	err := r.Failed(failed)
	if err == nil || err.Error() != "giving up after 5 attempts: HTTP 502" || !errors.Is(err, failed) {
		t.Fatalf("err %v; want giving up after the third failure (5 attempts with the 2 throttles)", err)
	}
	// The backoff follows the failures: about 1s, then 2s (each jittered in its upper half).
	if len(*waits) != 2 || (*waits)[0] < 500*time.Millisecond || (*waits)[0] > time.Second ||
		(*waits)[1] < time.Second || (*waits)[1] > 2*time.Second {
		t.Errorf("waits %v", *waits)
	}
	if r.Attempts() != 5 || r.Throttles() != 2 || r.Last() != failed {
		t.Errorf("attempts %d, throttles %d, last %v", r.Attempts(), r.Throttles(), r.Last())
	}
}

func TestRetryWithoutMaxAttemptsIsBoundedByTheDeadline(t *testing.T) {
	sleep, waits := sleeps()
	r := Start(cloudy, "read pod p1", Policy{MinBackoff: time.Second, MaxBackoff: time.Second}, time.Now().Add(time.Minute), sleep)
	for range 10 {
		if err := r.Failed(errors.New("HTTP 503")); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Wait(context.Background(), 30*time.Second, nil); err != nil {
		t.Fatalf("a wait within the deadline: %v", err)
	}
	err := r.Wait(context.Background(), 2*time.Minute, nil)
	if err == nil || !strings.Contains(err.Error(), "giving up after 10 attempts in ") ||
		!strings.Contains(err.Error(), "no time left to retry within the timeout (next attempt in 2m0s): HTTP 503") {
		t.Errorf("err %v", err)
	}
	if len(*waits) != 1 || (*waits)[0] != 30*time.Second {
		t.Errorf("waits %v: the server's wait is taken as it is, and one past the deadline is not waited", *waits)
	}
}

func TestRetryThrottledWithoutADeadlineEnds(t *testing.T) {
	r := Start(cloudy, "list pods", policy, time.Time{}, nil)
	var err error
	for range MaxThrottledWithoutDeadline {
		err = r.Throttled(errors.New("HTTP 429"))
	}
	if err == nil || err.Error() != "giving up after 20 throttled attempts: HTTP 429" {
		t.Errorf("err %v", err)
	}
	// With a deadline, throttling goes on (the deadline ends it).
	r = Start(cloudy, "list pods", policy, time.Now().Add(time.Hour), nil)
	for range 3 * MaxThrottledWithoutDeadline {
		if err := r.Throttled(errors.New("HTTP 429")); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRetryStoppedNamesTheLastError(t *testing.T) {
	r := Start(cloudy, "delete pod p1", policy, time.Time{}, nil)
	if err := r.Stopped(context.Canceled); err.Error() != "delete pod p1: context canceled" || !errors.Is(err, context.Canceled) {
		t.Errorf("before any failure: %v", err)
	}
	_ = r.Failed(errors.New("HTTP 500"))
	if err := r.Stopped(context.DeadlineExceeded); err.Error() != "delete pod p1: context deadline exceeded (last error: HTTP 500)" {
		t.Errorf("after a failure: %v", err)
	}
	// A wait the context ends is stopped the same way.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r = Start(cloudy, "delete pod p1", policy, time.Time{}, nil)
	_ = r.Failed(errors.New("HTTP 500"))
	if err := r.Wait(ctx, time.Hour, nil); !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "(last error: HTTP 500)") {
		t.Errorf("a cancelled wait: %v", err)
	}
}

func TestRetryLogsEachRetryWithTheRequestID(t *testing.T) {
	var logs bytes.Buffer
	ctx := cloudy.Context(tflogtest.RootLogger(context.Background(), &logs), "key")
	sleep, _ := sleeps()
	r := Start(cloudy, "read pod p1", policy, time.Time{}, sleep)
	_ = r.Failed(errors.New("HTTP 502"))
	header := http.Header{}
	header.Set("X-Request-Id", "req-7")
	if err := r.Wait(ctx, time.Second, header); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"@message":"retrying Cloudy API request"`, `"@level":"warn"`, `"request_id":"req-7"`,
		`"operation":"read pod p1"`, `"attempt":1`, `"error":"HTTP 502"`, `"wait":"1s"`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the log lacks %s:\n%s", want, logs.String())
		}
	}
}
