package yottamock

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Pod statuses, as the mock reports them (Yotta's v2 names).
const (
	statusInitialize  = "INITIALIZE"
	statusRunning     = "RUNNING"
	statusPausing     = "PAUSING"
	statusPaused      = "PAUSED"
	statusTerminating = "TERMINATING"
	statusTerminated  = "TERMINATED"
	statusFailed      = "FAILED"
)

// defaultImageRegistry is what a pod created without imageRegistry reports (Yotta's docs:
// Docker Hub by default).
const defaultImageRegistry = "https://index.docker.io/v1/"

// Defaults the mock applies where Yotta's docs give none (unverified): the console's 100 GB
// system volume, and no shared memory setting.
const (
	defaultContainerVolumeInGB = 100
	defaultShmInGB             = 0
)

// failImageTag makes a pod fail to deploy: an image tagged "mock-fail" (such as
// "busybox:mock-fail") goes FAILED after the boot delay, as a pod whose image cannot be
// pulled.
const failImageTag = ":mock-fail"

// store is the mock's account: pods, credentials, volumes, serverless endpoints and GPU stock. The Server's mutex guards it.
type store struct {
	regions  []Region
	gpuTypes []GPUType
	// stock is the free GPUs of each type in each region ("<type>/<region>").
	stock map[string]int

	pods     map[string]*pod
	podOrder []string
	auths    map[string]*auth

	volumes     map[string]*volume
	volumeOrder []string

	endpoints     map[string]*endpoint
	endpointOrder []string

	bootDelay time.Duration
	rng       *rand.Rand
}

func newStore(opts Options) *store {
	s := &store{
		regions: opts.Regions, gpuTypes: opts.GPUTypes, stock: map[string]int{},
		pods: map[string]*pod{}, auths: map[string]*auth{}, volumes: map[string]*volume{},
		endpoints: map[string]*endpoint{}, bootDelay: opts.BootDelay,
		rng: rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 0x9e3779b97f4a7c15)),
	}
	for _, g := range s.gpuTypes {
		for _, r := range g.Regions {
			s.stock[g.Code+"/"+r] = opts.GPUStock
		}
	}
	return s
}

// newID returns a fresh 18-digit id, like Yotta's (420522713875330018): beyond 2^53, so a
// client that decodes ids as floats gets them wrong.
func (s *store) newID() string {
	for {
		id := strconv.FormatUint(400_000_000_000_000_000+s.rng.Uint64N(99_999_999_999_999_999), 10)
		if _, taken := s.pods[id]; taken {
			continue
		}
		if _, taken := s.auths[id]; taken {
			continue
		}
		if _, taken := s.volumes[id]; taken {
			continue
		}
		if _, taken := s.endpoints[id]; taken {
			continue
		}
		return id
	}
}

func (s *store) gpuType(code string) *GPUType {
	for i := range s.gpuTypes {
		if s.gpuTypes[i].Code == code {
			return &s.gpuTypes[i]
		}
	}
	return nil
}

func (s *store) region(code string) *Region {
	for i := range s.regions {
		if s.regions[i].Code == code {
			return &s.regions[i]
		}
	}
	return nil
}

// pod is a pod of the mock. Its status is computed from the times below at each read.
type pod struct {
	id      string
	req     podRequest
	region  string
	created time.Time
	updated time.Time
	// runningAt is when INITIALIZE ends (creation + boot delay); healthyAt when the exposed
	// ports become healthy (a boot delay later; at once with no delay). A resume sets both
	// again: RUNNING at once, healthy after the boot delay.
	runningAt time.Time
	healthyAt time.Time
	// failAt (when set) is when the pod goes FAILED, with failReason.
	failAt     time.Time
	failReason string
	// pausedAt (when set) is the pause: PAUSING for half the boot delay, then PAUSED.
	pausedAt time.Time
	// deletedAt (when set) is the delete: TERMINATING for half the boot delay, then TERMINATED.
	deletedAt time.Time
	// gpus is how many GPUs the pod holds from the stock (0 once released).
	gpus       int
	proxyPorts map[int]int
	hostOctet  int
	transition time.Duration // half the boot delay at creation
}

func (p *pod) status(now time.Time) string {
	switch {
	case !p.deletedAt.IsZero():
		if now.Before(p.deletedAt.Add(p.transition)) {
			return statusTerminating
		}
		return statusTerminated
	case !p.failAt.IsZero() && !now.Before(p.failAt):
		return statusFailed
	case !p.pausedAt.IsZero():
		if now.Before(p.pausedAt.Add(p.transition)) {
			return statusPausing
		}
		return statusPaused
	case now.Before(p.runningAt):
		return statusInitialize
	}
	return statusRunning
}

// settle releases the GPUs of a pod that no longer holds them (failed or terminated).
func (s *store) settle(p *pod, now time.Time) {
	if p.gpus == 0 {
		return
	}
	switch p.status(now) {
	case statusFailed, statusTerminating, statusTerminated:
		s.stock[p.req.GPUType+"/"+p.region] += p.gpus
		p.gpus = 0
	}
}

// auth is a container registry credential of the mock.
type auth struct {
	id       string
	name     string
	typ      string
	username string
	password string
	created  time.Time
}

// usedBy lists the pods (not terminated) that pull their image with credential id.
func (s *store) usedBy(id string) []*pod {
	var out []*pod
	for _, pid := range s.podOrder {
		p := s.pods[pid]
		if p.req.ContainerRegistryAuthID.String() == id && p.deletedAt.IsZero() {
			out = append(out, p)
		}
	}
	return out
}

// place picks the region of a new pod: the first of the requested regions (all regions, in
// catalogue order, when none is requested) that offers the GPU type with enough free GPUs and
// cards that meet the minimums. It returns "" and why when none can take it.
func (s *store) place(req podRequest, g *GPUType) (region, why string) {
	candidates := req.Regions
	if len(candidates) == 0 {
		for _, r := range s.regions {
			candidates = append(candidates, r.Code)
		}
	}
	if req.MinSingleCardVRAMInGB > g.VRAMInGB || req.MinSingleCardRAMInGB > g.RAMInGB || req.MinSingleCardVCPU > g.VCPU {
		return "", fmt.Sprintf("insufficient resources: no %s card has %d GB VRAM, %d GB RAM and %d vCPUs", g.Code,
			req.MinSingleCardVRAMInGB, req.MinSingleCardRAMInGB, req.MinSingleCardVCPU)
	}
	for _, r := range candidates {
		if slices.Contains(g.Regions, r) && s.stock[g.Code+"/"+r] >= req.GPUCount {
			return r, ""
		}
	}
	return "", fmt.Sprintf("insufficient resources: no region of [%s] has %d free %s GPUs", strings.Join(candidates, ", "), req.GPUCount, g.Code)
}
