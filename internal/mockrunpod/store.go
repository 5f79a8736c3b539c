package mockrunpod

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"
)

// The store holds the account's objects in API-neutral records: the REST v1 handlers (and a
// REST v2 one later) render them in their own wire shapes. Callers hold Server.mu.

type store struct {
	now       func() time.Time
	bootDelay time.Duration
	gpuTypes  []GPUType
	stock     stock
	userID    string
	// sshKeys are the account's registered SSH public keys (v2 startSsh injects them as
	// PUBLIC_KEY): one fixed key, seeded.
	sshKeys []string
	// rollout is how long a new endpoint release takes to reach every worker.
	rollout time.Duration

	pods          map[string]*podRecord
	endpoints     map[string]*endpointRecord
	templates     map[string]*templateRecord
	volumes       map[string]*volumeRecord
	registryAuths map[string]*registryAuthRecord
}

func newStore(opts Options) *store {
	st := &store{
		now: opts.Now, bootDelay: opts.BootDelay, gpuTypes: opts.GPUTypes,
		stock: newStock(), userID: "user_" + randomID(24), sshKeys: []string{mockSSHPublicKey}, rollout: opts.RolloutDuration,
		pods: map[string]*podRecord{}, endpoints: map[string]*endpointRecord{}, templates: map[string]*templateRecord{},
		volumes: map[string]*volumeRecord{}, registryAuths: map[string]*registryAuthRecord{},
	}
	for _, t := range runpodTemplates() {
		st.templates[t.ID] = t
	}
	for i, g := range opts.GPUTypes {
		if g.SecureCloud() {
			st.stock.spread(g.ID, cloudSecure, offeringDataCenters(i, cloudSecure), opts.GPUStock)
		}
		if g.CommunityCloud() {
			st.stock.spread(g.ID, cloudCommunity, offeringDataCenters(i, cloudCommunity), opts.GPUStock)
		}
	}
	return st
}

// mockSSHPublicKey is the account's one registered SSH key.
const mockSSHPublicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMockRunPodMockRunPodMockRunPodMockRunPod0 mock@runpod-mock"

// runpodTemplates are official templates, listed only with includeRunpodTemplates.
func runpodTemplates() []*templateRecord {
	official := func(id, name, image string) *templateRecord {
		return &templateRecord{
			recordMeta: recordMeta{ID: id}, Name: name, ImageName: image, Category: "NVIDIA", IsPublic: true, IsRunpod: true,
			ContainerDiskInGb: 50, VolumeInGb: 20, VolumeMountPath: "/workspace", Ports: []string{"8888/http", "22/tcp"},
			Env: map[string]string{}, DockerEntrypoint: []string{}, DockerStartCmd: []string{},
		}
	}
	return []*templateRecord{
		official("runpod-torch-v240", "Runpod Pytorch 2.4.0", "runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04"),
		official("runpod-ubuntu", "Runpod Ubuntu", "runpod/base:0.6.2-ubuntu2204"),
	}
}

// apiError is a refusal; each codec renders it in its API's error shape (v1:
// {"error","status","problems"}, v2: problem+json {title, status, detail, errors}). kind marks
// refusals whose status or text differs between the APIs, for the codecs to translate.
type apiError struct {
	status   int
	msg      string
	problems []string
	kind     errKind
}

type errKind int

const (
	errPlain errKind = iota
	// errNoCapacity: the stock cannot serve a create (v1: 500, v2: 400 with its own text).
	errNoCapacity
	// errNotOwner: a change to a template the account does not own (v1: 403, v2: 404).
	errNotOwner
)

func (e *apiError) Error() string { return e.msg }

func badRequest(format string, args ...any) *apiError {
	return &apiError{status: http.StatusBadRequest, msg: fmt.Sprintf(format, args...)}
}

func notFound(what string) *apiError {
	return &apiError{status: http.StatusNotFound, msg: what + " not found"}
}

const idAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

func randomID(n int) string {
	b := make([]byte, n)
	for i := range b {
		k, _ := rand.Int(rand.Reader, big.NewInt(int64(len(idAlphabet))))
		b[i] = idAlphabet[k.Int64()]
	}
	return string(b)
}

// goTime formats like the live API: "2025-12-16 17:44:56.726 +0000 UTC".
func goTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04:05.000 -0700 MST")
}

func (st *store) gpuType(id string) (GPUType, bool) {
	for _, g := range st.gpuTypes {
		if g.ID == id {
			return g, true
		}
	}
	return GPUType{}, false
}

// recordMeta is what every record has: an id and a creation time, which orders lists.
type recordMeta struct {
	ID        string
	CreatedAt time.Time
}

func (m *recordMeta) meta() *recordMeta { return m }

type record interface{ meta() *recordMeta }

// sorted lists records oldest first, as the API lists them.
func sorted[R record](m map[string]R) []R {
	out := make([]R, 0, len(m))
	for _, r := range m {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].meta(), out[j].meta()
		return a.CreatedAt.Before(b.CreatedAt) || (a.CreatedAt.Equal(b.CreatedAt) && a.ID < b.ID)
	})
	return out
}

func set[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

// ---- endpoints ----

type endpointRecord struct {
	recordMeta
	Name, TemplateID, ComputeType   string
	GPUTypeIDs, CPUFlavorIDs        []string
	DataCenterIDs                   []string
	AllowedCudaVersions             []string
	MinCudaVersion                  string
	NetworkVolumeID                 string
	NetworkVolumeIDs                []string
	GPUCount, VCPUCount             int
	ExecutionTimeoutMs, IdleTimeout int
	ScalerType                      string
	ScalerValue                     int
	WorkersMin, WorkersMax          int
	Flashboot                       bool
	Version                         int
}

// endpointUpdate is a PATCH in neutral terms; rolling fields roll out a new release.
type endpointUpdate struct {
	Name                *string
	ExecutionTimeoutMs  *int
	Flashboot           *bool
	IdleTimeout         *int
	ScalerType          *string
	ScalerValue         *int
	WorkersMin          *int
	WorkersMax          *int
	TemplateID          *string
	GPUTypeIDs          *[]string
	GPUCount            *int
	CPUFlavorIDs        *[]string
	VCPUCount           *int
	DataCenterIDs       *[]string
	NetworkVolumeID     *string
	NetworkVolumeIDs    *[]string
	AllowedCudaVersions *[]string
	MinCudaVersion      *string
}

func (st *store) checkEndpointRefs(templateID string, volumeIDs ...string) *apiError {
	tpl, ok := st.templates[templateID]
	if !ok {
		return badRequest("template %s not found", templateID)
	}
	if !tpl.IsServerless {
		return badRequest("template %s is not a serverless template (isServerless = false): endpoints need one", templateID)
	}
	for _, id := range volumeIDs {
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
	if err := st.checkEndpointRefs(e.TemplateID, append([]string{e.NetworkVolumeID}, e.NetworkVolumeIDs...)...); err != nil {
		return nil, err
	}
	if e.WorkersMin > e.WorkersMax {
		return nil, badRequest("workersMin (%d) cannot be greater than workersMax (%d)", e.WorkersMin, e.WorkersMax)
	}
	e.ID = randomID(14)
	e.CreatedAt = st.now()
	st.endpoints[e.ID] = e
	return e, nil
}

func (st *store) endpoint(id string) (*endpointRecord, *apiError) {
	e, ok := st.endpoints[id]
	if !ok {
		return nil, notFound("endpoint")
	}
	return e, nil
}

func (st *store) updateEndpoint(id string, u endpointUpdate) (*endpointRecord, *apiError) {
	e, err := st.endpoint(id)
	if err != nil {
		return nil, err
	}
	next := *e
	set(&next.Name, u.Name)
	set(&next.ExecutionTimeoutMs, u.ExecutionTimeoutMs)
	set(&next.Flashboot, u.Flashboot)
	set(&next.IdleTimeout, u.IdleTimeout)
	set(&next.ScalerType, u.ScalerType)
	set(&next.ScalerValue, u.ScalerValue)
	set(&next.WorkersMin, u.WorkersMin)
	set(&next.WorkersMax, u.WorkersMax)
	set(&next.TemplateID, u.TemplateID)
	set(&next.GPUTypeIDs, u.GPUTypeIDs)
	set(&next.GPUCount, u.GPUCount)
	set(&next.CPUFlavorIDs, u.CPUFlavorIDs)
	set(&next.VCPUCount, u.VCPUCount)
	set(&next.DataCenterIDs, u.DataCenterIDs)
	set(&next.NetworkVolumeID, u.NetworkVolumeID)
	set(&next.NetworkVolumeIDs, u.NetworkVolumeIDs)
	set(&next.AllowedCudaVersions, u.AllowedCudaVersions)
	set(&next.MinCudaVersion, u.MinCudaVersion)
	if err := st.checkEndpointRefs(next.TemplateID, append([]string{next.NetworkVolumeID}, next.NetworkVolumeIDs...)...); err != nil {
		return nil, err
	}
	if next.WorkersMin > next.WorkersMax {
		return nil, badRequest("workersMin (%d) cannot be greater than workersMax (%d)", next.WorkersMin, next.WorkersMax)
	}
	if rollingChange(e, &next) {
		next.Version++
	}
	*e = next
	return e, nil
}

// rollingChange reports whether moving from a to b changes a field outside
// EndpointUpdateInPlaceInput, which rolls out a new release of the workers.
func rollingChange(a, b *endpointRecord) bool {
	return a.TemplateID != b.TemplateID || !slices.Equal(a.GPUTypeIDs, b.GPUTypeIDs) || a.GPUCount != b.GPUCount ||
		!slices.Equal(a.CPUFlavorIDs, b.CPUFlavorIDs) || a.VCPUCount != b.VCPUCount ||
		!slices.Equal(a.DataCenterIDs, b.DataCenterIDs) || a.NetworkVolumeID != b.NetworkVolumeID ||
		!slices.Equal(a.NetworkVolumeIDs, b.NetworkVolumeIDs) || !slices.Equal(a.AllowedCudaVersions, b.AllowedCudaVersions) ||
		a.MinCudaVersion != b.MinCudaVersion
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
	// endpoint or a pod still uses it. This models the risk V2-MAPPING §4.1 flags; whether the
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
}

type templateUpdate struct {
	Name                    *string
	IsPublic                *bool
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
	t, ok := st.templates[id]
	if !ok {
		return nil, notFound("template")
	}
	return t, nil
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
	set(&t.Name, u.Name)
	set(&t.IsPublic, u.IsPublic)
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
	if u.resets() { // endpoints on this template roll out a release with the new container
		for _, e := range st.endpoints {
			if e.TemplateID == id {
				e.Version++
			}
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

// ---- network volumes ----

// Network volume tiers.
const (
	volumeStandard        = "STANDARD"
	volumeHighPerformance = "HIGH_PERFORMANCE"
)

type volumeRecord struct {
	recordMeta
	Name, DataCenterID string
	Size               int
	Type               string // volumeStandard or volumeHighPerformance
}

func (st *store) createVolume(v *volumeRecord) *volumeRecord {
	v.ID = randomID(10)
	v.CreatedAt = st.now()
	st.volumes[v.ID] = v
	return v
}

func (st *store) volume(id string) (*volumeRecord, *apiError) {
	v, ok := st.volumes[id]
	if !ok {
		return nil, notFound("network volume")
	}
	return v, nil
}

// updateVolume renames or resizes; allowShrink accepts a smaller size (v1 once did).
func (st *store) updateVolume(id string, name *string, size *int, allowShrink bool) (*volumeRecord, *apiError) {
	v, err := st.volume(id)
	if err != nil {
		return nil, err
	}
	if size != nil && *size < v.Size && !allowShrink {
		return nil, badRequest("network volume %s cannot shrink from %d GB to %d GB: size may only increase", id, v.Size, *size)
	}
	set(&v.Name, name)
	set(&v.Size, size)
	return v, nil
}

// deleteVolume refuses a volume that a pod or an endpoint uses.
func (st *store) deleteVolume(id string) *apiError {
	if _, err := st.volume(id); err != nil {
		return err
	}
	for _, p := range sorted(st.pods) {
		if p.NetworkVolumeID == id {
			return badRequest("network volume %s is attached to pod %s: delete the pod first", id, p.ID)
		}
	}
	for _, e := range sorted(st.endpoints) {
		if e.NetworkVolumeID == id || slices.Contains(e.NetworkVolumeIDs, id) {
			return badRequest("network volume %s is attached to endpoint %s: detach it first", id, e.ID)
		}
	}
	delete(st.volumes, id)
	return nil
}

// ---- container registry auths ----

type registryAuthRecord struct {
	recordMeta
	Name, Username, Password string
}

func (st *store) createRegistryAuth(a *registryAuthRecord) (*registryAuthRecord, *apiError) {
	for _, other := range st.registryAuths {
		if other.Name == a.Name {
			return nil, badRequest("a container registry auth named %q already exists: names must be unique", a.Name)
		}
	}
	a.ID = randomID(25)
	a.CreatedAt = st.now()
	st.registryAuths[a.ID] = a
	return a, nil
}

func (st *store) registryAuth(id string) (*registryAuthRecord, *apiError) {
	a, ok := st.registryAuths[id]
	if !ok {
		return nil, notFound("container registry auth")
	}
	return a, nil
}

// deleteRegistryAuth deletes a registry credential; withPodCheck refuses one a pod uses (v2).
// Templates silently lose the reference (v2's deleteRegistry text); endpoints that hold
// their own container copy lose it too.
func (st *store) deleteRegistryAuth(id string, withPodCheck bool) *apiError {
	if _, err := st.registryAuth(id); err != nil {
		return err
	}
	if withPodCheck {
		for _, p := range sorted(st.pods) {
			if p.ContainerRegistryAuthID == id {
				return badRequest("container registry auth %s is in use by pod %s (%s): delete the pod or change its registry first", id, p.ID, p.Name)
			}
		}
	}
	delete(st.registryAuths, id)
	if withPodCheck {
		for _, t := range st.templates {
			if t.ContainerRegistryAuthID == id {
				t.ContainerRegistryAuthID = ""
			}
		}
	}
	return nil
}

func randomNumber(n int64) int64 {
	k, _ := rand.Int(rand.Reader, big.NewInt(n))
	return k.Int64()
}
