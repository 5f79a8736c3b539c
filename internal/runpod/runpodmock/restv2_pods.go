package runpodmock

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodwire"
)

func (s *Server) createPodV2(r *http.Request) (*podRecord, *apiError) {
	var in runpodwire.PodCreate
	if _, err := decodeV2(r, &in); err != nil {
		return nil, err
	}
	if (in.GPU == nil) == (in.CPU == nil) {
		return nil, badRequest("exactly one of gpu or cpu is required: gpu for a GPU pod, cpu for a CPU pod")
	}
	// Assumed defaults (the spec documents none): disk 50 GB as in v1; no ports, no env.
	c := containerConfig{DiskInGb: 50, Ports: []string{}, Env: map[string]string{}, Args: []string{}}
	startSSH, startJupyter := false, false
	var tplCuda []string
	var tplMount *v2PersistentMount
	if in.TemplateID != nil { // resolved once; the pod keeps no link to it
		t, err := s.resolveTemplateV2(*in.TemplateID, false)
		if err != nil {
			return nil, err
		}
		c = templateContainer(t)
		c.Env = orEmptyMap(c.Env)
		startSSH, startJupyter, tplCuda = t.StartSSH, t.StartJupyter, t.AllowedCudaVersions
		if t.VolumeInGb > 0 {
			tplMount = &v2PersistentMount{Size: t.VolumeInGb, Path: t.VolumeMountPath}
		}
	}
	applyContainerV2(&c, in.Container, true)
	set(&startSSH, in.StartSSH)
	set(&startJupyter, in.StartJupyter)
	if err := checkContainerV2(c); err != nil {
		return nil, err
	}
	if err := checkDataCentersV2(in.DataCenterIDs); err != nil {
		return nil, err
	}
	spec := podSpec{
		Name: in.Name, Image: c.Image, Cloud: deref(in.Cloud, cloudSecure), DataCenterIDs: in.DataCenterIDs,
		ContainerDiskInGb: c.DiskInGb, Ports: c.Ports, Env: c.Env, DockerStartCmd: c.Args, DockerEntrypoint: []string{},
		ContainerRegistryAuthID: c.RegistryAuthID, GlobalNetworking: deref(in.GlobalNetworking, false),
		StartSSH: startSSH, StartJupyter: startJupyter, ExactPlacement: true,
	}
	if in.Mounts != nil {
		if in.Mounts.Persistent != nil && len(in.Mounts.Network) > 0 {
			return nil, badRequest("mounts: persistent and network are mutually exclusive: set one of them")
		}
		if in.Mounts.Persistent != nil {
			if in.CPU != nil {
				return nil, badRequest("mounts.persistent is not allowed on CPU pods: use a network volume (mounts.network)")
			}
			spec.VolumeInGb, spec.VolumeMountPath = in.Mounts.Persistent.Size, in.Mounts.Persistent.Path
		}
		if len(in.Mounts.Network) == 1 {
			nm := in.Mounts.Network[0]
			if _, ok := s.store.volumes[nm.VolumeID]; !ok {
				return nil, &apiError{status: http.StatusNotFound, msg: fmt.Sprintf("network volume %s not found", nm.VolumeID)}
			}
			spec.NetworkVolumeID, spec.VolumeMountPath = nm.VolumeID, nm.Path
		}
	} else if tplMount != nil && in.GPU != nil { // CPU pods do not inherit a template's persistent mount
		spec.VolumeInGb, spec.VolumeMountPath = tplMount.Size, tplMount.Path
	}
	if in.GPU != nil {
		allowed, minCuda := in.GPU.AllowedCudaVersions, deref(in.GPU.MinCudaVersion, "")
		if in.GPU.AllowedCudaVersions == nil && in.GPU.MinCudaVersion == nil {
			allowed = tplCuda // the template's constraint, unless the body sends a CUDA field
		}
		if err := cudaExclusive(allowed, minCuda); err != nil {
			return nil, err
		}
		// gpu.count omitted is 1, the spec's default. (RunPod's MCP server observed live that an
		// omitted count matches no machine and fails with the capacity 400; the mock follows
		// the spec: unverified.)
		spec.ComputeType, spec.GPUTypeIDs, spec.GPUCount = "GPU", []string{in.GPU.ID}, deref(in.GPU.Count, 1)
		spec.AllowedCudaVersions, spec.MinCudaVersion = allowed, minCuda
	} else {
		if err := checkCPUV2(*in.CPU, false); err != nil {
			return nil, err
		}
		spec.ComputeType, spec.CPUFlavorIDs, spec.VCPUCount = "CPU", []string{in.CPU.ID}, in.CPU.VCPUCount
	}
	return s.store.createPod(spec)
}

func (s *Server) updatePodV2(id string, r *http.Request) (*podRecord, *apiError) {
	var in runpodwire.PodUpdate
	raw, err := decodeV2(r, &in)
	if err != nil {
		return nil, err
	}
	p, err := s.store.pod(id)
	if err != nil {
		return nil, err
	}
	u := podUpdate{Name: in.Name, Locked: in.Locked, GlobalNetworking: in.GlobalNetworking, GlobalNetworkingAtNextStart: true}
	// Container settings: the template's (if templateId), then the body's; env merges template
	// and body per key and replaces the pod's env.
	var c containerConfig
	fromTemplate := in.TemplateID != nil
	if fromTemplate {
		t, err := s.resolveTemplateV2(*in.TemplateID, false)
		if err != nil {
			return nil, err
		}
		c = templateContainer(t)
		c.Env = orEmptyMap(c.Env)
	}
	applyContainerV2(&c, in.Container, fromTemplate)
	if in.Image != nil || fromTemplate {
		u.Image = &c.Image
	}
	if in.Args != nil || fromTemplate {
		u.DockerStartCmd = ptr(orEmpty(c.Args))
	}
	if in.Disk != nil || fromTemplate {
		u.ContainerDiskInGb = &c.DiskInGb
	}
	if in.Ports != nil || fromTemplate {
		u.Ports = ptr(orEmpty(c.Ports))
		if err := checkContainerV2(c); err != nil {
			return nil, err
		}
	}
	if in.Env != nil || fromTemplate {
		u.Env = ptr(orEmptyMap(c.Env))
	}
	if in.Registry != nil || fromTemplate {
		u.ContainerRegistryAuthID = &c.RegistryAuthID
	}
	if err := s.podMountsUpdateV2(p, raw.object("mounts"), in.Mounts, &u); err != nil {
		return nil, err
	}
	if deref(in.GlobalNetworking, false) {
		g, _ := s.store.gpuType(p.GPUTypeID)
		dc, _ := dataCenter(p.DataCenterID)
		if p.GPUTypeID == "" || !strings.EqualFold(g.Manufacturer, "NVIDIA") || !dc.GlobalNetwork {
			return nil, badRequest("globalNetworking requires an NVIDIA GPU pod in a data center with global networking: pod %s is in %s", id, p.DataCenterID)
		}
	}
	return s.store.updatePod(id, u)
}

// podMountsUpdateV2 applies the Mounts PATCH rules: {} leaves the mount; network: [] is
// refused; the kind is fixed at create; a network volumeId is immutable; paths may change; a
// persistent size may grow, not shrink (assumed: the spec is silent on sizes).
func (s *Server) podMountsUpdateV2(p *podRecord, raw body, in *v2Mounts, u *podUpdate) *apiError {
	if in == nil || len(raw) == 0 {
		return nil
	}
	if in.Persistent != nil && in.Network != nil {
		return badRequest("mounts: persistent and network are mutually exclusive")
	}
	if in.Network != nil {
		if len(in.Network) == 0 {
			return badRequest("mounts.network: [] is not allowed: clearing mounts is not supported")
		}
		if p.NetworkVolumeID == "" {
			return badRequest("mounts.network: pod %s was created without a network volume: the mount kind is fixed at create", p.ID)
		}
		nm := in.Network[0]
		if nm.VolumeID != p.NetworkVolumeID {
			return badRequest("mounts.network[0].volumeId: the network volume of pod %s is %s and cannot change", p.ID, p.NetworkVolumeID)
		}
		if nm.Path != p.VolumeMountPath {
			u.VolumeMountPath = &nm.Path
		}
	}
	if in.Persistent != nil {
		if p.NetworkVolumeID != "" || p.VolumeInGb == 0 {
			return badRequest("mounts.persistent: pod %s was created without a persistent mount: the mount kind is fixed at create", p.ID)
		}
		if in.Persistent.Size < p.VolumeInGb {
			return badRequest("mounts.persistent.size: %d GB is smaller than the pod's %d GB: a persistent mount cannot shrink", in.Persistent.Size, p.VolumeInGb)
		}
		if in.Persistent.Size != p.VolumeInGb {
			u.VolumeInGb = &in.Persistent.Size
		}
		if in.Persistent.Path != p.VolumeMountPath {
			u.VolumeMountPath = &in.Persistent.Path
		}
	}
	return nil
}

// podV2 renders a pod as REST v2's Pod.
func (s *Server) podV2(p *podRecord) runpodwire.Pod {
	now := s.opts.Now()
	status := p.status(now)
	out := runpodwire.Pod{
		ID: p.ID, Name: p.Name, Status: status, Actions: podActions(status),
		ContainerConfig: s.containerV2(p.Image, p.DockerStartCmd, p.ContainerDiskInGb, p.Ports, p.Env, p.ContainerRegistryAuthID),
		Mounts:          podMountsV2(p), Cloud: p.Cloud, Cost: p.CostPerHr, Locked: p.Locked, CreatedAt: rfc3339(p.CreatedAt),
		GlobalNetworking: &runpodwire.PodGlobalNetworking{},
		SSH:              &runpodwire.PodSSH{},
		Cluster:          podClusterV2(p),
	}
	if p.DataCenterID != "" {
		out.DataCenterID = ptr(p.DataCenterID)
	}
	if p.TemplateID != "" { // only v1-created pods keep a link; v2 resolves templates once
		out.Template = ptr(p.TemplateID)
	}
	if !p.LastStartedAt.IsZero() {
		out.StartedAt = ptr(rfc3339(p.LastStartedAt))
	}
	if status == podExited {
		out.Cost = 0
	}
	if p.GPUTypeID != "" {
		out.GPU = &runpodwire.PodGPU{ID: p.GPUTypeID, Count: p.GPUCount}
		if p.CudaVersion != "" {
			out.CudaVersion = ptr(p.CudaVersion)
		}
	} else {
		out.CPU = &runpodwire.CPUConfig{ID: p.CPUFlavorID, VCPUCount: int(p.VCPUCount), Memory: max(1, int(p.MemoryInGb))}
	}
	if p.GlobalNetworkingActive {
		out.GlobalNetworking = &runpodwire.PodGlobalNetworking{Enabled: true, IP: p.globalNetworkIP(), InternalDNS: p.ID + ".runpod.internal"}
	}
	proxyUser := p.sshProxyUser()
	if p.MachineID != "" {
		out.SSH.Proxy = &runpodwire.PodSSHEndpoint{Host: "ssh.runpod.io", Port: 22, Username: proxyUser, Command: "ssh " + proxyUser + "@ssh.runpod.io"}
	}
	if status != podRunning {
		return out
	}
	rt := &runpodwire.PodRuntime{
		Uptime: int(now.Sub(p.BootAt).Seconds()), GPUs: []runpodwire.PodGPUUtilization{}, Memory: runpodwire.Utilization{Util: 1},
		Ports: []runpodwire.PodRuntimePort{},
	}
	for _, spec := range p.Ports {
		num, proto, _ := strings.Cut(spec, "/")
		private, err := strconv.Atoi(num)
		if err != nil {
			continue
		}
		port := runpodwire.PodRuntimePort{Private: private, Type: proto}
		if public, ok := p.PublicPorts[private]; ok {
			ip := sharedHostIP
			if p.PublicIP != "" {
				ip = p.PublicIP
			}
			port.Public, port.IP = ptr(public), ptr(ip)
			if private == 22 && proto == "tcp" {
				out.SSH.Direct = &runpodwire.PodSSHEndpoint{Host: ip, Port: public, Username: "root", Command: fmt.Sprintf("ssh root@%s -p %d", ip, public)}
			}
		}
		rt.Ports = append(rt.Ports, port)
	}
	for range p.GPUCount {
		rt.GPUs = append(rt.GPUs, runpodwire.PodGPUUtilization{})
	}
	out.Runtime = rt
	return out
}

// podMountsV2 renders the pod's storage: its network volume, or its pod volume, or none.
func podMountsV2(p *podRecord) *runpodwire.Mounts {
	switch {
	case p.NetworkVolumeID != "":
		return &runpodwire.Mounts{Network: []runpodwire.NetworkMount{{VolumeID: p.NetworkVolumeID, Path: p.VolumeMountPath}}}
	case p.VolumeInGb > 0:
		return &runpodwire.Mounts{Persistent: &runpodwire.PersistentMount{Size: p.VolumeInGb, Path: p.VolumeMountPath}}
	}
	return &runpodwire.Mounts{}
}
