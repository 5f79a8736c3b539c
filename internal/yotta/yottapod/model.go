package yottapod

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaapi"
)

// podModel is the yotta_pod resource's data.
type podModel struct {
	ID                      types.String   `tfsdk:"id"`
	Name                    types.String   `tfsdk:"name"`
	Regions                 types.Set      `tfsdk:"regions"`
	Image                   types.String   `tfsdk:"image"`
	ImageRegistry           types.String   `tfsdk:"image_registry"`
	ContainerRegistryAuthID types.String   `tfsdk:"container_registry_auth_id"`
	ImagePublicType         types.String   `tfsdk:"image_public_type"`
	ResourceType            types.String   `tfsdk:"resource_type"`
	GPUType                 types.String   `tfsdk:"gpu_type"`
	GPUCount                types.Int64    `tfsdk:"gpu_count"`
	MinSingleCardVRAMInGB   types.Int64    `tfsdk:"min_single_card_vram_in_gb"`
	MinSingleCardRAMInGB    types.Int64    `tfsdk:"min_single_card_ram_in_gb"`
	MinSingleCardVCPU       types.Int64    `tfsdk:"min_single_card_vcpu"`
	ShmInGB                 types.Int64    `tfsdk:"shm_in_gb"`
	ContainerVolumeInGB     types.Int64    `tfsdk:"container_volume_in_gb"`
	PersistentVolumeInGB    types.Int64    `tfsdk:"persistent_volume_in_gb"`
	PersistentMountPath     types.String   `tfsdk:"persistent_mount_path"`
	InitializationCommand   types.String   `tfsdk:"initialization_command"`
	EnvironmentVars         types.Map      `tfsdk:"environment_vars"`
	Expose                  types.Set      `tfsdk:"expose"`
	PersistentVolumes       types.Set      `tfsdk:"persistent_volumes"`
	DesiredStatus           types.String   `tfsdk:"desired_status"`
	Timeouts                timeouts.Value `tfsdk:"timeouts"`

	Status             types.String  `tfsdk:"status"`
	FailedReason       types.String  `tfsdk:"failed_reason"`
	Region             types.String  `tfsdk:"region"`
	CloudType          types.String  `tfsdk:"cloud_type"`
	GPUDisplayName     types.String  `tfsdk:"gpu_display_name"`
	SingleCardVRAMInGB types.Int64   `tfsdk:"single_card_vram_in_gb"`
	SingleCardRAMInGB  types.Int64   `tfsdk:"single_card_ram_in_gb"`
	SingleCardVCPU     types.Int64   `tfsdk:"single_card_vcpu"`
	SingleCardPrice    types.Float64 `tfsdk:"single_card_price"`
	PricePerHour       types.Float64 `tfsdk:"price_per_hour"`
	SSHCommand         types.String  `tfsdk:"ssh_command"`
	InternalIP         types.String  `tfsdk:"internal_ip"`
	ExposedPorts       types.List    `tfsdk:"exposed_ports"`
	IngressURLs        types.Map     `tfsdk:"ingress_urls"`
	CreatedAt          types.String  `tfsdk:"created_at"`
	UpdatedAt          types.String  `tfsdk:"updated_at"`
}

// label names the pod in messages: its name and id.
func (m podModel) label() string {
	if m.ID.IsNull() || m.ID.IsUnknown() {
		return strconv.Quote(m.Name.ValueString())
	}
	return strconv.Quote(m.Name.ValueString()) + " (" + m.ID.ValueString() + ")"
}

// createRequest is the POST /v2/pods body for the plan: every attribute set is sent, the rest
// left to Yotta's defaults.
func (m podModel) createRequest(ctx context.Context, diags *diag.Diagnostics) yottaapi.PodCreateRequest {
	in := yottaapi.PodCreateRequest{
		Name:                    m.Name.ValueString(),
		Image:                   m.Image.ValueString(),
		ImageRegistry:           m.ImageRegistry.ValueString(),
		ContainerRegistryAuthID: yottaapi.ID(m.ContainerRegistryAuthID.ValueString()),
		ImagePublicType:         m.ImagePublicType.ValueString(),
		ResourceType:            m.ResourceType.ValueString(),
		GPUType:                 m.GPUType.ValueString(),
		GPUCount:                int(m.GPUCount.ValueInt64()),
		MinSingleCardVRAMInGB:   tfvalue.IntPtr(m.MinSingleCardVRAMInGB),
		MinSingleCardRAMInGB:    tfvalue.IntPtr(m.MinSingleCardRAMInGB),
		MinSingleCardVCPU:       tfvalue.IntPtr(m.MinSingleCardVCPU),
		ShmInGB:                 tfvalue.IntPtr(m.ShmInGB),
		ContainerVolumeInGB:     tfvalue.IntPtr(m.ContainerVolumeInGB),
		PersistentVolumeInGB:    tfvalue.IntPtr(m.PersistentVolumeInGB),
		PersistentMountPath:     m.PersistentMountPath.ValueString(),
		InitializationCommand:   m.InitializationCommand.ValueString(),
	}
	if regions := tfvalue.StringsPtr(ctx, m.Regions, diags); regions != nil {
		in.Regions = *regions
		slices.Sort(in.Regions) // a set: sent in a stable order
	}
	if env := tfvalue.StringMapPtr(ctx, m.EnvironmentVars, diags); env != nil {
		keys := make([]string, 0, len(*env))
		for k := range *env {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			in.EnvironmentVars = append(in.EnvironmentVars, yottaapi.EnvVar{Key: k, Value: (*env)[k]})
		}
	}
	if !m.Expose.IsNull() && !m.Expose.IsUnknown() {
		var ports []exposeModel
		diags.Append(m.Expose.ElementsAs(ctx, &ports, false)...)
		for _, p := range ports {
			in.Expose = append(in.Expose, yottaapi.Port{Port: int(p.Port.ValueInt64()), Protocol: strings.ToUpper(p.Protocol.ValueString())})
		}
		slices.SortFunc(in.Expose, func(a, b yottaapi.Port) int { return a.Port - b.Port })
	}
	if !m.PersistentVolumes.IsNull() && !m.PersistentVolumes.IsUnknown() {
		var vols []persistentVolumeModel
		diags.Append(m.PersistentVolumes.ElementsAs(ctx, &vols, false)...)
		for _, v := range vols {
			in.PersistentVolumes = append(in.PersistentVolumes, yottaapi.PersistentVolume{
				VolumeID: yottaapi.ID(v.VolumeID.ValueString()), MountPath: v.MountPath.ValueString(), NeedBackup: tfvalue.BoolPtr(v.NeedBackup),
			})
		}
		slices.SortFunc(in.PersistentVolumes, func(a, b yottaapi.PersistentVolume) int { return strings.Compare(a.MountPath, b.MountPath) })
	}
	return in
}

// fromAPI sets what Yotta reports of the pod, with m holding the prior values (plan or
// state): a setting Yotta leaves out of its answer keeps its prior value, and so do the
// settings it never reports (regions, credential, minimums, persistent volume settings).
func (m *podModel) fromAPI(ctx context.Context, p *yottaapi.Pod) {
	m.ID = types.StringValue(string(p.ID))
	m.Name = types.StringValue(p.Name)
	if m.Image.IsNull() || m.Image.IsUnknown() || !yottaapi.SameImage(m.Image.ValueString(), p.Image) {
		m.Image = types.StringValue(p.Image)
	}
	if p.ImageRegistry != nil {
		m.ImageRegistry = tfvalue.StringOrNull(*p.ImageRegistry)
	}
	if p.ResourceType != nil {
		m.ResourceType = tfvalue.StringOrNull(*p.ResourceType)
	}
	m.GPUType = types.StringValue(p.GPUType)
	m.GPUCount = types.Int64Value(int64(p.GPUCount))
	if p.ShmInGB != nil {
		m.ShmInGB = types.Int64Value(int64(*p.ShmInGB))
	}
	if p.ContainerVolumeInGB != nil {
		m.ContainerVolumeInGB = types.Int64Value(int64(*p.ContainerVolumeInGB))
	}
	if p.InitializationCommand != nil {
		m.InitializationCommand = tfvalue.StringOrNull(*p.InitializationCommand)
	}
	if p.EnvironmentVars != nil {
		env := make(map[string]string, len(p.EnvironmentVars))
		for _, e := range p.EnvironmentVars {
			env[e.Key] = e.Value
		}
		if got := tfvalue.StringMap(env); len(env) > 0 || !m.EnvironmentVars.IsNull() {
			m.EnvironmentVars = got // Yotta does not tell "none" from "not set": empty reads as null if it was
		}
	}
	if p.Expose != nil {
		if len(p.Expose) > 0 || !m.Expose.IsNull() {
			m.Expose = exposeFromAPI(ctx, p.Expose, m.Expose)
		}
	}
	switch p.Status {
	case yottaapi.PodInitialize, yottaapi.PodRunning:
		m.DesiredStatus = types.StringValue(statusRunning)
	case yottaapi.PodPausing, yottaapi.PodPaused:
		m.DesiredStatus = types.StringValue(statusPaused)
	default: // FAILED (replaced by the next plan) or unknown: what was asked stays
		if m.DesiredStatus.IsNull() || m.DesiredStatus.IsUnknown() {
			m.DesiredStatus = types.StringValue(statusRunning)
		}
	}
	v := viewFromAPI(p)
	m.Status, m.FailedReason, m.Region, m.CloudType, m.GPUDisplayName = v.Status, v.FailedReason, v.Region, v.CloudType, v.GPUDisplayName
	m.SingleCardVRAMInGB, m.SingleCardRAMInGB, m.SingleCardVCPU = v.SingleCardVRAMInGB, v.SingleCardRAMInGB, v.SingleCardVCPU
	m.SingleCardPrice, m.PricePerHour = v.SingleCardPrice, v.PricePerHour
	m.SSHCommand, m.InternalIP, m.ExposedPorts, m.IngressURLs = v.SSHCommand, v.InternalIP, v.ExposedPorts, v.IngressURLs
	m.CreatedAt, m.UpdatedAt = v.CreatedAt, v.UpdatedAt
}

// exposeFromAPI is expose as Yotta reports it, with each protocol spelt as prior spells it
// when they differ only in case (Yotta upper-cases them).
func exposeFromAPI(ctx context.Context, ports []yottaapi.ExposedPort, prior types.Set) types.Set {
	spelling := map[int64]string{}
	if !prior.IsNull() && !prior.IsUnknown() {
		var priorPorts []exposeModel
		_ = prior.ElementsAs(ctx, &priorPorts, false)
		for _, p := range priorPorts {
			spelling[p.Port.ValueInt64()] = p.Protocol.ValueString()
		}
	}
	elems := make([]attr.Value, 0, len(ports))
	for _, p := range ports {
		proto := p.Protocol
		if s, ok := spelling[int64(p.Port)]; ok && strings.EqualFold(s, proto) {
			proto = s
		}
		elems = append(elems, types.ObjectValueMust(exposeType.AttrTypes, map[string]attr.Value{
			"port": types.Int64Value(int64(p.Port)), "protocol": types.StringValue(proto),
		}))
	}
	return types.SetValueMust(exposeType, elems)
}

// podView is what Yotta reports of a pod, for the data sources (and the resource's computed
// attributes).
type podView struct {
	ID                    types.String  `tfsdk:"id"`
	Name                  types.String  `tfsdk:"name"`
	Status                types.String  `tfsdk:"status"`
	FailedReason          types.String  `tfsdk:"failed_reason"`
	Region                types.String  `tfsdk:"region"`
	CloudType             types.String  `tfsdk:"cloud_type"`
	ResourceType          types.String  `tfsdk:"resource_type"`
	Image                 types.String  `tfsdk:"image"`
	ImageRegistry         types.String  `tfsdk:"image_registry"`
	GPUType               types.String  `tfsdk:"gpu_type"`
	GPUDisplayName        types.String  `tfsdk:"gpu_display_name"`
	GPUCount              types.Int64   `tfsdk:"gpu_count"`
	SingleCardVRAMInGB    types.Int64   `tfsdk:"single_card_vram_in_gb"`
	SingleCardRAMInGB     types.Int64   `tfsdk:"single_card_ram_in_gb"`
	SingleCardVCPU        types.Int64   `tfsdk:"single_card_vcpu"`
	SingleCardPrice       types.Float64 `tfsdk:"single_card_price"`
	PricePerHour          types.Float64 `tfsdk:"price_per_hour"`
	ContainerVolumeInGB   types.Int64   `tfsdk:"container_volume_in_gb"`
	ShmInGB               types.Int64   `tfsdk:"shm_in_gb"`
	InitializationCommand types.String  `tfsdk:"initialization_command"`
	EnvironmentVars       types.Map     `tfsdk:"environment_vars"`
	SSHCommand            types.String  `tfsdk:"ssh_command"`
	InternalIP            types.String  `tfsdk:"internal_ip"`
	ExposedPorts          types.List    `tfsdk:"exposed_ports"`
	IngressURLs           types.Map     `tfsdk:"ingress_urls"`
	CreatedAt             types.String  `tfsdk:"created_at"`
	UpdatedAt             types.String  `tfsdk:"updated_at"`
}

func intOrNull(n yottaapi.Int) types.Int64 {
	if n == 0 {
		return types.Int64Null()
	}
	return types.Int64Value(int64(n))
}

func intPtrOrNull(n *yottaapi.Int) types.Int64 {
	if n == nil {
		return types.Int64Null()
	}
	return types.Int64Value(int64(*n))
}

func strPtrOrNull(s *string) types.String {
	if s == nil {
		return types.StringNull()
	}
	return tfvalue.StringOrNull(*s)
}

// viewFromAPI maps a pod as Yotta reports it.
func viewFromAPI(p *yottaapi.Pod) podView {
	v := podView{
		ID:                    types.StringValue(string(p.ID)),
		Name:                  types.StringValue(p.Name),
		Status:                tfvalue.StringOrNull(string(p.Status)),
		FailedReason:          types.StringNull(),
		Region:                tfvalue.StringOrNull(p.Region),
		CloudType:             tfvalue.StringOrNull(p.CloudType),
		ResourceType:          strPtrOrNull(p.ResourceType),
		Image:                 types.StringValue(p.Image),
		ImageRegistry:         strPtrOrNull(p.ImageRegistry),
		GPUType:               tfvalue.StringOrNull(p.GPUType),
		GPUDisplayName:        tfvalue.StringOrNull(p.GPUDisplayName),
		GPUCount:              types.Int64Value(int64(p.GPUCount)),
		SingleCardVRAMInGB:    intOrNull(p.SingleCardVRAMInGB),
		SingleCardRAMInGB:     intOrNull(p.SingleCardRAMInGB),
		SingleCardVCPU:        intOrNull(p.SingleCardVCPU),
		SingleCardPrice:       types.Float64Null(),
		PricePerHour:          types.Float64Null(),
		ContainerVolumeInGB:   intPtrOrNull(p.ContainerVolumeInGB),
		ShmInGB:               intPtrOrNull(p.ShmInGB),
		InitializationCommand: strPtrOrNull(p.InitializationCommand),
		SSHCommand:            tfvalue.StringOrNull(p.SSHCmd),
		InternalIP:            tfvalue.StringOrNull(p.InternalIP),
		CreatedAt:             tfvalue.StringOrNull(p.CreatedAt.RFC3339()),
		UpdatedAt:             tfvalue.StringOrNull(p.UpdatedAt.RFC3339()),
	}
	if p.Status == yottaapi.PodFailed {
		v.FailedReason = tfvalue.StringOrNull(p.FailedReason)
	}
	if p.SingleCardPrice.Set {
		v.SingleCardPrice = types.Float64Value(p.SingleCardPrice.Value)
		v.PricePerHour = types.Float64Value(p.SingleCardPrice.Value * float64(p.GPUCount))
	}
	env := map[string]string{}
	for _, e := range p.EnvironmentVars {
		env[e.Key] = e.Value
	}
	v.EnvironmentVars = tfvalue.StringMap(env)

	ports := slices.Clone(p.Expose)
	slices.SortStableFunc(ports, func(a, b yottaapi.ExposedPort) int { return a.Port - b.Port })
	elems := make([]attr.Value, 0, len(ports))
	urls := map[string]string{}
	for _, e := range ports {
		proxy := types.Int64Null()
		if e.ProxyPort != 0 {
			proxy = types.Int64Value(int64(e.ProxyPort))
		}
		elems = append(elems, types.ObjectValueMust(exposedPortType.AttrTypes, map[string]attr.Value{
			"port": types.Int64Value(int64(e.Port)), "protocol": types.StringValue(e.Protocol), "proxy_port": proxy,
			"host": tfvalue.StringOrNull(e.Host), "healthy": types.BoolValue(e.Healthy),
			"ingress_url": tfvalue.StringOrNull(e.IngressURL), "service_name": tfvalue.StringOrNull(e.ServiceName),
		}))
		if e.IngressURL != "" {
			urls[strconv.Itoa(e.Port)] = e.IngressURL
		}
	}
	v.ExposedPorts = types.ListValueMust(exposedPortType, elems)
	v.IngressURLs = tfvalue.StringMap(urls)
	return v
}
