package endpoint

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// ValidateConfig refuses settings of the other compute type (RunPod would ignore them and
// the plan would never settle), workers_min above workers_max and a load balancer scaling on
// anything but request count. What depends on the API version is decided in ModifyPlan, once
// the provider is configured.
func (r *endpointResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg resourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !cfg.ComputeType.IsUnknown() {
		computeType := ComputeGPU
		if !cfg.ComputeType.IsNull() {
			computeType = cfg.ComputeType.ValueString()
		}
		gpuOnly := map[string]attr.Value{
			"gpu_type_ids": cfg.GPUTypeIDs, "gpu_count": cfg.GPUCount,
			"allowed_cuda_versions": cfg.AllowedCudaVersions, "min_cuda_version": cfg.MinCudaVersion,
		}
		cpuOnly := map[string]attr.Value{"cpu_flavor_ids": cfg.CPUFlavorIDs, "vcpu_count": cfg.VCPUCount}
		wrong, other := cpuOnly, ComputeCPU
		if computeType == ComputeCPU {
			wrong, other = gpuOnly, ComputeGPU
		}
		for _, name := range slices.Sorted(maps.Keys(wrong)) {
			if !wrong[name].IsNull() {
				resp.Diagnostics.AddAttributeError(path.Root(name), "Setting of the other compute type",
					fmt.Sprintf("%s applies to %s endpoints only, and this endpoint's compute_type is %q. Remove %s, or set "+
						"compute_type = %q (which replaces the endpoint).", name, other, computeType, name, other))
			}
		}
	}
	if cfg.Type.ValueString() == TypeLoadBalancer && cfg.ScalerType.ValueString() == ScalerQueueDelay {
		resp.Diagnostics.AddAttributeError(path.Root("scaler_type"), "Load balancers scale on request count",
			"A LOAD_BALANCER endpoint has no queue, so it scales on REQUEST_COUNT only. Set scaler_type = \"REQUEST_COUNT\" "+
				"(or remove it), or use type = \"QUEUE\".")
	}
	checkWorkers(cfg.WorkersMin, cfg.WorkersMax, &resp.Diagnostics)
}

func checkWorkers(minimum, maximum types.Int64, diags *diag.Diagnostics) {
	if minimum.IsNull() || minimum.IsUnknown() || maximum.IsNull() || maximum.IsUnknown() {
		return
	}
	if minimum.ValueInt64() > maximum.ValueInt64() {
		diags.AddAttributeError(path.Root("workers_min"), "workers_min above workers_max",
			fmt.Sprintf("workers_min (%d) must not be greater than workers_max (%d): raise workers_max or lower workers_min.",
				minimum.ValueInt64(), maximum.ValueInt64()))
	}
}
