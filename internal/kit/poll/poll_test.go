package poll

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestBackoffGrowsByItsFactorUpToItsCap(t *testing.T) {
	b := Backoff{Initial: time.Second, Factor: 1.3, Max: 5 * time.Second}
	var got []time.Duration
	d := time.Duration(0)
	for range 9 {
		d = b.Next(d)
		got = append(got, d)
	}
	want := []time.Duration{time.Second, 1300 * time.Millisecond, 1690 * time.Millisecond, 2197 * time.Millisecond,
		2856100 * time.Microsecond, 3712930 * time.Microsecond, 4826809 * time.Microsecond, 5 * time.Second, 5 * time.Second}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("schedule %v, want %v", got, want)
		}
	}
}

func TestSleepEndsWithItsContext(t *testing.T) {
	if err := Sleep(context.Background(), time.Millisecond); err != nil {
		t.Errorf("Sleep: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := Sleep(ctx, time.Hour); !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > time.Second {
		t.Errorf("Sleep past the deadline: %v after %s", err, time.Since(start))
	}
}

var fast = Backoff{Initial: time.Millisecond, Factor: 2, Max: 4 * time.Millisecond}

var errTransient = errors.New("HTTP 503")

func transient(err error) bool { return errors.Is(err, errTransient) }

// script answers the looks of a wait in turn: an error, or whether the condition holds.
func script(steps ...any) (look func(context.Context) (bool, error), looks *int) {
	n := 0
	return func(context.Context) (bool, error) {
		step := steps[min(n, len(steps)-1)]
		n++
		if err, ok := step.(error); ok {
			return false, err
		}
		return step.(bool), nil
	}, &n
}

func TestUntilLooksAtOnceThenOnTheScheduleThroughTransientFailures(t *testing.T) {
	look, looks := script(false, errTransient, false, errTransient, true)
	var waits []time.Duration
	next := func(prev time.Duration) time.Duration {
		d := fast.Next(prev)
		waits = append(waits, d)
		return d
	}
	if err := Until(context.Background(), Poll{Next: next, Transient: transient}, look); err != nil {
		t.Fatal(err)
	}
	if *looks != 5 || len(waits) != 4 || waits[0] != time.Millisecond || waits[3] != 4*time.Millisecond {
		t.Errorf("%d looks after waits %v; want 5 looks, 4 waits from 1ms doubling to 4ms", *looks, waits)
	}
}

func TestUntilEndsAtADefiniteFailure(t *testing.T) {
	refused := errors.New("HTTP 403")
	look, looks := script(errTransient, refused, true)
	if err := Until(context.Background(), Poll{Next: fast.Next, Transient: transient}, look); err != refused || *looks != 2 {
		t.Errorf("err %v after %d looks; want the 403 after 2", err, *looks)
	}
	// Without Transient, every failure ends the wait.
	look, looks = script(errTransient, true)
	if err := Until(context.Background(), Poll{Next: fast.Next}, look); err != errTransient || *looks != 1 {
		t.Errorf("err %v after %d looks; want the 503 after 1", err, *looks)
	}
}

func TestUntilTimesOutWithTheLastTransientFailure(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	look, _ := script(errTransient, false) // one failure, then never done
	err := Until(ctx, Poll{Next: fast.Next, Transient: transient}, look)
	var timeout *TimeoutError
	if !errors.As(err, &timeout) || !errors.Is(err, context.DeadlineExceeded) || timeout.Last != errTransient ||
		timeout.Interrupted != nil || err.Error() != context.DeadlineExceeded.Error() {
		t.Errorf("err %v (%#v); want a TimeoutError reading as the deadline, naming the 503", err, err)
	}

	// A look that fails because the context ended is the timeout, not the look's failure.
	ctx, cancel = context.WithCancel(context.Background())
	err = Until(ctx, Poll{Next: fast.Next}, func(context.Context) (bool, error) {
		cancel()
		return false, errors.New("request canceled")
	})
	if !errors.As(err, &timeout) || !errors.Is(err, context.Canceled) || timeout.Last != nil ||
		timeout.Interrupted == nil || timeout.Interrupted.Error() != "request canceled" {
		t.Errorf("err %v (%+v); want a TimeoutError of the cancelled context, with the look it cut short", err, timeout)
	}
}
