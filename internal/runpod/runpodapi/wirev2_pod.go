package runpodapi

import (
	"errors"
	"slices"
	"strconv"
)

// v2CreatePod is CreatePodRequest. The placement (gpu.id, cpu.id, dataCenterIds) is filled
// per candidate by the create loop.
type v2CreatePod struct {
	Name             string            `json:"name"`
	Image            string            `json:"image,omitempty"`
	TemplateID       string            `json:"templateId,omitempty"`
	Args             *string           `json:"args,omitempty"`
	Disk             *int              `json:"disk,omitempty"`
	Env              map[string]string `json:"env,omitempty"`
	Ports            *[]string         `json:"ports,omitempty"`
	Registry         string            `json:"registry,omitempty"`
	Cloud            string            `json:"cloud,omitempty"`
	DataCenterIDs    []string          `json:"dataCenterIds,omitempty"`
	GPU              *v2CreatePodGPU   `json:"gpu,omitempty"`
	CPU              *v2CPUConfig      `json:"cpu,omitempty"`
	Mounts           *v2Mounts         `json:"mounts,omitempty"`
	GlobalNetworking *bool             `json:"globalNetworking,omitempty"`
	StartSSH         *bool             `json:"startSsh,omitempty"`
	StartJupyter     *bool             `json:"startJupyter,omitempty"`
}

// v2CreatePodGPU is CreateGpuConfig.
type v2CreatePodGPU struct {
	ID                  string   `json:"id"`
	Count               int      `json:"count"`
	AllowedCudaVersions []string `json:"allowedCudaVersions,omitempty"`
	MinCudaVersion      string   `json:"minCudaVersion,omitempty"`
}

func isCPUPod(in PodCreateInput) bool { return in.ComputeType != nil && *in.ComputeType == computeCPU }

// podUnsupported lists the create settings REST v2 has no field for (by their domain names).
// Values that ask for nothing (false, 0, an empty list) are what v2 does anyway.
func podUnsupported(in PodCreateInput) []string {
	var out []string
	add := func(field string, set bool) {
		if set {
			out = append(out, field)
		}
	}
	add("dockerEntrypoint", in.DockerEntrypoint != nil && len(*in.DockerEntrypoint) > 0)
	add("supportPublicIp", in.SupportPublicIP != nil && *in.SupportPublicIP)
	add("minDownloadMbps", in.MinDownloadMbps != nil && *in.MinDownloadMbps != 0)
	add("minUploadMbps", in.MinUploadMbps != nil && *in.MinUploadMbps != 0)
	add("minDiskBandwidthMBps", in.MinDiskBandwidthMBps != nil && *in.MinDiskBandwidthMBps != 0)
	// The pinned spec has no minRamPerGpu/minVcpuCountPerGpu (a newer contract adds them
	// under gpu; until then v2 answers 422).
	add("minRAMPerGPU", in.MinRAMPerGPU != nil && *in.MinRAMPerGPU != 0)
	add("minVCPUPerGPU", in.MinVCPUPerGPU != nil && *in.MinVCPUPerGPU != 0)
	return out
}

// unsupportedHints say what to do instead of a setting REST v2 lacks, where there is
// something.
var unsupportedHints = map[string]string{}

func hintsFor(fields []string) []string {
	var out []string
	for _, f := range fields {
		if h, ok := unsupportedHints[f]; ok {
			out = append(out, h)
		}
	}
	return out
}

// podCreateBody maps a create to CreatePodRequest, without the placement.
func podCreateBody(in PodCreateInput) (v2CreatePod, error) {
	b := v2CreatePod{Name: deref(in.Name), Image: deref(in.ImageName), TemplateID: deref(in.TemplateID), Cloud: deref(in.CloudType)}
	if b.Name == "" {
		b.Name = v1DefaultPodName
	}
	fromTemplate := b.TemplateID != ""
	cpu := isCPUPod(in)
	if in.DockerStartCmd != nil && (len(*in.DockerStartCmd) > 0 || fromTemplate) {
		b.Args = Ptr(joinArgs(*in.DockerStartCmd))
	}
	b.Disk = in.ContainerDiskInGb
	if b.Disk == nil && !fromTemplate {
		b.Disk = Ptr(v1DefaultContainerDiskInGb)
	}
	if in.Env != nil {
		b.Env = *in.Env
	}
	b.Ports = in.Ports
	if b.Ports == nil && !fromTemplate {
		b.Ports = Ptr(slices.Clone(v1DefaultPorts))
	}
	b.Registry = deref(in.ContainerRegistryAuthID)
	if in.GlobalNetworking != nil && *in.GlobalNetworking {
		b.GlobalNetworking = in.GlobalNetworking
	}
	b.StartSSH, b.StartJupyter = in.StartSSH, in.StartJupyter
	if cpu {
		b.CPU = &v2CPUConfig{VCPUCount: v1DefaultVCPUCount}
		if in.VCPUCount != nil {
			b.CPU.VCPUCount = *in.VCPUCount
		}
		if in.AllowedCudaVersions != nil && len(*in.AllowedCudaVersions) > 0 || deref(in.MinCudaVersion) != "" {
			return b, errors.New("CUDA versions apply to GPU pods only: REST v2 has no such setting for a CPU pod")
		}
	} else {
		// gpu.count is always sent: RunPod's MCP server records that omitting it makes every
		// create fail with a misleading "no instances available".
		b.GPU = &v2CreatePodGPU{Count: v1DefaultGPUCount, MinCudaVersion: deref(in.MinCudaVersion)}
		if in.GPUCount != nil {
			b.GPU.Count = *in.GPUCount
		}
		if in.AllowedCudaVersions != nil {
			b.GPU.AllowedCudaVersions = *in.AllowedCudaVersions
		}
	}
	mounts, err := podCreateMounts(in, fromTemplate, cpu)
	b.Mounts = mounts
	return b, err
}

// podCreateMounts maps the volume settings: a network volume is mounted at volumeMountPath
// (or /workspace); otherwise volumeInGb > 0 is a pod volume, 0 none, and unset v1's default
// (GPU pods without a template only: v2 has no pod volume on CPU pods, and a template brings
// its own).
func podCreateMounts(in PodCreateInput, fromTemplate, cpu bool) (*v2Mounts, error) {
	path := deref(in.VolumeMountPath)
	mountPath := path
	if mountPath == "" {
		mountPath = v1DefaultVolumeMountPath
	}
	if id := deref(in.NetworkVolumeID); id != "" {
		if in.VolumeInGb != nil && *in.VolumeInGb > 0 {
			return nil, errors.New("volumeInGb with networkVolumeId: a REST v2 pod mounts a network volume or a pod volume, not both")
		}
		return &v2Mounts{Network: []v2NetworkMount{{VolumeID: id, Path: mountPath}}}, nil
	}
	size := 0
	switch {
	case in.VolumeInGb != nil:
		size = *in.VolumeInGb
	case !fromTemplate && !cpu:
		size = v1DefaultVolumeInGb
	}
	if size > 0 {
		return &v2Mounts{Persistent: &v2PersistentMount{Size: size, Path: mountPath}}, nil
	}
	if path != "" {
		if fromTemplate && in.VolumeInGb == nil {
			return nil, errors.New("volumeMountPath without volumeInGb on a pod created from a template: REST v2 takes a " +
				"pod volume whole (size and path); set volumeInGb too")
		}
		return nil, errors.New("volumeMountPath without a volume (volumeInGb is 0 and no networkVolumeId): REST v2 has nothing to mount there")
	}
	return nil, nil
}

// v2UpdatePod is UpdatePodRequest.
type v2UpdatePod struct {
	Name             *string            `json:"name,omitempty"`
	Locked           *bool              `json:"locked,omitempty"`
	Image            *string            `json:"image,omitempty"`
	Args             *string            `json:"args,omitempty"`
	Disk             *int               `json:"disk,omitempty"`
	Ports            *[]string          `json:"ports,omitempty"`
	Env              *map[string]string `json:"env,omitempty"`
	Registry         v2Nullable         `json:"registry,omitempty"`
	GlobalNetworking *bool              `json:"globalNetworking,omitempty"`
	Mounts           *v2Mounts          `json:"mounts,omitempty"`
}

// podUpdateBody maps an update to UpdatePodRequest; mounts come from updateMounts.
func podUpdateBody(in PodUpdateInput, mounts *v2Mounts) (v2UpdatePod, error) {
	if in.DockerEntrypoint != nil && len(*in.DockerEntrypoint) > 0 {
		return v2UpdatePod{}, &UnsupportedError{Fields: []string{"dockerEntrypoint"}}
	}
	b := v2UpdatePod{
		Name: in.Name, Locked: in.Locked, Image: in.ImageName, Disk: in.ContainerDiskInGb, Ports: in.Ports, Env: in.Env,
		Registry: registryField(in.ContainerRegistryAuthID), GlobalNetworking: in.GlobalNetworking, Mounts: mounts,
	}
	if in.DockerStartCmd != nil {
		b.Args = Ptr(joinArgs(*in.DockerStartCmd))
	}
	return b, nil
}

// v2Pod is Pod.
type v2Pod struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Status  string   `json:"status"`
	Actions []string `json:"actions"`
	v2ContainerConfig
	Mounts           *v2Mounts    `json:"mounts"`
	GPU              *v2PodGPU    `json:"gpu"`
	CPU              *v2CPUConfig `json:"cpu"`
	Cloud            string       `json:"cloud"`
	DataCenterID     *string      `json:"dataCenterId"`
	CudaVersion      *string      `json:"cudaVersion"`
	SSH              *v2PodSSH    `json:"ssh"`
	Template         *string      `json:"template"`
	Cost             float64      `json:"cost"`
	Locked           bool         `json:"locked"`
	GlobalNetworking *struct {
		Enabled bool `json:"enabled"`
	} `json:"globalNetworking"`
	Runtime   *v2PodRuntime `json:"runtime"`
	CreatedAt string        `json:"createdAt"`
	StartedAt *string       `json:"startedAt"`
}

// v2PodGPU is the pod's GpuConfig; memory and vcpuCount come from a contract newer than the
// pinned one (read when present).
type v2PodGPU struct {
	ID        string `json:"id"`
	Count     int    `json:"count"`
	Memory    int    `json:"memory"`
	VCPUCount int    `json:"vcpuCount"`
}

type v2PodSSH struct {
	Proxy  *v2SSHEndpoint `json:"proxy"`
	Direct *v2SSHEndpoint `json:"direct"`
}

type v2SSHEndpoint struct {
	Host    string `json:"host"`
	Port    int    `json:"port"`
	Command string `json:"command"`
}

type v2PodRuntime struct {
	Uptime int `json:"uptime"`
	GPUs   []struct {
		Util       int `json:"util"`
		MemoryUtil int `json:"memoryUtil"`
	} `json:"gpus"`
	Ports []struct {
		Private int     `json:"private"`
		Public  *int    `json:"public"`
		Type    string  `json:"type"`
		IP      *string `json:"ip"`
	} `json:"ports"`
}

// desiredStatusOf maps v2's observed status to v1's desired status.
func desiredStatusOf(status string) string {
	switch status {
	case PodObservedProvisioning, PodObservedStarting, PodObservedRunning:
		return PodStatusRunning
	case PodObservedExited, PodObservedError:
		return PodStatusExited
	case PodObservedTerminated:
		return PodStatusTerminated
	}
	return status
}

// domain maps a v2 pod. What v2 never reports (machine id, adjusted cost, interruptible,
// volume encryption, entrypoint) stays zero; Source tells the caller so.
func (p v2Pod) domain() Pod {
	out := Pod{
		ID: p.ID, Name: p.Name, ImageName: p.Image, Source: BackendV2, Status: p.Status, Actions: p.Actions,
		DesiredStatus: desiredStatusOf(p.Status), CostPerHr: FlexFloat(p.Cost), ContainerDiskInGb: p.Disk,
		Env: p.Env, Ports: p.Ports, Locked: p.Locked, CreatedAt: p.CreatedAt,
		ContainerRegistryAuthID: deref(p.Registry), TemplateID: deref(p.Template), CudaVersion: deref(p.CudaVersion),
		LastStartedAt: deref(p.StartedAt), PortMappings: map[string]int{},
	}
	if p.Args != nil {
		out.DockerStartCmd = splitArgs(*p.Args)
	}
	out.Machine = &Machine{DataCenterID: deref(p.DataCenterID), SecureCloud: p.Cloud == cloudSecure}
	if p.GPU != nil {
		out.GPU = &PodGPU{ID: p.GPU.ID, Count: p.GPU.Count}
		out.Machine.GPUTypeID = p.GPU.ID
		out.MemoryInGb, out.VCPUCount = float64(p.GPU.Memory), float64(p.GPU.VCPUCount)
	}
	if p.CPU != nil {
		out.CPUFlavorID = p.CPU.ID
		out.VCPUCount, out.MemoryInGb = float64(p.CPU.VCPUCount), float64(p.CPU.Memory)
	}
	if p.Mounts != nil {
		switch {
		case p.Mounts.Persistent != nil:
			out.VolumeInGb, out.VolumeMountPath = p.Mounts.Persistent.Size, p.Mounts.Persistent.Path
		case len(p.Mounts.Network) > 0:
			out.VolumeMountPath = p.Mounts.Network[0].Path
			out.NetworkVolume = &NetworkVolume{ID: p.Mounts.Network[0].VolumeID}
		}
	}
	if p.SSH != nil {
		if p.SSH.Direct != nil {
			out.SSHDirectCommand = p.SSH.Direct.Command
		}
		if p.SSH.Proxy != nil {
			out.SSHProxyCommand = p.SSH.Proxy.Command
		}
	}
	if p.GlobalNetworking != nil {
		out.GlobalNetworking = Ptr(p.GlobalNetworking.Enabled)
	}
	if rt := p.Runtime; rt != nil {
		out.Runtime = &PodRuntime{UptimeInSeconds: rt.Uptime}
		for _, port := range rt.Ports {
			ip := deref(port.IP)
			public := 0
			if port.Public != nil {
				public = *port.Public
			}
			out.Runtime.Ports = append(out.Runtime.Ports, PodRuntimePort{
				IP: ip, IsIPPublic: ip != "", PrivatePort: port.Private, PublicPort: public, Type: port.Type,
			})
			if port.Type == "tcp" && public != 0 {
				out.PortMappings[strconv.Itoa(port.Private)] = public
				if out.PublicIP == "" {
					out.PublicIP = ip
				}
			}
		}
		for _, g := range rt.GPUs {
			out.Runtime.GPUs = append(out.Runtime.GPUs, PodRuntimeGPU{GPUUtilPercent: g.Util, MemoryUtilPercent: g.MemoryUtil})
		}
	}
	if out.PublicIP == "" && p.SSH != nil && p.SSH.Direct != nil {
		out.PublicIP = p.SSH.Direct.Host
	}
	return out
}

// v2ListPods is ListPodsResponse.
type v2ListPods struct {
	Pods []v2Pod `json:"pods"`
}

// v2PodAction is PodActionRequest.
type v2PodAction struct {
	Action string `json:"action"`
}

// Pod actions.
const (
	podActionStart   = "start"
	podActionStop    = "stop"
	podActionRestart = "restart"
)
