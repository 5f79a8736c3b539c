package runpodapi

import (
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodwire"
)

// clusterCreateBody maps a create to CreateClusterRequest.
func clusterCreateBody(in ClusterCreateInput) runpodwire.ClusterCreate {
	b := runpodwire.ClusterCreate{
		BaseContainer: runpodwire.BaseContainer{Image: setString(Ptr(in.ImageName)), Disk: in.ContainerDiskInGb},
		Name:          in.Name, Type: in.Type, DataCenterIDs: in.DataCenterIDs,
		Compute:      runpodwire.ClusterCompute{GPUTypeID: in.GPUTypeID, GPUCountPerPod: in.GPUCountPerPod, PodCount: in.PodCount},
		StartSSH:     in.StartSSH,
		StartJupyter: in.StartJupyter,
	}
	if in.DockerStartCmd != nil {
		b.Args = Ptr(joinArgs(in.DockerStartCmd))
	}
	if in.Env != nil {
		b.Env = &in.Env
	}
	if in.Ports != nil {
		b.Ports = &in.Ports
	}
	switch {
	case in.NetworkVolumeID != "":
		b.Mounts = &runpodwire.Mounts{Network: []runpodwire.NetworkMount{{VolumeID: in.NetworkVolumeID, Path: in.VolumeMountPath}}}
	case in.VolumeInGb > 0:
		b.Mounts = &runpodwire.Mounts{Persistent: &runpodwire.PersistentMount{Size: in.VolumeInGb, Path: in.VolumeMountPath}}
	}
	return b
}

// clusterDomain maps a v2 Cluster.
func clusterDomain(c runpodwire.Cluster) Cluster {
	out := Cluster{
		ID: c.ID, Name: c.Name, Type: c.Type, GPUTypeID: c.Compute.GPUTypeID, GPUCountPerPod: c.Compute.GPUCountPerPod,
		PodCount: c.Compute.PodCount, TemplateID: c.Template, DataCenterID: c.DataCenterID,
		PodTotal: c.Pods.Total, PodsByStatus: c.Pods.ByStatus, CreatedAt: c.CreatedAt,
	}
	if n := c.Network; n != nil {
		out.NetworkCIDR, out.VxlanID, out.VxlanPort = n.CIDR, deref(n.VxlanID), deref(n.VxlanPort)
	}
	if p := c.Primary; p != nil {
		out.PrimaryPodID, out.PrimaryStatus, out.PrimarySSHEndpoint = p.PodID, p.Status, p.SSHEndpoint
	}
	return out
}

// clusterMemberDomain maps a member pod of GET /v2/clusters/{id}/pods.
func clusterMemberDomain(p runpodwire.Pod) ClusterMember {
	m := ClusterMember{Pod: podDomain(p)}
	if c := p.Cluster; c != nil {
		m.Rank, m.Role, m.IP = c.Rank, c.Role, c.IP
	}
	return m
}
