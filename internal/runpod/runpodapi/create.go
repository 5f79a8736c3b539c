package runpodapi

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/adoption"
)

// A create whose outcome RunPod did not report (an *OutcomeUnknownError: a 5xx, a lost answer,
// the operation's time running out after the request left) may have made the object. Sending
// it again could make a second one; giving up could leave the first one billing outside
// Terraform. So the client looks for it, the same way on every backend and for every kind of
// object: it lists the account's objects of that kind and keeps those that match what the
// create sent and that were made after the request left. Exactly one match is adopted: the
// create returns it as if RunPod had answered. None means the create did not happen
// (CreateNotAppliedError). Several mean the client cannot tell which one the create made
// (AmbiguousCreateError, naming each). "Made after the request left" is judged by:
//
//   - the creation time RunPod reports (REST v2 pods and endpoints, REST v1 endpoints),
//     compared on RunPod's clock (the Date header of its answers);
//   - the name, for templates and registry credentials, whose names are unique in an
//     account: the one with the name and what else was sent is the one;
//   - a list read before sending, for what RunPod reports no creation time of (network
//     volumes; REST v1 pods): what it held before is not the new object. That read costs one
//     call per create of those kinds. When it fails, a match is never adopted blindly: it is
//     reported like several.
//
// Objects this client created itself (in this Terraform run) never count as matches.

// recoverTimeout bounds the lookup, which may run after the operation's own time ran out.
const recoverTimeout = time.Minute

// clockSlack widens "created after the request left": RunPod's Date header and creation times
// have a resolution of a second.
const clockSlack = 2 * time.Second

// lookup says how to find what a create made, for one kind of object.
type lookup[T any] struct {
	kind  string // "pod", "network volume": for messages
	list  func(context.Context) ([]T, error)
	id    func(T) string
	match func(T) bool // the object matches what the create sent
	// createdAt is when RunPod says the object was made ("" when it does not say); nil when
	// this kind reports none.
	createdAt func(T) string
	describe  func(T) string // for messages: `"name" (image ..., created ...)`
	// uniqueName: the account holds at most one object with the name, so a match is the one.
	uniqueName bool
	// snapshot: read the list before sending, since RunPod reports no creation time.
	snapshot bool
}

// createOnce sends a create with send and, when RunPod did not report its outcome, looks for
// what it made (see above). The object returned is remembered as this client's own.
func createOnce[T any](ctx context.Context, t *transport, op string, lk lookup[T], send func(context.Context) (*T, error)) (*T, error) {
	var before map[string]bool
	if lk.snapshot {
		if list, err := lk.list(ctx); err == nil {
			before = make(map[string]bool, len(list))
			for _, o := range list {
				before[lk.id(o)] = true
			}
		} else {
			tflog.Warn(ctx, "could not list before the create: should its answer be lost, a match found afterwards is not adopted",
				map[string]any{"operation": op, "error": err.Error()})
		}
	}
	// Matches are judged against the first send: an object an earlier send made that the
	// account's list shows only later still counts.
	firstSent := time.Now()
	for sends := 1; ; sends++ {
		obj, err := send(ctx)
		if err == nil {
			if obj != nil {
				t.remember(lk.id(*obj))
			}
			return obj, nil
		}
		var unknown *OutcomeUnknownError
		if !errors.As(err, &unknown) {
			return nil, err
		}
		obj, err = recoverCreate(ctx, t, op, lk, firstSent, before, err)
		var notApplied *CreateNotAppliedError
		if !errors.As(err, &notApplied) || sends >= maxCreateSends {
			return obj, err
		}
		// The lookup showed the create did not happen, so sending it again cannot make a
		// second object: do so while the operation has time, as a user applying again would.
		wait := backoff(t.retry, sends)
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait+time.Second {
			return nil, err
		}
		tflog.Warn(ctx, "the create did not happen: sending it again", map[string]any{"operation": op, "send": sends + 1, "wait": wait.String()})
		select {
		case <-ctx.Done():
			return nil, err
		case <-time.After(wait):
		}
	}
}

// maxCreateSends bounds how often a create that the lookup showed did not happen is sent.
const maxCreateSends = 3

func recoverCreate[T any](ctx context.Context, t *transport, op string, lk lookup[T], sent time.Time, before map[string]bool, cause error) (*T, error) {
	tflog.Warn(ctx, "RunPod did not report whether the create happened: looking for what it may have made", map[string]any{
		"operation": op, "error": cause.Error(),
	})
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), recoverTimeout)
	defer cancel()
	all, err := lk.list(rctx)
	if err != nil {
		return nil, &CreateUnknownError{Operation: op, Kind: lk.kind, Err: cause, LookupErr: err}
	}
	since := time.Time{}
	if lk.createdAt != nil {
		// The list's answer has just updated the clock offset: RunPod's time when the create left.
		since = sent.Add(t.serverNow().Sub(time.Now())).Add(-clockSlack)
	}
	var found []T
	for _, o := range all {
		id := lk.id(o)
		if t.isOwn(id) || before[id] || !lk.match(o) {
			continue
		}
		if lk.createdAt != nil {
			if at, ok := parseAPITime(lk.createdAt(o)); ok && at.Before(since) {
				continue
			}
		}
		found = append(found, o)
	}
	trusted := !lk.snapshot || before != nil
	switch {
	case len(found) == 0:
		return nil, &CreateNotAppliedError{Operation: op, Kind: lk.kind, Err: cause}
	case len(found) == 1 && trusted:
		id := lk.id(found[0])
		t.remember(id)
		tflog.Warn(ctx, "found and adopted the object the create made", map[string]any{"operation": op, "id": id})
		adoption.Notify(ctx, adoption.Notice{Kind: lk.kind, ID: id, Cause: cause}) // the resource warns
		return &found[0], nil
	}
	matches := make([]CreateMatch, len(found))
	for i, o := range found {
		matches[i] = CreateMatch{ID: lk.id(o), Description: lk.describe(o)}
	}
	return nil, &AmbiguousCreateError{Operation: op, Kind: lk.kind, Err: cause, Matches: matches, Unchecked: !trusted}
}

// parseAPITime reads a creation time as RunPod writes it: RFC 3339 (REST v2) or Go's
// time.String form (REST v1: "2025-12-16 17:44:56.726 +0000 UTC").
func parseAPITime(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999 -0700 MST", "2006-01-02 15:04:05 -0700 MST"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// CreateNotAppliedError is a create whose outcome RunPod did not report, after which RunPod
// listed nothing it made: the create did not happen, and applying again makes it.
type CreateNotAppliedError struct {
	Operation string
	Kind      string
	Err       error // the create's *OutcomeUnknownError
}

func (e *CreateNotAppliedError) Error() string {
	return fmt.Sprintf("%s: %s. The provider then listed the account's %ss: none matches the request and was made since "+
		"it was sent, so the %s was not created (nothing to clean up; applying again creates it)",
		e.Operation, causeText(e.Operation, e.Err), e.Kind, e.Kind)
}

func (e *CreateNotAppliedError) Unwrap() error { return e.Err }

// CreateUnknownError is a create whose outcome RunPod did not report, and whose lookup failed
// too: RunPod may hold a new object that Terraform does not know.
type CreateUnknownError struct {
	Operation string
	Kind      string
	Err       error // the create's *OutcomeUnknownError
	LookupErr error
}

func (e *CreateUnknownError) Error() string {
	return fmt.Sprintf("%s: %s. Listing the account's %ss to find out failed as well (%v), so RunPod may now hold a %s "+
		"that Terraform does not manage: look for it in RunPod's console before applying again (applying again would "+
		"create another)", e.Operation, causeText(e.Operation, e.Err), e.Kind, e.LookupErr, e.Kind)
}

func (e *CreateUnknownError) Unwrap() error { return e.Err }

// AmbiguousCreateError is a create whose outcome RunPod did not report, after which RunPod
// lists several objects that it may have made (or one that cannot be told apart from an
// older one): the client adopts none.
type AmbiguousCreateError struct {
	Operation string
	Kind      string
	Err       error // the create's *OutcomeUnknownError
	Matches   []CreateMatch
	// Unchecked: the list before the create could not be read, so the matches may be older.
	Unchecked bool
}

// CreateMatch is an object a create may have made.
type CreateMatch struct {
	ID          string
	Description string
}

func (e *AmbiguousCreateError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s. ", e.Operation, causeText(e.Operation, e.Err))
	if e.Unchecked {
		fmt.Fprintf(&b, "RunPod lists %d %s(s) matching the request, and the provider could not read the list before "+
			"sending it, so it cannot tell whether one of them is new: it adopted none:", len(e.Matches), e.Kind)
	} else {
		fmt.Fprintf(&b, "RunPod now lists %d %ss that match the request and were made since it was sent; the provider "+
			"cannot tell which one this create made, so it adopted none:", len(e.Matches), e.Kind)
	}
	for _, m := range e.Matches {
		fmt.Fprintf(&b, "\n  - %s %s", m.ID, m.Description)
	}
	return b.String()
}

func (e *AmbiguousCreateError) Unwrap() error { return e.Err }

// IDs lists the ids of the matches.
func (e *AmbiguousCreateError) IDs() []string {
	out := make([]string, len(e.Matches))
	for i, m := range e.Matches {
		out[i] = m.ID
	}
	return out
}

// causeText says what became of a request, without the operation its error names.
func causeText(op string, err error) string {
	var unknown *OutcomeUnknownError
	if errors.As(err, &unknown) {
		return "RunPod did not say whether it happened (" + describeCause(op, unknown.Err) + ")"
	}
	return describeCause(op, err)
}

// ---------------------------------------------------------------------------------------
// What each kind of create is matched on. Fields the create did not send (RunPod's
// defaults) are not compared.

// podLookup finds a pod made by a create of in placed on gpuIDs or cpuIDs (the candidates
// that request allowed; empty: any), with list (the backend's ListPods) and, when the backend
// reports creation times, createdAt.
func podLookup(list func(context.Context) ([]Pod, error), in PodCreateInput, gpuIDs, cpuIDs []string, withTimes bool) lookup[Pod] {
	lk := lookup[Pod]{
		kind: "pod",
		list: list,
		id:   func(p Pod) string { return p.ID },
		match: func(p Pod) bool {
			if in.Name != nil && p.Name != *in.Name {
				return false
			}
			if in.ImageName != nil && *in.ImageName != "" && p.ImageName != *in.ImageName {
				return false
			}
			if in.TemplateID != nil && p.TemplateID != "" && p.TemplateID != *in.TemplateID {
				return false
			}
			if gpu := podGPUType(p); len(gpuIDs) > 0 && gpu != "" && !slices.Contains(gpuIDs, gpu) {
				return false
			}
			if len(cpuIDs) > 0 && p.CPUFlavorID != "" && !slices.Contains(cpuIDs, p.CPUFlavorID) {
				return false
			}
			if in.GPUCount != nil && p.GPU != nil && p.GPU.Count != 0 && p.GPU.Count != *in.GPUCount {
				return false
			}
			return p.DesiredStatus != PodStatusTerminated
		},
		describe: func(p Pod) string {
			parts := []string{fmt.Sprintf("%q", p.Name), "image " + p.ImageName}
			if gpu := podGPUType(p); gpu != "" {
				parts = append(parts, "GPU "+gpu)
			}
			if p.CreatedAt != "" {
				parts = append(parts, "created "+p.CreatedAt)
			}
			return "(" + strings.Join(parts, ", ") + ")"
		},
	}
	if withTimes {
		lk.createdAt = func(p Pod) string { return p.CreatedAt }
	} else {
		lk.snapshot = true
	}
	return lk
}

func podGPUType(p Pod) string {
	if p.GPU != nil && p.GPU.ID != "" {
		return p.GPU.ID
	}
	if p.Machine != nil {
		return p.Machine.GPUTypeID
	}
	return ""
}

func allPods(api interface {
	ListPods(context.Context, PodListFilter) ([]Pod, error)
}) func(context.Context) ([]Pod, error) {
	return func(ctx context.Context) ([]Pod, error) { return api.ListPods(ctx, PodListFilter{}) }
}

// endpointLookup finds an endpoint made by a create of in.
func endpointLookup(list func(context.Context) ([]Endpoint, error), in EndpointCreateInput) lookup[Endpoint] {
	return lookup[Endpoint]{
		kind: "endpoint",
		list: list,
		id:   func(e Endpoint) string { return e.ID },
		match: func(e Endpoint) bool {
			if in.Name != nil && e.Name != *in.Name {
				return false
			}
			if e.TemplateID != "" && in.TemplateID != "" && e.TemplateID != in.TemplateID {
				return false
			}
			if in.ComputeType != nil && e.ComputeType != "" && !strings.EqualFold(e.ComputeType, *in.ComputeType) {
				return false
			}
			if in.WorkersMax != nil && e.WorkersMax != *in.WorkersMax || in.WorkersMin != nil && e.WorkersMin != *in.WorkersMin {
				return false
			}
			return true
		},
		createdAt: func(e Endpoint) string { return e.CreatedAt },
		describe: func(e Endpoint) string {
			return fmt.Sprintf("(%q, created %s)", e.Name, e.CreatedAt)
		},
	}
}

// templateLookup finds the template a create of in made: names are unique, so the one with
// the name and the image sent.
func templateLookup(list func(context.Context) ([]Template, error), in TemplateCreateInput) lookup[Template] {
	return lookup[Template]{
		kind:       "template",
		list:       list,
		id:         func(t Template) string { return t.ID },
		match:      func(t Template) bool { return t.Name == in.Name && t.ImageName == in.ImageName },
		describe:   func(t Template) string { return fmt.Sprintf("(%q, image %s)", t.Name, t.ImageName) },
		uniqueName: true,
	}
}

// volumeLookup finds the network volume a create of in made (RunPod reports no creation time:
// the list is read before the create).
func volumeLookup(list func(context.Context) ([]NetworkVolume, error), in NetworkVolumeCreateInput) lookup[NetworkVolume] {
	return lookup[NetworkVolume]{
		kind: "network volume",
		list: list,
		id:   func(v NetworkVolume) string { return v.ID },
		match: func(v NetworkVolume) bool {
			return v.Name == in.Name && v.Size == in.Size && v.DataCenterID == in.DataCenterID &&
				(in.Type == nil || v.Type == "" || v.Type == *in.Type)
		},
		describe: func(v NetworkVolume) string {
			return fmt.Sprintf("(%q, %d GB in %s)", v.Name, v.Size, v.DataCenterID)
		},
		snapshot: true,
	}
}

// registryAuthLookup finds the registry credential a create of in made: names are unique.
func registryAuthLookup(list func(context.Context) ([]ContainerRegistryAuth, error), in ContainerRegistryAuthCreateInput) lookup[ContainerRegistryAuth] {
	return lookup[ContainerRegistryAuth]{
		kind:       "container registry auth",
		list:       list,
		id:         func(a ContainerRegistryAuth) string { return a.ID },
		match:      func(a ContainerRegistryAuth) bool { return a.Name == in.Name },
		describe:   func(a ContainerRegistryAuth) string { return fmt.Sprintf("(%q)", a.Name) },
		uniqueName: true,
	}
}

// createSpot rents a spot pod through GraphQL (podRentInterruptable), looked up with lk when
// its answer is lost, then reads it with get. When that read fails, the pod is returned with
// its id alone (running): it exists, and the caller must keep it rather than lose it.
func createSpot(ctx context.Context, t *transport, gql *graphQL, lk lookup[Pod], in SpotPodCreateInput, get func(context.Context, string) (*Pod, error)) (*Pod, error) {
	const op = "create spot pod"
	rented := false
	pod, err := createOnce(ctx, t, op, lk, func(ctx context.Context) (*Pod, error) {
		id, err := gql.rentInterruptable(ctx, in)
		if err != nil {
			return nil, err
		}
		rented = true
		return &Pod{ID: id, DesiredStatus: PodStatusRunning}, nil
	})
	if err != nil {
		return nil, err
	}
	if !rented {
		return pod, nil // adopted: the list's object
	}
	full, err := get(ctx, pod.ID)
	if err != nil {
		tflog.Warn(ctx, "created the spot pod but could not read it back", map[string]any{"pod_id": pod.ID, "error": err.Error()})
		return pod, nil
	}
	return full, nil
}

// nonEmpty is the one-element list of s, or nil when s is empty.
func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}
