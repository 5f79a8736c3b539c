package runpodwire

// PodCreate is CreatePodRequest.
type PodCreate struct {
	Container
	Name             string        `json:"name"`
	TemplateID       *string       `json:"templateId,omitempty"`
	Cloud            *string       `json:"cloud,omitempty"`
	DataCenterIDs    []string      `json:"dataCenterIds,omitempty"`
	GPU              *PodCreateGPU `json:"gpu,omitempty"`
	CPU              *CPUConfig    `json:"cpu,omitempty"`
	Mounts           *Mounts       `json:"mounts,omitempty"`
	GlobalNetworking *bool         `json:"globalNetworking,omitempty"`
	StartSSH         *bool         `json:"startSsh,omitempty"`
	StartJupyter     *bool         `json:"startJupyter,omitempty"`
}

// PodCreateGPU is CreateGpuConfig.
type PodCreateGPU struct {
	ID                  string   `json:"id"`
	Count               *int     `json:"count,omitempty"`
	AllowedCudaVersions []string `json:"allowedCudaVersions,omitempty"`
	MinCudaVersion      *string  `json:"minCudaVersion,omitempty"`
}

// PodUpdate is UpdatePodRequest.
type PodUpdate struct {
	Container
	Name             *string `json:"name,omitempty"`
	Locked           *bool   `json:"locked,omitempty"`
	GlobalNetworking *bool   `json:"globalNetworking,omitempty"`
	Mounts           *Mounts `json:"mounts,omitempty"`
	TemplateID       *string `json:"templateId,omitempty"`
}

// PodAction is PodActionRequest.
type PodAction struct {
	Action string `json:"action"`
}

// Pod is Pod.
type Pod struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Status  string   `json:"status"`
	Actions []string `json:"actions"`
	ContainerConfig
	Mounts           *Mounts              `json:"mounts"`
	GPU              *PodGPU              `json:"gpu,omitempty"`
	CPU              *CPUConfig           `json:"cpu,omitempty"`
	Cloud            string               `json:"cloud"`
	DataCenterID     *string              `json:"dataCenterId"`
	CudaVersion      *string              `json:"cudaVersion"`
	SSH              *PodSSH              `json:"ssh"`
	Template         *string              `json:"template"`
	Cost             float64              `json:"cost"`
	Locked           bool                 `json:"locked"`
	GlobalNetworking *PodGlobalNetworking `json:"globalNetworking"`
	Runtime          *PodRuntime          `json:"runtime"`
	Cluster          *PodCluster          `json:"cluster,omitempty"`
	CreatedAt        string               `json:"createdAt"`
	StartedAt        *string              `json:"startedAt"`
}

// PodGPU is the pod's GpuConfig; memory and vcpuCount come from a contract newer than the
// pinned one (read when present).
type PodGPU struct {
	ID        string `json:"id"`
	Count     int    `json:"count"`
	Memory    int    `json:"memory,omitempty"`
	VCPUCount int    `json:"vcpuCount,omitempty"`
}

// PodSSH is PodSsh.
type PodSSH struct {
	Proxy  *PodSSHEndpoint `json:"proxy"`
	Direct *PodSSHEndpoint `json:"direct"`
}

// PodSSHEndpoint is PodSshEndpoint.
type PodSSHEndpoint struct {
	Host     string `json:"host"`
	Port     int    `json:"port"`
	Username string `json:"username"`
	Command  string `json:"command"`
}

// PodGlobalNetworking is PodGlobalNetworking.
type PodGlobalNetworking struct {
	Enabled     bool   `json:"enabled"`
	IP          string `json:"ip,omitempty"`
	InternalDNS string `json:"internalDns,omitempty"`
}

// PodRuntime is PodRuntime: what a running container reports.
type PodRuntime struct {
	Uptime int                 `json:"uptime"`
	GPUs   []PodGPUUtilization `json:"gpus"`
	CPU    Utilization         `json:"cpu"`
	Memory Utilization         `json:"memory"`
	Ports  []PodRuntimePort    `json:"ports"`
}

// Utilization is Utilization, in percent.
type Utilization struct {
	Util int `json:"util"`
}

// PodGPUUtilization is PodGpuUtilization, in percent.
type PodGPUUtilization struct {
	Util       int `json:"util"`
	MemoryUtil int `json:"memoryUtil"`
}

// PodRuntimePort is PodRuntimePort: public and ip are null until mapped.
type PodRuntimePort struct {
	Private int     `json:"private"`
	Public  *int    `json:"public"`
	Type    string  `json:"type"`
	IP      *string `json:"ip"`
}

// PodList is ListPodsResponse.
type PodList struct {
	Pods []Pod `json:"pods"`
}
