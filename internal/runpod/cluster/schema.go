package cluster

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/validate"
)

// replaces ends an attribute's description: RunPod fixes everything but the name at create.
const replaces = " Changing it replaces the cluster (its pods are terminated and new ones created)."

// notRecoverable marks what RunPod does not report of a cluster: an import leaves it null.
const notRecoverable = " Not reported by RunPod: not recoverable on import."

// memberDescriptions describe a member pod's attributes in members (the resource's and the
// data source's); rank is a number, the others strings.
var memberDescriptions = map[string]string{
	"id":     "The member pod's id.",
	"rank":   "The pod's node rank (`NODE_RANK`); rank 0 is the primary.",
	"role":   "`SLURM_CONTROLLER`, `SLURM_COMPUTE`, `RAY_HEAD` or `RAY_WORKER`; null for TRAINING and APPLICATION clusters.",
	"ip":     "The pod's address on the cluster's private overlay network.",
	"status": "The pod's status as RunPod observes it, such as `RUNNING`.",
}

// memberAttributes are a member pod's attributes in the resource's members.
func memberAttributes() map[string]schema.Attribute {
	out := map[string]schema.Attribute{}
	for name, desc := range memberDescriptions {
		if name == "rank" {
			out[name] = schema.Int64Attribute{MarkdownDescription: desc, Computed: true}
		} else {
			out[name] = schema.StringAttribute{MarkdownDescription: desc, Computed: true}
		}
	}
	return out
}

func resourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "An Instant Cluster: `pod_count` identical pods of `gpu_count_per_pod` GPUs of one type, placed in one " +
			"data center and joined by a private overlay network, for distributed training (`TRAINING`), managed Slurm " +
			"(`SLURM`) or Ray (`RAY`) topologies, or any multi-node application (`APPLICATION`). Every member pod runs the same " +
			"container configuration.\n\n" +
			"The create waits until every member pod is ready, by the same rules as `runpod_pod` (running, with its TCP ports " +
			"publicly mapped); when one fails to start, the error names the pods. RunPod renames a cluster in place " +
			"(`name`); every other change replaces it, and the plan marks which attribute forces it. **Destroying (or " +
			"replacing) the cluster terminates all its member pods**, with whatever their container disks and pod volumes " +
			"hold; the destroy plan warns so. The member pods are managed through the cluster: RunPod refuses to change or " +
			"delete them as pods.\n\n" +
			"REST v2 only (RunPod's REST v1 has no clusters): with `api_version = \"v1\"` the plan refuses the resource. " +
			"Private registries are not yet supported for clusters by RunPod.",
		Attributes: map[string]schema.Attribute{
			"id": tfresource.IDAttribute("RunPod's id of the cluster."),
			"name": schema.StringAttribute{
				MarkdownDescription: "A name for the cluster (at most 191 characters). Changes in place: RunPod renames the cluster.",
				Required:            true,
				Validators:          []validator.String{validate.Name()},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "`TRAINING`, `SLURM`, `RAY` or `APPLICATION`. SLURM and RAY assign each member a `role`." + replaces,
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(runpodapi.ClusterTypes...)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"gpu_type_id": schema.StringAttribute{
				MarkdownDescription: "The GPU type of every pod, such as `NVIDIA H100 80GB HBM3` (see `runpod_gpu_types`)." + replaces,
				Required:            true,
				Validators:          []validator.String{validate.GPUTypeID()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"gpu_count_per_pod": schema.Int64Attribute{
				MarkdownDescription: "GPUs on each pod (at least 1; at most the GPU type's maximum per pod)." + replaces,
				Required:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.RequiresReplace()},
			},
			"pod_count": schema.Int64Attribute{
				MarkdownDescription: "Pods (nodes) in the cluster, 2 to 250. The cluster has `pod_count` × `gpu_count_per_pod` GPUs." + replaces,
				Required:            true,
				Validators:          []validator.Int64{int64validator.Between(2, 250)},
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.RequiresReplace()},
			},
			"data_center_ids": schema.ListAttribute{
				MarkdownDescription: "Data centers RunPod may place the cluster in, in order of preference, such as `[\"US-TX-3\"]`. " +
					"Any when not set. A cluster is always in one data center (see `data_center_id`)." + notRecoverable + replaces,
				ElementType:   types.StringType,
				Optional:      true,
				Validators:    []validator.List{listvalidator.ValueStringsAre(validate.DataCenterID())},
				PlanModifiers: []planmodifier.List{listplanmodifier.RequiresReplace()},
			},
			"template_id": schema.StringAttribute{
				MarkdownDescription: "A pod template whose container settings every pod takes (image, start command, container " +
					"disk, ports, env, volume), as RunPod's console spreads a template into a cluster: the settings this " +
					"resource sets win, and its `env` is laid over the template's. Read once, at create: a later edit of the " +
					"template does not change the cluster. RunPod keeps no link to it." + notRecoverable + replaces,
				Optional:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"image_name": schema.StringAttribute{
				MarkdownDescription: "The container image every pod runs; required unless `template_id` gives it." + replaces,
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
			},
			"docker_start_cmd": schema.ListAttribute{
				MarkdownDescription: "Overrides the image's CMD on every pod." + notRecoverable + replaces,
				ElementType:         types.StringType,
				Optional:            true,
				PlanModifiers:       []planmodifier.List{listplanmodifier.RequiresReplace()},
			},
			"container_disk_in_gb": schema.Int64Attribute{
				MarkdownDescription: "Size of each pod's container disk, in GB (RunPod's default is 50)." + replaces,
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown(), int64planmodifier.RequiresReplace()},
			},
			"ports": schema.ListAttribute{
				MarkdownDescription: "Ports every pod exposes, each `<port>/http` or `<port>/tcp`, each port once. Expose `22/tcp` " +
					"to get `primary_ssh_endpoint`." + replaces,
				ElementType:   types.StringType,
				Optional:      true,
				Computed:      true,
				Validators:    []validator.List{validate.Ports()},
				PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown(), listplanmodifier.RequiresReplace()},
			},
			"env": schema.MapAttribute{
				MarkdownDescription: "Environment variables of every pod's container. Sensitive: values never show in plans or logs." +
					notRecoverable + replaces,
				ElementType:   types.StringType,
				Optional:      true,
				Sensitive:     true,
				Validators:    []validator.Map{validate.EnvKeys()},
				PlanModifiers: []planmodifier.Map{mapplanmodifier.RequiresReplace()},
			},
			"volume_in_gb": schema.Int64Attribute{
				MarkdownDescription: "Size of each pod's volume, in GB, mounted at `volume_mount_path`; none when not set. " +
					"Conflicts with `network_volume_id`." + notRecoverable + replaces,
				Optional: true,
				Validators: []validator.Int64{int64validator.AtLeast(1), int64validator.ConflictsWith(path.MatchRoot("network_volume_id")),
					int64validator.AlsoRequires(path.MatchRoot("volume_mount_path"))},
				PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplace()},
			},
			"network_volume_id": schema.StringAttribute{
				MarkdownDescription: "A network volume every pod mounts at `volume_mount_path`, instead of a pod volume." + notRecoverable + replaces,
				Optional:            true,
				Validators:          []validator.String{validate.ObjectID(), stringvalidator.AlsoRequires(path.MatchRoot("volume_mount_path"))},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"volume_mount_path": schema.StringAttribute{
				MarkdownDescription: "Absolute path where the pod volume or network volume is mounted; required with either." + notRecoverable + replaces,
				Optional:            true,
				Validators:          []validator.String{validate.AbsolutePath()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"start_ssh": schema.BoolAttribute{
				MarkdownDescription: "`true` puts the account's SSH public keys (see [`runpod_ssh_keys`](ssh_keys.md)) into every pod's " +
					"`PUBLIC_KEY` variable, which RunPod's images use to start sshd." + notRecoverable + replaces,
				Optional:      true,
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
			},
			"start_jupyter": schema.BoolAttribute{
				MarkdownDescription: "`true` starts JupyterLab on every pod (a generated `JUPYTER_PASSWORD`)." + notRecoverable + replaces,
				Optional:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
			},
			"data_center_id": schema.StringAttribute{
				MarkdownDescription: "The data center RunPod placed the cluster in.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"network_cidr": schema.StringAttribute{
				MarkdownDescription: "The CIDR block of the members' private overlay network.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"primary_pod_id": schema.StringAttribute{
				MarkdownDescription: "The primary (rank 0) pod, through which the cluster is usually driven; for SLURM the controller.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"primary_ssh_endpoint": schema.StringAttribute{
				MarkdownDescription: "The primary pod's public SSH endpoint, `host:port`, when it runs with `22/tcp` exposed; null otherwise.",
				Computed:            true,
			},
			"members": schema.ListNestedAttribute{
				MarkdownDescription: "The member pods, by rank.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: memberAttributes()},
			},
		},
	}
}

// NotRecoverableOnImport are the attributes RunPod does not report of a cluster: an import
// leaves them null.
var NotRecoverableOnImport = []string{
	"data_center_ids", "docker_start_cmd", "env", "volume_in_gb", "network_volume_id", "volume_mount_path", "start_ssh", "start_jupyter",
}
