package runpodmock

import (
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"time"
)

// ---- endpoints ----

// containerConfig is a container's settings as an endpoint holds them when it has its own
// copy (REST v2 resolves a template once into one; v1 endpoints read their bound template's).
type containerConfig struct {
	Image          string
	Args           []string // v1 dockerStartCmd; v2 args is one string, stored as one element
	DiskInGb       int
	Ports          []string
	Env            map[string]string
	RegistryAuthID string
}

func (c containerConfig) clone() containerConfig {
	c.Args = slices.Clone(c.Args)
	c.Ports = slices.Clone(c.Ports)
	c.Env = maps.Clone(c.Env)
	return c
}

func templateContainer(t *templateRecord) containerConfig {
	return containerConfig{
		Image: t.ImageName, Args: slices.Clone(t.DockerStartCmd), DiskInGb: t.ContainerDiskInGb, Ports: slices.Clone(t.Ports),
		Env: maps.Clone(t.Env), RegistryAuthID: t.ContainerRegistryAuthID,
	}
}

// cpuConfig is one CPU configuration of a CPU endpoint (v2 cpu[]).
type cpuConfig struct {
	FlavorID  string
	VCPUCount int
}

// Flashboot modes (v2 FlashBoot); v1's boolean maps true to flashbootOn.
const (
	flashbootOff      = "OFF"
	flashbootOn       = "FLASHBOOT"
	flashbootPriority = "PRIORITY_FLASHBOOT"
)

// Endpoint types (v2 EndpointType); v1 endpoints are queue-based.
const (
	endpointQueue        = "QUEUE"
	endpointLoadBalancer = "LOAD_BALANCER"
)

type endpointRecord struct {
	recordMeta
	Name, TemplateID, ComputeType string
	// Type is QUEUE or LOAD_BALANCER.
	Type string
	// GPUTypeIDs is the set of GPU types workers may run on; GPUPools and ExcludedGPUTypes are
	// the same selection in v2's terms (pools minus types). Each write keeps both in step.
	GPUTypeIDs, CPUFlavorIDs        []string
	GPUPools, ExcludedGPUTypes      []string
	DataCenterIDs                   []string
	AllowedCudaVersions             []string
	MinCudaVersion                  string
	NetworkVolumeID                 string
	NetworkVolumeIDs                []string
	GPUCount, VCPUCount             int
	ExecutionTimeoutMs, IdleTimeout int
	// CPUConfigs is v2's cpu[] (each flavor with its own vCPU count); nil for v1 endpoints,
	// whose configurations are CPUFlavorIDs × VCPUCount (see cpuConfigs).
	CPUConfigs             []cpuConfig
	ScalerType             string
	ScalerValue            float64
	WorkersMin, WorkersMax int
	Flashboot              string
	// Container is the endpoint's own container settings; nil means the bound template's
	// (TemplateID), which is what v1 endpoints read.
	Container *containerConfig
	Version   int
	Releases  []releaseRecord // oldest first; the last is the current version
}

// releaseRecord is one version of an endpoint's configuration.
type releaseRecord struct {
	ID        string
	Version   int
	CreatedAt time.Time
	Diff      []diffEntry
}

// diffEntry is one changed field of a release (v2 ReleaseDiffEntry).
type diffEntry struct {
	Field    string
	Old, New any
}

// container is the endpoint's effective container: its own copy, or its bound template's.
func (st *store) endpointContainer(e *endpointRecord) containerConfig {
	if e.Container != nil {
		return *e.Container
	}
	if t, ok := st.templates[e.TemplateID]; ok {
		return templateContainer(t)
	}
	return containerConfig{}
}

// cpuConfigs is the endpoint's CPU configurations.
func (e *endpointRecord) cpuConfigs() []cpuConfig {
	if e.CPUConfigs != nil {
		return e.CPUConfigs
	}
	out := make([]cpuConfig, len(e.CPUFlavorIDs))
	for i, f := range e.CPUFlavorIDs {
		out[i] = cpuConfig{f, e.VCPUCount}
	}
	return out
}

// poolTypes lists the catalog's GPU types in a serverless pool.
func (st *store) poolTypes(pool string) []string {
	var out []string
	for _, g := range st.gpuTypes {
		if g.Pool == pool && pool != "" {
			out = append(out, g.ID)
		}
	}
	return out
}

// gpuSelectionFromTypes expresses a set of GPU types as pools minus exclusions (types in no
// pool cannot be expressed and drop out).
func (st *store) gpuSelectionFromTypes(ids []string) (pools, excluded []string) {
	for _, id := range ids {
		if g, ok := st.gpuType(id); ok && g.Pool != "" && !slices.Contains(pools, g.Pool) {
			pools = append(pools, g.Pool)
		}
	}
	for _, pool := range pools {
		for _, id := range st.poolTypes(pool) {
			if !slices.Contains(ids, id) {
				excluded = append(excluded, id)
			}
		}
	}
	return pools, excluded
}

// gpuTypesFromSelection is the set of GPU types pools minus excluded select.
func (st *store) gpuTypesFromSelection(pools, excluded []string) []string {
	var out []string
	for _, pool := range pools {
		for _, id := range st.poolTypes(pool) {
			if !slices.Contains(excluded, id) {
				out = append(out, id)
			}
		}
	}
	return out
}

// endpointUpdate is a PATCH in neutral terms; rolling fields roll out a new release.
type endpointUpdate struct {
	Name                *string
	ExecutionTimeoutMs  *int
	Flashboot           *string
	IdleTimeout         *int
	ScalerType          *string
	ScalerValue         *float64
	WorkersMin          *int
	WorkersMax          *int
	TemplateID          *string
	GPUTypeIDs          *[]string
	GPUPools            *[]string
	ExcludedGPUTypes    *[]string
	GPUCount            *int
	CPUFlavorIDs        *[]string
	VCPUCount           *int
	CPUConfigs          *[]cpuConfig
	DataCenterIDs       *[]string
	NetworkVolumeID     *string
	NetworkVolumeIDs    *[]string
	AllowedCudaVersions *[]string
	MinCudaVersion      *string
	// Container fields give the endpoint its own container copy (a v1 endpoint bound to a
	// template gets a copy of the template's, then the change): v2's container settings.
	Image          *string
	Args           *[]string
	DiskInGb       *int
	Ports          *[]string
	Env            *map[string]string
	RegistryAuthID *string
}

func (u endpointUpdate) changesContainer() bool {
	return u.Image != nil || u.Args != nil || u.DiskInGb != nil || u.Ports != nil || u.Env != nil || u.RegistryAuthID != nil
}

func (st *store) checkEndpointRefs(e *endpointRecord) *apiError {
	if e.Container == nil {
		tpl, ok := st.templates[e.TemplateID]
		if !ok {
			return badRequest("template %s not found", e.TemplateID)
		}
		if !tpl.IsServerless {
			return badRequest("template %s is not a serverless template (isServerless = false): endpoints need one", e.TemplateID)
		}
	} else if id := e.Container.RegistryAuthID; id != "" {
		if _, ok := st.registryAuths[id]; !ok {
			return badRequest("container registry auth %s not found", id)
		}
	}
	for _, id := range append([]string{e.NetworkVolumeID}, e.NetworkVolumeIDs...) {
		if id == "" {
			continue
		}
		if _, ok := st.volumes[id]; !ok {
			return badRequest("network volume %s not found", id)
		}
	}
	return nil
}

func (st *store) createEndpoint(e *endpointRecord) (*endpointRecord, *apiError) {
	if err := st.checkEndpointRefs(e); err != nil {
		return nil, err
	}
	if e.WorkersMin > e.WorkersMax {
		return nil, badRequest("workersMin (%d) cannot be greater than workersMax (%d)", e.WorkersMin, e.WorkersMax)
	}
	if e.Type == "" {
		e.Type = endpointQueue
	}
	if e.Flashboot == "" {
		e.Flashboot = flashbootOff
	}
	if e.ComputeType != "CPU" {
		switch {
		case e.GPUPools == nil:
			e.GPUPools, e.ExcludedGPUTypes = st.gpuSelectionFromTypes(e.GPUTypeIDs)
		case e.GPUTypeIDs == nil:
			e.GPUTypeIDs = st.gpuTypesFromSelection(e.GPUPools, e.ExcludedGPUTypes)
		}
	}
	e.ID = randomID(14)
	e.CreatedAt = st.now()
	e.Releases = []releaseRecord{{ID: randomID(8), Version: e.Version, CreatedAt: e.CreatedAt, Diff: []diffEntry{}}}
	st.endpoints[e.ID] = e
	return e, nil
}

func (st *store) endpoint(id string) (*endpointRecord, *apiError) {
	return recordOf(st.endpoints, id, "endpoint")
}

func (st *store) updateEndpoint(id string, u endpointUpdate) (*endpointRecord, *apiError) {
	e, err := st.endpoint(id)
	if err != nil {
		return nil, err
	}
	next := *e
	if next.Container != nil {
		c := next.Container.clone()
		next.Container = &c
	}
	set(&next.Name, u.Name)
	set(&next.ExecutionTimeoutMs, u.ExecutionTimeoutMs)
	set(&next.Flashboot, u.Flashboot)
	set(&next.IdleTimeout, u.IdleTimeout)
	set(&next.ScalerType, u.ScalerType)
	set(&next.ScalerValue, u.ScalerValue)
	set(&next.WorkersMin, u.WorkersMin)
	set(&next.WorkersMax, u.WorkersMax)
	set(&next.TemplateID, u.TemplateID)
	set(&next.GPUCount, u.GPUCount)
	set(&next.CPUFlavorIDs, u.CPUFlavorIDs)
	set(&next.VCPUCount, u.VCPUCount)
	set(&next.CPUConfigs, u.CPUConfigs)
	set(&next.DataCenterIDs, u.DataCenterIDs)
	set(&next.NetworkVolumeID, u.NetworkVolumeID)
	set(&next.NetworkVolumeIDs, u.NetworkVolumeIDs)
	set(&next.AllowedCudaVersions, u.AllowedCudaVersions)
	set(&next.MinCudaVersion, u.MinCudaVersion)
	if u.GPUTypeIDs != nil {
		next.GPUTypeIDs = *u.GPUTypeIDs
		next.GPUPools, next.ExcludedGPUTypes = st.gpuSelectionFromTypes(next.GPUTypeIDs)
	}
	if u.GPUPools != nil { // pools without exclusions clear them (v2 BaseEndpointGpuConfig)
		next.GPUPools, next.ExcludedGPUTypes = *u.GPUPools, deref(u.ExcludedGPUTypes, nil)
		next.GPUTypeIDs = st.gpuTypesFromSelection(next.GPUPools, next.ExcludedGPUTypes)
	}
	if u.CPUConfigs == nil && (u.CPUFlavorIDs != nil || u.VCPUCount != nil) { // v1's terms replace v2's configurations
		next.CPUConfigs = nil
	}
	if u.CPUConfigs != nil && len(*u.CPUConfigs) > 0 { // v1 readers see the first count
		next.CPUFlavorIDs, next.VCPUCount = nil, (*u.CPUConfigs)[0].VCPUCount
		for _, c := range *u.CPUConfigs {
			if !slices.Contains(next.CPUFlavorIDs, c.FlavorID) {
				next.CPUFlavorIDs = append(next.CPUFlavorIDs, c.FlavorID)
			}
		}
	}
	if u.TemplateID != nil { // v1: bind to the template; its container is the endpoint's
		next.Container = nil
	}
	if u.changesContainer() {
		if next.Container == nil {
			c := st.endpointContainer(e).clone()
			next.Container = &c
		}
		set(&next.Container.Image, u.Image)
		set(&next.Container.Args, u.Args)
		set(&next.Container.DiskInGb, u.DiskInGb)
		set(&next.Container.Ports, u.Ports)
		set(&next.Container.Env, u.Env)
		set(&next.Container.RegistryAuthID, u.RegistryAuthID)
	}
	if err := st.checkEndpointRefs(&next); err != nil {
		return nil, err
	}
	if next.WorkersMin > next.WorkersMax {
		return nil, badRequest("workersMin (%d) cannot be greater than workersMax (%d)", next.WorkersMin, next.WorkersMax)
	}
	diff := st.releaseDiff(e, &next)
	*e = next
	if len(diff) > 0 {
		st.release(e, diff)
	}
	return e, nil
}

// release rolls out a new version of the endpoint: workers move to it one by one over the
// rollout duration (see endpointWorkers).
func (st *store) release(e *endpointRecord, diff []diffEntry) {
	e.Version++
	e.Releases = append(e.Releases, releaseRecord{ID: randomID(8), Version: e.Version, CreatedAt: st.now(), Diff: diff})
}

// releaseDiff lists what changes between a and b among the fields outside v1's
// EndpointUpdateInPlaceInput (and v2's container settings): each such change rolls out a new
// release. Names follow v2's ReleaseDiffEntry examples (top-level or template-scoped).
func (st *store) releaseDiff(a, b *endpointRecord) []diffEntry {
	var diff []diffEntry
	add := func(field string, old, new any) {
		if !reflect.DeepEqual(old, new) {
			diff = append(diff, diffEntry{field, old, new})
		}
	}
	add("templateId", a.TemplateID, b.TemplateID)
	ca, cb := st.endpointContainer(a), st.endpointContainer(b)
	add("template.imageName", ca.Image, cb.Image)
	add("template.dockerArgs", strings.Join(ca.Args, " "), strings.Join(cb.Args, " "))
	add("template.containerDiskInGb", ca.DiskInGb, cb.DiskInGb)
	add("template.ports", orEmpty(ca.Ports), orEmpty(cb.Ports))
	add("template.env", orEmptyMap(ca.Env), orEmptyMap(cb.Env))
	add("template.containerRegistryAuthId", ca.RegistryAuthID, cb.RegistryAuthID)
	add("gpuIds", orEmpty(a.GPUTypeIDs), orEmpty(b.GPUTypeIDs))
	add("gpuCount", a.GPUCount, b.GPUCount)
	add("instanceIds", a.cpuConfigs(), b.cpuConfigs())
	add("locations", orEmpty(a.DataCenterIDs), orEmpty(b.DataCenterIDs))
	add("networkVolumeIds", a.volumeIDs(), b.volumeIDs())
	add("allowedCudaVersions", orEmpty(a.AllowedCudaVersions), orEmpty(b.AllowedCudaVersions))
	add("minCudaVersion", a.MinCudaVersion, b.MinCudaVersion)
	return diff
}

// volumeIDs is every network volume the endpoint mounts (v1's one and many, v2's list).
func (e *endpointRecord) volumeIDs() []string {
	out := []string{}
	for _, id := range append([]string{e.NetworkVolumeID}, e.NetworkVolumeIDs...) {
		if id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// endpointWorker is one worker of an endpoint, derived: an endpoint runs workersMin idle
// workers. After a release, worker i (of n) moves to the new version at
// release time + rollout × (i+1)/n.
type endpointWorker struct {
	ID        string
	Version   int
	Stale     bool
	StartedAt time.Time
}

func (st *store) endpointWorkers(e *endpointRecord) []endpointWorker {
	now, n := st.now(), e.WorkersMin
	current := e.Releases[len(e.Releases)-1]
	previous := current
	if len(e.Releases) > 1 {
		previous = e.Releases[len(e.Releases)-2]
	}
	workers := make([]endpointWorker, n)
	for i := range workers {
		w := endpointWorker{ID: fmt.Sprintf("%s-worker-%d", e.ID, i+1), Version: current.Version, StartedAt: current.CreatedAt}
		if len(e.Releases) == 1 {
			w.StartedAt = e.CreatedAt
		} else {
			cycled := current.CreatedAt.Add(st.rollout * time.Duration(i+1) / time.Duration(n))
			if now.Before(cycled) {
				w.Version, w.Stale, w.StartedAt = previous.Version, true, previous.CreatedAt
			} else {
				w.StartedAt = cycled
			}
		}
		workers[i] = w
	}
	return workers
}

// endpointDeleteMode is how an API deletes an endpoint.
type endpointDeleteMode int

const (
	// endpointDeleteV1 refuses an endpoint that still has workers, like RunPod's GraphQL
	// deleteEndpoint (assumed for REST v1 too: unverified).
	endpointDeleteV1 endpointDeleteMode = iota
	// endpointDeleteV2 terminates the workers itself and deletes the endpoint's bound
	// template: the v2 spec says DELETE "permanently deletes a serverless endpoint and its
	// bound template". For an endpoint created through v1 the bound template is the user's
	// own template (a runpod_template), so the mock deletes that template too, unless another
	// endpoint or a pod still uses it (api/REST-V2.md, Endpoint deletion and bound templates); whether the
	// live API really deletes a user template here is unverified.
	endpointDeleteV2
)

func (st *store) deleteEndpoint(id string, mode endpointDeleteMode) *apiError {
	e, err := st.endpoint(id)
	if err != nil {
		return err
	}
	if mode == endpointDeleteV1 && (e.WorkersMin > 0 || e.WorkersMax > 0) {
		return badRequest("endpoint %s still has workers (workersMin %d, workersMax %d): scale it to 0 workers before deleting it", id, e.WorkersMin, e.WorkersMax)
	}
	delete(st.endpoints, id)
	if mode == endpointDeleteV2 && e.TemplateID != "" {
		if t, ok := st.templates[e.TemplateID]; ok && !t.IsRunpod && st.templateUser(t.ID, true) == "" {
			delete(st.templates, t.ID)
		}
	}
	return nil
}

// ---- templates ----

type templateRecord struct {
	recordMeta
	Name, ImageName, Category       string
	IsServerless, IsPublic          bool
	IsRunpod                        bool
	ContainerDiskInGb, VolumeInGb   int
	VolumeMountPath                 string
	Ports                           []string
	Env                             map[string]string
	DockerEntrypoint                []string
	DockerStartCmd                  []string
	Readme, ContainerRegistryAuthID string
	// StartSSH and StartJupyter are copied into pods created from the template (v2; v1
	// templates have neither, so false).
	StartSSH, StartJupyter bool
	AllowedCudaVersions    []string
}

type templateUpdate struct {
	Name                    *string
	IsPublic                *bool
	IsServerless            *bool
	Category                *string
	Readme                  *string
	VolumeInGb              *int
	VolumeMountPath         *string
	ImageName               *string
	ContainerDiskInGb       *int
	ContainerRegistryAuthID *string
	DockerEntrypoint        *[]string
	DockerStartCmd          *[]string
	Env                     *map[string]string
	Ports                   *[]string
	StartSSH, StartJupyter  *bool
	AllowedCudaVersions     *[]string
	// Snapshot keeps every endpoint bound to the template on its current container (REST v2:
	// a template is a snapshot applied at creation; editing it changes no endpoint). Without
	// it, a container change rolls out to the bound endpoints (REST v1).
	Snapshot bool
}

func (u templateUpdate) resets() bool {
	return u.ImageName != nil || u.ContainerDiskInGb != nil || u.ContainerRegistryAuthID != nil ||
		u.DockerEntrypoint != nil || u.DockerStartCmd != nil || u.Env != nil || u.Ports != nil
}

func (st *store) checkTemplateName(name, exceptID string) *apiError {
	for _, t := range st.templates {
		if t.Name == name && t.ID != exceptID {
			return badRequest("a template named %q already exists: template names must be unique", name)
		}
	}
	return nil
}

func (st *store) createTemplate(t *templateRecord) (*templateRecord, *apiError) {
	if err := st.checkTemplateName(t.Name, ""); err != nil {
		return nil, err
	}
	if t.ContainerRegistryAuthID != "" {
		if _, ok := st.registryAuths[t.ContainerRegistryAuthID]; !ok {
			return nil, badRequest("container registry auth %s not found", t.ContainerRegistryAuthID)
		}
	}
	t.ID = randomID(10)
	t.CreatedAt = st.now()
	st.templates[t.ID] = t
	return t, nil
}

func (st *store) template(id string) (*templateRecord, *apiError) {
	return recordOf(st.templates, id, "template")
}

// ownTemplate returns one of the account's templates: RunPod's own cannot be changed.
func (st *store) ownTemplate(id string) (*templateRecord, *apiError) {
	t, err := st.template(id)
	if err != nil {
		return nil, err
	}
	if t.IsRunpod {
		return nil, &apiError{status: http.StatusForbidden, msg: fmt.Sprintf("template %s is a RunPod template: it cannot be changed or deleted", id), kind: errNotOwner}
	}
	return t, nil
}

func (st *store) updateTemplate(id string, u templateUpdate) (*templateRecord, *apiError) {
	t, err := st.ownTemplate(id)
	if err != nil {
		return nil, err
	}
	if u.Name != nil {
		if err := st.checkTemplateName(*u.Name, id); err != nil {
			return nil, err
		}
	}
	if u.ContainerRegistryAuthID != nil && *u.ContainerRegistryAuthID != "" {
		if _, ok := st.registryAuths[*u.ContainerRegistryAuthID]; !ok {
			return nil, badRequest("container registry auth %s not found", *u.ContainerRegistryAuthID)
		}
	}
	var bound []*endpointRecord
	for _, e := range sorted(st.endpoints) {
		if e.TemplateID == id {
			bound = append(bound, e)
		}
	}
	before := map[string]containerConfig{}
	for _, e := range bound {
		before[e.ID] = st.endpointContainer(e)
		if u.Snapshot && e.Container == nil && u.resets() {
			c := before[e.ID].clone()
			e.Container = &c
		}
	}
	set(&t.Name, u.Name)
	set(&t.IsPublic, u.IsPublic)
	set(&t.IsServerless, u.IsServerless)
	set(&t.Category, u.Category)
	set(&t.Readme, u.Readme)
	set(&t.VolumeInGb, u.VolumeInGb)
	set(&t.VolumeMountPath, u.VolumeMountPath)
	set(&t.ImageName, u.ImageName)
	set(&t.ContainerDiskInGb, u.ContainerDiskInGb)
	set(&t.ContainerRegistryAuthID, u.ContainerRegistryAuthID)
	set(&t.DockerEntrypoint, u.DockerEntrypoint)
	set(&t.DockerStartCmd, u.DockerStartCmd)
	set(&t.Env, u.Env)
	set(&t.Ports, u.Ports)
	set(&t.StartSSH, u.StartSSH)
	set(&t.StartJupyter, u.StartJupyter)
	set(&t.AllowedCudaVersions, u.AllowedCudaVersions)
	if u.resets() && !u.Snapshot { // endpoints on this template roll out a release with the new container
		for _, e := range bound {
			old := *e
			old.Container = ptr(before[e.ID])
			e.Container = nil // a v1 edit reaches the endpoint, even one a v2 edit had pinned
			diff := st.releaseDiff(&old, e)
			if len(diff) == 0 {
				diff = []diffEntry{}
			}
			st.release(e, diff)
		}
	}
	return t, nil
}

// templateUser names the first endpoint bound to the template, or (withPods) the first pod
// created from it, or "" when nothing uses it.
func (st *store) templateUser(id string, withPods bool) string {
	for _, e := range sorted(st.endpoints) {
		if e.TemplateID == id {
			return "endpoint " + e.ID
		}
	}
	if withPods {
		for _, p := range sorted(st.pods) {
			if p.TemplateID == id {
				return "pod " + p.ID
			}
		}
	}
	return ""
}

// deleteTemplate refuses a template bound to an endpoint; withPods also refuses one a pod was
// created from (v2: "rejected if the template is currently referenced by a pod ... or bound
// to a serverless endpoint"; v1 never checked pods).
func (st *store) deleteTemplate(id string, withPods bool) *apiError {
	if _, err := st.ownTemplate(id); err != nil {
		return err
	}
	if user := st.templateUser(id, withPods); user != "" {
		return badRequest("template %s is in use by %s: delete the %s or move it to another template first", id, user, strings.Fields(user)[0])
	}
	delete(st.templates, id)
	return nil
}
