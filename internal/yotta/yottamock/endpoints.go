package yottamock

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
)

// Serverless endpoint statuses (YottaML's enum).
const (
	endpointInitializing = "INITIALIZING"
	endpointRunning      = "RUNNING"
	endpointStopping     = "STOPPING"
	endpointStopped      = "STOPPED"
	endpointFailed       = "FAILED"
)

var (
	endpointNamePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9@._-]{0,19}$`)
	serviceModes        = []string{"ALB", "QUEUE", "CUSTOM"}
	endpointProtocols   = []string{"HTTP", "TCP"}
)

// endpointSettings are what an endpoint's create and PATCH both take.
type endpointSettings struct {
	Name                  *string       `json:"name"`
	Resources             []resourceReq `json:"resources"`
	Workers               *int          `json:"workers"`
	ContainerVolumeInGB   *int          `json:"containerVolumeInGb"`
	MinSingleCardVRAMInGB int           `json:"minSingleCardVramInGb"`
	MinSingleCardRAMInGB  int           `json:"minSingleCardRamInGb"`
	MinSingleCardVCPU     int           `json:"minSingleCardVcpu"`
	InitializationCommand string        `json:"initializationCommand"`
	EnvironmentVars       []envVar      `json:"environmentVars"`
	EnvVars               []envVar      `json:"envVars"` // the docs' other spelling, accepted
	Expose                *exposeReq    `json:"expose"`
	Webhook               string        `json:"webhook"`
	credential            string        // containerRegistryAuthId (create) or credentialId (PATCH)
}

type resourceReq struct {
	Region   string `json:"region"`
	GPUType  string `json:"gpuType"`
	GPUCount int    `json:"gpuCount"`
}

// endpointCreate is CreateEndpointRequest as the mock reads it.
type endpointCreate struct {
	endpointSettings
	Image                   string      `json:"image"`
	ImageRegistry           string      `json:"imageRegistry"`
	ContainerRegistryAuthID json.Number `json:"containerRegistryAuthId"`
	ServiceMode             string      `json:"serviceMode"`
}

// endpointUpdate is UpdateEndpointRequest as the mock reads it.
type endpointUpdate struct {
	endpointSettings
	CredentialID json.Number `json:"credentialId"`
}

// endpoint is a serverless endpoint of the mock; its status is computed from the times below.
type endpoint struct {
	id                    string
	image, registry, mode string
	set                   endpointSettings
	created, updated      time.Time
	runningAt             time.Time // when INITIALIZING ends (creation, start, or a PATCH that restarts the workers)
	workersAt             time.Time // when a new worker count is reached (a scale)
	before                int       // the running workers until workersAt
	stoppedAt             time.Time // the stop: STOPPING for half the boot delay, then STOPPED
	failAt                time.Time
	failReason            string
	transition            time.Duration
	placed                []string // the region of each worker
	domain                string
}

func (e *endpoint) status(now time.Time) string {
	switch {
	case !e.failAt.IsZero() && !now.Before(e.failAt):
		return endpointFailed
	case !e.stoppedAt.IsZero():
		if now.Before(e.stoppedAt.Add(e.transition)) {
			return endpointStopping
		}
		return endpointStopped
	case now.Before(e.runningAt):
		return endpointInitializing
	}
	return endpointRunning
}

func (e *endpoint) workers() int { return *e.set.Workers }

func (e *endpoint) running(now time.Time) int {
	if e.status(now) != endpointRunning {
		return 0
	}
	if now.Before(e.workersAt) {
		return min(e.before, e.workers())
	}
	return e.workers()
}

// routeEndpoints serves /v2/serverless: the CRUD routes, stop and start, the workers (scaled
// with PUT …/workers?count=N, or …/workers/{count} with Options.ScaleWorkersInPath) and the
// QUEUE mode's task count.
func (s *Server) routeEndpoints() {
	mockkit.Route(s.api, mockkit.Resource[*endpoint, apiError]{
		Collection: "/v2/serverless", IDParam: "id", CreateStatus: http.StatusOK, Deleted: true,
		List: s.listEndpoints, Get: func(id string, _ *http.Request) (*endpoint, *apiError) { return s.lookupEndpoint(id) },
		Create: s.createEndpoint, Update: s.updateEndpoint, Remove: s.deleteEndpoint,
		Render: func(e *endpoint, v mockkit.View, _ *http.Request) any {
			return s.renderEndpoint(e, s.opts.Now(), v == mockkit.ViewWrite)
		},
	})
	s.api.Handle("POST /v2/serverless/{id}/stop", s.endpointAction("stop"))
	s.api.Handle("POST /v2/serverless/{id}/start", s.endpointAction("start"))
	s.api.Handle("GET /v2/serverless/{id}/workers", s.listWorkers)
	if s.opts.ScaleWorkersInPath {
		s.api.Handle("PUT /v2/serverless/{id}/workers/{count}", s.scaleWorkers)
	} else {
		s.api.Handle("PUT /v2/serverless/{id}/workers", s.scaleWorkers)
	}
	s.api.Handle("GET /v2/serverless/{id}/tasks/count", func(r *http.Request) (int, any, *apiError) {
		if _, e := s.lookupEndpoint(r.PathValue("id")); e != nil {
			return 0, nil, e
		}
		return http.StatusOK, map[string]any{"processing": 0}, nil
	})
}

// validateSettings checks what the create and the PATCH share, as the docs and the OpenAPI
// file describe it (code 10001 naming the field).
func (s *Server) validateSettings(set *endpointSettings) *apiError {
	switch {
	case set.Name == nil || !endpointNamePattern.MatchString(*set.Name):
		return invalid("name: must be 1 to 20 characters (letters, digits, @ . _ -) starting with a letter")
	case len(set.Resources) == 0:
		return invalid("resources: must not be empty")
	case set.Workers == nil || *set.Workers < 1:
		return invalid("workers: must be at least 1")
	case set.ContainerVolumeInGB == nil || *set.ContainerVolumeInGB < 20:
		return invalid("containerVolumeInGb: must be at least 20")
	case set.MinSingleCardVRAMInGB < 0 || set.MinSingleCardVRAMInGB > 1536:
		return invalid("minSingleCardVramInGb: must be between 0 and 1536")
	case set.MinSingleCardRAMInGB < 0 || set.MinSingleCardRAMInGB > 1536:
		return invalid("minSingleCardRamInGb: must be between 0 and 1536")
	case set.MinSingleCardVCPU < 0:
		return invalid("minSingleCardVcpu: must not be negative")
	case len(set.Webhook) > 512:
		return invalid("webhook: must be at most 512 characters")
	}
	if len(set.EnvironmentVars) == 0 {
		set.EnvironmentVars, set.EnvVars = set.EnvVars, nil
	}
	seen := map[string]bool{}
	for _, res := range set.Resources {
		switch {
		case s.store.region(res.Region) == nil:
			return invalid("resources: region [%s] not supported", res.Region)
		case s.store.gpuType(res.GPUType) == nil:
			return invalid("resources: gpu type [%s] not supported", res.GPUType)
		case res.GPUCount < 1 || res.GPUCount&(res.GPUCount-1) != 0:
			return invalid("resources: gpuCount must be a power of 2 (1, 2, 4, 8, ...), got %d", res.GPUCount)
		case seen[res.Region+"/"+res.GPUType]:
			return invalid("resources: region [%s] with gpu type [%s] listed twice", res.Region, res.GPUType)
		}
		seen[res.Region+"/"+res.GPUType] = true
	}
	keys := map[string]bool{}
	for _, e := range set.EnvironmentVars {
		if !envKeyPattern.MatchString(e.Key) || keys[e.Key] {
			return invalid("environmentVars: invalid or duplicate key [%s]", e.Key)
		}
		keys[e.Key] = true
	}
	if x := set.Expose; x != nil {
		if x.Port < 1 || x.Port > 65535 {
			return invalid("expose: port [%d] must be between 1 and 65535", x.Port)
		}
		if !slices.Contains(endpointProtocols, strings.ToUpper(x.Protocol)) {
			return invalid("expose: protocol [%s] not supported (HTTP or TCP)", x.Protocol)
		}
	}
	if set.credential != "" {
		if _, ok := s.store.auths[set.credential]; !ok {
			return invalid("credential [%s] not found", set.credential)
		}
	}
	return nil
}

func (s *Server) createEndpoint(r *http.Request) (*endpoint, *apiError) {
	var req endpointCreate
	if e := decodeStrict(r, &req); e != nil {
		return nil, e
	}
	req.credential = req.ContainerRegistryAuthID.String()
	switch {
	case req.Image == "" || len(req.Image) > 255:
		return nil, invalid("image: must be 1 to 255 characters")
	case !slices.Contains(serviceModes, req.ServiceMode):
		return nil, invalid("serviceMode: must be one of ALB, QUEUE, CUSTOM, got %q", req.ServiceMode)
	case req.ServiceMode == "ALB" && req.Expose == nil:
		return nil, invalid("expose: required in ALB mode (the port the load balancer sends requests to)")
	}
	if e := s.validateSettings(&req.endpointSettings); e != nil {
		return nil, e
	}
	now := s.opts.Now()
	st := s.store
	e := &endpoint{
		id: st.newID(), image: req.Image, registry: req.ImageRegistry, mode: req.ServiceMode, set: req.endpointSettings,
		created: now, updated: now, runningAt: now.Add(st.bootDelay), transition: st.bootDelay / 2,
		domain: fmt.Sprintf("%x.yottadeos.mock.invalid", st.rng.Uint64()),
	}
	e.workersAt = e.runningAt
	s.place(e, now)
	st.endpoints[e.id] = e
	st.endpointOrder = append(st.endpointOrder, e.id)
	return e, nil
}

// place puts each worker in the first of the endpoint's resources whose region offers the GPU
// type with free GPUs for it (the stock is looked at, not taken); when some cannot be placed,
// the endpoint goes FAILED once INITIALIZING ends.
func (s *Server) place(e *endpoint, now time.Time) {
	e.placed = e.placed[:0]
	used := map[string]int{}
	for range e.workers() {
		placed := false
		for _, res := range e.set.Resources {
			g := s.store.gpuType(res.GPUType)
			key := res.GPUType + "/" + res.Region
			if slices.Contains(g.Regions, res.Region) && s.store.stock[key] >= used[key]+res.GPUCount &&
				g.VRAMInGB >= e.set.MinSingleCardVRAMInGB && g.RAMInGB >= e.set.MinSingleCardRAMInGB && g.VCPU >= e.set.MinSingleCardVCPU {
				used[key] += res.GPUCount
				e.placed = append(e.placed, res.Region)
				placed = true
				break
			}
		}
		if !placed {
			e.failAt = e.runningAt
			if e.failAt.Before(now) {
				e.failAt = now
			}
			e.failReason = fmt.Sprintf("insufficient resources: %d of %d workers could not be placed in any of the endpoint's resources",
				e.workers()-len(e.placed), e.workers())
			return
		}
	}
	e.failAt, e.failReason = time.Time{}, ""
	if strings.HasSuffix(e.image, failImageTag) {
		e.failAt, e.failReason = e.runningAt, fmt.Sprintf("failed to pull image %s: manifest unknown", e.image)
	}
}

func (s *Server) lookupEndpoint(id string) (*endpoint, *apiError) {
	if _, err := strconv.ParseInt(id, 10, 64); err != nil {
		return nil, invalid("id: [%s] is not an endpoint id", id)
	}
	e, ok := s.store.endpoints[id]
	if !ok {
		return nil, &apiError{status: http.StatusNotFound, code: codeRecordNotExist, msg: "Record not exist"}
	}
	return e, nil
}

// listEndpoints serves GET /v2/serverless: newest first, filtered by statusList (names, or
// v1's integers 0 to 4).
func (s *Server) listEndpoints(r *http.Request) ([]*endpoint, *apiError) {
	order := []string{endpointInitializing, endpointRunning, endpointStopping, endpointStopped, endpointFailed}
	var statuses []string
	for _, v := range splitList(r.URL.Query()["statusList"]) {
		v = strings.ToUpper(v)
		if n, err := strconv.Atoi(v); err == nil && n >= 0 && n < len(order) {
			v = order[n]
		}
		if !slices.Contains(order, v) {
			return nil, invalid("statusList: unknown status [%s]", v)
		}
		statuses = append(statuses, v)
	}
	now := s.opts.Now()
	out := []*endpoint{}
	for i := len(s.store.endpointOrder) - 1; i >= 0; i-- {
		e := s.store.endpoints[s.store.endpointOrder[i]]
		if len(statuses) == 0 || slices.Contains(statuses, e.status(now)) {
			out = append(out, e)
		}
	}
	return out, nil
}

// restarts reports whether a PATCH from old to set restarts the workers: anything but the
// name, the worker count and the webhook.
func restarts(old, set endpointSettings) bool {
	type container struct {
		Resources               []resourceReq
		Volume, VRAM, RAM, VCPU int
		Init, Credential        string
		Env                     []envVar
		Expose                  *exposeReq
	}
	of := func(x endpointSettings) string {
		b, _ := json.Marshal(container{x.Resources, *x.ContainerVolumeInGB, x.MinSingleCardVRAMInGB, x.MinSingleCardRAMInGB,
			x.MinSingleCardVCPU, x.InitializationCommand, x.credential, x.EnvironmentVars, x.Expose})
		return string(b)
	}
	return of(old) != of(set)
}

// updateEndpoint serves the PATCH: it takes every setting (name, resources, workers and
// containerVolumeInGb are required; an optional one left out is cleared). A change of the
// container (see restarts) restarts the workers of a running endpoint: INITIALIZING for the
// boot delay, no worker running.
func (s *Server) updateEndpoint(id string, r *http.Request) (*endpoint, *apiError) {
	var req endpointUpdate
	if e := decodeStrict(r, &req); e != nil {
		return nil, e
	}
	req.credential = req.CredentialID.String()
	if e := s.validateSettings(&req.endpointSettings); e != nil {
		return nil, e
	}
	e, apiErr := s.lookupEndpoint(id)
	if apiErr != nil {
		return nil, apiErr
	}
	now := s.opts.Now()
	if e.mode == "ALB" && req.Expose == nil {
		return nil, invalid("expose: required in ALB mode (the port the load balancer sends requests to)")
	}
	status := e.status(now)
	restart := restarts(e.set, req.endpointSettings)
	scaled := *req.Workers != e.workers()
	before := e.running(now)
	e.set, e.updated = req.endpointSettings, now
	switch {
	case status == endpointStopping || status == endpointStopped:
	case restart:
		e.runningAt, e.workersAt = now.Add(s.store.bootDelay), now.Add(s.store.bootDelay)
		s.place(e, now)
	case scaled:
		e.before, e.workersAt = before, now.Add(s.store.bootDelay)
		s.place(e, now)
	}
	return e, nil
}

func (s *Server) deleteEndpoint(id string, _ *http.Request) *apiError {
	if _, e := s.lookupEndpoint(id); e != nil {
		return e
	}
	delete(s.store.endpoints, id)
	s.store.endpointOrder = slices.DeleteFunc(s.store.endpointOrder, func(x string) bool { return x == id })
	return nil
}

// endpointAction serves /stop and /start.
func (s *Server) endpointAction(action string) mockkit.Handler[apiError] {
	return func(r *http.Request) (int, any, *apiError) {
		e, apiErr := s.lookupEndpoint(r.PathValue("id"))
		if apiErr != nil {
			return 0, nil, apiErr
		}
		now := s.opts.Now()
		status := e.status(now)
		switch {
		case action == "stop" && (status == endpointRunning || status == endpointInitializing):
			e.stoppedAt = now
		case action == "start" && status == endpointStopped:
			e.stoppedAt = time.Time{}
			e.runningAt, e.workersAt = now.Add(s.store.bootDelay), now.Add(s.store.bootDelay)
			s.place(e, now)
		default:
			return 0, nil, &apiError{status: http.StatusConflict, code: codeStatusInvalid,
				msg: fmt.Sprintf("Resource status invalid: cannot %s an endpoint that is %s", action, status)}
		}
		e.updated = now
		return http.StatusOK, true, nil
	}
}

// scaleWorkers serves the scale route: count from the query (?count=N) or the path.
func (s *Server) scaleWorkers(r *http.Request) (int, any, *apiError) {
	raw := r.PathValue("count")
	if raw == "" {
		raw = r.URL.Query().Get("count")
	}
	count, err := strconv.Atoi(raw)
	if err != nil || count < 1 {
		return 0, nil, invalid("count: must be an integer of at least 1, got %q", raw)
	}
	e, apiErr := s.lookupEndpoint(r.PathValue("id"))
	if apiErr != nil {
		return 0, nil, apiErr
	}
	now := s.opts.Now()
	if count != e.workers() {
		before := e.running(now)
		e.set.Workers = &count
		e.before, e.workersAt, e.updated = before, now.Add(s.store.bootDelay), now
		s.place(e, now)
	}
	return http.StatusOK, true, nil
}

// listWorkers serves GET /v2/serverless/{id}/workers: a worker per requested worker, in its
// region, RUNNING once the endpoint runs it, INITIALIZE before.
func (s *Server) listWorkers(r *http.Request) (int, any, *apiError) {
	e, apiErr := s.lookupEndpoint(r.PathValue("id"))
	if apiErr != nil {
		return 0, nil, apiErr
	}
	now := s.opts.Now()
	out := []map[string]any{}
	if st := e.status(now); st == endpointStopped || st == endpointFailed {
		return http.StatusOK, out, nil
	}
	running := e.running(now)
	for i, region := range e.placed {
		res := e.set.Resources[slices.IndexFunc(e.set.Resources, func(x resourceReq) bool { return x.Region == region })]
		status := "INITIALIZE"
		if i < running {
			status = "RUNNING"
		}
		out = append(out, map[string]any{"id": fmt.Sprintf("%s%02d", e.id[:16], i), "workerId": fmt.Sprintf("%s%02d", e.id[:16], i),
			"region": region, "gpuType": res.GPUType, "gpuCount": res.GPUCount, "status": status, "createdAt": e.updated.UnixMilli()})
	}
	return http.StatusOK, out, nil
}

// renderEndpoint is the endpoint object of Yotta's answers, its id a string as the docs say.
// atCreate renders the create answer: INITIALIZING with no worker running.
func (s *Server) renderEndpoint(e *endpoint, now time.Time, atCreate bool) map[string]any {
	status, running := e.status(now), e.running(now)
	if atCreate && e.created.Equal(e.updated) {
		status, running = endpointInitializing, 0
	}
	registry := e.registry
	if registry == "" {
		registry = defaultImageRegistry
	}
	var webhook, expose any
	if e.set.Webhook != "" {
		webhook = e.set.Webhook
	}
	if e.set.Expose != nil {
		expose = map[string]any{"port": e.set.Expose.Port, "protocol": strings.ToUpper(e.set.Expose.Protocol)}
	}
	perHour := 0.0
	for _, region := range e.placed {
		res := e.set.Resources[slices.IndexFunc(e.set.Resources, func(x resourceReq) bool { return x.Region == region })]
		perHour += s.store.gpuType(res.GPUType).Price * float64(res.GPUCount)
	}
	env := []envVar{}
	env = append(env, e.set.EnvironmentVars...)
	out := map[string]any{
		"id": e.id, "name": *e.set.Name, "image": e.image, "imageRegistry": registry, "status": status,
		"totalWorkers": e.workers(), "runningWorkers": running, "cost": 0, "serviceMode": e.mode, "webhook": webhook,
		"resources": e.set.Resources, "containerVolumeInGb": *e.set.ContainerVolumeInGB, "environmentVars": env,
		"expose": expose, "initializationCommand": e.set.InitializationCommand,
		"perHourPrice": math.Round(perHour*100) / 100, "perSecondPrice": math.Round(perHour/3600*1e6) / 1e6,
		"domain": e.domain, "createdAt": e.created.UnixMilli(), "updatedAt": e.updated.UnixMilli(),
	}
	if status == endpointFailed {
		out["failedReason"] = e.failReason
	}
	return out
}
