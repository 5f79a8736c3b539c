package runpodmock

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"net/http"
	"slices"
	"sort"
	"time"
)

// The store holds the account's objects in API-neutral records (pods in store_pods.go,
// endpoints and templates in store_serverless.go, GPU stock in stock.go): the REST v1, REST v2
// and GraphQL codecs render them in their own wire shapes, and where the APIs' rules differ a
// store operation takes the rule as an option (endpointDeleteMode, podSpec.ExactPlacement,
// templateUpdate.Snapshot, ...) or marks a refusal with a kind the codecs translate. Callers
// hold Server.mu.

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
	clusters      map[string]*clusterRecord
}

func newStore(opts Options) *store {
	st := &store{
		now: opts.Now, bootDelay: opts.BootDelay, gpuTypes: opts.GPUTypes,
		stock: newStock(), userID: "user_" + randomID(24), sshKeys: []string{mockSSHPublicKey}, rollout: opts.RolloutDuration,
		pods: map[string]*podRecord{}, endpoints: map[string]*endpointRecord{}, templates: map[string]*templateRecord{},
		volumes: map[string]*volumeRecord{}, registryAuths: map[string]*registryAuthRecord{},
		clusters: map[string]*clusterRecord{},
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

// recordOf returns the record id of a kind ("pod"), or RunPod's 404 when there is none.
func recordOf[R any](records map[string]*R, id, kind string) (*R, *apiError) {
	r, ok := records[id]
	if !ok {
		return nil, notFound(kind)
	}
	return r, nil
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
	return recordOf(st.volumes, id, "network volume")
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
	return recordOf(st.registryAuths, id, "container registry auth")
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
