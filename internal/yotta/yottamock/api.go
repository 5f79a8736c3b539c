package yottamock

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
)

// Yotta's business codes the mock answers with.
const (
	codeSuccess           = 10000
	codeInvalidParameters = 10001
	codeSystemError       = 10002
	codeRecordNotExist    = 10007
	codeStatusInvalid     = 12001
	codePodNotFound       = 13000
)

// apiError is a refusal: Yotta's code and message, and the HTTP status it has when the mock
// answers business errors with 4xx statuses (ErrorStatus4xx).
type apiError struct {
	status int
	code   int
	msg    string
}

func invalid(format string, args ...any) *apiError {
	return &apiError{status: http.StatusBadRequest, code: codeInvalidParameters, msg: fmt.Sprintf(format, args...)}
}

// route serves the API from the kit's resource table: every answer is the envelope, a delete
// answers data true, and paths the API does not have answer 404.
func (s *Server) route() {
	mockkit.Route(s.api, mockkit.Resource[*pod, apiError]{
		Collection: "/v2/pods", IDParam: "id", CreateStatus: http.StatusOK, Deleted: true,
		List: s.listPods, Get: s.getPod, Create: s.createPod, Remove: s.deletePod,
		Render: func(p *pod, v mockkit.View, _ *http.Request) any {
			// The create answer is the pod as scheduled: INITIALIZE, even when it boots at once.
			return s.renderPod(p, s.opts.Now(), v == mockkit.ViewWrite)
		},
	})
	s.api.Handle("POST /v2/pods/{id}/pause", s.podAction("pause"))
	s.api.Handle("POST /v2/pods/{id}/resume", s.podAction("resume"))
	mockkit.Route(s.api, mockkit.Resource[*auth, apiError]{
		Collection: "/v2/container-registry-auths", IDParam: "id", CreateStatus: http.StatusOK, Deleted: true,
		List: s.listAuths, Get: func(id string, _ *http.Request) (*auth, *apiError) { return s.lookupAuth(id) },
		Create: s.createAuth, Update: s.updateAuth, Remove: s.deleteAuth,
		Render: func(a *auth, _ mockkit.View, _ *http.Request) any { return renderAuth(a) },
	})
	s.routeVolumes()
	s.routeEndpoints()
	s.api.Handle("GET /v2/vms/types", s.listGPUTypes)
	s.mux.HandleFunc(unrouted, writeUnrouted)
}

// writeEnvelope answers {message, code, data} with an HTTP status.
func writeEnvelope(w http.ResponseWriter, status int, message string, code int, data any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"message": message, "code": code, "data": data})
}

// writeOK answers a success: {"message": "success", "code": 10000, "data": data}.
func writeOK(w http.ResponseWriter, status int, data any) {
	writeEnvelope(w, status, "success", codeSuccess, data)
}

// writeError answers a refusal: business errors as HTTP 200 with the code (the default, as
// Yotta's clients expect: they check code on 2xx answers), or with e.status when the mock is
// in 4xx mode. Statuses that are HTTP statuses in Yotta's spec (401, 409, 429, 5xx) keep them.
func (s *Server) writeError(w http.ResponseWriter, e *apiError) {
	status := http.StatusOK
	if e.status == http.StatusUnauthorized || e.status == http.StatusConflict || e.status == http.StatusTooManyRequests ||
		e.status >= 500 || s.errorStatus() == ErrorStatus4xx {
		status = e.status
	}
	writeEnvelope(w, status, e.msg, e.code, nil)
}

// decodeStrict decodes a JSON body into v, refusing fields v does not have: Yotta (a Spring
// service) probably ignores them, but a misspelt field must fail tests rather than be dropped.
func decodeStrict(r *http.Request, v any) *apiError {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return invalid("invalid request body: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	return nil
}

// ---- pods ----

// podRequest is PodV2CreateRequest as the mock reads it.
type podRequest struct {
	Name                    string      `json:"name"`
	Regions                 []string    `json:"regions"`
	Image                   string      `json:"image"`
	ImageRegistry           string      `json:"imageRegistry"`
	ContainerRegistryAuthID json.Number `json:"containerRegistryAuthId"`
	ImagePublicType         string      `json:"imagePublicType"`
	ResourceType            string      `json:"resourceType"`
	GPUType                 string      `json:"gpuType"`
	GPUCount                int         `json:"gpuCount"`
	MinSingleCardVRAMInGB   int         `json:"minSingleCardVramInGb"`
	MinSingleCardRAMInGB    int         `json:"minSingleCardRamInGb"`
	MinSingleCardVCPU       int         `json:"minSingleCardVcpu"`
	ShmInGB                 *int        `json:"shmInGb"`
	ContainerVolumeInGB     *int        `json:"containerVolumeInGb"`
	PersistentVolumeInGB    int         `json:"persistentVolumeInGb"`
	PersistentMountPath     string      `json:"persistentMountPath"`
	InitializationCommand   string      `json:"initializationCommand"`
	EnvironmentVars         []envVar    `json:"environmentVars"`
	Expose                  []exposeReq `json:"expose"`
	PersistentVolumes       []volumeReq `json:"persistentVolumes"`
	ImageRegistryUsername   string      `json:"imageRegistryUsername"` // deprecated, accepted
	ImageRegistryPassword   string      `json:"imageRegistryPassword"` // deprecated, accepted
}

type envVar struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type exposeReq struct {
	Port     int    `json:"port"`
	Protocol string `json:"protocol"`
}

type volumeReq struct {
	VolumeID   json.Number `json:"volumeId"`
	MountPath  string      `json:"mountPath"`
	NeedBackup *bool       `json:"needBackup"`
}

var (
	envKeyPattern    = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	absolutePath     = regexp.MustCompile(`^/[^\s]*$`)
	protocols        = []string{"HTTP", "TCP", "SSH"}
	resourceTypes    = []string{"GPU", "CPU"}
	imagePublicTypes = []string{"PUBLIC", "PRIVATE"}
)

// validatePod checks a create request the way Yotta's docs describe (code 10001 naming the
// field); what the docs leave open the mock decides, see the package doc.
func (s *Server) validatePod(r *podRequest) *apiError {
	switch {
	case r.Name == "" || len(r.Name) > 255:
		return invalid("name: must be 1 to 255 characters")
	case r.Image == "" || len(r.Image) > 255:
		return invalid("image: must be 1 to 255 characters")
	case len(r.ImageRegistry) > 255:
		return invalid("imageRegistry: must be at most 255 characters")
	case r.GPUType == "":
		return invalid("gpuType: must not be empty")
	case r.GPUCount < 1 || r.GPUCount&(r.GPUCount-1) != 0:
		return invalid("gpuCount: must be a power of 2 (1, 2, 4, 8, ...), got %d", r.GPUCount)
	case r.ImagePublicType != "" && !slices.Contains(imagePublicTypes, r.ImagePublicType):
		return invalid("imagePublicType: must be PUBLIC or PRIVATE, got %q", r.ImagePublicType)
	case r.ResourceType != "" && !slices.Contains(resourceTypes, r.ResourceType):
		return invalid("resourceType: must be GPU or CPU, got %q", r.ResourceType)
	case r.MinSingleCardVRAMInGB < 0 || r.MinSingleCardVRAMInGB > 1536:
		return invalid("minSingleCardVramInGb: must be between 0 and 1536")
	case r.MinSingleCardRAMInGB < 0 || r.MinSingleCardRAMInGB > 1536:
		return invalid("minSingleCardRamInGb: must be between 0 and 1536")
	case r.MinSingleCardVCPU < 0:
		return invalid("minSingleCardVcpu: must not be negative")
	case r.ShmInGB != nil && *r.ShmInGB < 0:
		return invalid("shmInGb: must not be negative")
	case r.ContainerVolumeInGB != nil && *r.ContainerVolumeInGB < 1:
		return invalid("containerVolumeInGb: must be at least 1")
	case r.PersistentVolumeInGB < 0:
		return invalid("persistentVolumeInGb: must not be negative")
	case r.PersistentVolumeInGB > 0 && r.PersistentMountPath == "":
		return invalid("persistentMountPath: required when persistentVolumeInGb is set")
	case r.PersistentMountPath != "" && !absolutePath.MatchString(r.PersistentMountPath):
		return invalid("persistentMountPath: must be an absolute path")
	}
	seen := map[string]bool{}
	for _, region := range r.Regions {
		if s.store.region(region) == nil {
			return invalid("regions: region [%s] not supported", region)
		}
		if seen[region] {
			return invalid("regions: region [%s] listed twice", region)
		}
		seen[region] = true
	}
	if s.store.gpuType(r.GPUType) == nil {
		return invalid("gpu type [%s] not supported", r.GPUType)
	}
	if id := r.ContainerRegistryAuthID.String(); id != "" {
		if _, ok := s.store.auths[id]; !ok {
			return invalid("containerRegistryAuthId: container registry auth [%s] not found", id)
		}
	}
	keys := map[string]bool{}
	for _, e := range r.EnvironmentVars {
		if !envKeyPattern.MatchString(e.Key) {
			return invalid("environmentVars: invalid key [%s]", e.Key)
		}
		if keys[e.Key] {
			return invalid("environmentVars: duplicate key [%s]", e.Key)
		}
		keys[e.Key] = true
	}
	ports := map[int]bool{}
	for i := range r.Expose {
		e := &r.Expose[i]
		if e.Port < 1 || e.Port > 65535 {
			return invalid("expose: port [%d] must be between 1 and 65535", e.Port)
		}
		if ports[e.Port] {
			return invalid("expose: port [%d] exposed twice", e.Port)
		}
		ports[e.Port] = true
		if !slices.Contains(protocols, strings.ToUpper(e.Protocol)) {
			return invalid("expose: protocol [%s] not supported (HTTP, TCP or SSH)", e.Protocol)
		}
	}
	mounts := map[string]bool{r.PersistentMountPath: r.PersistentMountPath != ""}
	for _, v := range r.PersistentVolumes {
		if _, err := strconv.ParseInt(v.VolumeID.String(), 10, 64); err != nil {
			return invalid("persistentVolumes: volumeId must be an integer")
		}
		if !absolutePath.MatchString(v.MountPath) {
			return invalid("persistentVolumes: mountPath [%s] must be an absolute path", v.MountPath)
		}
		if mounts[v.MountPath] {
			return invalid("persistentVolumes: mountPath [%s] used twice", v.MountPath)
		}
		mounts[v.MountPath] = true
	}
	return nil
}

func (s *Server) createPod(r *http.Request) (*pod, *apiError) {
	var req podRequest
	if e := decodeStrict(r, &req); e != nil {
		return nil, e
	}
	if e := s.validatePod(&req); e != nil {
		return nil, e
	}
	now := s.opts.Now()
	st := s.store
	g := st.gpuType(req.GPUType)
	p := &pod{
		id: st.newID(), req: req, created: now, updated: now,
		runningAt: now.Add(st.bootDelay), healthyAt: now.Add(2 * st.bootDelay),
		proxyPorts: map[int]int{}, hostOctet: 2 + st.rng.IntN(250), transition: st.bootDelay / 2,
	}
	for _, e := range req.Expose {
		p.proxyPorts[e.Port] = 20000 + st.rng.IntN(40000)
	}
	region, why := st.place(req, g)
	switch {
	case why != "":
		// Yotta accepts the pod and fails it: FAILED means "deployment failed (insufficient
		// resources or invalid image)".
		p.region = firstOr(req.Regions, g.Regions[0])
		p.failAt, p.failReason = p.runningAt, why
	case strings.HasSuffix(req.Image, failImageTag):
		p.region = region
		p.failAt, p.failReason = p.runningAt, fmt.Sprintf("failed to pull image %s: manifest unknown", req.Image)
	default:
		p.region = region
		p.gpus = req.GPUCount
		st.stock[g.Code+"/"+region] -= req.GPUCount
	}
	st.pods[p.id] = p
	st.podOrder = append(st.podOrder, p.id)
	return p, nil
}

func firstOr(list []string, def string) string {
	if len(list) > 0 {
		return list[0]
	}
	return def
}

// lookupPod finds a pod by the {id} of the path; a refusal when there is none.
func (s *Server) lookupPod(id string) (*pod, *apiError) {
	if _, err := strconv.ParseInt(id, 10, 64); err != nil {
		return nil, invalid("id: [%s] is not a pod id", id)
	}
	p, ok := s.store.pods[id]
	if !ok {
		return nil, &apiError{status: http.StatusNotFound, code: codePodNotFound, msg: "Pod not found"}
	}
	return p, nil
}

func (s *Server) getPod(id string, _ *http.Request) (*pod, *apiError) {
	p, e := s.lookupPod(id)
	if e != nil {
		return nil, e
	}
	s.store.settle(p, s.opts.Now())
	return p, nil
}

// listPods serves GET /v2/pods: every pod but terminated ones, newest update first (as v1
// sorted), filtered by regionList and statusList (comma-separated names, or v1's integer
// codes; TERMINATED pods are listed only when statusList asks for them).
func (s *Server) listPods(r *http.Request) ([]*pod, *apiError) {
	q := r.URL.Query()
	regions := splitList(q["regionList"])
	var statuses []string
	for _, v := range splitList(q["statusList"]) {
		name, ok := statusName(v)
		if !ok {
			return nil, invalid("statusList: unknown status [%s]", v)
		}
		statuses = append(statuses, name)
	}
	now := s.opts.Now()
	out := []*pod{}
	for i := len(s.store.podOrder) - 1; i >= 0; i-- {
		p := s.store.pods[s.store.podOrder[i]]
		s.store.settle(p, now)
		status := p.status(now)
		if len(regions) > 0 && !slices.Contains(regions, p.region) {
			continue
		}
		if len(statuses) > 0 && !slices.Contains(statuses, status) {
			continue
		}
		if len(statuses) == 0 && status == statusTerminated {
			continue
		}
		out = append(out, p)
	}
	slices.SortStableFunc(out, func(a, b *pod) int { return cmp.Compare(b.updated.UnixMilli(), a.updated.UnixMilli()) })
	return out, nil
}

// splitList reads a query parameter given comma-separated, repeated, or both.
func splitList(values []string) []string {
	var out []string
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}

var statusCodes = []string{statusInitialize, statusRunning, statusPausing, statusPaused, statusTerminating, statusTerminated, statusFailed}

// statusName reads a status filter: a v2 name (or the docs' other spelling) or a v1 integer.
func statusName(v string) (string, bool) {
	v = strings.ToUpper(v)
	if n, err := strconv.Atoi(v); err == nil && n >= 0 && n < len(statusCodes) {
		return statusCodes[n], true
	}
	switch v {
	case "INITIALIZING":
		return statusInitialize, true
	case "STOPPING":
		return statusPausing, true
	case "STOPPED":
		return statusPaused, true
	}
	return v, slices.Contains(statusCodes, v)
}

func (s *Server) deletePod(id string, _ *http.Request) *apiError {
	p, e := s.lookupPod(id)
	if e != nil {
		return e
	}
	now := s.opts.Now()
	switch p.status(now) {
	case statusTerminated:
		return &apiError{status: http.StatusNotFound, code: codePodNotFound, msg: "Pod not found"}
	case statusTerminating:
		return nil // already being terminated
	}
	p.deletedAt, p.updated = now, now
	s.store.settle(p, now)
	return nil
}

// podAction serves /pause and /resume.
func (s *Server) podAction(action string) mockkit.Handler[apiError] {
	return func(r *http.Request) (int, any, *apiError) {
		p, e := s.lookupPod(r.PathValue("id"))
		if e != nil {
			return 0, nil, e
		}
		now := s.opts.Now()
		status := p.status(now)
		switch {
		case action == "pause" && status == statusRunning:
			p.pausedAt = now
		case action == "resume" && status == statusPaused:
			p.pausedAt = time.Time{}
			p.runningAt, p.healthyAt = now, now.Add(s.store.bootDelay)
		case status == statusTerminated:
			return 0, nil, &apiError{status: http.StatusNotFound, code: codePodNotFound, msg: "Pod not found"}
		default:
			return 0, nil, &apiError{status: http.StatusConflict, code: codeStatusInvalid,
				msg: fmt.Sprintf("Resource status invalid: cannot %s a pod that is %s", action, status)}
		}
		p.updated = now
		return http.StatusOK, true, nil
	}
}

// renderPod is the pod object of Yotta's answers. atCreate renders the create answer:
// INITIALIZE with nothing healthy yet.
func (s *Server) renderPod(p *pod, now time.Time, atCreate bool) map[string]any {
	g := s.store.gpuType(p.req.GPUType)
	status := p.status(now)
	if atCreate {
		status = statusInitialize
	}
	healthy := status == statusRunning && !now.Before(p.healthyAt) && !atCreate
	host := fmt.Sprintf("198.51.100.%d", p.hostOctet)
	expose := []map[string]any{}
	sshCmd := ""
	for _, e := range p.req.Expose {
		proto := strings.ToUpper(e.Protocol)
		proxy := p.proxyPorts[e.Port]
		entry := map[string]any{
			"port": e.Port, "proxyPort": proxy, "protocol": proto, "host": host, "healthy": healthy,
			"serviceName": fmt.Sprintf("pod-%s-%d", p.id, e.Port),
		}
		switch proto {
		case "HTTP":
			entry["host"] = fmt.Sprintf("%s-%d.ingress.mock-yotta.invalid", p.id, e.Port)
			entry["ingressUrl"] = fmt.Sprintf("https://%s-%d.ingress.mock-yotta.invalid", p.id, e.Port)
		case "SSH":
			entry["ingressUrl"] = fmt.Sprintf("ssh root@%s -p %d -i <private key>", host, proxy)
			if sshCmd == "" {
				sshCmd = fmt.Sprintf("ssh root@%s -p %d", host, proxy)
			}
		default:
			entry["ingressUrl"] = fmt.Sprintf("%s:%d", host, proxy)
		}
		expose = append(expose, entry)
	}
	env := []envVar{}
	env = append(env, p.req.EnvironmentVars...)
	registry := p.req.ImageRegistry
	if registry == "" {
		registry = defaultImageRegistry
	}
	resourceType := p.req.ResourceType
	if resourceType == "" {
		resourceType = "GPU"
	}
	containerVolume, shm := defaultContainerVolumeInGB, defaultShmInGB
	if p.req.ContainerVolumeInGB != nil {
		containerVolume = *p.req.ContainerVolumeInGB
	}
	if p.req.ShmInGB != nil {
		shm = *p.req.ShmInGB
	}
	out := map[string]any{
		"id": json.Number(p.id), "name": p.req.Name, "image": p.req.Image, "imageRegistry": registry,
		"gpuType": g.Code, "gpuDisplayName": g.DisplayName, "gpuCount": p.req.GPUCount,
		"status": status, "createdAt": p.created.UnixMilli(), "updatedAt": p.updated.UnixMilli(),
		"sshCmd": sshCmd, "resourceType": resourceType, "region": p.region, "cloudType": "SECURE",
		"containerVolumeInGb": containerVolume, "shmInGb": shm,
		"singleCardVramInGb": g.VRAMInGB, "singleCardRamInGb": g.RAMInGB, "singleCardVcpu": g.VCPU,
		"singleCardPrice": g.Price, "environmentVars": env, "initializationCommand": p.req.InitializationCommand,
		"internalIp": fmt.Sprintf("10.20.%d.%d", p.hostOctet, 10+len(p.id)%200), "expose": expose,
	}
	if status == statusFailed {
		out["failedReason"] = p.failReason
	}
	return out
}

// ---- container registry credentials ----

type authRequest struct {
	Name     *string `json:"name"`
	Type     *string `json:"type"`
	Username *string `json:"username"`
	Password *string `json:"password"`
}

var registryTypes = []string{"DOCKER_HUB", "GCR", "ECR", "ACR", "PRIVATE"}

func renderAuth(a *auth) map[string]any {
	return map[string]any{"id": json.Number(a.id), "name": a.name, "type": a.typ, "createdAt": a.created.UTC().Format(time.RFC3339)}
}

func (s *Server) createAuth(r *http.Request) (*auth, *apiError) {
	var req authRequest
	if e := decodeStrict(r, &req); e != nil {
		return nil, e
	}
	for _, f := range []struct {
		name string
		v    *string
	}{{"name", req.Name}, {"type", req.Type}, {"username", req.Username}, {"password", req.Password}} {
		if f.v == nil || *f.v == "" {
			return nil, invalid("%s: must not be empty", f.name)
		}
	}
	if !slices.Contains(registryTypes, *req.Type) {
		return nil, invalid("type: must be one of %s, got %q", strings.Join(registryTypes, ", "), *req.Type)
	}
	if e := s.authNameTaken(*req.Name, ""); e != nil {
		return nil, e
	}
	a := &auth{id: s.store.newID(), name: *req.Name, typ: *req.Type, username: *req.Username, password: *req.Password, created: s.opts.Now()}
	s.store.auths[a.id] = a
	return a, nil
}

func (s *Server) authNameTaken(name, except string) *apiError {
	for id, a := range s.store.auths {
		if a.name == name && id != except {
			return invalid("name: a credential named [%s] already exists", name)
		}
	}
	return nil
}

func (s *Server) lookupAuth(id string) (*auth, *apiError) {
	a, ok := s.store.auths[id]
	if !ok {
		return nil, &apiError{status: http.StatusNotFound, code: codeRecordNotExist, msg: "Record not exist"}
	}
	return a, nil
}

// listAuths lists the credentials by name.
func (s *Server) listAuths(*http.Request) ([]*auth, *apiError) {
	out := []*auth{}
	for _, a := range s.store.auths {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b *auth) int { return strings.Compare(a.name, b.name) })
	return out, nil
}

func (s *Server) updateAuth(id string, r *http.Request) (*auth, *apiError) {
	var req authRequest
	if e := decodeStrict(r, &req); e != nil {
		return nil, e
	}
	if req.Type != nil {
		return nil, invalid("type: cannot be changed")
	}
	a, e := s.lookupAuth(id)
	if e != nil {
		return nil, e
	}
	for _, f := range []struct {
		name string
		v    *string
		dst  *string
	}{{"name", req.Name, &a.name}, {"username", req.Username, &a.username}, {"password", req.Password, &a.password}} {
		if f.v != nil && *f.v == "" {
			return nil, invalid("%s: must not be empty", f.name)
		}
	}
	if req.Name != nil {
		if e := s.authNameTaken(*req.Name, a.id); e != nil {
			return nil, e
		}
		a.name = *req.Name
	}
	if req.Username != nil {
		a.username = *req.Username
	}
	if req.Password != nil {
		a.password = *req.Password
	}
	return a, nil
}

func (s *Server) deleteAuth(id string, _ *http.Request) *apiError {
	a, e := s.lookupAuth(id)
	if e != nil {
		return e
	}
	if users := s.store.usedBy(a.id); len(users) > 0 {
		names := make([]string, len(users))
		for i, p := range users {
			names[i] = fmt.Sprintf("pod %s (%s)", p.id, p.req.Name)
		}
		return &apiError{status: http.StatusConflict, code: codeInvalidParameters,
			msg: fmt.Sprintf("Credential [%s] is in use by %s", a.name, strings.Join(names, ", "))}
	}
	delete(s.store.auths, a.id)
	return nil
}

// ---- GPU types ----

func (s *Server) listGPUTypes(*http.Request) (int, any, *apiError) {
	out := []map[string]any{}
	vmTypeID := 0
	for _, g := range s.store.gpuTypes {
		regions := []map[string]any{}
		for _, code := range g.Regions {
			vmTypeID++
			name := code
			if region := s.store.region(code); region != nil {
				name = region.Name
			}
			regions = append(regions, map[string]any{
				"region": code, "regionName": name, "available": s.store.stock[g.Code+"/"+code] > 0, "vmTypeId": vmTypeID,
			})
		}
		out = append(out, map[string]any{"gpuType": g.Code, "regions": regions})
	}
	return http.StatusOK, out, nil
}
