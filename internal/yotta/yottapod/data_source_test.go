package yottapod_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaacctest"
)

// TestAccPodDataSources: yotta_pod reads one pod by id (an unknown id is an error on id);
// yotta_pods lists pods, filtered by region_list and status_list (Yotta's other spellings
// accepted), sent as Yotta's regionList and statusList.
func TestAccPodDataSources(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	a := m.Create(t, "/v2/pods", `{"name":"a","image":"`+image+`","gpuType":"`+rtx4090+`","gpuCount":1,"expose":[{"port":22,"protocol":"SSH"}]}`)
	b := m.Create(t, "/v2/pods", `{"name":"b","image":"`+image+`","gpuType":"`+rtx4090+`","gpuCount":1,"regions":["us-west-1"]}`)
	m.Do(t, "POST", "/v2/pods/"+b+"/pause", "")
	m.ResetCalls()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: yottaacctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: m.Config(fmt.Sprintf(`
data "yotta_pod" "a" {
  id = %q
}
data "yotta_pods" "all" {}
data "yotta_pods" "west" {
  region_list = ["us-west-1"]
}
data "yotta_pods" "stopped" {
  status_list = ["STOPPED"]
}
`, a)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.yotta_pod.a", tfjsonpath.New("name"), knownvalue.StringExact("a")),
					statecheck.ExpectKnownValue("data.yotta_pod.a", tfjsonpath.New("status"), knownvalue.StringExact("RUNNING")),
					statecheck.ExpectKnownValue("data.yotta_pod.a", tfjsonpath.New("ssh_command"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue("data.yotta_pod.a", tfjsonpath.New("environment_vars"), knownvalue.MapExact(map[string]knownvalue.Check{})),
					statecheck.ExpectKnownValue("data.yotta_pods.all", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact(b), knownvalue.StringExact(a)})), // newest update first
					statecheck.ExpectKnownValue("data.yotta_pods.west", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(b)})),
					statecheck.ExpectKnownValue("data.yotta_pods.stopped", tfjsonpath.New("pods").AtSliceIndex(0).AtMapKey("status"), knownvalue.StringExact("PAUSED")),
					statecheck.ExpectKnownValue("data.yotta_pods.stopped", tfjsonpath.New("pods"), knownvalue.ListSizeExact(1)),
				},
			},
			{
				Config:      m.Config(`data "yotta_pod" "gone" { id = "400000000000000001" }`),
				ExpectError: yottaacctest.ErrorText("Pod not found", "Yotta has no pod 400000000000000001"),
			},
		},
	})
	queries := map[string]bool{}
	for _, c := range m.Calls() {
		if c.Route == "GET /v2/pods" {
			queries[c.Query] = true
		}
	}
	for _, q := range []string{"", "regionList=us-west-1", "statusList=PAUSED"} {
		if !queries[q] {
			t.Errorf("no GET /v2/pods?%s among %v", q, queries)
		}
	}
}
