package pod

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/poll"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// Default timeouts of the timeouts attribute.
const (
	defaultCreateTimeout = 15 * time.Minute
	defaultUpdateTimeout = 15 * time.Minute
	defaultDeleteTimeout = 5 * time.Minute
)

// PollBackoff is how the provider polls a booting or deleting pod: soon at first (a cached
// image boots in seconds), then less often, never more than Max apart, so the lag between the
// pod being ready and the apply returning stays under Max (2.4 s on average for boots of 1 to
// 120 s) while a 15-minute image pull costs about 185 reads, one per 5 s. bench/ measures it.
var PollBackoff = poll.Backoff{Initial: time.Second, Factor: 1.3, Max: 5 * time.Second}

// TightPoll is how often a wait looks at a pod while it is likely to become ready: between the
// shortest and the longest boot this provider instance saw for the pod's image
// (runpodapi.BootHint). The lag between ready and the apply returning is then under TightPoll.
var TightPoll = time.Second

// nextPoll is the wait before the next look at a pod of image, elapsed into its wait, after a
// wait of prev. Without a boot seen for the image it is PollBackoff's schedule. With one, the
// next look is at the shortest boot seen (one look instead of the backoff's many), then every
// TightPoll until the longest boot seen, then PollBackoff's again (this pod boots slower).
func nextPoll(api runpodapi.API, image string, elapsed, prev time.Duration) time.Duration {
	if h, ok := runpodapi.BootHintFor(api, image); ok {
		switch {
		case elapsed+TightPoll/2 < h.NotBefore:
			return h.NotBefore - elapsed
		case elapsed < h.By:
			return TightPoll
		}
	}
	return PollBackoff.Next(prev)
}

// readiness is what a started pod must show before the provider calls it ready. RunPod
// reports RUNNING at once; the container is up when its TCP ports are publicly mapped. A pod
// without public TCP ports shows no such sign, so its runtime (GraphQL) is asked instead.
type readiness struct {
	publicIP bool     // wait for the public IP
	tcpPorts []string // wait for these private ports in portMappings
	runtime  bool     // wait for the container's runtime (no public TCP port to watch)
}

func readinessFor(ports []string, expectsPublicIP bool) readiness {
	r := readiness{publicIP: expectsPublicIP}
	if expectsPublicIP {
		for _, p := range ports {
			if num, proto, _ := strings.Cut(p, "/"); proto == "tcp" {
				r.tcpPorts = append(r.tcpPorts, num)
			}
		}
	}
	r.runtime = len(r.tcpPorts) == 0
	return r
}

// missing says what p still lacks of r (apart from the runtime), or "" when nothing.
func (r readiness) missing(p *runpodapi.Pod) string {
	if p.DesiredStatus != statusRunning {
		return "status " + p.DesiredStatus
	}
	if p.Status != "" && p.Status != runpodapi.PodObservedRunning { // REST v2 observes the container
		return "status RUNNING (RunPod reports " + p.Status + ")"
	}
	// REST v2 reports the public IP only with a TCP port's mapping: a pod without TCP ports shows
	// none, and its RUNNING status is the sign that it is up.
	if r.publicIP && p.PublicIP == "" && (p.Source != runpodapi.BackendV2 || len(r.tcpPorts) > 0) {
		return "its public IP"
	}
	var unmapped []string
	for _, port := range r.tcpPorts {
		if _, ok := p.PortMappings[port]; !ok {
			unmapped = append(unmapped, port+"/tcp")
		}
	}
	if len(unmapped) > 0 {
		return "the public mapping of " + strings.Join(unmapped, ", ")
	}
	return ""
}

// NotReady applies runpod_pod's readiness rules to a started pod exposing ports with a public
// IP (a pod of an Instant Cluster): it returns what the pod still lacks ("" when it is ready),
// and failed when RunPod reports that it cannot start (ERROR) or it stopped.
func NotReady(p *runpodapi.Pod, ports []string) (waitingFor string, failed bool) {
	if p.Status == runpodapi.PodObservedError || p.DesiredStatus == statusExited || p.DesiredStatus == runpodapi.PodStatusTerminated {
		return "status " + cmp.Or(p.Status, p.DesiredStatus), true
	}
	return readinessFor(ports, true).missing(p), false
}

// errPodStopped is returned when a pod being waited for stops (stopped outside Terraform,
// or a spot pod interrupted).
var errPodStopped = errors.New("the pod stopped while the provider waited for it to start")

// errPodFailed is returned when RunPod reports that a pod being waited for failed.
var errPodFailed = errors.New("the pod failed to start")

// waitReady polls until the pod meets r or ctx ends. first is an answer already at hand (the
// create or update response), checked before any call. It returns the last pod read, or nil
// when first was ready and nothing was read.
//
// Polls after the first are looks of the provider instance's shared poller (runpodapi.WatchPod):
// one list call serves every pod an apply waits for. A poll that fails transiently (RunPod
// throttling, a 5xx, no answer) does not end the wait: it polls on until ctx's deadline, so a
// healthy pod is never tainted because one poll failed.
func waitReady(ctx context.Context, api runpodapi.API, id string, r readiness, first *runpodapi.Pod) (*runpodapi.Pod, error) {
	start := time.Now()
	var delay time.Duration
	waitingFor := "its first status"
	var lastErr error // the last transient failure, for the timeout's message
	timedOut := func(err error) error {
		if lastErr != nil {
			return fmt.Errorf("pod %s was not ready after %s: still waiting for %s; the last poll failed: %v (%w)", id,
				time.Since(start).Round(time.Second), waitingFor, lastErr, err)
		}
		return fmt.Errorf("pod %s was not ready after %s: still waiting for %s (%w)", id, time.Since(start).Round(time.Second), waitingFor, err)
	}
	// failed says whether err ends the wait (and with what), or is polled through.
	failed := func(what string, err error) error {
		if ctx.Err() != nil {
			return timedOut(ctx.Err())
		}
		if runpodapi.IsTransient(err) {
			lastErr = err
			tflog.Warn(ctx, "a poll of the pod failed: polling on until the timeout", map[string]any{"pod_id": id, "read": what, "error": err.Error()})
			return nil
		}
		return err
	}
	pod, fromRead := first, false
	image := ""
	var notReadyAt time.Duration // when the pod was last seen not ready (0: only in first, or never)
	for attempt := 1; ; attempt++ {
		if pod == nil {
			var err error
			if attempt == 1 {
				pod, err = api.GetPod(ctx, id) // nothing at hand: look now
			} else {
				pod, err = runpodapi.WatchPod(ctx, api, id, delay)
			}
			if err != nil {
				if err := failed("the pod", err); err != nil {
					return nil, err
				}
				pod = nil
				delay = PollBackoff.Next(delay)
				continue
			}
			fromRead = true
		}
		if pod.ImageName != "" {
			image = pod.ImageName
		}
		if pod.Status == runpodapi.PodObservedError {
			return nil, fmt.Errorf("%w: RunPod reports status ERROR, an unrecoverable state of its container (check the image "+
				"name, the registry credentials and the start command; RunPod's console shows the pod's logs)", errPodFailed)
		}
		if pod.DesiredStatus == statusExited || pod.DesiredStatus == runpodapi.PodStatusTerminated {
			return nil, fmt.Errorf("%w (RunPod reports status %s)", errPodStopped, cmp.Or(pod.Status, pod.DesiredStatus))
		}
		waitingFor = r.missing(pod)
		// REST v2's RUNNING means the container is healthy: its runtime needs no second read.
		if waitingFor == "" && r.runtime && pod.Status == "" {
			rt, err := api.GetPodRuntime(ctx, id)
			switch {
			case err != nil:
				if err := failed("its runtime", err); err != nil {
					return nil, err
				}
				waitingFor = "its container to start (the runtime read failed)"
			case rt == nil:
				waitingFor = "its container to start (RunPod reports no runtime yet)"
			}
		}
		if waitingFor == "" {
			tflog.Debug(ctx, "pod is ready", map[string]any{"pod_id": id, "polls": attempt, "waited": time.Since(start).String()})
			if fromRead {
				runpodapi.NoteBoot(api, image, notReadyAt, time.Since(start))
			}
			if !fromRead {
				return nil, nil
			}
			return pod, nil
		}
		if fromRead {
			notReadyAt = time.Since(start)
		}
		delay = nextPoll(api, image, time.Since(start), delay)
		tflog.Debug(ctx, "waiting for pod to be ready", map[string]any{"pod_id": id, "waiting_for": waitingFor, "next_poll_in": delay.String()})
		if attempt == 1 && ctx.Err() != nil {
			return nil, timedOut(ctx.Err())
		}
		pod = nil
	}
}

// readAfterFailureTimeout bounds the read that saves a pod's state after a failed step (the
// operation's own timeout may be spent by then).
const readAfterFailureTimeout = 30 * time.Second
