package pod_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// TestAccPodDataSources: runpod_pod reads one pod with its runtime (null while stopped);
// runpod_pods lists pods filtered by name and status.
func TestAccPodDataSources(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		config := func(bStatus string) string {
			return m.Config(`
resource "runpod_pod" "a" {
  name       = "alpha"
  image_name = "` + image + `"
  env        = { SECRET = "value-a" }
}

resource "runpod_pod" "b" {
  name           = "beta"
  image_name     = "` + image2 + `"
  gpu_type_ids   = ["` + rtxA6000 + `"]
  ports          = ["8888/http"]
  desired_status = "` + bStatus + `"
}

data "runpod_pod" "a" {
  id = runpod_pod.a.id
}

data "runpod_pod" "b" {
  id = runpod_pod.b.id
}

data "runpod_pods" "all" {
  depends_on = [runpod_pod.a, runpod_pod.b]
}

data "runpod_pods" "beta" {
  name       = "beta"
  depends_on = [runpod_pod.a, runpod_pod.b]
}

data "runpod_pods" "exited" {
  desired_status = "EXITED"
  depends_on     = [runpod_pod.a, runpod_pod.b]
}
`)
		}
		ds := func(addr, attr string, c knownvalue.Check) statecheck.StateCheck {
			return statecheck.ExpectKnownValue(addr, value(attr), c)
		}
		same := func(attr string) statecheck.StateCheck {
			return statecheck.CompareValuePairs("runpod_pod.a", value(attr), "data.runpod_pod.a", value(attr), compareSame)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: config("RUNNING"),
					ConfigStateChecks: []statecheck.StateCheck{
						same("id"), same("name"), same("image_name"), same("gpu_type_id"), same("public_ip"), same("port_mappings"),
						same("http_urls"), same("ssh_command"), same("env"), same("machine_id"), same("cost_per_hr"), same("last_started_at"),
						ds("data.runpod_pod.a", "compute_type", knownvalue.StringExact("GPU")),
						ds("data.runpod_pod.a", "cloud_type", knownvalue.StringExact("SECURE")),
						ds("data.runpod_pod.a", "desired_status", knownvalue.StringExact("RUNNING")),
						ds("data.runpod_pod.a", "last_status_change", on[knownvalue.Check](b, // v2 reports none
							knownvalue.StringRegexp(regexp.MustCompile(`^Rented by User: `)), knownvalue.Null())),
						ds("data.runpod_pod.a", "status", on[knownvalue.Check](b, knownvalue.Null(), knownvalue.StringExact("RUNNING"))),
						ds("data.runpod_pod.a", "runtime", knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"uptime_in_seconds": knownvalue.NotNull(),
							"ports": knownvalue.ListExact([]knownvalue.Check{
								knownvalue.ObjectExact(map[string]knownvalue.Check{
									// v2 gives an http port no IP
									"ip": on[knownvalue.Check](b, knownvalue.StringExact("10.0.0.2"), knownvalue.Null()), "is_ip_public": knownvalue.Bool(false),
									"private_port": knownvalue.Int64Exact(8888), "public_port": knownvalue.Null(), "type": knownvalue.StringExact("http"),
								}),
								knownvalue.ObjectExact(map[string]knownvalue.Check{
									"ip": knownvalue.StringRegexp(publicIPPattern), "is_ip_public": knownvalue.Bool(true),
									"private_port": knownvalue.Int64Exact(22), "public_port": knownvalue.NotNull(), "type": knownvalue.StringExact("tcp"),
								}),
							}),
							"gpus": knownvalue.ListSizeExact(1),
						})),
						ds("data.runpod_pod.b", "gpu_display_name", on[knownvalue.Check](b, knownvalue.StringExact("RTX A6000"), knownvalue.Null())),
						ds("data.runpod_pods.all", "pods", knownvalue.ListSizeExact(2)),
						ds("data.runpod_pods.beta", "pods", knownvalue.ListExact([]knownvalue.Check{
							knownvalue.ObjectPartial(map[string]knownvalue.Check{
								"name": knownvalue.StringExact("beta"), "image_name": knownvalue.StringExact(image2),
								"gpu_type_id": knownvalue.StringExact(rtxA6000), "ports": acckit.StringList("8888/http"),
							}),
						})),
						statecheck.CompareValuePairs("runpod_pod.b", value("id"), "data.runpod_pods.beta", value("ids").AtSliceIndex(0), compareSame),
						ds("data.runpod_pods.exited", "ids", knownvalue.ListExact([]knownvalue.Check{})),
					},
				},
				{
					Config: config("EXITED"),
					ConfigStateChecks: []statecheck.StateCheck{
						ds("data.runpod_pod.b", "desired_status", knownvalue.StringExact("EXITED")),
						ds("data.runpod_pod.b", "runtime", knownvalue.Null()),
						ds("data.runpod_pod.b", "public_ip", knownvalue.Null()),
						ds("data.runpod_pods.exited", "pods", knownvalue.ListExact([]knownvalue.Check{
							knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("beta")}),
						})),
					},
				},
			},
		})
	})
}

var compareSame = compare.ValuesSame()
