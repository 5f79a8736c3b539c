package runpodapi

import (
	"context"
	"fmt"
	"net/http"
	"slices"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodwire"
)

// CreateCluster is POST /v2/clusters; a lost answer is looked up among the account's clusters
// by what the create sent and its creation time.
func (c *restV2) CreateCluster(ctx context.Context, in ClusterCreateInput) (*Cluster, error) {
	const op = "create cluster"
	return createOnce(ctx, c.t, op, clusterLookup(c.ListClusters, in), func(ctx context.Context) (*Cluster, error) {
		var out runpodwire.Cluster
		if err := c.create(ctx, op, c.url("/v2/clusters", nil), clusterCreateBody(in), &out); err != nil {
			return nil, err
		}
		if out.ID == "" {
			return nil, &OutcomeUnknownError{Operation: op, Err: errNoBody}
		}
		cl := clusterDomain(out)
		return &cl, nil
	})
}

// GetCluster is GET /v2/clusters/{id}.
func (c *restV2) GetCluster(ctx context.Context, id string) (*Cluster, error) {
	var out runpodwire.Cluster
	if err := c.get(ctx, "read cluster "+id, c.url("/v2/clusters/%s", nil, id), &out); err != nil {
		return nil, err
	}
	cl := clusterDomain(out)
	return &cl, nil
}

// ListClusters is GET /v2/clusters.
func (c *restV2) ListClusters(ctx context.Context) ([]Cluster, error) {
	var list runpodwire.ClusterList
	if err := c.get(ctx, "list clusters", c.url("/v2/clusters", nil), &list); err != nil {
		return nil, err
	}
	out := make([]Cluster, len(list.Clusters))
	for i, cl := range list.Clusters {
		out[i] = clusterDomain(cl)
	}
	return out, nil
}

// ListClusterPods is GET /v2/clusters/{id}/pods: the members, by rank.
func (c *restV2) ListClusterPods(ctx context.Context, id string) ([]ClusterMember, error) {
	var list runpodwire.PodList
	if err := c.get(ctx, "list the pods of cluster "+id, c.url("/v2/clusters/%s/pods", nil, id), &list); err != nil {
		return nil, err
	}
	out := make([]ClusterMember, len(list.Pods))
	for i, p := range list.Pods {
		out[i] = clusterMemberDomain(p)
	}
	slices.SortStableFunc(out, func(a, b ClusterMember) int { return deref(a.Rank) - deref(b.Rank) })
	return out, nil
}

// RenameCluster is PATCH /v2/clusters/{id}, which takes only the name. A lost answer is
// judged by reading the cluster back.
func (c *restV2) RenameCluster(ctx context.Context, id, name string) (*Cluster, error) {
	op := "rename cluster " + id
	rb := readBackByID("cluster", id, c.GetCluster, func(cl Cluster) verdict {
		if cl.Name == name {
			return applied
		}
		return notApplied
	}, true)
	return changeOnce(ctx, op, rb, func(ctx context.Context) (*Cluster, error) {
		var out runpodwire.Cluster
		if err := c.patch(ctx, op, c.url("/v2/clusters/%s", nil, id), runpodwire.ClusterUpdate{Name: &name}, &out); err != nil {
			return nil, err
		}
		cl := clusterDomain(out)
		return &cl, nil
	})
}

// DeleteCluster is DELETE /v2/clusters/{id}, which terminates the members; 404 means already
// gone.
func (c *restV2) DeleteCluster(ctx context.Context, id string) error {
	return c.remove(ctx, "delete cluster "+id, c.url("/v2/clusters/%s", nil, id))
}

// GetSSHKeys is GET /v2/account/ssh-keys.
func (c *restV2) GetSSHKeys(ctx context.Context) ([]string, error) {
	var out runpodwire.SSHKeys
	if err := c.get(ctx, "read the account's SSH keys", c.url("/v2/account/ssh-keys", nil), &out); err != nil {
		return nil, err
	}
	return orEmptyKeys(out.Keys), nil
}

// SetSSHKeys is PUT /v2/account/ssh-keys, which replaces the whole set. Sending the same set
// again does the same, so a lost answer is resent.
func (c *restV2) SetSSHKeys(ctx context.Context, keys []string) ([]string, error) {
	var out runpodwire.SSHKeys
	req := request{op: "replace the account's SSH keys", method: http.MethodPut, url: c.url("/v2/account/ssh-keys", nil),
		body: runpodwire.SSHKeys{Keys: orEmptyKeys(keys)}, retry: retryIdempotent}
	if err := c.t.do(ctx, req, &out); err != nil {
		return nil, err
	}
	return orEmptyKeys(out.Keys), nil
}

func orEmptyKeys(keys []string) []string {
	if keys == nil {
		return []string{}
	}
	return keys
}

// clusterLookup finds the cluster a create of in made: same name, type and compute shape,
// made after the request left.
func clusterLookup(list func(context.Context) ([]Cluster, error), in ClusterCreateInput) lookup[Cluster] {
	return lookup[Cluster]{
		kind: "cluster",
		list: list,
		id:   func(cl Cluster) string { return cl.ID },
		match: func(cl Cluster) bool {
			return cl.Name == in.Name && cl.Type == in.Type && cl.GPUTypeID == in.GPUTypeID &&
				cl.GPUCountPerPod == in.GPUCountPerPod && cl.PodCount == in.PodCount
		},
		createdAt: func(cl Cluster) string { return cl.CreatedAt },
		describe: func(cl Cluster) string {
			return fmt.Sprintf("(%q, %s, %d × %d %s, created %s)", cl.Name, cl.Type, cl.PodCount, cl.GPUCountPerPod, cl.GPUTypeID, cl.CreatedAt)
		},
	}
}
