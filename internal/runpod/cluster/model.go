package cluster

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

type clusterModel struct {
	ID                 types.String `tfsdk:"id"`
	Name               types.String `tfsdk:"name"`
	Type               types.String `tfsdk:"type"`
	GPUTypeID          types.String `tfsdk:"gpu_type_id"`
	GPUCountPerPod     types.Int64  `tfsdk:"gpu_count_per_pod"`
	PodCount           types.Int64  `tfsdk:"pod_count"`
	DataCenterIDs      types.List   `tfsdk:"data_center_ids"`
	TemplateID         types.String `tfsdk:"template_id"`
	ImageName          types.String `tfsdk:"image_name"`
	DockerStartCmd     types.List   `tfsdk:"docker_start_cmd"`
	ContainerDiskInGb  types.Int64  `tfsdk:"container_disk_in_gb"`
	Ports              types.List   `tfsdk:"ports"`
	Env                types.Map    `tfsdk:"env"`
	VolumeInGb         types.Int64  `tfsdk:"volume_in_gb"`
	NetworkVolumeID    types.String `tfsdk:"network_volume_id"`
	VolumeMountPath    types.String `tfsdk:"volume_mount_path"`
	StartSSH           types.Bool   `tfsdk:"start_ssh"`
	StartJupyter       types.Bool   `tfsdk:"start_jupyter"`
	DataCenterID       types.String `tfsdk:"data_center_id"`
	NetworkCIDR        types.String `tfsdk:"network_cidr"`
	PrimaryPodID       types.String `tfsdk:"primary_pod_id"`
	PrimarySSHEndpoint types.String `tfsdk:"primary_ssh_endpoint"`
	Members            types.List   `tfsdk:"members"`
}

var memberType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id": types.StringType, "rank": types.Int64Type, "role": types.StringType, "ip": types.StringType, "status": types.StringType,
}}

// createInput maps the plan to the client's create.
func (m clusterModel) createInput(ctx context.Context) (runpodapi.ClusterCreateInput, diag.Diagnostics) {
	var diags diag.Diagnostics
	in := runpodapi.ClusterCreateInput{
		Name: m.Name.ValueString(), Type: m.Type.ValueString(), GPUTypeID: m.GPUTypeID.ValueString(),
		GPUCountPerPod: int(m.GPUCountPerPod.ValueInt64()), PodCount: int(m.PodCount.ValueInt64()),
		ImageName: m.ImageName.ValueString(), VolumeInGb: int(m.VolumeInGb.ValueInt64()),
		NetworkVolumeID: m.NetworkVolumeID.ValueString(), VolumeMountPath: m.VolumeMountPath.ValueString(),
		StartSSH: m.StartSSH.ValueBoolPointer(), StartJupyter: m.StartJupyter.ValueBoolPointer(),
	}
	if !m.ContainerDiskInGb.IsNull() && !m.ContainerDiskInGb.IsUnknown() {
		in.ContainerDiskInGb = runpodapi.Ptr(int(m.ContainerDiskInGb.ValueInt64()))
	}
	for _, l := range []struct {
		from types.List
		to   *[]string
	}{{m.DataCenterIDs, &in.DataCenterIDs}, {m.DockerStartCmd, &in.DockerStartCmd}, {m.Ports, &in.Ports}} {
		if !l.from.IsNull() && !l.from.IsUnknown() {
			*l.to = []string{}
			diags.Append(l.from.ElementsAs(ctx, l.to, false)...)
		}
	}
	if !m.Env.IsNull() && !m.Env.IsUnknown() {
		diags.Append(m.Env.ElementsAs(ctx, &in.Env, false)...)
	}
	return in, diags
}

// fromTemplate fills in what in leaves unset with the container settings of template t, as
// RunPod's docs have a template's settings spread into a cluster's create request (the request
// has no template field): the configuration's own settings win, and its env is laid over the
// template's.
func fromTemplate(in *runpodapi.ClusterCreateInput, t *runpodapi.Template) {
	if in.ImageName == "" {
		in.ImageName = t.ImageName
	}
	if in.DockerStartCmd == nil && len(t.DockerStartCmd) > 0 {
		in.DockerStartCmd = t.DockerStartCmd
	}
	if in.ContainerDiskInGb == nil && t.ContainerDiskInGb > 0 {
		in.ContainerDiskInGb = runpodapi.Ptr(t.ContainerDiskInGb)
	}
	if in.Ports == nil && len(t.Ports) > 0 {
		in.Ports = t.Ports
	}
	if len(t.Env) > 0 {
		env := make(map[string]string, len(t.Env)+len(in.Env))
		for k, v := range t.Env {
			env[k] = v
		}
		for k, v := range in.Env {
			env[k] = v
		}
		in.Env = env
	}
	if in.VolumeInGb == 0 && in.NetworkVolumeID == "" && t.VolumeInGb > 0 {
		in.VolumeInGb = t.VolumeInGb
		if in.VolumeMountPath == "" {
			in.VolumeMountPath = t.VolumeMountPath
		}
	}
}

// withAPI records what RunPod reports of the cluster and its members (members by rank).
func (m clusterModel) withAPI(c *runpodapi.Cluster, members []runpodapi.ClusterMember) (clusterModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	m.ID, m.Name, m.Type = types.StringValue(c.ID), types.StringValue(c.Name), types.StringValue(c.Type)
	m.GPUTypeID, m.GPUCountPerPod, m.PodCount = types.StringValue(c.GPUTypeID), types.Int64Value(int64(c.GPUCountPerPod)), types.Int64Value(int64(c.PodCount))
	m.DataCenterID, m.NetworkCIDR = tfvalue.StringOrNull(c.DataCenterID), tfvalue.StringOrNull(c.NetworkCIDR)
	m.PrimaryPodID, m.PrimarySSHEndpoint = tfvalue.StringOrNull(c.PrimaryPodID), tfvalue.StringOrNull(c.PrimarySSHEndpoint)
	values := make([]attr.Value, 0, len(members))
	for _, mem := range members {
		rank := types.Int64Null()
		if mem.Rank != nil {
			rank = types.Int64Value(int64(*mem.Rank))
		}
		v, d := types.ObjectValue(memberType.AttrTypes, map[string]attr.Value{
			"id": types.StringValue(mem.Pod.ID), "rank": rank, "role": tfvalue.StringOrNull(mem.Role),
			"ip": tfvalue.StringOrNull(mem.IP), "status": tfvalue.StringOrNull(mem.Pod.Status),
		})
		diags.Append(d...)
		values = append(values, v)
	}
	list, d := types.ListValue(memberType, values)
	diags.Append(d...)
	m.Members = list
	// The container settings every member shares, read from the primary (rank 0).
	if len(members) > 0 {
		p := members[0].Pod
		m.ImageName, m.ContainerDiskInGb = types.StringValue(p.ImageName), types.Int64Value(int64(p.ContainerDiskInGb))
		ports, d := types.ListValueFrom(context.Background(), types.StringType, orEmpty(p.Ports))
		diags.Append(d...)
		if !m.Ports.IsNull() && !m.Ports.IsUnknown() && samePorts(m.Ports, p.Ports) {
			ports = m.Ports // a reordered list is no change
		}
		m.Ports = ports
	}
	return m, diags
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// samePorts reports whether a recorded list holds the ports RunPod reports, in any order.
func samePorts(recorded types.List, reported []string) bool {
	var have []string
	for _, e := range recorded.Elements() {
		if s, ok := e.(types.String); ok {
			have = append(have, s.ValueString())
		}
	}
	if len(have) != len(reported) {
		return false
	}
	seen := map[string]int{}
	for _, p := range have {
		seen[p]++
	}
	for _, p := range reported {
		if seen[p] == 0 {
			return false
		}
		seen[p]--
	}
	return true
}
