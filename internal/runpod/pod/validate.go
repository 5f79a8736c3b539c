package pod

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/secretenv"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
)

// gpuOnlyAttributes and cpuOnlyAttributes are refused for the other compute type: RunPod
// would silently ignore them.
var (
	gpuOnlyAttributes = []string{"gpu_type_ids", "gpu_type_priority", "gpu_count", "min_ram_per_gpu", "min_vcpu_per_gpu", "allowed_cuda_versions", "global_networking", "bid_per_gpu"}
	cpuOnlyAttributes = []string{"cpu_flavor_ids", "cpu_flavor_priority", "vcpu_count"}
)

// validateConfig checks the rules that span attributes. Unknown values are skipped: they are
// checked again once known.
func validateConfig(m podModel) diag.Diagnostics {
	var diags diag.Diagnostics
	set := func(v attr.Value) bool { return !v.IsNull() }

	switch {
	case m.ImageName.IsUnknown() || m.TemplateID.IsUnknown():
	case !set(m.ImageName) && !set(m.TemplateID):
		diags.AddAttributeError(path.Root("image_name"), "Missing image",
			"Set exactly one of image_name and template_id: image_name runs that container image; template_id takes the "+
				"image, ports, env and disk sizes from a template.")
	case set(m.ImageName) && set(m.TemplateID):
		diags.AddAttributeError(path.Root("template_id"), "Conflicting image settings",
			"image_name and template_id are both set: set exactly one of them. To run another image than the template's, "+
				"use image_name with the template's other settings written out.")
	}

	values := m.attributeValues()
	compute := m.ComputeType.ValueString()
	if m.ComputeType.IsNull() {
		compute = computeGPU
	}
	if !m.ComputeType.IsUnknown() {
		wrong, other := cpuOnlyAttributes, computeCPU
		if compute == computeCPU {
			wrong, other = gpuOnlyAttributes, computeGPU
		}
		for _, name := range wrong {
			if set(values[name]) {
				diags.AddAttributeError(path.Root(name), "Attribute does not apply to "+compute+" pods",
					fmt.Sprintf("%s applies to %s pods only, and this pod has compute_type = %q: remove %s, or set compute_type = %q.",
						name, other, compute, name, other))
			}
		}
	}

	if set(m.BidPerGPU) {
		if !m.Interruptible.IsUnknown() && !m.Interruptible.ValueBool() {
			diags.AddAttributeError(path.Root("bid_per_gpu"), "Bid without interruptible",
				"bid_per_gpu is a spot bid: it needs interruptible = true. Set interruptible = true to rent a spot pod at that bid, "+
					"or remove bid_per_gpu for an on-demand pod.")
		}
		diags.Append(validateSpotLimits(m, "bid_per_gpu uses",
			"or remove bid_per_gpu to rent the spot pod through the REST API (interruptible = true without a bid)", false)...)
	}
	diags.Append(secretenv.Conflicts(m.Env, m.EnvWO, "env", "env_wo")...)
	return diags
}

// validateSpotLimits refuses what RunPod's spot API (podRentInterruptable) cannot take: the
// create would otherwise drop or change it silently. who says what uses that API
// ("bid_per_gpu uses"), instead what else the user can do.
// manyTypes allows a priority list of GPU types (the provider tries each at its spot price).
func validateSpotLimits(m podModel, who, instead string, manyTypes bool) diag.Diagnostics {
	var diags diag.Diagnostics
	summary := "Not supported with bid_per_gpu"
	if m.BidPerGPU.IsNull() {
		summary = "Not supported for spot pods on REST v2"
	}
	refuse := func(name, what string) {
		diags.AddAttributeError(path.Root(name), summary,
			fmt.Sprintf("RunPod's spot API (podRentInterruptable), which %s, cannot take %s. Remove %s, %s.", who, what, name, instead))
	}
	atMostOne := func(name string, v types.List) {
		if !v.IsUnknown() && len(v.Elements()) > 1 {
			refuse(name, fmt.Sprintf("more than one entry in %s (it takes one)", name))
		}
	}
	switch {
	case m.GPUTypeIDs.IsUnknown():
	case m.GPUTypeIDs.IsNull():
		diags.AddAttributeError(path.Root("gpu_type_ids"), "Missing GPU type for a spot pod",
			"A spot bid is for one GPU type: set gpu_type_ids to a list of exactly one GPU type, such as [\"NVIDIA GeForce RTX 4090\"].")
	case !manyTypes:
		atMostOne("gpu_type_ids", m.GPUTypeIDs)
	}
	atMostOne("data_center_ids", m.DataCenterIDs)
	atMostOne("country_codes", m.CountryCodes)
	if !m.DockerEntrypoint.IsUnknown() && len(m.DockerEntrypoint.Elements()) > 0 {
		refuse("docker_entrypoint", "docker_entrypoint")
	}
	if !m.ContainerRegistryAuthID.IsNull() {
		refuse("container_registry_auth_id", "container_registry_auth_id")
	}
	if m.GlobalNetworking.ValueBool() {
		refuse("global_networking", "global_networking = true")
	}
	for name, v := range map[string]attr.Value{"gpu_type_priority": m.GPUTypePriority, "data_center_priority": m.DataCenterPriority, "min_disk_bandwidth_mbps": m.MinDiskBandwidthMBps} {
		if !v.IsNull() {
			refuse(name, name)
		}
	}
	for _, arg := range tfvalue.Strings(m.DockerStartCmd) {
		if strings.ContainsAny(arg, " \t\n") || arg == "" {
			refuse("docker_start_cmd", fmt.Sprintf("docker_start_cmd arguments that are empty or contain whitespace (it takes one space-separated string; got %q)", arg))
			break
		}
	}
	for name, v := range map[string]types.Float64{"min_download_mbps": m.MinDownloadMbps, "min_upload_mbps": m.MinUploadMbps} {
		if !v.IsNull() && !v.IsUnknown() && v.ValueFloat64() != math.Trunc(v.ValueFloat64()) {
			refuse(name, fmt.Sprintf("a fractional %s (it takes whole Mbit/s; got %v)", name, v.ValueFloat64()))
		}
	}
	slices.SortFunc(diags, func(a, b diag.Diagnostic) int { return strings.Compare(a.Detail(), b.Detail()) })
	return diags
}

// attributeValues maps the attributes validateConfig looks up by name.
func (m podModel) attributeValues() map[string]attr.Value {
	return map[string]attr.Value{
		"gpu_type_ids": m.GPUTypeIDs, "gpu_type_priority": m.GPUTypePriority, "gpu_count": m.GPUCount,
		"min_ram_per_gpu": m.MinRAMPerGPU, "min_vcpu_per_gpu": m.MinVCPUPerGPU, "allowed_cuda_versions": m.AllowedCudaVersions,
		"global_networking": m.GlobalNetworking, "bid_per_gpu": m.BidPerGPU,
		"cpu_flavor_ids": m.CPUFlavorIDs, "cpu_flavor_priority": m.CPUFlavorPriority, "vcpu_count": m.VCPUCount,
	}
}
