// Package poll waits for a condition the provider can only look at: a pod to boot, an
// endpoint's release to reach its workers, a deleted object to go. Both providers' waits
// share its loop (look, wait, look again, each wait longer up to a cap, within the context's
// deadline, through the looks that fail transiently) and the sleep their API clients wait
// between attempts with.
package poll

import (
	"context"
	"time"
)

// Backoff is a capped exponential polling schedule.
type Backoff struct {
	Initial time.Duration
	Factor  float64
	Max     time.Duration
}

// Next returns the wait after one of d (Initial after none).
func (b Backoff) Next(d time.Duration) time.Duration {
	if d <= 0 {
		return b.Initial
	}
	return min(time.Duration(float64(d)*b.Factor), b.Max)
}

// Sleep waits d, or until ctx ends (then it returns ctx's error).
func Sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

// Poll says how Until looks.
type Poll struct {
	// Next is the wait before the next look, after a wait of prev (0 before the second look;
	// the first is at once): a Backoff's Next, or a schedule of the caller's own.
	Next func(prev time.Duration) time.Duration
	// Transient says whether a look's failure is polled through, rather than ending the wait;
	// it may log it. Nil: every failure ends the wait.
	Transient func(error) bool
}

// TimeoutError is a wait that its context ended (its deadline: usually the operation's
// timeout) before the condition held. It reads as the context's error, which it wraps.
type TimeoutError struct {
	Err         error // the context's error
	Last        error // the most recent look that failed transiently (nil: none did), for the caller's message
	Interrupted error // the failure of the look the context's end cut short, if it did
}

func (e *TimeoutError) Error() string { return e.Err.Error() }
func (e *TimeoutError) Unwrap() error { return e.Err }

// Until looks until look reports done, look fails (with an error p.Transient does not poll
// through, returned as it is), or ctx ends (a *TimeoutError; a look that fails because ctx
// ended counts as that). The first look is at once, each next one after p.Next's wait.
func Until(ctx context.Context, p Poll, look func(context.Context) (done bool, err error)) error {
	var wait time.Duration
	var last error // the most recent transient failure
	for {
		done, err := look(ctx)
		switch {
		case err != nil && ctx.Err() != nil:
			return &TimeoutError{Err: ctx.Err(), Last: last, Interrupted: err}
		case err != nil && (p.Transient == nil || !p.Transient(err)):
			return err
		case err != nil:
			last = err
		case done:
			return nil
		}
		wait = p.Next(wait)
		if serr := Sleep(ctx, wait); serr != nil {
			return &TimeoutError{Err: serr, Last: last}
		}
	}
}
