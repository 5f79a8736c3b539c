// Package template holds the runpod_template resource and the runpod_template and
// runpod_templates data sources: the container settings pods and serverless endpoints run.
package template

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod"
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
func (m *templateModel) fromAPI(ctx context.Context, t *runpod.Template, prior templateModel) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(t.ID)
	m.Name = types.StringValue(t.Name)
	m.ImageName = types.StringValue(t.ImageName)
	m.Category = knownOr(prior.Category, types.StringValue(CategoryNVIDIA))
	if t.Category != "" {
		m.Category = types.StringValue(t.Category)
	}
	m.IsServerless = types.BoolValue(t.IsServerless)
	m.IsPublic = types.BoolValue(t.IsPublic)
	m.ContainerDiskInGb = types.Int64Value(int64(t.ContainerDiskInGb))
	m.VolumeInGb = types.Int64Value(int64(t.VolumeInGb))
	m.VolumeMountPath = emptyAware(t.VolumeMountPath, prior.VolumeMountPath)
	m.Ports = stringList(ctx, t.Ports, prior.Ports, &diags)
	m.Env = stringMap(ctx, t.Env, prior.Env, &diags)
	m.DockerEntrypoint = stringList(ctx, t.DockerEntrypoint, prior.DockerEntrypoint, &diags)
	m.DockerStartCmd = stringList(ctx, t.DockerStartCmd, prior.DockerStartCmd, &diags)
	m.Readme = emptyAware(t.Readme, prior.Readme)
	m.ContainerRegistryAuthID = emptyAware(t.ContainerRegistryAuthID, prior.ContainerRegistryAuthID)
	return diags
}

func (m *dataModel) fromAPI(ctx context.Context, t *runpod.Template) diag.Diagnostics {
	diags := m.templateModel.fromAPI(ctx, t, templateModel{})
	m.IsRunpod = types.BoolValue(t.IsRunpod)
	return diags
}

// createInput is the POST body: what the plan sets; unknown values are left to RunPod.
func (m templateModel) createInput(ctx context.Context) (runpod.TemplateCreateInput, diag.Diagnostics) {
	var diags diag.Diagnostics
	in := runpod.TemplateCreateInput{
		Name:                    m.Name.ValueString(),
		ImageName:               m.ImageName.ValueString(),
		Category:                stringPtr(m.Category),
		ContainerDiskInGb:       intPtr(m.ContainerDiskInGb),
		ContainerRegistryAuthID: stringPtr(m.ContainerRegistryAuthID),
		DockerEntrypoint:        stringsPtr(ctx, m.DockerEntrypoint, &diags),
		DockerStartCmd:          stringsPtr(ctx, m.DockerStartCmd, &diags),
		Env:                     envPtr(ctx, m.Env, &diags),
		IsPublic:                boolPtr(m.IsPublic),
		IsServerless:            boolPtr(m.IsServerless),
		Ports:                   stringsPtr(ctx, m.Ports, &diags),
		Readme:                  stringPtr(m.Readme),
		VolumeInGb:              intPtr(m.VolumeInGb),
		VolumeMountPath:         stringPtr(m.VolumeMountPath),
	}
	return in, diags
}

// updateInput is the PATCH body: the attributes whose planned value differs from the state.
// An optional attribute removed from the configuration is cleared ("", [] or {}).
func updateInput(ctx context.Context, plan, state templateModel) (runpod.TemplateUpdateInput, diag.Diagnostics) {
	var diags diag.Diagnostics
	var in runpod.TemplateUpdateInput
	changed := func(p, s attr.Value) bool { return !p.IsUnknown() && !p.Equal(s) }

	for _, f := range []struct {
		plan, state types.String
		dst         **string
	}{
		{plan.Name, state.Name, &in.Name},
		{plan.ImageName, state.ImageName, &in.ImageName},
		{plan.Readme, state.Readme, &in.Readme},
		{plan.VolumeMountPath, state.VolumeMountPath, &in.VolumeMountPath},
		{plan.ContainerRegistryAuthID, state.ContainerRegistryAuthID, &in.ContainerRegistryAuthID},
	} {
		if changed(f.plan, f.state) {
			*f.dst = runpod.Ptr(f.plan.ValueString()) // "" clears
		}
	}
	for _, f := range []struct {
		plan, state types.Int64
		dst         **int
	}{
		{plan.ContainerDiskInGb, state.ContainerDiskInGb, &in.ContainerDiskInGb},
		{plan.VolumeInGb, state.VolumeInGb, &in.VolumeInGb},
	} {
		if changed(f.plan, f.state) && !f.plan.IsNull() {
			*f.dst = runpod.Ptr(int(f.plan.ValueInt64()))
		}
	}
	if changed(plan.IsPublic, state.IsPublic) && !plan.IsPublic.IsNull() {
		in.IsPublic = runpod.Ptr(plan.IsPublic.ValueBool())
	}
	for _, f := range []struct {
		plan, state types.List
		dst         **[]string
	}{
		{plan.Ports, state.Ports, &in.Ports},
		{plan.DockerEntrypoint, state.DockerEntrypoint, &in.DockerEntrypoint},
		{plan.DockerStartCmd, state.DockerStartCmd, &in.DockerStartCmd},
	} {
		if !changed(f.plan, f.state) {
			continue
		}
		values := []string{} // null clears
		if !f.plan.IsNull() {
			diags.Append(f.plan.ElementsAs(ctx, &values, false)...)
		}
		*f.dst = &values
	}
	if changed(plan.Env, state.Env) {
		env := map[string]string{} // null clears
		if !plan.Env.IsNull() {
			diags.Append(plan.Env.ElementsAs(ctx, &env, false)...)
		}
		in.Env = &env
	}
	return in, diags
}

func isEmpty(in runpod.TemplateUpdateInput) bool { return in == (runpod.TemplateUpdateInput{}) }

// ---- value helpers ----

// emptyAware maps an API string: "" is null unless prior was a known "".
func emptyAware(s string, prior types.String) types.String {
	if s == "" && (prior.IsNull() || prior.IsUnknown() || prior.ValueString() != "") {
		return types.StringNull()
	}
	return types.StringValue(s)
}

func knownOr[T attr.Value](v T, def T) T {
	if v.IsUnknown() || v.IsNull() {
		return def
	}
	return v
}

func stringPtr(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return runpod.Ptr(v.ValueString())
}

func intPtr(v types.Int64) *int {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return runpod.Ptr(int(v.ValueInt64()))
}

func boolPtr(v types.Bool) *bool {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return runpod.Ptr(v.ValueBool())
}

func stringsPtr(ctx context.Context, v types.List, diags *diag.Diagnostics) *[]string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	out := []string{}
	diags.Append(v.ElementsAs(ctx, &out, false)...)
	return &out
}

func envPtr(ctx context.Context, v types.Map, diags *diag.Diagnostics) *map[string]string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	out := map[string]string{}
	diags.Append(v.ElementsAs(ctx, &out, false)...)
	return &out
}

func knownEmpty(prior attr.Value, n int) bool { return !prior.IsNull() && !prior.IsUnknown() && n == 0 }

// stringList maps an API list: empty is null unless prior was a known empty list.
func stringList(ctx context.Context, values []string, prior types.List, diags *diag.Diagnostics) types.List {
	if len(values) == 0 {
		if knownEmpty(prior, len(prior.Elements())) {
			return types.ListValueMust(types.StringType, []attr.Value{})
		}
		return types.ListNull(types.StringType)
	}
	v, d := types.ListValueFrom(ctx, types.StringType, values)
	diags.Append(d...)
	return v
}

// stringMap maps an API map: empty is null unless prior was a known empty map.
func stringMap(ctx context.Context, values map[string]string, prior types.Map, diags *diag.Diagnostics) types.Map {
	if len(values) == 0 {
		if knownEmpty(prior, len(prior.Elements())) {
			return types.MapValueMust(types.StringType, map[string]attr.Value{})
		}
		return types.MapNull(types.StringType)
	}
	v, d := types.MapValueFrom(ctx, types.StringType, values)
	diags.Append(d...)
	return v
}
