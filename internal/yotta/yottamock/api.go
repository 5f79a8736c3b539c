package yottamock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
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

// writeEnvelope answers {message, code, data} with an HTTP status.
func writeEnvelope(w http.ResponseWriter, status int, message string, code int, data any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"message": message, "code": code, "data": data})
}

func writeOK(w http.ResponseWriter, data any) {
	writeEnvelope(w, http.StatusOK, "success", codeSuccess, data)
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
func decodeStrict(body []byte, v any) *apiError {
	dec := json.NewDecoder(bytes.NewReader(body))
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

func (s *Server) createPod(w http.ResponseWriter, r *http.Request, body []byte) {
	var req podRequest
	if e := decodeStrict(body, &req); e != nil {
		s.writeError(w, e)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.validatePod(&req); e != nil {
		s.writeError(w, e)
		return
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
	// The create answer is the pod as scheduled: INITIALIZE, even when it boots at once.
	writeOK(w, s.renderPod(p, now, true))
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

func (s *Server) getPod(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, e := s.lookupPod(r.PathValue("id"))
	if e != nil {
		s.writeError(w, e)
		return
	}
	now := s.opts.Now()
	s.store.settle(p, now)
	writeOK(w, s.renderPod(p, now, false))
}

// listPods serves GET /v2/pods: every pod but terminated ones, newest update first (as v1
// sorted), filtered by regionList and statusList (comma-separated names, or v1's integer
// codes; TERMINATED pods are listed only when statusList asks for them).
func (s *Server) listPods(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := r.URL.Query()
	regions := splitList(q["regionList"])
	var statuses []string
	for _, v := range splitList(q["statusList"]) {
		name, ok := statusName(v)
		if !ok {
			s.writeError(w, invalid("statusList: unknown status [%s]", v))
			return
		}
		statuses = append(statuses, name)
	}
	now := s.opts.Now()
	out := []map[string]any{}
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
		out = append(out, s.renderPod(p, now, false))
	}
	slices.SortStableFunc(out, func(a, b map[string]any) int {
		return int(b["updatedAt"].(int64) - a["updatedAt"].(int64))
	})
	writeOK(w, out)
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

func (s *Server) deletePod(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, e := s.lookupPod(r.PathValue("id"))
	if e != nil {
		s.writeError(w, e)
		return
	}
	now := s.opts.Now()
	switch p.status(now) {
	case statusTerminated:
		s.writeError(w, &apiError{status: http.StatusNotFound, code: codePodNotFound, msg: "Pod not found"})
		return
	case statusTerminating:
		writeOK(w, true) // already being terminated
		return
	}
	p.deletedAt, p.updated = now, now
	s.store.settle(p, now)
	writeOK(w, true)
}

// podAction serves /pause and /resume.
func (s *Server) podAction(action string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		p, e := s.lookupPod(r.PathValue("id"))
		if e != nil {
			s.writeError(w, e)
			return
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
			s.writeError(w, &apiError{status: http.StatusNotFound, code: codePodNotFound, msg: "Pod not found"})
			return
		default:
			s.writeError(w, &apiError{status: http.StatusConflict, code: codeStatusInvalid,
				msg: fmt.Sprintf("Resource status invalid: cannot %s a pod that is %s", action, status)})
			return
		}
		p.updated = now
		writeOK(w, true)
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

func (s *Server) createAuth(w http.ResponseWriter, r *http.Request, body []byte) {
	var req authRequest
	if e := decodeStrict(body, &req); e != nil {
		s.writeError(w, e)
		return
	}
	for _, f := range []struct {
		name string
		v    *string
	}{{"name", req.Name}, {"type", req.Type}, {"username", req.Username}, {"password", req.Password}} {
		if f.v == nil || *f.v == "" {
			s.writeError(w, invalid("%s: must not be empty", f.name))
			return
		}
	}
	if !slices.Contains(registryTypes, *req.Type) {
		s.writeError(w, invalid("type: must be one of %s, got %q", strings.Join(registryTypes, ", "), *req.Type))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.authNameTaken(*req.Name, ""); e != nil {
		s.writeError(w, e)
		return
	}
	a := &auth{id: s.store.newID(), name: *req.Name, typ: *req.Type, username: *req.Username, password: *req.Password, created: s.opts.Now()}
	s.store.auths[a.id] = a
	writeOK(w, renderAuth(a))
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

func (s *Server) getAuth(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, e := s.lookupAuth(r.PathValue("id"))
	if e != nil {
		s.writeError(w, e)
		return
	}
	writeOK(w, renderAuth(a))
}

func (s *Server) listAuths(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []map[string]any{}
	for _, a := range s.store.auths {
		out = append(out, renderAuth(a))
	}
	slices.SortFunc(out, func(a, b map[string]any) int { return strings.Compare(a["name"].(string), b["name"].(string)) })
	writeOK(w, out)
}

func (s *Server) updateAuth(w http.ResponseWriter, r *http.Request, body []byte) {
	var req authRequest
	if e := decodeStrict(body, &req); e != nil {
		s.writeError(w, e)
		return
	}
	if req.Type != nil {
		s.writeError(w, invalid("type: cannot be changed"))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a, e := s.lookupAuth(r.PathValue("id"))
	if e != nil {
		s.writeError(w, e)
		return
	}
	for _, f := range []struct {
		name string
		v    *string
		dst  *string
	}{{"name", req.Name, &a.name}, {"username", req.Username, &a.username}, {"password", req.Password, &a.password}} {
		if f.v != nil && *f.v == "" {
			s.writeError(w, invalid("%s: must not be empty", f.name))
			return
		}
	}
	if req.Name != nil {
		if e := s.authNameTaken(*req.Name, a.id); e != nil {
			s.writeError(w, e)
			return
		}
		a.name = *req.Name
	}
	if req.Username != nil {
		a.username = *req.Username
	}
	if req.Password != nil {
		a.password = *req.Password
	}
	writeOK(w, renderAuth(a))
}

func (s *Server) deleteAuth(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, e := s.lookupAuth(r.PathValue("id"))
	if e != nil {
		s.writeError(w, e)
		return
	}
	if users := s.store.usedBy(a.id); len(users) > 0 {
		names := make([]string, len(users))
		for i, p := range users {
			names[i] = fmt.Sprintf("pod %s (%s)", p.id, p.req.Name)
		}
		s.writeError(w, &apiError{status: http.StatusConflict, code: codeInvalidParameters,
			msg: fmt.Sprintf("Credential [%s] is in use by %s", a.name, strings.Join(names, ", "))})
		return
	}
	delete(s.store.auths, a.id)
	writeOK(w, true)
}

// ---- GPU types ----

func (s *Server) listGPUTypes(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
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
	writeOK(w, out)
}
