package runpodapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// The domain types below are what resources work with. Their JSON tags are REST v1's field
// names, so the v1 backend sends and decodes them directly; another backend (REST v2) maps
// them to its own wire shapes instead of changing them. A field tagged v2:"same" is one REST
// v2 names and takes alike: it is mapped by its name (see wirev2_same.go).

// Ptr returns a pointer to v; inputs use pointers so that "not set" and "zero" differ.
func Ptr[T any](v T) *T { return &v }

// FlexFloat decodes a JSON number, a numeric string ("0.74") or null: RunPod sends costPerHr
// both ways.
type FlexFloat float64

// UnmarshalJSON implements json.Unmarshaler.
func (f *FlexFloat) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) || len(b) == 0 {
		*f = 0
		return nil
	}
	if b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if s == "" {
			*f = 0
			return nil
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return fmt.Errorf("decoding %q as a number: %w", s, err)
		}
		*f = FlexFloat(v)
		return nil
	}
	var v float64
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*f = FlexFloat(v)
	return nil
}

// Pod desired statuses.
const (
	PodStatusRunning    = "RUNNING"
	PodStatusExited     = "EXITED"
	PodStatusTerminated = "TERMINATED"
)

// Pod is a GPU or CPU pod as RunPod reports it.
type Pod struct {
	ID                      string            `json:"id" v2:"same"`
	Name                    string            `json:"name" v2:"same"`
	ImageName               string            `json:"imageName"`
	DesiredStatus           string            `json:"desiredStatus"`
	AdjustedCostPerHr       FlexFloat         `json:"adjustedCostPerHr"`
	CostPerHr               FlexFloat         `json:"costPerHr"`
	ConsumerUserID          string            `json:"consumerUserId,omitempty"`
	ContainerDiskInGb       int               `json:"containerDiskInGb"`
	ContainerRegistryAuthID string            `json:"containerRegistryAuthId,omitempty"`
	CPUFlavorID             string            `json:"cpuFlavorId,omitempty"`
	DockerEntrypoint        []string          `json:"dockerEntrypoint"`
	DockerStartCmd          []string          `json:"dockerStartCmd"`
	EndpointID              string            `json:"endpointId,omitempty"`
	Env                     map[string]string `json:"env" v2:"same"`
	GPU                     *PodGPU           `json:"gpu,omitempty"`
	Interruptible           bool              `json:"interruptible"`
	LastStartedAt           string            `json:"lastStartedAt,omitempty"`
	LastStatusChange        string            `json:"lastStatusChange,omitempty"`
	Locked                  bool              `json:"locked" v2:"same"`
	Machine                 *Machine          `json:"machine,omitempty"`
	MachineID               string            `json:"machineId,omitempty"`
	MemoryInGb              float64           `json:"memoryInGb"`
	NetworkVolume           *NetworkVolume    `json:"networkVolume,omitempty"`
	PortMappings            map[string]int    `json:"portMappings"`
	Ports                   []string          `json:"ports" v2:"same"`
	PublicIP                string            `json:"publicIp"`
	TemplateID              string            `json:"templateId,omitempty"`
	VCPUCount               float64           `json:"vcpuCount"`
	VolumeEncrypted         bool              `json:"volumeEncrypted"`
	VolumeInGb              int               `json:"volumeInGb"`
	VolumeMountPath         string            `json:"volumeMountPath"`

	// What only REST v2 reports (zero from REST v1). Source says which backend read the pod,
	// so a model can tell "not reported" from "empty".
	Source           Backend     `json:"-"`
	Status           string      `json:"-" v2:"same"` // observed: PROVISIONING, STARTING, RUNNING, EXITED, ERROR, TERMINATED
	Actions          []string    `json:"-" v2:"same"` // actions valid in Status: start, stop, restart, terminate
	CudaVersion      string      `json:"-"`           // of the host
	SSHDirectCommand string      `json:"-"`           // ssh.direct.command: over the public 22/tcp mapping
	SSHProxyCommand  string      `json:"-"`           // ssh.proxy.command: through RunPod's SSH proxy
	GlobalNetworking *bool       `json:"-"`           // globalNetworking.enabled; nil when not reported
	Runtime          *PodRuntime `json:"-"`           // nil unless RUNNING (v2 embeds it in the pod)
	CreatedAt        string      `json:"-" v2:"same"`
}

// Observed pod statuses (REST v2's Pod.status).
const (
	PodObservedProvisioning = "PROVISIONING"
	PodObservedStarting     = "STARTING"
	PodObservedRunning      = "RUNNING"
	PodObservedExited       = "EXITED"
	PodObservedError        = "ERROR"
	PodObservedTerminated   = "TERMINATED"
)

// UnmarshalJSON accepts the spec's "image" as well as the "imageName" the live API sends.
func (p *Pod) UnmarshalJSON(b []byte) error {
	type plain Pod
	var aux struct {
		plain
		Image    string  `json:"image"`
		PublicIP *string `json:"publicIp"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*p = Pod(aux.plain)
	if p.ImageName == "" {
		p.ImageName = aux.Image
	}
	if aux.PublicIP != nil {
		p.PublicIP = *aux.PublicIP
	}
	return nil
}

// PodGPU describes the GPUs attached to a pod.
type PodGPU struct {
	ID          string    `json:"id"`
	Count       int       `json:"count"`
	DisplayName string    `json:"displayName"`
	SecurePrice FlexFloat `json:"securePrice,omitempty"`
	CommPrice   FlexFloat `json:"communityPrice,omitempty"`
}

// Machine is the host a pod runs on (GET /pods/{id}?includeMachine=true).
type Machine struct {
	GPUTypeID       string    `json:"gpuTypeId,omitempty"`
	GPUDisplayName  string    `json:"gpuDisplayName,omitempty"`
	CPUTypeID       string    `json:"cpuTypeId,omitempty"`
	DataCenterID    string    `json:"dataCenterId,omitempty"`
	Location        string    `json:"location,omitempty"`
	SecureCloud     bool      `json:"secureCloud"`
	SupportPublicIP bool      `json:"supportPublicIp"`
	CostPerHr       FlexFloat `json:"costPerHr,omitempty"`
	MinPodGPUCount  int       `json:"minPodGpuCount,omitempty"`
}

// PodCreateInput is what creating a pod takes. Nil fields are left to RunPod's defaults.
type PodCreateInput struct {
	Name                    *string            `json:"name,omitempty"`
	ImageName               *string            `json:"imageName,omitempty"`
	TemplateID              *string            `json:"templateId,omitempty"`
	ComputeType             *string            `json:"computeType,omitempty"`
	CloudType               *string            `json:"cloudType,omitempty"`
	GPUTypeIDs              *[]string          `json:"gpuTypeIds,omitempty"`
	GPUTypePriority         *string            `json:"gpuTypePriority,omitempty"`
	GPUCount                *int               `json:"gpuCount,omitempty"`
	CPUFlavorIDs            *[]string          `json:"cpuFlavorIds,omitempty"`
	CPUFlavorPriority       *string            `json:"cpuFlavorPriority,omitempty"`
	VCPUCount               *int               `json:"vcpuCount,omitempty"`
	MinRAMPerGPU            *int               `json:"minRAMPerGPU,omitempty"`
	MinVCPUPerGPU           *int               `json:"minVCPUPerGPU,omitempty"`
	DataCenterIDs           *[]string          `json:"dataCenterIds,omitempty"`
	DataCenterPriority      *string            `json:"dataCenterPriority,omitempty"`
	CountryCodes            *[]string          `json:"countryCodes,omitempty"`
	AllowedCudaVersions     *[]string          `json:"allowedCudaVersions,omitempty"`
	MinDownloadMbps         *float64           `json:"minDownloadMbps,omitempty"`
	MinUploadMbps           *float64           `json:"minUploadMbps,omitempty"`
	MinDiskBandwidthMBps    *float64           `json:"minDiskBandwidthMBps,omitempty"`
	SupportPublicIP         *bool              `json:"supportPublicIp,omitempty"`
	GlobalNetworking        *bool              `json:"globalNetworking,omitempty"`
	ContainerDiskInGb       *int               `json:"containerDiskInGb,omitempty"`
	VolumeInGb              *int               `json:"volumeInGb,omitempty"`
	VolumeMountPath         *string            `json:"volumeMountPath,omitempty"`
	NetworkVolumeID         *string            `json:"networkVolumeId,omitempty"`
	Ports                   *[]string          `json:"ports,omitempty"`
	Env                     *map[string]string `json:"env,omitempty"`
	DockerEntrypoint        *[]string          `json:"dockerEntrypoint,omitempty"`
	DockerStartCmd          *[]string          `json:"dockerStartCmd,omitempty"`
	ContainerRegistryAuthID *string            `json:"containerRegistryAuthId,omitempty"`
	Interruptible           *bool              `json:"interruptible,omitempty"`
	Locked                  *bool              `json:"locked,omitempty"`

	// REST v2 only: the v1 backend refuses a create that sets them.
	StartSSH       *bool   `json:"-" v2:"same"` // inject the account's SSH keys (PUBLIC_KEY)
	StartJupyter   *bool   `json:"-" v2:"same"` // inject a JUPYTER_PASSWORD
	MinCudaVersion *string `json:"-"`           // lowest CUDA version of the host
}

// SpotPodCreateInput creates an interruptible pod at a bid per GPU (USD per hour).
type SpotPodCreateInput struct {
	PodCreateInput
	BidPerGPU float64
}

// PodUpdateInput changes a pod. Name and Locked change it in place; setting any other field
// makes RunPod reset the pod (see TriggersReset).
type PodUpdateInput struct {
	Name                    *string            `json:"name,omitempty" v2:"same"`
	Locked                  *bool              `json:"locked,omitempty" v2:"same"`
	ContainerDiskInGb       *int               `json:"containerDiskInGb,omitempty"`
	ContainerRegistryAuthID *string            `json:"containerRegistryAuthId,omitempty"`
	DockerEntrypoint        *[]string          `json:"dockerEntrypoint,omitempty"`
	DockerStartCmd          *[]string          `json:"dockerStartCmd,omitempty"`
	Env                     *map[string]string `json:"env,omitempty" v2:"same"`
	GlobalNetworking        *bool              `json:"globalNetworking,omitempty" v2:"same"`
	ImageName               *string            `json:"imageName,omitempty"`
	Ports                   *[]string          `json:"ports,omitempty" v2:"same"`
	VolumeInGb              *int               `json:"volumeInGb,omitempty"`
	VolumeMountPath         *string            `json:"volumeMountPath,omitempty"`
}

// TriggersReset reports whether RunPod resets the pod when applying u: any field outside
// PodUpdateInPlaceInput (name, locked) does, a field added later too.
func (u PodUpdateInput) TriggersReset() bool {
	v := reflect.ValueOf(u)
	for i := range v.NumField() {
		if name := v.Type().Field(i).Name; name != "Name" && name != "Locked" && !v.Field(i).IsNil() {
			return true
		}
	}
	return false
}

// IsEmpty reports whether u changes nothing.
func (u PodUpdateInput) IsEmpty() bool {
	return u.Name == nil && u.Locked == nil && !u.TriggersReset()
}

// PodListFilter narrows ListPods; empty fields do not filter.
type PodListFilter struct {
	Name          string
	DesiredStatus string
	ImageName     string
	GPUTypeID     string
}

// PodRuntime is what a started container reports (GraphQL `pod { runtime }`, REST v2's
// Pod.runtime); nil until the pod has started.
type PodRuntime struct {
	UptimeInSeconds int              `json:"uptimeInSeconds"`
	Ports           []PodRuntimePort `json:"ports"`
	GPUs            []PodRuntimeGPU  `json:"gpus"`
}

// PodRuntimePort is one exposed port of a running pod.
type PodRuntimePort struct {
	IP          string `json:"ip"`
	IsIPPublic  bool   `json:"isIpPublic"`
	PrivatePort int    `json:"privatePort"`
	PublicPort  int    `json:"publicPort"`
	Type        string `json:"type"`
}

// PodRuntimeGPU is the utilisation of one GPU of a running pod.
type PodRuntimeGPU struct {
	ID                string `json:"id"` // "" from REST v2, which lists GPUs without ids
	GPUUtilPercent    int    `json:"gpuUtilPercent"`
	MemoryUtilPercent int    `json:"memoryUtilPercent"`
}

// Endpoint is a serverless endpoint. REST v2 keeps no link to the template an endpoint was
// made from and reports no owner: TemplateID, Template and UserID are empty when Source is
// BackendV2; its ListEndpoints leaves Version and WorkerCount unread (one more call each).
type Endpoint struct {
	ID                  string   `json:"id"`
	Name                string   `json:"name"`
	TemplateID          string   `json:"templateId"`
	ComputeType         string   `json:"computeType"`
	AllowedCudaVersions []string `json:"allowedCudaVersions"`
	// CPUFlavorIDs and VCPUCount are what a CPU endpoint was created with. REST v1 does not
	// report them (it reports InstanceIDs, "<flavor>-<vCPUs>-<GB of RAM>"); a backend that
	// does fills them in.
	CPUFlavorIDs       []string          `json:"cpuFlavorIds,omitempty"`
	VCPUCount          int               `json:"vcpuCount,omitempty"`
	MinCudaVersion     string            `json:"minCudaVersion,omitempty"`
	CreatedAt          string            `json:"createdAt"`
	DataCenterIDs      []string          `json:"dataCenterIds"`
	Env                map[string]string `json:"env"`
	ExecutionTimeoutMs int               `json:"executionTimeoutMs"`
	GPUCount           int               `json:"gpuCount"`
	GPUTypeIDs         []string          `json:"gpuTypeIds"`
	IdleTimeout        int               `json:"idleTimeout"`
	InstanceIDs        []string          `json:"instanceIds"`
	NetworkVolumeID    string            `json:"networkVolumeId,omitempty"`
	NetworkVolumeIDs   []string          `json:"networkVolumeIds,omitempty"`
	ScalerType         string            `json:"scalerType"`
	ScalerValue        int               `json:"scalerValue"`
	Template           *Template         `json:"template,omitempty"`
	UserID             string            `json:"userId"`
	Version            int               `json:"version"`
	Workers            []Pod             `json:"workers,omitempty"`
	WorkersMax         int               `json:"workersMax"`
	WorkersMin         int               `json:"workersMin"`
	WorkersStandby     int               `json:"workersStandby,omitempty"`

	// What only REST v2 reports (zero from REST v1); Source says which backend read it.
	Source        Backend           `json:"-"`
	Type          string            `json:"-"` // QUEUE or LOAD_BALANCER
	FlashbootMode string            `json:"-"` // OFF, FLASHBOOT or PRIORITY_FLASHBOOT
	RequestURLs   map[string]string `json:"-"` // run, runSync, status, ... or base, health
	Image         string            `json:"-"` // the image the workers run (copied from the template)
	// Container is the endpoint's own copy of the container settings of the template it was
	// created from (image, args as DockerStartCmd, disk, ports, env, registry), in a Template
	// without id or name: REST v2 keeps that copy, and no link to the template.
	Container *Template `json:"-"`
	// WorkerCount is how many workers the endpoint has now (v2: /workers summary.total; v1:
	// len(Workers)).
	WorkerCount int `json:"-"`
	// WorkersUnread says that Version and WorkerCount were not read (they are 0): REST v2's
	// list reports neither, and GetEndpointWorkers reads them for one endpoint.
	WorkersUnread bool `json:"-"`
}

// CPUShape returns the CPU flavors and vCPUs per worker of a CPU endpoint: what a backend
// reports of them, or, from REST v1, what its instance ids say ("<flavor>-<vCPUs>-<GB of
// RAM>", such as "cpu3c-2-4").
func (e *Endpoint) CPUShape() (flavors []string, vcpus int) {
	if len(e.CPUFlavorIDs) > 0 || e.VCPUCount > 0 {
		return e.CPUFlavorIDs, e.VCPUCount
	}
	for _, id := range e.InstanceIDs {
		parts := strings.Split(id, "-")
		if len(parts) != 3 {
			continue
		}
		if !slices.Contains(flavors, parts[0]) {
			flavors = append(flavors, parts[0])
		}
		if n, err := strconv.Atoi(parts[1]); err == nil && vcpus == 0 {
			vcpus = n
		}
	}
	return flavors, vcpus
}

// EndpointWorkers is what an endpoint's workers say of it: its latest release (version) and
// how many workers it has now.
type EndpointWorkers struct {
	Version int
	Count   int
}

// Endpoint types (REST v2).
const (
	EndpointTypeQueue        = "QUEUE"
	EndpointTypeLoadBalancer = "LOAD_BALANCER"
)

// Flashboot modes (REST v2's endpoint flashboot).
const (
	FlashbootOff      = "OFF"
	FlashbootOn       = "FLASHBOOT"
	FlashbootPriority = "PRIORITY_FLASHBOOT"
)

// EndpointRollout is the state of an endpoint's latest release (REST v2's /releases).
type EndpointRollout struct {
	Version         int
	InProgress      bool
	WorkersOnLatest int
	WorkersTotal    int
}

// EndpointCreateInput is what creating an endpoint takes; TemplateID is required.
type EndpointCreateInput struct {
	TemplateID          string    `json:"templateId"`
	Name                *string   `json:"name,omitempty"`
	ComputeType         *string   `json:"computeType,omitempty"`
	GPUTypeIDs          *[]string `json:"gpuTypeIds,omitempty"`
	GPUCount            *int      `json:"gpuCount,omitempty"`
	CPUFlavorIDs        *[]string `json:"cpuFlavorIds,omitempty"`
	VCPUCount           *int      `json:"vcpuCount,omitempty"`
	DataCenterIDs       *[]string `json:"dataCenterIds,omitempty"`
	NetworkVolumeID     *string   `json:"networkVolumeId,omitempty"`
	NetworkVolumeIDs    *[]string `json:"networkVolumeIds,omitempty"`
	AllowedCudaVersions *[]string `json:"allowedCudaVersions,omitempty"`
	MinCudaVersion      *string   `json:"minCudaVersion,omitempty"`
	ExecutionTimeoutMs  *int      `json:"executionTimeoutMs,omitempty"`
	Flashboot           *bool     `json:"flashboot,omitempty"`
	IdleTimeout         *int      `json:"idleTimeout,omitempty"`
	ScalerType          *string   `json:"scalerType,omitempty"`
	ScalerValue         *int      `json:"scalerValue,omitempty"`
	WorkersMin          *int      `json:"workersMin,omitempty"`
	WorkersMax          *int      `json:"workersMax,omitempty"`

	// REST v2 only.
	Type          *string `json:"-"` // QUEUE (v2's default) or LOAD_BALANCER
	FlashbootMode *string `json:"-"` // overrides Flashboot when set
}

// EndpointUpdateInput changes an endpoint. The fields of RunPod's EndpointUpdateInPlaceInput
// (endpointInPlaceFields: name, scaler, workers, timeouts, FlashBoot) apply in place; any
// other field makes RunPod roll out a new release (see TriggersRollingRelease).
type EndpointUpdateInput struct {
	Name                *string   `json:"name,omitempty"`
	ExecutionTimeoutMs  *int      `json:"executionTimeoutMs,omitempty"`
	Flashboot           *bool     `json:"flashboot,omitempty"`
	IdleTimeout         *int      `json:"idleTimeout,omitempty"`
	ScalerType          *string   `json:"scalerType,omitempty"`
	ScalerValue         *int      `json:"scalerValue,omitempty"`
	WorkersMin          *int      `json:"workersMin,omitempty"`
	WorkersMax          *int      `json:"workersMax,omitempty"`
	TemplateID          *string   `json:"templateId,omitempty"`
	GPUTypeIDs          *[]string `json:"gpuTypeIds,omitempty"`
	GPUCount            *int      `json:"gpuCount,omitempty"`
	CPUFlavorIDs        *[]string `json:"cpuFlavorIds,omitempty"`
	VCPUCount           *int      `json:"vcpuCount,omitempty"`
	DataCenterIDs       *[]string `json:"dataCenterIds,omitempty"`
	NetworkVolumeID     *string   `json:"networkVolumeId,omitempty"`
	NetworkVolumeIDs    *[]string `json:"networkVolumeIds,omitempty"`
	AllowedCudaVersions *[]string `json:"allowedCudaVersions,omitempty"`
	MinCudaVersion      *string   `json:"minCudaVersion,omitempty"`

	// REST v2 only.
	FlashbootMode *string `json:"-"`
}

// endpointInPlaceFields are the EndpointUpdateInput fields RunPod applies without a release.
var endpointInPlaceFields = []string{
	"Name", "ExecutionTimeoutMs", "Flashboot", "IdleTimeout", "ScalerType", "ScalerValue", "WorkersMin", "WorkersMax",
	"FlashbootMode",
}

// TriggersRollingRelease reports whether applying u rolls out a new release of the workers:
// any field outside endpointInPlaceFields does, a field added later too.
func (u EndpointUpdateInput) TriggersRollingRelease() bool {
	v := reflect.ValueOf(u)
	for i := range v.NumField() {
		if !slices.Contains(endpointInPlaceFields, v.Type().Field(i).Name) && !v.Field(i).IsNil() {
			return true
		}
	}
	return false
}

// Template is a pod or serverless template.
type Template struct {
	ID                      string            `json:"id"`
	Name                    string            `json:"name"`
	ImageName               string            `json:"imageName"`
	Category                string            `json:"category"`
	ContainerDiskInGb       int               `json:"containerDiskInGb"`
	ContainerRegistryAuthID string            `json:"containerRegistryAuthId,omitempty"`
	DockerEntrypoint        []string          `json:"dockerEntrypoint"`
	DockerStartCmd          []string          `json:"dockerStartCmd"`
	Earned                  FlexFloat         `json:"earned,omitempty"`
	Env                     map[string]string `json:"env"`
	IsPublic                bool              `json:"isPublic"`
	IsRunpod                bool              `json:"isRunpod"`
	IsServerless            bool              `json:"isServerless"`
	Ports                   []string          `json:"ports"`
	Readme                  string            `json:"readme"`
	RuntimeInMin            int               `json:"runtimeInMin,omitempty"`
	VolumeInGb              int               `json:"volumeInGb"`
	VolumeMountPath         string            `json:"volumeMountPath"`

	// REST v2 only (nil from v1).
	StartSSH     *bool `json:"-"`
	StartJupyter *bool `json:"-"`
}

// TemplateCreateInput is what creating a template takes; Name and ImageName are required.
type TemplateCreateInput struct {
	Name                    string             `json:"name"`
	ImageName               string             `json:"imageName"`
	Category                *string            `json:"category,omitempty"`
	ContainerDiskInGb       *int               `json:"containerDiskInGb,omitempty"`
	ContainerRegistryAuthID *string            `json:"containerRegistryAuthId,omitempty"`
	DockerEntrypoint        *[]string          `json:"dockerEntrypoint,omitempty"`
	DockerStartCmd          *[]string          `json:"dockerStartCmd,omitempty"`
	Env                     *map[string]string `json:"env,omitempty"`
	IsPublic                *bool              `json:"isPublic,omitempty"`
	IsServerless            *bool              `json:"isServerless,omitempty"`
	Ports                   *[]string          `json:"ports,omitempty"`
	Readme                  *string            `json:"readme,omitempty"`
	VolumeInGb              *int               `json:"volumeInGb,omitempty"`
	VolumeMountPath         *string            `json:"volumeMountPath,omitempty"`

	// REST v2 only.
	StartSSH     *bool `json:"-"`
	StartJupyter *bool `json:"-"`
}

// TemplateUpdateInput changes a template. The TemplateUpdateInPlaceInput fields (name,
// isPublic, readme, volumeInGb, volumeMountPath) apply in place; the others make RunPod reset
// the pods and workers that use the template (see TriggersReset).
type TemplateUpdateInput struct {
	Name                    *string            `json:"name,omitempty"`
	IsPublic                *bool              `json:"isPublic,omitempty"`
	Readme                  *string            `json:"readme,omitempty"`
	VolumeInGb              *int               `json:"volumeInGb,omitempty"`
	VolumeMountPath         *string            `json:"volumeMountPath,omitempty"`
	ImageName               *string            `json:"imageName,omitempty"`
	ContainerDiskInGb       *int               `json:"containerDiskInGb,omitempty"`
	ContainerRegistryAuthID *string            `json:"containerRegistryAuthId,omitempty"`
	DockerEntrypoint        *[]string          `json:"dockerEntrypoint,omitempty"`
	DockerStartCmd          *[]string          `json:"dockerStartCmd,omitempty"`
	Env                     *map[string]string `json:"env,omitempty"`
	Ports                   *[]string          `json:"ports,omitempty"`

	// REST v2 only (where category and serverless change in place too).
	StartSSH     *bool   `json:"-"`
	StartJupyter *bool   `json:"-"`
	Category     *string `json:"-"`
	IsServerless *bool   `json:"-"`
}

// TriggersReset reports whether applying u goes beyond TemplateUpdateInPlaceInput.
func (u TemplateUpdateInput) TriggersReset() bool {
	return u.ImageName != nil || u.ContainerDiskInGb != nil || u.ContainerRegistryAuthID != nil ||
		u.DockerEntrypoint != nil || u.DockerStartCmd != nil || u.Env != nil || u.Ports != nil
}

// TemplateListOptions selects which templates ListTemplates returns besides the user's own.
type TemplateListOptions struct {
	IncludeEndpointBound bool
	IncludePublic        bool
	IncludeRunpod        bool
}

// NetworkVolume is persistent storage in one data center.
type NetworkVolume struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Size         int    `json:"size"`
	DataCenterID string `json:"dataCenterId"`
	Type         string `json:"-"` // STANDARD or HIGH_PERFORMANCE (REST v2; "" from v1)
}

// NetworkVolumeCreateInput is what creating a network volume takes.
type NetworkVolumeCreateInput struct {
	Name         string  `json:"name"`
	Size         int     `json:"size"`
	DataCenterID string  `json:"dataCenterId"`
	Type         *string `json:"-"` // REST v2 only
}

// NetworkVolumeUpdateInput renames or grows a network volume.
type NetworkVolumeUpdateInput struct {
	Name *string `json:"name,omitempty"`
	Size *int    `json:"size,omitempty"`
}

// ContainerRegistryAuth is a stored registry credential; RunPod never returns the password.
type ContainerRegistryAuth struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// ContainerRegistryAuthCreateInput is what creating a registry credential takes.
type ContainerRegistryAuthCreateInput struct {
	Name     string `json:"name"`
	Username string `json:"username"`
	Password string `json:"password"`
}

// GPUType is one GPU model of RunPod's catalog with its offers in each cloud.
type GPUType struct {
	ID           string
	DisplayName  string
	Manufacturer string
	MemoryInGb   int
	MaxGPUCount  int
	Secure       GPUOffer
	Community    GPUOffer
	// REST v2 only.
	Pool            string   // serverless pool id, such as "ADA_24"; "" when in none
	ServerlessPrice *float64 // USD per GPU per hour for serverless workers
	CudaVersions    []string // CUDA versions machines with this type offer
}

// GPUOffer is what one cloud (secure or community) offers of a GPU type for the GPU count
// asked for. Prices are USD per hour as RunPod quotes them; nil when RunPod quotes none.
type GPUOffer struct {
	Available     bool
	OnDemandPrice *float64
	SpotPrice     *float64
	StockStatus   string // "High", "Medium", "Low", or "" when RunPod reports none
	MaxGPUCount   int    // largest GPU count of one pod in this cloud (REST v2; 0 when not reported)
	// DataCenters lists the data centers offering the type in this cloud, with their stock
	// (REST v2; nil from v1).
	DataCenters []Availability
}

// Availability is the stock of something (a GPU type, a data center) as RunPod's catalog
// reports it: StockStatus is "High", "Medium", "Low" or "None".
type Availability struct {
	ID          string
	Name        string
	StockStatus string
}

// GPUTypeQuery selects GPU types and the GPU count prices are quoted for.
type GPUTypeQuery struct {
	ID       string // one type by id; empty for all
	GPUCount int    // prices are quoted for this many GPUs; 0 means 1
	// Cloud limits the offers read to one cloud, "SECURE" or "COMMUNITY" ("" reads both; REST
	// v2 needs one call per cloud, so a single cloud saves one).
	Cloud string
	// CountryCodes limits stock and data centers to these countries (REST v2 only).
	CountryCodes []string
}

// DataCenter is one of RunPod's data centers (REST v2's catalog; REST v1 knows only ids).
type DataCenter struct {
	ID                 string
	Name               string
	Region             string   // NORTH_AMERICA, EUROPE, ... ("" when not reported)
	Country            string   // ISO 3166-1 alpha-2, from the id when RunPod does not say
	Compliance         []string // GDPR, SOC_2_TYPE_2, ...
	GlobalNetwork      bool
	NetworkVolumeTypes []string       // STANDARD, HIGH_PERFORMANCE
	GPUAvailability    []Availability // stock of each GPU type it offers
}

// CPUFlavor is a CPU flavor of RunPod's catalog.
type CPUFlavor struct {
	ID           string
	Name         string
	MinVCPU      int
	MaxVCPU      int
	RAMGbPerVCPU float64
}

// Cluster is an Instant Cluster: PodCount identical pods of GPUCountPerPod GPUs of one type
// (REST v2 only). What RunPod reports once it has placed the members (data center, network,
// primary) is zero until then.
type Cluster struct {
	ID, Name string
	Type     string // TRAINING, SLURM, RAY, APPLICATION
	// The compute shape.
	GPUTypeID      string
	GPUCountPerPod int
	PodCount       int
	TemplateID     string
	DataCenterID   string
	// The members' private overlay network.
	NetworkCIDR string
	VxlanID     int
	VxlanPort   int
	// The primary (rank 0) member; its SSH endpoint is "host:port" once it runs with 22/tcp.
	PrimaryPodID       string
	PrimaryStatus      string
	PrimarySSHEndpoint string
	// PodTotal counts the members, PodsByStatus by observed pod status.
	PodTotal     int
	PodsByStatus map[string]int
	CreatedAt    string
}

// Cluster types (REST v2's ClusterType).
const (
	ClusterTraining    = "TRAINING"
	ClusterSlurm       = "SLURM"
	ClusterRay         = "RAY"
	ClusterApplication = "APPLICATION"
)

// ClusterTypes lists the cluster types.
var ClusterTypes = []string{ClusterTraining, ClusterSlurm, ClusterRay, ClusterApplication}

// ClusterCreateInput creates a cluster. The container settings are a pod's and apply to every
// member; a nil pointer or slice leaves the setting to RunPod.
type ClusterCreateInput struct {
	Name, Type     string
	GPUTypeID      string
	GPUCountPerPod int
	PodCount       int
	DataCenterIDs  []string

	ImageName         string
	DockerStartCmd    []string
	ContainerDiskInGb *int
	Env               map[string]string
	Ports             []string
	// One of a pod volume (VolumeInGb > 0) or a network volume, mounted at VolumeMountPath.
	VolumeInGb      int
	NetworkVolumeID string
	VolumeMountPath string
	StartSSH        *bool
	StartJupyter    *bool
}

// ClusterMember is one pod of a cluster with its place there: rank (nil until assigned),
// role (SLURM and RAY only) and overlay address ("" until assigned).
type ClusterMember struct {
	Pod  Pod
	Rank *int
	Role string
	IP   string
}
