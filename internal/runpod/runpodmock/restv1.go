package runpodmock

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
)

// REST v1 wire shapes: the spec's input schemas (the json tags are the accepted keys) and the
// renderers of the store's records.

type v1PodCreate struct {
	AllowedCudaVersions     []string           `json:"allowedCudaVersions"`
	CloudType               *string            `json:"cloudType"`
	ComputeType             *string            `json:"computeType"`
	ContainerDiskInGb       *int               `json:"containerDiskInGb"`
	ContainerRegistryAuthID *string            `json:"containerRegistryAuthId"`
	CountryCodes            []string           `json:"countryCodes"`
	CPUFlavorIDs            []string           `json:"cpuFlavorIds"`
	CPUFlavorPriority       *string            `json:"cpuFlavorPriority"`
	DataCenterIDs           []string           `json:"dataCenterIds"`
	DataCenterPriority      *string            `json:"dataCenterPriority"`
	DockerEntrypoint        *[]string          `json:"dockerEntrypoint"`
	DockerStartCmd          *[]string          `json:"dockerStartCmd"`
	Env                     *map[string]string `json:"env"`
	GlobalNetworking        *bool              `json:"globalNetworking"`
	GPUCount                *int               `json:"gpuCount"`
	GPUTypeIDs              []string           `json:"gpuTypeIds"`
	GPUTypePriority         *string            `json:"gpuTypePriority"`
	ImageName               *string            `json:"imageName"`
	Interruptible           *bool              `json:"interruptible"`
	Locked                  *bool              `json:"locked"`
	MinDiskBandwidthMBps    *float64           `json:"minDiskBandwidthMBps"`
	MinDownloadMbps         *float64           `json:"minDownloadMbps"`
	MinRAMPerGPU            *int               `json:"minRAMPerGPU"`
	MinUploadMbps           *float64           `json:"minUploadMbps"`
	MinVCPUPerGPU           *int               `json:"minVCPUPerGPU"`
	Name                    *string            `json:"name"`
	NetworkVolumeID         *string            `json:"networkVolumeId"`
	Ports                   *[]string          `json:"ports"`
	SupportPublicIP         *bool              `json:"supportPublicIp"`
	TemplateID              *string            `json:"templateId"`
	VCPUCount               *int               `json:"vcpuCount"`
	VolumeInGb              *int               `json:"volumeInGb"`
	VolumeMountPath         *string            `json:"volumeMountPath"`
}

type v1PodUpdate struct {
	ContainerDiskInGb       *int               `json:"containerDiskInGb"`
	ContainerRegistryAuthID *string            `json:"containerRegistryAuthId"`
	DockerEntrypoint        *[]string          `json:"dockerEntrypoint"`
	DockerStartCmd          *[]string          `json:"dockerStartCmd"`
	Env                     *map[string]string `json:"env"`
	GlobalNetworking        *bool              `json:"globalNetworking"`
	ImageName               *string            `json:"imageName"`
	Locked                  *bool              `json:"locked"`
	Name                    *string            `json:"name"`
	Ports                   *[]string          `json:"ports"`
	VolumeInGb              *int               `json:"volumeInGb"`
	VolumeMountPath         *string            `json:"volumeMountPath"`
}

type v1EndpointCreate struct {
	AllowedCudaVersions []string  `json:"allowedCudaVersions"`
	ComputeType         *string   `json:"computeType"`
	CPUFlavorIDs        []string  `json:"cpuFlavorIds"`
	DataCenterIDs       []string  `json:"dataCenterIds"`
	ExecutionTimeoutMs  *int      `json:"executionTimeoutMs"`
	Flashboot           *bool     `json:"flashboot"`
	GPUCount            *int      `json:"gpuCount"`
	GPUTypeIDs          []string  `json:"gpuTypeIds"`
	IdleTimeout         *int      `json:"idleTimeout"`
	MinCudaVersion      *string   `json:"minCudaVersion"`
	Name                *string   `json:"name"`
	NetworkVolumeID     *string   `json:"networkVolumeId"`
	NetworkVolumeIDs    *[]string `json:"networkVolumeIds"`
	ScalerType          *string   `json:"scalerType"`
	ScalerValue         *int      `json:"scalerValue"`
	TemplateID          *string   `json:"templateId"`
	VCPUCount           *int      `json:"vcpuCount"`
	WorkersMax          *int      `json:"workersMax"`
	WorkersMin          *int      `json:"workersMin"`
}

type v1EndpointUpdate struct {
	AllowedCudaVersions *[]string `json:"allowedCudaVersions"`
	CPUFlavorIDs        *[]string `json:"cpuFlavorIds"`
	DataCenterIDs       *[]string `json:"dataCenterIds"`
	ExecutionTimeoutMs  *int      `json:"executionTimeoutMs"`
	Flashboot           *bool     `json:"flashboot"`
	GPUCount            *int      `json:"gpuCount"`
	GPUTypeIDs          *[]string `json:"gpuTypeIds"`
	IdleTimeout         *int      `json:"idleTimeout"`
	MinCudaVersion      *string   `json:"minCudaVersion"`
	Name                *string   `json:"name"`
	NetworkVolumeID     *string   `json:"networkVolumeId"`
	NetworkVolumeIDs    *[]string `json:"networkVolumeIds"`
	ScalerType          *string   `json:"scalerType"`
	ScalerValue         *int      `json:"scalerValue"`
	TemplateID          *string   `json:"templateId"`
	VCPUCount           *int      `json:"vcpuCount"`
	WorkersMax          *int      `json:"workersMax"`
	WorkersMin          *int      `json:"workersMin"`
}

type v1TemplateCreate struct {
	Category                *string            `json:"category"`
	ContainerDiskInGb       *int               `json:"containerDiskInGb"`
	ContainerRegistryAuthID *string            `json:"containerRegistryAuthId"`
	DockerEntrypoint        *[]string          `json:"dockerEntrypoint"`
	DockerStartCmd          *[]string          `json:"dockerStartCmd"`
	Env                     *map[string]string `json:"env"`
	ImageName               *string            `json:"imageName"`
	IsPublic                *bool              `json:"isPublic"`
	IsServerless            *bool              `json:"isServerless"`
	Name                    *string            `json:"name"`
	Ports                   *[]string          `json:"ports"`
	Readme                  *string            `json:"readme"`
	VolumeInGb              *int               `json:"volumeInGb"`
	VolumeMountPath         *string            `json:"volumeMountPath"`
}

type v1TemplateUpdate struct {
	ContainerDiskInGb       *int               `json:"containerDiskInGb"`
	ContainerRegistryAuthID *string            `json:"containerRegistryAuthId"`
	DockerEntrypoint        *[]string          `json:"dockerEntrypoint"`
	DockerStartCmd          *[]string          `json:"dockerStartCmd"`
	Env                     *map[string]string `json:"env"`
	ImageName               *string            `json:"imageName"`
	IsPublic                *bool              `json:"isPublic"`
	Name                    *string            `json:"name"`
	Ports                   *[]string          `json:"ports"`
	Readme                  *string            `json:"readme"`
	VolumeInGb              *int               `json:"volumeInGb"`
	VolumeMountPath         *string            `json:"volumeMountPath"`
}

type v1NetworkVolumeCreate struct {
	DataCenterID *string `json:"dataCenterId"`
	Name         *string `json:"name"`
	Size         *int    `json:"size"`
}

type v1NetworkVolumeUpdate struct {
	Name *string `json:"name"`
	Size *int    `json:"size"`
}

type v1RegistryAuthCreate struct {
	Name     *string `json:"name"`
	Password *string `json:"password"`
	Username *string `json:"username"`
}

// v1 is the REST v1 codec: errors are {"error", "status", "problems"?}, as the live API sends them.
var v1 = mockkit.Codec[apiError]{WriteOK: mockkit.WriteJSON, WriteError: func(w http.ResponseWriter, err *apiError) {
	writeError(w, err.status, err.msg, err.problems...)
}}

func (s *Server) routeRESTv1() {
	st := s.store
	mockkit.Route(s.v1, mockkit.Resource[*podRecord, apiError]{
		Collection: "/pods", IDParam: "podId", CreateStatus: http.StatusCreated, UpdateAlias: true,
		List: s.listPodsV1, Get: byID(st.pod), Create: s.createPodV1, Update: s.updatePodV1,
		Remove: func(id string, _ *http.Request) *apiError { return st.deletePod(id) },
		Render: s.renderPodV1,
	})
	s.v1.Handle("POST /pods/{podId}/start", s.podActionV1(func(id string) (*podRecord, *apiError) { return st.resumePod(id, 0) }))
	s.v1.Handle("POST /pods/{podId}/stop", s.podActionV1(st.stopPod))
	s.v1.Handle("POST /pods/{podId}/reset", s.podActionV1(st.resetPod))
	s.v1.Handle("POST /pods/{podId}/restart", s.podActionV1(func(id string) (*podRecord, *apiError) {
		if _, err := st.stopPod(id); err != nil {
			return nil, err
		}
		return st.resumePod(id, 0)
	}))

	mockkit.Route(s.v1, mockkit.Resource[*endpointRecord, apiError]{
		Collection: "/endpoints", IDParam: "endpointId", CreateStatus: http.StatusOK, UpdateAlias: true,
		List: all(func() []*endpointRecord { return sorted(st.endpoints) }), Get: byID(st.endpoint),
		Create: s.createEndpointV1, Update: s.updateEndpointV1,
		// v1 keeps its rule: an endpoint with workers is refused (scale it to zero first).
		Remove: func(id string, _ *http.Request) *apiError { return st.deleteEndpoint(id, endpointDeleteV1) },
		Render: func(e *endpointRecord, _ mockkit.View, r *http.Request) any { return s.endpointV1(e, r) },
	})

	mockkit.Route(s.v1, mockkit.Resource[*templateRecord, apiError]{
		Collection: "/templates", IDParam: "templateId", CreateStatus: http.StatusOK, UpdateAlias: true,
		List: func(r *http.Request) ([]*templateRecord, *apiError) {
			var out []*templateRecord
			for _, t := range sorted(st.templates) {
				if s.templateVisible(t, r) {
					out = append(out, t)
				}
			}
			return out, nil
		},
		Get: func(id string, r *http.Request) (*templateRecord, *apiError) {
			t, err := st.template(id)
			if err == nil && !s.templateVisible(t, r) {
				err = notFound("template")
			}
			return t, err
		},
		Create: s.createTemplateV1, Update: s.updateTemplateV1,
		Remove: func(id string, _ *http.Request) *apiError { return st.deleteTemplate(id, false) },
		Render: func(t *templateRecord, _ mockkit.View, _ *http.Request) any { return templateV1(t) },
	})

	mockkit.Route(s.v1, mockkit.Resource[*volumeRecord, apiError]{
		Collection: "/networkvolumes", IDParam: "networkVolumeId", CreateStatus: http.StatusOK, UpdateAlias: true,
		List: all(func() []*volumeRecord { return sorted(st.volumes) }), Get: byID(st.volume),
		Create: s.createVolumeV1, Update: s.updateVolumeV1,
		Remove: func(id string, _ *http.Request) *apiError {
			if _, ok := st.volumes[id]; !ok { // the live v1 API answers 500 here (GET answers 404)
				return &apiError{status: http.StatusInternalServerError, msg: "delete network volume: network volume not found"}
			}
			return st.deleteVolume(id)
		},
		Render: func(v *volumeRecord, _ mockkit.View, _ *http.Request) any { return volumeV1(v) },
	})

	mockkit.Route(s.v1, mockkit.Resource[*registryAuthRecord, apiError]{
		Collection: "/containerregistryauth", IDParam: "containerRegistryAuthId", CreateStatus: http.StatusOK,
		List: all(func() []*registryAuthRecord { return sorted(st.registryAuths) }), Get: byID(st.registryAuth),
		Create: s.createRegistryAuthV1,
		Remove: func(id string, _ *http.Request) *apiError { return st.deleteRegistryAuth(id, false) },
		Render: func(a *registryAuthRecord, _ mockkit.View, _ *http.Request) any { return registryAuthV1(a) },
	})

	for _, pattern := range []string{"GET /billing/pods", "GET /billing/endpoints", "GET /billing/networkvolumes"} {
		s.v1.Handle(pattern, func(*http.Request) (int, any, *apiError) { return http.StatusOK, []any{}, nil })
	}
}

// ---- pods ----

func (s *Server) createPodV1(r *http.Request) (*podRecord, *apiError) {
	var in v1PodCreate
	if err := decodeInput(r, &in); err != nil {
		return nil, err
	}
	spec, err := podSpecV1(in, s.store)
	if err != nil {
		return nil, err
	}
	return s.store.createPod(spec)
}

func podSpecV1(in v1PodCreate, st *store) (podSpec, *apiError) {
	var c checks
	c.enum("cloudType", in.CloudType, cloudTypes)
	c.enum("computeType", in.ComputeType, computeTypes)
	c.enum("gpuTypePriority", in.GPUTypePriority, priorities)
	c.enum("cpuFlavorPriority", in.CPUFlavorPriority, priorities)
	c.enum("dataCenterPriority", in.DataCenterPriority, priorities)
	c.enumList("gpuTypeIds", in.GPUTypeIDs, GPUTypeIDs)
	c.enumList("cpuFlavorIds", in.CPUFlavorIDs, podCPUFlavorIDs)
	c.enumList("dataCenterIds", in.DataCenterIDs, dataCenterIDs())
	c.enumList("allowedCudaVersions", in.AllowedCudaVersions, cudaVersions)
	c.minInt("gpuCount", in.GPUCount, 1)
	c.minInt("vcpuCount", in.VCPUCount, 1)
	c.minInt("containerDiskInGb", in.ContainerDiskInGb, 1)
	c.minInt("volumeInGb", in.VolumeInGb, 0)
	c.maxLen("name", in.Name, 191)
	c.ports("ports", in.Ports)
	if in.VolumeMountPath != nil && !strings.HasPrefix(*in.VolumeMountPath, "/") {
		c.add("volumeMountPath: %q is not an absolute path", *in.VolumeMountPath)
	}
	if err := c.err(); err != nil {
		return podSpec{}, err
	}
	spec := podSpec{
		Name: deref(in.Name, "my pod"), Image: deref(in.ImageName, ""), TemplateID: deref(in.TemplateID, ""),
		ComputeType: deref(in.ComputeType, "GPU"), Cloud: deref(in.CloudType, cloudSecure),
		GPUTypeIDs: in.GPUTypeIDs, GPUCount: deref(in.GPUCount, 1), CPUFlavorIDs: in.CPUFlavorIDs,
		VCPUCount: deref(in.VCPUCount, 2), MinRAMPerGPU: deref(in.MinRAMPerGPU, 8), MinVCPUPerGPU: deref(in.MinVCPUPerGPU, 2),
		DataCenterIDs: in.DataCenterIDs, ContainerDiskInGb: deref(in.ContainerDiskInGb, 50), VolumeInGb: deref(in.VolumeInGb, 20),
		VolumeMountPath: deref(in.VolumeMountPath, "/workspace"), NetworkVolumeID: deref(in.NetworkVolumeID, ""),
		Ports: deref(in.Ports, []string{"8888/http", "22/tcp"}), Env: deref(in.Env, map[string]string{}),
		DockerEntrypoint: deref(in.DockerEntrypoint, []string{}), DockerStartCmd: deref(in.DockerStartCmd, []string{}),
		ContainerRegistryAuthID: deref(in.ContainerRegistryAuthID, ""), Interruptible: deref(in.Interruptible, false),
		Locked: deref(in.Locked, false), GlobalNetworking: deref(in.GlobalNetworking, false),
		SupportPublicIP: deref(in.SupportPublicIP, false), FlatCPUSizing: true,
	}
	if len(spec.GPUTypeIDs) == 0 {
		// RunPod picks any type; the mock takes the cheapest in the cloud first, as the
		// provider's v2 backend does without a list (so both backends rent the same type).
		types := slices.Clone(st.gpuTypes)
		slices.SortStableFunc(types, func(a, b GPUType) int { return cmp.Compare(a.price(spec.Cloud, false), b.price(spec.Cloud, false)) })
		for _, g := range types {
			spec.GPUTypeIDs = append(spec.GPUTypeIDs, g.ID)
		}
	}
	return spec, nil
}

func (s *Server) listPodsV1(r *http.Request) ([]*podRecord, *apiError) {
	q := r.URL.Query()
	var out []*podRecord
	for _, p := range sorted(s.store.pods) {
		match := func(key, value string) bool { return q.Get(key) == "" || q.Get(key) == value }
		if match("id", p.ID) && match("name", p.Name) && match("desiredStatus", p.DesiredStatus) &&
			match("imageName", p.Image) && match("gpuTypeId", p.GPUTypeID) && match("computeType", p.ComputeType) &&
			match("cpuFlavorId", p.CPUFlavorID) && match("dataCenterId", p.DataCenterID) &&
			match("networkVolumeId", p.NetworkVolumeID) && match("templateId", p.TemplateID) && match("endpointId", "") {
			out = append(out, p)
		}
	}
	return out, nil
}

// renderPodV1: lists and single reads honour the include flags; single reads send costPerHr as
// a string, as the live API does.
func (s *Server) renderPodV1(p *podRecord, v mockkit.View, r *http.Request) any {
	if v == mockkit.ViewWrite {
		return s.podV1(p, false, false, false)
	}
	q := r.URL.Query()
	return s.podV1(p, q.Get("includeMachine") == "true", q.Get("includeNetworkVolume") == "true", v == mockkit.ViewGet)
}

func (s *Server) updatePodV1(id string, r *http.Request) (*podRecord, *apiError) {
	var in v1PodUpdate
	if err := decodeInput(r, &in); err != nil {
		return nil, err
	}
	var c checks
	c.maxLen("name", in.Name, 191)
	c.minInt("containerDiskInGb", in.ContainerDiskInGb, 1)
	c.minInt("volumeInGb", in.VolumeInGb, 0)
	c.ports("ports", in.Ports)
	if err := c.err(); err != nil {
		return nil, err
	}
	return s.store.updatePod(id, podUpdate{
		Name: in.Name, Locked: in.Locked, ContainerDiskInGb: in.ContainerDiskInGb,
		ContainerRegistryAuthID: in.ContainerRegistryAuthID, DockerEntrypoint: in.DockerEntrypoint,
		DockerStartCmd: in.DockerStartCmd, Env: in.Env, GlobalNetworking: in.GlobalNetworking, Image: in.ImageName,
		Ports: in.Ports, VolumeInGb: in.VolumeInGb, VolumeMountPath: in.VolumeMountPath,
	})
}

func (s *Server) podActionV1(act func(id string) (*podRecord, *apiError)) mockkit.Handler[apiError] {
	return func(r *http.Request) (int, any, *apiError) {
		p, err := act(r.PathValue("podId"))
		if err != nil {
			return 0, nil, err
		}
		return http.StatusOK, s.podV1(p, false, false, false), nil
	}
}

// podV1 renders a pod like the live v1 API: "imageName" (not the spec's "image"), Go-format
// timestamps, costPerHr as a string in single reads, no publicIp/portMappings until it boots.
func (s *Server) podV1(p *podRecord, withMachine, withVolume, costAsString bool) map[string]any {
	m := map[string]any{
		"id": p.ID, "name": p.Name, "imageName": p.Image, "desiredStatus": p.DesiredStatus,
		"adjustedCostPerHr": p.CostPerHr, "costPerHr": p.CostPerHr, "consumerUserId": s.store.userID,
		"containerDiskInGb": p.ContainerDiskInGb, "volumeInGb": p.VolumeInGb, "volumeMountPath": p.VolumeMountPath,
		"ports": orEmpty(p.Ports), "env": orEmptyMap(p.Env), "dockerEntrypoint": orEmpty(p.DockerEntrypoint),
		"dockerStartCmd": orEmpty(p.DockerStartCmd), "interruptible": p.Interruptible, "locked": p.Locked,
		"lastStartedAt": goTime(p.LastStartedAt), "lastStatusChange": p.LastStatusChange, "machineId": p.MachineID,
		"memoryInGb": p.MemoryInGb, "vcpuCount": p.VCPUCount, "volumeEncrypted": false,
		"publicIp": nil, "portMappings": nil,
	}
	if costAsString {
		m["costPerHr"] = strconv.FormatFloat(p.CostPerHr, 'f', -1, 64)
	}
	if p.TemplateID != "" {
		m["templateId"] = p.TemplateID
	}
	if p.ContainerRegistryAuthID != "" {
		m["containerRegistryAuthId"] = p.ContainerRegistryAuthID
	}
	if p.booted(s.opts.Now()) {
		m["publicIp"] = p.PublicIP
		mappings := map[string]int{}
		for private, public := range p.PublicPorts {
			mappings[strconv.Itoa(private)] = public
		}
		m["portMappings"] = mappings
	}
	g, isGPU := s.store.gpuType(p.GPUTypeID)
	if isGPU {
		m["gpu"] = map[string]any{
			"id": g.ID, "count": p.GPUCount, "displayName": g.DisplayName, "securePrice": g.SecurePrice,
			"communityPrice": g.CommunityPrice, "secureSpotPrice": g.SecureSpotPrice, "communitySpotPrice": g.CommunitySpotPrice,
		}
	} else {
		m["cpuFlavorId"] = p.CPUFlavorID
	}
	if withMachine {
		machine := map[string]any{
			"dataCenterId": p.DataCenterID, "location": dataCenterLocation(p.DataCenterID),
			"secureCloud": p.Cloud == cloudSecure, "supportPublicIp": p.hasPublicIP(), "costPerHr": p.CostPerHr,
			"maxDownloadSpeedMbps": 1000, "maxUploadSpeedMbps": 1000, "diskThroughputMBps": 2000,
		}
		if isGPU {
			machine["gpuTypeId"], machine["gpuDisplayName"], machine["minPodGpuCount"] = g.ID, g.DisplayName, 1
			machine["gpuType"] = m["gpu"]
		} else {
			machine["cpuTypeId"] = "AMD EPYC 9754 128-Core Processor"
		}
		m["machine"] = machine
	}
	if withVolume && p.NetworkVolumeID != "" {
		if v, ok := s.store.volumes[p.NetworkVolumeID]; ok {
			m["networkVolume"] = volumeV1(v)
		}
	}
	return m
}

// ---- endpoints ----

func (s *Server) createEndpointV1(r *http.Request) (*endpointRecord, *apiError) {
	var in v1EndpointCreate
	if err := decodeInput(r, &in); err != nil {
		return nil, err
	}
	var c checks
	c.required("templateId", in.TemplateID != nil && *in.TemplateID != "")
	c.enum("computeType", in.ComputeType, computeTypes)
	c.maxLen("name", in.Name, 191)
	checkEndpointFields(&c, in.GPUTypeIDs, in.CPUFlavorIDs, in.DataCenterIDs, in.AllowedCudaVersions, in.MinCudaVersion,
		in.ScalerType, in.IdleTimeout, in.ScalerValue, in.GPUCount, in.WorkersMin, in.WorkersMax)
	if err := c.err(); err != nil {
		return nil, err
	}
	e := &endpointRecord{
		Name: deref(in.Name, ""), TemplateID: *in.TemplateID, ComputeType: deref(in.ComputeType, "GPU"),
		GPUTypeIDs: in.GPUTypeIDs, CPUFlavorIDs: in.CPUFlavorIDs, DataCenterIDs: in.DataCenterIDs,
		AllowedCudaVersions: orEmpty(in.AllowedCudaVersions), MinCudaVersion: deref(in.MinCudaVersion, ""),
		NetworkVolumeID: deref(in.NetworkVolumeID, ""), NetworkVolumeIDs: deref(in.NetworkVolumeIDs, nil),
		GPUCount: deref(in.GPUCount, 1), VCPUCount: deref(in.VCPUCount, 2),
		ExecutionTimeoutMs: deref(in.ExecutionTimeoutMs, 600000), IdleTimeout: deref(in.IdleTimeout, 5),
		ScalerType: deref(in.ScalerType, "QUEUE_DELAY"), ScalerValue: float64(deref(in.ScalerValue, 4)),
		WorkersMin: deref(in.WorkersMin, 0), WorkersMax: deref(in.WorkersMax, 3), Flashboot: flashbootV1(in.Flashboot),
	}
	if len(e.DataCenterIDs) == 0 {
		e.DataCenterIDs = dataCenterIDs()
	}
	if e.ComputeType == "CPU" {
		e.GPUTypeIDs, e.GPUCount = nil, 0
		if len(e.CPUFlavorIDs) == 0 {
			e.CPUFlavorIDs = []string{"cpu3c"}
		}
	} else {
		e.CPUFlavorIDs, e.VCPUCount = nil, 0
		if len(e.GPUTypeIDs) == 0 {
			e.GPUTypeIDs = []string{"NVIDIA GeForce RTX 4090"}
		}
	}
	return s.store.createEndpoint(e)
}

func checkEndpointFields(c *checks, gpuTypeIDs, cpuFlavorIDs, dataCenterIDList, cuda []string, minCuda, scalerType *string, idleTimeout, scalerValue, gpuCount, workersMin, workersMax *int) {
	c.enumList("gpuTypeIds", gpuTypeIDs, GPUTypeIDs)
	c.enumList("cpuFlavorIds", cpuFlavorIDs, endpointCPUFlavorIDs)
	c.enumList("dataCenterIds", dataCenterIDList, dataCenterIDs())
	c.enumList("allowedCudaVersions", cuda, cudaVersions)
	if minCuda != nil && *minCuda != "" { // "" clears it (assumed; RunPod documents no way to unset it)
		c.enum("minCudaVersion", minCuda, cudaVersions)
	}
	c.enum("scalerType", scalerType, scalerTypes)
	c.intRange("idleTimeout", idleTimeout, 1, 3600)
	c.minInt("scalerValue", scalerValue, 1)
	c.minInt("gpuCount", gpuCount, 1)
	c.minInt("workersMin", workersMin, 0)
	c.minInt("workersMax", workersMax, 0)
}

func (s *Server) updateEndpointV1(id string, r *http.Request) (*endpointRecord, *apiError) {
	var in v1EndpointUpdate
	if err := decodeInput(r, &in); err != nil {
		return nil, err
	}
	var c checks
	c.maxLen("name", in.Name, 191)
	checkEndpointFields(&c, deref(in.GPUTypeIDs, nil), deref(in.CPUFlavorIDs, nil), deref(in.DataCenterIDs, nil),
		deref(in.AllowedCudaVersions, nil), in.MinCudaVersion, in.ScalerType, in.IdleTimeout, in.ScalerValue, in.GPUCount,
		in.WorkersMin, in.WorkersMax)
	if err := c.err(); err != nil {
		return nil, err
	}
	return s.store.updateEndpoint(id, endpointUpdate{
		Name: in.Name, ExecutionTimeoutMs: in.ExecutionTimeoutMs, Flashboot: flashbootUpdateV1(in.Flashboot), IdleTimeout: in.IdleTimeout,
		ScalerType: in.ScalerType, ScalerValue: floatPtr(in.ScalerValue), WorkersMin: in.WorkersMin, WorkersMax: in.WorkersMax,
		TemplateID: in.TemplateID, GPUTypeIDs: in.GPUTypeIDs, GPUCount: in.GPUCount, CPUFlavorIDs: in.CPUFlavorIDs,
		VCPUCount: in.VCPUCount, DataCenterIDs: in.DataCenterIDs, NetworkVolumeID: in.NetworkVolumeID,
		NetworkVolumeIDs: in.NetworkVolumeIDs, AllowedCudaVersions: in.AllowedCudaVersions, MinCudaVersion: in.MinCudaVersion,
	})
}

// flashbootV1 maps v1's flashboot boolean to the store's mode.
func flashbootV1(on *bool) string {
	if deref(on, false) {
		return flashbootOn
	}
	return flashbootOff
}

func flashbootUpdateV1(on *bool) *string {
	if on == nil {
		return nil
	}
	return ptr(flashbootV1(on))
}

func floatPtr(v *int) *float64 {
	if v == nil {
		return nil
	}
	return ptr(float64(*v))
}

// endpointV1 renders an endpoint like the live API: workersStandby present (PATCH refuses
// it), flashboot accepted but never read back, env from the template.
func (s *Server) endpointV1(e *endpointRecord, r *http.Request) map[string]any {
	m := map[string]any{
		"id": e.ID, "name": e.Name, "templateId": e.TemplateID, "computeType": e.ComputeType,
		"allowedCudaVersions": orEmpty(e.AllowedCudaVersions), "createdAt": goTime(e.CreatedAt),
		"dataCenterIds": orEmpty(e.DataCenterIDs), "executionTimeoutMs": e.ExecutionTimeoutMs,
		"idleTimeout": e.IdleTimeout, "scalerType": e.ScalerType, "scalerValue": e.ScalerValue,
		"userId": s.store.userID, "version": e.Version, "workersMax": e.WorkersMax, "workersMin": e.WorkersMin,
		"workersStandby": e.WorkersMin, "env": map[string]string{},
	}
	if e.ComputeType == "CPU" {
		ids := make([]string, len(e.CPUFlavorIDs))
		for i, f := range e.CPUFlavorIDs {
			ids[i] = fmt.Sprintf("%s-%d-%d", f, e.VCPUCount, e.VCPUCount*2)
		}
		m["instanceIds"] = ids
	} else {
		m["gpuTypeIds"] = orEmpty(e.GPUTypeIDs)
		m["gpuCount"] = e.GPUCount
	}
	if e.NetworkVolumeID != "" {
		m["networkVolumeId"] = e.NetworkVolumeID
	}
	if len(e.NetworkVolumeIDs) > 0 {
		m["networkVolumeIds"] = e.NetworkVolumeIDs
	}
	if e.MinCudaVersion != "" {
		m["minCudaVersion"] = e.MinCudaVersion
	}
	container := s.store.endpointContainer(e) // the bound template's, or the endpoint's own copy
	m["env"] = orEmptyMap(container.Env)
	tpl, hasTemplate := s.store.templates[e.TemplateID]
	q := r.URL.Query()
	if q.Get("includeTemplate") == "true" && hasTemplate {
		m["template"] = templateV1(tpl)
	}
	if q.Get("includeWorkers") == "true" {
		workers := []map[string]any{}
		for i := range e.WorkersMin {
			workers = append(workers, map[string]any{
				"id": fmt.Sprintf("%s-worker-%d", e.ID, i+1), "desiredStatus": "RUNNING", "endpointId": e.ID,
				"slsVersion": e.Version, "imageName": container.Image,
			})
		}
		m["workers"] = workers
	}
	return m
}

// ---- templates ----

func (s *Server) createTemplateV1(r *http.Request) (*templateRecord, *apiError) {
	var in v1TemplateCreate
	if err := decodeInput(r, &in); err != nil {
		return nil, err
	}
	var c checks
	c.required("name", in.Name != nil && *in.Name != "")
	c.required("imageName", in.ImageName != nil && *in.ImageName != "")
	c.enum("category", in.Category, templateCategories)
	c.minInt("containerDiskInGb", in.ContainerDiskInGb, 1)
	c.minInt("volumeInGb", in.VolumeInGb, 0)
	c.ports("ports", in.Ports)
	if err := c.err(); err != nil {
		return nil, err
	}
	return s.store.createTemplate(&templateRecord{
		Name: *in.Name, ImageName: *in.ImageName, Category: deref(in.Category, "NVIDIA"),
		IsServerless: deref(in.IsServerless, false), IsPublic: deref(in.IsPublic, false),
		ContainerDiskInGb: deref(in.ContainerDiskInGb, 50), VolumeInGb: deref(in.VolumeInGb, 20),
		VolumeMountPath: deref(in.VolumeMountPath, "/workspace"), Ports: deref(in.Ports, []string{"8888/http", "22/tcp"}),
		Env: deref(in.Env, map[string]string{}), DockerEntrypoint: deref(in.DockerEntrypoint, []string{}),
		DockerStartCmd: deref(in.DockerStartCmd, []string{}), Readme: deref(in.Readme, ""),
		ContainerRegistryAuthID: deref(in.ContainerRegistryAuthID, ""),
	})
}

func (s *Server) updateTemplateV1(id string, r *http.Request) (*templateRecord, *apiError) {
	var in v1TemplateUpdate
	if err := decodeInput(r, &in); err != nil {
		return nil, err
	}
	var c checks
	c.minInt("containerDiskInGb", in.ContainerDiskInGb, 1)
	c.minInt("volumeInGb", in.VolumeInGb, 0)
	c.ports("ports", in.Ports)
	if in.Name != nil && *in.Name == "" {
		c.add("name: must not be empty")
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	return s.store.updateTemplate(id, templateUpdate{
		Name: in.Name, IsPublic: in.IsPublic, Readme: in.Readme, VolumeInGb: in.VolumeInGb, VolumeMountPath: in.VolumeMountPath,
		ImageName: in.ImageName, ContainerDiskInGb: in.ContainerDiskInGb, ContainerRegistryAuthID: in.ContainerRegistryAuthID,
		DockerEntrypoint: in.DockerEntrypoint, DockerStartCmd: in.DockerStartCmd, Env: in.Env, Ports: in.Ports,
	})
}

// templateVisible applies GET /templates' include flags: RunPod's own templates and
// templates bound to endpoints are listed only when asked for.
func (s *Server) templateVisible(t *templateRecord, r *http.Request) bool {
	q := r.URL.Query()
	if t.IsRunpod {
		return q.Get("includeRunpodTemplates") == "true"
	}
	if q.Get("includeEndpointBoundTemplates") != "true" {
		for _, e := range s.store.endpoints {
			if e.TemplateID == t.ID {
				return false
			}
		}
	}
	return true
}

func templateV1(t *templateRecord) map[string]any {
	m := map[string]any{
		"id": t.ID, "name": t.Name, "imageName": t.ImageName, "category": t.Category,
		"containerDiskInGb": t.ContainerDiskInGb, "dockerEntrypoint": orEmpty(t.DockerEntrypoint),
		"dockerStartCmd": orEmpty(t.DockerStartCmd), "earned": 0, "env": orEmptyMap(t.Env), "isPublic": t.IsPublic,
		"isRunpod": t.IsRunpod, "isServerless": t.IsServerless, "ports": orEmpty(t.Ports), "readme": t.Readme,
		"runtimeInMin": 0, "volumeInGb": t.VolumeInGb, "volumeMountPath": t.VolumeMountPath,
	}
	if t.ContainerRegistryAuthID != "" {
		m["containerRegistryAuthId"] = t.ContainerRegistryAuthID
	}
	return m
}

// ---- network volumes ----

func (s *Server) createVolumeV1(r *http.Request) (*volumeRecord, *apiError) {
	var in v1NetworkVolumeCreate
	if err := decodeInput(r, &in); err != nil {
		return nil, err
	}
	var c checks
	c.required("name", in.Name != nil)
	c.required("size", in.Size != nil)
	c.required("dataCenterId", in.DataCenterID != nil)
	c.intRange("size", in.Size, 0, 4000)
	c.enum("dataCenterId", in.DataCenterID, dataCenterIDs())
	if err := c.err(); err != nil {
		return nil, err
	}
	return s.store.createVolume(&volumeRecord{Name: *in.Name, Size: *in.Size, DataCenterID: *in.DataCenterID, Type: volumeStandard}), nil
}

func (s *Server) updateVolumeV1(id string, r *http.Request) (*volumeRecord, *apiError) {
	var in v1NetworkVolumeUpdate
	if err := decodeInput(r, &in); err != nil {
		return nil, err
	}
	var c checks
	c.intRange("size", in.Size, 0, 4000)
	if err := c.err(); err != nil {
		return nil, err
	}
	// A shrink is accepted, as the live v1 API once did: the provider must refuse shrinks itself.
	return s.store.updateVolume(id, in.Name, in.Size, true)
}

func volumeV1(v *volumeRecord) map[string]any {
	return map[string]any{"id": v.ID, "name": v.Name, "size": v.Size, "dataCenterId": v.DataCenterID}
}

// ---- container registry auths ----

func (s *Server) createRegistryAuthV1(r *http.Request) (*registryAuthRecord, *apiError) {
	var in v1RegistryAuthCreate
	if err := decodeInput(r, &in); err != nil {
		return nil, err
	}
	var c checks
	for field, v := range map[string]*string{"name": in.Name, "username": in.Username, "password": in.Password} {
		c.required(field, v != nil && *v != "")
	}
	slices.Sort(c.problems)
	if err := c.err(); err != nil {
		return nil, err
	}
	return s.store.createRegistryAuth(&registryAuthRecord{Name: *in.Name, Username: *in.Username, Password: *in.Password})
}

func registryAuthV1(a *registryAuthRecord) map[string]any {
	return map[string]any{"id": a.ID, "name": a.Name}
}
