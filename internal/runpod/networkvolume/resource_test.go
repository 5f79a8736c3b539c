package networkvolume_test

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/conformance"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodmock"
)

const address = "runpod_network_volume.models"

// routes are the mock's routes of volume calls on one backend (see mockkit.Call.Route).
type routes struct{ create, update, delete string }

func routesOf(b runpodapi.Backend) routes {
	if b == runpodapi.BackendV1 {
		return routes{
			create: "POST /networkvolumes",
			update: "PATCH /networkvolumes/{networkVolumeId}",
			delete: "DELETE /networkvolumes/{networkVolumeId}",
		}
	}
	return routes{
		create: "POST /v2/network-volumes",
		update: "PATCH /v2/network-volumes/{id}",
		delete: "DELETE /v2/network-volumes/{id}",
	}
}

// writes are the calls that change something (anything but a read) the mock logged.
func writes(m *acctest.Mock) []mockkit.Call {
	var out []mockkit.Call
	for _, c := range m.Calls() {
		if c.Method != http.MethodGet {
			out = append(out, c)
		}
	}
	return out
}

// expectNoWrites fails t when the mock logged a call that changes something: configurations
// refused at plan time may read RunPod's catalog, never write.
func expectNoWrites(t *testing.T, m *acctest.Mock) {
	t.Helper()
	if w := writes(m); len(w) > 0 {
		t.Errorf("refused configurations must not reach RunPod with a write; the mock saw %d, first %s", len(w), w[0].Route)
	}
}

func volumeConfig(name string, size int, dc string) string {
	return fmt.Sprintf(`
resource "runpod_network_volume" "models" {
  name           = %q
  size           = %d
  data_center_id = %q
}
`, name, size, dc)
}

// On REST v2 only: REST v1's create, update, read and delete of a volume are checked at the
// client level (runpodapi's TestNetworkVolumeRoundTrips, TestOtherDomainsAgainstMock), and the
// null tier of a volume v1 made without one by TestWithAPIKeepsTheTierV1DoesNotReport.
func TestAccNetworkVolume_createGrowRenameReplaceImport(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		r := routesOf(b)
		routeCreate, routeUpdate, routeDelete := r.create, r.update, r.delete
		// REST v2 sends dataCenter and reads the tier back (EU-RO-1's default, STANDARD).
		tier := knownvalue.StringExact("STANDARD")
		createBody := `{"name":"models","size":50,"dataCenter":"EU-RO-1"}`
		sameVolume := statecheck.CompareValue(compare.ValuesSame())
		newVolume := statecheck.CompareValue(compare.ValuesDiffer())
		var firstID string
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: m.Config(volumeConfig("models", 50, "EU-RO-1")),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(address, plancheck.ResourceActionCreate),
						plancheck.ExpectUnknownValue(address, tfjsonpath.New("id")),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(address, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[a-z0-9]{10}$`))),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("name"), knownvalue.StringExact("models")),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("size"), knownvalue.Int64Exact(50)),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("data_center_id"), knownvalue.StringExact("EU-RO-1")),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("type"), tier),
						sameVolume.AddStateValue(address, tfjsonpath.New("id")),
					},
					Check: resource.ComposeTestCheckFunc(
						acctest.CaptureID(address, &firstID),
						m.ExpectCalls(map[string]int{routeCreate: 1, routeUpdate: 0, routeDelete: 0}),
						func(*terraform.State) error {
							if got, want := m.Bodies(routeCreate)[0], createBody; got != want {
								return fmt.Errorf("create body %s, want %s", got, want)
							}
							return nil
						},
					),
				},
				{
					// Growing is in place: one PATCH with only the size.
					Config: m.Config(volumeConfig("models", 120, "EU-RO-1")),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(address, tfjsonpath.New("id"), knownvalue.NotNull()),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(address, tfjsonpath.New("size"), knownvalue.Int64Exact(120)),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("type"), tier),
						sameVolume.AddStateValue(address, tfjsonpath.New("id")),
					},
					Check: resource.ComposeTestCheckFunc(
						m.ExpectCalls(map[string]int{routeCreate: 1, routeUpdate: 1, routeDelete: 0}),
						func(*terraform.State) error {
							if got, want := m.Bodies(routeUpdate)[0], `{"size":120}`; got != want {
								return fmt.Errorf("update body %s, want %s", got, want)
							}
							return nil
						},
					),
				},
				{
					// Renaming is in place too, and sends only the name.
					Config: m.Config(volumeConfig("model-weights", 120, "EU-RO-1")),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(address, tfjsonpath.New("name"), knownvalue.StringExact("model-weights")),
						sameVolume.AddStateValue(address, tfjsonpath.New("id")),
						newVolume.AddStateValue(address, tfjsonpath.New("id")),
					},
					Check: resource.ComposeTestCheckFunc(
						m.ExpectCalls(map[string]int{routeCreate: 1, routeUpdate: 2, routeDelete: 0}),
						func(*terraform.State) error {
							if got, want := m.Bodies(routeUpdate)[1], `{"name":"model-weights"}`; got != want {
								return fmt.Errorf("update body %s, want %s", got, want)
							}
							return nil
						},
					),
				},
				{
					// Another data center replaces the volume; a smaller size is then no shrink but a new volume.
					Config: m.Config(volumeConfig("model-weights", 10, "US-TX-3")),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(address, plancheck.ResourceActionDestroyBeforeCreate),
						plancheck.ExpectUnknownValue(address, tfjsonpath.New("id")),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(address, tfjsonpath.New("data_center_id"), knownvalue.StringExact("US-TX-3")),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("size"), knownvalue.Int64Exact(10)),
						newVolume.AddStateValue(address, tfjsonpath.New("id")),
					},
					Check: resource.ComposeTestCheckFunc(
						m.ExpectCalls(map[string]int{routeCreate: 2, routeUpdate: 2, routeDelete: 1}),
						func(*terraform.State) error {
							if status, _ := m.Do(t, http.MethodGet, "/networkvolumes/"+firstID, ""); status != http.StatusNotFound {
								return fmt.Errorf("the replaced volume %s still exists (GET answered %d)", firstID, status)
							}
							return nil
						},
					),
				},
				{
					ResourceName:      address,
					ImportState:       true,
					ImportStateVerify: true,
				},
			},
			CheckDestroy: m.ExpectCount("/networkvolumes", 0),
		})
	})
}

func TestAccNetworkVolume_shrinkIsRefusedAtPlanTime(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		routeUpdate := routesOf(b).update
		var id string
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: m.Config(volumeConfig("models", 100, "EU-RO-1")),
					Check:  acctest.CaptureID(address, &id),
				},
				{
					Config:   m.Config(volumeConfig("models", 50, "EU-RO-1")),
					PlanOnly: true, // the plan itself fails
					ExpectError: acctest.ErrorText(
						"Error: Network volume cannot shrink", `with runpod_network_volume.models`, "size would shrink network volume",
						"from 100 GB to 50 GB. RunPod network volumes can only grow: a smaller volume means a new, empty one, and the data on this one would be lost. The provider refuses the change rather than replace the volume.",
						"To keep the volume and its data, set size to 100 or more. If the volume grew outside Terraform, that is its size now. To start over with an empty 50 GB volume, destroy this one first (terraform destroy -target=<address>), then apply."),
				},
				{
					// Grown to 150 GB outside Terraform: keeping 100 in the configuration would shrink it.
					PreConfig: func() {
						if n := m.CallCount(routeUpdate); n != 0 {
							t.Fatalf("the refused shrink made %d PATCH calls", n)
						}
						// (through the mock's REST v1, which logs its own route: routeUpdate counts only the provider's PATCHes)
						if status, body := m.Do(t, http.MethodPatch, "/networkvolumes/"+id, `{"size":150}`); status != http.StatusOK {
							t.Fatalf("growing the volume outside Terraform: %d %s", status, body)
						}
					},
					Config:      m.Config(volumeConfig("models", 100, "EU-RO-1")),
					PlanOnly:    true,
					ExpectError: acctest.ErrorText("Network volume cannot shrink", "from 150 GB to 100 GB", "set size to 150 or more"),
				},
				{
					Config: m.Config(volumeConfig("models", 150, "EU-RO-1")),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectEmptyPlan(),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(address, tfjsonpath.New("size"), knownvalue.Int64Exact(150)),
					},
				},
			},
		})
		// The one PATCH made outside Terraform went through the mock's REST v1: it is logged
		// under v1's route, not the provider's.
		if n := m.CallCount(routeUpdate); n != 0 {
			t.Errorf("PATCH calls of the provider's API: %d, want none", n)
		}
	})
}

// A size known only after apply cannot be judged by the first plan: Terraform's plan during
// the apply, with the final size, refuses the shrink before RunPod is called.
func TestAccNetworkVolume_shrinkKnownOnlyAtApplyIsRefusedBeforeAnyCall(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		routeUpdate := routesOf(b).update
		config := func(size int) string {
			return m.Config(fmt.Sprintf(`
resource "terraform_data" "size" {
  input = %d
}

resource "runpod_network_volume" "models" {
  name           = "models"
  size           = terraform_data.size.output
  data_center_id = "EU-RO-1"
}
`, size))
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: config(100)},
				{
					Config: config(40),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectUnknownValue(address, tfjsonpath.New("size")),
					}},
					ExpectError: acctest.ErrorText("Network volume cannot shrink", "from 100 GB to 40 GB"),
				},
			},
		})
		if n := m.CallCount(routeUpdate); n != 0 {
			t.Errorf("the refused shrink made %d PATCH calls", n)
		}
	})
}

func TestAccNetworkVolume_deletedOutsideTerraformIsCreatedAgain(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		recreated := statecheck.CompareValue(compare.ValuesDiffer())
		var id string
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config:            m.Config(volumeConfig("models", 50, "EU-RO-1")),
					Check:             acctest.CaptureID(address, &id),
					ConfigStateChecks: []statecheck.StateCheck{recreated.AddStateValue(address, tfjsonpath.New("id"))},
				},
				{
					PreConfig: func() {
						if status, body := m.Do(t, http.MethodDelete, "/networkvolumes/"+id, ""); status != http.StatusNoContent {
							t.Fatalf("deleting the volume outside Terraform: %d %s", status, body)
						}
					},
					Config: m.Config(volumeConfig("models", 50, "EU-RO-1")),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(address, plancheck.ResourceActionCreate),
					}},
					ConfigStateChecks: []statecheck.StateCheck{recreated.AddStateValue(address, tfjsonpath.New("id"))},
				},
				{
					ResourceName:      address,
					ImportState:       true,
					ImportStateIdFunc: func(*terraform.State) (string, error) { return id, nil }, // the deleted one
					ExpectError:       regexp.MustCompile(`Cannot import non-existent remote object`),
				},
			},
		})
	})
}

// When the first DELETE deletes the volume but its answer is lost, the retried DELETE finds
// it gone (REST v2 answers 404) and destroy succeeds. (REST v1 answers 500 for a missing
// volume, which its client reads back to tell: runpodapi's
// TestNetworkVolumeDeleteWhoseAnswerIsLostSucceeds.)
func TestAccNetworkVolume_destroyWhoseAnswerIsLostSucceeds(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		routeDelete := routesOf(b).delete
		missing := http.StatusNotFound
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: m.Config(volumeConfig("models", 50, "EU-RO-1")),
				Check: func(*terraform.State) error {
					return m.AddFault(mockkit.Fault{Route: routeDelete, Kind: mockkit.FaultDropAfter, Times: 1})
				},
			}},
			CheckDestroy: func(s *terraform.State) error {
				var statuses []int
				for _, c := range m.Calls() {
					if c.Route == routeDelete {
						statuses = append(statuses, c.Status)
					}
				}
				if want := []int{0, missing}; !slices.Equal(statuses, want) {
					return fmt.Errorf("DELETE answers %v, want %v (dropped, then RunPod's answer for a missing volume)", statuses, want)
				}
				return m.ExpectCount("/networkvolumes", 0)(s)
			},
		})
	})
}

func TestAccNetworkVolume_inUseIsNotDeletedAndSaysWhy(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		var id, podID string
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: m.Config(volumeConfig("models", 50, "EU-RO-1")),
					Check:  acctest.CaptureID(address, &id),
				},
				{
					// A pod made outside this configuration mounts the volume.
					PreConfig: func() {
						podID = m.Create(t, "/pods", fmt.Sprintf(`{"imageName":"runpod/base:0.6.2","networkVolumeId":%q}`, id))
					},
					Config:  m.Config(volumeConfig("models", 50, "EU-RO-1")),
					Destroy: true,
					ExpectError: acctest.ErrorText("Failed to delete network volume",
						"RunPod does not delete a network volume that a pod or endpoint still uses: delete those or detach the volume from them first.",
						"is attached to pod"),
				},
				{
					PreConfig: func() {
						if status, body := m.Do(t, http.MethodDelete, "/pods/"+podID, ""); status != http.StatusNoContent {
							t.Fatalf("deleting the pod: %d %s", status, body)
						}
					},
					Config: m.Config(volumeConfig("models", 50, "EU-RO-1")),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectEmptyPlan(), // the refused delete left the volume in state
					}},
				},
			},
		})
	})
}

func TestAccNetworkVolume_createRetriedOnRateLimitMakesOneVolume(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		routeCreate := routesOf(b).create
		if err := m.AddFault(mockkit.Fault{Route: routeCreate, Kind: mockkit.FaultStatus, Status: http.StatusTooManyRequests, RetryAfter: "1", Times: 1}); err != nil {
			t.Fatal(err)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: m.Config(volumeConfig("models", 50, "EU-RO-1")),
				Check: resource.ComposeTestCheckFunc(
					m.ExpectCalls(map[string]int{routeCreate: 2}),
					m.ExpectCount("/networkvolumes", 1),
				),
			}},
		})
	})
}

// volumeBody is a valid network volume's body with one setting changed.
func volumeBody(name string, size int, dc string) string {
	return fmt.Sprintf("name = %q\nsize = %d\ndata_center_id = %q", name, size, dc)
}

// TestAccNetworkVolume_refusedAtPlanWithoutWrites: every configuration of a new volume or of a
// data source that the provider refuses at plan time, in one catalog (two plans at the most),
// each with its exact error; not one of them writes. The refusals that are the same on both
// APIs (the schema's validators, a volume the account lacks) run on REST v2; REST v1 refuses
// sizes, tiers and data centers differently, with its own texts.
func TestAccNetworkVolume_refusedAtPlanWithoutWrites(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		const volume, volumes = "runpod_network_volume", "data.runpod_network_volumes"
		cases := []acctest.Refusal{
			{Name: "size 4001", Type: volume, Body: volumeBody("models", 4001, "EU-RO-1"), Want: []string{
				"Network volume size out of range for REST v1", `size is 4001 GB, and RunPod's REST v1 (api_version = "v1") makes network volumes of 1 to 4000 GB.`}},
			{Name: "a tier", Type: volume, Body: volumeBody("models", 50, "US-TX-3") + "\n" + `type = "HIGH_PERFORMANCE"`, Want: []string{
				"Not supported by RunPod's REST v1",
				`type is "HIGH_PERFORMANCE", and RunPod's REST v1 (api_version = "v1") cannot ask for a volume tier`,
				`use REST v2 (api_version = "v2", the default)`}},
			{Name: "a data center v1 does not know", Type: volume, Body: volumeBody("models", 50, "eu-ro-1"), Want: []string{"Unknown data center",
				`data_center_id is "eu-ro-1", which is not one of the data centers of RunPod's REST v1 (api_version = "v1"). Data centers, closest first: EU-RO-1, EU-CZ-1,`}},
			{Name: "listing volumes of a data center v1 does not know", Type: volumes, Body: `data_center_id = "MARS-1"`, Want: []string{"Unknown data center",
				`data_center_id is "MARS-1", which is not one of the data centers of RunPod's REST v1 (api_version = "v1"). Data centers, closest first:`}},
		}
		if b == runpodapi.BackendV2 {
			cases = []acctest.Refusal{
				{Name: "size 0", Type: volume, Body: volumeBody("models", 0, "EU-RO-1"),
					Want: []string{`Attribute size value must be between 1 and 4096, got: 0`}},
				{Name: "size 4097", Type: volume, Body: volumeBody("models", 4097, "EU-RO-1"),
					Want: []string{`Attribute size value must be between 1 and 4096, got: 4097`}},
				{Name: "empty name", Type: volume, Body: volumeBody("", 50, "EU-RO-1"),
					Want: []string{`Attribute name string length must be between 1 and 191, got: 0`}},
				{Name: "empty data center", Type: volume, Body: volumeBody("models", 50, ""),
					Want: []string{`Attribute data_center_id string length must be at least 1, got: 0`}},
				{Name: "unknown tier", Type: volume, Body: volumeBody("models", 50, "EU-RO-1") + "\n" + `type = "FAST"`,
					Want: []string{`Attribute type value must be one of: ["STANDARD" "HIGH_PERFORMANCE"], got: "FAST"`}},
				{Name: "data source without id", Type: "data.runpod_network_volume", Body: `id = ""`,
					Want: []string{`Attribute id must be a RunPod id, without spaces, got: ""`}},
				{Name: "a volume the account lacks", Type: "data.runpod_network_volume", Body: `id = "nosuchvol1"`, Want: []string{"Network volume not found",
					`The RunPod account has no network volume "nosuchvol1". The runpod_network_volumes data source lists the account's volumes with their ids.`}},
				{Name: "size 5", Type: volume, Body: volumeBody("models", 5, "EU-RO-1"), Want: []string{"Network volume size out of range for REST v2",
					`size is 5 GB, and RunPod's REST v2 (api_version = "v2", the default) makes network volumes of 10 to 4096 GB. Set size between 10 and 4096.`}},
				{Name: "a data center the catalog does not list", Type: volume, Body: volumeBody("models", 50, "eu-ro-1"), Want: []string{"Unknown data center",
					`data_center_id is "eu-ro-1", which RunPod's catalog of data centers does not list. Data centers that offer network volumes, closest first: EU-RO-1, EU-CZ-1,`}},
				{Name: "listing volumes of a data center the catalog does not list", Type: volumes, Body: `data_center_id = "MARS-1"`, Want: []string{"Unknown data center",
					`data_center_id is "MARS-1", which RunPod's catalog of data centers does not list. Data centers, closest first:`}},
				{Name: "a tier the data center lacks", Type: volume, Body: volumeBody("models", 50, "EU-SE-1") + "\n" + `type = "HIGH_PERFORMANCE"`, Want: []string{
					"Data center without HIGH_PERFORMANCE network volumes",
					`data_center_id is "EU-SE-1", which offers STANDARD network volumes only (RunPod's catalog). Set type to one of those, or use a data center that offers HIGH_PERFORMANCE network volumes; closest first: EU-RO-1, US-KS-2, US-TX-3.`}},
				{Name: "a data center without volumes", Type: volume, Body: volumeBody("models", 50, "US-DE-1"), Want: []string{"Data center without network volumes",
					`data_center_id is "US-DE-1", which offers no network volumes (RunPod's catalog). Data centers that offer network volumes, closest first: US-GA-1, US-IL-1,`}},
			}
		}
		m.PlanRefusals(t, "", cases)
		expectNoWrites(t, m)
	})
}

// Each API has its own size range, checked at plan time for the one in use (the sizes beyond
// it: TestAccNetworkVolume_refusedAtPlanWithoutWrites): REST v2 makes volumes of 10 to 4096
// GB, v1 of 1 to 4000.
func TestAccNetworkVolume_sizeRangeOfTheAPIInUse(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		routeCreate := routesOf(b).create
		size := 4096 // v2's largest
		if b == runpodapi.BackendV1 {
			size = 5 // below v2's smallest
		}
		resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: []resource.TestStep{{
			Config: m.Config(volumeConfig("models", size, "EU-RO-1")),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, tfjsonpath.New("size"), knownvalue.Int64Exact(int64(size))),
			},
			Check: m.ExpectCalls(map[string]int{routeCreate: 1}),
		}}})
	})
}

// A volume made with one API is managed by the other without an edit of the configuration or
// the state: REST v2 then reads its tier. A v1 volume below v2's smallest size keeps planning
// cleanly on v2; only growing it to a size v2 cannot make is refused.
func TestAccNetworkVolume_switchingAPIsNeedsNoEdit(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		other := runpodapi.BackendV1
		if b == runpodapi.BackendV1 {
			other = runpodapi.BackendV2
		}
		config := func(backend runpodapi.Backend, size int) string {
			return m.ProviderConfigFor(backend) + volumeConfig("models", size, "US-TX-3")
		}
		size := 20
		if b == runpodapi.BackendV1 {
			size = 5 // below REST v2's smallest
			m.Conformance.Tolerate("a 5 GB volume made through REST v1 reads through v2 below v2's documented minimum of 10",
				func(v conformance.Violation) bool {
					// $.size read alone, $.networkVolumes[i].size in the refresh's list
					return v.Side == conformance.Response && strings.Contains(v.Message, "size: minimum: got 5, want 10")
				})
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: config(b, size)},
				{
					Config:           config(other, size),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
					ConfigStateChecks: []statecheck.StateCheck{
						// REST v2 reads the tier; REST v1 keeps the tier REST v2 read before.
						statecheck.ExpectKnownValue(address, tfjsonpath.New("type"), knownvalue.StringExact("STANDARD")),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("size"), knownvalue.Int64Exact(int64(size))),
					},
				},
			},
		})
		if b == runpodapi.BackendV1 {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{Config: config(runpodapi.BackendV1, 5)},
					{
						Config:      config(runpodapi.BackendV2, 8),
						ExpectError: acctest.ErrorText("Network volume size out of range for REST v2", "size is 8 GB"),
					},
				},
			})
			if n := m.CallCount("PATCH /v2/network-volumes/{id}"); n != 0 {
				t.Errorf("the refused growth made %d PATCH calls", n)
			}
		}
	})
}

// The provider's data center list and the mock's both mirror the spec's enum: every data center
// the provider accepts, the mock (and so the tests) accept too, and the other way round.
func TestDataCentersMatchTheMock(t *testing.T) {
	var mock []string
	for _, dc := range runpodmock.DataCenters {
		mock = append(mock, dc.ID)
	}
	if got := runpodapi.DataCenterIDs(); !slices.Equal(got, mock) {
		t.Errorf("provider data centers %v\ndiffer from the mock's %v", got, mock)
	}
	if len(mock) != 26 || !runpodapi.IsDataCenterID("EU-RO-1") || runpodapi.IsDataCenterID("eu-ro-1") {
		t.Errorf("unexpected data center catalog: %v", mock)
	}
}

func tieredConfig(tier string, dc string) string {
	typ := ""
	if tier != "" {
		typ = fmt.Sprintf("\n  type           = %q", tier)
	}
	return fmt.Sprintf(`
resource "runpod_network_volume" "models" {
  name           = "models"
  size           = 50
  data_center_id = %q%s
}
`, dc, typ)
}

// The tier is REST v2's: it is sent, read back, and a change replaces the volume. REST v1 can
// neither ask for nor report one: HIGH_PERFORMANCE is refused at plan time
// (TestAccNetworkVolume_refusedAtPlanWithoutWrites), STANDARD recorded.
func TestAccNetworkVolume_tier(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		r := routesOf(b)
		var steps []resource.TestStep
		if b == runpodapi.BackendV2 {
			steps = []resource.TestStep{
				{
					Config: m.Config(tieredConfig("HIGH_PERFORMANCE", "US-TX-3")),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(address, tfjsonpath.New("type"), knownvalue.StringExact("HIGH_PERFORMANCE")),
					},
					Check: func(*terraform.State) error {
						if got, want := m.Bodies(r.create)[0], `{"name":"models","size":50,"dataCenter":"US-TX-3","type":"HIGH_PERFORMANCE"}`; got != want {
							return fmt.Errorf("create body %s, want %s", got, want)
						}
						return nil
					},
				},
				{
					// No longer configured: the volume keeps its tier, nothing changes.
					Config:           m.Config(tieredConfig("", "US-TX-3")),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				},
				{
					Config: m.Config(tieredConfig("STANDARD", "US-TX-3")),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(address, plancheck.ResourceActionDestroyBeforeCreate),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(address, tfjsonpath.New("type"), knownvalue.StringExact("STANDARD")),
					},
					Check: m.ExpectCalls(map[string]int{r.create: 2, r.delete: 1, r.update: 0}),
				},
				{ResourceName: address, ImportState: true, ImportStateVerify: true},
			}
		} else {
			steps = []resource.TestStep{
				{
					// v1 reports no tier: the configured one stays (the plan after the apply is empty).
					Config: m.Config(tieredConfig("STANDARD", "US-TX-3")),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(address, tfjsonpath.New("type"), knownvalue.StringExact("STANDARD")),
					},
					Check: func(*terraform.State) error {
						if got, want := m.Bodies(r.create)[0], `{"name":"models","size":50,"dataCenterId":"US-TX-3"}`; got != want {
							return fmt.Errorf("create body %s, want %s", got, want)
						}
						return nil
					},
				},
				{ResourceName: address, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"type"}},
			}
		}
		resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: steps})
	})
}

// A data center is checked at plan time against what the API in use lists: REST v2's catalog
// with the volume tiers of each data center, REST v1's enum of ids (the errors, naming
// data_center_id and the data centers that would do: TestAccNetworkVolume_refusedAtPlanWithoutWrites).
// A data center known only after apply is judged by the plan Terraform makes during the apply,
// before any create; nothing is written.
func TestAccNetworkVolume_dataCenterCheckedAtPlanTime(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		knownAtApply := m.Config(`
resource "terraform_data" "dc" {
  input = "EU-MARS-1"
}

resource "runpod_network_volume" "models" {
  name           = "models"
  size           = 50
  data_center_id = terraform_data.dc.output
}
`)
		steps := []resource.TestStep{
			{Config: knownAtApply, ExpectError: acctest.ErrorText("Unknown data center", `data_center_id is "EU-MARS-1"`)},
		}
		if b == runpodapi.BackendV1 {
			// REST v1 lists ids without tiers: any listed one passes, even one without volumes.
			steps = append(steps, resource.TestStep{
				Config: m.Config(volumeConfig("models", 50, "US-DE-1")), PlanOnly: true, ExpectNonEmptyPlan: true,
			})
		}
		resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: steps})
		expectNoWrites(t, m)
		reads := m.CallCount("GET /v2/catalog/datacenters")
		if b == runpodapi.BackendV2 && reads == 0 {
			t.Error("REST v2: the data centers were not checked against the catalog")
		}
		if b == runpodapi.BackendV1 && reads != 0 {
			t.Errorf("REST v1 knows its data centers without a call, yet the catalog was read %d times", reads)
		}
	})
}

// One plan reads REST v2's data center catalog once however many volumes it checks. (REST v1
// reads none: TestAccNetworkVolume_dataCenterCheckedAtPlanTime.)
func TestAccNetworkVolume_catalogReadOncePerPlan(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		reads := func(volumes int) int {
			m := acctest.NewMock(t, b)
			var hcl strings.Builder
			for i := range volumes {
				fmt.Fprintf(&hcl, "resource \"runpod_network_volume\" \"v%d\" {\n  name = \"v%d\"\n  size = 10\n  data_center_id = %q\n}\n",
					i, i, []string{"EU-RO-1", "US-TX-3", "US-KS-2", "EU-SE-1"}[i%4])
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: m.Config(hcl.String()), PlanOnly: true, ExpectNonEmptyPlan: true}},
			})
			return m.CallCount("GET /v2/catalog/datacenters")
		}
		one, eight := reads(1), reads(8)
		if one != eight {
			t.Errorf("catalog reads: %d for one volume, %d for eight: want the same (one per Terraform command)", one, eight)
		}
		if one == 0 {
			t.Error("the catalog was not read")
		}
	})
}
