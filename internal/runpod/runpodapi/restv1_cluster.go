package runpodapi

import "context"

// REST v1 has neither clusters nor the account's SSH keys: each call says so rather than
// reach for another API.

func v1NoClusters(op string) error {
	return &NotOnBackendError{Operation: op, Backend: BackendV1, What: "clusters"}
}

func v1NoSSHKeys(op string) error {
	return &NotOnBackendError{Operation: op, Backend: BackendV1, What: "account SSH keys"}
}

func (c *restV1) CreateCluster(context.Context, ClusterCreateInput) (*Cluster, error) {
	return nil, v1NoClusters("create cluster")
}

func (c *restV1) GetCluster(_ context.Context, id string) (*Cluster, error) {
	return nil, v1NoClusters("read cluster " + id)
}

func (c *restV1) ListClusters(context.Context) ([]Cluster, error) {
	return nil, v1NoClusters("list clusters")
}

func (c *restV1) ListClusterPods(_ context.Context, id string) ([]ClusterMember, error) {
	return nil, v1NoClusters("list the pods of cluster " + id)
}

func (c *restV1) RenameCluster(_ context.Context, id, _ string) (*Cluster, error) {
	return nil, v1NoClusters("rename cluster " + id)
}

func (c *restV1) DeleteCluster(_ context.Context, id string) error {
	return v1NoClusters("delete cluster " + id)
}

func (c *restV1) GetSSHKeys(context.Context) ([]string, error) {
	return nil, v1NoSSHKeys("read the account's SSH keys")
}

func (c *restV1) SetSSHKeys(context.Context, []string) ([]string, error) {
	return nil, v1NoSSHKeys("replace the account's SSH keys")
}
