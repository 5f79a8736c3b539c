package cluster

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// NewListResource returns the runpod_cluster list resource, for `terraform query`: one list
// call for the clusters, and, for each cluster kept, one for its member pods, whose primary
// holds the container settings a cluster's configuration has (the cluster list carries none).
func NewListResource() list.ListResource {
	return providerutil.List(providerutil.ListSpec[listedCluster, clusterFilters, clusterModel]{
		Suffix: "_cluster",
		Description: "The account's Instant Clusters (REST v2), optionally filtered, for `terraform query`: each with its " +
			"identity and, with `include_resource`, the `runpod_cluster` its import would read.",
		Filters: map[string]listschema.Attribute{
			"name":           tfresource.ListFilter("Only clusters with exactly this name."),
			"type":           tfresource.ListFilter("Only clusters of this type: `TRAINING`, `SLURM`, `RAY` or `APPLICATION`.", stringvalidator.OneOf(runpodapi.ClusterTypes...)),
			"gpu_type_id":    tfresource.ListFilter("Only clusters of this GPU type, such as `NVIDIA H100 80GB HBM3`."),
			"data_center_id": tfresource.ListFilter("Only clusters in this data center, such as `EU-RO-1`."),
		},
		What: "clusters",
		Fetch: func(ctx context.Context, client runpodapi.API, f clusterFilters) ([]listedCluster, error) {
			all, err := client.ListClusters(ctx)
			if err != nil {
				return nil, err
			}
			all = slices.DeleteFunc(all, func(c runpodapi.Cluster) bool {
				return !tfresource.Matches(f.Name, c.Name) || !tfresource.Matches(f.Type, c.Type) ||
					!tfresource.Matches(f.GPUTypeID, c.GPUTypeID) || !tfresource.Matches(f.DataCenterID, c.DataCenterID)
			})
			out := make([]listedCluster, len(all))
			for i, c := range all {
				members, err := client.ListClusterPods(ctx, c.ID)
				if err != nil {
					return nil, err
				}
				out[i] = listedCluster{Cluster: c, members: members}
			}
			return out, nil
		},
		Name: func(c listedCluster) (string, string) { return c.ID, c.Name },
		Fill: func(_ context.Context, c listedCluster, m *clusterModel) {
			*m, _ = m.withAPI(&c.Cluster, c.members)
		},
	})
}

// listedCluster is a cluster the list found, with its member pods.
type listedCluster struct {
	runpodapi.Cluster
	members []runpodapi.ClusterMember
}

type clusterFilters struct {
	Name         types.String `tfsdk:"name"`
	Type         types.String `tfsdk:"type"`
	GPUTypeID    types.String `tfsdk:"gpu_type_id"`
	DataCenterID types.String `tfsdk:"data_center_id"`
}
