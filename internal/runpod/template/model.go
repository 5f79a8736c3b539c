// Package template holds the runpod_template resource and the runpod_template and
// runpod_templates data sources: the container settings pods and serverless endpoints run.
package template

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/secretenv"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/templaterollout"
)

// Template categories.
const (
	CategoryNVIDIA = "NVIDIA"
	CategoryAMD    = "AMD"
	CategoryCPU    = "CPU"
)

// resetAttributes change through TemplateUpdateInput but are not in
// TemplateUpdateInPlaceInput: they are the container the endpoints that use the template copy,
// and a change rolls out a new release on them (RunPod does on REST v1, the provider on v2).
var resetAttributes = templaterollout.ContainerAttributes

// inPlaceAttributes are TemplateUpdateInPlaceInput (REST v1).
var inPlaceAttributes = []string{"name", "is_public", "readme", "volume_in_gb", "volume_mount_path"}

// replacedOnV1 change in place on REST v2 but replace the template on REST v1.
var replacedOnV1 = []string{"category", "is_serverless"}

// v1OnlyAttributes are settings REST v2 has not: the plan refuses them there unless empty.
var v1OnlyAttributes = []string{"readme", "docker_entrypoint"}

// v2OnlyAttributes are settings REST v1 has not: the plan refuses them there when true.
var v2OnlyAttributes = []string{"start_ssh", "start_jupyter"}

// inPlaceAttributesV2 change in place on REST v2: REST v1's but what REST v2 has not (readme),
// then what REST v1 replaces (category, is_serverless) and what only REST v2 has.
var inPlaceAttributesV2 = slices.Concat(
	slices.DeleteFunc(slices.Clone(inPlaceAttributes), func(name string) bool { return slices.Contains(v1OnlyAttributes, name) }),
	replacedOnV1, v2OnlyAttributes)

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
	StartSSH                types.Bool   `tfsdk:"start_ssh"`
	StartJupyter            types.Bool   `tfsdk:"start_jupyter"`
}

// resourceModel is the runpod_template resource's model: a template, and its secret
// environment (kit/secretenv), which the data sources do not have.
type resourceModel struct {
	templateModel
	EnvWO        types.Map   `tfsdk:"env_wo"`
	EnvWOVersion types.Int64 `tfsdk:"env_wo_version"`
	EnvWOKeys    types.List  `tfsdk:"env_wo_keys"`
}

// secretEnvAttributes are the secret environment's settings: a change of env_wo_version, or of
// env_wo's keys, sends env and env_wo again, which on a serverless template rolls out a
// release on its endpoints (a value of env_wo alone is not seen).
var secretEnvAttributes = []string{"env_wo", "env_wo_version"}

// secretEnvTriggers are the attributes whose change sends env_wo again.
var secretEnvTriggers = []string{"env_wo_version", "env_wo_keys"}

// fromAPI sets m from what RunPod reports, as templateModel.fromAPI does, with the recorded
// secret keys (prior's) left out of env and kept in env_wo_keys while RunPod reports them.
func (m *resourceModel) fromAPI(t *runpodapi.Template, prior resourceModel) {
	env, keys := secretenv.Split(t.Env, prior.EnvWOKeys)
	visible := *t
	visible.Env = env
	m.templateModel.fromAPI(&visible, prior.templateModel)
	m.EnvWOKeys = keys
}

// createInput is templateModel's, with env merged with the configuration's env_wo.
func (m resourceModel) createInput(ctx context.Context, config resourceModel) (runpodapi.TemplateCreateInput, diag.Diagnostics) {
	in, diags := m.templateModel.createInput(ctx)
	in.Env = secretenv.Merge(in.Env, config.EnvWO)
	return in, diags
}

// resourceUpdateInput is updateInput, with the environment sent whole (env merged with the
// configuration's env_wo, as RunPod replaces the whole environment) whenever env, env_wo_version
// or env_wo's keys change.
func resourceUpdateInput(ctx context.Context, plan, state, config resourceModel) (runpodapi.TemplateUpdateInput, diag.Diagnostics) {
	in, diags := updateInput(ctx, plan.templateModel, state.templateModel)
	if in.Env == nil && len(secretenv.Changes("env_wo_version", "env_wo", plan.EnvWOVersion, state.EnvWOVersion, plan.EnvWOKeys, state.EnvWOKeys)) > 0 {
		in.Env = tfvalue.StringMapPtr(ctx, plan.Env, &diags)
		if in.Env == nil {
			in.Env = &map[string]string{}
		}
	}
	if in.Env != nil {
		in.Env = secretenv.Merge(in.Env, config.EnvWO)
	}
	return in, diags
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
func (m *templateModel) fromAPI(t *runpodapi.Template, prior templateModel) {
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
	m.StartSSH = startFlag(t.StartSSH, prior.StartSSH)
	m.StartJupyter = startFlag(t.StartJupyter, prior.StartJupyter)
}

// startFlag maps REST v2's startSsh or startJupyter (nil from REST v1: the prior value stays).
// An unset attribute stays null whatever RunPod reports: the provider creates the template
// with false, and does not manage the setting afterwards (a template made through REST v1, or
// changed in RunPod's console, keeps what it has). A set one reads back, so drift shows.
func startFlag(reported *bool, prior types.Bool) types.Bool {
	if reported == nil || prior.IsNull() || prior.IsUnknown() {
		return prior
	}
	return types.BoolValue(*reported)
}

func (m *dataModel) fromAPI(t *runpodapi.Template) {
	m.templateModel.fromAPI(t, templateModel{})
	m.IsRunpod = types.BoolValue(t.IsRunpod)
	m.StartSSH, m.StartJupyter = types.BoolPointerValue(t.StartSSH), types.BoolPointerValue(t.StartJupyter)
}

// createInput is the POST body: what the plan sets; unknown values are left to RunPod.
func (m templateModel) createInput(ctx context.Context) (runpodapi.TemplateCreateInput, diag.Diagnostics) {
	var diags diag.Diagnostics
	in := runpodapi.TemplateCreateInput{
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
		StartSSH:                tfvalue.BoolPtr(m.StartSSH),
		StartJupyter:            tfvalue.BoolPtr(m.StartJupyter),
	}
	return in, diags
}

// updateInput is the PATCH body: the attributes whose planned value differs from the state.
// An optional attribute removed from the configuration is cleared ("", [] or {}).
func updateInput(ctx context.Context, plan, state templateModel) (runpodapi.TemplateUpdateInput, diag.Diagnostics) {
	var diags diag.Diagnostics
	in := runpodapi.TemplateUpdateInput{
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
		// REST v2 only: v1 replaces the template instead (see ModifyPlan).
		Category:     tfvalue.ChangedString(plan.Category, state.Category),
		IsServerless: tfvalue.ChangedBool(plan.IsServerless, state.IsServerless),
		StartSSH:     changedFlag(plan.StartSSH, state.StartSSH),
		StartJupyter: changedFlag(plan.StartJupyter, state.StartJupyter),
	}
	return in, diags
}

// changedFlag is tfvalue.ChangedBool for start_ssh and start_jupyter, where not set means
// false: removing a true one turns it off.
func changedFlag(planned, prior types.Bool) *bool {
	if planned.IsNull() {
		if prior.ValueBool() {
			return runpodapi.Ptr(false)
		}
		return nil
	}
	return tfvalue.ChangedBool(planned, prior)
}

func isEmpty(in runpodapi.TemplateUpdateInput) bool { return in == (runpodapi.TemplateUpdateInput{}) }
