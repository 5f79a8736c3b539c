package yottavolume_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaacctest"
)

// TestAccVolumeDataSources: yotta_volume reads a volume by id; yotta_volumes lists the
// volumes of a storage type (and region), here one made outside Terraform and one of the
// configuration, and not the S3 one.
func TestAccVolumeDataSources(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	m.Create(t, "/v2/volumes", `{"name":"outside","storageType":"CEPH","region":"us-west-1","sizeInGb":30}`)
	m.Create(t, "/v2/volumes", `{"name":"bucket","storageType":"S3"}`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: yottaacctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cephConfig(m, "data", 50) + `
data "yotta_volume" "one" {
  id = yotta_volume.test.id
}

data "yotta_volumes" "ceph" {
  storage_type = "CEPH"
  depends_on   = [yotta_volume.test]
}

data "yotta_volumes" "west" {
  storage_type = "CEPH"
  region       = "us-west-1"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.yotta_volume.one", tfjsonpath.New("name"), knownvalue.StringExact("data")),
				statecheck.ExpectKnownValue("data.yotta_volume.one", tfjsonpath.New("size_in_gb"), knownvalue.Int64Exact(50)),
				statecheck.ExpectKnownValue("data.yotta_volume.one", tfjsonpath.New("status"), knownvalue.StringExact("active")),
				statecheck.ExpectKnownValue("data.yotta_volumes.ceph", tfjsonpath.New("volumes"), knownvalue.ListPartial(map[int]knownvalue.Check{
					0: knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("outside"), "region": knownvalue.StringExact("us-west-1")}),
					1: knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("data")}),
				})),
				statecheck.ExpectKnownValue("data.yotta_volumes.ceph", tfjsonpath.New("ids"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.yotta_volumes.west", tfjsonpath.New("ids"), knownvalue.ListSizeExact(1)),
			},
		}},
	})
}
