package yottapod

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaapi"
)

// Backoff is a capped exponential polling schedule.
type Backoff struct {
	Initial time.Duration
	Factor  float64
	Max     time.Duration
}

// Next returns the wait after one of d.
func (b Backoff) Next(d time.Duration) time.Duration {
	if d <= 0 {
		return b.Initial
	}
	return min(time.Duration(float64(d)*b.Factor), b.Max)
}

// PollBackoff is how the provider polls a pod it waits for: soon at first, then less often,
// never more than Max apart (a 15-minute image pull costs about 185 reads, one per 5 s).
var PollBackoff = Backoff{Initial: time.Second, Factor: 1.3, Max: 5 * time.Second}

// readiness is what the provider waits for.
type readiness struct {
	status  yottaapi.PodStatus // RUNNING or PAUSED
	healthy []int              // with RUNNING: these ports must be reported healthy
}

// errPodFailed is returned when Yotta reports the pod FAILED while the provider waits.
var errPodFailed = errors.New("Yotta reports the pod FAILED")

// errPodGone is returned when the pod is terminated while the provider waits.
var errPodGone = errors.New("the pod was terminated while the provider waited for it")

// missing says what p still lacks of r ("" when nothing), or an error when p cannot get
// there: FAILED (with Yotta's reason), terminated, or paused while waiting for it to run.
func (r readiness) missing(p *yottaapi.Pod) (string, error) {
	switch {
	case p.Status == yottaapi.PodFailed:
		reason := p.FailedReason
		if reason == "" {
			reason = "Yotta gives no reason; its docs say a deployment fails for lack of resources or an image that cannot be pulled"
		}
		return "", fmt.Errorf("%w: %s", errPodFailed, reason)
	case p.Status.Gone():
		return "", fmt.Errorf("%w (Yotta reports %s)", errPodGone, p.Status)
	case r.status == yottaapi.PodPaused:
		if p.Status == yottaapi.PodPaused {
			return "", nil
		}
		return "status PAUSED (Yotta reports " + string(p.Status) + ")", nil
	case p.Status == yottaapi.PodPausing || p.Status == yottaapi.PodPaused:
		return "", fmt.Errorf("the pod was paused while the provider waited for it to run (Yotta reports %s): paused outside Terraform?", p.Status)
	case p.Status != yottaapi.PodRunning:
		return "status RUNNING (Yotta reports " + string(p.Status) + ")", nil
	}
	var unhealthy []string
	for _, port := range r.healthy {
		i := slices.IndexFunc(p.Expose, func(e yottaapi.ExposedPort) bool { return e.Port == port })
		switch {
		case i < 0:
			unhealthy = append(unhealthy, strconv.Itoa(port)+" (not reported yet)")
		case !p.Expose[i].Healthy:
			unhealthy = append(unhealthy, strconv.Itoa(port))
		}
	}
	if len(unhealthy) > 0 {
		return "ports " + strings.Join(unhealthy, ", ") + " to be healthy", nil
	}
	return "", nil
}

// waitFor polls until the pod meets r or ctx ends. first is an answer already at hand (the
// create answer), checked before any call. It returns the last pod seen.
func waitFor(ctx context.Context, client *yottaapi.Client, id string, r readiness, first *yottaapi.Pod) (*yottaapi.Pod, error) {
	start := time.Now()
	var delay time.Duration
	waitingFor := "its first status"
	pod, last := first, first
	for attempt := 1; ; attempt++ {
		if pod == nil {
			var err error
			if pod, err = client.GetPod(ctx, id); err != nil {
				if ctx.Err() != nil {
					return last, fmt.Errorf("pod %s was not ready after %s: still waiting for %s (%w)", id, time.Since(start).Round(time.Second), waitingFor, ctx.Err())
				}
				if yottaapi.IsNotFound(err) {
					return last, fmt.Errorf("%w: Yotta no longer knows it (%v)", errPodGone, err)
				}
				return last, err
			}
		}
		last = pod
		missing, err := r.missing(pod)
		if err != nil {
			return last, err
		}
		if missing == "" {
			tflog.Debug(ctx, "pod is ready", map[string]any{"pod_id": id, "status": string(pod.Status), "polls": attempt, "waited": time.Since(start).String()})
			return last, nil
		}
		waitingFor = missing
		delay = PollBackoff.Next(delay)
		tflog.Debug(ctx, "waiting for pod", map[string]any{"pod_id": id, "waiting_for": waitingFor, "next_poll_in": delay.String()})
		if err := sleep(ctx, delay); err != nil {
			return last, fmt.Errorf("pod %s was not ready after %s: still waiting for %s (%w)", id, time.Since(start).Round(time.Second), waitingFor, err)
		}
		pod = nil
	}
}

// waitTerminated polls until Yotta reports the pod TERMINATED or no longer knows it.
func waitTerminated(ctx context.Context, client *yottaapi.Client, id string) error {
	start := time.Now()
	var delay time.Duration
	for {
		p, err := client.GetPod(ctx, id)
		switch {
		case yottaapi.IsNotFound(err):
			return nil
		case err != nil:
			return err
		case p.Status == yottaapi.PodTerminated:
			return nil
		}
		delay = PollBackoff.Next(delay)
		if err := sleep(ctx, delay); err != nil {
			return fmt.Errorf("pod %s is still %s after %s (%w)", id, p.Status, time.Since(start).Round(time.Second), err)
		}
	}
}

// sleep waits d, or until ctx ends; a deadline sooner than d ends the wait at the deadline.
func sleep(ctx context.Context, d time.Duration) error {
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < d {
		<-ctx.Done()
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// readAfterFailureTimeout bounds the read that saves a pod's state after a failed step (the
// operation's own timeout may be spent by then).
const readAfterFailureTimeout = 30 * time.Second
