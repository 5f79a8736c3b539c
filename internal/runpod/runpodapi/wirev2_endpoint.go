package runpodapi

import (
	"errors"
	"math"
	"slices"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodwire"
)

// The endpoint's v2 bodies.
type (
	v2EndpointGPU    = runpodwire.EndpointGPU
	v2Scaling        = runpodwire.Scaling
	v2Workers        = runpodwire.Workers
	v2CreateEndpoint = runpodwire.EndpointCreate
	v2UpdateEndpoint = runpodwire.EndpointUpdate
	v2Endpoint       = runpodwire.Endpoint
	v2ListEndpoints  = runpodwire.EndpointList
)

// Scaler types.
const (
	scalerQueueDelay   = "QUEUE_DELAY"
	scalerRequestCount = "REQUEST_COUNT"
)

func scalingOf(scalerType string, value int) v2Scaling {
	if scalerType == scalerRequestCount {
		return v2Scaling{Type: scalerRequestCount, RequestCount: Ptr(value)}
	}
	return v2Scaling{Type: scalerType, QueueDelay: Ptr(float64(value))}
}

// scalingValue is the scaler's value in the domain's whole numbers (a queue delay of 0.5 s
// reads as 1).
func scalingValue(s v2Scaling) int {
	if s.RequestCount != nil {
		return *s.RequestCount
	}
	if s.QueueDelay != nil {
		return int(math.Round(*s.QueueDelay))
	}
	return 0
}

// idleTimeoutApplies reports whether v2 takes workers.idleTimeout for this endpoint type and
// scaler: not for a queue endpoint scaling on request count (422).
func idleTimeoutApplies(endpointType, scalerType string) bool {
	return endpointType != EndpointTypeQueue || scalerType != scalerRequestCount
}

// noIdleTimeout refuses an idle timeout where v2 has none (see idleTimeoutApplies).
func noIdleTimeout() error {
	return &UnsupportedError{Fields: []string{"idleTimeout of a QUEUE endpoint that scales on REQUEST_COUNT"},
		Hints: []string{"scale on QUEUE_DELAY to keep an idle timeout"}}
}

func workersEmpty(w *v2Workers) bool { return w.Min == nil && w.Max == nil && w.IdleTimeout == nil }

// flashbootMode maps the domain's flashboot settings: the mode wins over the bool.
func flashbootMode(on *bool, mode *string) string {
	switch {
	case mode != nil:
		return *mode
	case on == nil:
		return ""
	case *on:
		return FlashbootOn
	}
	return FlashbootOff
}

// networkVolumesOf merges the domain's single and list network volume ids.
func networkVolumesOf(id *string, ids *[]string) []string {
	var out []string
	if ids != nil {
		out = slices.Clone(*ids)
	}
	if id != nil && *id != "" && !slices.Contains(out, *id) {
		out = append([]string{*id}, out...)
	}
	return out
}

// cpuConfigs is one CPU configuration per flavor, each with vcpus vCPUs.
func cpuConfigs(flavors []string, vcpus int) []v2CPUConfig {
	out := make([]v2CPUConfig, len(flavors))
	for i, f := range flavors {
		out[i] = v2CPUConfig{ID: f, VCPUCount: vcpus}
	}
	return out
}

// endpointCreateBody maps a create to CreateEndpointRequest. pools reads the index of GPU
// types by pool, called only for a GPU endpoint once the rest of the request is valid.
func endpointCreateBody(in EndpointCreateInput, pools func() (*gpuPools, error)) (v2CreateEndpoint, error) {
	b := v2CreateEndpoint{
		Name: deref(in.Name), Type: deref(in.Type), TemplateID: setString(&in.TemplateID),
		NetworkVolumes: networkVolumesOf(in.NetworkVolumeID, in.NetworkVolumeIDs),
		Flashboot:      setString(Ptr(flashbootMode(in.Flashboot, in.FlashbootMode))), Timeout: Ptr(v1DefaultExecutionTimeoutMs),
	}
	if b.TemplateID == nil {
		return b, errors.New("a template id is required")
	}
	if b.Name == "" {
		b.Name = defaultEndpointName
	}
	if b.Type == "" {
		b.Type = EndpointTypeQueue
	}
	if in.DataCenterIDs != nil {
		b.DataCenterIDs = *in.DataCenterIDs
	}
	if in.ExecutionTimeoutMs != nil {
		b.Timeout = Ptr(*in.ExecutionTimeoutMs)
	}
	scaler := deref(in.ScalerType)
	if scaler == "" {
		scaler = v1DefaultScalerType
		if b.Type == EndpointTypeLoadBalancer {
			scaler = scalerRequestCount // the only scaler of a load balancer
		}
	}
	value := v1DefaultScalerValue
	if in.ScalerValue != nil {
		value = *in.ScalerValue
	}
	b.Scaling = scalingOf(scaler, value)
	w := &v2Workers{Min: in.WorkersMin, Max: in.WorkersMax}
	if idleTimeoutApplies(b.Type, scaler) {
		w.IdleTimeout = Ptr(v1DefaultIdleTimeout)
		if in.IdleTimeout != nil {
			w.IdleTimeout = in.IdleTimeout
		}
	} else if in.IdleTimeout != nil {
		return b, noIdleTimeout()
	}
	if !workersEmpty(w) {
		b.Workers = w
	}
	if deref(in.ComputeType) == computeCPU {
		if in.CPUFlavorIDs == nil || len(*in.CPUFlavorIDs) == 0 {
			return b, errors.New("REST v2 needs the CPU flavors of a CPU endpoint (cpuFlavorIds)")
		}
		vcpus := v1DefaultVCPUCount
		if in.VCPUCount != nil {
			vcpus = *in.VCPUCount
		}
		b.CPU = cpuConfigs(*in.CPUFlavorIDs, vcpus)
		return b, nil
	}
	index, err := pools()
	if err != nil {
		return b, err
	}
	var poolIDs, excluded []string
	if in.GPUTypeIDs == nil || len(*in.GPUTypeIDs) == 0 {
		// v1 let RunPod choose the GPU types; v2 needs pools. Every serverless pool of the
		// catalog, none excluded, leaves RunPod the same choice: any type that serves
		// endpoints. ASSUMPTION (unverified): v2 accepts all of its pools in one endpoint.
		poolIDs, excluded = index.all(), []string{}
		if len(poolIDs) == 0 {
			return b, errors.New("RunPod's GPU catalog lists no serverless GPU pool to place the endpoint's workers in")
		}
	} else if poolIDs, excluded, err = index.selection(*in.GPUTypeIDs); err != nil {
		return b, err
	}
	b.GPU = &v2EndpointGPU{Pools: poolIDs, ExcludedTypes: &excluded, Count: in.GPUCount}
	if b.GPU.Count == nil {
		b.GPU.Count = Ptr(v1DefaultGPUCount)
	}
	if in.AllowedCudaVersions != nil && len(*in.AllowedCudaVersions) > 0 {
		b.GPU.AllowedCudaVersions = in.AllowedCudaVersions
	}
	if deref(in.MinCudaVersion) != "" {
		b.GPU.MinCudaVersion = in.MinCudaVersion
	}
	return b, nil
}

// endpointNeedsCurrent reports whether endpointUpdateBody needs the endpoint as it is: to
// complete a scaler given half, to know whether an idle timeout applies, or to complete a CPU
// selection (v2 replaces it whole).
func endpointNeedsCurrent(in EndpointUpdateInput) bool {
	return (in.ScalerType == nil) != (in.ScalerValue == nil) ||
		in.IdleTimeout != nil && (in.ScalerType == nil || *in.ScalerType == scalerRequestCount) ||
		(in.CPUFlavorIDs == nil) != (in.VCPUCount == nil)
}

// endpointUpdateBody maps an update to UpdateEndpointRequest; current is the endpoint as read
// (nil unless endpointNeedsCurrent), pools maps GPU types (nil unless GPUTypeIDs is set).
func endpointUpdateBody(in EndpointUpdateInput, current *v2Endpoint, pools *gpuPools) (v2UpdateEndpoint, error) {
	b := v2UpdateEndpoint{
		Name: in.Name, TemplateID: in.TemplateID, DataCenterIDs: in.DataCenterIDs, Timeout: in.ExecutionTimeoutMs,
		Flashboot: setString(Ptr(flashbootMode(in.Flashboot, in.FlashbootMode))),
	}
	if in.NetworkVolumeID != nil || in.NetworkVolumeIDs != nil {
		b.NetworkVolumes = Ptr(networkVolumesOf(in.NetworkVolumeID, in.NetworkVolumeIDs))
		if *b.NetworkVolumes == nil {
			*b.NetworkVolumes = []string{}
		}
	}
	var cur v2Endpoint
	if current != nil {
		cur = *current
	}
	scaler := deref(in.ScalerType)
	if in.ScalerType != nil || in.ScalerValue != nil {
		value := 0
		switch {
		case in.ScalerValue != nil:
			value = *in.ScalerValue
		case cur.Scaling != nil:
			value = scalingValue(*cur.Scaling)
		}
		if scaler == "" && cur.Scaling != nil {
			scaler = cur.Scaling.Type
		}
		if scaler == "" {
			return b, errors.New("the endpoint's scaler type is unknown: set it with the scaler value")
		}
		b.Scaling = Ptr(scalingOf(scaler, value))
	}
	w := &v2Workers{Min: in.WorkersMin, Max: in.WorkersMax}
	if in.IdleTimeout != nil {
		if scaler == "" && cur.Scaling != nil {
			scaler = cur.Scaling.Type
		}
		// A queue endpoint scaling on request count has no idle timeout: v2 refuses it, and so
		// does the client rather than drop it.
		if current != nil && !idleTimeoutApplies(cur.Type, scaler) {
			return b, noIdleTimeout()
		}
		w.IdleTimeout = in.IdleTimeout
	}
	if !workersEmpty(w) {
		b.Workers = w
	}
	if in.CPUFlavorIDs != nil || in.VCPUCount != nil {
		flavors, vcpus := in.CPUFlavorIDs, in.VCPUCount
		if flavors == nil {
			ids := make([]string, len(cur.CPU))
			for i, c := range cur.CPU {
				ids[i] = c.ID
			}
			flavors = &ids
		}
		if vcpus == nil {
			v := v1DefaultVCPUCount
			if len(cur.CPU) > 0 {
				v = cur.CPU[0].VCPUCount
			}
			vcpus = &v
		}
		b.CPU = cpuConfigs(*flavors, *vcpus)
	}
	gpu := &v2EndpointGPU{Count: in.GPUCount, AllowedCudaVersions: in.AllowedCudaVersions, MinCudaVersion: in.MinCudaVersion}
	if in.GPUTypeIDs != nil {
		poolIDs, excluded, err := pools.selection(*in.GPUTypeIDs)
		if err != nil {
			return b, err
		}
		gpu.Pools, gpu.ExcludedTypes = poolIDs, &excluded
	}
	if gpu.Pools != nil || gpu.Count != nil || gpu.AllowedCudaVersions != nil || gpu.MinCudaVersion != nil {
		b.GPU = gpu
	}
	return b, nil
}

// endpointDomain maps a v2 endpoint; pools maps its pools back to GPU types (nil for a CPU endpoint).
// v2 keeps no link to the template (TemplateID is "") and reports no owner.
func endpointDomain(e v2Endpoint, pools *gpuPools) Endpoint {
	container := containerTemplate(e.ContainerConfig)
	out := Endpoint{
		ID: e.ID, Name: e.Name, Source: BackendV2, Type: e.Type, FlashbootMode: e.Flashboot, RequestURLs: e.RequestURLs,
		Image: e.Image, Env: e.Env, CreatedAt: e.CreatedAt, DataCenterIDs: e.DataCenterIDs, ExecutionTimeoutMs: e.Timeout,
		NetworkVolumeIDs: e.NetworkVolumes, ComputeType: computeCPU, Container: &container,
	}
	if len(e.NetworkVolumes) == 1 {
		out.NetworkVolumeID = e.NetworkVolumes[0]
	}
	if e.GPU != nil {
		out.ComputeType = computeGPU
		out.GPUCount, out.AllowedCudaVersions, out.MinCudaVersion = e.GPU.Count, e.GPU.AllowedCudaVersions, deref(e.GPU.MinCudaVersion)
		if pools != nil {
			out.GPUTypeIDs = pools.typesOf(e.GPU.Pools, e.GPU.ExcludedTypes)
		}
	}
	for _, c := range e.CPU {
		out.CPUFlavorIDs = append(out.CPUFlavorIDs, c.ID)
		out.VCPUCount = c.VCPUCount
	}
	if e.Workers != nil {
		out.WorkersMin, out.WorkersMax = e.Workers.Min, e.Workers.Max
		if e.Workers.IdleTimeout != nil {
			out.IdleTimeout = *e.Workers.IdleTimeout
		}
	}
	if e.Scaling != nil {
		out.ScalerType, out.ScalerValue = e.Scaling.Type, scalingValue(*e.Scaling)
	}
	return out
}

// v2EndpointWorkers is ListEndpointWorkersResponse (the parts read).
type v2EndpointWorkers struct {
	EndpointVersion *int `json:"endpointVersion"`
	Summary         struct {
		Total int `json:"total"`
	} `json:"summary"`
}

// v2EndpointReleases is ListEndpointReleasesResponse (the parts read).
type v2EndpointReleases struct {
	EndpointVersion *int `json:"endpointVersion"`
	Rollout         struct {
		InProgress      bool `json:"inProgress"`
		WorkersOnLatest int  `json:"workersOnLatest"`
		WorkersTotal    int  `json:"workersTotal"`
	} `json:"rollout"`
}
