package runpodapi

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// CreatePod places the pod on the first candidate that has room: POST /v2/pods once per
// candidate (see podPlacements), then PATCH {locked:true} when asked to lock it (v2 takes no
// lock at create). A failed lock returns the created pod with the error, so the caller can
// keep it.
func (c *restV2) CreatePod(ctx context.Context, in PodCreateInput) (*Pod, error) {
	const op = "create pod"
	if bad := podUnsupported(in); len(bad) > 0 {
		return nil, &UnsupportedError{Operation: op, Backend: BackendV2, Fields: bad, Hints: hintsFor(bad)}
	}
	if in.Interruptible != nil && *in.Interruptible {
		return c.createSpotAtSpotPrice(ctx, in)
	}
	body, err := podCreateBody(in)
	if err != nil {
		return nil, opErr(op, err)
	}
	plan, err := c.podPlacements(ctx, op, in)
	if err != nil {
		return nil, err
	}
	var tried []PlacementAttempt
	for _, p := range plan {
		if p.skip != nil {
			tried = append(tried, PlacementAttempt{Candidate: p.label, Err: p.skip})
			continue
		}
		pod, err := createOnce(ctx, c.t, op, podLookup(allPods(c), in, nonEmpty(p.gpuID), nonEmpty(p.cpuID), true),
			func(ctx context.Context) (*Pod, error) {
				var created v2Pod
				if err := c.create(ctx, op, c.url("/v2/pods", nil), p.apply(body), &created); err != nil {
					return nil, err
				}
				if created.ID == "" {
					return nil, &OutcomeUnknownError{Operation: op, Err: errNoBody}
				}
				d := podDomain(created)
				return &d, nil
			})
		if err == nil {
			return c.lockCreated(ctx, *pod, in.Locked)
		}
		if !placementMovesOn(err) {
			return nil, err
		}
		tflog.Debug(ctx, "RunPod could not place the pod on this candidate; trying the next", map[string]any{
			"candidate": p.label, "error": err.Error(),
		})
		tried = append(tried, PlacementAttempt{Candidate: p.label, Err: err})
	}
	return nil, &PlacementError{Operation: op, Attempts: tried}
}

func (c *restV2) lockCreated(ctx context.Context, pod Pod, locked *bool) (*Pod, error) {
	if locked == nil || !*locked {
		return &pod, nil
	}
	op := "lock pod " + pod.ID
	rb := podReadBack(pod.ID, c.GetPod, func(p Pod) verdict { return podUpdateApplied(PodUpdateInput{Locked: Ptr(true)}, p) }, true)
	locked2, err := changeOnce(ctx, op, rb, func(ctx context.Context) (*Pod, error) {
		var out v2Pod
		if err := c.patch(ctx, op, c.url("/v2/pods/%s", nil, pod.ID), v2UpdatePod{Locked: Ptr(true)}, &out); err != nil {
			return nil, err
		}
		d := podDomain(out)
		return &d, nil
	})
	if err != nil {
		return &pod, fmt.Errorf("the pod %s was created but locking it failed: %w", pod.ID, err)
	}
	return locked2, nil
}

func (c *restV2) getPod(ctx context.Context, id string) (*v2Pod, error) {
	return getOne[v2Pod](ctx, c, "read pod "+id, c.url("/v2/pods/%s", nil, id))
}

// GetPod is GET /v2/pods/{id}.
func (c *restV2) GetPod(ctx context.Context, id string) (*Pod, error) {
	p, err := c.getPod(ctx, id)
	if err != nil {
		return nil, err
	}
	pod := podDomain(*p)
	return &pod, nil
}

// GetPodRuntime reads the pod: v2 embeds its runtime (nil unless RUNNING).
func (c *restV2) GetPodRuntime(ctx context.Context, id string) (*PodRuntime, error) {
	pod, err := c.GetPod(ctx, id)
	if err != nil {
		return nil, err
	}
	return pod.Runtime, nil
}

// ListPods is GET /v2/pods, filtered here: v2 has no list filters (it ignores unknown query
// parameters). Terminated pods are not listed.
func (c *restV2) ListPods(ctx context.Context, f PodListFilter) ([]Pod, error) {
	var list v2ListPods
	if err := c.get(ctx, "list pods", c.url("/v2/pods", nil), &list); err != nil {
		return nil, err
	}
	out := []Pod{}
	for _, p := range list.Pods {
		pod := podDomain(p)
		gpuType := ""
		if pod.GPU != nil {
			gpuType = pod.GPU.ID
		}
		if f.Name != "" && pod.Name != f.Name || f.DesiredStatus != "" && pod.DesiredStatus != f.DesiredStatus ||
			f.ImageName != "" && pod.ImageName != f.ImageName || f.GPUTypeID != "" && gpuType != f.GPUTypeID {
			continue
		}
		out = append(out, pod)
	}
	return out, nil
}

// UpdatePod is PATCH /v2/pods/{id}, preceded by GET /v2/pods/{id} when a change of the volume
// must be completed from the pod (v2 takes a mount whole). globalNetworking takes effect at
// the pod's next start (see RestartPod).
func (c *restV2) UpdatePod(ctx context.Context, id string, in PodUpdateInput) (*Pod, error) {
	op := "update pod " + id
	if in.IsEmpty() {
		return c.GetPod(ctx, id)
	}
	var current *v2Mounts
	if needsCurrentMounts(in.VolumeInGb, in.VolumeMountPath) {
		p, err := c.getPod(ctx, id)
		if err != nil {
			return nil, err
		}
		current = mountsOrNone(p.Mounts)
	}
	mounts, err := updateMounts("pod", in.VolumeInGb, in.VolumeMountPath, current)
	if err != nil {
		return nil, opErr(op, err)
	}
	body, err := podUpdateBody(in, mounts)
	if err != nil {
		return nil, opErr(op, err)
	}
	if isEmptyJSON(body) {
		return c.GetPod(ctx, id)
	}
	rb := podReadBack(id, c.GetPod, func(p Pod) verdict { return podUpdateApplied(in, p) }, !in.TriggersReset())
	return changeOnce(ctx, op, rb, func(ctx context.Context) (*Pod, error) {
		var out v2Pod
		if err := c.patch(ctx, op, c.url("/v2/pods/%s", nil, id), body, &out); err != nil {
			return nil, err
		}
		pod := podDomain(out)
		return &pod, nil
	})
}

// StartPod is POST /v2/pods/{id}/action {"action":"start"}; a 409 (not valid in the pod's
// status) is read again and accepted when the pod is already starting or running.
func (c *restV2) StartPod(ctx context.Context, id string) error {
	return action(ctx, podActionStart+" pod "+id, podReadBack(id, c.GetPod, podStatusReached(true), true), func(ctx context.Context) error {
		return c.podAction(ctx, id, podActionStart, PodObservedProvisioning, PodObservedStarting, PodObservedRunning)
	})
}

// StopPod is the "stop" action; a 409 is accepted when the pod is already EXITED.
func (c *restV2) StopPod(ctx context.Context, id string) error {
	return action(ctx, podActionStop+" pod "+id, podReadBack(id, c.GetPod, podStatusReached(false), true), func(ctx context.Context) error {
		return c.podAction(ctx, id, podActionStop, PodObservedExited)
	})
}

// RestartPod is the "restart" action, valid for a RUNNING pod; a 409 is accepted when the pod
// is already (re)starting, which applies pending settings too. It is never resent: after a
// lost answer the pod is read back, and a restart that does not show is reported, not
// repeated (that could restart the container twice).
func (c *restV2) RestartPod(ctx context.Context, id string) error {
	since := c.t.serverNow()
	return action(ctx, podActionRestart+" pod "+id, podReadBack(id, c.GetPod, podRestarted(since), false), func(ctx context.Context) error {
		return c.podAction(ctx, id, podActionRestart, PodObservedProvisioning, PodObservedStarting)
	})
}

// podAction is POST /v2/pods/{id}/action, sent once (see transport.retryUnsent); a 409 (not
// valid in the pod's status) is read again and accepted when the pod is in one of reached.
func (c *restV2) podAction(ctx context.Context, id, action string, reached ...string) error {
	op := action + " pod " + id
	err := c.t.do(ctx, request{op: op, method: http.MethodPost, url: c.url("/v2/pods/%s/action", nil, id),
		body: v2PodAction{Action: action}, retry: retryUnsent}, nil)
	if StatusCode(err) != http.StatusConflict {
		return err
	}
	pod, readErr := c.GetPod(ctx, id)
	if readErr != nil {
		return fmt.Errorf("%w (reading the pod after the conflict failed: %v)", err, readErr)
	}
	if slices.Contains(reached, pod.Status) {
		return nil
	}
	allowed := "none"
	if len(pod.Actions) > 0 {
		allowed = strings.Join(pod.Actions, ", ")
	}
	return fmt.Errorf("%s: RunPod cannot %s the pod while it is %s (actions allowed now: %s): %w", op, action, pod.Status, allowed, err)
}

// DeletePod is DELETE /v2/pods/{id}; 404 means already gone.
func (c *restV2) DeletePod(ctx context.Context, id string) error {
	return c.remove(ctx, "delete pod "+id, c.url("/v2/pods/%s", nil, id))
}
