package yottavolume_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaacctest"
)

// volume is the body of a yotta_volume: storage type, then attribute = value lines.
func volume(storageType string, lines ...string) string {
	b := fmt.Sprintf("  name = \"v\"\n  storage_type = %q\n", storageType)
	for _, l := range lines {
		b += "  " + l + "\n"
	}
	return b
}

// volumeRefusals are the yotta_volume configurations refused at plan time, before any API call.
var volumeRefusals = []yottaacctest.Refusal{
	{Name: "empty name", Type: "yotta_volume", Body: strings.Replace(volume("S3"), `"v"`, `""`, 1),
		Want: []string{"name", "string length must be between 1 and 255"}},
	{Name: "long name", Type: "yotta_volume", Body: strings.Replace(volume("S3"), `"v"`, `"`+strings.Repeat("v", 256)+`"`, 1),
		Want: []string{"name", "string length must be between 1 and 255"}},
	{Name: "storage type", Type: "yotta_volume", Body: volume("NFS"),
		Want: []string{"storage_type", `value must be one of: ["S3" "CEPH" "VENDOR" "R2"]`}},
	{Name: "size 0", Type: "yotta_volume", Body: volume("CEPH", `region = "us-east-1"`, "size_in_gb = 0"),
		Want: []string{"size_in_gb", "value must be between 1 and 10240, got: 0"}},
	{Name: "size above 10240", Type: "yotta_volume", Body: volume("CEPH", `region = "us-east-1"`, "size_in_gb = 10241"),
		Want: []string{"size_in_gb", "value must be between 1 and 10240, got: 10241"}},
	{Name: "vendor volume type", Type: "yotta_volume", Body: volume("VENDOR", `region = "us-east-1"`, "size_in_gb = 10", `vendor_volume_type = "SSD"`),
		Want: []string{"vendor_volume_type", `value must be one of: ["NVMe" "HDD"]`}},
	{Name: "CEPH without region", Type: "yotta_volume", Body: volume("CEPH", "size_in_gb = 10"),
		Want: []string{"Missing region", "A CEPH volume lives in one region"}},
	{Name: "R2 without region", Type: "yotta_volume", Body: volume("R2"),
		Want: []string{"Missing region", "A R2 volume lives in one region"}},
	{Name: "CEPH without size", Type: "yotta_volume", Body: volume("CEPH", `region = "us-east-1"`),
		Want: []string{"Missing size_in_gb", "A CEPH volume has a size"}},
	{Name: "VENDOR without size", Type: "yotta_volume", Body: volume("VENDOR", `region = "us-east-1"`, `vendor_volume_type = "HDD"`),
		Want: []string{"Missing size_in_gb", "A VENDOR volume has a size"}},
	{Name: "S3 with a size", Type: "yotta_volume", Body: volume("S3", "size_in_gb = 10"),
		Want: []string{"size_in_gb not taken", "Yotta sizes only CEPH and VENDOR volumes: a S3 volume takes no size_in_gb"}},
	{Name: "R2 with a size", Type: "yotta_volume", Body: volume("R2", `region = "us-east-1"`, "size_in_gb = 10"),
		Want: []string{"size_in_gb not taken", "a R2 volume takes no size_in_gb"}},
	{Name: "VENDOR without its type", Type: "yotta_volume", Body: volume("VENDOR", `region = "us-east-1"`, "size_in_gb = 10"),
		Want: []string{"Missing vendor_volume_type", `set vendor_volume_type to "NVMe" or "HDD"`}},
	{Name: "CEPH with a vendor type", Type: "yotta_volume", Body: volume("CEPH", `region = "us-east-1"`, "size_in_gb = 10", `vendor_volume_type = "NVMe"`),
		Want: []string{"vendor_volume_type not taken", "a CEPH volume takes none"}},
	{Name: "missing storage type", Type: "yotta_volume", Body: `  name = "v"`,
		Want: []string{`The argument "storage_type" is required`}},
	{Name: "data source id", Type: "data.yotta_volume", Body: `  id = "vol-1"`,
		Want: []string{"id", `must be a Yotta volume id: digits, such as "402872365298094821"`}},
	{Name: "list storage type", Type: "data.yotta_volumes", Body: `  storage_type = "NFS"`,
		Want: []string{"storage_type", `value must be one of: ["S3" "CEPH" "VENDOR" "R2"]`}},
}

// TestAccVolume_invalidConfigurationsFailAtPlan: every configuration of volumeRefusals is
// refused when Terraform plans it, naming the attribute, with no API call at all.
func TestAccVolume_invalidConfigurationsFailAtPlan(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	refused := m.PlanRefusals(t, "", volumeRefusals)
	m.ExpectNoCalls(t)
	t.Logf("%d of %d invalid configurations refused at plan time, with %d API calls", refused, len(volumeRefusals), len(m.Calls()))
}
