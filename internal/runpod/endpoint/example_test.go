package endpoint_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// TestAccEndpoint_example applies the documentation's example against the mock: what users
// copy works, and plans no change afterwards.
func TestAccEndpoint_example(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		example := acctest.Example(t, "resources/runpod_endpoint/resource.tf")
		m := acctest.NewMock(t, b)
		// Moving from REST v1 to REST v2 plans nothing: runpodprovider's
		// TestAccModule_switchingAPIVersionChangesNothing.
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             m.ExpectCount("/endpoints", 0),
			Steps: []resource.TestStep{{
				Config: m.Config(example),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("runpod_endpoint.sd", tfjsonpath.New("flashboot"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("runpod_endpoint.embeddings", tfjsonpath.New("vcpu_count"), knownvalue.Int64Exact(4)),
				},
			}},
		})
	})
}
