package httpretry

import (
	"net/http"
	"testing"
	"time"
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
}
