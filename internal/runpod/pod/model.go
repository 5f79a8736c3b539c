// Package pod is the runpod_pod resource and the runpod_pod / runpod_pods data sources: a
// GPU or CPU pod with reset-aware updates, start/stop, spot bids and readiness waits.
package pod

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// Values of compute_type, cloud_type and desired_status.
const (
	computeGPU      = "GPU"
	computeCPU      = "CPU"
	cloudSecure     = "SECURE"
	cloudCommunity  = "COMMUNITY"
	statusRunning   = runpodapi.PodStatusRunning
	statusExited    = runpodapi.PodStatusExited
	priorityAvail   = "availability"
	priorityCustom  = "custom"
	defaultName     = "my pod" // RunPod's default, shown in messages when the plan has none
	sshUser         = "root"
	proxyURLPattern = "https://%s-%s.proxy.runpod.net"
)

// NotRecoverableOnImport lists the attributes RunPod's Pod object does not report: creation
// preferences and requirements, global networking and the spot bid. Read keeps their
// configured value; after an import they are null until an apply records the configured value
// (without changing the pod). gpu_type_ids, cpu_flavor_ids and data_center_ids are read back
// as the one GPU type, CPU flavor and data center the pod got, so a longer priority list is
// not recoverable either.
var NotRecoverableOnImport = []string{
	"gpu_type_priority", "cpu_flavor_priority", "data_center_priority", "country_codes",
	"allowed_cuda_versions", "min_ram_per_gpu", "min_vcpu_per_gpu", "min_download_mbps",
	"min_upload_mbps", "min_disk_bandwidth_mbps", "support_public_ip", "global_networking", "bid_per_gpu",
	"min_cuda_version", "start_ssh", "start_jupyter",
}

// resetAttributes are RunPod's PodUpdateInput fields outside PodUpdateInPlaceInput: changing
// any of them makes RunPod reset the pod (in this order in messages).
var resetAttributes = []string{
	"image_name", "env", "ports", "container_disk_in_gb", "volume_in_gb", "volume_mount_path",
	"docker_entrypoint", "docker_start_cmd", "container_registry_auth_id", "global_networking",
}

// runtimeAttributes are the computed values a reset or a start/stop changes.
var runtimeAttributes = []string{"last_started_at", "public_ip", "port_mappings", "http_urls", "ssh_command", "status"}

// podModel is the runpod_pod resource.
type podModel struct {
	ID                      types.String   `tfsdk:"id"`
	Name                    types.String   `tfsdk:"name"`
	ImageName               types.String   `tfsdk:"image_name"`
	TemplateID              types.String   `tfsdk:"template_id"`
	ComputeType             types.String   `tfsdk:"compute_type"`
	CloudType               types.String   `tfsdk:"cloud_type"`
	GPUTypeIDs              types.List     `tfsdk:"gpu_type_ids"`
	GPUTypePriority         types.String   `tfsdk:"gpu_type_priority"`
	GPUCount                types.Int64    `tfsdk:"gpu_count"`
	CPUFlavorIDs            types.List     `tfsdk:"cpu_flavor_ids"`
	CPUFlavorPriority       types.String   `tfsdk:"cpu_flavor_priority"`
	VCPUCount               types.Int64    `tfsdk:"vcpu_count"`
	MinRAMPerGPU            types.Int64    `tfsdk:"min_ram_per_gpu"`
	MinVCPUPerGPU           types.Int64    `tfsdk:"min_vcpu_per_gpu"`
	DataCenterIDs           types.List     `tfsdk:"data_center_ids"`
	DataCenterPriority      types.String   `tfsdk:"data_center_priority"`
	CountryCodes            types.List     `tfsdk:"country_codes"`
	AllowedCudaVersions     types.List     `tfsdk:"allowed_cuda_versions"`
	MinCudaVersion          types.String   `tfsdk:"min_cuda_version"`
	StartSSH                types.Bool     `tfsdk:"start_ssh"`
	StartJupyter            types.Bool     `tfsdk:"start_jupyter"`
	MinDownloadMbps         types.Float64  `tfsdk:"min_download_mbps"`
	MinUploadMbps           types.Float64  `tfsdk:"min_upload_mbps"`
	MinDiskBandwidthMBps    types.Float64  `tfsdk:"min_disk_bandwidth_mbps"`
	SupportPublicIP         types.Bool     `tfsdk:"support_public_ip"`
	GlobalNetworking        types.Bool     `tfsdk:"global_networking"`
	ContainerDiskInGb       types.Int64    `tfsdk:"container_disk_in_gb"`
	VolumeInGb              types.Int64    `tfsdk:"volume_in_gb"`
	VolumeMountPath         types.String   `tfsdk:"volume_mount_path"`
	NetworkVolumeID         types.String   `tfsdk:"network_volume_id"`
	Ports                   types.List     `tfsdk:"ports"`
	Env                     types.Map      `tfsdk:"env"`
	EnvWO                   types.Map      `tfsdk:"env_wo"`
	EnvWOVersion            types.Int64    `tfsdk:"env_wo_version"`
	EnvWOKeys               types.List     `tfsdk:"env_wo_keys"`
	DockerEntrypoint        types.List     `tfsdk:"docker_entrypoint"`
	DockerStartCmd          types.List     `tfsdk:"docker_start_cmd"`
	ContainerRegistryAuthID types.String   `tfsdk:"container_registry_auth_id"`
	Interruptible           types.Bool     `tfsdk:"interruptible"`
	Locked                  types.Bool     `tfsdk:"locked"`
	BidPerGPU               types.Float64  `tfsdk:"bid_per_gpu"`
	DesiredStatus           types.String   `tfsdk:"desired_status"`
	Timeouts                timeouts.Value `tfsdk:"timeouts"`

	MachineID         types.String  `tfsdk:"machine_id"`
	GPUTypeID         types.String  `tfsdk:"gpu_type_id"`
	GPUDisplayName    types.String  `tfsdk:"gpu_display_name"`
	CPUFlavorID       types.String  `tfsdk:"cpu_flavor_id"`
	DataCenterID      types.String  `tfsdk:"data_center_id"`
	MemoryInGb        types.Float64 `tfsdk:"memory_in_gb"`
	CostPerHr         types.Float64 `tfsdk:"cost_per_hr"`
	AdjustedCostPerHr types.Float64 `tfsdk:"adjusted_cost_per_hr"`
	LastStartedAt     types.String  `tfsdk:"last_started_at"`
	PublicIP          types.String  `tfsdk:"public_ip"`
	PortMappings      types.Map     `tfsdk:"port_mappings"`
	HTTPURLs          types.Map     `tfsdk:"http_urls"`
	SSHCommand        types.String  `tfsdk:"ssh_command"`
	SSHProxyCommand   types.String  `tfsdk:"ssh_proxy_command"`
	Status            types.String  `tfsdk:"status"`
	CudaVersion       types.String  `tfsdk:"cuda_version"`
}

// createInput is the create request for the planned pod: only known, non-null values are
// sent, so RunPod (or the template) supplies the rest.
func (m podModel) createInput() runpodapi.PodCreateInput {
	return runpodapi.PodCreateInput{
		Name:                    tfvalue.StringPtr(m.Name),
		ImageName:               tfvalue.StringPtr(m.ImageName),
		TemplateID:              tfvalue.StringPtr(m.TemplateID),
		ComputeType:             tfvalue.StringPtr(m.ComputeType),
		CloudType:               tfvalue.StringPtr(m.CloudType),
		GPUTypeIDs:              listPtr(m.GPUTypeIDs),
		GPUTypePriority:         tfvalue.StringPtr(m.GPUTypePriority),
		GPUCount:                tfvalue.IntPtr(m.GPUCount),
		CPUFlavorIDs:            listPtr(m.CPUFlavorIDs),
		CPUFlavorPriority:       tfvalue.StringPtr(m.CPUFlavorPriority),
		VCPUCount:               tfvalue.IntPtr(m.VCPUCount),
		MinRAMPerGPU:            tfvalue.IntPtr(m.MinRAMPerGPU),
		MinVCPUPerGPU:           tfvalue.IntPtr(m.MinVCPUPerGPU),
		DataCenterIDs:           listPtr(m.DataCenterIDs),
		DataCenterPriority:      tfvalue.StringPtr(m.DataCenterPriority),
		CountryCodes:            listPtr(m.CountryCodes),
		AllowedCudaVersions:     listPtr(m.AllowedCudaVersions),
		MinDownloadMbps:         tfvalue.FloatPtr(m.MinDownloadMbps),
		MinUploadMbps:           tfvalue.FloatPtr(m.MinUploadMbps),
		MinDiskBandwidthMBps:    tfvalue.FloatPtr(m.MinDiskBandwidthMBps),
		SupportPublicIP:         tfvalue.BoolPtr(m.SupportPublicIP),
		GlobalNetworking:        tfvalue.BoolPtr(m.GlobalNetworking),
		ContainerDiskInGb:       tfvalue.IntPtr(m.ContainerDiskInGb),
		VolumeInGb:              tfvalue.IntPtr(m.VolumeInGb),
		VolumeMountPath:         tfvalue.StringPtr(m.VolumeMountPath),
		NetworkVolumeID:         tfvalue.StringPtr(m.NetworkVolumeID),
		Ports:                   listPtr(m.Ports),
		Env:                     mapPtr(m.Env),
		DockerEntrypoint:        listPtr(m.DockerEntrypoint),
		DockerStartCmd:          listPtr(m.DockerStartCmd),
		ContainerRegistryAuthID: tfvalue.StringPtr(m.ContainerRegistryAuthID),
		Interruptible:           tfvalue.BoolPtr(m.Interruptible),
		Locked:                  tfvalue.BoolPtr(m.Locked),
		MinCudaVersion:          tfvalue.StringPtr(m.MinCudaVersion),
		StartSSH:                tfvalue.BoolPtr(m.StartSSH),
		StartJupyter:            tfvalue.BoolPtr(m.StartJupyter),
	}
}

// resetChanges returns the reset attributes whose planned value differs from the prior one
// in a way RunPod would see (resetAttributes order), and the PATCH that applies them.
// ports compare as a set (a reordered list is no change); global_networking counts null as
// RunPod's default false, and after an import (when its real value is unknown) a configured
// value is only recorded.
func resetChanges(plan, prior podModel, imported bool) ([]string, runpodapi.PodUpdateInput) {
	var changed []string
	var in runpodapi.PodUpdateInput
	differs := func(name string, planned, was attr.Value) bool {
		if planned.IsNull() || planned.Equal(was) {
			return false // Optional+Computed: null is never planned for a pod that exists
		}
		changed = append(changed, name)
		return true
	}
	if differs("image_name", plan.ImageName, prior.ImageName) {
		in.ImageName = tfvalue.StringPtr(plan.ImageName)
	}
	if differs("env", plan.Env, prior.Env) {
		in.Env = mapPtr(plan.Env)
		if in.Env == nil { // unknown at plan time: decided at apply, when it is known
			in.Env = &map[string]string{}
		}
	}
	if secret := secretEnvChanges(plan, prior); len(secret) > 0 {
		changed = append(changed, secret...)
		if in.Env == nil { // the whole environment is sent again: env as it is, env_wo from the configuration
			in.Env = mapPtr(plan.Env)
			if in.Env == nil {
				in.Env = &map[string]string{}
			}
		}
	}
	if !plan.Ports.IsUnknown() && sameElements(tfvalue.Strings(plan.Ports), tfvalue.Strings(prior.Ports)) {
		// a reordered list exposes the same ports
	} else if differs("ports", plan.Ports, prior.Ports) {
		in.Ports = listPtr(plan.Ports)
	}
	if differs("container_disk_in_gb", plan.ContainerDiskInGb, prior.ContainerDiskInGb) {
		in.ContainerDiskInGb = tfvalue.IntPtr(plan.ContainerDiskInGb)
	}
	if differs("volume_in_gb", plan.VolumeInGb, prior.VolumeInGb) {
		in.VolumeInGb = tfvalue.IntPtr(plan.VolumeInGb)
	}
	if differs("volume_mount_path", plan.VolumeMountPath, prior.VolumeMountPath) {
		in.VolumeMountPath = tfvalue.StringPtr(plan.VolumeMountPath)
	}
	if differs("docker_entrypoint", plan.DockerEntrypoint, prior.DockerEntrypoint) {
		in.DockerEntrypoint = listPtr(plan.DockerEntrypoint)
	}
	if differs("docker_start_cmd", plan.DockerStartCmd, prior.DockerStartCmd) {
		in.DockerStartCmd = listPtr(plan.DockerStartCmd)
	}
	if differs("container_registry_auth_id", plan.ContainerRegistryAuthID, prior.ContainerRegistryAuthID) {
		in.ContainerRegistryAuthID = tfvalue.StringPtr(plan.ContainerRegistryAuthID)
	}
	if globalNetworkingChanged(plan.GlobalNetworking, prior.GlobalNetworking, imported) {
		changed = append(changed, "global_networking")
		in.GlobalNetworking = runpodapi.Ptr(plan.GlobalNetworking.ValueBool())
	}
	return changed, in
}

func globalNetworkingChanged(planned, prior types.Bool, imported bool) bool {
	switch {
	case planned.IsUnknown():
		return true
	case prior.IsNull() && imported:
		return false // the pod's real setting is unknown: record the configured one
	}
	return planned.ValueBool() != prior.ValueBool() // null is RunPod's default, false
}

// fromAPI sets what RunPod reports of the pod. Attributes RunPod does not report
// (NotRecoverableOnImport) keep their value in m.
func (m *podModel) fromAPI(p *runpodapi.Pod) {
	v2 := p.Source == runpodapi.BackendV2
	m.ID = types.StringValue(p.ID)
	m.Name = types.StringValue(p.Name)
	m.ImageName = types.StringValue(p.ImageName)
	if p.TemplateID != "" { // a pod never loses its template: an answer without it changes nothing
		m.TemplateID = types.StringValue(p.TemplateID)
	}
	gpuTypeID, gpuName := gpuOf(p)
	switch {
	case gpuTypeID != "":
		m.ComputeType = types.StringValue(computeGPU)
		m.GPUTypeIDs = rentedFrom(m.GPUTypeIDs, gpuTypeID)
		if p.GPU != nil && p.GPU.Count > 0 {
			m.GPUCount = types.Int64Value(int64(p.GPU.Count))
		}
		m.CPUFlavorIDs = tfvalue.KnownOr(m.CPUFlavorIDs, types.ListNull(types.StringType))
	case p.CPUFlavorID != "":
		m.ComputeType = types.StringValue(computeCPU)
		m.CPUFlavorIDs = rentedFrom(m.CPUFlavorIDs, p.CPUFlavorID)
		m.GPUTypeIDs = tfvalue.KnownOr(m.GPUTypeIDs, types.ListNull(types.StringType))
		m.GPUCount = types.Int64Null()
	}
	m.GPUTypeID = tfvalue.StringOrNull(gpuTypeID)
	if !v2 || gpuName != "" || gpuTypeID == "" { // v2 names no GPU type: a recorded name stays
		m.GPUDisplayName = tfvalue.StringOrNull(gpuName)
	}
	m.CPUFlavorID = tfvalue.StringOrNull(p.CPUFlavorID)
	// vcpu_count is a CPU pod's setting. A GPU pod's vCPUs come with its GPUs (RunPod's choice,
	// reported by REST v1 only): reading them back into vcpu_count would put them into the
	// configuration Terraform generates on import, which then fails its own validation. A GPU
	// pod's vcpu_count stays as recorded: null since this release, a number in older state.
	if p.VCPUCount > 0 && m.ComputeType.ValueString() == computeCPU {
		m.VCPUCount = types.Int64Value(int64(p.VCPUCount))
	}
	if !v2 || p.MemoryInGb > 0 { // v2 reports neither for GPU pods: the recorded values stay
		m.MemoryInGb = types.Float64Value(p.MemoryInGb)
	}
	if p.Machine != nil {
		m.CloudType = types.StringValue(cloudOf(p.Machine))
		if p.Machine.DataCenterID != "" {
			m.DataCenterID = types.StringValue(p.Machine.DataCenterID)
			m.DataCenterIDs = rentedFrom(m.DataCenterIDs, p.Machine.DataCenterID)
		}
	}
	m.ContainerDiskInGb = types.Int64Value(int64(p.ContainerDiskInGb))
	m.VolumeInGb = types.Int64Value(int64(p.VolumeInGb))
	if !v2 || p.VolumeMountPath != "" { // v2 reports no path for a pod without a volume
		m.VolumeMountPath = types.StringValue(p.VolumeMountPath)
	}
	if p.NetworkVolume != nil && p.NetworkVolume.ID != "" { // a pod never loses its network volume
		m.NetworkVolumeID = types.StringValue(p.NetworkVolume.ID)
	}
	m.Ports = keepOrder(m.Ports, p.Ports)
	m.Env, m.EnvWOKeys = splitSecretEnv(visibleEnv(p, m.Env), m.EnvWOKeys)
	if !v2 { // v2 has no entrypoint: the recorded value ([] when set through v2) stays
		m.DockerEntrypoint = tfvalue.StringList(p.DockerEntrypoint)
	} else if m.DockerEntrypoint.IsNull() || m.DockerEntrypoint.IsUnknown() {
		m.DockerEntrypoint = tfvalue.StringList([]string{})
	}
	m.DockerStartCmd = tfvalue.StringList(p.DockerStartCmd)
	m.ContainerRegistryAuthID = tfvalue.StringOrNull(p.ContainerRegistryAuthID)
	if !v2 || m.Interruptible.IsNull() || m.Interruptible.IsUnknown() { // v2 does not say whether a pod is spot
		m.Interruptible = types.BoolValue(p.Interruptible)
	}
	if p.GlobalNetworking != nil && (*p.GlobalNetworking || !m.GlobalNetworking.IsNull()) {
		m.GlobalNetworking = types.BoolValue(*p.GlobalNetworking) // v2 reports it; null stays null while it is off
	}
	m.Locked = types.BoolValue(p.Locked)
	if p.DesiredStatus == statusRunning || p.DesiredStatus == statusExited {
		m.DesiredStatus = types.StringValue(p.DesiredStatus)
	}

	m.MachineID = tfvalue.StringOrNull(p.MachineID)
	m.CostPerHr = types.Float64Value(float64(p.CostPerHr))
	m.AdjustedCostPerHr = types.Float64Value(float64(p.AdjustedCostPerHr))
	if v2 { // not reported by v2
		m.AdjustedCostPerHr = types.Float64Null()
	}
	m.LastStartedAt = tfvalue.StringOrNull(p.LastStartedAt)
	m.PublicIP = tfvalue.StringOrNull(p.PublicIP)
	m.PortMappings = portMappings(p.PortMappings)
	m.HTTPURLs = tfvalue.StringMap(httpURLs(p.ID, p.Ports))
	m.SSHCommand = tfvalue.StringOrNull(sshCommand(p))
	m.SSHProxyCommand = tfvalue.StringOrNull(p.SSHProxyCommand)
	m.Status = tfvalue.StringOrNull(p.Status)
	m.CudaVersion = tfvalue.StringOrNull(p.CudaVersion)
}

// injectedEnv are the variables REST v2 adds to a pod's environment for start_ssh and
// start_jupyter: RunPod reports them in env, but they are not the user's settings.
var injectedEnv = []string{"PUBLIC_KEY", "JUPYTER_PASSWORD"}

// visibleEnv is the pod's env without the variables RunPod injected (those the recorded env
// does not hold), so start_ssh and start_jupyter never show as a change of env.
func visibleEnv(p *runpodapi.Pod, recorded types.Map) map[string]string {
	if p.Source != runpodapi.BackendV2 {
		return p.Env
	}
	out := make(map[string]string, len(p.Env))
	for k, v := range p.Env {
		if _, kept := recorded.Elements()[k]; slices.Contains(injectedEnv, k) && !kept {
			continue
		}
		out[k] = v
	}
	return out
}

// expectsPublicIP reports whether RunPod gives the pod a public IP: always in Secure Cloud,
// in Community Cloud only when asked for.
func (m podModel) expectsPublicIP() bool {
	return m.CloudType.ValueString() != cloudCommunity || m.SupportPublicIP.ValueBool()
}

// label names the pod in messages: `"name" (id)`, or what is known of it.
func (m podModel) label() string {
	name := m.Name.ValueString()
	if m.Name.IsUnknown() || m.Name.IsNull() {
		name = ""
	}
	id := m.ID.ValueString()
	switch {
	case name != "" && id != "":
		return fmt.Sprintf("%q (id %s)", name, id)
	case id != "":
		return id
	case name != "":
		return strconv.Quote(name)
	}
	return "(new pod)"
}

func gpuOf(p *runpodapi.Pod) (id, displayName string) {
	if p.GPU != nil && p.GPU.ID != "" {
		return p.GPU.ID, p.GPU.DisplayName
	}
	if p.Machine != nil && p.Machine.GPUTypeID != "" {
		return p.Machine.GPUTypeID, p.Machine.GPUDisplayName
	}
	return "", ""
}

func cloudOf(m *runpodapi.Machine) string {
	if m.SecureCloud {
		return cloudSecure
	}
	return cloudCommunity
}

// rentedFrom reads back a priority list of which RunPod reports only the entry the pod got:
// the recorded list stays while it holds that entry; otherwise (an import, or a pod that does
// not match its list) the list becomes just that entry.
func rentedFrom(recorded types.List, got string) types.List {
	if !recorded.IsNull() && !recorded.IsUnknown() && slices.Contains(tfvalue.Strings(recorded), got) {
		return recorded
	}
	return tfvalue.StringList([]string{got})
}

// keepOrder reads back a list that RunPod may reorder: the recorded order stays while the
// elements are the same.
func keepOrder(recorded types.List, got []string) types.List {
	if !recorded.IsNull() && !recorded.IsUnknown() && sameElements(tfvalue.Strings(recorded), got) {
		return recorded
	}
	return tfvalue.StringList(got)
}

func sameElements(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// httpURLs maps each http port to its RunPod proxy URL.
func httpURLs(podID string, ports []string) map[string]string {
	urls := map[string]string{}
	for _, p := range ports {
		if num, proto, _ := strings.Cut(p, "/"); proto == "http" {
			urls[num] = fmt.Sprintf(proxyURLPattern, podID, num)
		}
	}
	return urls
}

// sshCommand is the command that reaches the pod over its public SSH port, or "" when port
// 22/tcp is not publicly mapped. REST v2 gives its own commands: the direct one, else the
// proxy one.
func sshCommand(p *runpodapi.Pod) string {
	if p.Source == runpodapi.BackendV2 {
		if p.Status != runpodapi.PodObservedRunning {
			return "" // v2 keeps its proxy command while the pod is stopped; nothing answers there
		}
		return cmp.Or(p.SSHDirectCommand, p.SSHProxyCommand)
	}
	public, ok := p.PortMappings["22"]
	if !ok || p.PublicIP == "" || !slices.Contains(p.Ports, "22/tcp") {
		return ""
	}
	return fmt.Sprintf("ssh %s@%s -p %d", sshUser, p.PublicIP, public)
}

func portMappings(m map[string]int) types.Map {
	vals := make(map[string]attr.Value, len(m))
	for k, v := range m {
		vals[k] = types.Int64Value(int64(v))
	}
	return types.MapValueMust(types.Int64Type, vals)
}

// ---- conversions between framework values and API inputs ----

// listPtr and mapPtr are the pod's tfvalue.StringsPtr and tfvalue.StringMapPtr that never
// fail: resetChanges builds its update at plan time too, when elements may be unknown (a null
// element is sent as "").

func listPtr(v types.List) *[]string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	s := tfvalue.Strings(v)
	return &s
}

func mapPtr(v types.Map) *map[string]string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	out := make(map[string]string, len(v.Elements()))
	for k, e := range v.Elements() {
		if s, ok := e.(types.String); ok {
			out[k] = s.ValueString()
		}
	}
	return &out
}

// apiFieldAttributes maps the request fields RunPod names in an error (REST v2's problem
// details, REST v1's names) to the attribute that sets them.
var apiFieldAttributes = map[string]string{
	"name": "name", "image": "image_name", "imageName": "image_name", "templateId": "template_id",
	"gpu.id": "gpu_type_ids", "gpuTypeIds": "gpu_type_ids", "gpu.count": "gpu_count", "gpuCount": "gpu_count",
	"gpu.allowedCudaVersions": "allowed_cuda_versions", "allowedCudaVersions": "allowed_cuda_versions",
	"gpu.minCudaVersion": "min_cuda_version", "cpu.id": "cpu_flavor_ids", "cpuFlavorIds": "cpu_flavor_ids",
	"cpu.vcpuCount": "vcpu_count", "vcpuCount": "vcpu_count", "cloud": "cloud_type", "cloudType": "cloud_type",
	"dataCenterIds": "data_center_ids", "countryCodes": "country_codes", "args": "docker_start_cmd",
	"dockerStartCmd": "docker_start_cmd", "dockerEntrypoint": "docker_entrypoint", "disk": "container_disk_in_gb",
	"containerDiskInGb": "container_disk_in_gb", "mounts.persistent.size": "volume_in_gb", "volumeInGb": "volume_in_gb",
	"mounts.persistent.path": "volume_mount_path", "volumeMountPath": "volume_mount_path",
	"mounts.network": "network_volume_id", "networkVolumeId": "network_volume_id", "ports": "ports", "env": "env",
	"registry": "container_registry_auth_id", "containerRegistryAuthId": "container_registry_auth_id",
	"globalNetworking": "global_networking", "startSsh": "start_ssh", "startJupyter": "start_jupyter",
}
