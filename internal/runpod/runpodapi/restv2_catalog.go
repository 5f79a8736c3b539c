package runpodapi

import (
	"context"
	"net/url"
	"slices"
	"time"
)

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
