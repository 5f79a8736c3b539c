package yottaapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/adoption"
)

// clockSkew is how far Yotta's clock may be behind ours when a lost create is looked for by
// its creation time.
const clockSkew = 2 * time.Minute

// CreatePod creates a pod (POST /v2/pods) and returns it as Yotta answered. When the answer
// is lost (no answer after sending, 5xx, code 10002) it lists the pods and adopts the one the
// request created: same name, image, GPU type and count, created since the request was sent
// and not already known to this client. When none is there, the request is sent again;
// when several are, it fails with AmbiguousCreateError naming them.
func (c *Client) CreatePod(ctx context.Context, in PodCreateRequest) (*Pod, error) {
	return create(ctx, c, createCall{op: "create pod", kind: "pod", noun: "pod", path: "/v2/pods", body: in},
		func(ctx context.Context) ([]Pod, error) { return c.ListPods(ctx, PodFilter{}) },
		func(p *Pod) bool {
			return p.Name == in.Name && p.GPUType == in.GPUType && p.GPUCount == in.GPUCount && SameImage(p.Image, in.Image) && !p.Status.Gone()
		})
}

// createCall is a create, for create: op says what it does ("create pod"), kind names the
// object in adoption notices ("pod"), noun in the error of an answer without its id.
type createCall struct {
	op, kind, noun, path string
	body                 any
}

// object is what the client creates and reads: a Yotta object with an id and a creation time.
type object[T any] interface {
	*T
	objectID() ID
	created() Time
}

func (p *Pod) objectID() ID           { return p.ID }
func (p *Pod) created() Time          { return p.CreatedAt }
func (e *Endpoint) objectID() ID      { return e.ID }
func (e *Endpoint) created() Time     { return e.CreatedAt }
func (v *Volume) objectID() ID        { return v.ID }
func (v *Volume) created() Time       { return v.CreatedAt }
func (a *RegistryAuth) objectID() ID  { return a.ID }
func (a *RegistryAuth) created() Time { return a.CreatedAt }

// create sends call (a POST that creates a T) and returns the object as Yotta answered. When
// the answer is lost (no answer after sending, 5xx, code 10002, or a success without the
// object's id), findCreated looks for the object it made among those list returns that match
// the request (matches) and were made since it was sent: one is adopted; none, and the create
// is sent again, within the retry budget.
func create[T any, P object[T]](ctx context.Context, c *Client, call createCall,
	list func(context.Context) ([]T, error), matches func(P) bool) (*T, error) {
	sentAt := time.Now()
	for attempt := 1; ; attempt++ {
		var obj T
		err := c.t.do(ctx, request{op: call.op, method: http.MethodPost, path: call.path, body: call.body, retry: retryUnsent}, &obj)
		if id := P(&obj).objectID(); err == nil && id != "" {
			c.remember(id)
			return &obj, nil
		}
		if err == nil { // a success without the object: whether one was created is not known
			err = &APIError{Operation: call.op, HTTPStatus: http.StatusOK, Code: CodeSuccess, Message: "Yotta answered without the " + call.noun + "'s id"}
		} else if !ambiguous(err) {
			return nil, err
		}
		found, rerr := c.findCreated(ctx, call.op, call.kind, err, func(ctx context.Context) ([]lostCandidate, error) {
			all, err := list(ctx)
			if err != nil {
				return nil, err
			}
			var out []lostCandidate
			for i := range all {
				o := P(&all[i])
				if made := o.created(); matches(o) && (made.IsZero() || !made.Before(sentAt.Add(-clockSkew))) {
					out = append(out, lostCandidate{id: o.objectID(), obj: o})
				}
			}
			return out, nil
		})
		if rerr != nil {
			return nil, rerr
		}
		if found != nil {
			return found.(P), nil
		}
		if attempt >= c.t.retry.MaxAttempts {
			return nil, fmt.Errorf("giving up after %d attempts: %w", attempt, err)
		}
		if serr := c.pause(ctx, attempt); serr != nil {
			return nil, fmt.Errorf("%s: %w (last error: %v)", call.op, serr, err)
		}
	}
}

// get reads the object at path (GET), for op ("read pod 4205…"). Yotta answers an unknown id
// with success and no object (code 10000, data null): that is an error for which IsNotFound
// is true, saying Yotta answered without the noun ("pod").
func get[T any, P object[T]](ctx context.Context, c *Client, op, path, noun string) (*T, error) {
	var obj T
	if err := c.t.do(ctx, request{op: op, method: http.MethodGet, path: path}, &obj); err != nil {
		return nil, err
	}
	if P(&obj).objectID() == "" {
		return nil, &APIError{Operation: op, HTTPStatus: http.StatusNotFound, Message: "Yotta answered without the " + noun}
	}
	return &obj, nil
}

// lostCandidate is an object that may be the one a create whose answer was lost created.
type lostCandidate struct {
	id  ID
	obj any
}

// findCreated looks for the object of kind ("pod") a create made when its answer was lost
// (cause), with list (the objects that match the request). It looks twice, a backoff apart, in
// case Yotta lists a new object late. It returns the object when exactly one unknown candidate
// is found, and tells ctx's listener of the adoption (internal/kit/adoption: the resource
// warns); nil when none is (the create did not happen: the caller may send it again); and an
// error when several are or the list fails.
func (c *Client) findCreated(ctx context.Context, op, kind string, cause error, list func(context.Context) ([]lostCandidate, error)) (any, error) {
	for look := 1; ; look++ {
		all, err := list(ctx)
		if err != nil {
			return nil, fmt.Errorf("%w; reading back whether it was created also failed: %v", cause, err)
		}
		var candidates []lostCandidate
		for _, cand := range all {
			if !c.knows(cand.id) {
				candidates = append(candidates, cand)
			}
		}
		switch len(candidates) {
		case 1:
			c.remember(candidates[0].id)
			tflog.Warn(ctx, "the answer to a create was lost: adopting the object it created", map[string]any{
				"operation": op, "id": string(candidates[0].id), "error": cause.Error(),
			})
			adoption.Notify(ctx, adoption.Notice{Kind: kind, ID: string(candidates[0].id), Cause: cause})
			return candidates[0].obj, nil
		case 0:
			if look >= 2 {
				tflog.Warn(ctx, "the answer to a create was lost, and nothing was created: sending it again", map[string]any{
					"operation": op, "error": cause.Error(),
				})
				return nil, nil
			}
			if err := c.pause(ctx, look); err != nil {
				return nil, fmt.Errorf("%s: %w (last error: %v)", op, err, cause)
			}
		default:
			ids := make([]ID, len(candidates))
			for i, cand := range candidates {
				ids[i] = cand.id
			}
			return nil, &AmbiguousCreateError{Operation: op, Candidates: ids, Err: cause}
		}
	}
}

// pause waits the backoff of attempt, within ctx.
func (c *Client) pause(ctx context.Context, attempt int) error {
	wait := c.t.retry.Backoff(attempt)
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
		return context.DeadlineExceeded
	}
	return c.t.sleep(ctx, wait)
}

// SameImage compares image references as Docker Hub resolves them: "ubuntu" is
// "docker.io/library/ubuntu:latest".
func SameImage(a, b string) bool {
	return normalizeImage(a) == normalizeImage(b)
}

func normalizeImage(ref string) string {
	ref = strings.TrimSpace(ref)
	for _, prefix := range []string{"docker.io/", "index.docker.io/", "registry-1.docker.io/"} {
		ref = strings.TrimPrefix(ref, prefix)
	}
	if !strings.Contains(ref, "/") {
		ref = "library/" + ref
	}
	last := ref[strings.LastIndex(ref, "/")+1:]
	if !strings.Contains(last, ":") && !strings.Contains(last, "@") {
		ref += ":latest"
	}
	return ref
}

// GetPod reads a pod (GET /v2/pods/{id}). An unknown id is an error for which IsNotFound
// is true (Yotta answers HTTP 404 or code 13000).
func (c *Client) GetPod(ctx context.Context, id string) (*Pod, error) {
	return get[Pod](ctx, c, "read pod "+id, "/v2/pods/"+url.PathEscape(id), "pod")
}

// ListPods lists the pods of the account (GET /v2/pods), filtered by f. Yotta does not page
// the list.
func (c *Client) ListPods(ctx context.Context, f PodFilter) ([]Pod, error) {
	q := url.Values{}
	if len(f.Regions) > 0 {
		q.Set("regionList", strings.Join(f.Regions, ","))
	}
	if len(f.Statuses) > 0 {
		names := make([]string, len(f.Statuses))
		for i, s := range f.Statuses {
			names[i] = string(s)
		}
		q.Set("statusList", strings.Join(names, ","))
	}
	var pods []Pod
	if err := c.t.do(ctx, request{op: "list pods", method: http.MethodGet, path: "/v2/pods", query: q}, &pods); err != nil {
		return nil, err
	}
	return pods, nil
}

// DeletePod terminates a pod (DELETE /v2/pods/{id}): permanent; billing stops.
func (c *Client) DeletePod(ctx context.Context, id string) error {
	return c.t.do(ctx, request{op: "delete pod " + id, method: http.MethodDelete, path: "/v2/pods/" + url.PathEscape(id)}, nil)
}

// PausePod pauses a running pod (POST /v2/pods/{id}/pause): RUNNING → PAUSING → PAUSED.
// A pod already pausing or paused is not an error.
func (c *Client) PausePod(ctx context.Context, id string) error {
	return c.podAction(ctx, id, "pause", PodRunning, PodPausing, PodPaused)
}

// ResumePod resumes a paused pod (POST /v2/pods/{id}/resume): PAUSED → RUNNING. A pod already
// initializing or running is not an error.
func (c *Client) ResumePod(ctx context.Context, id string) error {
	return c.podAction(ctx, id, "resume", PodPaused, PodInitialize, PodRunning)
}

// podAction sends a pod action. Sending one twice is not harmless (Yotta answers 12001 when
// the pod's status no longer allows it), so it is settled by reading the pod back (see
// settledAction): a status in done means the action happened (or had); the status from means
// it did not, and the action is sent again.
func (c *Client) podAction(ctx context.Context, id, action string, from PodStatus, done ...PodStatus) error {
	return settledAction(ctx, c, action+" pod "+id, "/v2/pods/"+url.PathEscape(id)+"/"+action, "pod",
		func(ctx context.Context) (PodStatus, error) {
			p, err := c.GetPod(ctx, id)
			if err != nil {
				return "", err
			}
			return p.Status, nil
		}, []PodStatus{from}, done)
}

// settledAction sends an action (a POST with no body) to path. After an ambiguous failure or
// a 12001 the object (a noun: "pod") is read back with status: a status in done means the
// action happened (or had), one in from that it did not, and it is sent again, within the
// retry budget; any other status is an error naming it.
func settledAction[S ~string](ctx context.Context, c *Client, op, path, noun string, status func(context.Context) (S, error), from, done []S) error {
	for attempt := 1; ; attempt++ {
		err := c.t.do(ctx, request{op: op, method: http.MethodPost, path: path, retry: retryUnsent}, nil)
		if err == nil {
			return nil
		}
		if !ambiguous(err) && !IsStatusInvalid(err) {
			return err
		}
		st, gerr := status(ctx)
		if gerr != nil {
			return fmt.Errorf("%w; reading the %s back also failed: %v", err, noun, gerr)
		}
		if slices.Contains(done, st) {
			if IsStatusInvalid(err) || attempt > 1 {
				tflog.Debug(ctx, noun+" action already applied", map[string]any{"operation": op, "status": string(st)})
			}
			return nil
		}
		if IsStatusInvalid(err) || !slices.Contains(from, st) {
			return fmt.Errorf("%w (the %s is %s)", err, noun, st)
		}
		if attempt >= c.t.retry.MaxAttempts {
			return fmt.Errorf("giving up after %d attempts: %w", attempt, err)
		}
		if serr := c.pause(ctx, attempt); serr != nil {
			return fmt.Errorf("%s: %w (last error: %v)", op, serr, err)
		}
	}
}

// asTransportError returns the TransportError in err's chain.
func asTransportError(err error) (*TransportError, bool) {
	var terr *TransportError
	ok := errors.As(err, &terr)
	return terr, ok
}
