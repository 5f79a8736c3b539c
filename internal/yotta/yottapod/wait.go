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

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/poll"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaapi"
)

// PollBackoff is how the provider polls a pod it waits for: soon at first, then less often,
// never more than Max apart (a 15-minute image pull costs about 185 reads, one per 5 s).
var PollBackoff = poll.Backoff{Initial: time.Second, Factor: 1.3, Max: 5 * time.Second}

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
// create answer), checked before any call. It returns the last pod seen. A failed read ends
// the wait: the client has retried it already.
func waitFor(ctx context.Context, client *yottaapi.Client, id string, r readiness, first *yottaapi.Pod) (*yottaapi.Pod, error) {
	start := time.Now()
	waitingFor := "its first status"
	last, atHand := first, first
	looks := 0
	next := func(prev time.Duration) time.Duration {
		d := PollBackoff.Next(prev)
		tflog.Debug(ctx, "waiting for pod", map[string]any{"pod_id": id, "waiting_for": waitingFor, "next_poll_in": d.String()})
		return d
	}
	err := poll.Until(ctx, poll.Poll{Next: next}, func(ctx context.Context) (bool, error) {
		looks++
		pod := atHand
		atHand = nil
		if pod == nil {
			var err error
			if pod, err = client.GetPod(ctx, id); err != nil {
				if yottaapi.IsNotFound(err) {
					return false, fmt.Errorf("%w: Yotta no longer knows it (%v)", errPodGone, err)
				}
				return false, err
			}
		}
		last = pod
		missing, err := r.missing(pod)
		if err != nil {
			return false, err
		}
		if missing == "" {
			tflog.Debug(ctx, "pod is ready", map[string]any{"pod_id": id, "status": string(pod.Status), "polls": looks, "waited": time.Since(start).String()})
			return true, nil
		}
		waitingFor = missing
		return false, nil
	})
	var timeout *poll.TimeoutError
	if errors.As(err, &timeout) {
		return last, fmt.Errorf("pod %s was not ready after %s: still waiting for %s (%w)", id, time.Since(start).Round(time.Second), waitingFor, timeout.Err)
	}
	return last, err
}

// waitTerminated polls until Yotta reports the pod TERMINATED or no longer knows it.
func waitTerminated(ctx context.Context, client *yottaapi.Client, id string) error {
	start := time.Now()
	var status yottaapi.PodStatus // as last read
	err := poll.Until(ctx, poll.Poll{Next: PollBackoff.Next}, func(ctx context.Context) (bool, error) {
		p, err := client.GetPod(ctx, id)
		switch {
		case yottaapi.IsNotFound(err):
			return true, nil
		case err != nil:
			return false, err
		}
		status = p.Status
		return p.Status == yottaapi.PodTerminated, nil
	})
	var timeout *poll.TimeoutError
	switch {
	case !errors.As(err, &timeout):
		return err
	case timeout.Interrupted != nil: // the deadline came during a read: its error says so
		return timeout.Interrupted
	}
	return fmt.Errorf("pod %s is still %s after %s (%w)", id, status, time.Since(start).Round(time.Second), timeout.Err)
}

// readAfterFailureTimeout bounds the read that saves a pod's state after a failed step (the
// operation's own timeout may be spent by then).
const readAfterFailureTimeout = 30 * time.Second
