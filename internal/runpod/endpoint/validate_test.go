package endpoint_test

import (
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

func TestAccEndpoint_badInputFailsAtPlanTime(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		cases := []struct {
			body string
			err  []string
		}{
			{`idle_timeout = 0`, []string{`Attribute idle_timeout value must be between 1 and 3600, got: 0`}},
			{`idle_timeout = 3601`, []string{`Attribute idle_timeout value must be between 1 and 3600, got: 3601`}},
			{`scaler_value = 0`, []string{`Attribute scaler_value value must be at least 1, got: 0`}},
			{`scaler_type = "QUEUE"`, []string{`Attribute scaler_type value must be one of: ["QUEUE_DELAY" "REQUEST_COUNT"], got: "QUEUE"`}},
			{`compute_type = "TPU"`, []string{`Attribute compute_type value must be one of: ["GPU" "CPU"], got: "TPU"`}},
			{"workers_min = 4\n  workers_max = 2", []string{`workers_min above workers_max`, `workers_min (4) must not be greater than workers_max (2): raise workers_max or lower workers_min.`}},
			{`workers_max = -1`, []string{`Attribute workers_max value must be at least 0, got: -1`}},
			{"compute_type = \"CPU\"\n  gpu_type_ids = [\"NVIDIA L4\"]", []string{`Setting of the other compute type`,
				`gpu_type_ids applies to GPU endpoints only, and this endpoint's compute_type is "CPU". Remove gpu_type_ids, or set compute_type = "GPU" (which replaces the endpoint).`}},
			{`vcpu_count = 4`, []string{`Setting of the other compute type`,
				`vcpu_count applies to CPU endpoints only, and this endpoint's compute_type is "GPU". Remove vcpu_count, or set compute_type = "CPU" (which replaces the endpoint).`}},
			{`gpu_type_ids = []`, []string{`Attribute gpu_type_ids list must contain at least 1 elements, got: 0`}},
			{`gpu_type_ids = ["NVIDIA L4", "NVIDIA L4"]`, []string{`Duplicate List Value`, `This attribute contains duplicate values of: "NVIDIA L4"`}},
			{`data_center_ids = ["eu-ro-1"]`, []string{`must be a RunPod data center id, such as EU-RO-1 or US-TX-3, got: eu-ro-1`}},
			{`min_cuda_version = "12"`, []string{`Attribute min_cuda_version must be a CUDA version such as "12.4", got: 12`}},
			{"network_volume_id = \"vol1\"\n  network_volume_ids = [\"vol2\"]",
				[]string{`Attribute "network_volume_ids" cannot be specified when "network_volume_id" is specified`}},
			{`timeouts = { create = "soon" }`, []string{`Invalid duration`, `Attribute timeouts.create must be a positive duration`, `got: "soon", which is not a duration`}},
			{`timeouts = { update = "0s" }`, []string{`Attribute timeouts.update must be a positive duration`}},
			{`name = ""`, []string{`Attribute name string length must be between 1 and 191, got: 0`}},
			{`cpu_flavor_ids = ["3c"]`, []string{`must be a RunPod CPU flavor id, such as cpu3c or cpu5g, got: 3c`}},
			{`type = "BATCH"`, []string{`Attribute type value must be one of: ["QUEUE" "LOAD_BALANCER"], got: "BATCH"`}},
			{`flashboot_mode = "ON"`, []string{`Attribute flashboot_mode value must be one of: ["OFF" "FLASHBOOT" "PRIORITY_FLASHBOOT"], got: "ON"`}},
			{"flashboot = true\n  flashboot_mode = \"FLASHBOOT\"", []string{`Attribute "flashboot" cannot be specified when "flashboot_mode" is specified`}},
			{"type = \"LOAD_BALANCER\"\n  scaler_type = \"QUEUE_DELAY\"", []string{`Load balancers scale on request count`,
				`A LOAD_BALANCER endpoint has no queue, so it scales on REQUEST_COUNT only. Set scaler_type = "REQUEST_COUNT" (or remove it), or use type = "QUEUE".`}},
		}
		// What one API cannot express fails the plan, before any call.
		if b == runpodapi.BackendV1 {
			cases = append(cases, []struct {
				body string
				err  []string
			}{
				{`type = "LOAD_BALANCER"`, []string{`Not supported by RunPod's REST v1`, `type = "LOAD_BALANCER" is a setting of RunPod's REST v2, ` +
					`and this provider uses REST v1 (api_version = "v1"). Remove type (or change it), or use REST v2 (api_version = "v2", the default).`}},
				{`flashboot_mode = "PRIORITY_FLASHBOOT"`, []string{`Not supported by RunPod's REST v1`, `flashboot_mode = "PRIORITY_FLASHBOOT" is a setting of RunPod's REST v2`}},
			}...)
		} else {
			cases = append(cases, []struct {
				body string
				err  []string
			}{
				{"scaler_type = \"REQUEST_COUNT\"\n  idle_timeout = 30", []string{`Not supported by RunPod's REST v2`, `has no idle timeout for a QUEUE endpoint that scales on REQUEST_COUNT`}},
				{`compute_type = "CPU"`, []string{`Not supported by RunPod's REST v2`, `A CPU endpoint needs cpu_flavor_ids on RunPod's REST v2`}},
				{"min_cuda_version = \"12.4\"\n  allowed_cuda_versions = [\"12.4\"]", []string{`Conflicting CUDA settings`,
					`Set min_cuda_version (a lowest version) or allowed_cuda_versions (an exact set), not both: RunPod's REST v2 refuses both together.`}},
			}...)
		}
		// One catalog: every configuration refused in at most two plans, each with its exact text.
		refusals := make([]acctest.Refusal, 0, len(cases))
		for _, s := range cases {
			refusals = append(refusals, acctest.Refusal{Name: s.body, Type: "runpod_endpoint",
				Body: "template_id = \"tpl0000001\"\n  " + s.body, Want: s.err})
		}
		m.PlanRefusals(t, "", refusals)
		m.ExpectNoCalls(t)
	})
}
