package runpodapi

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// gpuPools indexes the GPU catalog by serverless pool: endpoints name pools and excluded
// types, the domain names GPU types.
type gpuPools struct {
	poolOf  map[string]string   // type id -> pool id
	types   map[string][]string // pool id -> type ids, in catalog order
	order   []string            // pool ids, in catalog order
	catalog []GPUCatalogEntry   // every type of the catalog, with its pool ("" when in none)
}

func newGPUPools(gpus []v2GPUType) *gpuPools {
	p := &gpuPools{poolOf: map[string]string{}, types: map[string][]string{}}
	for _, g := range gpus {
		if g.ID == unknownGPUType || g.ID == "" {
			continue
		}
		p.catalog = append(p.catalog, GPUCatalogEntry{ID: g.ID, Pool: deref(g.Pool)})
		if deref(g.Pool) == "" {
			continue
		}
		p.poolOf[g.ID] = *g.Pool
		if _, seen := p.types[*g.Pool]; !seen {
			p.order = append(p.order, *g.Pool)
		}
		p.types[*g.Pool] = append(p.types[*g.Pool], g.ID)
	}
	return p
}

// selection maps GPU types to v2's pools (those of the types, in the order first named) and
// excluded types (the other types of those pools).
func (p *gpuPools) selection(typeIDs []string) (pools, excluded []string, err error) {
	var missing []string
	for _, id := range typeIDs {
		pool, ok := p.poolOf[id]
		if !ok {
			missing = append(missing, id)
			continue
		}
		if !slices.Contains(pools, pool) {
			pools = append(pools, pool)
		}
	}
	if len(missing) > 0 {
		return nil, nil, fmt.Errorf("no serverless GPU pool of RunPod's catalog holds %s: REST v2 places endpoint workers by pool",
			strings.Join(quoteAll(missing), ", "))
	}
	excluded = []string{}
	for _, pool := range pools {
		for _, id := range p.types[pool] {
			if !slices.Contains(typeIDs, id) {
				excluded = append(excluded, id)
			}
		}
	}
	return pools, excluded, nil
}

// all returns every serverless pool of the catalog, in catalog order.
func (p *gpuPools) all() []string {
	return slices.Clone(p.order)
}

// typesOf maps pools and exclusions back to GPU types, in catalog order.
func (p *gpuPools) typesOf(pools, excluded []string) []string {
	var out []string
	for _, pool := range pools {
		for _, id := range p.types[pool] {
			if !slices.Contains(excluded, id) {
				out = append(out, id)
			}
		}
	}
	return out
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}
