package cluster_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// The documented example (a TRAINING cluster of 2 × 8 GPUs) applies against the mock as written.
func TestAccCluster_exampleApplies(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: m.Config(acctest.Example(t, "resources/runpod_cluster/resource.tf")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("primary_ssh_endpoint", knownvalue.NotNull()),
					statecheck.ExpectKnownOutputValue("member_ips", knownvalue.ListSizeExact(2)),
				},
				Check: resource.ComposeTestCheckFunc(expectClusters(t, m, 1), expectPods(t, m, 2)),
			}},
			CheckDestroy: expectClusters(t, m, 0),
		})
	})
}
