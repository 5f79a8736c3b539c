package runpodapi

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// restV2 implements API with RunPod's REST v2 (Config.APIURL, paths /v2/...) and, for spot
// pods only (v2 has none), GraphQL. This file says which calls each method makes, in which
// order and with which retry mode; the wire shapes and their mapping are in wirev2.go.
type restV2 struct {
	t       *transport
	baseURL string
	gql     *graphQL

	// The GPU catalog's type -> serverless pool index, read for endpoints (which name pools)
	// and kept a while: pools change rarely, and every endpoint read needs it.
	poolsMu   sync.Mutex
	pools     *gpuPools
	poolsRead time.Time

	// The data center catalog, kept a short while: one plan validates every network volume's
	// data center against it, and the runpod_data_centers data source reads the same.
	dataCentersMu   sync.Mutex
	dataCenters     []DataCenter
	dataCentersRead time.Time

	// The CPU flavor catalog, kept as long as the data centers: one plan checks every pod's
	// cpu_flavor_ids against it.
	cpuFlavorsMu   sync.Mutex
	cpuFlavors     []CPUFlavor
	cpuFlavorsRead time.Time
}

// poolsTTL is how long the pool index is reused.
const poolsTTL = 10 * time.Minute

// dataCentersTTL is how long the data center catalog is reused. Its ids and volume tiers
// change rarely; its GPU stock changes, so the reuse is kept to about one Terraform command.
const dataCentersTTL = time.Minute

func newRESTv2(cfg Config) (*restV2, error) {
	base, err := checkURL("API", cfg.APIURL)
	if err != nil {
		return nil, err
	}
	// The base is the origin (paths carry /v2); RunPod's docs also write it with /v2.
	base = strings.TrimSuffix(base, "/v2")
	if _, err := checkURL("GraphQL", cfg.GraphQLURL); err != nil {
		return nil, err
	}
	t := newTransport(cfg)
	return &restV2{t: t, baseURL: base, gql: &graphQL{t: t, url: cfg.GraphQLURL}}, nil
}

func (c *restV2) Backend() Backend { return BackendV2 }

func (c *restV2) url(path string, query url.Values, segments ...string) string {
	escaped := make([]any, len(segments))
	for i, s := range segments {
		escaped[i] = url.PathEscape(s)
	}
	u := c.baseURL + fmt.Sprintf(path, escaped...)
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	return u
}

// Calls by kind: reads and DELETE may be repeated; a create, a PATCH or an action is resent
// only when RunPod provably did not act on it (transport.retryUnsent), and otherwise looked up
// (create.go) or read back (readback.go).

func (c *restV2) get(ctx context.Context, op, u string, out any) error {
	return c.t.do(ctx, request{op: op, method: http.MethodGet, url: u, retry: retryIdempotent}, out)
}

func (c *restV2) create(ctx context.Context, op, u string, in, out any) error {
	return c.t.do(ctx, request{op: op, method: http.MethodPost, url: u, body: in, retry: retryUnsent}, out)
}

func (c *restV2) patch(ctx context.Context, op, u string, in, out any) error {
	return c.t.do(ctx, request{op: op, method: http.MethodPatch, url: u, body: in, retry: retryUnsent}, out)
}

// remove deletes; an object already gone counts as deleted.
func (c *restV2) remove(ctx context.Context, op, u string) error {
	err := c.t.do(ctx, request{op: op, method: http.MethodDelete, url: u, retry: retryIdempotent}, nil)
	if IsNotFound(err) {
		return nil
	}
	return err
}

// opErr names the operation in an error from the mapping layer.
func opErr(op string, err error) error {
	var unsupported *UnsupportedError
	if errors.As(err, &unsupported) {
		unsupported.Operation, unsupported.Backend = op, BackendV2
		return unsupported
	}
	return fmt.Errorf("%s: %w", op, err)
}

// isEmptyJSON reports whether body marshals to {} (a PATCH that changes nothing).
func isEmptyJSON(body any) bool {
	b, err := json.Marshal(body)
	return err == nil && bytes.Equal(b, []byte("{}"))
}

// ---------------------------------------------------------------------------------------
// Pods

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
				d := created.domain()
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

// placementMovesOn reports whether a failed create should try its next candidate: no
// capacity there (a 400, see isCapacityError) or no access to that GPU pool (403). Anything
// else (402 balance, 422 contract, another 400, 5xx) fails the same on every candidate.
func placementMovesOn(err error) bool {
	return StatusCode(err) == http.StatusForbidden || isCapacityError(err)
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
		d := out.domain()
		return &d, nil
	})
	if err != nil {
		return &pod, fmt.Errorf("the pod %s was created but locking it failed: %w", pod.ID, err)
	}
	return locked2, nil
}

// placement is one create attempt: a GPU type or CPU flavor, and the data centers allowed.
type placement struct {
	label       string
	gpuID       string
	cpuID       string
	dataCenters []string
	skip        error // not tried, for this reason
}

func (p placement) apply(b v2CreatePod) v2CreatePod {
	if b.GPU != nil {
		gpu := *b.GPU
		gpu.ID = p.gpuID
		b.GPU = &gpu
	}
	if b.CPU != nil {
		cpu := *b.CPU
		cpu.ID = p.cpuID
		b.CPU = &cpu
	}
	b.DataCenterIDs = p.dataCenters
	return b
}

// catalogEntry is what the catalog says of one GPU type or CPU flavor for this create.
type catalogEntry struct {
	availability string
	price        float64
	dataCenters  []v2Availability
}

// podPlacements emulates v1's priority lists, which v2 does not have (it places one GPU type
// or CPU flavor per request):
//
//   - the candidates are GPUTypeIDs (CPUFlavorIDs for a CPU pod) in the order given; with
//     priority "availability" they are ordered by the catalog's stock, HIGH first (stable);
//     with none given, the catalog's available ones, most available first, then cheapest;
//   - DataCenterIDs go to v2 as they are (v2 enforces the list); with DataCenterPriority
//     "custom", each data center is tried on its own, in order, for each candidate;
//   - CountryCodes (no v2 field) become the data centers of each candidate in those
//     countries (intersected with DataCenterIDs); a candidate with none there is skipped.
//
// The catalog is read once, and only when needed: explicit candidates in the given order,
// without country codes, make no catalog call.
func (c *restV2) podPlacements(ctx context.Context, op string, in PodCreateInput) ([]placement, error) {
	cpu := isCPUPod(in)
	ids, priority, what := in.GPUTypeIDs, deref(in.GPUTypePriority), "GPU type"
	if cpu {
		ids, priority, what = in.CPUFlavorIDs, deref(in.CPUFlavorPriority), "CPU flavor"
	}
	var candidates []string
	if ids != nil {
		for _, id := range *ids {
			if !slices.Contains(candidates, id) {
				candidates = append(candidates, id)
			}
		}
	}
	dcs := derefSlice(in.DataCenterIDs)
	countries := derefSlice(in.CountryCodes)

	var catalog map[string]catalogEntry
	var order []string
	if len(candidates) == 0 || priority == priorityAvailability || len(countries) > 0 {
		var err error
		if catalog, order, err = c.placementCatalog(ctx, op, in, cpu, countries); err != nil {
			return nil, err
		}
	}
	// rank is a candidate's stock: its best in DataCenterIDs when given, else overall; -1
	// when the catalog does not list it.
	rank := func(id string) int {
		e, ok := catalog[id]
		if !ok {
			return -1
		}
		if len(dcs) == 0 {
			return availabilityRank[e.availability]
		}
		best := 0
		for _, dc := range e.dataCenters {
			if slices.Contains(dcs, dc.ID) {
				best = max(best, availabilityRank[dc.Availability])
			}
		}
		return best
	}
	switch {
	case len(candidates) == 0:
		for _, id := range order {
			if rank(id) > 0 {
				candidates = append(candidates, id)
			}
		}
		sort.SliceStable(candidates, func(i, j int) bool {
			ri, rj := rank(candidates[i]), rank(candidates[j])
			if ri != rj {
				return ri > rj
			}
			return catalog[candidates[i]].price < catalog[candidates[j]].price
		})
		if len(candidates) == 0 {
			return nil, fmt.Errorf("%s: RunPod's catalog lists no %s with stock now for this request (%s); name %ss to try "+
				"them anyway, or allow another cloud or other data centers", op, what, catalogScope(in, cpu, dcs, countries), what)
		}
	case priority == priorityAvailability:
		sort.SliceStable(candidates, func(i, j int) bool { return rank(candidates[i]) > rank(candidates[j]) })
	}

	var plan []placement
	for _, id := range candidates {
		label := fmt.Sprintf("%s %q", what, id)
		allowed := dcs
		if len(countries) > 0 {
			allowed = nil
			offered := catalog[id].dataCenters
			for _, dc := range offered {
				// The GPU catalog was read for those countries only; the CPU catalog has no
				// country filter, so the country is read from the data center id.
				if cpu && !slices.Contains(countries, CountryOfDataCenter(dc.ID)) {
					continue
				}
				if len(dcs) == 0 {
					allowed = append(allowed, dc.ID)
				}
			}
			if len(dcs) > 0 { // keep DataCenterIDs' order (it may be a priority)
				for _, dc := range dcs {
					if slices.ContainsFunc(offered, func(a v2Availability) bool { return a.ID == dc }) &&
						(!cpu || slices.Contains(countries, CountryOfDataCenter(dc))) {
						allowed = append(allowed, dc)
					}
				}
			}
			if len(allowed) == 0 {
				where := "in " + strings.Join(countries, ", ")
				if len(dcs) > 0 {
					where += " among " + strings.Join(dcs, ", ")
				}
				plan = append(plan, placement{label: label, skip: fmt.Errorf("RunPod's catalog lists no data center %s offering it", where)})
				continue
			}
		}
		one := func(dataCenters []string) placement {
			p := placement{label: label, dataCenters: dataCenters}
			if len(dataCenters) > 0 {
				p.label += " in " + strings.Join(dataCenters, ", ")
			}
			if cpu {
				p.cpuID = id
			} else {
				p.gpuID = id
			}
			return p
		}
		if deref(in.DataCenterPriority) == priorityCustom && len(allowed) > 1 {
			for _, dc := range allowed {
				plan = append(plan, one([]string{dc}))
			}
			continue
		}
		plan = append(plan, one(allowed))
	}
	return plan, nil
}

func catalogScope(in PodCreateInput, cpu bool, dcs, countries []string) string {
	var parts []string
	if cpu {
		parts = append(parts, fmt.Sprintf("%d vCPUs", deref(podCreateVCPUs(in))))
	} else {
		parts = append(parts, fmt.Sprintf("%d GPU(s), cloud %s", podGPUCount(in), podCloud(in)))
	}
	if len(dcs) > 0 {
		parts = append(parts, "data centers "+strings.Join(dcs, ", "))
	}
	if len(countries) > 0 {
		parts = append(parts, "countries "+strings.Join(countries, ", "))
	}
	return strings.Join(parts, "; ")
}

func podGPUCount(in PodCreateInput) int {
	if in.GPUCount != nil {
		return *in.GPUCount
	}
	return v1DefaultGPUCount
}

func podCreateVCPUs(in PodCreateInput) *int {
	if in.VCPUCount != nil {
		return in.VCPUCount
	}
	return Ptr(v1DefaultVCPUCount)
}

func podCloud(in PodCreateInput) string {
	if c := deref(in.CloudType); c != "" {
		return c
	}
	return cloudSecure
}

// placementCatalog reads the stock a create's candidates are chosen and ordered by: one call,
// GET /v2/catalog/gpus?include=AVAILABILITY&product=POD&count=N&cloud=C[&countryCodes=..] or
// GET /v2/catalog/cpus?include=AVAILABILITY&product=POD&vcpuCount=N.
func (c *restV2) placementCatalog(ctx context.Context, op string, in PodCreateInput, cpu bool, countries []string) (map[string]catalogEntry, []string, error) {
	entries := map[string]catalogEntry{}
	var order []string
	if cpu {
		q := url.Values{"include": {"AVAILABILITY"}, "product": {"POD"}, "vcpuCount": {strconv.Itoa(*podCreateVCPUs(in))}}
		var list v2ListCPUTypes
		if err := c.get(ctx, op+": read the CPU catalog", c.url("/v2/catalog/cpus", q), &list); err != nil {
			return nil, nil, err
		}
		for _, f := range list.CPUs {
			entries[f.ID] = catalogEntry{availability: f.Availability, price: f.Price.SecurePerVCPU, dataCenters: f.DataCenters}
			order = append(order, f.ID)
		}
		return entries, order, nil
	}
	cloud := podCloud(in)
	q := gpuCatalogQuery(podGPUCount(in), cloud, countries)
	var list v2ListGPUTypes
	if err := c.get(ctx, op+": read the GPU catalog", c.url("/v2/catalog/gpus", q), &list); err != nil {
		return nil, nil, err
	}
	for _, g := range list.GPUs {
		if g.ID == unknownGPUType {
			continue
		}
		entries[g.ID] = catalogEntry{availability: g.Availability, price: g.price(cloud), dataCenters: g.DataCenters}
		order = append(order, g.ID)
	}
	return entries, order, nil
}

// gpuCatalogQuery asks the GPU catalog for pod stock and prices of count GPUs in cloud.
// Lists are comma-joined, as RunPod's own SDK sends them.
func gpuCatalogQuery(count int, cloud string, countries []string) url.Values {
	q := url.Values{"include": {"AVAILABILITY"}, "product": {"POD"}, "count": {strconv.Itoa(max(count, 1))}, "cloud": {cloud}}
	if len(countries) > 0 {
		q.Set("countryCodes", strings.Join(countries, ","))
	}
	return q
}

func derefSlice(p *[]string) []string {
	if p == nil {
		return nil
	}
	return *p
}

// CreateSpotPod rents a spot pod through GraphQL (podRentInterruptable: v2 has no spot pods),
// then reads it through v2: one GraphQL call, one GET.
func (c *restV2) CreateSpotPod(ctx context.Context, in SpotPodCreateInput) (*Pod, error) {
	return createSpot(ctx, c.t, c.gql, podLookup(allPods(c), in.PodCreateInput, derefSlice(in.GPUTypeIDs), nil, true), in, c.GetPod)
}

// createSpotAtSpotPrice rents an interruptible pod without a bid, as REST v1's
// interruptible = true did: v2 has no spot pods, so for each GPU type of the priority list in
// turn it bids RunPod's current minimum spot price for that type (GraphQL gpuTypes,
// credential-free) through GraphQL's podRentInterruptable, moving on when RunPod has no
// capacity or quotes no spot price, then reads the pod through v2.
func (c *restV2) createSpotAtSpotPrice(ctx context.Context, in PodCreateInput) (*Pod, error) {
	const op = "create spot pod"
	if in.GPUTypeIDs == nil || len(*in.GPUTypeIDs) == 0 {
		return nil, fmt.Errorf("%s: a spot pod through RunPod's GraphQL API needs its GPU types in gpuTypeIds", op)
	}
	cloud := cmp.Or(deref(in.CloudType), "SECURE")
	count := 1
	if in.GPUCount != nil {
		count = *in.GPUCount
	}
	var tried []PlacementAttempt
	for _, typeID := range *in.GPUTypeIDs {
		label := fmt.Sprintf("GPU type %q (spot, %s cloud)", typeID, cloud)
		bid, err := c.spotPrice(ctx, typeID, count, cloud)
		if err != nil {
			return nil, err
		}
		if bid == 0 {
			tried = append(tried, PlacementAttempt{Candidate: label, Err: fmt.Errorf("RunPod quotes no spot price for %d GPU(s) now", count)})
			continue
		}
		spot := in
		spot.Interruptible = nil
		spot.GPUTypeIDs = &[]string{typeID}
		pod, err := c.CreateSpotPod(ctx, SpotPodCreateInput{PodCreateInput: spot, BidPerGPU: bid})
		if err == nil || !isSpotCapacityError(err) {
			return pod, err
		}
		tried = append(tried, PlacementAttempt{Candidate: label, Err: err})
	}
	return nil, &PlacementError{Operation: op, Attempts: tried}
}

// spotPrice returns RunPod's minimum spot bid per GPU for count GPUs of a type in a cloud
// (GraphQL's lowestPrice quotes the price of count GPUs), or 0 when it quotes none.
func (c *restV2) spotPrice(ctx context.Context, typeID string, count int, cloud string) (float64, error) {
	types, err := c.gql.gpuTypes(ctx, GPUTypeQuery{ID: typeID, GPUCount: count})
	if err != nil {
		return 0, err
	}
	for _, t := range types {
		offer := t.Secure
		if cloud == "COMMUNITY" {
			offer = t.Community
		}
		if offer.SpotPrice != nil && *offer.SpotPrice > 0 {
			return *offer.SpotPrice / float64(count), nil
		}
	}
	return 0, nil
}

// isSpotCapacityError reports whether GraphQL's podRentInterruptable found no machine: it
// answers HTTP 200 with an error that says so (the mock and RunPod's docs: "There are no
// longer any instances available"; unverified beyond that text).
func isSpotCapacityError(err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	text := strings.ToLower(apiErr.Message + " " + strings.Join(apiErr.Problems, " "))
	return strings.Contains(text, "no longer any instances available") || strings.Contains(text, "no instances currently available")
}

func (c *restV2) getPod(ctx context.Context, id string) (*v2Pod, error) {
	var p v2Pod
	if err := c.get(ctx, "read pod "+id, c.url("/v2/pods/%s", nil, id), &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// GetPod is GET /v2/pods/{id}.
func (c *restV2) GetPod(ctx context.Context, id string) (*Pod, error) {
	p, err := c.getPod(ctx, id)
	if err != nil {
		return nil, err
	}
	pod := p.domain()
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
		pod := p.domain()
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
		pod := out.domain()
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

// ResumeSpotPod starts a stopped spot pod through GraphQL (podBidResume).
func (c *restV2) ResumeSpotPod(ctx context.Context, id string, bidPerGPU float64, gpuCount int) error {
	return action(ctx, "resume spot pod "+id, podReadBack(id, c.GetPod, podStatusReached(true), true), func(ctx context.Context) error {
		return c.gql.bidResume(ctx, id, bidPerGPU, gpuCount)
	})
}

// DeletePod is DELETE /v2/pods/{id}; 404 means already gone.
func (c *restV2) DeletePod(ctx context.Context, id string) error {
	return c.remove(ctx, "delete pod "+id, c.url("/v2/pods/%s", nil, id))
}

// ---------------------------------------------------------------------------------------
// Endpoints

// gpuPoolIndex returns the GPU type -> serverless pool index: GET /v2/catalog/gpus, at most
// once per poolsTTL.
func (c *restV2) gpuPoolIndex(ctx context.Context, op string) (*gpuPools, error) {
	c.poolsMu.Lock()
	defer c.poolsMu.Unlock()
	if c.pools != nil && c.t.now().Sub(c.poolsRead) < poolsTTL {
		return c.pools, nil
	}
	var list v2ListGPUTypes
	if err := c.get(ctx, op+": read the GPU pools", c.url("/v2/catalog/gpus", nil), &list); err != nil {
		return nil, err
	}
	c.pools, c.poolsRead = newGPUPools(list.GPUs), c.t.now()
	return c.pools, nil
}

// CreateEndpoint is GET /v2/catalog/gpus (GPU endpoints, for the pools of the types; cached),
// POST /v2/serverless, then GET /v2/serverless/{id}/workers for the version and worker count.
func (c *restV2) CreateEndpoint(ctx context.Context, in EndpointCreateInput) (*Endpoint, error) {
	const op = "create endpoint"
	var pools *gpuPools
	var poolsErr error // an API error, returned as it is
	body, err := endpointCreateBody(in, func() (*gpuPools, error) {
		pools, poolsErr = c.gpuPoolIndex(ctx, op)
		return pools, poolsErr
	})
	if poolsErr != nil {
		return nil, poolsErr
	}
	if err != nil {
		return nil, opErr(op, err)
	}
	answered := false
	ep, err := createOnce(ctx, c.t, op, endpointLookup(c.ListEndpoints, in), func(ctx context.Context) (*Endpoint, error) {
		var created v2Endpoint
		if err := c.create(ctx, op, c.url("/v2/serverless", nil), body, &created); err != nil {
			return nil, err
		}
		if created.ID == "" {
			return nil, &OutcomeUnknownError{Operation: op, Err: errNoBody}
		}
		answered = true
		return c.completeEndpoint(ctx, op, created, pools, false)
	})
	if err != nil || answered {
		return ep, err
	}
	// Adopted from the list, which reads no version or worker count: read it whole.
	if full, err := c.GetEndpoint(context.WithoutCancel(ctx), ep.ID); err == nil {
		return full, nil
	}
	return ep, nil
}

// completeEndpoint maps e, reading the pool index (GPU endpoints) and the workers (version,
// worker count). When strict is false (after a create or update, which succeeded), a failed
// workers read leaves the version and count zero rather than fail the change.
func (c *restV2) completeEndpoint(ctx context.Context, op string, e v2Endpoint, pools *gpuPools, strict bool) (*Endpoint, error) {
	if e.isGPU() && pools == nil {
		var err error
		if pools, err = c.gpuPoolIndex(ctx, op); err != nil {
			return nil, err
		}
	}
	ep := e.domain(pools)
	workers, err := c.GetEndpointWorkers(ctx, e.ID)
	if err != nil {
		if strict {
			return nil, err
		}
		tflog.Warn(ctx, "could not read the endpoint's workers: its version and worker count are left unread", map[string]any{"error": err.Error()})
		ep.WorkersUnread = true
		return &ep, nil
	}
	ep.Version, ep.WorkerCount = workers.Version, workers.Count
	return &ep, nil
}

// GetEndpointWorkers is GET /v2/serverless/{id}/workers.
func (c *restV2) GetEndpointWorkers(ctx context.Context, id string) (*EndpointWorkers, error) {
	var workers v2EndpointWorkers
	if err := c.get(ctx, "read the workers of endpoint "+id, c.url("/v2/serverless/%s/workers", nil, id), &workers); err != nil {
		return nil, err
	}
	return &EndpointWorkers{Version: deref(workers.EndpointVersion), Count: workers.Summary.Total}, nil
}

// GetEndpoint is GET /v2/serverless/{id} and GET /v2/serverless/{id}/workers (+ the cached
// pool index for a GPU endpoint).
func (c *restV2) GetEndpoint(ctx context.Context, id string) (*Endpoint, error) {
	op := "read endpoint " + id
	var e v2Endpoint
	if err := c.get(ctx, op, c.url("/v2/serverless/%s", nil, id), &e); err != nil {
		return nil, err
	}
	return c.completeEndpoint(ctx, op, e, nil, true)
}

// ListEndpoints is GET /v2/serverless (+ the cached pool index when one is a GPU endpoint).
// Version and WorkerCount are not read (one more call per endpoint): WorkersUnread.
func (c *restV2) ListEndpoints(ctx context.Context) ([]Endpoint, error) {
	const op = "list endpoints"
	var list v2ListEndpoints
	if err := c.get(ctx, op, c.url("/v2/serverless", nil), &list); err != nil {
		return nil, err
	}
	var pools *gpuPools
	if slices.ContainsFunc(list.Endpoints, v2Endpoint.isGPU) {
		var err error
		if pools, err = c.gpuPoolIndex(ctx, op); err != nil {
			return nil, err
		}
	}
	out := make([]Endpoint, len(list.Endpoints))
	for i, e := range list.Endpoints {
		out[i] = e.domain(pools)
		out[i].WorkersUnread = true
	}
	return out, nil
}

// UpdateEndpoint is PATCH /v2/serverless/{id}, preceded by GET /v2/serverless/{id} when the
// change must be completed from the endpoint (see endpointNeedsCurrent) and by the cached pool
// index when GPU types change, and followed by GET …/workers.
func (c *restV2) UpdateEndpoint(ctx context.Context, id string, in EndpointUpdateInput) (*Endpoint, error) {
	op := "update endpoint " + id
	var current *v2Endpoint
	if endpointNeedsCurrent(in) {
		current = &v2Endpoint{}
		if err := c.get(ctx, "read endpoint "+id, c.url("/v2/serverless/%s", nil, id), current); err != nil {
			return nil, err
		}
	}
	var pools *gpuPools
	if in.GPUTypeIDs != nil {
		var err error
		if pools, err = c.gpuPoolIndex(ctx, op); err != nil {
			return nil, err
		}
	}
	body, err := endpointUpdateBody(in, current, pools)
	if err != nil {
		return nil, opErr(op, err)
	}
	if isEmptyJSON(body) {
		return c.GetEndpoint(ctx, id)
	}
	rb := readBack[Endpoint]{
		kind:          "endpoint",
		read:          func(ctx context.Context) (*Endpoint, error) { return c.GetEndpoint(ctx, id) },
		applied:       func(e Endpoint) verdict { return endpointUpdateApplied(in, e) },
		harmlessTwice: !in.TriggersRollingRelease(),
	}
	return changeOnce(ctx, op, rb, func(ctx context.Context) (*Endpoint, error) {
		var out v2Endpoint
		if err := c.patch(ctx, op, c.url("/v2/serverless/%s", nil, id), body, &out); err != nil {
			return nil, err
		}
		return c.completeEndpoint(ctx, op, out, pools, false)
	})
}

// DeleteEndpoint is DELETE /v2/serverless/{id} (v2 terminates the workers itself); 404 means
// already gone.
func (c *restV2) DeleteEndpoint(ctx context.Context, id string) error {
	return c.remove(ctx, "delete endpoint "+id, c.url("/v2/serverless/%s", nil, id))
}

// GetEndpointRollout is GET /v2/serverless/{id}/releases.
func (c *restV2) GetEndpointRollout(ctx context.Context, id string) (*EndpointRollout, error) {
	var r v2EndpointReleases
	if err := c.get(ctx, "read the releases of endpoint "+id, c.url("/v2/serverless/%s/releases", nil, id), &r); err != nil {
		return nil, err
	}
	return &EndpointRollout{
		Version: deref(r.EndpointVersion), InProgress: r.Rollout.InProgress,
		WorkersOnLatest: r.Rollout.WorkersOnLatest, WorkersTotal: r.Rollout.WorkersTotal,
	}, nil
}

// ---------------------------------------------------------------------------------------
// Templates

// CreateTemplate is POST /v2/templates.
func (c *restV2) CreateTemplate(ctx context.Context, in TemplateCreateInput) (*Template, error) {
	const op = "create template"
	body, err := templateCreateBody(in)
	if err != nil {
		return nil, opErr(op, err)
	}
	own := func(ctx context.Context) ([]Template, error) { return c.ListTemplates(ctx, TemplateListOptions{}) }
	return createOnce(ctx, c.t, op, templateLookup(own, in), func(ctx context.Context) (*Template, error) {
		var t v2Template
		if err := c.create(ctx, op, c.url("/v2/templates", nil), body, &t); err != nil {
			return nil, err
		}
		if t.ID == "" {
			return nil, &OutcomeUnknownError{Operation: op, Err: errNoBody}
		}
		tpl := t.domain()
		return &tpl, nil
	})
}

func (c *restV2) getTemplate(ctx context.Context, id string) (*v2Template, error) {
	var t v2Template
	if err := c.get(ctx, "read template "+id, c.url("/v2/templates/%s", nil, id), &t); err != nil {
		return nil, err
	}
	return &t, nil
}

// GetTemplate is GET /v2/templates/{id} (the user's own and public catalog templates).
func (c *restV2) GetTemplate(ctx context.Context, id string) (*Template, error) {
	t, err := c.getTemplate(ctx, id)
	if err != nil {
		return nil, err
	}
	tpl := t.domain()
	return &tpl, nil
}

// ListTemplates is GET /v2/templates (the user's own), plus GET /v2/catalog/templates with
// source=official when IncludeRunpod and with source=verified and source=community when
// IncludePublic (each at most 100: v2 does not paginate it yet). IncludeEndpointBound has no
// v2 meaning (v2 lists no endpoint-bound templates; an endpoint keeps no template) and is
// ignored.
func (c *restV2) ListTemplates(ctx context.Context, opts TemplateListOptions) ([]Template, error) {
	var own v2ListTemplates
	if err := c.get(ctx, "list templates", c.url("/v2/templates", nil), &own); err != nil {
		return nil, err
	}
	out := make([]Template, 0, len(own.Templates))
	seen := map[string]bool{}
	for _, t := range own.Templates {
		seen[t.ID] = true
		out = append(out, t.domain())
	}
	var sources []string
	if opts.IncludeRunpod {
		sources = append(sources, templateSourceOfficial)
	}
	if opts.IncludePublic {
		sources = append(sources, templateSourceVerified, templateSourceCommunity)
	}
	for _, source := range sources {
		var list v2ListTemplates
		if err := c.get(ctx, "list "+source+" templates", c.url("/v2/catalog/templates", url.Values{"source": {source}}), &list); err != nil {
			return nil, err
		}
		for _, t := range list.Templates {
			if seen[t.ID] {
				continue
			}
			seen[t.ID] = true
			tpl := t.domain()
			tpl.IsPublic, tpl.IsRunpod = true, source == templateSourceOfficial
			out = append(out, tpl)
		}
	}
	return out, nil
}

// UpdateTemplate is PATCH /v2/templates/{id}, preceded by GET /v2/templates/{id} when a change
// of the volume must be completed from the template.
func (c *restV2) UpdateTemplate(ctx context.Context, id string, in TemplateUpdateInput) (*Template, error) {
	op := "update template " + id
	var current *v2Template
	if templateNeedsCurrent(in) {
		var err error
		if current, err = c.getTemplate(ctx, id); err != nil {
			return nil, err
		}
	}
	body, err := templateUpdateBody(in, current)
	if err != nil {
		return nil, opErr(op, err)
	}
	if isEmptyJSON(body) {
		return c.GetTemplate(ctx, id)
	}
	// A REST v2 template edit changes no pod and no endpoint (v2 copies templates once): twice
	// is harmless.
	rb := readBack[Template]{
		kind:          "template",
		read:          func(ctx context.Context) (*Template, error) { return c.GetTemplate(ctx, id) },
		applied:       func(t Template) verdict { return templateUpdateApplied(in, t) },
		harmlessTwice: true,
	}
	return changeOnce(ctx, op, rb, func(ctx context.Context) (*Template, error) {
		var t v2Template
		if err := c.patch(ctx, op, c.url("/v2/templates/%s", nil, id), body, &t); err != nil {
			return nil, err
		}
		tpl := t.domain()
		return &tpl, nil
	})
}

// DeleteTemplate is DELETE /v2/templates/{id}; 404 means already gone.
func (c *restV2) DeleteTemplate(ctx context.Context, id string) error {
	return c.remove(ctx, "delete template "+id, c.url("/v2/templates/%s", nil, id))
}

// ---------------------------------------------------------------------------------------
// Network volumes

// CreateNetworkVolume is POST /v2/network-volumes.
func (c *restV2) CreateNetworkVolume(ctx context.Context, in NetworkVolumeCreateInput) (*NetworkVolume, error) {
	const op = "create network volume"
	body := v2NetworkVolume{Name: in.Name, Size: in.Size, DataCenter: in.DataCenterID, Type: deref(in.Type)}
	return createOnce(ctx, c.t, op, volumeLookup(c.ListNetworkVolumes, in), func(ctx context.Context) (*NetworkVolume, error) {
		var v v2NetworkVolume
		if err := c.create(ctx, op, c.url("/v2/network-volumes", nil), body, &v); err != nil {
			return nil, err
		}
		if v.ID == "" {
			return nil, &OutcomeUnknownError{Operation: op, Err: errNoBody}
		}
		nv := v.domain()
		return &nv, nil
	})
}

// GetNetworkVolume is GET /v2/network-volumes/{id}.
func (c *restV2) GetNetworkVolume(ctx context.Context, id string) (*NetworkVolume, error) {
	var v v2NetworkVolume
	if err := c.get(ctx, "read network volume "+id, c.url("/v2/network-volumes/%s", nil, id), &v); err != nil {
		return nil, err
	}
	nv := v.domain()
	return &nv, nil
}

// ListNetworkVolumes is GET /v2/network-volumes.
func (c *restV2) ListNetworkVolumes(ctx context.Context) ([]NetworkVolume, error) {
	var list v2ListNetworkVolumes
	if err := c.get(ctx, "list network volumes", c.url("/v2/network-volumes", nil), &list); err != nil {
		return nil, err
	}
	out := make([]NetworkVolume, len(list.NetworkVolumes))
	for i, v := range list.NetworkVolumes {
		out[i] = v.domain()
	}
	return out, nil
}

// UpdateNetworkVolume is PATCH /v2/network-volumes/{id} (v2 refuses an empty body, so an
// update that changes nothing is a read).
func (c *restV2) UpdateNetworkVolume(ctx context.Context, id string, in NetworkVolumeUpdateInput) (*NetworkVolume, error) {
	if in.Name == nil && in.Size == nil {
		return c.GetNetworkVolume(ctx, id)
	}
	op := "update network volume " + id
	body := v2UpdateNetworkVolume(in)
	rb := readBack[NetworkVolume]{
		kind:          "network volume",
		read:          func(ctx context.Context) (*NetworkVolume, error) { return c.GetNetworkVolume(ctx, id) },
		applied:       func(v NetworkVolume) verdict { return volumeUpdateApplied(in, v) },
		harmlessTwice: true,
	}
	return changeOnce(ctx, op, rb, func(ctx context.Context) (*NetworkVolume, error) {
		var v v2NetworkVolume
		if err := c.patch(ctx, op, c.url("/v2/network-volumes/%s", nil, id), body, &v); err != nil {
			return nil, err
		}
		nv := v.domain()
		return &nv, nil
	})
}

// DeleteNetworkVolume is DELETE /v2/network-volumes/{id}; 404 means already gone.
func (c *restV2) DeleteNetworkVolume(ctx context.Context, id string) error {
	return c.remove(ctx, "delete network volume "+id, c.url("/v2/network-volumes/%s", nil, id))
}

// ---------------------------------------------------------------------------------------
// Container registry credentials

// CreateContainerRegistryAuth is POST /v2/registries.
func (c *restV2) CreateContainerRegistryAuth(ctx context.Context, in ContainerRegistryAuthCreateInput) (*ContainerRegistryAuth, error) {
	const op = "create container registry auth"
	return createOnce(ctx, c.t, op, registryAuthLookup(c.ListContainerRegistryAuths, in), func(ctx context.Context) (*ContainerRegistryAuth, error) {
		var r v2Registry
		if err := c.create(ctx, op, c.url("/v2/registries", nil), v2CreateRegistry(in), &r); err != nil {
			return nil, err
		}
		if r.ID == "" {
			return nil, &OutcomeUnknownError{Operation: op, Err: errNoBody}
		}
		return &ContainerRegistryAuth{ID: r.ID, Name: r.Name}, nil
	})
}

// GetContainerRegistryAuth is GET /v2/registries/{id}.
func (c *restV2) GetContainerRegistryAuth(ctx context.Context, id string) (*ContainerRegistryAuth, error) {
	var r v2Registry
	if err := c.get(ctx, "read container registry auth "+id, c.url("/v2/registries/%s", nil, id), &r); err != nil {
		return nil, err
	}
	return &ContainerRegistryAuth{ID: r.ID, Name: r.Name}, nil
}

// ListContainerRegistryAuths is GET /v2/registries.
func (c *restV2) ListContainerRegistryAuths(ctx context.Context) ([]ContainerRegistryAuth, error) {
	var list v2ListRegistries
	if err := c.get(ctx, "list container registry auths", c.url("/v2/registries", nil), &list); err != nil {
		return nil, err
	}
	out := make([]ContainerRegistryAuth, len(list.Registries))
	for i, r := range list.Registries {
		out[i] = ContainerRegistryAuth(r)
	}
	return out, nil
}

// DeleteContainerRegistryAuth is DELETE /v2/registries/{id}; 404 means already gone.
func (c *restV2) DeleteContainerRegistryAuth(ctx context.Context, id string) error {
	return c.remove(ctx, "delete container registry auth "+id, c.url("/v2/registries/%s", nil, id))
}

// ---------------------------------------------------------------------------------------
// Catalog

// ListGPUTypes is one GET /v2/catalog/gpus?include=AVAILABILITY&product=POD&count=N&cloud=C
// per cloud asked (both when q.Cloud is ""), or GET /v2/catalog/gpus/{id} with the same query
// for one type (an unknown id lists nothing).
func (c *restV2) ListGPUTypes(ctx context.Context, q GPUTypeQuery) ([]GPUType, error) {
	count := max(q.GPUCount, 1)
	clouds := []string{cloudSecure, "COMMUNITY"}
	if q.Cloud != "" {
		clouds = []string{q.Cloud}
	}
	byCloud := map[string][]v2GPUType{}
	for _, cloud := range clouds {
		query := gpuCatalogQuery(count, cloud, q.CountryCodes)
		if q.ID != "" {
			var g v2GPUType
			err := c.get(ctx, "read GPU type "+q.ID, c.url("/v2/catalog/gpus/%s", query, q.ID), &g)
			if IsNotFound(err) {
				return []GPUType{}, nil
			}
			if err != nil {
				return nil, err
			}
			byCloud[cloud] = []v2GPUType{g}
			continue
		}
		var list v2ListGPUTypes
		if err := c.get(ctx, "list GPU types", c.url("/v2/catalog/gpus", query), &list); err != nil {
			return nil, err
		}
		byCloud[cloud] = list.GPUs
	}
	return gpuTypesFromCatalog(byCloud, count), nil
}

// ListDataCenters is GET /v2/catalog/datacenters?include=GPU_AVAILABILITY, read at most once
// per dataCentersTTL: concurrent callers (Terraform plans resources in parallel) wait for the
// one read. A failed read is not kept. Callers get their own copy of the list.
func (c *restV2) ListDataCenters(ctx context.Context) ([]DataCenter, error) {
	c.dataCentersMu.Lock()
	defer c.dataCentersMu.Unlock()
	if c.dataCenters != nil && time.Since(c.dataCentersRead) < dataCentersTTL {
		return slices.Clone(c.dataCenters), nil
	}
	var list v2ListDataCenters
	q := url.Values{"include": {"GPU_AVAILABILITY"}}
	if err := c.get(ctx, "list data centers", c.url("/v2/catalog/datacenters", q), &list); err != nil {
		return nil, err
	}
	out := make([]DataCenter, len(list.DataCenters))
	for i, d := range list.DataCenters {
		out[i] = d.domain()
	}
	c.dataCenters, c.dataCentersRead = out, time.Now()
	return slices.Clone(out), nil
}

// GPUCatalog is the pool index's read of GET /v2/catalog/gpus (at most once per poolsTTL).
func (c *restV2) GPUCatalog(ctx context.Context) ([]GPUCatalogEntry, error) {
	pools, err := c.gpuPoolIndex(ctx, "check GPU type ids")
	if err != nil {
		return nil, err
	}
	return slices.Clone(pools.catalog), nil
}

// ListCPUFlavors is GET /v2/catalog/cpus, read at most once per dataCentersTTL (a failed
// read is not kept).
func (c *restV2) ListCPUFlavors(ctx context.Context) ([]CPUFlavor, error) {
	c.cpuFlavorsMu.Lock()
	defer c.cpuFlavorsMu.Unlock()
	if c.cpuFlavors != nil && time.Since(c.cpuFlavorsRead) < dataCentersTTL {
		return slices.Clone(c.cpuFlavors), nil
	}
	var list v2ListCPUTypes
	if err := c.get(ctx, "list CPU flavors", c.url("/v2/catalog/cpus", nil), &list); err != nil {
		return nil, err
	}
	out := make([]CPUFlavor, len(list.CPUs))
	for i, f := range list.CPUs {
		out[i] = f.domain()
	}
	c.cpuFlavors, c.cpuFlavorsRead = out, time.Now()
	return slices.Clone(out), nil
}
