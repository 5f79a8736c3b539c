package runpodmock

import (
	"fmt"
	"maps"
	"net/http"
	"strings"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodwire"
)

// REST v2 (https://api.runpod.io, paths /v2/...; contract api/runpod-rest-v2.openapi.json)
// over the same store as REST v1 and GraphQL: what one API creates the others read. Routes
// use the mock kit's resource table (mockkit.Route); this file holds the routes and the rules several
// domains share, restv2_pods.go, restv2_endpoints.go, restv2_templates.go and restv2_volumes.go
// each domain's create and PATCH rules, restv2_catalog.go the catalog's routes and queries.
// Where the spec is silent the mock follows api/REST-V2.md and says so where it does
// ("assumed").

func (s *Server) routeRESTv2() {
	st := s.store
	mockkit.Route(s.v2, mockkit.Resource[*podRecord, apiError]{
		Collection: "/v2/pods", IDParam: "id", ListKey: "pods", CreateStatus: http.StatusCreated,
		List: listPodsV2(st), Get: byID(st.pod),
		Create: s.createPodV2,
		Update: func(id string, r *http.Request) (*podRecord, *apiError) {
			if err := st.notClusterMember(id); err != nil {
				return nil, err
			}
			return s.updatePodV2(id, r)
		},
		Remove: func(id string, _ *http.Request) *apiError {
			if err := st.notClusterMember(id); err != nil {
				return err
			}
			return st.deletePod(id)
		},
		Render: func(p *podRecord, _ mockkit.View, _ *http.Request) any { return s.podV2(p) },
	})
	s.v2.Handle("POST /v2/pods/{id}/action", func(r *http.Request) (int, any, *apiError) {
		var in runpodwire.PodAction
		if _, err := decodeV2(r, &in); err != nil {
			return 0, nil, err
		}
		if err := st.notClusterMember(r.PathValue("id")); err != nil {
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
			var in runpodwire.RegistryCreate
			if _, err := decodeV2(r, &in); err != nil {
				return nil, err
			}
			return st.createRegistryAuth(&registryAuthRecord{Name: in.Name, Username: in.Username, Password: in.Password})
		},
		Remove: func(id string, _ *http.Request) *apiError { return st.deleteRegistryAuth(id, true) },
		Render: func(a *registryAuthRecord, _ mockkit.View, _ *http.Request) any { return registryV2(a) },
	})

	s.routeClustersV2()
	s.routeSSHKeysV2()
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
func applyContainerV2(c *containerConfig, in v2Container, merge bool) {
	applyBaseContainerV2(c, in.BaseContainer, merge)
	if id, sent := runpodwire.NullableValue(in.Registry); sent {
		c.RegistryAuthID = id
	}
}

// applyBaseContainerV2 is applyContainerV2 without the registry (a cluster's create has none).
func applyBaseContainerV2(c *containerConfig, in runpodwire.BaseContainer, merge bool) {
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
