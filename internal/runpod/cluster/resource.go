// Package cluster holds the runpod_cluster resource and the runpod_cluster and runpod_clusters
// data sources: RunPod's Instant Clusters (REST v2).
package cluster

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

var (
	_ resource.ResourceWithImportState    = (*clusterResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*clusterResource)(nil)
	_ resource.ResourceWithValidateConfig = (*clusterResource)(nil)
)

// createTimeout bounds a create and the wait for every member pod.
const createTimeout = 20 * time.Minute

// NewResource returns the runpod_cluster resource.
func NewResource() resource.Resource {
	return &clusterResource{Resource: providerutil.Resource("_cluster")}
}

type clusterResource struct {
	tfresource.Resource[runpodapi.API]
	tfresource.IdentityByID
}

func (r *clusterResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema()
}

// attributeOf maps the fields RunPod's answers name to the attributes that set them.
var attributeOf = map[string]string{
	"$.name": "name", "$.type": "type", "$.compute.gpuTypeId": "gpu_type_id", "$.compute.gpuCountPerPod": "gpu_count_per_pod",
	"$.compute.podCount": "pod_count", "$.dataCenterIds": "data_center_ids", "$.image": "image_name", "$.ports": "ports",
	"$.disk": "container_disk_in_gb", "$.env": "env",
}

// ValidateConfig refuses a mount path without a volume to mount (the schema's validators say
// that a volume needs a path).
func (r *clusterResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config clusterModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &config)...); resp.Diagnostics.HasError() {
		return
	}
	if config.ImageName.IsNull() && config.TemplateID.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("image_name"), "Missing image",
			"A cluster's pods need a container image: set image_name, or template_id to take the image (and the other "+
				"container settings) from a pod template.")
	}
	if !config.VolumeMountPath.IsNull() && config.VolumeInGb.IsNull() && config.NetworkVolumeID.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("volume_mount_path"), "Nothing to mount",
			"volume_mount_path is set, but neither volume_in_gb nor network_volume_id: set one of them (the volume every pod "+
				"mounts there), or remove volume_mount_path.")
	}
}

// ModifyPlan refuses the resource on REST v1 and warns that a destroy terminates the members.
func (r *clusterResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		var state clusterModel
		if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
			return
		}
		resp.Diagnostics.AddWarning("Destroying runpod_cluster terminates its member pods",
			fmt.Sprintf("Cluster %s (%q) and its %d member pods will be terminated, with what their container disks and pod "+
				"volumes hold.", state.ID.ValueString(), state.Name.ValueString(), len(state.Members.Elements())))
		return
	}
	if r.Client != nil && r.Client.Backend() == runpodapi.BackendV1 {
		resp.Diagnostics.AddAttributeError(path.Root("type"), "Not supported by RunPod's REST v1",
			"runpod_cluster manages an Instant Cluster through RunPod's REST v2, and this provider uses REST v1 "+
				"(api_version = \"v1\"), which has no clusters. Use REST v2 (api_version = \"v2\", the default).")
	}
}

func (r *clusterResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer tfresource.SetIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	ctx = providerutil.NoticeAdoptions(ctx, &resp.Diagnostics)
	var plan clusterModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	in, diags := plan.createInput(ctx)
	if resp.Diagnostics.Append(diags...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, createTimeout)
	defer cancel()
	if id := plan.TemplateID.ValueString(); id != "" {
		t, err := r.Client.GetTemplate(ctx, id)
		if err != nil {
			providerutil.AddAPIErrorNaming(&resp.Diagnostics, "read template "+id+" to create cluster "+in.Name, err, attributeOf)
			return
		}
		fromTemplate(&in, t)
	}
	c, err := r.Client.CreateCluster(ctx, in)
	if err != nil {
		providerutil.AddAPIErrorNaming(&resp.Diagnostics, "create cluster "+in.Name, err, attributeOf)
		return
	}
	tflog.Info(ctx, "created cluster", map[string]any{"id": c.ID, "pods": c.PodCount})
	// Recorded before the wait: a cluster that does not become ready stays in the state, tainted.
	state, diags := plan.withAPI(c, nil)
	resp.Diagnostics.Append(diags...)
	if state.Ports.IsUnknown() { // read from the members once they are placed
		state.Ports = types.ListNull(types.StringType)
	}
	if state.ContainerDiskInGb.IsUnknown() {
		state.ContainerDiskInGb = types.Int64Null()
	}
	if state.ImageName.IsUnknown() { // from the template: what was sent
		state.ImageName = types.StringValue(in.ImageName)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	members, err := waitMembersReady(ctx, r.Client, c.ID, c.PodCount, in.Ports)
	if err != nil {
		resp.Diagnostics.AddError("Cluster not ready", fmt.Sprintf("Cluster %s was created, but not every member pod became "+
			"ready: %v. It is kept in the state, marked tainted: the next apply replaces it.", c.ID, err))
		return
	}
	if c, err = r.Client.GetCluster(ctx, c.ID); err != nil { // the primary's SSH endpoint, now it runs
		providerutil.AddAPIError(&resp.Diagnostics, "read cluster "+state.ID.ValueString(), err)
		return
	}
	state, diags = state.withAPI(c, members)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *clusterResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer tfresource.SetReadIdentity(ctx, req, resp)
	var state clusterModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	c := providerutil.ReadOrRemove(ctx, resp, "cluster", state.ID.ValueString(), r.Client.GetCluster)
	if c == nil {
		return
	}
	members, err := r.Client.ListClusterPods(ctx, c.ID)
	if err != nil {
		providerutil.AddAPIError(&resp.Diagnostics, "list the pods of cluster "+c.ID, err)
		return
	}
	state, diags := state.withAPI(c, members)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update renames the cluster: every other attribute replaces it.
func (r *clusterResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer tfresource.SetIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan clusterModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	id := plan.ID.ValueString()
	c, err := r.Client.RenameCluster(ctx, id, plan.Name.ValueString())
	if err != nil {
		providerutil.AddAPIErrorNaming(&resp.Diagnostics, "rename cluster "+id, err, attributeOf)
		return
	}
	members, err := r.Client.ListClusterPods(ctx, id)
	if err != nil {
		providerutil.AddAPIError(&resp.Diagnostics, "list the pods of cluster "+id, err)
		return
	}
	state, diags := plan.withAPI(c, members)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Delete deletes the cluster, which terminates its members.
func (r *clusterResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	id, ok := tfresource.StateID(ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	if err := r.Client.DeleteCluster(ctx, id); err != nil {
		providerutil.AddAPIError(&resp.Diagnostics, "delete cluster "+id, err)
	}
}

func (r *clusterResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	tfresource.ImportByID{}.ImportState(ctx, req, resp)
}
