package endpoint_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/mockrunpod"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod"
)

const addr = "runpod_endpoint.sd"

// workerTemplate is a serverless template for endpoints to run.
func workerTemplate(name, image string) string {
	return fmt.Sprintf(`
resource "runpod_template" %[1]q {
  name          = %[1]q
  image_name    = %[2]q
  is_serverless = true
}
`, name, image)
}

// endpointHCL is runpod_endpoint.sd on runpod_template.worker with body inside.
func endpointHCL(body string) string {
	return workerTemplate("worker", "example/worker:1.0") + `
resource "runpod_endpoint" "sd" {
  template_id = runpod_template.worker.id
` + body + `
}
`
}

const routePatch = "PATCH /endpoints/{endpointId}"

func keys(m map[string]any) []string { return slices.Sorted(maps.Keys(m)) }

// routes returns the routes of the calls the mock saw, leaving out reads.
func writes(m *acctest.Mock) []string {
	var out []string
	for _, c := range m.Calls() {
		if c.Method != "GET" {
			out = append(out, fmt.Sprintf("%s %d", c.Route, c.Status))
		}
	}
	return out
}

func TestAccEndpoint_createWithDefaultsImportAndDataSource(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
		config := m.Config(endpointHCL(`
  name         = "sd-worker"
  gpu_type_ids = ["NVIDIA GeForce RTX 4090", "NVIDIA L4"]
  workers_max  = 2
  flashboot    = true
`))
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps: []resource.TestStep{
				{
					Config: config,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("compute_type"), knownvalue.StringExact("GPU")),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("idle_timeout")),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[a-z0-9]{14}$`))),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("sd-worker")),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("compute_type"), knownvalue.StringExact("GPU")),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("gpu_type_ids"), knownvalue.ListExact([]knownvalue.Check{
							knownvalue.StringExact("NVIDIA GeForce RTX 4090"), knownvalue.StringExact("NVIDIA L4"),
						})),
						// RunPod's defaults, read back.
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("gpu_count"), knownvalue.Int64Exact(1)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("data_center_ids"), knownvalue.SetSizeExact(len(mockrunpod.DataCenters))),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("execution_timeout_ms"), knownvalue.Int64Exact(600000)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("idle_timeout"), knownvalue.Int64Exact(5)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("scaler_type"), knownvalue.StringExact("QUEUE_DELAY")),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("scaler_value"), knownvalue.Int64Exact(4)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("workers_min"), knownvalue.Int64Exact(0)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("workers_max"), knownvalue.Int64Exact(2)),
						// Not set, not reported: null, not empty.
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("cpu_flavor_ids"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("vcpu_count"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("network_volume_id"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("allowed_cuda_versions"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("min_cuda_version"), knownvalue.Null()),
						// flashboot is never read back: the configured value stays.
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("flashboot"), knownvalue.Bool(true)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("version"), knownvalue.Int64Exact(0)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("template_image_name"), knownvalue.StringExact("example/worker:1.0")),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("worker_count"), knownvalue.Int64Exact(0)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("user_id"), knownvalue.StringRegexp(regexp.MustCompile(`^user_`))),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("created_at"),
							knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$`))),
					},
					Check: func(*terraform.State) error {
						var bodies []map[string]any
						for _, c := range m.Calls() {
							if c.Route == "POST /endpoints" {
								var b map[string]any
								_ = json.Unmarshal([]byte(c.Body), &b)
								bodies = append(bodies, b)
							}
						}
						// Only what the configuration sets: RunPod fills in the rest.
						want := []string{"computeType", "flashboot", "gpuTypeIds", "name", "templateId", "workersMax"}
						if len(bodies) != 1 || !slices.Equal(keys(bodies[0]), want) {
							return fmt.Errorf("expected one POST /endpoints with %v, got %v", want, bodies)
						}
						return nil
					},
				},
				{
					ResourceName:      addr,
					ImportState:       true,
					ImportStateVerify: true,
					// RunPod never reports flashboot: after an import it is unknown to Terraform.
					ImportStateVerifyIgnore: []string{"flashboot"},
				},
				{
					Config: config + `
data "runpod_endpoint" "sd" {
  id = runpod_endpoint.sd.id
}
`,
					ConfigStateChecks: func() []statecheck.StateCheck {
						var checks []statecheck.StateCheck
						for _, name := range []string{"id", "name", "template_id", "compute_type", "gpu_type_ids", "gpu_count",
							"cpu_flavor_ids", "data_center_ids", "network_volume_id", "idle_timeout", "scaler_type", "scaler_value",
							"workers_min", "workers_max", "execution_timeout_ms", "created_at", "version", "user_id",
							"template_image_name", "worker_count"} {
							checks = append(checks, statecheck.CompareValuePairs(addr, tfjsonpath.New(name),
								"data."+addr, tfjsonpath.New(name), compare.ValuesSame()))
						}
						return checks
					}(),
				},
			},
		})
	})
}

func TestAccEndpoint_inPlaceUpdateHasNoRelease(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
		warnings := acctest.NewPlanWarnings()
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: warnings.ProviderFactories(),
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps: []resource.TestStep{
				{
					Config: m.Config(endpointHCL(`  name = "sd-worker"`)),
				},
				{
					PreConfig: func() { warnings.Reset(); m.ResetCalls() },
					Config: m.Config(endpointHCL(`
  name                 = "sd-worker-2"
  scaler_type          = "REQUEST_COUNT"
  scaler_value         = 2
  workers_min          = 1
  workers_max          = 5
  idle_timeout         = 60
  execution_timeout_ms = 300000
  flashboot            = false
`)),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						// No release: the plan knows the version stays.
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("version"), knownvalue.Int64Exact(0)),
						warnings.ExpectNoWarning("runpod_endpoint"),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("sd-worker-2")),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("scaler_type"), knownvalue.StringExact("REQUEST_COUNT")),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("scaler_value"), knownvalue.Int64Exact(2)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("workers_min"), knownvalue.Int64Exact(1)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("workers_max"), knownvalue.Int64Exact(5)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("idle_timeout"), knownvalue.Int64Exact(60)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("execution_timeout_ms"), knownvalue.Int64Exact(300000)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("flashboot"), knownvalue.Bool(false)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("version"), knownvalue.Int64Exact(0)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("worker_count"), knownvalue.Int64Exact(1)),
					},
					Check: func(*terraform.State) error {
						bodies := m.JSONBodies(t, routePatch)
						want := []string{"executionTimeoutMs", "flashboot", "idleTimeout", "name", "scalerType", "scalerValue", "workersMax", "workersMin"}
						if len(bodies) != 1 || !slices.Equal(keys(bodies[0]), want) {
							return fmt.Errorf("expected one PATCH with exactly the changed fields %v, got %v", want, bodies)
						}
						return nil
					},
				},
			},
		})
	})
}

func TestAccEndpoint_releaseSettingsRollOutARelease(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
		warnings := acctest.NewPlanWarnings()
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: warnings.ProviderFactories(),
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps: []resource.TestStep{
				{
					Config: m.Config(endpointHCL(`
  name         = "sd-worker"
  gpu_type_ids = ["NVIDIA GeForce RTX 4090"]
`)),
				},
				{
					PreConfig: func() { warnings.Reset(); m.ResetCalls() },
					Config: m.Config(endpointHCL(`
  name            = "sd-worker"
  gpu_type_ids    = ["NVIDIA L4", "NVIDIA GeForce RTX 4090"]
  data_center_ids = ["EU-RO-1", "US-TX-3"]
  scaler_value    = 3
`)),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("version")),
						warnings.ExpectWarning("runpod_endpoint", acctest.ErrorText(
							`Endpoint "sd-worker" (`, `) will roll out a new release:`,
							`Changing gpu_type_ids and data_center_ids of endpoint "sd-worker" (`,
							`) will roll out a new release: workers restart with the new settings, and version increases.`,
							`Only name, scaler_type, scaler_value, workers_min, workers_max, idle_timeout, execution_timeout_ms and flashboot change without a release.`)),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("version"), knownvalue.Int64Exact(1)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("gpu_type_ids"), knownvalue.ListExact([]knownvalue.Check{
							knownvalue.StringExact("NVIDIA L4"), knownvalue.StringExact("NVIDIA GeForce RTX 4090"),
						})),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("data_center_ids"), knownvalue.SetExact([]knownvalue.Check{
							knownvalue.StringExact("EU-RO-1"), knownvalue.StringExact("US-TX-3"),
						})),
					},
					Check: func(*terraform.State) error {
						bodies := m.JSONBodies(t, routePatch)
						want := []string{"dataCenterIds", "gpuTypeIds", "scalerValue"}
						if len(bodies) != 1 || !slices.Equal(keys(bodies[0]), want) {
							return fmt.Errorf("expected one PATCH with %v, got %v", want, bodies)
						}
						return nil
					},
				},
				{
					// Moving to another template is a release too, and the image read back follows it.
					PreConfig: func() { warnings.Reset() },
					Config: m.Config(workerTemplate("worker", "example/worker:1.0") + workerTemplate("worker-v2", "example/worker:2.0") + `
resource "runpod_endpoint" "sd" {
  name            = "sd-worker"
  template_id     = runpod_template.worker-v2.id
  gpu_type_ids    = ["NVIDIA L4", "NVIDIA GeForce RTX 4090"]
  data_center_ids = ["EU-RO-1", "US-TX-3"]
  scaler_value    = 3
}
`),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("version")),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("template_image_name")),
						warnings.ExpectWarning("runpod_endpoint", acctest.ErrorText(`Changing template_id of endpoint "sd-worker"`)),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("version"), knownvalue.Int64Exact(2)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("template_image_name"), knownvalue.StringExact("example/worker:2.0")),
					},
				},
			},
		})
	})
}

func TestAccEndpoint_computeTypeReplacesAfterScalingToZero(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
		var firstID string
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps: []resource.TestStep{
				{
					Config: m.Config(endpointHCL(`
  workers_min = 1
  workers_max = 2
`)),
					Check: acctest.CaptureID(addr, &firstID),
				},
				{
					PreConfig: func() { m.ResetCalls() },
					Config: m.Config(endpointHCL(`
  compute_type   = "CPU"
  cpu_flavor_ids = ["cpu5c", "cpu3c"]
  vcpu_count     = 4
  workers_min    = 1
  workers_max    = 2
`)),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("compute_type"), knownvalue.StringExact("CPU")),
						// REST v1 reports CPU workers as instance ids ("cpu5c-4-8"): read back as configured.
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("cpu_flavor_ids"), knownvalue.ListExact([]knownvalue.Check{
							knownvalue.StringExact("cpu5c"), knownvalue.StringExact("cpu3c"),
						})),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("vcpu_count"), knownvalue.Int64Exact(4)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("gpu_type_ids"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("gpu_count"), knownvalue.Null()),
					},
					Check: resource.ComposeTestCheckFunc(
						resource.TestCheckResourceAttrWith(addr, "id", func(v string) error {
							if v == firstID {
								return fmt.Errorf("expected a new endpoint, got the same id %s", v)
							}
							return nil
						}),
						func(*terraform.State) error {
							// RunPod refuses to delete an endpoint with workers: scale to zero first.
							want := []string{"PATCH /endpoints/{endpointId} 200", "DELETE /endpoints/{endpointId} 204", "POST /endpoints 200"}
							if got := writes(m); !slices.Equal(got, want) {
								return fmt.Errorf("expected calls %v, got %v", want, got)
							}
							if b := m.JSONBodies(t, routePatch); len(b) != 1 || b[0]["workersMin"] != 0.0 || b[0]["workersMax"] != 0.0 || len(b[0]) != 2 {
								return fmt.Errorf("expected the scale-down PATCH {workersMin: 0, workersMax: 0}, got %v", b)
							}
							return nil
						},
					),
				},
				{
					ResourceName:      addr,
					ImportState:       true,
					ImportStateVerify: true,
				},
			},
		})
	})
}

func TestAccEndpoint_deletedOutsideTerraformIsRecreated(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
		var id string
		config := m.Config(endpointHCL(`  name = "sd-worker"`))
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps: []resource.TestStep{
				{
					Config: config,
					Check:  resource.TestCheckResourceAttrWith(addr, "id", func(v string) error { id = v; return nil }),
				},
				{
					PreConfig: func() {
						if s, b := m.Do(t, "PATCH", "/endpoints/"+id, `{"workersMin":0,"workersMax":0}`); s != 200 {
							t.Fatalf("scale down: %d %s", s, b)
						}
						if s, b := m.Do(t, "DELETE", "/endpoints/"+id, ""); s != 204 {
							t.Fatalf("delete: %d %s", s, b)
						}
					},
					Config: config,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
					}},
					Check: resource.TestCheckResourceAttrWith(addr, "id", func(v string) error {
						if v == id {
							return fmt.Errorf("expected a new endpoint")
						}
						return nil
					}),
				},
			},
		})
	})
}

func TestAccEndpoint_deleteScalesDownWorkersAddedOutsideTerraform(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
		config := m.Config(endpointHCL(`
  workers_min = 0
  workers_max = 0
`))
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps: []resource.TestStep{
				{Config: config},
				{
					// Workers were added after the last refresh: RunPod refuses the delete once.
					PreConfig: func() {
						m.ResetCalls()
						if err := m.AddFault(mockrunpod.Fault{Route: "DELETE /endpoints/{endpointId}", Kind: mockrunpod.FaultStatus, Status: 400, Times: 1}); err != nil {
							t.Fatal(err)
						}
					},
					Config: m.Config(workerTemplate("worker", "example/worker:1.0")),
					Check: func(*terraform.State) error {
						want := []string{"DELETE /endpoints/{endpointId} 400", "PATCH /endpoints/{endpointId} 200", "DELETE /endpoints/{endpointId} 204"}
						if got := writes(m); !slices.Equal(got, want) {
							return fmt.Errorf("expected calls %v, got %v", want, got)
						}
						return nil
					},
				},
			},
		})
	})
}

func TestAccEndpoint_badInputFailsAtPlanTime(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
		hcl := func(body string) string {
			return m.Config(`
resource "runpod_endpoint" "sd" {
  template_id = "tpl0000001"
` + body + `
}
`)
		}
		steps := []struct {
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
			{`min_cuda_version = "12"`, []string{`Attribute min_cuda_version must be a CUDA version such as 12.4, got: 12`}},
			{"network_volume_id = \"vol1\"\n  network_volume_ids = [\"vol2\"]",
				[]string{`Attribute "network_volume_ids" cannot be specified when "network_volume_id" is specified`}},
			{`timeouts = { create = "soon" }`, []string{`Invalid Attribute Value Time Duration`, `"soon" must be a string containing a sequence of decimal numbers`}},
		}
		var testSteps []resource.TestStep
		for _, s := range steps {
			testSteps = append(testSteps, resource.TestStep{Config: hcl("  " + s.body), PlanOnly: true, ExpectError: acctest.ErrorText(s.err...)})
		}
		resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: testSteps})
		m.ExpectNoCalls(t)
	})
}

func TestAccEndpoint_workersBoundFromStateCheckedAtPlanTime(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps: []resource.TestStep{
				{Config: m.Config(endpointHCL(""))}, // RunPod's default workers_max is 3
				{
					PreConfig:   func() { m.ResetCalls() },
					Config:      m.Config(endpointHCL(`  workers_min = 5`)),
					ExpectError: acctest.ErrorText(`workers_min above workers_max`, `workers_min (5) must not be greater than workers_max (3): raise workers_max or lower workers_min.`),
				},
				{
					Config:   m.Config(endpointHCL("")),
					PlanOnly: true,
					Check: func(*terraform.State) error {
						if got := writes(m); len(got) != 0 {
							return fmt.Errorf("the refused plan must change nothing; calls: %v", got)
						}
						return nil
					},
				},
			},
		})
	})
}

func TestAccEndpoint_templateChangedInTheSameApply(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
		warnings := acctest.NewPlanWarnings()
		config := func(image string, workersMax int) string {
			return m.Config(fmt.Sprintf(`
resource "runpod_template" "worker" {
  name          = "worker"
  image_name    = %q
  is_serverless = true
}

resource "runpod_endpoint" "sd" {
  name        = "sd-worker"
  template_id = runpod_template.worker.id
  workers_max = %d
}
`, image, workersMax))
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: warnings.ProviderFactories(),
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps: []resource.TestStep{
				{Config: config("example/worker:1.0", 3)},
				{
					// The template's new image rolls out a release on the endpoint, which the
					// endpoint's own plan cannot see: the apply must still succeed.
					PreConfig: func() { warnings.Reset() },
					Config:    config("example/worker:2.0", 4),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction("runpod_template.worker", plancheck.ResourceActionUpdate),
						warnings.ExpectNoWarning("runpod_endpoint"),
						warnings.ExpectWarning("runpod_template", acctest.ErrorText(
							`Changing image_name of serverless template "worker"`, `Endpoints using it now: "sd-worker" (`)),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("workers_max"), knownvalue.Int64Exact(4)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("template_image_name"), knownvalue.StringExact("example/worker:2.0")),
					},
				},
				{
					// The next refresh records the release.
					Config: config("example/worker:2.0", 4),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("version"), knownvalue.Int64Exact(1)),
					},
				},
			},
		})
	})
}

func TestAccEndpoint_apiErrorsKeepRunPodsMessage(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: m.Config(`
resource "runpod_endpoint" "sd" {
  template_id = "tpl0000001"
}
`),
					ExpectError: acctest.ErrorText("Failed to create endpoint",
						"While attempting to create endpoint, the RunPod API call failed.",
						"create endpoint: RunPod API returned 400 Bad Request: template tpl0000001 not found"),
				},
				{
					Config: m.Config(`
resource "runpod_template" "pod" {
  name       = "pod-template"
  image_name = "example/app:1.0"
}

resource "runpod_endpoint" "sd" {
  template_id = runpod_template.pod.id
}
`),
					ExpectError: acctest.ErrorText("Failed to create endpoint", "is not a serverless template (isServerless = false): endpoints need one"),
				},
			},
		})
	})
}

func TestAccEndpoint_createTimeout(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
		if err := m.AddFault(mockrunpod.Fault{Route: "POST /endpoints", Kind: mockrunpod.FaultDelay, Delay: 5 * time.Second}); err != nil {
			t.Fatal(err)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: m.Config(endpointHCL(`  timeouts = { create = "1s" }`)),
				ExpectError: acctest.ErrorText("Failed to create endpoint", "While attempting to create endpoint",
					"context deadline exceeded"),
			}},
		})
		if ids := m.IDs(t, "/endpoints"); len(ids) != 0 {
			t.Errorf("the timed-out create must not have created an endpoint: %v", ids)
		}
	})
}

// createVolume makes a network volume outside Terraform (runpod_network_volume is another
// resource's business) and returns its id.
func createVolume(t *testing.T, m *acctest.Mock, name, dataCenter string) string {
	t.Helper()
	return m.Create(t, "/networkvolumes", fmt.Sprintf(`{"name":%q,"size":10,"dataCenterId":%q}`, name, dataCenter))
}

func TestAccEndpoint_networkVolumesAttachMoveAndDetach(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
		ro := createVolume(t, m, "models-ro", "EU-RO-1")
		tx := createVolume(t, m, "models-tx", "US-TX-3")
		warnings := acctest.NewPlanWarnings()
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: warnings.ProviderFactories(),
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps: []resource.TestStep{
				{
					Config: m.Config(endpointHCL(fmt.Sprintf(`
  name              = "sd-worker"
  network_volume_id = %q
  min_cuda_version  = "12.4"
`, ro))),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("network_volume_id"), knownvalue.StringExact(ro)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("network_volume_ids"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("min_cuda_version"), knownvalue.StringExact("12.4")),
					},
				},
				{ResourceName: addr, ImportState: true, ImportStateVerify: true},
				{
					// One volume per region: a release.
					PreConfig: func() { warnings.Reset(); m.ResetCalls() },
					Config: m.Config(endpointHCL(fmt.Sprintf(`
  name               = "sd-worker"
  network_volume_ids = [%q, %q]
  min_cuda_version   = "12.4"
`, ro, tx))),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						warnings.ExpectWarning("runpod_endpoint", acctest.ErrorText(`Changing network_volume_id and network_volume_ids of endpoint "sd-worker"`)),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("network_volume_id"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("network_volume_ids"), knownvalue.SetExact([]knownvalue.Check{
							knownvalue.StringExact(ro), knownvalue.StringExact(tx),
						})),
					},
					Check: func(*terraform.State) error {
						b := m.JSONBodies(t, routePatch)
						if len(b) != 1 {
							return fmt.Errorf("expected one PATCH, got %v", b)
						}
						if ids, ok := b[0]["networkVolumeIds"].([]any); !ok || b[0]["networkVolumeId"] != "" || len(ids) != 2 || len(b[0]) != 2 {
							return fmt.Errorf(`expected one PATCH {"networkVolumeId": "", "networkVolumeIds": [2 ids]}, got %v`, b)
						}
						return nil
					},
				},
				{ResourceName: addr, ImportState: true, ImportStateVerify: true},
				{
					// Removed from the configuration: detached, and the CUDA floor cleared.
					PreConfig: func() { m.ResetCalls() },
					Config:    m.Config(endpointHCL(`  name = "sd-worker"`)),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("network_volume_id"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("network_volume_ids"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("min_cuda_version"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("version"), knownvalue.Int64Exact(2)),
					},
					Check: func(*terraform.State) error {
						b := m.JSONBodies(t, routePatch)
						if len(b) != 1 {
							return fmt.Errorf("expected one PATCH, got %v", b)
						}
						if ids, ok := b[0]["networkVolumeIds"].([]any); !ok || b[0]["minCudaVersion"] != "" || len(ids) != 0 || len(b[0]) != 2 {
							return fmt.Errorf(`expected one PATCH {"minCudaVersion": "", "networkVolumeIds": []}, got %v`, b)
						}
						// Detached for real: RunPod now lets the volumes go.
						for _, id := range []string{ro, tx} {
							if status, body := m.Do(t, "DELETE", "/networkvolumes/"+id, ""); status != 204 {
								return fmt.Errorf("volume %s still attached: %d %s", id, status, body)
							}
						}
						return nil
					},
				},
			},
		})
	})
}

func TestAccEndpoint_templateReplacedWithCreateBeforeDestroy(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
		warnings := acctest.NewPlanWarnings()
		config := func(category string) string {
			return m.Config(fmt.Sprintf(`
resource "runpod_template" "worker" {
  name          = "worker-%[1]s"
  image_name    = "example/worker:1.0"
  category      = %[1]q
  is_serverless = true

  # Templates in use cannot be deleted, and names are unique: make the new one first.
  lifecycle {
    create_before_destroy = true
  }
}

resource "runpod_endpoint" "sd" {
  name        = "sd-worker"
  template_id = runpod_template.worker.id
}
`, category))
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: warnings.ProviderFactories(),
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps: []resource.TestStep{
				{Config: config("NVIDIA")},
				{
					PreConfig: func() { warnings.Reset() },
					Config:    config("AMD"),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("runpod_template.worker", plancheck.ResourceActionCreateBeforeDestroy),
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("template_id")),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("version")),
						warnings.ExpectWarning("runpod_endpoint", acctest.ErrorText(`Changing template_id of endpoint "sd-worker"`)),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.CompareValuePairs("runpod_template.worker", tfjsonpath.New("id"), addr, tfjsonpath.New("template_id"), compare.ValuesSame()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("version"), knownvalue.Int64Exact(1)),
					},
				},
			},
		})
	})
}

func TestAccEndpoint_failedReadAfterCreateKeepsTheEndpointInState(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
		if err := m.AddFault(mockrunpod.Fault{Route: "GET /endpoints/{endpointId}", Kind: mockrunpod.FaultStatus, Status: 400, Times: 1}); err != nil {
			t.Fatal(err)
		}
		config := m.Config(endpointHCL(`  name = "sd-worker"`))
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             m.ExpectCount("/endpoints", 0), // the first endpoint was not orphaned
			Steps: []resource.TestStep{
				{
					Config:      config,
					ExpectError: acctest.ErrorText(`Failed to read endpoint`, `after creating it`, `injected fault: Bad Request`),
				},
				{
					// Saved at once, so tainted: Terraform replaces it instead of forgetting it.
					Config: config,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
					}},
				},
			},
		})
	})
}

func TestAccEndpoint_deleteOfAnEndpointAlreadyGoneSucceeds(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			// The test's destroy runs without a refresh: Delete meets endpoints already gone.
			CheckDestroy: func(s *terraform.State) error {
				// Terraform deletes the two in parallel: compare sorted.
				want := []string{"DELETE /endpoints/{endpointId} 404", "PATCH /endpoints/{endpointId} 404"}
				var got []string
				for _, c := range m.Calls() {
					if c.Method != "GET" && c.Route != "DELETE /templates/{templateId}" {
						got = append(got, fmt.Sprintf("%s %d", c.Route, c.Status))
					}
				}
				slices.Sort(got)
				if !slices.Equal(got, want) {
					return fmt.Errorf("expected the scale-down of the endpoint with workers and the delete of the other to "+
						"meet 404 and succeed: %v, got %v", want, got)
				}
				return m.ExpectCount("/endpoints", 0)(s)
			},
			Steps: []resource.TestStep{{
				Config: m.Config(workerTemplate("worker", "example/worker:1.0") + `
resource "runpod_endpoint" "with_workers" {
  template_id = runpod_template.worker.id
  workers_min = 1
}

resource "runpod_endpoint" "idle" {
  template_id = runpod_template.worker.id
  workers_max = 0
}
`),
				Check: func(s *terraform.State) error {
					for _, name := range []string{"runpod_endpoint.with_workers", "runpod_endpoint.idle"} {
						id := s.RootModule().Resources[name].Primary.ID
						m.Do(t, "PATCH", "/endpoints/"+id, `{"workersMin":0,"workersMax":0}`)
						if status, body := m.Do(t, "DELETE", "/endpoints/"+id, ""); status != 204 {
							return fmt.Errorf("delete %s outside Terraform: %d %s", id, status, body)
						}
					}
					m.ResetCalls()
					return nil
				},
				ExpectNonEmptyPlan: true, // the refresh after apply finds them gone: intended
			}},
		})
	})
}
