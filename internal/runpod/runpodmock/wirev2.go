package runpodmock

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodwire"
)

// REST v2 wire shapes: the request bodies are runpodwire's (the client's own types: specv2.go
// validates a body against the spec before it is decoded into one), and the renderers here
// fill runpodwire's answers from the store's records. Every answer carries the properties the
// spec's response schemas require, nullable ones as null rather than absent.
type (
	v2Container       = runpodwire.Container
	v2Mounts          = runpodwire.Mounts
	v2PersistentMount = runpodwire.PersistentMount
	v2CPU             = runpodwire.CPUConfig
	v2Scaling         = runpodwire.Scaling
)

// rfc3339 formats a v2 timestamp ("2026-06-01T12:00:00Z").
func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// argsV2 is a container's start arguments as v2's one string.
func argsV2(args []string) string { return strings.Join(args, " ") }

// argsFromV2 stores v2's args string: as one element, so it reads back unchanged (v1 readers
// see a one-element dockerStartCmd).
func argsFromV2(args string) []string {
	if args == "" {
		return []string{}
	}
	return []string{args}
}

// registryV2Ref renders a registry reference: null when unset or when the registry is gone.
func (s *Server) registryV2Ref(id string) *string {
	if _, ok := s.store.registryAuths[id]; id == "" || !ok {
		return nil
	}
	return &id
}

// containerV2 renders container settings as ContainerConfig (args as v2's one string).
func (s *Server) containerV2(image string, args []string, disk int, ports []string, env map[string]string, registryID string) runpodwire.ContainerConfig {
	return runpodwire.ContainerConfig{
		Image: image, Args: ptr(argsV2(args)), Disk: disk, Ports: orEmpty(ports), Env: orEmptyMap(env),
		Registry: s.registryV2Ref(registryID),
	}
}

// ---- endpoints ----

func (s *Server) endpointV2(e *endpointRecord) runpodwire.Endpoint {
	c := s.store.endpointContainer(e)
	workers := &runpodwire.EndpointWorkers{Min: e.WorkersMin, Max: e.WorkersMax}
	if !(e.Type == endpointQueue && e.ScalerType == "REQUEST_COUNT") { // v2 omits it for that combination
		workers.IdleTimeout = ptr(e.IdleTimeout)
	}
	scaling := &runpodwire.Scaling{Type: e.ScalerType}
	if e.ScalerType == "REQUEST_COUNT" {
		scaling.RequestCount = ptr(int(e.ScalerValue))
	} else {
		scaling.QueueDelay = ptr(e.ScalerValue)
	}
	out := runpodwire.Endpoint{
		ID: e.ID, Name: e.Name, Type: e.Type, RequestURLs: requestURLs(e, c),
		ContainerConfig: s.containerV2(c.Image, c.Args, c.DiskInGb, c.Ports, c.Env, c.RegistryAuthID),
		Workers:         workers, Scaling: scaling, DataCenterIDs: orEmpty(e.DataCenterIDs), NetworkVolumes: e.volumeIDs(),
		Timeout: e.ExecutionTimeoutMs, Flashboot: e.Flashboot, CreatedAt: rfc3339(e.CreatedAt),
	}
	if e.ComputeType == "CPU" {
		out.CPU = []runpodwire.CPUConfig{}
		for _, cc := range e.cpuConfigs() {
			ram := 2.0
			if f, ok := cpuFlavor(cc.FlavorID); ok {
				ram = f.RAMGbPerVCPU
			}
			out.CPU = append(out.CPU, runpodwire.CPUConfig{ID: cc.FlavorID, VCPUCount: cc.VCPUCount, Memory: max(1, int(ram*float64(cc.VCPUCount)))})
		}
		return out
	}
	out.GPU = &runpodwire.EndpointGPUConfig{
		Pools: orEmpty(e.GPUPools), Count: e.GPUCount, AllowedCudaVersions: orEmpty(e.AllowedCudaVersions),
		ExcludedTypes: e.ExcludedGPUTypes,
	}
	if len(e.ExcludedGPUTypes) == 0 {
		out.GPU.ExcludedTypes = nil
	}
	if e.MinCudaVersion != "" {
		out.GPU.MinCudaVersion = ptr(e.MinCudaVersion)
	}
	return out
}

// requestURLs are the endpoint's job URLs (queue) or base and health URLs (load balancer; the
// health path is HEALTH_CHECK_PATH from the env, default /ping).
func requestURLs(e *endpointRecord, c containerConfig) map[string]string {
	if e.Type == endpointLoadBalancer {
		base := "https://" + e.ID + ".api.runpod.ai"
		health := c.Env["HEALTH_CHECK_PATH"]
		if health == "" {
			health = "/ping"
		}
		if !strings.HasPrefix(health, "/") {
			health = "/" + health
		}
		return map[string]string{"base": base, "health": base + health}
	}
	base := "https://api.runpod.ai/v2/" + e.ID
	return map[string]string{
		"run": base + "/run", "runSync": base + "/runsync", "status": base + "/status/{job_id}",
		"stream": base + "/stream/{job_id}", "cancel": base + "/cancel/{job_id}", "retry": base + "/retry/{job_id}",
		"purgeQueue": base + "/purge-queue", "health": base + "/health",
	}
}

// endpointWorkersV2 renders GET /v2/serverless/{id}/workers.
func (s *Server) endpointWorkersV2(e *endpointRecord) map[string]any {
	now := s.opts.Now()
	c := s.store.endpointContainer(e)
	gpuTypeID, dc := any(nil), defaultDataCenter(cloudSecure)
	if len(e.GPUTypeIDs) > 0 && e.ComputeType != "CPU" {
		gpuTypeID = e.GPUTypeIDs[0]
	}
	if len(e.DataCenterIDs) > 0 {
		dc = e.DataCenterIDs[0]
	}
	gpuCount := e.GPUCount
	if e.ComputeType == "CPU" {
		gpuCount = 0
	}
	workers := []map[string]any{}
	for _, w := range s.store.endpointWorkers(e) {
		workers = append(workers, map[string]any{
			"id": w.ID, "status": "IDLE", "isStale": w.Stale, "version": w.Version, "gpuCount": gpuCount,
			"image": c.Image, "uptimeSeconds": max(0, int(now.Sub(w.StartedAt).Seconds())), "gpuTypeId": gpuTypeID,
			"dataCenterId": dc, "startedAt": rfc3339(w.StartedAt),
		})
	}
	return map[string]any{
		"workers": workers, "endpointVersion": e.Version,
		"summary": map[string]any{"running": 0, "idle": len(workers), "initializing": 0, "throttled": 0, "unhealthy": 0, "total": len(workers)},
	}
}

// endpointReleasesV2 renders GET /v2/serverless/{id}/releases.
func (s *Server) endpointReleasesV2(e *endpointRecord) map[string]any {
	workers := s.store.endpointWorkers(e)
	onVersion := map[int]int{}
	for _, w := range workers {
		onVersion[w.Version]++
	}
	releases := []map[string]any{}
	for i := len(e.Releases) - 1; i >= 0; i-- {
		r := e.Releases[i]
		diff := []map[string]any{}
		for _, d := range r.Diff {
			diff = append(diff, map[string]any{"field": d.Field, "old": d.Old, "new": d.New})
		}
		releases = append(releases, map[string]any{
			"id": r.ID, "version": r.Version, "source": "MANUAL", "buildId": nil, "createdByUserId": s.store.userID,
			"workerCount": onVersion[r.Version], "createdAt": rfc3339(r.CreatedAt), "diff": diff,
		})
	}
	latest, percent := onVersion[e.Version], 0
	if len(workers) > 0 {
		percent = latest * 100 / len(workers)
	}
	return map[string]any{
		"endpointVersion": e.Version, "releases": releases,
		"rollout": map[string]any{"inProgress": latest < len(workers), "workersOnLatest": latest, "workersTotal": len(workers), "percentOnLatest": percent},
	}
}

// ---- templates, network volumes, registries ----

func (s *Server) templateV2(t *templateRecord) runpodwire.Template {
	mounts := &runpodwire.Mounts{}
	if t.VolumeInGb > 0 {
		mounts.Persistent = &runpodwire.PersistentMount{Size: t.VolumeInGb, Path: t.VolumeMountPath}
	}
	registry := t.ContainerRegistryAuthID
	if t.IsRunpod { // "registry is always null for templates you don't own"
		registry = ""
	}
	return runpodwire.Template{
		ID: t.ID, Name: t.Name,
		ContainerConfig: s.containerV2(t.ImageName, t.DockerStartCmd, t.ContainerDiskInGb, t.Ports, t.Env, registry),
		Mounts:          mounts, Serverless: t.IsServerless, Public: t.IsPublic || t.IsRunpod, Category: t.Category,
		StartSSH: ptr(t.StartSSH), StartJupyter: ptr(t.StartJupyter), AllowedCudaVersions: orEmpty(t.AllowedCudaVersions),
	}
}

func volumeV2(v *volumeRecord) runpodwire.NetworkVolume {
	return runpodwire.NetworkVolume{ID: v.ID, Name: v.Name, Size: v.Size, DataCenter: v.DataCenterID, Type: v.Type}
}

func registryV2(a *registryAuthRecord) runpodwire.Registry {
	return runpodwire.Registry{ID: a.ID, Name: a.Name}
}

// ---- catalog ----

// unknownGPU is the sentinel row the live v2 catalog lists (clients drop it).
var unknownGPU = GPUType{ID: "unknown", DisplayName: "unknown", Manufacturer: "UNKNOWN"}

func gpuManufacturerV2(m string) string {
	switch strings.ToUpper(m) {
	case "NVIDIA":
		return "NVIDIA"
	case "AMD":
		return "AMD"
	}
	return "UNKNOWN"
}

// gpuTypeV2 renders a GPU type; avail, when non-nil, adds the availability expansion.
func (s *Server) gpuTypeV2(g GPUType, avail *gpuAvailabilityQuery) map[string]any {
	var pool any
	if g.Pool != "" {
		pool = g.Pool
	}
	maxCount := map[string]any{"secure": 0, "community": 0}
	if g.SecureCloud() {
		maxCount["secure"] = g.MaxGPUCount
	}
	if g.CommunityCloud() {
		maxCount["community"] = g.MaxGPUCount
	}
	price := map[string]any{"secure": g.SecurePrice, "community": g.CommunityPrice}
	if g.Pool != "" {
		price["serverless"] = g.ServerlessPrice
	}
	m := map[string]any{
		"id": g.ID, "name": g.DisplayName, "pool": pool, "manufacturer": gpuManufacturerV2(g.Manufacturer),
		"memory": g.MemoryInGb, "secure": g.SecureCloud(), "community": g.CommunityCloud(), "price": price, "maxCount": maxCount,
	}
	if avail == nil {
		return m
	}
	versions := g.CudaVersions
	if len(avail.cudaVersions) > 0 {
		versions = nil
		for _, v := range g.CudaVersions {
			if slices.Contains(avail.cudaVersions, v) {
				versions = append(versions, v)
			}
		}
	}
	if avail.minCuda != "" {
		var kept []string
		for _, v := range versions {
			if cudaAtLeast(v, avail.minCuda) {
				kept = append(kept, v)
			}
		}
		versions = kept
	}
	cudaOK := len(versions) > 0 || (len(g.CudaVersions) == 0 && len(avail.cudaVersions) == 0 && avail.minCuda == "")
	overall := "NONE"
	dcs := []map[string]any{}
	for _, dcID := range s.store.stock.dataCenters(g.ID, avail.cloud) {
		dc, ok := dataCenter(dcID)
		if !ok || (len(avail.countryCodes) > 0 && !slices.Contains(avail.countryCodes, dc.CountryCode)) {
			continue
		}
		level := availabilityLevel(s.store.stock.inDC(g.ID, avail.cloud, dcID), avail.count)
		if !cudaOK || (avail.serverlessOnly && g.Pool == "") || g.price(avail.cloud, false) == 0 {
			level = "NONE"
		}
		if level == "NONE" {
			continue
		}
		dcs = append(dcs, map[string]any{"id": dc.ID, "name": dc.Name, "availability": level})
		if levelRank(level) > levelRank(overall) {
			overall = level
		}
	}
	m["availability"] = overall
	if len(dcs) > 0 {
		m["dataCenters"] = dcs
	}
	if len(versions) > 0 {
		cuda := []map[string]any{}
		for _, v := range versions {
			cuda = append(cuda, map[string]any{"version": v, "available": overall != "NONE"})
		}
		m["cudaVersions"] = cuda
	}
	return m
}

func levelRank(level string) int {
	return slices.Index([]string{"NONE", "LOW", "MEDIUM", "HIGH"}, level)
}

// cudaAtLeast compares a major.minor version with a floor given as major or major.minor (a
// bare major means any release of it).
func cudaAtLeast(v, floor string) bool {
	if !strings.Contains(floor, ".") {
		major, _, _ := strings.Cut(v, ".")
		a, _ := strconv.Atoi(major)
		b, _ := strconv.Atoi(floor)
		return a >= b
	}
	return compareVersions(v, floor) >= 0
}

// gpuAvailabilityQuery is a catalog GPU read's include=AVAILABILITY scope.
type gpuAvailabilityQuery struct {
	cloud          string
	count          int
	countryCodes   []string
	cudaVersions   []string
	minCuda        string
	serverlessOnly bool
}

func cpuTypeV2(f CPUFlavor, withAvailability bool) map[string]any {
	m := map[string]any{
		"id": f.ID, "name": f.Name, "group": f.Group, "vcpu": map[string]any{"min": f.MinVCPU, "max": f.MaxVCPU},
		"ramGbPerVcpu": f.RAMGbPerVCPU, "price": map[string]any{"securePerVcpu": f.SecurePerVCPU, "serverlessPerVcpu": f.ServerlessPerVCPU},
	}
	if withAvailability { // the mock has CPU capacity everywhere
		dcs := []map[string]any{}
		for _, dc := range DataCenters {
			dcs = append(dcs, map[string]any{"id": dc.ID, "name": dc.Name, "availability": "HIGH"})
		}
		m["availability"], m["dataCenters"] = "HIGH", dcs
	}
	return m
}

func (s *Server) dataCenterV2(dc DataCenter, gpuAvail, cpuAvail bool) map[string]any {
	m := map[string]any{
		"id": dc.ID, "name": dc.Name, "region": dc.Region, "globalNetwork": dc.GlobalNetwork,
		"networkVolumeTypes": orEmpty(dc.VolumeTypes), "compliance": orEmpty(dc.Compliance),
	}
	if gpuAvail {
		var gpus []map[string]any
		for _, g := range s.store.gpuTypes {
			offered, free := false, 0
			for _, cloud := range cloudTypes {
				if slices.Contains(s.store.stock.dataCenters(g.ID, cloud), dc.ID) {
					offered = true
					free += s.store.stock.inDC(g.ID, cloud, dc.ID)
				}
			}
			if offered {
				gpus = append(gpus, map[string]any{"id": g.ID, "name": g.DisplayName, "availability": availabilityLevel(free, 1)})
			}
		}
		if len(gpus) > 0 {
			m["gpuAvailability"] = gpus
		}
	}
	if cpuAvail {
		cpus := []map[string]any{}
		for _, f := range cpuFlavors {
			cpus = append(cpus, map[string]any{"id": f.ID, "name": f.Name, "availability": "HIGH"})
		}
		m["cpuAvailability"] = cpus
	}
	return m
}

// ---- errors ----

// v2 is the REST v2 codec: every refusal is RFC 9457 application/problem+json
// {title, status, detail, errors?}. Refusals whose status or text differ from v1's are
// translated by kind.
var v2 = mockkit.Codec[apiError]{WriteOK: mockkit.WriteJSON, WriteError: func(w http.ResponseWriter, err *apiError) {
	status, detail := err.status, err.msg
	switch err.kind {
	case errNoCapacity:
		status, detail = http.StatusBadRequest, noCapacityDetail
	case errNotOwner:
		status, detail = http.StatusNotFound, "template not found"
	}
	writeProblem(w, status, detail, err.problems...)
}}

// noCapacityDetail is v2's capacity refusal (a 400), observed live.
const noCapacityDetail = "There are no longer any instances available with the requested specifications. Please refresh and try again."

func writeProblem(w http.ResponseWriter, status int, detail string, errs ...string) {
	body := map[string]any{"title": http.StatusText(status), "status": status, "detail": detail}
	if len(errs) > 0 {
		body["errors"] = errs
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}
