package runpodmock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
)

// REST v2 wire shapes: request bodies (the json tags are the schema's properties; schemav2.go
// validates them first) and the renderers of the store's records. Every answer carries the
// properties the spec's response schemas require, nullable ones as null rather than absent.

type v2Container struct {
	Image    *string            `json:"image"`
	Args     *string            `json:"args"`
	Disk     *int               `json:"disk"`
	Env      *map[string]string `json:"env"`
	Ports    *[]string          `json:"ports"`
	Registry *string            `json:"registry"` // null clears: tell it from absent with body.has
}

type v2PersistentMount struct {
	Size int    `json:"size"`
	Path string `json:"path"`
}

type v2NetworkMount struct {
	VolumeID string `json:"volumeId"`
	Path     string `json:"path"`
}

type v2Mounts struct {
	Persistent *v2PersistentMount `json:"persistent"`
	Network    *[]v2NetworkMount  `json:"network"`
}

type v2CPU struct {
	ID        string `json:"id"`
	VCPUCount int    `json:"vcpuCount"`
}

type v2PodGPU struct {
	ID                  string   `json:"id"`
	Count               *int     `json:"count"`
	AllowedCudaVersions []string `json:"allowedCudaVersions"`
	MinCudaVersion      *string  `json:"minCudaVersion"`
}

type v2PodCreate struct {
	v2Container
	Name             string    `json:"name"`
	Cloud            *string   `json:"cloud"`
	CPU              *v2CPU    `json:"cpu"`
	DataCenterIDs    []string  `json:"dataCenterIds"`
	GPU              *v2PodGPU `json:"gpu"`
	GlobalNetworking *bool     `json:"globalNetworking"`
	Mounts           *v2Mounts `json:"mounts"`
	StartJupyter     *bool     `json:"startJupyter"`
	StartSSH         *bool     `json:"startSsh"`
	TemplateID       *string   `json:"templateId"`
}

type v2PodUpdate struct {
	v2Container
	GlobalNetworking *bool     `json:"globalNetworking"`
	Locked           *bool     `json:"locked"`
	Mounts           *v2Mounts `json:"mounts"`
	Name             *string   `json:"name"`
	TemplateID       *string   `json:"templateId"`
}

type v2PodAction struct {
	Action string `json:"action"`
}

type v2Scaling struct {
	Type         string   `json:"type"`
	QueueDelay   *float64 `json:"queueDelay"`
	RequestCount *int     `json:"requestCount"`
}

type v2Workers struct {
	Min         *int `json:"min"`
	Max         *int `json:"max"`
	IdleTimeout *int `json:"idleTimeout"`
}

type v2EndpointGPU struct {
	Pools               *[]string `json:"pools"`
	ExcludedTypes       *[]string `json:"excludedTypes"`
	Count               *int      `json:"count"`
	AllowedCudaVersions *[]string `json:"allowedCudaVersions"`
	MinCudaVersion      *string   `json:"minCudaVersion"`
}

type v2EndpointWrite struct {
	v2Container
	Name           *string        `json:"name"`
	Type           *string        `json:"type"`
	Scaling        *v2Scaling     `json:"scaling"`
	GPU            *v2EndpointGPU `json:"gpu"`
	CPU            *[]v2CPU       `json:"cpu"`
	DataCenterIDs  *[]string      `json:"dataCenterIds"`
	Flashboot      *string        `json:"flashboot"`
	NetworkVolumes *[]string      `json:"networkVolumes"`
	TemplateID     *string        `json:"templateId"`
	Timeout        *int           `json:"timeout"`
	Workers        *v2Workers     `json:"workers"`
}

type v2TemplateWrite struct {
	v2Container
	Name                *string   `json:"name"`
	AllowedCudaVersions *[]string `json:"allowedCudaVersions"`
	Category            *string   `json:"category"`
	Mounts              *v2Mounts `json:"mounts"`
	Public              *bool     `json:"public"`
	Serverless          *bool     `json:"serverless"`
	StartJupyter        *bool     `json:"startJupyter"`
	StartSSH            *bool     `json:"startSsh"`
}

type v2VolumeWrite struct {
	DataCenter *string `json:"dataCenter"`
	Name       *string `json:"name"`
	Size       *int    `json:"size"`
	Type       *string `json:"type"`
}

type v2RegistryCreate struct {
	Name     string `json:"name"`
	Username string `json:"username"`
	Password string `json:"password"`
}

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
func (s *Server) registryV2Ref(id string) any {
	if _, ok := s.store.registryAuths[id]; id == "" || !ok {
		return nil
	}
	return id
}

// ---- pods ----

func (s *Server) podV2(p *podRecord) map[string]any {
	now := s.opts.Now()
	status := p.status(now)
	m := map[string]any{
		"id": p.ID, "name": p.Name, "status": status, "actions": podActions(status),
		"image": p.Image, "args": argsV2(p.DockerStartCmd), "disk": p.ContainerDiskInGb,
		"mounts": podMountsV2(p), "ports": orEmpty(p.Ports), "env": orEmptyMap(p.Env),
		"registry": s.registryV2Ref(p.ContainerRegistryAuthID), "cloud": p.Cloud, "dataCenterId": nil,
		"cudaVersion": nil, "template": nil, "cost": p.CostPerHr, "locked": p.Locked, "runtime": nil,
		"createdAt": rfc3339(p.CreatedAt), "startedAt": nil,
		"globalNetworking": map[string]any{"enabled": false},
	}
	if p.DataCenterID != "" {
		m["dataCenterId"] = p.DataCenterID
	}
	if p.TemplateID != "" { // only v1-created pods keep a link; v2 resolves templates once
		m["template"] = p.TemplateID
	}
	if !p.LastStartedAt.IsZero() {
		m["startedAt"] = rfc3339(p.LastStartedAt)
	}
	if status == podExited {
		m["cost"] = 0.0
	}
	if p.GPUTypeID != "" {
		m["gpu"] = map[string]any{"id": p.GPUTypeID, "count": p.GPUCount}
		if p.CudaVersion != "" {
			m["cudaVersion"] = p.CudaVersion
		}
	} else {
		m["cpu"] = map[string]any{"id": p.CPUFlavorID, "vcpuCount": int(p.VCPUCount), "memory": max(1, int(p.MemoryInGb))}
	}
	if p.GlobalNetworkingActive {
		m["globalNetworking"] = map[string]any{"enabled": true, "ip": p.globalNetworkIP(), "internalDns": p.ID + ".runpod.internal"}
	}
	proxyUser := p.sshProxyUser()
	ssh := map[string]any{"proxy": nil, "direct": nil}
	if p.MachineID != "" {
		ssh["proxy"] = map[string]any{"host": "ssh.runpod.io", "port": 22, "username": proxyUser, "command": "ssh " + proxyUser + "@ssh.runpod.io"}
	}
	m["ssh"] = ssh
	if status != podRunning {
		return m
	}
	ports := []map[string]any{}
	for _, spec := range p.Ports {
		num, proto, _ := strings.Cut(spec, "/")
		private, err := strconv.Atoi(num)
		if err != nil {
			continue
		}
		port := map[string]any{"private": private, "public": nil, "type": proto, "ip": nil}
		if public, ok := p.PublicPorts[private]; ok {
			ip := sharedHostIP
			if p.PublicIP != "" {
				ip = p.PublicIP
			}
			port["public"], port["ip"] = public, ip
			if private == 22 && proto == "tcp" {
				ssh["direct"] = map[string]any{"host": ip, "port": public, "username": "root", "command": fmt.Sprintf("ssh root@%s -p %d", ip, public)}
			}
		}
		ports = append(ports, port)
	}
	gpus := []map[string]any{}
	for range p.GPUCount {
		gpus = append(gpus, map[string]any{"util": 0, "memoryUtil": 0})
	}
	m["runtime"] = map[string]any{
		"uptime": int(now.Sub(p.BootAt).Seconds()), "gpus": gpus, "cpu": map[string]any{"util": 0},
		"memory": map[string]any{"util": 1}, "ports": ports,
	}
	return m
}

// podMountsV2 renders the pod's storage: its network volume, or its pod volume, or none.
func podMountsV2(p *podRecord) map[string]any {
	switch {
	case p.NetworkVolumeID != "":
		return map[string]any{"network": []map[string]any{{"volumeId": p.NetworkVolumeID, "path": p.VolumeMountPath}}}
	case p.VolumeInGb > 0:
		return map[string]any{"persistent": map[string]any{"size": p.VolumeInGb, "path": p.VolumeMountPath}}
	}
	return map[string]any{}
}

// ---- endpoints ----

func (s *Server) endpointV2(e *endpointRecord) map[string]any {
	c := s.store.endpointContainer(e)
	workers := map[string]any{"min": e.WorkersMin, "max": e.WorkersMax}
	if !(e.Type == endpointQueue && e.ScalerType == "REQUEST_COUNT") { // v2 omits it for that combination
		workers["idleTimeout"] = e.IdleTimeout
	}
	scaling := map[string]any{"type": e.ScalerType}
	if e.ScalerType == "REQUEST_COUNT" {
		scaling["requestCount"] = int(e.ScalerValue)
	} else {
		scaling["queueDelay"] = e.ScalerValue
	}
	m := map[string]any{
		"id": e.ID, "name": e.Name, "type": e.Type, "requestUrls": requestURLs(e, c),
		"image": c.Image, "args": argsV2(c.Args), "disk": c.DiskInGb, "ports": orEmpty(c.Ports), "env": orEmptyMap(c.Env),
		"registry": s.registryV2Ref(c.RegistryAuthID), "workers": workers, "scaling": scaling,
		"dataCenterIds": orEmpty(e.DataCenterIDs), "networkVolumes": e.volumeIDs(), "timeout": e.ExecutionTimeoutMs,
		"flashboot": e.Flashboot, "createdAt": rfc3339(e.CreatedAt),
	}
	if e.ComputeType == "CPU" {
		cpus := []map[string]any{}
		for _, cc := range e.cpuConfigs() {
			ram := 2.0
			if f, ok := cpuFlavor(cc.FlavorID); ok {
				ram = f.RAMGbPerVCPU
			}
			cpus = append(cpus, map[string]any{"id": cc.FlavorID, "vcpuCount": cc.VCPUCount, "memory": max(1, int(ram*float64(cc.VCPUCount)))})
		}
		m["cpu"] = cpus
	} else {
		gpu := map[string]any{
			"pools": orEmpty(e.GPUPools), "count": e.GPUCount, "allowedCudaVersions": orEmpty(e.AllowedCudaVersions),
			"minCudaVersion": nil,
		}
		if len(e.ExcludedGPUTypes) > 0 {
			gpu["excludedTypes"] = e.ExcludedGPUTypes
		}
		if e.MinCudaVersion != "" {
			gpu["minCudaVersion"] = e.MinCudaVersion
		}
		m["gpu"] = gpu
	}
	return m
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

func (s *Server) templateV2(t *templateRecord) map[string]any {
	mounts := map[string]any{}
	if t.VolumeInGb > 0 {
		mounts["persistent"] = map[string]any{"size": t.VolumeInGb, "path": t.VolumeMountPath}
	}
	registry := s.registryV2Ref(t.ContainerRegistryAuthID)
	if t.IsRunpod { // "registry is always null for templates you don't own"
		registry = nil
	}
	return map[string]any{
		"id": t.ID, "name": t.Name, "image": t.ImageName, "args": argsV2(t.DockerStartCmd), "disk": t.ContainerDiskInGb,
		"mounts": mounts, "ports": orEmpty(t.Ports), "env": orEmptyMap(t.Env), "registry": registry,
		"serverless": t.IsServerless, "public": t.IsPublic || t.IsRunpod, "category": t.Category, "startSsh": t.StartSSH,
		"startJupyter": t.StartJupyter, "allowedCudaVersions": orEmpty(t.AllowedCudaVersions),
	}
}

func volumeV2(v *volumeRecord) map[string]any {
	return map[string]any{"id": v.ID, "name": v.Name, "size": v.Size, "dataCenter": v.DataCenterID, "type": v.Type}
}

func registryV2(a *registryAuthRecord) map[string]any {
	return map[string]any{"id": a.ID, "name": a.Name}
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
