package pod_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// The tests here show what differs between RunPod's APIs, and how the provider keeps one
// behaviour under one schema anyway.

const rtxA5000 = "NVIDIA RTX A5000"

// TestAccPod_gpuPriorityListOutOfStock: gpu_type_ids stays a priority list. REST v2 places one
// type per create, so the provider posts each in turn until one has capacity: with the first
// two out of stock, exactly three creates, the third succeeds. (REST v1 takes the list in one
// create: runpodapi's TestV1PodCreateTakesTheGPUPriorityListInOneCall.)
func TestAccPod_gpuPriorityListOutOfStock(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		r := routesOf(b)
		m.SetGPUStock(rtxA6000, "SECURE", 0)
		m.SetGPUStock(rtx4090, "SECURE", 0)
		config := podConfig(m, fmt.Sprintf(`
  image_name   = "%s"
  gpu_type_ids = ["%s", "%s", "%s"]`, image, rtxA6000, rtx4090, rtxA5000))
		v2create := func(gpu string) writeWant {
			return write(r.create, `{"name":"my pod","image":"`+image+`","disk":50,"ports":["8888/http","22/tcp"],"cloud":"SECURE",`+
				`"gpu":{"id":"`+gpu+`","count":1},"mounts":{"persistent":{"size":20,"path":"/workspace"}}}`)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: config,
				Check:  expectWrites(m, v2create(rtxA6000), v2create(rtx4090), v2create(rtxA5000)),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("gpu_type_id", knownvalue.StringExact(rtxA5000)),
					expect("gpu_type_ids", acckit.StringList(rtxA6000, rtx4090, rtxA5000)),
				},
			}},
		})
	})
}

// TestAccPod_gpuPriorityListAllOutOfStock: when no listed type has capacity, the error says
// so and what to change (another GPU type, cloud or data center; not "applying again usually
// succeeds"); on REST v2 it lists each type tried and why it failed.
func TestAccPod_gpuPriorityListAllOutOfStock(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		for _, gpu := range []string{rtxA6000, rtx4090, rtxA5000} {
			m.SetGPUStock(gpu, "SECURE", 0)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: podConfig(m, fmt.Sprintf(`
  image_name   = "%s"
  gpu_type_ids = ["%s", "%s", "%s"]`, image, rtxA6000, rtx4090, rtxA5000)),
				ExpectError: on(b,
					acctest.ErrorText("Failed to create pod", "RunPod has no capacity for this request now",
						"Another GPU type (gpu_type_ids takes a priority list), cloud (cloud_type) or data center (data_center_ids)",
						"There are no instances currently available"),
					acctest.ErrorText("Failed to create pod", "RunPod has no capacity for this request now",
						"Another GPU type (gpu_type_ids takes a priority list), cloud (cloud_type) or data center (data_center_ids)", "tried 3",
						rtxA6000, "no longer any instances available", rtx4090, "no longer any instances available",
						rtxA5000, "no longer any instances available")),
			}},
		})
		if n := m.CallCount(routesOf(b).create); n != on(b, 1, 3) {
			t.Errorf("%d creates, want %d", n, on(b, 1, 3))
		}
		if err := m.ExpectCount("/pods", 0)(nil); err != nil {
			t.Error(err)
		}
	})
}

// TestAccPod_backendOnlySettingsFailAtPlan: what only one API can express is refused at plan
// time, naming the attribute, before any call that changes something.
func TestAccPod_backendOnlySettingsFailAtPlan(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		bad := func(body string, want ...string) acctest.Refusal {
			return acctest.Refusal{Name: body, Type: "runpod_pod", Body: `image_name = "` + image + `"` + "\n" + body, Want: want}
		}
		v2Refuses := func(attr, value, why string) acctest.Refusal {
			return bad(attr+" = "+value, "Not supported by RunPod's REST v2", attr+` cannot be set with RunPod's REST v2 (api_version = "v2", the default): `+why)
		}
		refusals := map[runpodapi.Backend][]acctest.Refusal{
			runpodapi.BackendV2: {
				v2Refuses("docker_entrypoint", `["/bin/sh"]`, "REST v2 has no entrypoint override"),
				v2Refuses("support_public_ip", "true", "REST v2 cannot ask for a Community Cloud host with a public IP"),
				v2Refuses("min_download_mbps", "100", "REST v2 cannot filter hosts by it"),
				v2Refuses("min_upload_mbps", "100", "REST v2 cannot filter hosts by it"),
				v2Refuses("min_disk_bandwidth_mbps", "100", "REST v2 cannot filter hosts by it"),
				v2Refuses("min_ram_per_gpu", "16", "REST v2 cannot filter hosts by it"),
				v2Refuses("min_vcpu_per_gpu", "2", "REST v2 cannot filter hosts by it"),
				bad("volume_in_gb = 5", "Pod volume too small for REST v2", "volume_in_gb is 5, and RunPod's REST v2 makes pod volumes of at least 10 GB"),
				bad(`compute_type = "CPU"`+"\n"+`volume_in_gb = 20`, "CPU pods have no pod volume on REST v2"),
				bad(`compute_type = "CPU"`+"\n"+`vcpu_count = 3`, "vCPU count REST v2 cannot rent", "vcpu_count is 3"),
				bad(`min_cuda_version = "12.4"`+"\n"+`allowed_cuda_versions = ["12.8"]`, "Conflicting CUDA settings"),
				bad(`interruptible = true`+"\n"+`gpu_type_ids = ["`+rtx4090+`"]`+"\n"+`docker_entrypoint = ["/bin/sh"]`, "Not supported for spot pods on REST v2",
					"cannot take docker_entrypoint"),
			},
			runpodapi.BackendV1: {
				bad("start_ssh = true", "Not supported by RunPod's REST v1", `start_ssh is a setting of RunPod's REST v2, and this provider uses REST v1 (api_version = "v1")`),
				bad("start_jupyter = true", "Not supported by RunPod's REST v1", "start_jupyter is a setting of RunPod's REST v2"),
				bad(`min_cuda_version = "12.4"`, "Not supported by RunPod's REST v1", "min_cuda_version is a setting of RunPod's REST v2"),
			},
		}
		m.PlanRefusals(t, "", refusals[b])
		m.ExpectNoWrites(t)
	})
}

// TestAccPod_errorStatusFailsFast: REST v2 observes a container that cannot run (ERROR): the
// wait fails at once with RunPod's status, instead of waiting out the timeout, and the pod stays
// in the state, tainted (as TestAccPod_createWaitTimeout shows). REST v1 reports such a pod as
// running: it waits until the timeout.
func TestAccPod_errorStatusFailsFast(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: podConfig(m, `
  image_name = "ghcr.io/acme/broken:mock-error"
  ports      = ["8888/http"]
  timeouts   = { create = "`+on(b, "3s", "2m")+`" }`),
				ExpectError: on(b,
					acctest.ErrorText("Pod created but not finished", "was not ready after 3s"),
					acctest.ErrorText("Pod created but not finished", "the pod failed to start: RunPod reports status ERROR")),
			}},
		})
	})
}

// TestAccPod_globalNetworkingRestartsOnV2: REST v2 reports global networking (so drift shows)
// and applies a change at the next start: the provider restarts a running pod after the PATCH,
// and says so in the plan. REST v1 applies it with the reset.
func TestAccPod_globalNetworkingRestartsOnV2(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		r := routesOf(b)
		config := func(gn string) string {
			return podConfig(m, `
  image_name        = "`+image+`"
  gpu_type_ids      = ["`+rtx4090+`"]
  data_center_ids   = ["EU-RO-1"]
  global_networking = `+gn)
		}
		warnings := acctest.NewPlanWarnings()
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: warnings.ProviderFactories(),
			Steps: []resource.TestStep{
				{Config: config("false")},
				{
					PreConfig: resetCalls(m),
					Config:    config("true"),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						warnings.ExpectWarning("runpod_pod", on(b, acctest.ErrorText("Changing global_networking will reset pod"),
							acctest.ErrorText("Changing global_networking will reset pod", "the provider then restarts the pod"))),
					}},
					Check: expectWrites(m, on(b,
						[]writeWant{write(r.patch, `{"globalNetworking":true}`)},
						[]writeWant{write(r.patch, `{"globalNetworking":true}`), write(r.restart, "")})...),
					ConfigStateChecks: []statecheck.StateCheck{expect("global_networking", knownvalue.Bool(true))},
				},
			},
		})
	})
}
