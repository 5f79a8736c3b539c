package networkvolume_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// (A volume the account lacks: TestAccNetworkVolume_refusedAtPlanWithoutWrites.)
func TestAccNetworkVolumeDataSources(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		// A volume made outside Terraform, which the data sources find like the managed ones.
		outsideID := m.Create(t, "/networkvolumes", `{"name":"datasets","size":500,"dataCenterId":"EU-RO-1"}`)
		// REST v2 reports the tier (the mock makes v1's volumes STANDARD). (REST v1 reports none,
		// which reads as null: TestVolumeFromAPIAndCreateInput.)
		tier := knownvalue.StringExact("STANDARD")

		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: m.Config(`
resource "runpod_network_volume" "ro" {
  name           = "models"
  size           = 50
  data_center_id = "EU-RO-1"
}

resource "runpod_network_volume" "tx" {
  name           = "models"
  size           = 20
  data_center_id = "US-TX-3"
}

data "runpod_network_volume" "outside" {
  id = "` + outsideID + `"
}

data "runpod_network_volume" "ro" {
  id = runpod_network_volume.ro.id
}

data "runpod_network_volumes" "all" {
  depends_on = [runpod_network_volume.ro, runpod_network_volume.tx]
}

data "runpod_network_volumes" "ro" {
  data_center_id = "EU-RO-1"
  depends_on     = [runpod_network_volume.ro, runpod_network_volume.tx]
}

data "runpod_network_volumes" "models_in_tx" {
  name           = "models"
  data_center_id = "US-TX-3"
  depends_on     = [runpod_network_volume.ro, runpod_network_volume.tx]
}
`),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("data.runpod_network_volume.outside", tfjsonpath.New("name"), knownvalue.StringExact("datasets")),
						statecheck.ExpectKnownValue("data.runpod_network_volume.outside", tfjsonpath.New("size"), knownvalue.Int64Exact(500)),
						statecheck.ExpectKnownValue("data.runpod_network_volume.outside", tfjsonpath.New("data_center_id"), knownvalue.StringExact("EU-RO-1")),
						statecheck.ExpectKnownValue("data.runpod_network_volume.outside", tfjsonpath.New("type"), tier),
						statecheck.ExpectKnownValue("data.runpod_network_volume.ro", tfjsonpath.New("size"), knownvalue.Int64Exact(50)),
						statecheck.CompareValuePairs("data.runpod_network_volume.ro", tfjsonpath.New("id"), "runpod_network_volume.ro", tfjsonpath.New("id"), compare.ValuesSame()),

						statecheck.ExpectKnownValue("data.runpod_network_volumes.all", tfjsonpath.New("network_volumes"), knownvalue.ListSizeExact(3)),
						statecheck.ExpectKnownValue("data.runpod_network_volumes.ro", tfjsonpath.New("ids"), knownvalue.ListSizeExact(2)),
						statecheck.ExpectKnownValue("data.runpod_network_volumes.models_in_tx", tfjsonpath.New("network_volumes"), knownvalue.ListExact([]knownvalue.Check{
							knownvalue.ObjectExact(map[string]knownvalue.Check{
								"id":             knownvalue.NotNull(),
								"name":           knownvalue.StringExact("models"),
								"size":           knownvalue.Int64Exact(20),
								"data_center_id": knownvalue.StringExact("US-TX-3"),
								"type":           tier,
							}),
						})),
						statecheck.CompareValuePairs("data.runpod_network_volumes.models_in_tx", tfjsonpath.New("ids").AtSliceIndex(0), "runpod_network_volume.tx", tfjsonpath.New("id"), compare.ValuesSame()),
					},
				},
			},
		})
	})
}
