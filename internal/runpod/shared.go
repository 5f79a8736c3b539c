package runpod

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sort"
	"sync"
	"time"
)

// Shared wraps an API for one provider instance, so that reads are cheap for RunPod's quota
// (REST v2: 60 requests a minute):
//
//   - ReadPod serves a refresh from a snapshot: the first read lists every pod with one call
//     (GET /pods on both REST APIs), and the reads within SnapshotTTL after it are served from
//     that list. A pod this instance wrote (created, changed, started, stopped, deleted) is
//     never served from a snapshot; a pod the list misses is read with GetPod.
//   - WatchPod serves readiness waits from one shared poller: every waiting pod's next look is
//     a round of one list call, and waits whose next look falls close together share a round.
//
// Every other method is the wrapped API's.
type Shared struct {
	API

	now func() time.Time

	mu      sync.Mutex
	written map[string]bool // pod ids this instance wrote: never served from a snapshot
	snap    *podSnapshot    // the latest snapshot (or the one being listed)
	rounds  []*podRound     // planned poll rounds, not started yet, by time
}

// SnapshotTTL is how long one list of pods serves reads: about one refresh (a plan of a few
// hundred resources refreshes in seconds). The snapshot is dropped for an object on any write
// to it, so this bounds only how stale a pod changed outside Terraform can look.
const SnapshotTTL = 30 * time.Second

// NewShared wraps api for one provider instance.
func NewShared(api API) *Shared {
	return &Shared{API: api, now: time.Now, written: map[string]bool{}}
}

// podSnapshot is one list of pods, or the call that lists them (done closes when it ends).
type podSnapshot struct {
	taken time.Time
	done  chan struct{}
	pods  map[string]*Pod
	err   error
}

// ReadPod reads pod id for a refresh (a resource's Read, a data source): from the shared
// snapshot when it can, else with api.GetPod. With an API that is not a *Shared it is GetPod.
func ReadPod(ctx context.Context, api API, id string) (*Pod, error) {
	if s, ok := api.(*Shared); ok {
		return s.readPod(ctx, id)
	}
	return api.GetPod(ctx, id)
}

func (s *Shared) readPod(ctx context.Context, id string) (*Pod, error) {
	s.mu.Lock()
	if s.written[id] {
		s.mu.Unlock()
		return s.API.GetPod(ctx, id)
	}
	snap := s.snap
	if snap == nil || (snap.pods != nil || snap.err != nil) && s.now().Sub(snap.taken) >= SnapshotTTL {
		snap = &podSnapshot{taken: s.now(), done: make(chan struct{})}
		s.snap = snap
		s.mu.Unlock()
		pods, err := s.API.ListPods(ctx, PodListFilter{})
		s.mu.Lock()
		snap.err = err
		if err == nil {
			snap.pods = make(map[string]*Pod, len(pods))
			for i := range pods {
				snap.pods[pods[i].ID] = &pods[i]
			}
		}
		close(snap.done)
	}
	s.mu.Unlock()

	select {
	case <-snap.done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	s.mu.Lock()
	p, ok := snap.pods[id]
	fresh := ok && !s.written[id]
	s.mu.Unlock()
	if !fresh { // listing failed, the list missed it (v2 lists no terminated pod), or written since
		return s.API.GetPod(ctx, id)
	}
	cp := *p
	return &cp, nil
}

// wrote records a write to pod id: no snapshot serves it from now on.
func (s *Shared) wrote(id string) {
	s.mu.Lock()
	s.written[id] = true
	s.mu.Unlock()
}

// The writes to pods, recorded so that no snapshot serves a pod after this instance changed it.

func (s *Shared) CreatePod(ctx context.Context, in PodCreateInput) (*Pod, error) {
	p, err := s.API.CreatePod(ctx, in)
	if p != nil {
		s.wrote(p.ID)
	}
	return p, err
}

func (s *Shared) CreateSpotPod(ctx context.Context, in SpotPodCreateInput) (*Pod, error) {
	p, err := s.API.CreateSpotPod(ctx, in)
	if p != nil {
		s.wrote(p.ID)
	}
	return p, err
}

func (s *Shared) UpdatePod(ctx context.Context, id string, in PodUpdateInput) (*Pod, error) {
	s.wrote(id)
	return s.API.UpdatePod(ctx, id, in)
}

func (s *Shared) StartPod(ctx context.Context, id string) error {
	s.wrote(id)
	return s.API.StartPod(ctx, id)
}

func (s *Shared) ResumeSpotPod(ctx context.Context, id string, bidPerGPU float64, gpuCount int) error {
	s.wrote(id)
	return s.API.ResumeSpotPod(ctx, id, bidPerGPU, gpuCount)
}

func (s *Shared) StopPod(ctx context.Context, id string) error {
	s.wrote(id)
	return s.API.StopPod(ctx, id)
}

func (s *Shared) RestartPod(ctx context.Context, id string) error {
	s.wrote(id)
	return s.API.RestartPod(ctx, id)
}

func (s *Shared) DeletePod(ctx context.Context, id string) error {
	s.wrote(id)
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
	if err := sleepContext(ctx, after); err != nil {
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

// Transient reports whether err is a failure a wait should poll through until its own
// deadline: RunPod throttling (429), a server error (5xx), or no answer at all.
func Transient(err error) bool {
	if err == nil {
		return false
	}
	if code := StatusCode(err); code == http.StatusTooManyRequests || code >= 500 {
		return true
	}
	var te *TransportError
	var ne net.Error
	return errors.As(err, &te) || errors.As(err, &ne)
}
