package pod

import (
	"fmt"
	"math/bits"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// What one RunPod API can express and the other cannot is decided here, at plan time, so an
// apply never fails (or silently drops a setting) because of the API version.

// spotRetirement is when RunPod's docs retire GraphQL, which spot pods need on REST v2.
const spotRetirement = "early 2027"

// minV2VolumeInGb is REST v2's smallest pod volume (mounts.persistent.size).
const minV2VolumeInGb = 10

// v1OnlySettings returns the attributes REST v2 has no field for that m sets (to something
// other than their default), with why.
func v1OnlySettings(m podModel) map[string]string {
	out := map[string]string{}
	setTrue := func(v types.Bool) bool { return !v.IsNull() && !v.IsUnknown() && v.ValueBool() }
	for name, v := range map[string]attr.Value{
		"min_download_mbps": m.MinDownloadMbps, "min_upload_mbps": m.MinUploadMbps,
		"min_disk_bandwidth_mbps": m.MinDiskBandwidthMBps, "min_ram_per_gpu": m.MinRAMPerGPU, "min_vcpu_per_gpu": m.MinVCPUPerGPU,
	} {
		if !v.IsNull() {
			out[name] = "REST v2 cannot filter hosts by it"
		}
	}
	if setTrue(m.SupportPublicIP) {
		out["support_public_ip"] = "REST v2 cannot ask for a Community Cloud host with a public IP"
	}
	if !m.DockerEntrypoint.IsNull() && !m.DockerEntrypoint.IsUnknown() && len(m.DockerEntrypoint.Elements()) > 0 {
		out["docker_entrypoint"] = "REST v2 has no entrypoint override (put the command in docker_start_cmd, which v2 passes to the image's entrypoint)"
	}
	return out
}

// v2OnlySettings returns the attributes only REST v2 takes that m sets.
func v2OnlySettings(m podModel) []string {
	var out []string
	if !m.MinCudaVersion.IsNull() {
		out = append(out, "min_cuda_version")
	}
	if m.StartSSH.ValueBool() {
		out = append(out, "start_ssh")
	}
	if m.StartJupyter.ValueBool() {
		out = append(out, "start_jupyter")
	}
	return out
}

// backendDiagnostics checks the configured pod against what backend b can express (the
// configuration, not the plan: an unset Optional+Computed attribute is unknown in a plan).
// creating says the pod is new (create-only settings are checked only then).
func backendDiagnostics(plan podModel, b runpodapi.Backend, creating bool) diag.Diagnostics {
	var diags diag.Diagnostics
	if b == runpodapi.BackendV1 {
		for _, name := range v2OnlySettings(plan) {
			if creating {
				diags.AddAttributeError(path.Root(name), "Not supported by RunPod's REST v1",
					fmt.Sprintf("%s is a setting of RunPod's REST v2, and this provider uses REST v1 (api_version = \"v1\"). Remove %s, "+
						"or use REST v2 (api_version = \"v2\", the default).", name, name))
			}
		}
		return diags
	}

	v1Only := v1OnlySettings(plan)
	for _, name := range sortedKeys(v1Only) {
		diags.AddAttributeError(path.Root(name), "Not supported by RunPod's REST v2",
			fmt.Sprintf("%s cannot be set with RunPod's REST v2 (api_version = \"v2\", the default): %s. Remove %s, or use REST v1 "+
				"(api_version = \"v1\") while RunPod still serves it.", name, v1Only[name], name))
	}
	cpu := plan.ComputeType.ValueString() == computeCPU
	if v := plan.VolumeInGb; !v.IsNull() && !v.IsUnknown() && v.ValueInt64() > 0 {
		switch {
		case cpu:
			diags.AddAttributeError(path.Root("volume_in_gb"), "CPU pods have no pod volume on REST v2",
				fmt.Sprintf("volume_in_gb is %d, and RunPod's REST v2 gives CPU pods no pod volume. Set volume_in_gb = 0 (or remove it) "+
					"and attach a network volume (network_volume_id) for data that must survive.", v.ValueInt64()))
		case v.ValueInt64() < minV2VolumeInGb:
			diags.AddAttributeError(path.Root("volume_in_gb"), "Pod volume too small for REST v2",
				fmt.Sprintf("volume_in_gb is %d, and RunPod's REST v2 makes pod volumes of at least %d GB. Set %d or more, or 0 for "+
					"no volume.", v.ValueInt64(), minV2VolumeInGb, minV2VolumeInGb))
		}
	}
	if v := plan.VCPUCount; creating && cpu && !v.IsNull() && !v.IsUnknown() && (v.ValueInt64() < 2 || bits.OnesCount64(uint64(v.ValueInt64())) != 1) {
		diags.AddAttributeError(path.Root("vcpu_count"), "vCPU count REST v2 cannot rent",
			fmt.Sprintf("vcpu_count is %d, and RunPod's REST v2 rents CPU pods with a power of two vCPUs, at least 2: use 2, 4, 8, 16 "+
				"or 32 (within the flavor's range).", v.ValueInt64()))
	}
	if !plan.MinCudaVersion.IsNull() && !plan.AllowedCudaVersions.IsNull() {
		diags.AddAttributeError(path.Root("min_cuda_version"), "Conflicting CUDA settings",
			"Set min_cuda_version (a lowest version) or allowed_cuda_versions (an exact set), not both: RunPod refuses both together.")
	}
	if creating && plan.Interruptible.ValueBool() && plan.BidPerGPU.IsNull() {
		// v2 has no spot pods: the provider bids RunPod's spot price through GraphQL, whose
		// limits (one GPU type, ...) then apply as they do to bid_per_gpu.
		diags.Append(validateSpotLimits(plan, "spot pods use with REST v2 (at RunPod's current spot price)",
			"or rent an on-demand pod (interruptible = false)", true)...)
	}
	if creating && plan.Interruptible.ValueBool() {
		diags.AddAttributeWarning(path.Root("interruptible"), "Spot pods use RunPod's GraphQL API until "+spotRetirement,
			fmt.Sprintf("RunPod's REST v2 has no spot pods, so the provider rents and resumes pod %s through RunPod's GraphQL API, "+
				"which RunPod's docs retire in %s. After that RunPod will refuse to create spot pods: plan to move it to an on-demand "+
				"pod (interruptible = false) before then.", plan.label(), spotRetirement))
	}
	return diags
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
