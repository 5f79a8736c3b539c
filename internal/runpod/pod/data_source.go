package pod

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/validate"
)

// NewDataSource returns the runpod_pod data source.
func NewDataSource() datasource.DataSource {
	return providerutil.DataSource("_pod", podSchema, readPod)
}

// podDataModel is a pod as both data sources describe it.
type podDataModel struct {
	ID                      types.String  `tfsdk:"id"`
	Name                    types.String  `tfsdk:"name"`
	ImageName               types.String  `tfsdk:"image_name"`
	TemplateID              types.String  `tfsdk:"template_id"`
	ComputeType             types.String  `tfsdk:"compute_type"`
	CloudType               types.String  `tfsdk:"cloud_type"`
	GPUTypeID               types.String  `tfsdk:"gpu_type_id"`
	GPUDisplayName          types.String  `tfsdk:"gpu_display_name"`
	GPUCount                types.Int64   `tfsdk:"gpu_count"`
	CPUFlavorID             types.String  `tfsdk:"cpu_flavor_id"`
	VCPUCount               types.Int64   `tfsdk:"vcpu_count"`
	MemoryInGb              types.Float64 `tfsdk:"memory_in_gb"`
	DataCenterID            types.String  `tfsdk:"data_center_id"`
	ContainerDiskInGb       types.Int64   `tfsdk:"container_disk_in_gb"`
	VolumeInGb              types.Int64   `tfsdk:"volume_in_gb"`
	VolumeMountPath         types.String  `tfsdk:"volume_mount_path"`
	NetworkVolumeID         types.String  `tfsdk:"network_volume_id"`
	Ports                   types.List    `tfsdk:"ports"`
	Env                     types.Map     `tfsdk:"env"`
	DockerEntrypoint        types.List    `tfsdk:"docker_entrypoint"`
	DockerStartCmd          types.List    `tfsdk:"docker_start_cmd"`
	ContainerRegistryAuthID types.String  `tfsdk:"container_registry_auth_id"`
	Interruptible           types.Bool    `tfsdk:"interruptible"`
	Locked                  types.Bool    `tfsdk:"locked"`
	DesiredStatus           types.String  `tfsdk:"desired_status"`
	MachineID               types.String  `tfsdk:"machine_id"`
	CostPerHr               types.Float64 `tfsdk:"cost_per_hr"`
	AdjustedCostPerHr       types.Float64 `tfsdk:"adjusted_cost_per_hr"`
	LastStartedAt           types.String  `tfsdk:"last_started_at"`
	LastStatusChange        types.String  `tfsdk:"last_status_change"`
	PublicIP                types.String  `tfsdk:"public_ip"`
	PortMappings            types.Map     `tfsdk:"port_mappings"`
	HTTPURLs                types.Map     `tfsdk:"http_urls"`
	SSHCommand              types.String  `tfsdk:"ssh_command"`
	SSHProxyCommand         types.String  `tfsdk:"ssh_proxy_command"`
	Status                  types.String  `tfsdk:"status"`
	CudaVersion             types.String  `tfsdk:"cuda_version"`
}

// podDataFromAPI describes p, deriving what the resource derives (compute type, cloud, GPU).
func podDataFromAPI(p *runpodapi.Pod) podDataModel {
	var m podModel
	m.fromAPI(p)
	d := podDataModel{
		ID: m.ID, Name: m.Name, ImageName: m.ImageName, TemplateID: m.TemplateID, ComputeType: m.ComputeType,
		CloudType: m.CloudType, GPUTypeID: m.GPUTypeID, GPUDisplayName: m.GPUDisplayName, GPUCount: m.GPUCount,
		CPUFlavorID: m.CPUFlavorID, VCPUCount: m.VCPUCount, MemoryInGb: m.MemoryInGb, DataCenterID: m.DataCenterID,
		ContainerDiskInGb: m.ContainerDiskInGb, VolumeInGb: m.VolumeInGb, VolumeMountPath: m.VolumeMountPath,
		NetworkVolumeID: m.NetworkVolumeID, Ports: m.Ports, Env: m.Env, DockerEntrypoint: m.DockerEntrypoint,
		DockerStartCmd: m.DockerStartCmd, ContainerRegistryAuthID: m.ContainerRegistryAuthID, Interruptible: m.Interruptible,
		Locked: m.Locked, DesiredStatus: tfvalue.StringOrNull(p.DesiredStatus), MachineID: m.MachineID, CostPerHr: m.CostPerHr,
		AdjustedCostPerHr: m.AdjustedCostPerHr, LastStartedAt: m.LastStartedAt, LastStatusChange: tfvalue.StringOrNull(p.LastStatusChange),
		PublicIP: m.PublicIP, PortMappings: m.PortMappings, HTTPURLs: m.HTTPURLs, SSHCommand: m.SSHCommand,
		SSHProxyCommand: m.SSHProxyCommand, Status: m.Status, CudaVersion: m.CudaVersion,
	}
	if p.Source == runpodapi.BackendV2 { // not reported by v2
		d.Interruptible = types.BoolNull()
	}
	if p.Machine == nil {
		d.CloudType = types.StringNull()
	}
	if p.GPU == nil && p.CPUFlavorID == "" {
		d.ComputeType = types.StringNull()
	}
	return d
}

// podAttributes describe a pod in both data sources (computed; the single one's id is an input).
func podAttributes() map[string]schema.Attribute {
	str := func(desc string) schema.Attribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	num := func(desc string) schema.Attribute {
		return schema.Int64Attribute{MarkdownDescription: desc, Computed: true}
	}
	flt := func(desc string) schema.Attribute {
		return schema.Float64Attribute{MarkdownDescription: desc, Computed: true}
	}
	boo := func(desc string) schema.Attribute {
		return schema.BoolAttribute{MarkdownDescription: desc, Computed: true}
	}
	list := func(desc string) schema.Attribute {
		return schema.ListAttribute{MarkdownDescription: desc, Computed: true, ElementType: types.StringType}
	}
	return map[string]schema.Attribute{
		"id":                   str("The pod's id."),
		"name":                 str("The pod's name."),
		"image_name":           str("The container image."),
		"template_id":          str("The template the pod was created from, if any."),
		"compute_type":         str("`GPU` or `CPU`."),
		"cloud_type":           str("`SECURE` or `COMMUNITY`."),
		"gpu_type_id":          str("The pod's GPU type, such as `NVIDIA GeForce RTX 4090`; null for CPU pods."),
		"gpu_display_name":     str("Short name of the GPU type, such as `RTX 4090`."),
		"gpu_count":            num("Number of GPUs; null for CPU pods."),
		"cpu_flavor_id":        str("The CPU flavor of a CPU pod, such as `cpu3c`."),
		"vcpu_count":           num("vCPUs of the pod."),
		"memory_in_gb":         flt("System RAM of the pod, in GB."),
		"data_center_id":       str("The data center the pod runs in."),
		"container_disk_in_gb": num("Size of the container disk, in GB."),
		"volume_in_gb":         num("Size of the pod volume, in GB."),
		"volume_mount_path":    str("Where the volume is mounted."),
		"network_volume_id":    str("The attached network volume, if any."),
		"ports":                list("Exposed ports, such as `8888/http`."),
		"env": schema.MapAttribute{
			MarkdownDescription: "Environment variables of the container (sensitive).",
			Computed:            true, Sensitive: true, ElementType: types.StringType,
		},
		"docker_entrypoint":          list("ENTRYPOINT override; empty for the image's."),
		"docker_start_cmd":           list("CMD override; empty for the image's."),
		"container_registry_auth_id": str("Registry credentials used to pull the image, if any."),
		"interruptible":              boo("Whether it is a spot pod; null with REST v2, which does not report it."),
		"locked":                     boo("Whether the pod is locked against stop and reset."),
		"desired_status":             str("`RUNNING`, `EXITED` or `TERMINATED`."),
		"machine_id":                 str("Id of the host machine; null with REST v2, which does not report it."),
		"cost_per_hr":                flt("What the pod costs per hour while it runs, in USD."),
		"adjusted_cost_per_hr":       flt("`cost_per_hr` after savings plans, in USD; null with REST v2, which does not report it."),
		"last_started_at":            str("When the container last started."),
		"last_status_change":         str("RunPod's description of the last lifecycle event."),
		"public_ip":                  str("The public IP; null while stopped or when the pod has none."),
		"port_mappings": schema.MapAttribute{
			MarkdownDescription: "Public port of each TCP port, such as `{\"22\" = 10341}`.",
			Computed:            true, ElementType: types.Int64Type,
		},
		"http_urls": schema.MapAttribute{
			MarkdownDescription: "RunPod proxy URL of each HTTP port.",
			Computed:            true, ElementType: types.StringType,
		},
		"ssh_command":       str("`ssh root@<public_ip> -p <port>` when port 22/tcp is publicly mapped; with REST v2, RunPod's direct command or else its proxy command."),
		"ssh_proxy_command": str("The command that reaches the pod through RunPod's SSH proxy (REST v2 only; null with v1)."),
		"status":            str("What RunPod observes: `PROVISIONING`, `STARTING`, `RUNNING`, `EXITED` or `ERROR` (REST v2 only; null with v1)."),
		"cuda_version":      str("The CUDA version of the pod's host (REST v2 only; null with v1)."),
	}
}

// runtimeModel is what the container of a running pod reports.
type runtimeModel struct {
	UptimeInSeconds types.Int64        `tfsdk:"uptime_in_seconds"`
	Ports           []runtimePortModel `tfsdk:"ports"`
	GPUs            []runtimeGPUModel  `tfsdk:"gpus"`
}

type runtimePortModel struct {
	IP          types.String `tfsdk:"ip"`
	IsIPPublic  types.Bool   `tfsdk:"is_ip_public"`
	PrivatePort types.Int64  `tfsdk:"private_port"`
	PublicPort  types.Int64  `tfsdk:"public_port"`
	Type        types.String `tfsdk:"type"`
}

type runtimeGPUModel struct {
	ID                types.String `tfsdk:"id"`
	GPUUtilPercent    types.Int64  `tfsdk:"gpu_util_percent"`
	MemoryUtilPercent types.Int64  `tfsdk:"memory_util_percent"`
}

func runtimeFromAPI(rt *runpodapi.PodRuntime) *runtimeModel {
	if rt == nil {
		return nil
	}
	out := &runtimeModel{UptimeInSeconds: types.Int64Value(int64(rt.UptimeInSeconds)), Ports: []runtimePortModel{}, GPUs: []runtimeGPUModel{}}
	for _, p := range rt.Ports {
		port := runtimePortModel{
			IP: tfvalue.StringOrNull(p.IP), IsIPPublic: types.BoolValue(p.IsIPPublic), PrivatePort: types.Int64Value(int64(p.PrivatePort)),
			PublicPort: types.Int64Null(), Type: tfvalue.StringOrNull(p.Type),
		}
		if p.PublicPort != 0 {
			port.PublicPort = types.Int64Value(int64(p.PublicPort))
		}
		out.Ports = append(out.Ports, port)
	}
	for _, g := range rt.GPUs {
		out.GPUs = append(out.GPUs, runtimeGPUModel{
			ID: tfvalue.StringOrNull(g.ID), GPUUtilPercent: types.Int64Value(int64(g.GPUUtilPercent)), MemoryUtilPercent: types.Int64Value(int64(g.MemoryUtilPercent)),
		})
	}
	return out
}

type podDataSourceModel struct {
	podDataModel
	Runtime *runtimeModel `tfsdk:"runtime"`
}

func podSchema() schema.Schema {
	attrs := podAttributes()
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: "Id of the pod to read.",
		Required:            true,
		Validators:          []validator.String{validate.ObjectID()},
	}
	attrs["runtime"] = schema.SingleNestedAttribute{
		MarkdownDescription: "What the running container reports (from RunPod's GraphQL API); null while the pod is stopped or still starting.",
		Computed:            true,
		Attributes: map[string]schema.Attribute{
			"uptime_in_seconds": schema.Int64Attribute{MarkdownDescription: "Seconds since the container started.", Computed: true},
			"ports": schema.ListNestedAttribute{
				MarkdownDescription: "The container's exposed ports.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"ip":           schema.StringAttribute{MarkdownDescription: "Address the port is reachable at.", Computed: true},
					"is_ip_public": schema.BoolAttribute{MarkdownDescription: "Whether `ip` is public.", Computed: true},
					"private_port": schema.Int64Attribute{MarkdownDescription: "Port inside the container.", Computed: true},
					"public_port":  schema.Int64Attribute{MarkdownDescription: "Port on `ip`; null when not mapped.", Computed: true},
					"type":         schema.StringAttribute{MarkdownDescription: "`http` or `tcp`.", Computed: true},
				}},
			},
			"gpus": schema.ListNestedAttribute{
				MarkdownDescription: "Utilisation of each GPU.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":                  schema.StringAttribute{MarkdownDescription: "GPU id.", Computed: true},
					"gpu_util_percent":    schema.Int64Attribute{MarkdownDescription: "GPU utilisation, in percent.", Computed: true},
					"memory_util_percent": schema.Int64Attribute{MarkdownDescription: "GPU memory utilisation, in percent.", Computed: true},
				}},
			},
		},
	}
	return schema.Schema{
		MarkdownDescription: "One RunPod pod by id, with its runtime (uptime, ports, GPU utilisation) while it runs. " +
			"Fails when no pod has that id.",
		Attributes: attrs,
	}
}

func readPod(ctx context.Context, client runpodapi.API, data *podDataSourceModel, diags *diag.Diagnostics) {
	id := data.ID.ValueString()
	read := func(ctx context.Context, id string) (*runpodapi.Pod, error) {
		return runpodapi.ReadPod(ctx, client, id)
	}
	p := providerutil.GetByID(ctx, diags, "pod", id, read,
		fmt.Sprintf("RunPod has no pod %q in this account. The runpod_pods data source lists the account's pods.", id))
	if p == nil {
		return
	}
	out := podDataSourceModel{podDataModel: podDataFromAPI(p)}
	switch {
	case p.Source == runpodapi.BackendV2: // v2 reports the runtime with the pod: no second read
		out.Runtime = runtimeFromAPI(p.Runtime)
	case p.DesiredStatus == statusRunning:
		rt, err := client.GetPodRuntime(ctx, id)
		if err != nil && !runpodapi.IsNotFound(err) {
			providerutil.AddAPIError(diags, "read the runtime of pod "+id, err)
			return
		}
		out.Runtime = runtimeFromAPI(rt)
	}
	*data = out
}
