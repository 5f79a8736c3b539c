package yottaendpoint_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaacctest"
)

// TestAccEndpointDataSources: yotta_serverless_endpoint reads an endpoint by id, with its
// workers, resources and expose; yotta_serverless_endpoints lists them, filtered by status.
func TestAccEndpointDataSources(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	stopped := m.Create(t, "/v2/serverless", `{"name":"idle","image":"busybox","serviceMode":"CUSTOM","workers":1,"containerVolumeInGb":20,`+
		`"resources":[{"region":"us-east-1","gpuType":"NVIDIA_RTX_4090_24G","gpuCount":1}]}`)
	m.Do(t, "POST", "/v2/serverless/"+stopped+"/stop", "")
	one := "data.yotta_serverless_endpoint.one"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: yottaacctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: endpoint(m) + `
data "yotta_serverless_endpoint" "one" {
  id = yotta_serverless_endpoint.test.id
}

data "yotta_serverless_endpoints" "running" {
  status_list = ["RUNNING"]
  depends_on  = [yotta_serverless_endpoint.test]
}

data "yotta_serverless_endpoints" "all" {
  depends_on = [yotta_serverless_endpoint.test]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(one, tfjsonpath.New("name"), knownvalue.StringExact("llm")),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("status"), knownvalue.StringExact("RUNNING")),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("running_workers"), knownvalue.Int64Exact(2)),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("image_registry"), knownvalue.StringExact("https://index.docker.io/v1/")),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("expose"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"port": knownvalue.Int64Exact(8000), "protocol": knownvalue.StringExact("HTTP")})),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("resources").AtSliceIndex(1).AtMapKey("region"), knownvalue.StringExact("us-west-1")),
				statecheck.ExpectKnownValue("data.yotta_serverless_endpoints.running", tfjsonpath.New("endpoints"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("llm")}),
				})),
				statecheck.ExpectKnownValue("data.yotta_serverless_endpoints.all", tfjsonpath.New("ids"), knownvalue.ListSizeExact(2)),
			},
		}},
	})
}
