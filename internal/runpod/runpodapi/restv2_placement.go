package runpodapi

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// placementMovesOn reports whether a failed create should try its next candidate: no
// capacity there (a 400, see isCapacityError) or no access to that GPU pool (403). Anything
// else (402 balance, 422 contract, another 400, 5xx) fails the same on every candidate.
func placementMovesOn(err error) bool {
	return StatusCode(err) == http.StatusForbidden || isCapacityError(err)
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
