package runpodmock

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodwire"
)

// Instant Clusters (REST v2 only): a cluster is podCount identical GPU pods, its members,
// kept in the same store as standalone pods so that they boot, bill and take stock like any
// pod. As the spec says, GET /v2/pods leaves them out unless includeClusterPods=true, and the
// pod routes refuse to change or delete them (409): the cluster's routes manage them.

// clusterRecord is a cluster; its members are the pods whose ClusterID is its id.
type clusterRecord struct {
	recordMeta
	Name, Type string
	Compute    runpodwire.ClusterCompute
	VxlanID    int
}

// Cluster types and member roles (ClusterType, PodClusterRole).
const (
	clusterSlurm = "SLURM"
	clusterRay   = "RAY"
)

// clusterVxlanPort is the UDP port of every cluster's overlay (VXLAN's IANA port).
const clusterVxlanPort = 4789

// clusterCIDR is the members' overlay network; each cluster has its own, so they may share it.
const clusterCIDR = "10.65.0.0/16"

func (s *Server) routeClustersV2() {
	st := s.store
	mockkit.Route(s.v2, mockkit.Resource[*clusterRecord, apiError]{
		Collection: "/v2/clusters", IDParam: "id", ListKey: "clusters", CreateStatus: http.StatusCreated,
		List: all(func() []*clusterRecord { return sorted(st.clusters) }), Get: byID(st.cluster),
		Create: s.createClusterV2,
		Update: func(id string, r *http.Request) (*clusterRecord, *apiError) {
			var in runpodwire.ClusterUpdate
			if _, err := decodeV2(r, &in); err != nil {
				return nil, err
			}
			c, err := st.cluster(id)
			if err != nil {
				return nil, err
			}
			set(&c.Name, in.Name)
			return c, nil
		},
		Remove: func(id string, _ *http.Request) *apiError { return st.deleteCluster(id) },
		Render: func(c *clusterRecord, _ mockkit.View, _ *http.Request) any { return s.clusterV2(c) },
	})
	s.v2.Handle("GET /v2/clusters/{id}/pods", func(r *http.Request) (int, any, *apiError) {
		c, err := st.cluster(r.PathValue("id"))
		if err != nil {
			return 0, nil, err
		}
		out := runpodwire.PodList{Pods: []runpodwire.Pod{}}
		for _, p := range st.members(c.ID) {
			out.Pods = append(out.Pods, s.podV2(p))
		}
		return http.StatusOK, out, nil
	})
}

// routeSSHKeysV2 serves the account's SSH keys: GET reads the set, PUT replaces it whole.
func (s *Server) routeSSHKeysV2() {
	st := s.store
	s.v2.Handle("GET /v2/account/ssh-keys", func(*http.Request) (int, any, *apiError) {
		return http.StatusOK, runpodwire.SSHKeys{Keys: orEmpty(st.sshKeys)}, nil
	})
	s.v2.Handle("PUT /v2/account/ssh-keys", func(r *http.Request) (int, any, *apiError) {
		var in runpodwire.SSHKeys
		if _, err := decodeV2(r, &in); err != nil {
			return 0, nil, err
		}
		st.sshKeys = slices.Clone(in.Keys)
		return http.StatusOK, runpodwire.SSHKeys{Keys: orEmpty(st.sshKeys)}, nil
	})
}

// listPodsV2 lists the standalone pods, and the cluster members with includeClusterPods=true.
func listPodsV2(st *store) func(*http.Request) ([]*podRecord, *apiError) {
	return func(r *http.Request) ([]*podRecord, *apiError) {
		withMembers, _ := strconv.ParseBool(r.URL.Query().Get("includeClusterPods"))
		var out []*podRecord
		for _, p := range sorted(st.pods) {
			if p.ClusterID == "" || withMembers {
				out = append(out, p)
			}
		}
		return out, nil
	}
}

// notClusterMember refuses a pod route's change of a cluster member (409), as the spec says.
func (st *store) notClusterMember(id string) *apiError {
	if p, ok := st.pods[id]; ok && p.ClusterID != "" {
		return &apiError{status: http.StatusConflict, msg: fmt.Sprintf("pod %s is a member of cluster %s: manage it through /v2/clusters/%s", id, p.ClusterID, p.ClusterID)}
	}
	return nil
}

func (st *store) cluster(id string) (*clusterRecord, *apiError) {
	return recordOf(st.clusters, id, "cluster")
}

// members lists a cluster's pods by rank.
func (st *store) members(clusterID string) []*podRecord {
	var out []*podRecord
	for _, p := range st.pods {
		if p.ClusterID == clusterID {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b *podRecord) int { return a.ClusterRank - b.ClusterRank })
	return out
}

func (s *Server) createClusterV2(r *http.Request) (*clusterRecord, *apiError) {
	var in runpodwire.ClusterCreate
	if _, err := decodeV2(r, &in); err != nil {
		return nil, err
	}
	// Assumed defaults, as a pod's: disk 50 GB, no ports, no env.
	c := containerConfig{DiskInGb: 50, Ports: []string{}, Env: map[string]string{}, Args: []string{}}
	applyBaseContainerV2(&c, in.BaseContainer, false)
	if c.Image == "" { // assumed: the spec requires none, but a pod needs an image
		return nil, badRequest("image is required: every pod of the cluster runs it")
	}
	if err := checkContainerV2(c); err != nil {
		return nil, err
	}
	if err := checkDataCentersV2(in.DataCenterIDs); err != nil {
		return nil, err
	}
	g, ok := s.store.gpuType(in.Compute.GPUTypeID)
	if !ok {
		return nil, badRequest("unknown GPU type %q in compute.gpuTypeId: see GET /v2/catalog/gpus for the ids", in.Compute.GPUTypeID)
	}
	if g.MaxGPUCount > 0 && in.Compute.GPUCountPerPod > g.MaxGPUCount {
		return nil, badRequest("compute.gpuCountPerPod %d is above %s's maximum of %d", in.Compute.GPUCountPerPod, g.ID, g.MaxGPUCount)
	}
	spec := podSpec{
		Image: c.Image, Cloud: cloudSecure, DataCenterIDs: in.DataCenterIDs, ContainerDiskInGb: c.DiskInGb,
		Ports: c.Ports, Env: c.Env, DockerStartCmd: c.Args, DockerEntrypoint: []string{},
		StartSSH: deref(in.StartSSH, false), StartJupyter: deref(in.StartJupyter, false), ExactPlacement: true,
		ComputeType: "GPU", GPUTypeIDs: []string{g.ID}, GPUCount: in.Compute.GPUCountPerPod,
	}
	if in.Mounts != nil {
		if in.Mounts.Persistent != nil && len(in.Mounts.Network) > 0 {
			return nil, badRequest("mounts: persistent and network are mutually exclusive: set one of them")
		}
		if in.Mounts.Persistent != nil {
			spec.VolumeInGb, spec.VolumeMountPath = in.Mounts.Persistent.Size, in.Mounts.Persistent.Path
		}
		if len(in.Mounts.Network) == 1 {
			nm := in.Mounts.Network[0]
			if _, ok := s.store.volumes[nm.VolumeID]; !ok {
				return nil, &apiError{status: http.StatusNotFound, msg: fmt.Sprintf("network volume %s not found", nm.VolumeID)}
			}
			spec.NetworkVolumeID, spec.VolumeMountPath = nm.VolumeID, nm.Path
		}
	}
	return s.store.createCluster(in.Name, in.Type, in.Compute, spec)
}

// createCluster places every member in one data center: the first where the first member
// fits. When a later member does not fit there, the members made so far are given back and
// the create is refused with the capacity error, as a pod's would be.
func (st *store) createCluster(name, typ string, compute runpodwire.ClusterCompute, spec podSpec) (*clusterRecord, *apiError) {
	c := &clusterRecord{recordMeta: recordMeta{ID: "cluster_" + randomID(12), CreatedAt: st.now()}, Name: name, Type: typ, Compute: compute, VxlanID: 1 + len(st.clusters)}
	var made []*podRecord
	for rank := range compute.PodCount {
		spec.Name = fmt.Sprintf("%s-%d", name, rank)
		p, err := st.createPod(spec)
		if err != nil {
			for _, m := range made {
				_ = st.deletePod(m.ID)
			}
			return nil, err
		}
		p.ClusterID, p.ClusterRank, p.ClusterRole = c.ID, rank, clusterRole(typ, rank)
		p.ClusterIP = fmt.Sprintf("10.65.0.%d", 2+rank)
		made = append(made, p)
		spec.DataCenterIDs = []string{p.DataCenterID}
	}
	st.clusters[c.ID] = c
	return c, nil
}

// clusterRole is a member's role: SLURM's and RAY's rank 0 leads, the others work; other
// types assign none.
func clusterRole(typ string, rank int) string {
	switch {
	case typ == clusterSlurm && rank == 0:
		return "SLURM_CONTROLLER"
	case typ == clusterSlurm:
		return "SLURM_COMPUTE"
	case typ == clusterRay && rank == 0:
		return "RAY_HEAD"
	case typ == clusterRay:
		return "RAY_WORKER"
	}
	return ""
}

// deleteCluster terminates the members and deletes the cluster.
func (st *store) deleteCluster(id string) *apiError {
	if _, err := st.cluster(id); err != nil {
		return err
	}
	for _, p := range st.members(id) {
		_ = st.deletePod(p.ID)
	}
	delete(st.clusters, id)
	return nil
}

// clusterV2 renders a cluster as REST v2's Cluster: the members' summary, data center and
// primary (rank 0, with its SSH endpoint once it runs with 22/tcp published).
func (s *Server) clusterV2(c *clusterRecord) runpodwire.Cluster {
	now := s.opts.Now()
	out := runpodwire.Cluster{
		ID: c.ID, Name: c.Name, Type: c.Type, Compute: c.Compute, CreatedAt: rfc3339(c.CreatedAt),
		Pods:    runpodwire.ClusterPodsSummary{ByStatus: map[string]int{}},
		Network: &runpodwire.ClusterNetwork{CIDR: clusterCIDR, VxlanID: ptr(c.VxlanID), VxlanPort: ptr(clusterVxlanPort)},
	}
	members := s.store.members(c.ID)
	for _, p := range members {
		out.Pods.Total++
		out.Pods.ByStatus[p.status(now)]++
	}
	if len(members) == 0 {
		return out
	}
	primary := members[0]
	out.DataCenterID = primary.DataCenterID
	out.Primary = &runpodwire.ClusterPrimary{PodID: primary.ID, Status: primary.status(now)}
	if public, ok := primary.PublicPorts[22]; ok && out.Primary.Status == podRunning {
		ip := sharedHostIP
		if primary.PublicIP != "" {
			ip = primary.PublicIP
		}
		out.Primary.SSHEndpoint = fmt.Sprintf("%s:%d", ip, public)
	}
	return out
}

// podClusterV2 renders a pod's cluster membership (nil for a standalone pod).
func podClusterV2(p *podRecord) *runpodwire.PodCluster {
	if p.ClusterID == "" {
		return nil
	}
	return &runpodwire.PodCluster{ID: p.ClusterID, Rank: ptr(p.ClusterRank), Role: p.ClusterRole, IP: p.ClusterIP}
}
