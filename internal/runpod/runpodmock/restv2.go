package runpodmock

import (
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
)

// REST v2 (https://api.runpod.io, paths /v2/...; contract api/runpod-rest-v2.openapi.json)
// over the same store as REST v1 and GraphQL: what one API creates the others read. Routes
// use the kit's resource table (mockkit.Route); this file holds the v2 decode rules and the
// non-CRUD routes. Where the spec is silent the mock assumes, and says so here ("assumed").

func (s *Server) routeRESTv2() {
	st := s.store
	mockkit.Route(s.v2, mockkit.Resource[*podRecord, apiError]{
		Collection: "/v2/pods", IDParam: "id", ListKey: "pods", CreateStatus: http.StatusCreated,
		List: all(func() []*podRecord { return sorted(st.pods) }), Get: byID(st.pod),
		Create: s.createPodV2, Update: s.updatePodV2,
		Remove: func(id string, _ *http.Request) *apiError { return st.deletePod(id) },
		Render: func(p *podRecord, _ mockkit.View, _ *http.Request) any { return s.podV2(p) },
	})
	s.v2.Handle("POST /v2/pods/{id}/action", func(r *http.Request) (int, any, *apiError) {
		var in v2PodAction
		if _, err := decodeV2(r, podActionSchema, &in); err != nil {
			return 0, nil, err
		}
		p, err := st.podAction(r.PathValue("id"), in.Action)
		if err != nil {
			return 0, nil, err
		}
		if p == nil { // terminate
			return http.StatusNoContent, nil, nil
		}
		return http.StatusOK, s.podV2(p), nil
	})

	mockkit.Route(s.v2, mockkit.Resource[*endpointRecord, apiError]{
		Collection: "/v2/serverless", IDParam: "id", ListKey: "endpoints", CreateStatus: http.StatusCreated,
		List: all(func() []*endpointRecord { return sorted(st.endpoints) }), Get: byID(st.endpoint),
		Create: s.createEndpointV2, Update: s.updateEndpointV2,
		Remove: func(id string, _ *http.Request) *apiError { return st.deleteEndpoint(id, endpointDeleteV2) },
		Render: func(e *endpointRecord, _ mockkit.View, _ *http.Request) any { return s.endpointV2(e) },
	})
	s.v2.Handle("GET /v2/serverless/{id}/releases", func(r *http.Request) (int, any, *apiError) {
		e, err := st.endpoint(r.PathValue("id"))
		if err != nil {
			return 0, nil, err
		}
		return http.StatusOK, s.endpointReleasesV2(e), nil
	})
	s.v2.Handle("GET /v2/serverless/{id}/workers", func(r *http.Request) (int, any, *apiError) {
		e, err := st.endpoint(r.PathValue("id"))
		if err != nil {
			return 0, nil, err
		}
		return http.StatusOK, s.endpointWorkersV2(e), nil
	})

	mockkit.Route(s.v2, mockkit.Resource[*templateRecord, apiError]{
		Collection: "/v2/templates", IDParam: "id", ListKey: "templates", CreateStatus: http.StatusCreated,
		// The account's own templates; RunPod's are listed by GET /v2/catalog/templates.
		List: all(func() []*templateRecord {
			var out []*templateRecord
			for _, t := range sorted(st.templates) {
				if !t.IsRunpod {
					out = append(out, t)
				}
			}
			return out
		}),
		Get: byID(st.template), Create: s.createTemplateV2, Update: s.updateTemplateV2,
		Remove: func(id string, _ *http.Request) *apiError { return st.deleteTemplate(id, true) },
		Render: func(t *templateRecord, _ mockkit.View, _ *http.Request) any { return s.templateV2(t) },
	})

	mockkit.Route(s.v2, mockkit.Resource[*volumeRecord, apiError]{
		Collection: "/v2/network-volumes", IDParam: "id", ListKey: "networkVolumes", CreateStatus: http.StatusCreated,
		List: all(func() []*volumeRecord { return sorted(st.volumes) }), Get: byID(st.volume),
		Create: s.createVolumeV2, Update: s.updateVolumeV2,
		Remove: func(id string, _ *http.Request) *apiError { return st.deleteVolume(id) },
		Render: func(v *volumeRecord, _ mockkit.View, _ *http.Request) any { return volumeV2(v) },
	})

	mockkit.Route(s.v2, mockkit.Resource[*registryAuthRecord, apiError]{
		Collection: "/v2/registries", IDParam: "id", ListKey: "registries", CreateStatus: http.StatusCreated,
		List: all(func() []*registryAuthRecord { return sorted(st.registryAuths) }), Get: byID(st.registryAuth),
		Create: func(r *http.Request) (*registryAuthRecord, *apiError) {
			var in v2RegistryCreate
			if _, err := decodeV2(r, createRegistrySchema, &in); err != nil {
				return nil, err
			}
			return st.createRegistryAuth(&registryAuthRecord{Name: in.Name, Username: in.Username, Password: in.Password})
		},
		Remove: func(id string, _ *http.Request) *apiError { return st.deleteRegistryAuth(id, true) },
		Render: func(a *registryAuthRecord, _ mockkit.View, _ *http.Request) any { return registryV2(a) },
	})

	s.routeCatalogV2()

	// Anything else under /v2: a problem+json 404, or 405 with Allow when the path exists
	// with other methods.
	s.mux.HandleFunc("/v2/", func(w http.ResponseWriter, r *http.Request) {
		var allowed []string
		for _, method := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
			probe := r.Clone(r.Context())
			probe.Method = method
			if _, pattern := s.mux.Handler(probe); pattern != "/v2/" && pattern != "" {
				allowed = append(allowed, method)
			}
		}
		if len(allowed) > 0 {
			w.Header().Set("Allow", strings.Join(allowed, ", "))
			writeProblem(w, http.StatusMethodNotAllowed, "The requested method is not allowed for this path.")
			return
		}
		writeProblem(w, http.StatusNotFound, fmt.Sprintf("no route for %s %s", r.Method, r.URL.Path))
	})
}

// ---- shared rules ----

// resolveTemplateV2 resolves a templateId of a create or PATCH: unknown → 404; a pod needs a
// pod template and an endpoint a serverless one (→ 422).
func (s *Server) resolveTemplateV2(id string, serverless bool) (*templateRecord, *apiError) {
	t, ok := s.store.templates[id]
	if !ok {
		return nil, &apiError{status: http.StatusNotFound, msg: fmt.Sprintf("template %s not found", id)}
	}
	if t.IsServerless != serverless {
		if serverless {
			return nil, unprocessable(fmt.Sprintf("$.templateId: template '%s' is not a serverless template: endpoints need one", id))
		}
		return nil, unprocessable(fmt.Sprintf("$.templateId: template '%s' is a serverless template: pods need a pod template", id))
	}
	return t, nil
}

// applyContainerV2 overrides c with the body's container settings; env is merged per key
// (body wins) when merge, else replaced.
func applyContainerV2(c *containerConfig, in v2Container, raw body, merge bool) {
	set(&c.Image, in.Image)
	if in.Args != nil {
		c.Args = argsFromV2(*in.Args)
	}
	set(&c.DiskInGb, in.Disk)
	set(&c.Ports, in.Ports)
	if in.Env != nil {
		if merge {
			env := maps.Clone(c.Env)
			if env == nil {
				env = map[string]string{}
			}
			maps.Copy(env, *in.Env)
			c.Env = env
		} else {
			c.Env = *in.Env
		}
	}
	if raw.has("registry") {
		c.RegistryAuthID = deref(in.Registry, "")
	}
}

// checkContainerV2 applies the rules the schema cannot express: ports are "<port>/http" or
// "<port>/tcp" (assumed, as in v1: the v2 schema has no pattern).
func checkContainerV2(c containerConfig) *apiError {
	var ch checks
	ch.ports("ports", &c.Ports)
	if len(ch.problems) > 0 {
		return badRequest("%s", strings.Join(ch.problems, "; "))
	}
	return nil
}

func checkDataCentersV2(ids []string) *apiError {
	for _, id := range ids {
		if _, ok := dataCenter(id); !ok {
			return badRequest("unknown data center %q in dataCenterIds: see GET /v2/catalog/datacenters", id)
		}
	}
	return nil
}

// checkCPUV2 checks a CPU configuration against the flavor catalog.
func checkCPUV2(c v2CPU, serverless bool) *apiError {
	f, ok := cpuFlavor(c.ID)
	if !ok || (serverless && !f.ServerlessEligible) {
		return badRequest("unknown CPU flavor %q: see GET /v2/catalog/cpus", c.ID)
	}
	if !isPowerOfTwo(c.VCPUCount) {
		return badRequest("cpu vcpuCount %d must be a power of two", c.VCPUCount)
	}
	if c.VCPUCount < f.MinVCPU || c.VCPUCount > f.MaxVCPU {
		return badRequest("cpu vcpuCount %d is outside %s's range %d..%d", c.VCPUCount, f.ID, f.MinVCPU, f.MaxVCPU)
	}
	return nil
}

func cudaExclusive(allowed []string, minVersion string) *apiError {
	if len(allowed) > 0 && minVersion != "" {
		return badRequest("allowedCudaVersions and minCudaVersion are mutually exclusive: send a non-empty set or a floor, not both")
	}
	return nil
}

// ---- pods ----

func (s *Server) createPodV2(r *http.Request) (*podRecord, *apiError) {
	var in v2PodCreate
	raw, err := decodeV2(r, createPodSchema, &in)
	if err != nil {
		return nil, err
	}
	if in.TemplateID == nil && in.Image == nil {
		return nil, unprocessable("$: missing property 'image'")
	}
	if (in.GPU == nil) == (in.CPU == nil) {
		return nil, badRequest("exactly one of gpu or cpu is required: gpu for a GPU pod, cpu for a CPU pod")
	}
	// Assumed defaults (the spec documents none): disk 50 GB as in v1; no ports, no env.
	c := containerConfig{DiskInGb: 50, Ports: []string{}, Env: map[string]string{}, Args: []string{}}
	startSSH, startJupyter := false, false
	var tplCuda []string
	var tplMount *v2PersistentMount
	if in.TemplateID != nil { // resolved once; the pod keeps no link to it
		t, err := s.resolveTemplateV2(*in.TemplateID, false)
		if err != nil {
			return nil, err
		}
		c = templateContainer(t)
		c.Env = orEmptyMap(c.Env)
		startSSH, startJupyter, tplCuda = t.StartSSH, t.StartJupyter, t.AllowedCudaVersions
		if t.VolumeInGb > 0 {
			tplMount = &v2PersistentMount{Size: t.VolumeInGb, Path: t.VolumeMountPath}
		}
	}
	applyContainerV2(&c, in.v2Container, raw, true)
	set(&startSSH, in.StartSSH)
	set(&startJupyter, in.StartJupyter)
	if err := checkContainerV2(c); err != nil {
		return nil, err
	}
	if err := checkDataCentersV2(in.DataCenterIDs); err != nil {
		return nil, err
	}
	spec := podSpec{
		Name: in.Name, Image: c.Image, Cloud: deref(in.Cloud, cloudSecure), DataCenterIDs: in.DataCenterIDs,
		ContainerDiskInGb: c.DiskInGb, Ports: c.Ports, Env: c.Env, DockerStartCmd: c.Args, DockerEntrypoint: []string{},
		ContainerRegistryAuthID: c.RegistryAuthID, GlobalNetworking: deref(in.GlobalNetworking, false),
		StartSSH: startSSH, StartJupyter: startJupyter, ExactPlacement: true,
	}
	if in.Mounts != nil {
		if in.Mounts.Persistent != nil && in.Mounts.Network != nil && len(*in.Mounts.Network) > 0 {
			return nil, badRequest("mounts: persistent and network are mutually exclusive: set one of them")
		}
		if in.Mounts.Persistent != nil {
			if in.CPU != nil {
				return nil, badRequest("mounts.persistent is not allowed on CPU pods: use a network volume (mounts.network)")
			}
			spec.VolumeInGb, spec.VolumeMountPath = in.Mounts.Persistent.Size, in.Mounts.Persistent.Path
		}
		if in.Mounts.Network != nil && len(*in.Mounts.Network) == 1 {
			nm := (*in.Mounts.Network)[0]
			if _, ok := s.store.volumes[nm.VolumeID]; !ok {
				return nil, &apiError{status: http.StatusNotFound, msg: fmt.Sprintf("network volume %s not found", nm.VolumeID)}
			}
			spec.NetworkVolumeID, spec.VolumeMountPath = nm.VolumeID, nm.Path
		}
	} else if tplMount != nil && in.GPU != nil { // CPU pods do not inherit a template's persistent mount
		spec.VolumeInGb, spec.VolumeMountPath = tplMount.Size, tplMount.Path
	}
	if in.GPU != nil {
		allowed, minCuda := in.GPU.AllowedCudaVersions, deref(in.GPU.MinCudaVersion, "")
		if in.GPU.AllowedCudaVersions == nil && in.GPU.MinCudaVersion == nil {
			allowed = tplCuda // the template's constraint, unless the body sends a CUDA field
		}
		if err := cudaExclusive(allowed, minCuda); err != nil {
			return nil, err
		}
		// gpu.count omitted is 1, the spec's default. (RunPod's MCP server observed live that an
		// omitted count matches no machine and fails with the capacity 400; the mock follows
		// the spec: unverified.)
		spec.ComputeType, spec.GPUTypeIDs, spec.GPUCount = "GPU", []string{in.GPU.ID}, deref(in.GPU.Count, 1)
		spec.AllowedCudaVersions, spec.MinCudaVersion = allowed, minCuda
	} else {
		if err := checkCPUV2(*in.CPU, false); err != nil {
			return nil, err
		}
		spec.ComputeType, spec.CPUFlavorIDs, spec.VCPUCount = "CPU", []string{in.CPU.ID}, in.CPU.VCPUCount
	}
	return s.store.createPod(spec)
}

func (s *Server) updatePodV2(id string, r *http.Request) (*podRecord, *apiError) {
	var in v2PodUpdate
	raw, err := decodeV2(r, updatePodSchema, &in)
	if err != nil {
		return nil, err
	}
	p, err := s.store.pod(id)
	if err != nil {
		return nil, err
	}
	u := podUpdate{Name: in.Name, Locked: in.Locked, GlobalNetworking: in.GlobalNetworking, GlobalNetworkingAtNextStart: true}
	// Container settings: the template's (if templateId), then the body's; env merges template
	// and body per key and replaces the pod's env.
	var c containerConfig
	fromTemplate := in.TemplateID != nil
	if fromTemplate {
		t, err := s.resolveTemplateV2(*in.TemplateID, false)
		if err != nil {
			return nil, err
		}
		c = templateContainer(t)
		c.Env = orEmptyMap(c.Env)
	}
	applyContainerV2(&c, in.v2Container, raw, fromTemplate)
	if in.Image != nil || fromTemplate {
		u.Image = &c.Image
	}
	if in.Args != nil || fromTemplate {
		u.DockerStartCmd = ptr(orEmpty(c.Args))
	}
	if in.Disk != nil || fromTemplate {
		u.ContainerDiskInGb = &c.DiskInGb
	}
	if in.Ports != nil || fromTemplate {
		u.Ports = ptr(orEmpty(c.Ports))
		if err := checkContainerV2(c); err != nil {
			return nil, err
		}
	}
	if in.Env != nil || fromTemplate {
		u.Env = ptr(orEmptyMap(c.Env))
	}
	if raw.has("registry") || fromTemplate {
		u.ContainerRegistryAuthID = &c.RegistryAuthID
	}
	if err := s.podMountsUpdateV2(p, raw.object("mounts"), in.Mounts, &u); err != nil {
		return nil, err
	}
	if deref(in.GlobalNetworking, false) {
		g, _ := s.store.gpuType(p.GPUTypeID)
		dc, _ := dataCenter(p.DataCenterID)
		if p.GPUTypeID == "" || !strings.EqualFold(g.Manufacturer, "NVIDIA") || !dc.GlobalNetwork {
			return nil, badRequest("globalNetworking requires an NVIDIA GPU pod in a data center with global networking: pod %s is in %s", id, p.DataCenterID)
		}
	}
	return s.store.updatePod(id, u)
}

// podMountsUpdateV2 applies the Mounts PATCH rules: {} leaves the mount; network: [] is
// refused; the kind is fixed at create; a network volumeId is immutable; paths may change; a
// persistent size may grow, not shrink (assumed: the spec is silent on sizes).
func (s *Server) podMountsUpdateV2(p *podRecord, raw body, in *v2Mounts, u *podUpdate) *apiError {
	if in == nil || len(raw) == 0 {
		return nil
	}
	if in.Persistent != nil && in.Network != nil {
		return badRequest("mounts: persistent and network are mutually exclusive")
	}
	if in.Network != nil {
		if len(*in.Network) == 0 {
			return badRequest("mounts.network: [] is not allowed: clearing mounts is not supported")
		}
		if p.NetworkVolumeID == "" {
			return badRequest("mounts.network: pod %s was created without a network volume: the mount kind is fixed at create", p.ID)
		}
		nm := (*in.Network)[0]
		if nm.VolumeID != p.NetworkVolumeID {
			return badRequest("mounts.network[0].volumeId: the network volume of pod %s is %s and cannot change", p.ID, p.NetworkVolumeID)
		}
		if nm.Path != p.VolumeMountPath {
			u.VolumeMountPath = &nm.Path
		}
	}
	if in.Persistent != nil {
		if p.NetworkVolumeID != "" || p.VolumeInGb == 0 {
			return badRequest("mounts.persistent: pod %s was created without a persistent mount: the mount kind is fixed at create", p.ID)
		}
		if in.Persistent.Size < p.VolumeInGb {
			return badRequest("mounts.persistent.size: %d GB is smaller than the pod's %d GB: a persistent mount cannot shrink", in.Persistent.Size, p.VolumeInGb)
		}
		if in.Persistent.Size != p.VolumeInGb {
			u.VolumeInGb = &in.Persistent.Size
		}
		if in.Persistent.Path != p.VolumeMountPath {
			u.VolumeMountPath = &in.Persistent.Path
		}
	}
	return nil
}

// ---- endpoints ----

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
	var in v2EndpointWrite
	raw, err := decodeV2(r, createEndpointSchema, &in)
	if err != nil {
		return nil, err
	}
	if in.TemplateID == nil && in.Image == nil {
		return nil, unprocessable("$: missing property 'image'")
	}
	typ := *in.Type
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
	applyContainerV2(&c, in.v2Container, raw, true)
	if err := checkContainerV2(c); err != nil {
		return nil, err
	}
	if err := checkDataCentersV2(deref(in.DataCenterIDs, nil)); err != nil {
		return nil, err
	}
	scalerType, scalerValue := scalingV2(in.Scaling)
	w := deref(in.Workers, v2Workers{})
	e := &endpointRecord{
		Name: *in.Name, Type: typ, ScalerType: scalerType, ScalerValue: scalerValue,
		WorkersMin: deref(w.Min, 0), WorkersMax: deref(w.Max, 3), IdleTimeout: deref(w.IdleTimeout, 10),
		// timeout omitted is stored as 0, as observed live (the spec says 300000).
		ExecutionTimeoutMs: deref(in.Timeout, 0), Flashboot: deref(in.Flashboot, flashbootOff),
		DataCenterIDs: orEmpty(deref(in.DataCenterIDs, nil)), NetworkVolumeIDs: deref(in.NetworkVolumes, nil),
		Container: &c,
	}
	if in.GPU != nil {
		excluded, err := s.gpuSelectionV2(*in.GPU.Pools, deref(in.GPU.ExcludedTypes, nil))
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
		e.ComputeType, e.GPUPools, e.ExcludedGPUTypes, e.GPUCount = "GPU", *in.GPU.Pools, excluded, deref(in.GPU.Count, 1)
		e.AllowedCudaVersions, e.MinCudaVersion = orEmpty(allowed), minCuda
	} else {
		configs, err := s.cpuConfigsV2(*in.CPU)
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
	var in v2EndpointWrite
	raw, err := decodeV2(r, updateEndpointSchema, &in)
	if err != nil {
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
			excluded, err := s.gpuSelectionV2(*in.GPU.Pools, deref(in.GPU.ExcludedTypes, nil))
			if err != nil {
				return nil, err
			}
			u.GPUPools, u.ExcludedGPUTypes = in.GPU.Pools, &excluded // pools without exclusions clear them
		}
		u.GPUCount, u.AllowedCudaVersions, u.MinCudaVersion = in.GPU.Count, in.GPU.AllowedCudaVersions, in.GPU.MinCudaVersion
		if err := cudaExclusive(deref(in.GPU.AllowedCudaVersions, e.AllowedCudaVersions), deref(in.GPU.MinCudaVersion, e.MinCudaVersion)); err != nil {
			return nil, err
		}
	}
	if in.CPU != nil {
		configs, err := s.cpuConfigsV2(*in.CPU)
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
	applyContainerV2(&c, in.v2Container, raw, in.TemplateID != nil)
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
	if raw.has("registry") {
		u.RegistryAuthID = &c.RegistryAuthID
	}
	return s.store.updateEndpoint(id, u)
}

// ---- templates ----

func (s *Server) createTemplateV2(r *http.Request) (*templateRecord, *apiError) {
	var in v2TemplateWrite
	raw, err := decodeV2(r, createTemplateSchema, &in)
	if err != nil {
		return nil, err
	}
	// Assumed defaults (the spec documents none): disk 50 GB as in v1, no ports, no mount.
	c := containerConfig{DiskInGb: 50, Ports: []string{}, Env: map[string]string{}, Args: []string{}}
	applyContainerV2(&c, in.v2Container, raw, false)
	if err := checkContainerV2(c); err != nil {
		return nil, err
	}
	t := &templateRecord{
		Name: *in.Name, ImageName: c.Image, Category: deref(in.Category, "NVIDIA"),
		IsServerless: deref(in.Serverless, false), IsPublic: deref(in.Public, false),
		ContainerDiskInGb: c.DiskInGb, Ports: c.Ports, Env: c.Env, DockerEntrypoint: []string{}, DockerStartCmd: c.Args,
		ContainerRegistryAuthID: c.RegistryAuthID, StartSSH: deref(in.StartSSH, true), StartJupyter: deref(in.StartJupyter, true),
		AllowedCudaVersions: orEmpty(deref(in.AllowedCudaVersions, nil)),
	}
	if in.Mounts != nil && in.Mounts.Persistent != nil {
		t.VolumeInGb, t.VolumeMountPath = in.Mounts.Persistent.Size, in.Mounts.Persistent.Path
	}
	return s.store.createTemplate(t)
}

func (s *Server) updateTemplateV2(id string, r *http.Request) (*templateRecord, *apiError) {
	var in v2TemplateWrite
	raw, err := decodeV2(r, updateTemplateSchema, &in)
	if err != nil {
		return nil, err
	}
	u := templateUpdate{
		Name: in.Name, IsPublic: in.Public, IsServerless: in.Serverless, Category: in.Category, ImageName: in.Image,
		ContainerDiskInGb: in.Disk, Env: in.Env, Ports: in.Ports, StartSSH: in.StartSSH, StartJupyter: in.StartJupyter,
		AllowedCudaVersions: in.AllowedCudaVersions, Snapshot: true,
	}
	if in.Args != nil {
		u.DockerStartCmd = ptr(argsFromV2(*in.Args))
	}
	if raw.has("registry") {
		u.ContainerRegistryAuthID = ptr(deref(in.Registry, ""))
	}
	if in.Ports != nil {
		if err := checkContainerV2(containerConfig{Ports: *in.Ports}); err != nil {
			return nil, err
		}
	}
	if in.Mounts != nil && in.Mounts.Persistent != nil {
		u.VolumeInGb, u.VolumeMountPath = &in.Mounts.Persistent.Size, &in.Mounts.Persistent.Path
	}
	return s.store.updateTemplate(id, u)
}

// ---- network volumes ----

func (s *Server) createVolumeV2(r *http.Request) (*volumeRecord, *apiError) {
	var in v2VolumeWrite
	if _, err := decodeV2(r, createVolumeSchema, &in); err != nil {
		return nil, err
	}
	dc, known := dataCenter(*in.DataCenter)
	// Omitted, the type is the data center's default (primary) tier: its first.
	typ := deref(in.Type, "")
	if typ == "" {
		typ = volumeStandard
		if known && len(dc.VolumeTypes) > 0 {
			typ = dc.VolumeTypes[0]
		}
	}
	if !known || !slices.Contains(dc.VolumeTypes, typ) {
		var supporting []string
		for _, d := range DataCenters {
			if slices.Contains(d.VolumeTypes, typ) {
				supporting = append(supporting, d.ID)
			}
		}
		return nil, badRequest("data center %q does not support %s network volumes; data centers that do: %s", *in.DataCenter, typ, strings.Join(supporting, ", "))
	}
	return s.store.createVolume(&volumeRecord{Name: *in.Name, Size: *in.Size, DataCenterID: dc.ID, Type: typ}), nil
}

func (s *Server) updateVolumeV2(id string, r *http.Request) (*volumeRecord, *apiError) {
	var in v2VolumeWrite
	if _, err := decodeV2(r, updateVolumeSchema, &in); err != nil {
		return nil, err
	}
	return s.store.updateVolume(id, in.Name, in.Size, false)
}

// ---- catalog ----

func (s *Server) routeCatalogV2() {
	st := s.store
	s.v2.Handle("GET /v2/catalog/gpus", func(r *http.Request) (int, any, *apiError) {
		avail, err := gpuCatalogQuery(r)
		if err != nil {
			return 0, nil, err
		}
		gpus := []map[string]any{}
		for _, g := range append(slices.Clone(st.gpuTypes), unknownGPU) {
			if avail != nil && len(avail.countryCodes) > 0 && !s.offeredIn(g, avail.cloud, avail.countryCodes) {
				continue // no data center in those countries: the type drops out of the list
			}
			gpus = append(gpus, s.gpuTypeV2(g, avail))
		}
		return http.StatusOK, map[string]any{"gpus": gpus}, nil
	})
	s.v2.Handle("GET /v2/catalog/gpus/{id}", func(r *http.Request) (int, any, *apiError) {
		avail, err := gpuCatalogQuery(r)
		if err != nil {
			return 0, nil, err
		}
		g, ok := st.gpuType(r.PathValue("id"))
		if !ok && r.PathValue("id") == unknownGPU.ID {
			g, ok = unknownGPU, true
		}
		if !ok {
			return 0, nil, notFound("GPU type")
		}
		return http.StatusOK, s.gpuTypeV2(g, avail), nil
	})
	s.v2.Handle("GET /v2/catalog/cpus", func(r *http.Request) (int, any, *apiError) {
		withAvail, err := cpuCatalogQuery(r)
		if err != nil {
			return 0, nil, err
		}
		cpus := []map[string]any{}
		for _, f := range cpuFlavors {
			cpus = append(cpus, cpuTypeV2(f, withAvail))
		}
		return http.StatusOK, map[string]any{"cpus": cpus}, nil
	})
	s.v2.Handle("GET /v2/catalog/cpus/{id}", func(r *http.Request) (int, any, *apiError) {
		withAvail, err := cpuCatalogQuery(r)
		if err != nil {
			return 0, nil, err
		}
		f, ok := cpuFlavor(r.PathValue("id"))
		if !ok {
			return 0, nil, notFound("CPU type")
		}
		return http.StatusOK, cpuTypeV2(f, withAvail), nil
	})
	s.v2.Handle("GET /v2/catalog/datacenters", func(r *http.Request) (int, any, *apiError) {
		q, err := dataCenterQuery(r, true)
		if err != nil {
			return 0, nil, err
		}
		dcs := []map[string]any{}
		for _, dc := range DataCenters {
			if q.match(dc) {
				dcs = append(dcs, s.dataCenterV2(dc, q.gpu, q.cpu))
			}
		}
		return http.StatusOK, map[string]any{"dataCenters": dcs}, nil
	})
	s.v2.Handle("GET /v2/catalog/datacenters/{id}", func(r *http.Request) (int, any, *apiError) {
		q, err := dataCenterQuery(r, false)
		if err != nil {
			return 0, nil, err
		}
		dc, ok := dataCenter(r.PathValue("id"))
		if !ok {
			return 0, nil, notFound("data center")
		}
		return http.StatusOK, s.dataCenterV2(dc, q.gpu, q.cpu), nil
	})
	s.v2.Handle("GET /v2/catalog/templates", func(r *http.Request) (int, any, *apiError) {
		source := r.URL.Query().Get("source")
		if source == "" {
			source = "official"
		}
		if !slices.Contains([]string{"official", "verified", "community"}, source) {
			return 0, nil, unprocessable("$.source: value must be one of 'official', 'verified', 'community'")
		}
		templates := []map[string]any{}
		for _, t := range sorted(st.templates) {
			// official: RunPod's; community: every other public template (the account's own
			// public ones included); verified: none in the mock.
			if (source == "official" && t.IsRunpod) || (source == "community" && t.IsPublic && !t.IsRunpod) {
				if len(templates) < 100 {
					templates = append(templates, s.templateV2(t))
				}
			}
		}
		return http.StatusOK, map[string]any{"templates": templates}, nil
	})
}

// offeredIn reports whether a data center in one of the countries offers the type in a cloud.
func (s *Server) offeredIn(g GPUType, cloud string, countries []string) bool {
	for _, id := range s.store.stock.dataCenters(g.ID, cloud) {
		if dc, ok := dataCenter(id); ok && slices.Contains(countries, dc.CountryCode) {
			return true
		}
	}
	return false
}

// queryList splits a comma-separated (explode: false) query parameter.
func queryList(r *http.Request, name string) ([]string, bool) {
	v, ok := r.URL.Query()[name]
	if !ok {
		return nil, false
	}
	var out []string
	for _, item := range strings.Split(strings.Join(v, ","), ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out, true
}

// enumList checks a list parameter's values: a bad one is a 422 naming it.
func enumList(name string, values, allowed []string, errs *[]string) {
	for i, v := range values {
		if !slices.Contains(allowed, v) {
			*errs = append(*errs, fmt.Sprintf("$.%s[%d]: value must be one of %s", name, i, quoteList(allowed)))
		}
	}
}

var (
	countryCodePattern  = regexp.MustCompile(`^[A-Z]{2}$`)
	cudaQueryPattern    = regexp.MustCompile(`^\d+\.\d+$`)
	minCudaQueryPattern = regexp.MustCompile(`^\d+(\.\d+)?$`)
)

// gpuCatalogQuery reads include=AVAILABILITY and the parameters valid only with it (400 when
// sent without it; product is required with it), or nil without include.
func gpuCatalogQuery(r *http.Request) (*gpuAvailabilityQuery, *apiError) {
	q := r.URL.Query()
	var errs []string
	include, hasInclude := queryList(r, "include")
	enumList("include", include, []string{"AVAILABILITY"}, &errs)
	if len(include) > 1 {
		errs = append(errs, fmt.Sprintf("$.include: maxItems: got %d, want 1", len(include)))
	}
	products, hasProduct := queryList(r, "product")
	enumList("product", products, []string{"POD", "CLUSTER", "SERVERLESS"}, &errs)
	countries, hasCountries := queryList(r, "countryCodes")
	for i, c := range countries {
		if !countryCodePattern.MatchString(c) {
			errs = append(errs, fmt.Sprintf("$.countryCodes[%d]: '%s' does not match pattern '^[A-Z]{2}$'", i, c))
		}
	}
	cudas, hasCudas := queryList(r, "cudaVersions")
	for i, c := range cudas {
		if !cudaQueryPattern.MatchString(c) {
			errs = append(errs, fmt.Sprintf("$.cudaVersions[%d]: '%s' does not match pattern '^\\d+\\.\\d+$'", i, c))
		}
	}
	minCuda, hasMinCuda := q.Get("minCudaVersion"), q.Has("minCudaVersion")
	if hasMinCuda && !minCudaQueryPattern.MatchString(minCuda) {
		errs = append(errs, fmt.Sprintf("$.minCudaVersion: '%s' does not match pattern '^\\d+(\\.\\d+)?$'", minCuda))
	}
	count := 1
	if q.Has("count") {
		n, err := strconv.Atoi(q.Get("count"))
		switch {
		case err != nil:
			errs = append(errs, fmt.Sprintf("$.count: got string, want integer"))
		case n < 1:
			errs = append(errs, fmt.Sprintf("$.count: minimum: got %d, want 1", n))
		}
		count = n
	}
	cloud := q.Get("cloud")
	if q.Has("cloud") && cloud != cloudSecure && cloud != cloudCommunity {
		errs = append(errs, "$.cloud: value must be one of 'SECURE', 'COMMUNITY'")
	}
	if len(errs) > 0 {
		return nil, unprocessable(errs...)
	}
	if !hasInclude || len(include) == 0 {
		for name, sent := range map[string]bool{"product": hasProduct, "count": q.Has("count"), "cloud": q.Has("cloud"),
			"countryCodes": hasCountries, "cudaVersions": hasCudas, "minCudaVersion": hasMinCuda} {
			if sent {
				return nil, badRequest("%s is valid only with include=AVAILABILITY", name)
			}
		}
		return nil, nil
	}
	if len(products) == 0 {
		return nil, badRequest("include=AVAILABILITY requires product (POD, CLUSTER or SERVERLESS): availability differs by product")
	}
	if hasCudas && hasMinCuda {
		return nil, badRequest("cudaVersions and minCudaVersion are mutually exclusive")
	}
	if cloud == "" {
		cloud = cloudSecure
	}
	return &gpuAvailabilityQuery{
		cloud: cloud, count: count, countryCodes: countries, cudaVersions: cudas, minCuda: minCuda,
		serverlessOnly: len(products) == 1 && products[0] == "SERVERLESS",
	}, nil
}

// cpuCatalogQuery reads include=AVAILABILITY with its product and vcpuCount parameters.
func cpuCatalogQuery(r *http.Request) (bool, *apiError) {
	q := r.URL.Query()
	var errs []string
	include, _ := queryList(r, "include")
	enumList("include", include, []string{"AVAILABILITY"}, &errs)
	products, hasProduct := queryList(r, "product")
	enumList("product", products, []string{"POD", "SERVERLESS"}, &errs)
	if q.Has("vcpuCount") {
		n, err := strconv.Atoi(q.Get("vcpuCount"))
		switch {
		case err != nil:
			errs = append(errs, "$.vcpuCount: got string, want integer")
		case n < 2:
			errs = append(errs, fmt.Sprintf("$.vcpuCount: minimum: got %d, want 2", n))
		case !isPowerOfTwo(n):
			return false, badRequest("vcpuCount %d must be a power of two", n)
		}
	}
	if len(errs) > 0 {
		return false, unprocessable(errs...)
	}
	if len(include) == 0 {
		if hasProduct || q.Has("vcpuCount") {
			return false, badRequest("product and vcpuCount are valid only with include=AVAILABILITY")
		}
		return false, nil
	}
	if len(products) == 0 {
		return false, badRequest("include=AVAILABILITY requires product (POD or SERVERLESS): availability differs by product")
	}
	return true, nil
}

type dataCenterFilter struct {
	gpu, cpu    bool
	regions     []string
	volumeTypes []string
	compliance  []string
	global      *bool
}

func (f dataCenterFilter) match(dc DataCenter) bool {
	if len(f.regions) > 0 && !slices.Contains(f.regions, dc.Region) { // OR within the filter
		return false
	}
	for _, t := range f.volumeTypes { // AND
		if !slices.Contains(dc.VolumeTypes, t) {
			return false
		}
	}
	for _, c := range f.compliance { // AND
		if !slices.Contains(dc.Compliance, c) {
			return false
		}
	}
	return f.global == nil || *f.global == dc.GlobalNetwork
}

var (
	dataCenterRegions = []string{"NORTH_AMERICA", "SOUTH_AMERICA", "EUROPE", "ASIA", "MIDDLE_EAST", "AFRICA", "OCEANIA", "ANTARCTICA", "UNKNOWN"}
	complianceValues  = []string{"GDPR", "ISO_IEC_27001", "ISO_14001", "PCI_DSS", "HITRUST", "SOC_1_TYPE_2", "SOC_2_TYPE_2", "SOC_3_TYPE_2", "ITAR", "FISMA_HIGH", "HIPAA", "RENEWABLE"}
)

// dataCenterQuery reads the data center catalog's include and (for the list) filters.
func dataCenterQuery(r *http.Request, filters bool) (dataCenterFilter, *apiError) {
	var f dataCenterFilter
	var errs []string
	include, _ := queryList(r, "include")
	enumList("include", include, []string{"GPU_AVAILABILITY", "CPU_AVAILABILITY"}, &errs)
	f.gpu, f.cpu = slices.Contains(include, "GPU_AVAILABILITY"), slices.Contains(include, "CPU_AVAILABILITY")
	if filters {
		f.regions, _ = queryList(r, "regions")
		enumList("regions", f.regions, dataCenterRegions, &errs)
		f.volumeTypes, _ = queryList(r, "networkVolumeTypes")
		enumList("networkVolumeTypes", f.volumeTypes, []string{volumeStandard, volumeHighPerformance}, &errs)
		f.compliance, _ = queryList(r, "compliance")
		enumList("compliance", f.compliance, complianceValues, &errs)
		if q := r.URL.Query(); q.Has("globalNetwork") {
			b, err := strconv.ParseBool(q.Get("globalNetwork"))
			if err != nil {
				errs = append(errs, "$.globalNetwork: got string, want boolean")
			}
			f.global = &b
		}
	}
	if len(errs) > 0 {
		return f, unprocessable(errs...)
	}
	return f, nil
}
