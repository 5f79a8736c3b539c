package pod_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/pod"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

const (
	image    = "runpod/base:0.6.2-ubuntu2204"
	image2   = "runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04"
	rtx4090  = "NVIDIA GeForce RTX 4090"
	rtxA6000 = "NVIDIA RTX A6000"
	rtxA4000 = "NVIDIA RTX A4000" // the cheapest Secure Cloud type: what a pod without gpu_type_ids gets
)

var (
	sshCommandPattern = regexp.MustCompile(`^ssh root@203\.0\.113\.[0-9]+ -p [0-9]+$`)
	publicIPPattern   = regexp.MustCompile(`^203\.0\.113\.[0-9]+$`)
	anyIPPattern      = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$`)
)

func value(name string) tfjsonpath.Path { return tfjsonpath.New(name) }

func expect(name string, check knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, value(name), check)
}

// TestAccPod_createMinimal: an image is all a pod needs; RunPod's defaults are read back, and
// only the configured values (plus the documented defaults the provider sends) are sent.
func TestAccPod_createMinimal(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		r := routesOf(b)
		config := podConfig(m, `image_name = "`+image+`"`)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: config,
					// v2 needs one GPU type, a name, and the defaults v1 applied itself: the provider
					// takes the cheapest available type (as the mock does on v1) and sends them.
					Check: expectWrites(m, write(r.create, on(b,
						`{"imageName":"`+image+`","computeType":"GPU","cloudType":"SECURE","interruptible":false,"locked":false}`,
						`{"name":"my pod","image":"`+image+`","disk":50,"ports":["8888/http","22/tcp"],"cloud":"SECURE",`+
							`"gpu":{"id":"`+rtxA4000+`","count":1},"mounts":{"persistent":{"size":20,"path":"/workspace"}}}`))),
					ConfigStateChecks: []statecheck.StateCheck{
						expect("id", knownvalue.StringRegexp(regexp.MustCompile(`^[a-z0-9]{14}$`))),
						expect("name", knownvalue.StringExact("my pod")),
						expect("image_name", knownvalue.StringExact(image)),
						expect("template_id", knownvalue.Null()),
						expect("compute_type", knownvalue.StringExact("GPU")),
						expect("cloud_type", knownvalue.StringExact("SECURE")),
						expect("gpu_type_ids", acckit.StringList(rtxA4000)),
						expect("gpu_type_id", knownvalue.StringExact(rtxA4000)),
						expect("gpu_display_name", on[knownvalue.Check](b, knownvalue.StringExact("RTX A4000"), knownvalue.Null())), // v2 names no type
						expect("gpu_count", knownvalue.Int64Exact(1)),
						expect("cpu_flavor_ids", knownvalue.Null()),
						expect("cpu_flavor_id", knownvalue.Null()),
						// v2 reports neither for GPU pods
						expect("vcpu_count", knownvalue.Null()), // a GPU pod's vCPUs are not a setting
						expect("memory_in_gb", on[knownvalue.Check](b, knownvalue.Float64Exact(32), knownvalue.Null())),
						expect("data_center_ids", acckit.StringList("EU-RO-1")),
						expect("data_center_id", knownvalue.StringExact("EU-RO-1")),
						expect("container_disk_in_gb", knownvalue.Int64Exact(50)),
						expect("volume_in_gb", knownvalue.Int64Exact(20)),
						expect("volume_mount_path", knownvalue.StringExact("/workspace")),
						expect("network_volume_id", knownvalue.Null()),
						expect("ports", acckit.StringList("8888/http", "22/tcp")),
						expect("env", knownvalue.MapExact(map[string]knownvalue.Check{})),
						expect("docker_entrypoint", knownvalue.ListExact([]knownvalue.Check{})),
						expect("docker_start_cmd", knownvalue.ListExact([]knownvalue.Check{})),
						expect("container_registry_auth_id", knownvalue.Null()),
						expect("interruptible", knownvalue.Bool(false)),
						expect("locked", knownvalue.Bool(false)),
						expect("bid_per_gpu", knownvalue.Null()),
						expect("desired_status", knownvalue.StringExact("RUNNING")),
						expect("machine_id", on[knownvalue.Check](b, knownvalue.StringRegexp(regexp.MustCompile(`^[a-z0-9]{12}$`)), knownvalue.Null())),
						expect("cost_per_hr", knownvalue.Float64Exact(0.25)),
						expect("adjusted_cost_per_hr", on[knownvalue.Check](b, knownvalue.Float64Exact(0.25), knownvalue.Null())),
						expect("last_started_at", knownvalue.StringRegexp(on(b,
							regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \+0000 UTC$`), // v1's Go format
							regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$`)))),       // v2's RFC 3339
						expect("status", on[knownvalue.Check](b, knownvalue.Null(), knownvalue.StringExact("RUNNING"))),
						expect("cuda_version", on[knownvalue.Check](b, knownvalue.Null(), knownvalue.StringRegexp(regexp.MustCompile(`^\d+\.\d+$`)))),
						expect("ssh_proxy_command", on[knownvalue.Check](b, knownvalue.Null(), knownvalue.StringRegexp(regexp.MustCompile(`^ssh [a-z0-9]{14}-[a-z0-9]+@ssh\.runpod\.io$`)))),
						expect("public_ip", knownvalue.StringRegexp(publicIPPattern)),
						expect("port_mappings", knownvalue.MapExact(map[string]knownvalue.Check{"22": knownvalue.NotNull()})),
						expect("http_urls", knownvalue.MapExact(map[string]knownvalue.Check{
							"8888": knownvalue.StringRegexp(regexp.MustCompile(`^https://[a-z0-9]{14}-8888\.proxy\.runpod\.net$`)),
						})),
						expect("ssh_command", knownvalue.StringRegexp(sshCommandPattern)),
						expect("gpu_type_priority", knownvalue.Null()),
						expect("min_ram_per_gpu", knownvalue.Null()),
						expect("global_networking", knownvalue.Null()),
					},
				},
			},
		})
	})
}

// TestAccPod_createFull sets every attribute the backend takes: each reaches RunPod under its
// REST name, the state holds what RunPod reports, and env never shows in the plan. REST v2 has
// no host filters, no entrypoint and no pod volume beside a network volume (refused at plan
// time, see TestAccPod_backendOnlySettingsFailAtPlan); it adds start_ssh and start_jupyter.
func TestAccPod_createFull(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		r := routesOf(b)
		authID := m.Create(t, "/containerregistryauth", `{"name":"ghcr","username":"bot","password":"hunter2"}`)
		volumeID := m.Create(t, "/networkvolumes", `{"name":"models","size":50,"dataCenterId":"EU-RO-1"}`)
		m.ResetCalls()
		config := podConfig(m, fmt.Sprintf(`
  name                       = "trainer"
  image_name                 = "ghcr.io/acme/trainer:1.2"
  compute_type               = "GPU"
  cloud_type                 = "SECURE"
  gpu_type_ids               = ["%s", "%s"]
  gpu_type_priority          = "custom"
  gpu_count                  = 2
  data_center_ids            = ["EU-RO-1", "EU-SE-1"]
  data_center_priority       = "custom"
  country_codes              = ["RO", "SE"]
  allowed_cuda_versions      = ["12.4", "12.8"]
  global_networking          = true
  container_disk_in_gb       = 80
  volume_mount_path          = "/data"
  network_volume_id          = "%s"
  ports                      = ["8888/http", "22/tcp", "6006/http", "5000/tcp"]
  env                        = { HF_TOKEN = "hf_secret_value", MODEL = "llama" }
  docker_start_cmd           = ["python train.py"]
  container_registry_auth_id = "%s"
  interruptible              = false
  locked                     = true
  desired_status             = "RUNNING"
  timeouts = {
    create = "5m"
    update = "5m"
    delete = "2m"
  }
`, rtxA6000, rtx4090, volumeID, authID)+on(b, `
  min_ram_per_gpu            = 64
  min_vcpu_per_gpu           = 4
  min_download_mbps          = 500
  min_upload_mbps            = 200
  min_disk_bandwidth_mbps    = 1000
  support_public_ip          = true
  volume_in_gb               = 100
  docker_entrypoint          = ["/bin/bash", "-c"]
`, `
  start_ssh                  = true
  start_jupyter              = true
`))
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: config,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
						plancheck.ExpectSensitiveValue(addr, value("env")),
					}},
					Check: expectWrites(m, on(b, []writeWant{
						write(r.create, fmt.Sprintf(`{
  "name": "trainer", "imageName": "ghcr.io/acme/trainer:1.2", "computeType": "GPU", "cloudType": "SECURE",
  "gpuTypeIds": ["%s", "%s"], "gpuTypePriority": "custom", "gpuCount": 2, "minRAMPerGPU": 64, "minVCPUPerGPU": 4,
  "dataCenterIds": ["EU-RO-1", "EU-SE-1"], "dataCenterPriority": "custom", "countryCodes": ["RO", "SE"],
  "allowedCudaVersions": ["12.4", "12.8"], "minDownloadMbps": 500, "minUploadMbps": 200, "minDiskBandwidthMBps": 1000,
  "supportPublicIp": true, "globalNetworking": true, "containerDiskInGb": 80, "volumeInGb": 100, "volumeMountPath": "/data",
  "networkVolumeId": "%s", "ports": ["8888/http", "22/tcp", "6006/http", "5000/tcp"],
  "env": {"HF_TOKEN": "hf_secret_value", "MODEL": "llama"}, "dockerEntrypoint": ["/bin/bash", "-c"],
  "dockerStartCmd": ["python train.py"], "containerRegistryAuthId": "%s", "interruptible": false, "locked": true}`,
							rtxA6000, rtx4090, volumeID, authID)),
					}, []writeWant{
						// the first type in the first data center of the countries (custom priorities), then the lock
						write(r.create, fmt.Sprintf(`{
  "name": "trainer", "image": "ghcr.io/acme/trainer:1.2", "cloud": "SECURE",
  "gpu": {"id": "%s", "count": 2, "allowedCudaVersions": ["12.4", "12.8"]}, "dataCenterIds": ["EU-RO-1"],
  "globalNetworking": true, "disk": 80, "mounts": {"network": [{"volumeId": "%s", "path": "/data"}]},
  "ports": ["8888/http", "22/tcp", "6006/http", "5000/tcp"], "env": {"HF_TOKEN": "hf_secret_value", "MODEL": "llama"},
  "args": "'python train.py'", "registry": "%s", "startSsh": true, "startJupyter": true}`, rtxA6000, volumeID, authID)),
						write(r.patch, `{"locked":true}`),
					})...),
					ConfigStateChecks: []statecheck.StateCheck{
						expect("name", knownvalue.StringExact("trainer")),
						expect("gpu_type_ids", acckit.StringList(rtxA6000, rtx4090)), // the configured priority list holds the type the pod got
						expect("gpu_type_id", knownvalue.StringExact(rtxA6000)),
						expect("gpu_display_name", on[knownvalue.Check](b, knownvalue.StringExact("RTX A6000"), knownvalue.Null())),
						expect("gpu_count", knownvalue.Int64Exact(2)),
						expect("vcpu_count", knownvalue.Null()),
						expect("memory_in_gb", on[knownvalue.Check](b, knownvalue.Float64Exact(192), knownvalue.Null())),
						expect("data_center_ids", acckit.StringList("EU-RO-1", "EU-SE-1")),
						expect("data_center_id", knownvalue.StringExact("EU-RO-1")), // where the network volume is
						expect("network_volume_id", knownvalue.StringExact(volumeID)),
						expect("container_registry_auth_id", knownvalue.StringExact(authID)),
						expect("container_disk_in_gb", knownvalue.Int64Exact(80)),
						expect("volume_in_gb", on[knownvalue.Check](b, knownvalue.Int64Exact(100), knownvalue.Int64Exact(0))),
						expect("volume_mount_path", knownvalue.StringExact("/data")),
						expect("docker_entrypoint", on(b, acckit.StringList("/bin/bash", "-c"), acckit.StringList())),
						expect("docker_start_cmd", acckit.StringList("python train.py")),
						expect("env", knownvalue.MapExact(map[string]knownvalue.Check{
							"HF_TOKEN": knownvalue.StringExact("hf_secret_value"), "MODEL": knownvalue.StringExact("llama"),
						})),
						expect("locked", knownvalue.Bool(true)),
						expect("cost_per_hr", knownvalue.Float64Exact(0.98)),
						expect("gpu_type_priority", knownvalue.StringExact("custom")),
						expect("min_ram_per_gpu", on[knownvalue.Check](b, knownvalue.Int64Exact(64), knownvalue.Null())),
						expect("min_vcpu_per_gpu", on[knownvalue.Check](b, knownvalue.Int64Exact(4), knownvalue.Null())),
						expect("data_center_priority", knownvalue.StringExact("custom")),
						expect("country_codes", acckit.StringList("RO", "SE")),
						expect("allowed_cuda_versions", acckit.StringList("12.4", "12.8")),
						expect("min_download_mbps", on[knownvalue.Check](b, knownvalue.Float64Exact(500), knownvalue.Null())),
						expect("min_upload_mbps", on[knownvalue.Check](b, knownvalue.Float64Exact(200), knownvalue.Null())),
						expect("min_disk_bandwidth_mbps", on[knownvalue.Check](b, knownvalue.Float64Exact(1000), knownvalue.Null())),
						expect("support_public_ip", on[knownvalue.Check](b, knownvalue.Bool(true), knownvalue.Null())),
						expect("start_ssh", on[knownvalue.Check](b, knownvalue.Null(), knownvalue.Bool(true))),
						expect("start_jupyter", on[knownvalue.Check](b, knownvalue.Null(), knownvalue.Bool(true))),
						expect("global_networking", knownvalue.Bool(true)),
						expect("port_mappings", knownvalue.MapExact(map[string]knownvalue.Check{"22": knownvalue.NotNull(), "5000": knownvalue.NotNull()})),
						expect("http_urls", knownvalue.MapExact(map[string]knownvalue.Check{
							"8888": knownvalue.StringRegexp(regexp.MustCompile(`-8888\.proxy\.runpod\.net$`)),
							"6006": knownvalue.StringRegexp(regexp.MustCompile(`-6006\.proxy\.runpod\.net$`)),
						})),
						expect("ssh_command", knownvalue.StringRegexp(sshCommandPattern)),
					},
				},
			},
		})
	})
}

// TestAccPod_createFromTemplate: template_id alone creates the pod; the template's image is
// read back and nothing plans a change.
func TestAccPod_createFromTemplate(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		r := routesOf(b)
		config := podConfig(m, `template_id = "runpod-ubuntu"`)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: config,
					// a template brings its own image, ports, disks and volume: the defaults the
					// provider sends for an image are not sent
					Check: expectWrites(m, write(r.create,
						`{"name":"my pod","templateId":"runpod-ubuntu","cloud":"SECURE","gpu":{"id":"`+rtxA4000+`","count":1}}`)),
					ConfigStateChecks: []statecheck.StateCheck{
						expect("template_id", knownvalue.StringExact("runpod-ubuntu")),
						expect("image_name", knownvalue.StringExact(image)),
					},
				},
			},
		})
	})
}

// TestAccPod_renameAndImageChange: a new name is one PATCH of the name alone: no reset, the
// runtime values stay known in the plan and unchanged after. A new image is one PATCH that
// resets the pod: the plan warns and shows the runtime values as unknown, and the pod has a new
// last_started_at after. A reordered ports list changes nothing.
func TestAccPod_renameAndImageChange(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		r := routesOf(b)
		startedSameOnRename := statecheck.CompareValue(compare.ValuesSame())
		publicIPSameOnRename := statecheck.CompareValue(compare.ValuesSame())
		startedAnewOnReset := statecheck.CompareValue(compare.ValuesDiffer())
		id := statecheck.CompareValue(compare.ValuesSame())
		warnings := acctest.NewPlanWarnings()
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: warnings.ProviderFactories(),
			Steps: []resource.TestStep{
				{
					Config: podConfig(m, `
  name       = "notebook"
  image_name = "`+image+`"
  ports      = ["8888/http", "22/tcp"]`),
					ConfigStateChecks: []statecheck.StateCheck{
						startedSameOnRename.AddStateValue(addr, value("last_started_at")),
						publicIPSameOnRename.AddStateValue(addr, value("public_ip")),
						id.AddStateValue(addr, value("id")),
					},
				},
				{
					PreConfig: func() { m.ResetCalls(); warnings.Reset() },
					Config: podConfig(m, `
  name       = "notebook-2"
  image_name = "`+image+`"
  ports      = ["8888/http", "22/tcp"]`),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, value("name"), knownvalue.StringExact("notebook-2")),
						warnings.ExpectNoWarning("runpod_pod"),
						expectKnownAfterApply("last_started_at", "public_ip", "port_mappings", "http_urls", "ssh_command", "cost_per_hr"),
					}},
					// the one write: a reset (a restart, a PATCH of more) would be a second
					Check: expectWrites(m, write(r.patch, `{"name":"notebook-2"}`)),
					ConfigStateChecks: []statecheck.StateCheck{
						expect("name", knownvalue.StringExact("notebook-2")),
						startedSameOnRename.AddStateValue(addr, value("last_started_at")),
						publicIPSameOnRename.AddStateValue(addr, value("public_ip")),
						startedAnewOnReset.AddStateValue(addr, value("last_started_at")),
						id.AddStateValue(addr, value("id")),
					},
				},
				{
					PreConfig: func() {
						time.Sleep(5 * time.Millisecond) // last_started_at has millisecond precision
						m.ResetCalls()
						warnings.Reset()
					},
					Config: podConfig(m, `
  name       = "notebook-2"
  image_name = "`+image2+`"
  ports      = ["8888/http", "22/tcp"]`),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(addr, value("last_started_at")),
						plancheck.ExpectUnknownValue(addr, value("public_ip")),
						plancheck.ExpectUnknownValue(addr, value("port_mappings")),
						plancheck.ExpectUnknownValue(addr, value("http_urls")),
						plancheck.ExpectUnknownValue(addr, value("ssh_command")),
						expectKnownAfterApply("name", "cost_per_hr", "machine_id"),
						warnings.ExpectWarning("runpod_pod", acctest.ErrorText(`will be reset: Changing image_name will reset pod`)),
					}},
					Check: expectWrites(m, write(r.patch, `{"image":"`+image2+`"}`)),
					ConfigStateChecks: []statecheck.StateCheck{
						expect("image_name", knownvalue.StringExact(image2)),
						expect("public_ip", knownvalue.StringRegexp(publicIPPattern)),
						expect("ssh_command", knownvalue.StringRegexp(sshCommandPattern)),
						startedAnewOnReset.AddStateValue(addr, value("last_started_at")),
						id.AddStateValue(addr, value("id")),
					},
				},
				{
					// The same ports in another order: an update of the recorded order, no reset, no call.
					PreConfig: func() { m.ResetCalls(); warnings.Reset() },
					Config: podConfig(m, `
  name       = "notebook-2"
  image_name = "`+image2+`"
  ports      = ["22/tcp", "8888/http"]`),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						warnings.ExpectNoWarning("runpod_pod"),
						expectKnownAfterApply("last_started_at", "public_ip", "port_mappings", "http_urls", "ssh_command"),
					}},
					Check:             expectWrites(m),
					ConfigStateChecks: []statecheck.StateCheck{expect("ports", acckit.StringList("22/tcp", "8888/http"))},
				},
			},
		})
	})
}

// TestAccPod_gpuTypeChangeReplaces: a GPU type list without the pod's type replaces the pod;
// a list that still holds it is recorded without touching the pod.
func TestAccPod_gpuTypeChangeReplaces(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		r := routesOf(b)
		id := statecheck.CompareValue(compare.ValuesDiffer())
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config:            podConfig(m, `image_name = "`+image+`"`+"\n"+`gpu_type_ids = ["`+rtx4090+`"]`),
					ConfigStateChecks: []statecheck.StateCheck{id.AddStateValue(addr, value("id"))},
				},
				{
					PreConfig: resetCalls(m),
					Config:    podConfig(m, `image_name = "`+image+`"`+"\n"+`gpu_type_ids = ["`+rtxA6000+`"]`),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
					}},
					Check: resource.ComposeAggregateTestCheckFunc(
						expectWrites(m, write(r.delete, ""), write(r.create, "")),
						m.ExpectCount("/pods", 1),
					),
					ConfigStateChecks: []statecheck.StateCheck{
						expect("gpu_type_id", knownvalue.StringExact(rtxA6000)),
						id.AddStateValue(addr, value("id")),
					},
				},
				{
					PreConfig: resetCalls(m),
					Config:    podConfig(m, `image_name = "`+image+`"`+"\n"+`gpu_type_ids = ["`+rtx4090+`", "`+rtxA6000+`"]`),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					}},
					Check:             expectWrites(m),
					ConfigStateChecks: []statecheck.StateCheck{expect("gpu_type_ids", acckit.StringList(rtx4090, rtxA6000))},
				},
			},
		})
	})
}

// TestAccPod_stopAndStart: desired_status stops and starts the pod, nothing else.
func TestAccPod_stopAndStart(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		r := routesOf(b)
		lastStarted := statecheck.CompareValue(compare.ValuesDiffer())
		config := func(status string) string {
			return podConfig(m, `
  image_name     = "`+image+`"
  desired_status = "`+status+`"`)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config:            config("RUNNING"),
					ConfigStateChecks: []statecheck.StateCheck{lastStarted.AddStateValue(addr, value("last_started_at"))},
				},
				{
					PreConfig: resetCalls(m),
					Config:    config("EXITED"),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(addr, value("public_ip")),
						plancheck.ExpectUnknownValue(addr, value("port_mappings")),
						expectKnownAfterApply("last_started_at", "http_urls"),
					}},
					Check: expectWrites(m, write(r.stop, "")),
					ConfigStateChecks: []statecheck.StateCheck{
						expect("desired_status", knownvalue.StringExact("EXITED")),
						expect("public_ip", knownvalue.Null()),
						expect("port_mappings", knownvalue.MapExact(map[string]knownvalue.Check{})),
						expect("ssh_command", knownvalue.Null()),
					},
				},
				{
					PreConfig: func() {
						time.Sleep(5 * time.Millisecond)
						m.ResetCalls()
					},
					Config: config("RUNNING"),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(addr, value("last_started_at")),
					}},
					Check: expectWrites(m, write(r.start, "")),
					ConfigStateChecks: []statecheck.StateCheck{
						expect("desired_status", knownvalue.StringExact("RUNNING")),
						expect("public_ip", knownvalue.StringRegexp(publicIPPattern)),
						expect("ssh_command", knownvalue.StringRegexp(sshCommandPattern)),
						lastStarted.AddStateValue(addr, value("last_started_at")),
					},
				},
			},
		})
	})
}

// TestAccPod_createStoppedAndLocked: desired_status = "EXITED" at create stops the new pod;
// a lock is applied after the stop, which RunPod refuses on a locked pod.
func TestAccPod_createStoppedAndLocked(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		r := routesOf(b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: podConfig(m, `
  image_name     = "`+image+`"
  desired_status = "EXITED"
  locked         = true`),
				Check: expectWrites(m,
					write(r.create, `{"name":"my pod","image":"`+image+`","disk":50,"ports":["8888/http","22/tcp"],"cloud":"SECURE",`+
						`"gpu":{"id":"`+rtxA4000+`","count":1},"mounts":{"persistent":{"size":20,"path":"/workspace"}}}`),
					write(r.stop, ""),
					write(r.patch, `{"locked":true}`),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("desired_status", knownvalue.StringExact("EXITED")),
					expect("locked", knownvalue.Bool(true)),
					expect("public_ip", knownvalue.Null()),
				},
			}},
		})
	})
}

// TestAccPod_spotWithBid: bid_per_gpu rents through podRentInterruptable and resumes through
// podBidResume at the configured bid.
func TestAccPod_spotWithBid(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		r := routesOf(b)
		config := func(bid, status string) string {
			return podConfig(m, `
  image_name     = "`+image+`"
  gpu_type_ids   = ["`+rtx4090+`"]
  interruptible  = true
  bid_per_gpu    = `+bid+`
  desired_status = "`+status+`"`)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config:      config("0.1", "RUNNING"),
					ExpectError: acctest.ErrorText("Failed to create pod", "Your bid of $0.100/GPU/hr is below the minimum bid of $0.350/GPU/hr"),
				},
				{
					PreConfig: resetCalls(m),
					Config:    config("0.4", "RUNNING"),
					Check: resource.ComposeAggregateTestCheckFunc(
						expectWrites(m, write("graphql podRentInterruptable", "")),
						expectGraphQLInput(m, "graphql podRentInterruptable", map[string]any{
							"bidPerGpu": 0.4, "gpuTypeId": rtx4090, "gpuCount": 1.0, "imageName": image, "cloudType": "SECURE",
						}),
					),
					ConfigStateChecks: []statecheck.StateCheck{
						expect("interruptible", knownvalue.Bool(true)),
						expect("bid_per_gpu", knownvalue.Float64Exact(0.4)),
						expect("cost_per_hr", knownvalue.Float64Exact(0.4)),
						expect("desired_status", knownvalue.StringExact("RUNNING")),
					},
				},
				{
					PreConfig: resetCalls(m),
					Config:    config("0.4", "EXITED"),
					Check:     expectWrites(m, write(r.stop, "")),
				},
				{
					// A new bid with the start: the pod resumes at it.
					PreConfig: resetCalls(m),
					Config:    config("0.5", "RUNNING"),
					Check: resource.ComposeAggregateTestCheckFunc(
						expectWrites(m, write("graphql podBidResume", "")),
						expectGraphQLInput(m, "graphql podBidResume", map[string]any{"bidPerGpu": 0.5, "gpuCount": 1.0}),
					),
					ConfigStateChecks: []statecheck.StateCheck{
						expect("cost_per_hr", knownvalue.Float64Exact(0.5)),
						expect("desired_status", knownvalue.StringExact("RUNNING")),
					},
				},
			},
		})
	})
}

// expectGraphQLInput checks the input variables of the logged GraphQL call of route hold want.
func expectGraphQLInput(m *acctest.Mock, route string, want map[string]any) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, c := range m.Calls() {
			if c.Route != route || c.Fault != "" {
				continue
			}
			var req struct {
				Variables struct {
					Input map[string]any `json:"input"`
				} `json:"variables"`
			}
			if err := json.Unmarshal([]byte(c.Body), &req); err != nil {
				return err
			}
			for k, v := range want {
				if req.Variables.Input[k] != v {
					return fmt.Errorf("%s: input %s = %v, want %v (input %v)", route, k, req.Variables.Input[k], v, req.Variables.Input)
				}
			}
			return nil
		}
		return fmt.Errorf("no %s call", route)
	}
}

// TestAccPod_importRoundTrip: importing a pod yields the state Terraform built, except the
// attributes RunPod does not report (pod.NotRecoverableOnImport).
func TestAccPod_importRoundTrip(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: podConfig(m, `
  name                    = "imported"
  image_name              = "`+image+`"
  gpu_type_ids            = ["`+rtx4090+`"]
  gpu_type_priority       = "custom"
  gpu_count               = 1
  data_center_ids         = ["EU-RO-1"]
  data_center_priority    = "availability"
  country_codes           = ["RO"]
  allowed_cuda_versions   = ["12.4"]
  global_networking       = false
  container_disk_in_gb    = 60
  volume_in_gb            = 30
  volume_mount_path       = "/workspace"
  ports                   = ["8888/http", "22/tcp"]
  env                     = { A = "1" }
  docker_start_cmd        = ["sleep", "infinity"]
  locked                  = true
  start_ssh               = true`),
				},
				{
					ResourceName:            addr,
					ImportState:             true,
					ImportStateVerify:       true,
					ImportStateVerifyIgnore: pod.NotRecoverableOnImport,
				},
			},
		})
	})
}

// TestAccPod_importExistingPlansNoReplace: a pod made outside Terraform is imported into a
// configuration that sets attributes RunPod does not report: the next apply records them
// without a call, instead of replacing the pod.
func TestAccPod_importExistingPlansNoReplace(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		id := m.Create(t, "/pods", `{"name":"made-by-hand","imageName":"`+image+`","gpuTypeIds":["`+rtx4090+`"],"ports":["22/tcp"]}`)
		config := podConfig(m, `
  name              = "made-by-hand"
  image_name        = "`+image+`"
  gpu_type_ids      = ["`+rtxA6000+`", "`+rtx4090+`"]
  gpu_type_priority = "custom"
  ports             = ["22/tcp"]`+on(b, `
  min_ram_per_gpu   = 16
  support_public_ip = true
  global_networking = true`, `
  start_ssh         = true`))
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config:             config,
					ResourceName:       addr,
					ImportState:        true,
					ImportStateId:      id,
					ImportStatePersist: true,
					ImportStateCheck: func(states []*terraform.InstanceState) error {
						if len(states) != 1 || states[0].ID != id {
							return fmt.Errorf("expected pod %s imported, got %v", id, states)
						}
						if got := states[0].Attributes["gpu_type_ids.0"]; got != rtx4090 {
							return fmt.Errorf("gpu_type_ids read back as %q, want the pod's type", got)
						}
						return nil
					},
				},
				{
					PreConfig: resetCalls(m),
					Config:    config,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						expectKnownAfterApply("last_started_at", "public_ip", "port_mappings"),
					}},
					Check: expectWrites(m),
					ConfigStateChecks: []statecheck.StateCheck{
						expect("id", knownvalue.StringExact(id)),
						expect("gpu_type_ids", acckit.StringList(rtxA6000, rtx4090)),
						expect("gpu_type_priority", knownvalue.StringExact("custom")),
						expect("min_ram_per_gpu", on[knownvalue.Check](b, knownvalue.Int64Exact(16), knownvalue.Null())),
						expect("global_networking", on[knownvalue.Check](b, knownvalue.Bool(true), knownvalue.Null())),
						expect("start_ssh", on[knownvalue.Check](b, knownvalue.Null(), knownvalue.Bool(true))),
					},
				},
			},
		})
	})
}

// TestAccPod_changedOutsideTerraform: a pod stopped behind Terraform's back plans
// desired_status back to RUNNING, and the apply starts it; a pod deleted behind Terraform's
// back plans a create.
func TestAccPod_changedOutsideTerraform(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		r := routesOf(b)
		var id string
		config := podConfig(m, `image_name = "`+image+`"`)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: config, Check: acctest.CaptureID(addr, &id)},
				{
					PreConfig: func() {
						if status, body := m.Do(t, "POST", "/pods/"+id+"/stop", ""); status != 200 {
							t.Fatalf("stopping pod outside Terraform: %d %s", status, body)
						}
						m.ResetCalls()
					},
					Config: config,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, value("desired_status"), knownvalue.StringExact("RUNNING")),
						plancheck.ExpectUnknownValue(addr, value("public_ip")),
					}},
					Check: expectWrites(m, write(r.start, "")),
					ConfigStateChecks: []statecheck.StateCheck{
						expect("desired_status", knownvalue.StringExact("RUNNING")),
						expect("public_ip", knownvalue.StringRegexp(publicIPPattern)),
					},
				},
				{
					PreConfig: func() {
						if status, body := m.Do(t, "DELETE", "/pods/"+id, ""); status != 204 {
							t.Fatalf("deleting pod outside Terraform: %d %s", status, body)
						}
					},
					Config: config,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
					}},
					Check: resource.ComposeAggregateTestCheckFunc(
						m.ExpectCount("/pods", 1),
						func(s *terraform.State) error {
							if got := s.RootModule().Resources[addr].Primary.ID; got == id {
								return fmt.Errorf("expected a new pod, state still holds %s", id)
							}
							return nil
						},
					),
				},
			},
		})
	})
}

// TestAccPod_createWaitTimeout: a pod that does not get ready within the create timeout stays
// in the state, tainted (the next plan replaces that very pod), and is not orphaned.
func TestAccPod_createWaitTimeout(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b, acctest.WithBootDelay(time.Hour))
		r := routesOf(b)
		var tainted string
		config := podConfig(m, `
  image_name = "`+image+`"
  timeouts   = { create = "3s" }`)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: config,
					ExpectError: acctest.ErrorText("Pod created but not finished", "but waiting for it to be ready failed",
						"was not ready after 3s: still waiting for", on(b, "its public IP", "status RUNNING (RunPod reports PROVISIONING)"),
						"kept in the state and marked tainted"),
				},
				{
					PreConfig: func() {
						ids := m.IDs(t, "/pods")
						if len(ids) != 1 {
							t.Fatalf("expected the timed-out pod to exist, the mock holds %v", ids)
						}
						tainted = ids[0]
						m.SetBootDelay(0)
						m.ResetCalls()
					},
					Config: config,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
						expectReplaceBecauseTainted(&tainted),
					}},
					Check: resource.ComposeAggregateTestCheckFunc(
						expectWrites(m, write(r.delete, ""), write(r.create, "")),
						m.ExpectCount("/pods", 1),
					),
				},
			},
		})
	})
}

// TestAccPod_waitsUntilReady: the create returns once the pod is up. REST v1: with public TCP
// ports when they are mapped (REST only); without, when RunPod reports the runtime (GraphQL).
// REST v2: when RunPod observes the container RUNNING, and its TCP ports are mapped.
func TestAccPod_waitsUntilReady(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b, acctest.WithBootDelay(2*time.Second))
		check := func(name, attr string, c knownvalue.Check) statecheck.StateCheck {
			return statecheck.ExpectKnownValue("runpod_pod."+name, value(attr), c)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: m.Config(`
resource "runpod_pod" "tcp" {
  image_name = "` + image + `"
  ports      = ["22/tcp"]
}

resource "runpod_pod" "http_only" {
  image_name = "` + image + `"
  ports      = ["8888/http"]
}

resource "runpod_pod" "community" {
  image_name = "` + image + `"
  cloud_type = "COMMUNITY"
  ports      = ["22/tcp"]
}
`),
				Check: func(*terraform.State) error {
					if b == runpodapi.BackendV2 {
						// polls are rounds of the shared poller (one list for every waiting pod) or reads
						if n := m.CallCount("GET /v2/pods/{id}") + m.CallCount("GET /v2/pods"); n < 2 {
							return fmt.Errorf("expected the booting pods polled until RUNNING, got %d reads", n)
						}
						if n := m.CallCount("graphql pod"); n != 0 {
							return fmt.Errorf("expected no GraphQL runtime read on v2 (the pod holds its runtime), got %d", n)
						}
						return nil
					}
					if n := m.CallCount("graphql pod"); n < 2 {
						return fmt.Errorf("expected the pods without public TCP ports to be watched through their runtime, got %d runtime reads", n)
					}
					return nil
				},
				ConfigStateChecks: []statecheck.StateCheck{
					check("tcp", "port_mappings", knownvalue.MapExact(map[string]knownvalue.Check{"22": knownvalue.NotNull()})),
					check("tcp", "ssh_command", knownvalue.StringRegexp(sshCommandPattern)),
					// v2 reports a public IP only with a TCP port's mapping
					check("http_only", "public_ip", on[knownvalue.Check](b, knownvalue.StringRegexp(publicIPPattern), knownvalue.Null())),
					check("http_only", "status", on[knownvalue.Check](b, knownvalue.Null(), knownvalue.StringExact("RUNNING"))),
					check("community", "port_mappings", knownvalue.MapExact(map[string]knownvalue.Check{"22": knownvalue.NotNull()})),
					// v1: a Community Cloud pod has no public IP unless support_public_ip asks for one; v2
					// cannot ask and reports the IP of the mapping it gets
					check("community", "public_ip", on[knownvalue.Check](b, knownvalue.Null(), knownvalue.StringRegexp(anyIPPattern))),
					check("community", "ssh_command", on[knownvalue.Check](b, knownvalue.Null(), knownvalue.StringRegexp(regexp.MustCompile(`^ssh root@[0-9.]+ -p [0-9]+$`)))),
					check("community", "cost_per_hr", knownvalue.Float64Exact(0.13)),
				},
			}},
		})
	})
}

// TestAccPod_lockedPod: a plan that keeps a pod locked while resetting or stopping it fails at
// plan time; unlocking in the same change works (unlock first), and so does locking (last).
func TestAccPod_lockedPod(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		r := routesOf(b)
		config := func(img string, locked bool, status string) string {
			return podConfig(m, fmt.Sprintf(`
  name           = "locked"
  image_name     = %q
  locked         = %t
  desired_status = %q`, img, locked, status))
		}
		var id string
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: config(image, true, "RUNNING"), Check: acctest.CaptureID(addr, &id)},
				{
					PreConfig: resetCalls(m),
					Config:    config(image2, true, "RUNNING"),
					ExpectError: acctest.ErrorText(`Locked pod`, `Pod "locked" (id `, `) is locked, and RunPod refuses to reset (changing
image_name resets it) a locked pod. Unlock it first: set locked = false in this configuration (the provider unlocks the pod
before changing it), and lock it again in a later apply if you want.`),
				},
				{
					Config:      config(image, true, "EXITED"),
					ExpectError: acctest.ErrorText(`is locked, and RunPod refuses to stop a locked pod. Unlock it first`),
				},
				{
					PreConfig: func() {
						if n := len(writes(m)); n != 0 {
							t.Errorf("expected no writes from refused plans, got %d", n)
						}
					},
					Config: config(image2, false, "RUNNING"),
					Check: expectWrites(m,
						write(r.patch, `{"locked":false}`),
						write(r.patch, `{"image":"`+image2+`"}`),
					),
					ConfigStateChecks: []statecheck.StateCheck{
						expect("locked", knownvalue.Bool(false)),
						expect("image_name", knownvalue.StringExact(image2)),
					},
				},
				{
					PreConfig: resetCalls(m),
					Config:    config(image, true, "EXITED"),
					Check: expectWrites(m,
						write(r.patch, `{"image":"`+image+`"}`),
						write(r.stop, ""),
						write(r.patch, `{"locked":true}`),
					),
					ConfigStateChecks: []statecheck.StateCheck{
						expect("locked", knownvalue.Bool(true)),
						expect("desired_status", knownvalue.StringExact("EXITED")),
					},
				},
			},
		})
	})
}

// TestAccPod_volumeCannotShrink: a smaller volume_in_gb fails at plan time, without a call.
func TestAccPod_volumeCannotShrink(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		r := routesOf(b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: podConfig(m, `
  name         = "vol"
  image_name   = "`+image+`"
  volume_in_gb = 50`)},
				{
					PreConfig: resetCalls(m),
					Config: podConfig(m, `
  name         = "vol"
  image_name   = "`+image+`"
  volume_in_gb = 20`),
					ExpectError: acctest.ErrorText(`Pod volume cannot shrink`, `volume_in_gb of pod "vol" (id`,
						`would shrink from 50 to 20 GB, and a pod volume can only grow. Keep 50 or more, or replace the pod`),
				},
				{
					PreConfig: func() {
						if n := len(writes(m)); n != 0 {
							t.Errorf("expected no writes, got %d", n)
						}
					},
					Config: podConfig(m, `
  name         = "vol"
  image_name   = "`+image+`"
  volume_in_gb = 80`),
					Check: expectWrites(m, write(r.patch, `{"mounts":{"persistent":{"size":80,"path":"/workspace"}}}`)),
				},
			},
		})
	})
}

// TestAccPod_retriesRateLimitsAndOutages: 429s are retried everywhere and 503s on reads; a
// create answered 503 is looked up, found not made and sent again; a reset answered 503 is
// read back and reported, not resent; the mock ends with exactly one pod.
func TestAccPod_retriesRateLimitsAndOutages(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		r := routesOf(b)
		fault := func(route string, status int) {
			if err := m.AddFault(mockkit.Fault{Route: route, Kind: mockkit.FaultStatus, Status: status, RetryAfter: "1", Times: 1}); err != nil {
				t.Fatal(err)
			}
		}
		fault(r.create, 429)
		fault(r.create, 503)
		fault(r.get, 503)
		fault(r.get, 429)
		faulted := func(route string, want int) resource.TestCheckFunc {
			return func(*terraform.State) error {
				n := 0
				for _, c := range m.Calls() {
					if c.Route == route && c.Fault != "" {
						n++
					}
				}
				if n != want {
					return fmt.Errorf("expected %d faulted %s calls, got %d", want, route, n)
				}
				return nil
			}
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: podConfig(m, `image_name = "`+image+`"`),
					Check: resource.ComposeAggregateTestCheckFunc(
						faulted(r.create, 2), faulted(r.get, 2),
						expectWrites(m, write(r.create, "")), m.ExpectCount("/pods", 1),
					),
				},
				{
					PreConfig: func() {
						m.ResetCalls()
						fault(r.patch, 429)
						fault(r.get, 503)
					},
					Config: podConfig(m, `image_name = "`+image2+`"`),
					Check: resource.ComposeAggregateTestCheckFunc(
						faulted(r.patch, 1), faulted(r.get, 1),
						expectWrites(m, write(r.patch, `{"image":"`+image2+`"}`)), m.ExpectCount("/pods", 1),
					),
					ConfigStateChecks: []statecheck.StateCheck{expect("image_name", knownvalue.StringExact(image2))},
				},
				{
					// A 503 to a reset is not resent: the pod is read back, the change is not
					// there, and the error says so (a reset applied twice restarts twice).
					PreConfig: func() {
						m.ResetCalls()
						fault(r.patch, 503)
					},
					Config:      podConfig(m, `image_name = "`+image+`"`),
					ExpectError: regexp.MustCompile(`Reading the\s+pod back shows the change was not applied; it was not sent again`),
				},
				{
					PreConfig: func() {
						if n := m.CallCount(r.patch); n != 1 {
							t.Errorf("the reset answered 503 was sent %d times, want 1", n)
						}
						m.ResetCalls()
					},
					Config: podConfig(m, `image_name = "`+image+`"`),
					Check: resource.ComposeAggregateTestCheckFunc(
						expectWrites(m, write(r.patch, `{"image":"`+image+`"}`)), m.ExpectCount("/pods", 1),
					),
				},
			},
		})
	})
}

// TestAccPod_invalidConfigFailsAtPlanWithoutAPICalls: every validator, with its message, and
// not one API call.
func TestAccPod_invalidConfigFailsAtPlanWithoutAPICalls(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		bad := func(body string, want ...string) acctest.Refusal {
			return acctest.Refusal{Name: want[0], Type: "runpod_pod", Body: body, Want: want}
		}
		img := `image_name = "` + image + `"` + "\n"
		spot := img + `interruptible = true` + "\n" + `bid_per_gpu = 0.3` + "\n"
		m.PlanRefusals(t, "", []acctest.Refusal{
			bad(img+`compute_type = "TPU"`, `Attribute compute_type value must be one of: ["GPU" "CPU"], got: "TPU"`),
			bad(img+`cloud_type = "PRIVATE"`, `Attribute cloud_type value must be one of: ["SECURE" "COMMUNITY"], got: "PRIVATE"`),
			bad(img+`desired_status = "STOPPED"`, `Attribute desired_status value must be one of: ["RUNNING" "EXITED"], got: "STOPPED"`),
			bad(img+`gpu_type_priority = "cheapest"`, `Attribute gpu_type_priority value must be one of: ["availability" "custom"], got: "cheapest"`),
			bad(img+`data_center_priority = "nearest"`, `Attribute data_center_priority value must be one of: ["availability" "custom"], got: "nearest"`),
			bad(img+`ports = ["8888/udp"]`, `Attribute ports[0] must be <port>/http or <port>/tcp, with a port from 1 to 65535, got: "8888/udp"`),
			bad(img+`ports = ["22/tcp", "70000/tcp"]`, `Attribute ports[1] must be <port>/http or <port>/tcp, with a port from 1 to 65535, got: "70000/tcp"`),
			bad(img+`ports = ["0/http"]`, `Attribute ports[0] must be <port>/http or <port>/tcp, with a port from 1 to 65535, got: "0/http"`),
			bad(img+`ports = ["8888/http", "22/tcp", "8888/tcp"]`, `Duplicate port`, `Attribute ports exposes port 8888 twice ("8888/http" and "8888/tcp"): list each port once, as http or tcp.`),
			bad(img+`ports = ["22/tcp", "22/tcp"]`, `Attribute ports exposes port 22 twice ("22/tcp" and "22/tcp")`),
			bad(img+`volume_mount_path = "workspace"`, `Attribute volume_mount_path must be an absolute path, such as "/workspace", got: workspace`),
			bad(img+`name = "`+strings.Repeat("n", 192)+`"`, `Attribute name string length must be between 1 and 191, got: 192`),
			bad(img+`gpu_count = 0`, `Attribute gpu_count value must be at least 1, got: 0`),
			bad(img+`container_disk_in_gb = 0`, `Attribute container_disk_in_gb value must be at least 1, got: 0`),
			bad(img+`volume_in_gb = -1`, `Attribute volume_in_gb value must be at least 0, got: -1`),
			bad(img+`env = { "A=B" = "x" }`, `must be an environment variable name: letters, digits and _, not starting with a digit, got: A=B`),
			bad(img+`env = { "MY VAR" = "x" }`, `must be an environment variable name`),
			bad(img+"env = { TOKEN = \"a\", KEY = \"b\" }\nenv_wo = { TOKEN = \"s\", KEY = \"k\" }\nenv_wo_version = 1",
				`Variable in both env and env_wo`, `KEY, TOKEN set both in env and in env_wo: set each variable in one of them`),
			bad(img+`env_wo = { TOKEN = "s" }`, `Attribute "env_wo_version" must be specified when "env_wo" is specified`),
			bad(img+`env_wo_version = 1`, `Attribute "env_wo" must be specified when "env_wo_version" is specified`),
			bad(img+`env_wo = { "MY VAR" = "s" }`+"\nenv_wo_version = 1", `must be an environment variable name`),
			bad(img+`data_center_ids = ["somewhere"]`, `Attribute data_center_ids[0] must be a RunPod data center id, such as EU-RO-1 or US-TX-3, got: somewhere`),
			bad(img+`timeouts = { create = "-5m" }`, `Attribute timeouts.create must be a positive duration`),
			bad(img+`timeouts = { create = "abc" }`, `Attribute timeouts.create must be a positive duration`, `which is not a duration`),
			bad(img+`country_codes = ["se"]`, `must be a two-letter country code such as "US", got: se`),
			bad(img+`allowed_cuda_versions = ["12"]`, `must be a CUDA version such as "12.4", got: 12`),
			bad(img+`gpu_type_ids = []`, `Attribute gpu_type_ids list must contain at least 1 elements, got: 0`),
			bad(`name = "no-image"`, `Missing image`, `Set exactly one of image_name and template_id: image_name runs that container image; template_id takes the image, ports, env and disk sizes from a template.`),
			bad(img+`template_id = "runpod-ubuntu"`, `Conflicting image settings`, `image_name and template_id are both set: set exactly one of them.`),
			bad(img+`bid_per_gpu = 0.3`, `Bid without interruptible`, `bid_per_gpu is a spot bid: it needs interruptible = true.`),
			bad(img+`bid_per_gpu = 0`+"\n"+`interruptible = true`, `Attribute bid_per_gpu value must be at least 0.001000, got: 0.000000`),
			bad(img+`compute_type = "CPU"`+"\n"+`gpu_count = 2`, `Attribute does not apply to CPU pods`, `gpu_count applies to GPU pods only, and this pod has compute_type = "CPU": remove gpu_count, or set compute_type = "GPU".`),
			bad(img+`compute_type = "CPU"`+"\n"+`gpu_type_ids = ["`+rtx4090+`"]`, `gpu_type_ids applies to GPU pods only`),
			bad(img+`compute_type = "CPU"`+"\n"+`allowed_cuda_versions = ["12.4"]`, `allowed_cuda_versions applies to GPU pods only`),
			bad(img+`vcpu_count = 4`, `Attribute does not apply to GPU pods`, `vcpu_count applies to CPU pods only, and this pod has compute_type = "GPU": remove vcpu_count, or set compute_type = "CPU".`),
			bad(img+`cpu_flavor_ids = ["cpu3c"]`, `cpu_flavor_ids applies to CPU pods only`),
			bad(spot, `Missing GPU type for a spot pod`, `A spot bid is for one GPU type: set gpu_type_ids to a list of exactly one GPU type`),
			bad(spot+`gpu_type_ids = ["`+rtx4090+`", "`+rtxA6000+`"]`, `Not supported with bid_per_gpu`,
				`RunPod's spot API (podRentInterruptable), which bid_per_gpu uses, cannot take more than one entry in gpu_type_ids (it takes one). Remove gpu_type_ids, or remove bid_per_gpu to rent the spot pod through the REST API (interruptible = true without a bid).`),
			bad(spot+`gpu_type_ids = ["`+rtx4090+`"]`+"\n"+`docker_entrypoint = ["/bin/sh"]`, `cannot take docker_entrypoint. Remove docker_entrypoint`),
			bad(spot+`gpu_type_ids = ["`+rtx4090+`"]`+"\n"+`docker_start_cmd = ["python", "serve.py --port 80"]`, `cannot take docker_start_cmd arguments that are empty or contain whitespace (it takes one space-separated string; got "serve.py --port 80")`),
			bad(spot+`gpu_type_ids = ["`+rtx4090+`"]`+"\n"+`container_registry_auth_id = "x"`, `cannot take container_registry_auth_id.`),
			bad(spot+`gpu_type_ids = ["`+rtx4090+`"]`+"\n"+`data_center_priority = "custom"`, `cannot take data_center_priority.`),
			bad(spot+`gpu_type_ids = ["`+rtx4090+`"]`+"\n"+`min_download_mbps = 10.5`, `cannot take a fractional min_download_mbps (it takes whole Mbit/s; got 10.5)`),
		})
		m.ExpectNoCalls(t)
	})
}

// TestAccPod_cpuPod: a CPU pod sends its CPU settings and reads back its flavor; GPU
// attributes stay null.
func TestAccPod_cpuPod(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		r := routesOf(b)
		config := podConfig(m, `
  image_name     = "`+image+`"
  compute_type   = "CPU"
  cpu_flavor_ids = ["cpu5c", "cpu3c"]
  vcpu_count     = 4`)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: config,
					// the first flavor of the list; a CPU pod gets no pod volume
					Check: expectWrites(m, write(r.create,
						`{"name":"my pod","image":"`+image+`","disk":50,"ports":["8888/http","22/tcp"],"cloud":"SECURE","cpu":{"id":"cpu5c","vcpuCount":4}}`)),
					ConfigStateChecks: []statecheck.StateCheck{
						expect("compute_type", knownvalue.StringExact("CPU")),
						expect("cpu_flavor_ids", acckit.StringList("cpu5c", "cpu3c")),
						expect("cpu_flavor_id", knownvalue.StringExact("cpu5c")),
						expect("vcpu_count", knownvalue.Int64Exact(4)),
						expect("memory_in_gb", knownvalue.Float64Exact(8)),
						expect("gpu_type_ids", knownvalue.Null()),
						expect("gpu_type_id", knownvalue.Null()),
						expect("gpu_count", knownvalue.Null()),
						expect("cost_per_hr", knownvalue.Float64Exact(0.2)), // the mock prices CPU pods from its catalog
					},
				},
			},
		})
	})
}
