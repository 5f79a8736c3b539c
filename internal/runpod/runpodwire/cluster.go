package runpodwire

// ClusterCreate is CreateClusterRequest: a cluster's name, type and homogeneous compute shape,
// and the container configuration every member pod gets (no registry credential yet).
type ClusterCreate struct {
	BaseContainer
	Name          string         `json:"name"`
	Type          string         `json:"type"`
	Compute       ClusterCompute `json:"compute"`
	DataCenterIDs []string       `json:"dataCenterIds,omitempty"`
	Mounts        *Mounts        `json:"mounts,omitempty"`
	StartJupyter  *bool          `json:"startJupyter,omitempty"`
	StartSSH      *bool          `json:"startSsh,omitempty"`
}

// ClusterCompute is ClusterCompute: podCount pods of gpuCountPerPod GPUs of one type.
type ClusterCompute struct {
	GPUTypeID      string `json:"gpuTypeId"`
	GPUCountPerPod int    `json:"gpuCountPerPod"`
	PodCount       int    `json:"podCount"`
}

// ClusterUpdate is UpdateClusterRequest: a rename.
type ClusterUpdate struct {
	Name *string `json:"name,omitempty"`
}

// Cluster is Cluster. The optional properties are omitted, not null, until RunPod has them.
type Cluster struct {
	ID           string             `json:"id"`
	Name         string             `json:"name"`
	Type         string             `json:"type"`
	Compute      ClusterCompute     `json:"compute"`
	Template     string             `json:"template,omitempty"`
	DataCenterID string             `json:"dataCenterId,omitempty"`
	Pods         ClusterPodsSummary `json:"pods"`
	Network      *ClusterNetwork    `json:"network,omitempty"`
	Primary      *ClusterPrimary    `json:"primary,omitempty"`
	CreatedAt    string             `json:"createdAt"`
}

// ClusterPodsSummary is ClusterPodsSummary: member pod counts, by status.
type ClusterPodsSummary struct {
	Total    int            `json:"total"`
	ByStatus map[string]int `json:"byStatus"`
}

// ClusterNetwork is ClusterNetwork: the members' private overlay network.
type ClusterNetwork struct {
	CIDR      string `json:"cidr"`
	VxlanID   *int   `json:"vxlanId,omitempty"`
	VxlanPort *int   `json:"vxlanPort,omitempty"`
}

// ClusterPrimary is ClusterPrimary: the rank 0 member; sshEndpoint is "host:port" once it
// runs with 22/tcp exposed.
type ClusterPrimary struct {
	PodID       string `json:"podId"`
	Status      string `json:"status"`
	SSHEndpoint string `json:"sshEndpoint,omitempty"`
}

// ClusterList is ListClustersResponse.
type ClusterList struct {
	Clusters []Cluster `json:"clusters"`
}

// PodCluster is PodCluster: a member pod's place in its cluster. Rank is null until assigned;
// role is set only for SLURM and RAY clusters.
type PodCluster struct {
	ID   string `json:"id"`
	Rank *int   `json:"rank"`
	Role string `json:"role,omitempty"`
	IP   string `json:"ip,omitempty"`
}

// SSHKeys is SshKeys (answers) and UpdateSshKeysRequest (requests): the account's whole set of
// SSH public keys, one authorized_keys line each. Keys is never nil: [] is the empty set.
type SSHKeys struct {
	Keys []string `json:"keys"`
}
