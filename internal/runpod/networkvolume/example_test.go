package networkvolume_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// The documented examples apply against the mock as written.
func TestAccNetworkVolume_examplesApply(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		outsideID := m.Create(t, "/networkvolumes", `{"name":"datasets","size":500,"dataCenterId":"EU-RO-1"}`)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: m.Config(acctest.Example(t, "resources/runpod_network_volume/resource.tf")),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownOutputValue("network_volume_id", knownvalue.NotNull()),
					},
				},
				{
					Config:          m.Config(acctest.Example(t, "data-sources/runpod_network_volume/data-source.tf")),
					ConfigVariables: config.Variables{"datasets_volume_id": config.StringVariable(outsideID)},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownOutputValue("datasets_data_center", knownvalue.StringExact("EU-RO-1")),
					},
				},
				{
					Config: m.Config(acctest.Example(t, "data-sources/runpod_network_volumes/data-source.tf")),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownOutputValue("eu_ro_volume_sizes", knownvalue.MapExact(map[string]knownvalue.Check{outsideID: knownvalue.Int64Exact(500)})),
					},
				},
			},
		})
	})
}
