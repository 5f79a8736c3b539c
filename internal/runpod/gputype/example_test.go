package gputype_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// The documented examples apply against the mock as written.
func TestAccGPUType_examplesApply(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: m.Config(acctest.Example(t, "data-sources/runpod_gpu_type/data-source.tf")),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownOutputValue("cheapest_24g", knownvalue.StringExact("NVIDIA RTX A5000 at 0.29 USD/hour")),
					},
				},
				{
					Config: m.Config(acctest.Example(t, "data-sources/runpod_gpu_types/data-source.tf")),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownOutputValue("community_under_50c", knownvalue.ListPartial(map[int]knownvalue.Check{
							0: knownvalue.StringExact("NVIDIA GeForce RTX 3070"),
						})),
						statecheck.ExpectKnownOutputValueAtPath("prices_for_two_gpus", tfjsonpath.New("RTX 4090"), knownvalue.Float64Exact(0.68)),
					},
				},
			},
		})
	})
}
