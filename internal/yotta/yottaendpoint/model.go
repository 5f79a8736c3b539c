package yottaendpoint

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaapi"
)

// Desired statuses.
const (
	statusRunning = "RUNNING"
	statusStopped = "STOPPED"
)

type resourceModel struct {
	Region   types.String `tfsdk:"region"`
	GPUType  types.String `tfsdk:"gpu_type"`
	GPUCount types.Int64  `tfsdk:"gpu_count"`
}

type exposeModel struct {
	Port     types.Int64  `tfsdk:"port"`
	Protocol types.String `tfsdk:"protocol"`
}

type endpointModel struct {
	ID                      types.String    `tfsdk:"id"`
	Name                    types.String    `tfsdk:"name"`
	Image                   types.String    `tfsdk:"image"`
	ImageRegistry           types.String    `tfsdk:"image_registry"`
	ContainerRegistryAuthID types.String    `tfsdk:"container_registry_auth_id"`
	Resources               []resourceModel `tfsdk:"resources"`
	Workers                 types.Int64     `tfsdk:"workers"`
	ContainerVolumeInGB     types.Int64     `tfsdk:"container_volume_in_gb"`
	ServiceMode             types.String    `tfsdk:"service_mode"`
	Expose                  *exposeModel    `tfsdk:"expose"`
	EnvironmentVars         types.Map       `tfsdk:"environment_vars"`
	Webhook                 types.String    `tfsdk:"webhook"`
	InitializationCommand   types.String    `tfsdk:"initialization_command"`
	MinSingleCardVRAMInGB   types.Int64     `tfsdk:"min_single_card_vram_in_gb"`
	MinSingleCardRAMInGB    types.Int64     `tfsdk:"min_single_card_ram_in_gb"`
	MinSingleCardVCPU       types.Int64     `tfsdk:"min_single_card_vcpu"`
	DesiredStatus           types.String    `tfsdk:"desired_status"`
	Status                  types.String    `tfsdk:"status"`
	Domain                  types.String    `tfsdk:"domain"`
	RunningWorkers          types.Int64     `tfsdk:"running_workers"`
	TotalWorkers            types.Int64     `tfsdk:"total_workers"`
	PricePerHour            types.Float64   `tfsdk:"price_per_hour"`
	PricePerSecond          types.Float64   `tfsdk:"price_per_second"`
	CreatedAt               types.String    `tfsdk:"created_at"`
}

// settings are what the create and the PATCH both send: every configured setting (Yotta's
// PATCH requires name, resources, workers and containerVolumeInGb, and clears what it is not
// sent).
func (m endpointModel) settings(ctx context.Context, diags *diag.Diagnostics) yottaapi.EndpointSettings {
	s := yottaapi.EndpointSettings{
		Name: m.Name.ValueString(), Workers: int(m.Workers.ValueInt64()), ContainerVolumeInGB: int(m.ContainerVolumeInGB.ValueInt64()),
		MinSingleCardVRAMInGB: tfvalue.IntPtr(m.MinSingleCardVRAMInGB), MinSingleCardRAMInGB: tfvalue.IntPtr(m.MinSingleCardRAMInGB),
		MinSingleCardVCPU: tfvalue.IntPtr(m.MinSingleCardVCPU), InitializationCommand: m.InitializationCommand.ValueString(),
		Webhook: m.Webhook.ValueString(),
	}
	for _, r := range m.Resources {
		s.Resources = append(s.Resources, yottaapi.EndpointResource{Region: r.Region.ValueString(), GPUType: r.GPUType.ValueString(), GPUCount: int(r.GPUCount.ValueInt64())})
	}
	if m.Expose != nil {
		s.Expose = &yottaapi.Port{Port: int(m.Expose.Port.ValueInt64()), Protocol: strings.ToUpper(m.Expose.Protocol.ValueString())}
	}
	if env := tfvalue.StringMapPtr(ctx, m.EnvironmentVars, diags); env != nil {
		keys := make([]string, 0, len(*env))
		for k := range *env {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			s.EnvironmentVars = append(s.EnvironmentVars, yottaapi.EnvVar{Key: k, Value: (*env)[k]})
		}
	}
	return s
}

func (m endpointModel) createRequest(ctx context.Context, diags *diag.Diagnostics) yottaapi.EndpointCreateRequest {
	return yottaapi.EndpointCreateRequest{
		EndpointSettings: m.settings(ctx, diags), Image: m.Image.ValueString(), ImageRegistry: m.ImageRegistry.ValueString(),
		ContainerRegistryAuthID: yottaapi.ID(m.ContainerRegistryAuthID.ValueString()), ServiceMode: m.ServiceMode.ValueString(),
	}
}

func (m endpointModel) updateRequest(ctx context.Context, diags *diag.Diagnostics) yottaapi.EndpointUpdateRequest {
	return yottaapi.EndpointUpdateRequest{EndpointSettings: m.settings(ctx, diags), CredentialID: yottaapi.ID(m.ContainerRegistryAuthID.ValueString())}
}

// fromAPI sets what Yotta reports of e; what it leaves out (the credential, the minimums, an
// unset registry) keeps the value m had. On import (m has no name yet) the reported registry is
// taken too.
func (m *endpointModel) fromAPI(e *yottaapi.Endpoint) {
	importing := m.Name.IsNull()
	m.ID = types.StringValue(string(e.ID))
	m.Name = types.StringValue(e.Name)
	if !yottaapi.SameImage(e.Image, m.Image.ValueString()) {
		m.Image = types.StringValue(e.Image)
	}
	// Docker Hub, Yotta's default, is what an unset registry reads back as: left null on import.
	if e.ImageRegistry != nil && (!m.ImageRegistry.IsNull() || importing && !dockerHub(*e.ImageRegistry)) {
		m.ImageRegistry = tfvalue.StringOrNull(*e.ImageRegistry)
	}
	if e.Resources != nil {
		m.Resources = nil
		for _, r := range e.Resources {
			m.Resources = append(m.Resources, resourceModel{types.StringValue(r.Region), types.StringValue(r.GPUType), types.Int64Value(int64(r.GPUCount))})
		}
	}
	// A stopped endpoint may report no workers: the count is read back only while it runs.
	if (e.Status == yottaapi.EndpointRunning || e.Status == yottaapi.EndpointInitializing) && e.TotalWorkers > 0 || m.Workers.IsNull() {
		m.Workers = types.Int64Value(int64(e.TotalWorkers))
	}
	if e.ContainerVolumeInGB != nil {
		m.ContainerVolumeInGB = types.Int64Value(int64(*e.ContainerVolumeInGB))
	}
	m.ServiceMode = types.StringValue(e.ServiceMode)
	// An endpoint that reports no expose keeps the configured one: the docs' minimal endpoint
	// object has none, the MCP client's has it.
	prior := m.Expose
	if e.Expose != nil {
		proto := e.Expose.Protocol
		if prior != nil && strings.EqualFold(prior.Protocol.ValueString(), proto) {
			proto = prior.Protocol.ValueString() // a change of case is no change
		}
		m.Expose = &exposeModel{types.Int64Value(int64(e.Expose.Port)), types.StringValue(proto)}
	}
	if e.EnvironmentVars != nil {
		env := map[string]string{}
		for _, v := range e.EnvironmentVars {
			env[v.Key] = v.Value
		}
		m.EnvironmentVars = tfvalue.OptionalMap(env, m.EnvironmentVars)
	}
	webhook := ""
	if e.Webhook != nil {
		webhook = *e.Webhook
	}
	m.Webhook = tfvalue.OptionalString(webhook, m.Webhook)
	if e.InitializationCommand != nil {
		m.InitializationCommand = tfvalue.OptionalString(*e.InitializationCommand, m.InitializationCommand)
	}
	switch e.Status {
	case yottaapi.EndpointRunning, yottaapi.EndpointInitializing:
		m.DesiredStatus = types.StringValue(statusRunning)
	case yottaapi.EndpointStopping, yottaapi.EndpointStopped:
		m.DesiredStatus = types.StringValue(statusStopped)
	}
	if m.DesiredStatus.IsNull() || m.DesiredStatus.IsUnknown() {
		m.DesiredStatus = types.StringValue(statusRunning)
	}
	m.Status = types.StringValue(string(e.Status))
	m.Domain = tfvalue.StringOrNull(e.Domain)
	m.RunningWorkers = types.Int64Value(int64(e.RunningWorkers))
	m.TotalWorkers = types.Int64Value(int64(e.TotalWorkers))
	m.PricePerHour = types.Float64Value(e.PerHourPrice.Value)
	m.PricePerSecond = types.Float64Value(e.PerSecondPrice.Value)
	m.CreatedAt = tfvalue.StringOrNull(e.CreatedAt.RFC3339())
}

// dockerHub reports whether registry names Docker Hub, the registry Yotta defaults to.
func dockerHub(registry string) bool {
	r := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(registry, "https://"), "http://"), "/")
	return r == "" || r == "docker.io" || r == "index.docker.io" || r == "index.docker.io/v1" || r == "registry-1.docker.io"
}
