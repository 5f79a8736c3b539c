package yottapod_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaacctest"
)

const (
	addr    = "yotta_pod.test"
	image   = "pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime"
	image2  = "pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime"
	rtx4090 = "NVIDIA_RTX_4090_24G"
	h100    = "NVIDIA_H100_80G"

	routeCreate = "POST /v2/pods"
	routeGet    = "GET /v2/pods/{id}"
	routeList   = "GET /v2/pods"
	routeDelete = "DELETE /v2/pods/{id}"
	routePause  = "POST /v2/pods/{id}/pause"
	routeResume = "POST /v2/pods/{id}/resume"
)

var idPattern = regexp.MustCompile(`^[0-9]{18}$`)

func expect(name string, check knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New(name), check)
}

func podConfig(m *yottaacctest.Mock, body string) string {
	return m.Config("resource \"yotta_pod\" \"test\" {\n" + body + "\n}\n")
}

func minimal(name string) string {
	return fmt.Sprintf("  name      = %q\n  image     = %q\n  gpu_type  = %q\n  gpu_count = 1\n", name, image, rtx4090)
}

// expectBody checks that the route's only logged call sent want (JSON, compared as values).
func expectBody(t *testing.T, m *yottaacctest.Mock, route, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		bodies := m.JSONBodies(t, route)
		if len(bodies) != 1 {
			return fmt.Errorf("%d calls of %s, want 1", len(bodies), route)
		}
		var wantBody map[string]any
		dec := json.NewDecoder(strings.NewReader(want))
		dec.UseNumber()
		if err := dec.Decode(&wantBody); err != nil {
			return fmt.Errorf("bad want: %v", err)
		}
		got, _ := json.Marshal(bodies[0])
		wanted, _ := json.Marshal(wantBody)
		if string(got) != string(wanted) {
			return fmt.Errorf("%s sent\n  %s\nwant\n  %s", route, got, wanted)
		}
		return nil
	}
}

func resetCalls(m *yottaacctest.Mock) func() { return func() { m.ResetCalls() } }

// TestAccPod_createMinimal: the four required settings are all a pod needs; only they are
// sent, Yotta's defaults and everything it reports are read back, and a create costs two
// calls (the create and one read that finds the pod ready). A create that got its answer
// gives no warning: the warning is for adoptions only (adoption_test.go).
func TestAccPod_createMinimal(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	warnings := yottaacctest.NewWarnings()
	config := podConfig(m, minimal("my pod"))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: warnings.ProviderFactories(),
		CheckDestroy:             m.ExpectCount("/v2/pods", 0),
		Steps: []resource.TestStep{
			{
				PreConfig: warnings.Reset,
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPreRefresh: []plancheck.PlanCheck{
					warnings.ExpectNoWarning("yotta_pod"),
				}},
				Check: resource.ComposeTestCheckFunc(
					expectBody(t, m, routeCreate, `{"name":"my pod","image":"`+image+`","gpuType":"`+rtx4090+`","gpuCount":1}`),
					m.ExpectCalls(map[string]int{routeCreate: 1, routeGet: 1}), // 2 calls: the create, one read finds it ready
				),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("id", knownvalue.StringRegexp(idPattern)),
					expect("name", knownvalue.StringExact("my pod")),
					expect("image", knownvalue.StringExact(image)),
					expect("image_registry", knownvalue.StringExact("https://index.docker.io/v1/")),
					expect("resource_type", knownvalue.StringExact("GPU")),
					expect("gpu_type", knownvalue.StringExact(rtx4090)),
					expect("gpu_count", knownvalue.Int64Exact(1)),
					expect("container_volume_in_gb", knownvalue.Int64Exact(100)),
					expect("shm_in_gb", knownvalue.Int64Exact(0)),
					expect("regions", knownvalue.Null()),
					expect("environment_vars", knownvalue.Null()),
					expect("expose", knownvalue.Null()),
					expect("initialization_command", knownvalue.Null()),
					expect("desired_status", knownvalue.StringExact("RUNNING")),
					expect("status", knownvalue.StringExact("RUNNING")),
					expect("failed_reason", knownvalue.Null()),
					expect("region", knownvalue.StringExact("us-east-1")),
					expect("cloud_type", knownvalue.StringExact("SECURE")),
					expect("gpu_display_name", knownvalue.StringExact("RTX 4090")),
					expect("single_card_vram_in_gb", knownvalue.Int64Exact(24)),
					expect("single_card_ram_in_gb", knownvalue.Int64Exact(32)),
					expect("single_card_vcpu", knownvalue.Int64Exact(8)),
					expect("single_card_price", knownvalue.Float64Exact(0.45)),
					expect("price_per_hour", knownvalue.Float64Exact(0.45)),
					expect("ssh_command", knownvalue.Null()),
					expect("internal_ip", knownvalue.StringRegexp(regexp.MustCompile(`^10\.20\.`))),
					expect("exposed_ports", knownvalue.ListExact([]knownvalue.Check{})),
					expect("ingress_urls", knownvalue.MapExact(map[string]knownvalue.Check{})),
					expect("created_at", knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`))),
					expect("updated_at", knownvalue.NotNull()),
				},
			},
		},
	})
}

// TestAccPod_createFull sets every attribute: each reaches Yotta under its API name (ids as
// exact int64 numbers), environment values never show in the plan, and the pod waits for
// every exposed port to be healthy.
func TestAccPod_createFull(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t, yottaacctest.WithBootDelay(300*time.Millisecond))
	authID := m.Create(t, "/v2/container-registry-auths", `{"name":"ghcr","type":"PRIVATE","username":"bot","password":"pw"}`)
	m.ResetCalls()
	config := podConfig(m, fmt.Sprintf(`
  name                       = "trainer"
  regions                    = ["us-west-1", "us-east-1"]
  image                      = "ghcr.io/acme/trainer:1.2"
  image_registry             = "ghcr.io"
  container_registry_auth_id = %q
  image_public_type          = "PRIVATE"
  resource_type              = "GPU"
  gpu_type                   = %q
  gpu_count                  = 2
  min_single_card_vram_in_gb = 24
  min_single_card_ram_in_gb  = 16
  min_single_card_vcpu       = 4
  shm_in_gb                  = 8
  container_volume_in_gb     = 60
  persistent_volume_in_gb    = 100
  persistent_mount_path      = "/workspace"
  initialization_command     = "pip install -r requirements.txt"
  environment_vars           = { HF_TOKEN = "hf_secret_value", MODEL = "llama" }
  expose = [
    { port = 8888, protocol = "http" },
    { port = 22, protocol = "SSH" },
    { port = 5000, protocol = "TCP" },
  ]
  persistent_volumes = [
    { volume_id = "402872365298094821", mount_path = "/models", need_backup = true },
  ]
  desired_status = "RUNNING"
  timeouts = {
    create = "5m"
    update = "5m"
    delete = "2m"
  }
`, authID, rtx4090))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: yottaacctest.ProtoV6ProviderFactories,
		CheckDestroy:             m.ExpectCount("/v2/pods", 0),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
					plancheck.ExpectSensitiveValue(addr, tfjsonpath.New("environment_vars")),
				}},
				Check: resource.ComposeTestCheckFunc(
					expectBody(t, m, routeCreate, `{"name":"trainer","regions":["us-east-1","us-west-1"],"image":"ghcr.io/acme/trainer:1.2",
						"imageRegistry":"ghcr.io","containerRegistryAuthId":`+authID+`,"imagePublicType":"PRIVATE","resourceType":"GPU",
						"gpuType":"`+rtx4090+`","gpuCount":2,"minSingleCardVramInGb":24,"minSingleCardRamInGb":16,"minSingleCardVcpu":4,
						"shmInGb":8,"containerVolumeInGb":60,"persistentVolumeInGb":100,"persistentMountPath":"/workspace",
						"initializationCommand":"pip install -r requirements.txt",
						"environmentVars":[{"key":"HF_TOKEN","value":"hf_secret_value"},{"key":"MODEL","value":"llama"}],
						"expose":[{"port":22,"protocol":"SSH"},{"port":5000,"protocol":"TCP"},{"port":8888,"protocol":"HTTP"}],
						"persistentVolumes":[{"volumeId":402872365298094821,"mountPath":"/models","needBackup":true}]}`),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("id", knownvalue.StringRegexp(idPattern)),
					expect("region", knownvalue.StringExact("us-east-1")),
					expect("container_registry_auth_id", knownvalue.StringExact(authID)),
					expect("environment_vars", knownvalue.MapExact(map[string]knownvalue.Check{
						"HF_TOKEN": knownvalue.StringExact("hf_secret_value"), "MODEL": knownvalue.StringExact("llama"),
					})),
					expect("expose", knownvalue.SetExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{"port": knownvalue.Int64Exact(8888), "protocol": knownvalue.StringExact("http")}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{"port": knownvalue.Int64Exact(22), "protocol": knownvalue.StringExact("SSH")}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{"port": knownvalue.Int64Exact(5000), "protocol": knownvalue.StringExact("TCP")}),
					})),
					expect("price_per_hour", knownvalue.Float64Exact(0.9)),
					expect("status", knownvalue.StringExact("RUNNING")),
					// Every port healthy: the create waited for them.
					expect("exposed_ports", knownvalue.ListExact([]knownvalue.Check{
						exposedPort(22, "SSH", regexp.MustCompile(`^ssh root@198\.51\.100\.\d+ -p \d+ -i <private key>$`)),
						exposedPort(5000, "TCP", regexp.MustCompile(`^198\.51\.100\.\d+:\d+$`)),
						exposedPort(8888, "HTTP", regexp.MustCompile(`^https://\d{18}-8888\.ingress\.mock-yotta\.invalid$`)),
					})),
					expect("ingress_urls", knownvalue.MapExact(map[string]knownvalue.Check{
						"22": knownvalue.NotNull(), "5000": knownvalue.NotNull(), "8888": knownvalue.StringRegexp(regexp.MustCompile(`^https://`)),
					})),
					expect("ssh_command", knownvalue.StringRegexp(regexp.MustCompile(`^ssh root@198\.51\.100\.\d+ -p \d+$`))),
				},
			},
			{
				// Import reads what Yotta reports; what it does not report is listed in the docs.
				ResourceName:      addr,
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"regions", "container_registry_auth_id", "image_public_type",
					"min_single_card_vram_in_gb", "min_single_card_ram_in_gb", "min_single_card_vcpu",
					"persistent_volume_in_gb", "persistent_mount_path", "persistent_volumes", "timeouts",
					"expose"}, // Yotta reports protocols upper-cased: "http" reads as "HTTP"
			},
		},
	})
}

func exposedPort(port int64, protocol string, ingress *regexp.Regexp) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"port": knownvalue.Int64Exact(port), "protocol": knownvalue.StringExact(protocol), "proxy_port": knownvalue.NotNull(),
		"host": knownvalue.NotNull(), "healthy": knownvalue.Bool(true), "ingress_url": knownvalue.StringRegexp(ingress),
		"service_name": knownvalue.StringRegexp(regexp.MustCompile(fmt.Sprintf(`^pod-\d{18}-%d$`, port))),
	})
}

// TestAccPod_pauseResume: desired_status pauses and resumes the pod in place (the same id),
// with one action call each; a pod created PAUSED is paused right after it runs.
func TestAccPod_pauseResume(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t, yottaacctest.WithBootDelay(200*time.Millisecond))
	expose := "\n  expose = [{ port = 8080, protocol = \"HTTP\" }]\n"
	running := podConfig(m, minimal("p")+expose)
	paused := podConfig(m, minimal("p")+expose+"  desired_status = \"PAUSED\"\n")
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: yottaacctest.ProtoV6ProviderFactories,
		CheckDestroy:             m.ExpectCount("/v2/pods", 0),
		Steps: []resource.TestStep{
			{
				Config: paused,
				Check: resource.ComposeTestCheckFunc(yottaacctest.CaptureID(addr, &id),
					m.ExpectWrites(routeCreate, routePause)),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("status", knownvalue.StringExact("PAUSED")),
					expect("desired_status", knownvalue.StringExact("PAUSED")),
				},
			},
			{
				PreConfig: resetCalls(m),
				Config:    running,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(addr, tfjsonpath.New("status")),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.NotNull()),
				}},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttrPtr(addr, "id", &id),
					m.ExpectWrites(routeResume)),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("status", knownvalue.StringExact("RUNNING")),
					// The resume waited for the port to be healthy again.
					expect("exposed_ports", knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"port": knownvalue.Int64Exact(8080), "healthy": knownvalue.Bool(true),
					})})),
				},
			},
			{
				PreConfig: resetCalls(m),
				Config:    paused,
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttrPtr(addr, "id", &id),
					m.ExpectWrites(routePause)),
				ConfigStateChecks: []statecheck.StateCheck{expect("status", knownvalue.StringExact("PAUSED"))},
			},
		},
	})
}

// TestAccPod_replace: Yotta has no pod update, so changing a setting replaces the pod (a new
// id), whether Yotta reports the setting (image) or not (regions); the plan says so. A
// protocol's case or an image spelt out is no change.
func TestAccPod_replace(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	base := func(img, extra string) string {
		return podConfig(m, fmt.Sprintf("  name = \"r\"\n  image = %q\n  gpu_type = %q\n  gpu_count = 1\n%s", img, rtx4090, extra))
	}
	var first, second string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: yottaacctest.ProtoV6ProviderFactories,
		CheckDestroy:             m.ExpectCount("/v2/pods", 0),
		Steps: []resource.TestStep{
			{
				Config: base("ubuntu", `  expose = [{ port = 8080, protocol = "http" }]`),
				Check:  yottaacctest.CaptureID(addr, &first),
			},
			{
				// Same image spelt out, same protocol in another case: recorded, not replaced.
				PreConfig: resetCalls(m),
				Config:    base("docker.io/library/ubuntu:latest", `  expose = [{ port = 8080, protocol = "HTTP" }]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeTestCheckFunc(resource.TestCheckResourceAttrPtr(addr, "id", &first), m.ExpectWrites()),
			},
			{
				PreConfig: resetCalls(m),
				Config:    base(image2, `  expose = [{ port = 8080, protocol = "HTTP" }]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectUnknownValue(addr, tfjsonpath.New("id")),
				}},
				Check: resource.ComposeTestCheckFunc(
					yottaacctest.CaptureID(addr, &second),
					m.ExpectWrites(routeDelete, routeCreate),
					func(*terraform.State) error {
						if second == first {
							return fmt.Errorf("the pod kept id %s: not replaced", first)
						}
						return nil
					},
					m.ExpectCount("/v2/pods", 1)),
			},
			{
				// regions is not reported by Yotta: still a change that replaces.
				PreConfig: resetCalls(m),
				Config:    base(image2, "  expose = [{ port = 8080, protocol = \"HTTP\" }]\n  regions = [\"us-west-1\"]"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: m.ExpectWrites(routeDelete, routeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("region", knownvalue.StringExact("us-west-1")),
				},
			},
		},
	})
}

// TestAccPod_import: a pod created outside Terraform imports by id; the settings Yotta does
// not report are recorded from the configuration by the next apply, in place and without any
// call that changes the pod; then the plan is empty (checked after every apply).
func TestAccPod_import(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	id := m.Create(t, "/v2/pods", `{"name":"imported","image":"`+image+`","gpuType":"`+rtx4090+`","gpuCount":2,
		"regions":["us-west-1"],"minSingleCardVramInGb":24,"environmentVars":[{"key":"A","value":"1"}],
		"expose":[{"port":8888,"protocol":"http"}]}`)
	config := podConfig(m, fmt.Sprintf(`
  name                       = "imported"
  image                      = %q
  gpu_type                   = %q
  gpu_count                  = 2
  regions                    = ["us-west-1"]
  min_single_card_vram_in_gb = 24
  environment_vars           = { A = "1" }
  expose                     = [{ port = 8888, protocol = "HTTP" }]
`, image, rtx4090))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: yottaacctest.ProtoV6ProviderFactories,
		CheckDestroy:             m.ExpectCount("/v2/pods", 0),
		Steps: []resource.TestStep{
			{
				Config:             config,
				ResourceName:       addr,
				ImportState:        true,
				ImportStateId:      id,
				ImportStatePersist: true,
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					s := states[0].Attributes
					for k, want := range map[string]string{"id": id, "name": "imported", "gpu_count": "2", "region": "us-west-1",
						"desired_status": "RUNNING", "environment_vars.A": "1", "expose.0.protocol": "HTTP"} {
						if s[k] != want {
							return fmt.Errorf("%s = %q, want %q", k, s[k], want)
						}
					}
					if _, ok := s["regions.#"]; ok && s["regions.#"] != "0" {
						return fmt.Errorf("regions is not reported by Yotta: want null after import, got %s", s["regions.#"])
					}
					return nil
				},
			},
			{
				PreConfig: resetCalls(m),
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate), // recorded, not replaced
				}},
				Check: resource.ComposeTestCheckFunc(m.ExpectWrites(), resource.TestCheckResourceAttr(addr, "id", id)),
			},
			{
				Config:        config,
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: "not-a-pod-id",
				ExpectError:   yottaacctest.ErrorText(`"not-a-pod-id" is not a Yotta pod id`),
			},
		},
	})
}

// TestAccPod_drift: a pod deleted outside Terraform is planned for creation; one paused
// outside is planned to resume (an update); one that Yotta reports FAILED is planned for
// replacement, with a warning giving Yotta's reason.
func TestAccPod_drift(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	config := podConfig(m, minimal("d"))
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: yottaacctest.ProtoV6ProviderFactories,
		CheckDestroy:             m.ExpectCount("/v2/pods", 0),
		Steps: []resource.TestStep{
			{Config: config, Check: yottaacctest.CaptureID(addr, &id)},
			{
				PreConfig: func() { m.Do(t, "POST", "/v2/pods/"+id+"/pause", ""); m.ResetCalls() },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("desired_status"), knownvalue.StringExact("RUNNING")),
				}},
				Check: resource.ComposeTestCheckFunc(resource.TestCheckResourceAttrPtr(addr, "id", &id), m.ExpectWrites(routeResume),
					resource.TestCheckResourceAttr(addr, "status", "RUNNING")),
			},
			{
				PreConfig: func() {
					if err := m.FailPod(id, "GPU fell off the bus"); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: resource.ComposeTestCheckFunc(yottaacctest.CaptureID(addr, &id), resource.TestCheckResourceAttr(addr, "status", "RUNNING")),
			},
			{
				PreConfig: func() { m.Do(t, "DELETE", "/v2/pods/"+id, "") },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

// TestAccPod_failedFailsFast: a pod Yotta reports FAILED fails the apply at once with Yotta's
// reason (not at the timeout); it stays in the state, tainted, so the next plan replaces it.
func TestAccPod_failedFailsFast(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t, yottaacctest.WithBootDelay(200*time.Millisecond))
	if err := m.SetGPUStock(h100, "eu-2", 0); err != nil {
		t.Fatal(err)
	}
	noCapacity := podConfig(m, fmt.Sprintf("  name = \"f\"\n  image = %q\n  gpu_type = %q\n  gpu_count = 1\n  regions = [\"eu-2\"]\n", image, h100))
	badImage := podConfig(m, fmt.Sprintf("  name = \"f\"\n  image = \"busybox:mock-fail\"\n  gpu_type = %q\n  gpu_count = 1\n", rtx4090))
	start := time.Now()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: yottaacctest.ProtoV6ProviderFactories,
		CheckDestroy:             m.ExpectCount("/v2/pods", 0),
		Steps: []resource.TestStep{
			{
				Config: badImage,
				ExpectError: yottaacctest.ErrorText("Pod created but not ready", "Yotta reports the pod FAILED: failed to pull image busybox:mock-fail",
					"marked tainted"),
			},
			{
				// Tainted: the same configuration plans a replacement (which fails the same way).
				Config: badImage,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ExpectError: yottaacctest.ErrorText("Yotta reports the pod FAILED: failed to pull image"),
			},
			{
				Config: noCapacity,
				ExpectError: yottaacctest.ErrorText("Yotta reports the pod FAILED: insufficient resources: no region of [eu-2] has 1 free",
					"yotta_gpu_types data source shows availability"),
			},
		},
	})
	if took := time.Since(start); took > 90*time.Second {
		t.Errorf("took %s: a FAILED pod must fail the apply at once", took)
	}
}

// TestAccPod_faults: the apply survives Yotta's failures without duplicating anything: a 503
// create is sent again, a create whose answer is lost is adopted (one pod, found by one list),
// failed reads (HTTP 502, code 10002) are retried, a lost pause answer is settled by reading
// the pod, and a delete survives a 500.
func TestAccPod_faults(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	running := podConfig(m, minimal("faulty"))
	paused := podConfig(m, minimal("faulty")+"  desired_status = \"PAUSED\"\n")
	addFaults := func(faults ...mockkit.Fault) func() {
		return func() {
			m.ResetCalls()
			for _, f := range faults {
				if err := m.AddFault(f); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: yottaacctest.ProtoV6ProviderFactories,
		CheckDestroy:             resource.ComposeTestCheckFunc(m.ExpectFaultsUsed(), m.ExpectCount("/v2/pods", 0)),
		Steps: []resource.TestStep{
			{
				PreConfig: addFaults(
					mockkit.Fault{Route: routeCreate, Kind: mockkit.FaultStatus, Status: 503, Times: 1},
					mockkit.Fault{Route: routeCreate, Kind: mockkit.FaultDropAfter, Times: 1},
				),
				Config: running,
				Check: resource.ComposeTestCheckFunc(
					// The adopted pod was already running: no read needed.
					m.ExpectCalls(map[string]int{routeCreate: 2, routeList: 1, routeGet: 0}),
					m.ExpectFaultsUsed(),
					m.ExpectCount("/v2/pods", 1), // one pod, adopted (this check's own list comes after)
				),
			},
			{
				PreConfig: addFaults(
					mockkit.Fault{Route: routeGet, Kind: mockkit.FaultStatus, Status: 502, Times: 1},
					mockkit.Fault{Route: routeGet, Kind: mockkit.FaultCode, Code: 10002, Times: 1},
					mockkit.Fault{Route: routePause, Kind: mockkit.FaultDropAfter, Times: 1},
				),
				Config: paused,
				Check: resource.ComposeTestCheckFunc(m.ExpectWrites(routePause), m.ExpectFaultsUsed(),
					resource.TestCheckResourceAttr(addr, "status", "PAUSED")),
			},
			{
				PreConfig: addFaults(mockkit.Fault{Route: routeDelete, Kind: mockkit.FaultStatus, Status: 500, Times: 1}),
				Config:    m.ProviderConfig(),
				Check:     resource.ComposeTestCheckFunc(m.ExpectFaultsUsed(), m.ExpectWrites(routeDelete, routeDelete)),
			},
		},
	})
}

// TestAccPod_apiErrorsNameTheAttribute: Yotta's refusals (code 10001 in an HTTP 200 answer)
// fail the apply with Yotta's message, on the attribute it names; a wrong key says to check
// it.
func TestAccPod_apiErrors(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	unknownType := podConfig(m, fmt.Sprintf("  name = \"e\"\n  image = %q\n  gpu_type = \"NVIDIA_NOPE_8G\"\n  gpu_count = 1\n", image))
	wrongKey := strings.Replace(podConfig(m, minimal("e")), m.APIKey, "wrong-key", 1)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: yottaacctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: unknownType,
				ExpectError: yottaacctest.ErrorText("Failed to create pod", `with yotta_pod.test`, `gpu_type = "NVIDIA_NOPE_8G"`,
					"(code 10001): gpu type [NVIDIA_NOPE_8G] not supported", "which is this resource's gpu_type"),
			},
			{
				Config:      wrongKey,
				ExpectError: yottaacctest.ErrorText("Check the API key", "YOTTA_API_KEY", "HTTP 401 Unauthorized (code 401)", "invalid API key"),
			},
		},
	})
	if n := len(m.Calls()); n != 2 {
		t.Errorf("%d calls, want the 2 refused creates: %v", n, m.Routes())
	}
}
