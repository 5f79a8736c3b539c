package cluster

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// NewDataSource returns the runpod_cluster data source.
func NewDataSource() datasource.DataSource {
	return providerutil.DataSource("_cluster", oneSchema, readOne)
}

// NewListDataSource returns the runpod_clusters data source.
func NewListDataSource() datasource.DataSource {
	return providerutil.DataSource("_clusters", listSchema, readList)
}

// summaryModel is what RunPod's cluster object reports (GET /v2/clusters and /v2/clusters/{id}).
type summaryModel struct {
	ID                 types.String `tfsdk:"id"`
	Name               types.String `tfsdk:"name"`
	Type               types.String `tfsdk:"type"`
	GPUTypeID          types.String `tfsdk:"gpu_type_id"`
	GPUCountPerPod     types.Int64  `tfsdk:"gpu_count_per_pod"`
	PodCount           types.Int64  `tfsdk:"pod_count"`
	DataCenterID       types.String `tfsdk:"data_center_id"`
	NetworkCIDR        types.String `tfsdk:"network_cidr"`
	PrimaryPodID       types.String `tfsdk:"primary_pod_id"`
	PrimarySSHEndpoint types.String `tfsdk:"primary_ssh_endpoint"`
	PodsRunning        types.Int64  `tfsdk:"pods_running"`
	CreatedAt          types.String `tfsdk:"created_at"`
}

func summaryOf(c *runpodapi.Cluster) summaryModel {
	return summaryModel{
		ID: types.StringValue(c.ID), Name: types.StringValue(c.Name), Type: types.StringValue(c.Type),
		GPUTypeID: types.StringValue(c.GPUTypeID), GPUCountPerPod: types.Int64Value(int64(c.GPUCountPerPod)),
		PodCount: types.Int64Value(int64(c.PodCount)), DataCenterID: tfvalue.StringOrNull(c.DataCenterID),
		NetworkCIDR: tfvalue.StringOrNull(c.NetworkCIDR), PrimaryPodID: tfvalue.StringOrNull(c.PrimaryPodID),
		PrimarySSHEndpoint: tfvalue.StringOrNull(c.PrimarySSHEndpoint),
		PodsRunning:        types.Int64Value(int64(c.PodsByStatus[runpodapi.PodObservedRunning])), CreatedAt: types.StringValue(c.CreatedAt),
	}
}

// summaryAttributes describe summaryModel; id is the lookup key when lookup.
func summaryAttributes(lookup bool) map[string]schema.Attribute {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	id := computed("RunPod's id of the cluster.")
	if lookup {
		id = schema.StringAttribute{MarkdownDescription: "The cluster's id.", Required: true,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}}
	}
	return map[string]schema.Attribute{
		"id":                   id,
		"name":                 computed("The cluster's name."),
		"type":                 computed("`TRAINING`, `SLURM`, `RAY` or `APPLICATION`."),
		"gpu_type_id":          computed("The GPU type of every pod."),
		"gpu_count_per_pod":    schema.Int64Attribute{MarkdownDescription: "GPUs on each pod.", Computed: true},
		"pod_count":            schema.Int64Attribute{MarkdownDescription: "Pods in the cluster.", Computed: true},
		"data_center_id":       computed("The data center the cluster is in; null until a pod is placed."),
		"network_cidr":         computed("The CIDR block of the members' private overlay network."),
		"primary_pod_id":       computed("The primary (rank 0) pod."),
		"primary_ssh_endpoint": computed("The primary pod's public SSH endpoint, `host:port`, when it runs with `22/tcp` exposed."),
		"pods_running":         schema.Int64Attribute{MarkdownDescription: "How many member pods RunPod reports RUNNING.", Computed: true},
		"created_at":           computed("When the cluster was created (RFC 3339)."),
	}
}

type oneModel struct {
	summaryModel
	Members types.List `tfsdk:"members"`
}

func oneSchema() schema.Schema {
	attrs := summaryAttributes(true)
	member := map[string]schema.Attribute{}
	for name, desc := range memberDescriptions {
		if name == "rank" {
			member[name] = schema.Int64Attribute{MarkdownDescription: desc, Computed: true}
		} else {
			member[name] = schema.StringAttribute{MarkdownDescription: desc, Computed: true}
		}
	}
	attrs["members"] = schema.ListNestedAttribute{
		MarkdownDescription: "The member pods, by rank.",
		Computed:            true,
		NestedObject:        schema.NestedAttributeObject{Attributes: member},
	}
	return schema.Schema{
		MarkdownDescription: "One Instant Cluster of the account, by id, with its member pods (REST v2 only).",
		Attributes:          attrs,
	}
}

func readOne(ctx context.Context, client runpodapi.API, data *oneModel, diags *diag.Diagnostics) {
	id := data.ID.ValueString()
	c := providerutil.GetByID(ctx, diags, "cluster", id, client.GetCluster,
		fmt.Sprintf("The RunPod account has no cluster %q. The runpod_clusters data source lists the account's clusters with their ids.", id))
	if c == nil {
		return
	}
	members, err := client.ListClusterPods(ctx, id)
	if err != nil {
		providerutil.AddAPIError(diags, "list the pods of cluster "+id, err)
		return
	}
	m, d := clusterModel{}.withAPI(c, members)
	diags.Append(d...)
	*data = oneModel{summaryModel: summaryOf(c), Members: m.Members}
}

type listModel struct {
	Name     types.String   `tfsdk:"name"`
	IDs      types.List     `tfsdk:"ids"`
	Clusters []summaryModel `tfsdk:"clusters"`
}

func listSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "The account's Instant Clusters, optionally only those with a name, in RunPod's order (REST v2 only). " +
			"One call: the member pods are in `runpod_cluster` (the data source).",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: "List only clusters with exactly this name.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"ids": schema.ListAttribute{MarkdownDescription: "Ids of the clusters listed, in `clusters` order.", ElementType: types.StringType, Computed: true},
			"clusters": schema.ListNestedAttribute{
				MarkdownDescription: "The clusters that match.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: summaryAttributes(false)},
			},
		},
	}
}

func readList(ctx context.Context, client runpodapi.API, data *listModel, diags *diag.Diagnostics) {
	all, err := client.ListClusters(ctx)
	if err != nil {
		providerutil.AddAPIError(diags, "list clusters", err)
		return
	}
	var keep []runpodapi.Cluster
	for _, c := range all {
		if data.Name.IsNull() || c.Name == data.Name.ValueString() {
			keep = append(keep, c)
		}
	}
	data.Clusters, data.IDs = tfvalue.Listed(keep, summaryOf, func(c *runpodapi.Cluster) string { return c.ID })
}
