package runpodmock

import (
	"net/http"
	"slices"
	"strings"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodwire"
)

// gpuSelectionV2 checks pools and exclusions: known pools, exclusions in a listed pool, and
// at least one type left.
func (s *Server) gpuSelectionV2(pools, excluded []string) ([]string, *apiError) {
	for _, pool := range pools {
		if _, ok := serverlessPools[pool]; !ok || len(s.store.poolTypes(pool)) == 0 {
			return nil, badRequest("unknown GPU pool %q in gpu.pools: see the pool of each GPU type in GET /v2/catalog/gpus", pool)
		}
	}
	trimmed := make([]string, len(excluded))
	for i, id := range excluded {
		trimmed[i] = strings.TrimSpace(id)
		inPool := false
		for _, pool := range pools {
			inPool = inPool || slices.Contains(s.store.poolTypes(pool), trimmed[i])
		}
		if !inPool {
			return nil, badRequest("gpu.excludedTypes: %q is not a GPU type in any of the pools %s", trimmed[i], strings.Join(pools, ", "))
		}
	}
	if len(s.store.gpuTypesFromSelection(pools, trimmed)) == 0 {
		return nil, badRequest("gpu: the pools minus excludedTypes leave no GPU type: keep at least one")
	}
	return trimmed, nil
}

func (s *Server) cpuConfigsV2(in []v2CPU) ([]cpuConfig, *apiError) {
	out := make([]cpuConfig, len(in))
	for i, c := range in {
		if err := checkCPUV2(c, true); err != nil {
			return nil, err
		}
		out[i] = cpuConfig{c.ID, c.VCPUCount}
	}
	return out, nil
}

func scalingV2(sc *v2Scaling) (string, float64) {
	if sc.Type == "REQUEST_COUNT" {
		return sc.Type, float64(deref(sc.RequestCount, 1))
	}
	return sc.Type, deref(sc.QueueDelay, 4)
}

func (s *Server) createEndpointV2(r *http.Request) (*endpointRecord, *apiError) {
	var in runpodwire.EndpointCreate
	if _, err := decodeV2(r, &in); err != nil {
		return nil, err
	}
	typ := in.Type
	if typ == endpointLoadBalancer && in.Scaling.Type != "REQUEST_COUNT" {
		return nil, unprocessable("$.scaling.type: value must be one of 'REQUEST_COUNT'")
	}
	if in.Workers != nil && in.Workers.IdleTimeout != nil && typ == endpointQueue && in.Scaling.Type == "REQUEST_COUNT" {
		return nil, unprocessable("$.workers.idleTimeout: not allowed for a QUEUE endpoint scaling on REQUEST_COUNT")
	}
	if (in.GPU == nil) == (in.CPU == nil) {
		return nil, badRequest("exactly one of gpu or cpu is required: gpu for a GPU endpoint, cpu for a CPU endpoint")
	}
	c := containerConfig{DiskInGb: 50, Ports: []string{}, Env: map[string]string{}, Args: []string{}}
	var tplCuda []string
	if in.TemplateID != nil { // resolved once into the endpoint's own copy: no link
		t, err := s.resolveTemplateV2(*in.TemplateID, true)
		if err != nil {
			return nil, err
		}
		c, tplCuda = templateContainer(t), t.AllowedCudaVersions
		c.Env = orEmptyMap(c.Env)
	}
	applyContainerV2(&c, in.Container, true)
	if err := checkContainerV2(c); err != nil {
		return nil, err
	}
	if err := checkDataCentersV2(in.DataCenterIDs); err != nil {
		return nil, err
	}
	scalerType, scalerValue := scalingV2(&in.Scaling)
	w := deref(in.Workers, runpodwire.Workers{})
	e := &endpointRecord{
		Name: in.Name, Type: typ, ScalerType: scalerType, ScalerValue: scalerValue,
		WorkersMin: deref(w.Min, 0), WorkersMax: deref(w.Max, 3), IdleTimeout: deref(w.IdleTimeout, 10),
		// timeout omitted is stored as 0, as observed live (the spec says 300000).
		ExecutionTimeoutMs: deref(in.Timeout, 0), Flashboot: deref(in.Flashboot, flashbootOff),
		DataCenterIDs: orEmpty(in.DataCenterIDs), NetworkVolumeIDs: in.NetworkVolumes,
		Container: &c,
	}
	if in.GPU != nil {
		excluded, err := s.gpuSelectionV2(in.GPU.Pools, deref(in.GPU.ExcludedTypes, nil))
		if err != nil {
			return nil, err
		}
		allowed, minCuda := deref(in.GPU.AllowedCudaVersions, nil), deref(in.GPU.MinCudaVersion, "")
		if in.GPU.AllowedCudaVersions == nil && in.GPU.MinCudaVersion == nil {
			allowed = tplCuda // the template's constraint seeds a GPU create that sends no CUDA field
		}
		if err := cudaExclusive(allowed, minCuda); err != nil {
			return nil, err
		}
		e.ComputeType, e.GPUPools, e.ExcludedGPUTypes, e.GPUCount = "GPU", in.GPU.Pools, excluded, deref(in.GPU.Count, 1)
		e.AllowedCudaVersions, e.MinCudaVersion = orEmpty(allowed), minCuda
	} else {
		configs, err := s.cpuConfigsV2(in.CPU)
		if err != nil {
			return nil, err
		}
		e.ComputeType, e.CPUConfigs, e.VCPUCount = "CPU", configs, configs[0].VCPUCount
		for _, cc := range configs {
			if !slices.Contains(e.CPUFlavorIDs, cc.FlavorID) {
				e.CPUFlavorIDs = append(e.CPUFlavorIDs, cc.FlavorID)
			}
		}
	}
	return s.store.createEndpoint(e)
}

func (s *Server) updateEndpointV2(id string, r *http.Request) (*endpointRecord, *apiError) {
	var in runpodwire.EndpointUpdate
	if _, err := decodeV2(r, &in); err != nil {
		return nil, err
	}
	e, err := s.store.endpoint(id)
	if err != nil {
		return nil, err
	}
	isCPU := e.ComputeType == "CPU"
	if (in.GPU != nil && in.CPU != nil) || (in.GPU != nil && isCPU) || (in.CPU != nil && !isCPU) {
		return nil, badRequest("the compute family of endpoint %s is immutable: send gpu for a GPU endpoint or cpu for a CPU endpoint, not both", id)
	}
	u := endpointUpdate{Name: in.Name, ExecutionTimeoutMs: in.Timeout, Flashboot: in.Flashboot}
	scalerType := e.ScalerType
	if in.Scaling != nil {
		t, v := scalingV2(in.Scaling)
		scalerType = t
		u.ScalerType, u.ScalerValue = &t, &v
	}
	if e.Type == endpointLoadBalancer && scalerType != "REQUEST_COUNT" {
		return nil, badRequest("a LOAD_BALANCER endpoint scales on REQUEST_COUNT only")
	}
	if in.Workers != nil {
		if in.Workers.IdleTimeout != nil && e.Type == endpointQueue && scalerType == "REQUEST_COUNT" {
			return nil, unprocessable("$.workers.idleTimeout: not allowed for a QUEUE endpoint scaling on REQUEST_COUNT")
		}
		u.WorkersMin, u.WorkersMax, u.IdleTimeout = in.Workers.Min, in.Workers.Max, in.Workers.IdleTimeout
	}
	if in.GPU != nil {
		if in.GPU.Pools != nil {
			excluded, err := s.gpuSelectionV2(in.GPU.Pools, deref(in.GPU.ExcludedTypes, nil))
			if err != nil {
				return nil, err
			}
			u.GPUPools, u.ExcludedGPUTypes = &in.GPU.Pools, &excluded // pools without exclusions clear them
		}
		u.GPUCount, u.AllowedCudaVersions, u.MinCudaVersion = in.GPU.Count, in.GPU.AllowedCudaVersions, in.GPU.MinCudaVersion
		if err := cudaExclusive(deref(in.GPU.AllowedCudaVersions, e.AllowedCudaVersions), deref(in.GPU.MinCudaVersion, e.MinCudaVersion)); err != nil {
			return nil, err
		}
	}
	if in.CPU != nil {
		configs, err := s.cpuConfigsV2(in.CPU)
		if err != nil {
			return nil, err
		}
		u.CPUConfigs = &configs
	}
	if in.DataCenterIDs != nil {
		if err := checkDataCentersV2(*in.DataCenterIDs); err != nil {
			return nil, err
		}
		u.DataCenterIDs = in.DataCenterIDs
	}
	if in.NetworkVolumes != nil {
		u.NetworkVolumeIDs, u.NetworkVolumeID = in.NetworkVolumes, ptr("")
	}
	// Container settings: a template's (applied as if sent in this body), then the body's.
	c := s.store.endpointContainer(e).clone()
	if in.TemplateID != nil {
		t, err := s.resolveTemplateV2(*in.TemplateID, true)
		if err != nil {
			return nil, err
		}
		c = templateContainer(t)
		c.Env = orEmptyMap(c.Env)
		u.Image, u.Args, u.DiskInGb, u.Ports, u.RegistryAuthID = &c.Image, &c.Args, &c.DiskInGb, &c.Ports, &c.RegistryAuthID
		u.Env = &c.Env
	}
	applyContainerV2(&c, in.Container, in.TemplateID != nil)
	if in.Image != nil {
		u.Image = &c.Image
	}
	if in.Args != nil {
		u.Args = &c.Args
	}
	if in.Disk != nil {
		u.DiskInGb = &c.DiskInGb
	}
	if in.Ports != nil {
		u.Ports = &c.Ports
		if err := checkContainerV2(c); err != nil {
			return nil, err
		}
	}
	if in.Env != nil {
		u.Env = &c.Env
	}
	if in.Registry != nil {
		u.RegistryAuthID = &c.RegistryAuthID
	}
	return s.store.updateEndpoint(id, u)
}
