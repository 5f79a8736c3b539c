// Package template holds the runpod_template resource and the runpod_template and
// runpod_templates data sources: the container settings pods and serverless endpoints run.
package template

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod"
	"github.com/runpod-community/terraform-provider-runpod/internal/tfvalue"
)

// Template categories.
const (
	CategoryNVIDIA = "NVIDIA"
	CategoryAMD    = "AMD"
	CategoryCPU    = "CPU"
)

// resetAttributes change through TemplateUpdateInput but are not in
// TemplateUpdateInPlaceInput: RunPod rolls out a new release on the endpoints that use the
// template.
var resetAttributes = []string{
	"image_name", "container_disk_in_gb", "container_registry_auth_id", "docker_entrypoint", "docker_start_cmd", "env", "ports",
}

// inPlaceAttributes are TemplateUpdateInPlaceInput.
var inPlaceAttributes = []string{"name", "is_public", "readme", "volume_in_gb", "volume_mount_path"}

// templateModel is a template as the resource manages it.
type templateModel struct {
	ID                      types.String `tfsdk:"id"`
	Name                    types.String `tfsdk:"name"`
	ImageName               types.String `tfsdk:"image_name"`
	Category                types.String `tfsdk:"category"`
	IsServerless            types.Bool   `tfsdk:"is_serverless"`
	IsPublic                types.Bool   `tfsdk:"is_public"`
	ContainerDiskInGb       types.Int64  `tfsdk:"container_disk_in_gb"`
	VolumeInGb              types.Int64  `tfsdk:"volume_in_gb"`
	VolumeMountPath         types.String `tfsdk:"volume_mount_path"`
	Ports                   types.List   `tfsdk:"ports"`
	Env                     types.Map    `tfsdk:"env"`
	DockerEntrypoint        types.List   `tfsdk:"docker_entrypoint"`
	DockerStartCmd          types.List   `tfsdk:"docker_start_cmd"`
	Readme                  types.String `tfsdk:"readme"`
	ContainerRegistryAuthID types.String `tfsdk:"container_registry_auth_id"`
}

// dataModel is a template as the data sources show it: what the resource has, and whether
// it is one of RunPod's official templates.
type dataModel struct {
	templateModel
	IsRunpod types.Bool `tfsdk:"is_runpod"`
}

// fromAPI sets m from what RunPod reports. prior is what Terraform knew before (the plan on
// create and update, the state on read, nulls on import): RunPod answers [], {} or "" for
// what is not set, shown as empty when prior was a known empty value and as null otherwise.
func (m *templateModel) fromAPI(t *runpod.Template, prior templateModel) {
	m.ID = types.StringValue(t.ID)
	m.Name = types.StringValue(t.Name)
	m.ImageName = types.StringValue(t.ImageName)
	m.Category = tfvalue.ValueOr(prior.Category, types.StringValue(CategoryNVIDIA))
	if t.Category != "" {
		m.Category = types.StringValue(t.Category)
	}
	m.IsServerless = types.BoolValue(t.IsServerless)
	m.IsPublic = types.BoolValue(t.IsPublic)
	m.ContainerDiskInGb = types.Int64Value(int64(t.ContainerDiskInGb))
	m.VolumeInGb = types.Int64Value(int64(t.VolumeInGb))
	m.VolumeMountPath = tfvalue.OptionalString(t.VolumeMountPath, prior.VolumeMountPath)
	m.Ports = tfvalue.OptionalList(t.Ports, prior.Ports)
	m.Env = tfvalue.OptionalMap(t.Env, prior.Env)
	m.DockerEntrypoint = tfvalue.OptionalList(t.DockerEntrypoint, prior.DockerEntrypoint)
	m.DockerStartCmd = tfvalue.OptionalList(t.DockerStartCmd, prior.DockerStartCmd)
	m.Readme = tfvalue.OptionalString(t.Readme, prior.Readme)
	m.ContainerRegistryAuthID = tfvalue.OptionalString(t.ContainerRegistryAuthID, prior.ContainerRegistryAuthID)
}

func (m *dataModel) fromAPI(t *runpod.Template) {
	m.templateModel.fromAPI(t, templateModel{})
	m.IsRunpod = types.BoolValue(t.IsRunpod)
}

// createInput is the POST body: what the plan sets; unknown values are left to RunPod.
func (m templateModel) createInput(ctx context.Context) (runpod.TemplateCreateInput, diag.Diagnostics) {
	var diags diag.Diagnostics
	in := runpod.TemplateCreateInput{
		Name:                    m.Name.ValueString(),
		ImageName:               m.ImageName.ValueString(),
		Category:                tfvalue.StringPtr(m.Category),
		ContainerDiskInGb:       tfvalue.IntPtr(m.ContainerDiskInGb),
		ContainerRegistryAuthID: tfvalue.StringPtr(m.ContainerRegistryAuthID),
		DockerEntrypoint:        tfvalue.StringsPtr(ctx, m.DockerEntrypoint, &diags),
		DockerStartCmd:          tfvalue.StringsPtr(ctx, m.DockerStartCmd, &diags),
		Env:                     tfvalue.StringMapPtr(ctx, m.Env, &diags),
		IsPublic:                tfvalue.BoolPtr(m.IsPublic),
		IsServerless:            tfvalue.BoolPtr(m.IsServerless),
		Ports:                   tfvalue.StringsPtr(ctx, m.Ports, &diags),
		Readme:                  tfvalue.StringPtr(m.Readme),
		VolumeInGb:              tfvalue.IntPtr(m.VolumeInGb),
		VolumeMountPath:         tfvalue.StringPtr(m.VolumeMountPath),
	}
	return in, diags
}

// updateInput is the PATCH body: the attributes whose planned value differs from the state.
// An optional attribute removed from the configuration is cleared ("", [] or {}).
func updateInput(ctx context.Context, plan, state templateModel) (runpod.TemplateUpdateInput, diag.Diagnostics) {
	var diags diag.Diagnostics
	in := runpod.TemplateUpdateInput{
		Name:                    tfvalue.ChangedString(plan.Name, state.Name),
		ImageName:               tfvalue.ChangedString(plan.ImageName, state.ImageName),
		Readme:                  tfvalue.ChangedString(plan.Readme, state.Readme),
		VolumeMountPath:         tfvalue.ChangedString(plan.VolumeMountPath, state.VolumeMountPath),
		ContainerRegistryAuthID: tfvalue.ChangedString(plan.ContainerRegistryAuthID, state.ContainerRegistryAuthID),
		ContainerDiskInGb:       tfvalue.ChangedInt(plan.ContainerDiskInGb, state.ContainerDiskInGb),
		VolumeInGb:              tfvalue.ChangedInt(plan.VolumeInGb, state.VolumeInGb),
		IsPublic:                tfvalue.ChangedBool(plan.IsPublic, state.IsPublic),
		Ports:                   tfvalue.ChangedStrings(ctx, plan.Ports, state.Ports, &diags),
		DockerEntrypoint:        tfvalue.ChangedStrings(ctx, plan.DockerEntrypoint, state.DockerEntrypoint, &diags),
		DockerStartCmd:          tfvalue.ChangedStrings(ctx, plan.DockerStartCmd, state.DockerStartCmd, &diags),
		Env:                     tfvalue.ChangedStringMap(ctx, plan.Env, state.Env, &diags),
	}
	return in, diags
}

func isEmpty(in runpod.TemplateUpdateInput) bool { return in == (runpod.TemplateUpdateInput{}) }
