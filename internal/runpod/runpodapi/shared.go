package runpodapi

import (
	"context"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/poll"
)

// Shared wraps an API for one provider instance, so that reads are cheap for RunPod's quota
// (REST v2: 60 requests a minute):
//
//   - ReadPod, ReadTemplate, ReadEndpoint, ReadNetworkVolume and ReadContainerRegistryAuth
//     serve a refresh from a snapshot: the first read of a kind lists every object of it with
//     one call (GET /pods, /templates, /endpoints, ... on both REST APIs), and the reads within
//     SnapshotTTL after it are served from that list. An object this instance wrote (created,
//     changed, started, stopped, deleted) is never served from a snapshot; one the list misses
//     is read with its Get method.
//   - WatchPod serves readiness waits from one shared poller: every waiting pod's next look is
//     a round of one list call, and waits whose next look falls close together share a round.
//
// Every other method is the wrapped API's.
type Shared struct {
	API

	now func() time.Time

	mu            sync.Mutex
	written       map[string]bool // "pod/<id>", "endpoint/<id>", ...: objects this instance wrote, never served from a snapshot
	pods          *snapshot[Pod]  // the latest snapshot of each kind (or the one being listed)
	templates     *snapshot[Template]
	endpoints     *snapshot[Endpoint]
	volumes       *snapshot[NetworkVolume]
	registryAuths *snapshot[ContainerRegistryAuth]
	rounds        []*podRound         // planned poll rounds, not started yet, by time
	boots         map[string]BootHint // by image: how long its pods took to boot in this instance
}

// SnapshotTTL is how long one list of a kind serves reads: about one refresh (a plan of a few
// hundred resources refreshes in seconds). The snapshot is dropped for an object on any write
// to it, so this bounds only how stale an object changed outside Terraform can look.
const SnapshotTTL = 30 * time.Second

// NewShared wraps api for one provider instance.
func NewShared(api API) *Shared {
	return &Shared{API: api, now: time.Now, written: map[string]bool{}}
}

// snapshot is one list of objects of a kind, or the call that lists them (done closes when it
// ends).
type snapshot[T any] struct {
	taken time.Time
	done  chan struct{}
	items map[string]*T
	err   error
}

// kind is how a Shared lists, gets and keeps the objects of one type.
type kind[T any] struct {
	name string                      // the prefix of its keys in Shared.written
	slot func(*Shared) **snapshot[T] // where its snapshot is kept
	list func(API, context.Context) ([]T, error)
	get  func(API, context.Context, string) (*T, error)
	id   func(*T) string
}

var (
	podKind = kind[Pod]{
		name: "pod",
		slot: func(s *Shared) **snapshot[Pod] { return &s.pods },
		list: func(api API, ctx context.Context) ([]Pod, error) { return api.ListPods(ctx, PodListFilter{}) },
		get:  API.GetPod,
		id:   func(p *Pod) string { return p.ID },
	}
	templateKind = kind[Template]{
		name: "template",
		slot: func(s *Shared) **snapshot[Template] { return &s.templates },
		// The account's own templates, the ones a runpod_template manages: on REST v1, those
		// bound to an endpoint (any an endpoint was created from) only when asked.
		list: func(api API, ctx context.Context) ([]Template, error) {
			return api.ListTemplates(ctx, TemplateListOptions{IncludeEndpointBound: true})
		},
		get: API.GetTemplate,
		id:  func(t *Template) string { return t.ID },
	}
	endpointKind = kind[Endpoint]{
		name: "endpoint",
		slot: func(s *Shared) **snapshot[Endpoint] { return &s.endpoints },
		list: API.ListEndpoints, // REST v2's: without version and worker count (Endpoint.WorkersUnread)
		get:  API.GetEndpoint,
		id:   func(e *Endpoint) string { return e.ID },
	}
	volumeKind = kind[NetworkVolume]{
		name: "network-volume",
		slot: func(s *Shared) **snapshot[NetworkVolume] { return &s.volumes },
		list: API.ListNetworkVolumes,
		get:  API.GetNetworkVolume,
		id:   func(v *NetworkVolume) string { return v.ID },
	}
	registryAuthKind = kind[ContainerRegistryAuth]{
		name: "registry-auth",
		slot: func(s *Shared) **snapshot[ContainerRegistryAuth] { return &s.registryAuths },
		list: API.ListContainerRegistryAuths,
		get:  API.GetContainerRegistryAuth,
		id:   func(a *ContainerRegistryAuth) string { return a.ID },
	}
)

// ReadPod reads pod id for a refresh (a resource's Read, a data source): from the shared
// snapshot when it can, else with api.GetPod. With an API that is not a *Shared it is GetPod.
func ReadPod(ctx context.Context, api API, id string) (*Pod, error) {
	return podKind.read(ctx, api, id)
}

// ReadTemplate reads template id for a refresh (the template's Read, an endpoint's template
// fingerprint, a data source): from the shared snapshot of the account's own templates when
// it can, else with api.GetTemplate. With an API that is not a *Shared it is GetTemplate.
func ReadTemplate(ctx context.Context, api API, id string) (*Template, error) {
	return templateKind.read(ctx, api, id)
}

// ReadEndpoint reads endpoint id for a refresh (the endpoint's Read): from the shared snapshot
// when it can, else with api.GetEndpoint. With an API that is not a *Shared it is GetEndpoint.
// From REST v2's list the endpoint has no version or worker count (WorkersUnread): the caller
// decides whether it needs them (GetEndpointWorkers).
func ReadEndpoint(ctx context.Context, api API, id string) (*Endpoint, error) {
	return endpointKind.read(ctx, api, id)
}

// ReadNetworkVolume reads network volume id for a refresh (the volume's Read, its data source):
// from the shared snapshot when it can, else with api.GetNetworkVolume.
func ReadNetworkVolume(ctx context.Context, api API, id string) (*NetworkVolume, error) {
	return volumeKind.read(ctx, api, id)
}

// ReadContainerRegistryAuth reads container registry auth id for a refresh: from the shared
// snapshot when it can, else with api.GetContainerRegistryAuth.
func ReadContainerRegistryAuth(ctx context.Context, api API, id string) (*ContainerRegistryAuth, error) {
	return registryAuthKind.read(ctx, api, id)
}

// read serves id from api's snapshot of k when api is a *Shared, else with k's get.
func (k kind[T]) read(ctx context.Context, api API, id string) (*T, error) {
	if s, ok := api.(*Shared); ok {
		return readThrough(ctx, s, k, id)
	}
	return k.get(api, ctx, id)
}

func (k kind[T]) key(id string) string { return k.name + "/" + id }

// readThrough serves id from s's snapshot of k (listing when there is none, or it is older than
// SnapshotTTL), or with k's get when this instance wrote the object, the list failed or missed
// it.
func readThrough[T any](ctx context.Context, s *Shared, k kind[T], id string) (*T, error) {
	slot, key := k.slot(s), k.key(id)
	s.mu.Lock()
	written := s.written[key]
	s.mu.Unlock()
	if written {
		return k.get(s.API, ctx, id)
	}
	snap, err := take(ctx, s, k)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	obj, ok := snap.items[id]
	fresh := ok && !s.written[key] && *slot == snap
	s.mu.Unlock()
	if !fresh { // the list failed or missed it (v2 lists no terminated pod), or it was written or dropped since
		return k.get(s.API, ctx, id)
	}
	cp := *obj
	return &cp, nil
}

// take returns s's snapshot of k once its list call ended, listing when there is none, or it
// is older than SnapshotTTL. Its error is ctx's only: a list that failed is in the snapshot's
// err.
func take[T any](ctx context.Context, s *Shared, k kind[T]) (*snapshot[T], error) {
	slot := k.slot(s)
	s.mu.Lock()
	snap := *slot
	if snap == nil || (snap.items != nil || snap.err != nil) && s.now().Sub(snap.taken) >= SnapshotTTL {
		snap = &snapshot[T]{taken: s.now(), done: make(chan struct{})}
		*slot = snap
		s.mu.Unlock()
		items, err := k.list(s.API, ctx)
		s.mu.Lock()
		snap.err = err
		if err == nil {
			snap.items = make(map[string]*T, len(items))
			for i := range items {
				snap.items[k.id(&items[i])] = &items[i]
			}
		}
		close(snap.done)
	}
	s.mu.Unlock()

	select {
	case <-snap.done:
		return snap, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// ListOwnTemplates lists the account's own templates for a refresh or an import (an imported
// endpoint looking for its template): the shared snapshot's, listing when there is none or it
// is older than SnapshotTTL, so one list call serves the template reads and imports of a
// plan. Once this instance wrote a template (the snapshot may miss it), or when the shared list
// failed, it lists them anew. The templates are in id order.
func ListOwnTemplates(ctx context.Context, api API) ([]Template, error) {
	out, err := ownTemplates(ctx, api)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, err
}

func ownTemplates(ctx context.Context, api API) ([]Template, error) {
	s, ok := api.(*Shared)
	if !ok {
		return templateKind.list(api, ctx)
	}
	s.mu.Lock()
	wroteOne := false
	for key := range s.written {
		wroteOne = wroteOne || strings.HasPrefix(key, templateKind.name+"/")
	}
	s.mu.Unlock()
	if wroteOne {
		return templateKind.list(s.API, ctx)
	}
	snap, err := take(ctx, s, templateKind)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	fresh := snap.err == nil && s.templates == snap // else the list failed, or the snapshot was dropped since
	out := make([]Template, 0, len(snap.items))
	for _, t := range snap.items {
		out = append(out, *t)
	}
	s.mu.Unlock()
	if !fresh {
		return templateKind.list(s.API, ctx)
	}
	return out, nil
}

// wrote records a write to the object id of k: no snapshot serves it from now on.
func (k kind[T]) wrote(s *Shared, id string) {
	s.mu.Lock()
	s.written[k.key(id)] = true
	s.mu.Unlock()
}

// created records obj, which a create answered (err may still say the create was in doubt),
// as written, and passes the answer on.
func (k kind[T]) created(s *Shared, obj *T, err error) (*T, error) {
	if obj != nil {
		k.wrote(s, k.id(obj))
	}
	return obj, err
}

// drop drops s's snapshot of k: a write changed objects of k it cannot name.
func (k kind[T]) drop(s *Shared) {
	s.mu.Lock()
	*k.slot(s) = nil
	s.mu.Unlock()
}

// The writes, recorded so that no snapshot serves an object after this instance changed it.

func (s *Shared) CreateTemplate(ctx context.Context, in TemplateCreateInput) (*Template, error) {
	t, err := s.API.CreateTemplate(ctx, in)
	return templateKind.created(s, t, err)
}

// UpdateTemplate drops the endpoint snapshot as well: REST v1 rolls a template edit out to the
// endpoints on the template (a new release: their version changes).
func (s *Shared) UpdateTemplate(ctx context.Context, id string, in TemplateUpdateInput) (*Template, error) {
	templateKind.wrote(s, id)
	endpointKind.drop(s)
	return s.API.UpdateTemplate(ctx, id, in)
}

func (s *Shared) DeleteTemplate(ctx context.Context, id string) error {
	templateKind.wrote(s, id)
	return s.API.DeleteTemplate(ctx, id)
}

func (s *Shared) CreateEndpoint(ctx context.Context, in EndpointCreateInput) (*Endpoint, error) {
	e, err := s.API.CreateEndpoint(ctx, in)
	return endpointKind.created(s, e, err)
}

func (s *Shared) UpdateEndpoint(ctx context.Context, id string, in EndpointUpdateInput) (*Endpoint, error) {
	endpointKind.wrote(s, id)
	return s.API.UpdateEndpoint(ctx, id, in)
}

// DeleteEndpoint drops the template snapshot as well: REST v2 deletes an endpoint's bound
// template with it (which one is not said).
func (s *Shared) DeleteEndpoint(ctx context.Context, id string) error {
	endpointKind.wrote(s, id)
	err := s.API.DeleteEndpoint(ctx, id)
	templateKind.drop(s)
	return err
}

func (s *Shared) CreateNetworkVolume(ctx context.Context, in NetworkVolumeCreateInput) (*NetworkVolume, error) {
	v, err := s.API.CreateNetworkVolume(ctx, in)
	return volumeKind.created(s, v, err)
}

func (s *Shared) UpdateNetworkVolume(ctx context.Context, id string, in NetworkVolumeUpdateInput) (*NetworkVolume, error) {
	volumeKind.wrote(s, id)
	return s.API.UpdateNetworkVolume(ctx, id, in)
}

func (s *Shared) DeleteNetworkVolume(ctx context.Context, id string) error {
	volumeKind.wrote(s, id)
	return s.API.DeleteNetworkVolume(ctx, id)
}

func (s *Shared) CreateContainerRegistryAuth(ctx context.Context, in ContainerRegistryAuthCreateInput) (*ContainerRegistryAuth, error) {
	a, err := s.API.CreateContainerRegistryAuth(ctx, in)
	return registryAuthKind.created(s, a, err)
}

func (s *Shared) DeleteContainerRegistryAuth(ctx context.Context, id string) error {
	registryAuthKind.wrote(s, id)
	return s.API.DeleteContainerRegistryAuth(ctx, id)
}

func (s *Shared) CreatePod(ctx context.Context, in PodCreateInput) (*Pod, error) {
	p, err := s.API.CreatePod(ctx, in)
	return podKind.created(s, p, err)
}

func (s *Shared) CreateSpotPod(ctx context.Context, in SpotPodCreateInput) (*Pod, error) {
	p, err := s.API.CreateSpotPod(ctx, in)
	return podKind.created(s, p, err)
}

func (s *Shared) UpdatePod(ctx context.Context, id string, in PodUpdateInput) (*Pod, error) {
	podKind.wrote(s, id)
	return s.API.UpdatePod(ctx, id, in)
}

func (s *Shared) StartPod(ctx context.Context, id string) error {
	podKind.wrote(s, id)
	return s.API.StartPod(ctx, id)
}

func (s *Shared) ResumeSpotPod(ctx context.Context, id string, bidPerGPU float64, gpuCount int) error {
	podKind.wrote(s, id)
	return s.API.ResumeSpotPod(ctx, id, bidPerGPU, gpuCount)
}

func (s *Shared) StopPod(ctx context.Context, id string) error {
	podKind.wrote(s, id)
	return s.API.StopPod(ctx, id)
}

func (s *Shared) RestartPod(ctx context.Context, id string) error {
	podKind.wrote(s, id)
	return s.API.RestartPod(ctx, id)
}

func (s *Shared) DeletePod(ctx context.Context, id string) error {
	podKind.wrote(s, id)
	return s.API.DeletePod(ctx, id)
}

// podRound is one planned look at every waiting pod: one list call at time at.
type podRound struct {
	at    time.Time
	ids   map[string]bool
	done  chan struct{}
	pods  map[string]*Pod
	err   error
	timer *time.Timer
}

// WatchPod returns a fresh look at pod id taken about after from now: at a round of the shared
// poller planned between after/2 and after from now (joining one when there is, planning one
// at after otherwise), or with GetPod when the round's list misses the pod. With an API that
// is not a *Shared it sleeps after, then calls GetPod. It ends early with ctx.
func WatchPod(ctx context.Context, api API, id string, after time.Duration) (*Pod, error) {
	if s, ok := api.(*Shared); ok {
		return s.watchPod(ctx, id, after)
	}
	if err := poll.Sleep(ctx, after); err != nil {
		return nil, err
	}
	return api.GetPod(ctx, id)
}

func (s *Shared) watchPod(ctx context.Context, id string, after time.Duration) (*Pod, error) {
	now := s.now()
	earliest, due := now.Add(after/2), now.Add(after)
	s.mu.Lock()
	var round *podRound
	for _, r := range s.rounds {
		if !r.at.Before(earliest) && !r.at.After(due) {
			round = r
			break
		}
	}
	if round == nil {
		round = &podRound{at: due, ids: map[string]bool{}, done: make(chan struct{})}
		s.rounds = append(s.rounds, round)
		sort.Slice(s.rounds, func(i, j int) bool { return s.rounds[i].at.Before(s.rounds[j].at) })
		round.timer = time.AfterFunc(after, func() { s.runRound(round) })
	}
	round.ids[id] = true
	s.mu.Unlock()

	select {
	case <-round.done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if round.err != nil {
		return nil, round.err
	}
	if p, ok := round.pods[id]; ok {
		cp := *p
		return &cp, nil
	}
	return s.API.GetPod(ctx, id) // v2 lists no terminated pod: GetPod says what became of it
}

// runRound lists the pods for every wait that joined round.
func (s *Shared) runRound(round *podRound) {
	s.mu.Lock()
	s.rounds = removeRound(s.rounds, round)
	s.mu.Unlock()
	// The round serves waits with their own deadlines: it is bounded by the longest a read takes.
	ctx, cancel := context.WithTimeout(context.Background(), roundTimeout)
	defer cancel()
	pods, err := s.API.ListPods(ctx, PodListFilter{})
	round.err = err
	if err == nil {
		round.pods = make(map[string]*Pod, len(round.ids))
		for i := range pods {
			if round.ids[pods[i].ID] {
				round.pods[pods[i].ID] = &pods[i]
			}
		}
	}
	close(round.done)
}

// roundTimeout bounds one round's list call (retries included).
const roundTimeout = 2 * time.Minute

func removeRound(rounds []*podRound, r *podRound) []*podRound {
	for i, x := range rounds {
		if x == r {
			return append(rounds[:i], rounds[i+1:]...)
		}
	}
	return rounds
}

// BootHint is what one provider instance saw of the pods of one image booting, measured from
// the start of each readiness wait: NotBefore is the shortest time a pod was still seen not
// ready (none of them booted sooner than this, as far as their looks tell), By the longest
// time until a pod was seen ready. Pods of one image in one apply boot alike (the image is
// cached on the host after the first pull), so a later pod's wait looks first near
// NotBefore and then tightly until By, instead of walking the whole backoff again.
type BootHint struct {
	NotBefore, By time.Duration
}

// BootHintFor returns the boot times this provider instance saw for image, and whether it saw
// any. With an API that is not a *Shared there are none.
func BootHintFor(api API, image string) (BootHint, bool) {
	s, ok := api.(*Shared)
	if !ok || image == "" {
		return BootHint{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	h, ok := s.boots[image]
	return h, ok
}

// NoteBoot records one pod of image seen not ready at notReadyAt and ready at readyAt after its
// wait began. A pod ready at its first look (notReadyAt 0) says nothing of the boot.
func NoteBoot(api API, image string, notReadyAt, readyAt time.Duration) {
	s, ok := api.(*Shared)
	if !ok || image == "" || notReadyAt <= 0 || readyAt < notReadyAt {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.boots == nil {
		s.boots = map[string]BootHint{}
	}
	h, seen := s.boots[image]
	if !seen {
		s.boots[image] = BootHint{NotBefore: notReadyAt, By: readyAt}
		return
	}
	s.boots[image] = BootHint{NotBefore: min(h.NotBefore, notReadyAt), By: max(h.By, readyAt)}
}
