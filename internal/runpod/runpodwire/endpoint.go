package runpodwire

// EndpointCreate is CreateEndpointRequest.
type EndpointCreate struct {
	Container
	Name           string       `json:"name"`
	Type           string       `json:"type"`
	TemplateID     *string      `json:"templateId,omitempty"`
	GPU            *EndpointGPU `json:"gpu,omitempty"`
	CPU            []CPUConfig  `json:"cpu,omitempty"`
	DataCenterIDs  []string     `json:"dataCenterIds,omitempty"`
	NetworkVolumes []string     `json:"networkVolumes,omitempty"`
	Flashboot      *string      `json:"flashboot,omitempty"`
	Scaling        Scaling      `json:"scaling"`
	Timeout        *int         `json:"timeout,omitempty"`
	Workers        *Workers     `json:"workers,omitempty"`
}

// EndpointUpdate is UpdateEndpointRequest.
type EndpointUpdate struct {
	Container
	Name           *string      `json:"name,omitempty"`
	TemplateID     *string      `json:"templateId,omitempty"`
	GPU            *EndpointGPU `json:"gpu,omitempty"`
	CPU            []CPUConfig  `json:"cpu,omitempty"`
	DataCenterIDs  *[]string    `json:"dataCenterIds,omitempty"`
	NetworkVolumes *[]string    `json:"networkVolumes,omitempty"`
	Flashboot      *string      `json:"flashboot,omitempty"`
	Scaling        *Scaling     `json:"scaling,omitempty"`
	Timeout        *int         `json:"timeout,omitempty"`
	Workers        *Workers     `json:"workers,omitempty"`
}

// EndpointGPU is CreateEndpointGpuConfig and UpdateEndpointGpuConfig.
type EndpointGPU struct {
	Pools []string `json:"pools,omitempty"`
	// ExcludedTypes is sent whenever Pools is: a PATCH with pools and without excludedTypes
	// clears the exclusions.
	ExcludedTypes       *[]string `json:"excludedTypes,omitempty"`
	Count               *int      `json:"count,omitempty"`
	AllowedCudaVersions *[]string `json:"allowedCudaVersions,omitempty"`
	MinCudaVersion      *string   `json:"minCudaVersion,omitempty"`
}

// Scaling is EndpointScaling, a union on type.
type Scaling struct {
	Type         string   `json:"type"`
	QueueDelay   *float64 `json:"queueDelay,omitempty"`
	RequestCount *int     `json:"requestCount,omitempty"`
}

// Workers is EndpointWorkers in a request.
type Workers struct {
	Min         *int `json:"min,omitempty"`
	Max         *int `json:"max,omitempty"`
	IdleTimeout *int `json:"idleTimeout,omitempty"`
}

// Endpoint is Endpoint.
type Endpoint struct {
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	Type        string            `json:"type"`
	RequestURLs map[string]string `json:"requestUrls"`
	ContainerConfig
	GPU            *EndpointGPUConfig `json:"gpu,omitempty"`
	CPU            []CPUConfig        `json:"cpu,omitempty"`
	Workers        *EndpointWorkers   `json:"workers"`
	Scaling        *Scaling           `json:"scaling"`
	DataCenterIDs  []string           `json:"dataCenterIds"`
	NetworkVolumes []string           `json:"networkVolumes"`
	Timeout        int                `json:"timeout"`
	Flashboot      string             `json:"flashboot"`
	CreatedAt      string             `json:"createdAt"`
}

// EndpointGPUConfig is EndpointGpuConfig (answers).
type EndpointGPUConfig struct {
	Pools               []string `json:"pools"`
	ExcludedTypes       []string `json:"excludedTypes,omitempty"`
	Count               int      `json:"count"`
	AllowedCudaVersions []string `json:"allowedCudaVersions"`
	MinCudaVersion      *string  `json:"minCudaVersion"`
}

// EndpointWorkers is EndpointWorkers in an answer: idleTimeout is left out for a queue
// endpoint scaling on request count.
type EndpointWorkers struct {
	Min         int  `json:"min"`
	Max         int  `json:"max"`
	IdleTimeout *int `json:"idleTimeout,omitempty"`
}

// EndpointList is ListEndpointsResponse.
type EndpointList struct {
	Endpoints []Endpoint `json:"endpoints"`
}
