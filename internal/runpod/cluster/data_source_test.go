package cluster_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// The data sources find a cluster made outside Terraform and a managed one; the documented
// examples read as written.
func TestAccClusterDataSources(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		status, body := m.DoV2(t, "POST", "/v2/clusters", `{"name":"outside","type":"RAY","compute":{"gpuTypeId":"NVIDIA A40","gpuCountPerPod":1,"podCount":2},"image":"img","ports":["22/tcp"]}`)
		if status != 201 {
			t.Fatalf("create outside: %d %s", status, body)
		}
		outside := firstCluster(t, m)
		sameID := statecheck.CompareValue(compare.ValuesSame())
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: m.Config(clusterConfig("llm-pretrain", 2, "img:1")),
			}, {
				Config: m.Config(clusterConfig("llm-pretrain", 2, "img:1") +
					acctest.Example(t, "data-sources/runpod_cluster/data-source.tf") +
					acctest.Example(t, "data-sources/runpod_clusters/data-source.tf") + `
data "runpod_clusters" "managed" {
  name = runpod_cluster.c.name
}
`),
				ConfigVariables: config.Variables{"cluster_id": config.StringVariable(outside)},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.runpod_cluster.training", tfjsonpath.New("type"), knownvalue.StringExact("RAY")),
					statecheck.ExpectKnownValue("data.runpod_cluster.training", tfjsonpath.New("members"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue("data.runpod_cluster.training", member(0, "role"), knownvalue.StringExact("RAY_HEAD")),
					statecheck.ExpectKnownValue("data.runpod_cluster.training", member(1, "role"), knownvalue.StringExact("RAY_WORKER")),
					statecheck.ExpectKnownOutputValue("hostfile", knownvalue.StringRegexp(regexpHostfile)),
					statecheck.ExpectKnownValue("data.runpod_clusters.managed", tfjsonpath.New("clusters"), knownvalue.ListSizeExact(1)),
					sameID.AddStateValue("data.runpod_clusters.managed", tfjsonpath.New("ids").AtSliceIndex(0)),
					sameID.AddStateValue(address, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue("data.runpod_clusters.managed", tfjsonpath.New("clusters").AtSliceIndex(0).AtMapKey("pods_running"),
						knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownOutputValue("gpus_by_cluster", knownvalue.MapExact(map[string]knownvalue.Check{
						"outside": knownvalue.Int64Exact(2), "llm-pretrain": knownvalue.Int64Exact(4),
					})),
				},
			}},
		})
	})
}
