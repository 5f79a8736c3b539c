package yottavolume_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaacctest"
)

const (
	addr        = "yotta_volume.test"
	routeCreate = "POST /v2/volumes"
	routeRename = "POST /v2/volumes/{id}/name"
	routeResize = "POST /v2/volumes/{id}/resize"
	routeDelete = "DELETE /v2/volumes/{id}"
	cephList    = "/v2/volumes?storageType=CEPH&size=100"
)

func cephConfig(m *yottaacctest.Mock, name string, size int) string {
	return m.Config(fmt.Sprintf(`
resource "yotta_volume" "test" {
  name         = %q
  storage_type = "CEPH"
  region       = "us-east-1"
  size_in_gb   = %d
}
`, name, size))
}

// bodies checks the bodies of the calls to route since the call log was last reset.
func bodies(m *yottaacctest.Mock, route string, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		var got []string
		for _, c := range m.Calls() {
			if c.Route == route {
				got = append(got, c.Body)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			return fmt.Errorf("%s bodies %q, want %q", route, got, want)
		}
		return nil
	}
}

// expectWrites checks the calls that changed something since the call log was last reset,
// for a step whose apply failed (its Check does not run).
func expectWrites(t *testing.T, m *yottaacctest.Mock, routes ...string) {
	t.Helper()
	if err := m.ExpectWrites(routes...)(nil); err != nil {
		t.Error(err)
	}
}

func expect(name string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New(name), v)
}

// TestAccVolume_lifecycle: create (waits for active), rename and grow in place with their
// routes (the same id), a shrink refused at plan with no call, import, a rename outside
// Terraform renamed back, a volume deleted outside created again, and a change of storage
// type replacing it.
func TestAccVolume_lifecycle(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t, yottaacctest.WithBootDelay(600_000_000)) // 0.6 s: creating, then active
	var id, id2 string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: yottaacctest.ProtoV6ProviderFactories,
		CheckDestroy:             m.ExpectCount(cephList, 0),
		Steps: []resource.TestStep{
			{
				Config: cephConfig(m, "models", 50),
				Check: resource.ComposeTestCheckFunc(yottaacctest.CaptureID(addr, &id),
					bodies(m, routeCreate, `{"name":"models","storageType":"CEPH","region":"us-east-1","sizeInGb":50}`)),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("id", knownvalue.StringRegexp(regexp.MustCompile(`^\d{18}$`))),
					expect("status", knownvalue.StringExact("active")),
					expect("size_in_gb", knownvalue.Int64Exact(50)),
					expect("mount_count", knownvalue.Int64Exact(0)),
					expect("cost", knownvalue.Float64Exact(3.5)),
					expect("vendor_volume_type", knownvalue.Null()),
					expect("created_at", knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT`))),
				},
			},
			{
				PreConfig: func() { m.ResetCalls() },
				Config:    cephConfig(m, "weights", 80),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeTestCheckFunc(resource.TestCheckResourceAttrPtr(addr, "id", &id),
					bodies(m, routeRename, `{"name":"weights"}`), bodies(m, routeResize, `{"sizeInGb":80}`),
					m.ExpectWrites(routeRename, routeResize)),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("size_in_gb", knownvalue.Int64Exact(80)), expect("status", knownvalue.StringExact("active")),
				},
			},
			{
				PreConfig:   func() { m.ResetCalls() },
				Config:      cephConfig(m, "weights", 60),
				ExpectError: regexp.MustCompile(`(?s)A\s+volume\s+cannot\s+shrink.*Yotta\s+volumes\s+only\s+grow:\s+volume\s+\d{18}\s+is\s+80\s+GB,\s+and\s+size_in_gb\s+=\s+60\s+would\s+shrink\s+it`),
			},
			{
				PreConfig:         func() { m.ExpectNoWrites(t) }, // the shrink was refused at plan
				ResourceName:      addr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				PreConfig: func() { m.Do(t, "POST", "/v2/volumes/"+id+"/name", `{"name":"renamed"}`); m.ResetCalls() },
				Config:    cephConfig(m, "weights", 80),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeTestCheckFunc(bodies(m, routeRename, `{"name":"weights"}`), m.ExpectWrites(routeRename)),
			},
			{
				PreConfig: func() { m.Do(t, "DELETE", "/v2/volumes/"+id, "") },
				Config:    cephConfig(m, "weights", 80),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
				}},
				Check: yottaacctest.CaptureID(addr, &id2),
			},
			{
				PreConfig: func() { m.ResetCalls() },
				Config: m.Config(`
resource "yotta_volume" "test" {
  name               = "weights"
  storage_type       = "VENDOR"
  region             = "us-east-1"
  size_in_gb         = 80
  vendor_volume_type = "NVMe"
}
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: resource.ComposeTestCheckFunc(m.ExpectWrites(routeDelete, routeCreate), m.ExpectCount(cephList, 0),
					bodies(m, routeCreate, `{"name":"weights","storageType":"VENDOR","region":"us-east-1","sizeInGb":80,"vendorVolumeType":"NVMe"}`)),
				ConfigStateChecks: []statecheck.StateCheck{expect("vendor_volume_type", knownvalue.StringExact("NVMe"))},
			},
		},
	})
}

const podMountingVolume = `
resource "yotta_pod" "user" {
  name      = "trainer"
  image     = "pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime"
  gpu_type  = "NVIDIA_RTX_4090_24G"
  gpu_count = 1
  regions   = [yotta_volume.test.region]
  persistent_volumes = [
    { volume_id = yotta_volume.test.id, mount_path = "/mnt/volume", need_backup = false },
  ]
}
`

// TestAccVolume_mountedByAPod: a pod of the configuration mounts the volume by its id (the
// volume is made first); Yotta then counts the mount, refuses a resize and a delete naming
// the pod, and the plan of a resize warns that it will be refused. Destroying both deletes
// the pod first.
func TestAccVolume_mountedByAPod(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	warnings := yottaacctest.NewWarnings()
	var id, outsider string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: warnings.ProviderFactories(),
		CheckDestroy:             resource.ComposeTestCheckFunc(m.ExpectCount(cephList, 0), m.ExpectCount("/v2/pods", 0)),
		Steps: []resource.TestStep{
			{
				Config: cephConfig(m, "data", 100) + podMountingVolume,
				Check: resource.ComposeTestCheckFunc(yottaacctest.CaptureID(addr, &id),
					m.ExpectWrites(routeCreate, "POST /v2/pods"),
					func(*terraform.State) error {
						return bodies(m, "POST /v2/pods", `{"name":"trainer","regions":["us-east-1"],"image":"pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime",`+
							`"gpuType":"NVIDIA_RTX_4090_24G","gpuCount":1,"persistentVolumes":[{"volumeId":`+id+`,"mountPath":"/mnt/volume","needBackup":false}]}`)(nil)
					}),
			},
			{
				// The plan warns; the apply is refused.
				PreConfig: func() { m.ResetCalls(); warnings.Reset() },
				Config:    cephConfig(m, "data", 200) + podMountingVolume,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					warnings.ExpectWarning("yotta_volume", yottaacctest.ErrorText("Yotta will refuse to resize a mounted volume: "+
						"Volume", "grows from 100 GB to 200 GB in place, but when it was last read 1 pod(s) mounted it")),
				}},
				ExpectError: regexp.MustCompile(`(?s)Volume\s+in\s+use.*Yotta\s+refuses\s+to\s+resize\s+volume\s+data\s+\(\d{18}\).*Yotta\s+says:\s+Volume\s+\[data\]\s+cannot\s+be\s+resized:\s+it\s+is\s+mounted\s+by\s+pod\s+\d{18}\s+\(trainer\)`),
			},
			{
				// Back to the size it has; an outsider's pod mounts it too.
				PreConfig: func() {
					expectWrites(t, m, routeResize) // the refused resize
					outsider = m.Create(t, "/v2/pods", `{"name":"outsider","image":"busybox","gpuType":"NVIDIA_RTX_4090_24G","gpuCount":1,`+
						`"persistentVolumes":[{"volumeId":`+id+`,"mountPath":"/data"}]}`)
				},
				Config: cephConfig(m, "data", 100) + podMountingVolume,
				// The refresh reads both mounts.
				ConfigStateChecks: []statecheck.StateCheck{expect("mount_count", knownvalue.Int64Exact(2))},
			},
			{
				// Destroying both deletes the pod first; the outsider's pod still mounts the volume.
				PreConfig:   func() { m.ResetCalls() },
				Config:      m.ProviderConfig(),
				ExpectError: regexp.MustCompile(`(?s)Volume\s+in\s+use.*Yotta\s+refuses\s+to\s+delete\s+volume\s+data.*mounted\s+by\s+pod\s+\d{18}\s+\(outsider\)`),
			},
			{
				PreConfig: func() {
					expectWrites(t, m, "DELETE /v2/pods/{id}", routeDelete) // the pod first, then the refused delete
					m.Do(t, "DELETE", "/v2/pods/"+outsider, "")
				},
				Config: m.ProviderConfig(),
			},
		},
	})
}

// TestAccVolume_lostCreateAnswerIsAdoptedWithAWarning: the create acts in Yotta, then the
// connection drops before the answer. The provider finds the volume the create made and
// manages it, and the apply says so in a warning naming it. One volume, no duplicate.
func TestAccVolume_lostCreateAnswerIsAdoptedWithAWarning(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	yottaacctest.ExpectLostCreateAdopted(t, m, yottaacctest.LostCreate{
		Config: cephConfig(m, "adopted", 20), Address: addr, CreateRoute: routeCreate,
		ListPath: cephList, Kind: "volume", Cause: "create volume adopted: no answer from Yotta",
	})
}
