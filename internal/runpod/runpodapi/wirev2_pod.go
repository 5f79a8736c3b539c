package runpodapi

import (
	"errors"
	"slices"
	"strconv"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodwire"
)

// v2CreatePod is CreatePodRequest. The placement (gpu.id, cpu.id, dataCenterIds) is filled
// per candidate by the create loop.
type v2CreatePod = runpodwire.PodCreate

// v2CreatePodGPU is CreateGpuConfig.
type v2CreatePodGPU = runpodwire.PodCreateGPU

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
	b := v2CreatePod{Name: deref(in.Name), TemplateID: setString(in.TemplateID), Cloud: setString(in.CloudType)}
	b.Image = setString(in.ImageName)
	if b.Name == "" {
		b.Name = v1DefaultPodName
	}
	fromTemplate := b.TemplateID != nil
	cpu := isCPUPod(in)
	if in.DockerStartCmd != nil && (len(*in.DockerStartCmd) > 0 || fromTemplate) {
		b.Args = Ptr(joinArgs(*in.DockerStartCmd))
	}
	b.Disk = in.ContainerDiskInGb
	if b.Disk == nil && !fromTemplate {
		b.Disk = Ptr(v1DefaultContainerDiskInGb)
	}
	if in.Env != nil && len(*in.Env) > 0 {
		b.Env = in.Env
	}
	b.Ports = in.Ports
	if b.Ports == nil && !fromTemplate {
		b.Ports = Ptr(slices.Clone(v1DefaultPorts))
	}
	if id := deref(in.ContainerRegistryAuthID); id != "" {
		b.Registry = v2String(id)
	}
	if in.GlobalNetworking != nil && *in.GlobalNetworking {
		b.GlobalNetworking = in.GlobalNetworking
	}
	sameToV2(&b, in)
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
		b.GPU = &v2CreatePodGPU{Count: Ptr(v1DefaultGPUCount), MinCudaVersion: setString(in.MinCudaVersion)}
		if in.GPUCount != nil {
			b.GPU.Count = Ptr(*in.GPUCount)
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
type v2UpdatePod = runpodwire.PodUpdate

// podUpdateBody maps an update to UpdatePodRequest; mounts come from updateMounts.
func podUpdateBody(in PodUpdateInput, mounts *v2Mounts) (v2UpdatePod, error) {
	if in.DockerEntrypoint != nil && len(*in.DockerEntrypoint) > 0 {
		return v2UpdatePod{}, &UnsupportedError{Fields: []string{"dockerEntrypoint"}}
	}
	b := v2UpdatePod{
		Container: runpodwire.Container{BaseContainer: runpodwire.BaseContainer{Image: in.ImageName, Disk: in.ContainerDiskInGb}, Registry: registryField(in.ContainerRegistryAuthID)},
		Mounts:    mounts,
	}
	sameToV2(&b, in)
	if in.DockerStartCmd != nil {
		b.Args = Ptr(joinArgs(*in.DockerStartCmd))
	}
	return b, nil
}

// v2Pod is Pod.
type v2Pod = runpodwire.Pod

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

// podDomain maps a v2 pod. What v2 never reports (machine id, adjusted cost, interruptible,
// volume encryption, entrypoint) stays zero; Source tells the caller so.
func podDomain(p v2Pod) Pod {
	out := Pod{
		ImageName: p.Image, Source: BackendV2, DesiredStatus: desiredStatusOf(p.Status), CostPerHr: FlexFloat(p.Cost),
		ContainerDiskInGb: p.Disk, ContainerRegistryAuthID: deref(p.Registry), TemplateID: deref(p.Template),
		CudaVersion: deref(p.CudaVersion), LastStartedAt: deref(p.StartedAt), PortMappings: map[string]int{},
	}
	sameFromV2(&out, p)
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
type v2ListPods = runpodwire.PodList

// v2PodAction is PodActionRequest.
type v2PodAction = runpodwire.PodAction

// Pod actions.
const (
	podActionStart   = "start"
	podActionStop    = "stop"
	podActionRestart = "restart"
)
