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

func TestAccNetworkVolume_createGrowRenameReplaceImport(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		r := routesOf(b)
		routeCreate, routeUpdate, routeDelete := r.create, r.update, r.delete
		// REST v2 sends dataCenter and reads the tier back (EU-RO-1's default, STANDARD); v1
		// sends dataCenterId and reports no tier.
		var tier knownvalue.Check = knownvalue.StringExact("STANDARD")
		createBody := `{"name":"models","size":50,"dataCenter":"EU-RO-1"}`
		if b == runpodapi.BackendV1 {
			createBody, tier = `{"name":"models","size":50,"dataCenterId":"EU-RO-1"}`, knownvalue.Null()
		}
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
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
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
						// (through the mock's REST v1, which logs its own route: routeUpdate counts only the provider's PATCHes on v2)
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
		want := 0 // on v2 the one PATCH made outside Terraform is logged as v1's route
		if b == runpodapi.BackendV1 {
			want = 1
		}
		if n := m.CallCount(routeUpdate); n != want {
			t.Errorf("PATCH calls of the provider's API: %d, want only the %d made outside Terraform", n, want)
		}
	})
}

// A size known only after apply cannot be judged by the first plan: Terraform's plan during
// the apply, with the final size, refuses the shrink before RunPod is called.
func TestAccNetworkVolume_shrinkKnownOnlyAtApplyIsRefusedBeforeAnyCall(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
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
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
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
// it gone: REST v2 answers 404, REST v1 answers 500 for a missing volume (the v1 client reads
// the volume back to tell). Either way destroy succeeds.
func TestAccNetworkVolume_destroyWhoseAnswerIsLostSucceeds(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		routeDelete := routesOf(b).delete
		missing := http.StatusNotFound
		if b == runpodapi.BackendV1 {
			missing = http.StatusInternalServerError
		}
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
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
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
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
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

func TestAccNetworkVolume_invalidInputFailsAtPlanWithoutAPICalls(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		m.PlanRefusals(t, "", []acctest.Refusal{
			{Name: "size 0", Type: "runpod_network_volume", Body: volumeBody("models", 0, "EU-RO-1"),
				Want: []string{`Attribute size value must be between 1 and 4096, got: 0`}},
			{Name: "size 4097", Type: "runpod_network_volume", Body: volumeBody("models", 4097, "EU-RO-1"),
				Want: []string{`Attribute size value must be between 1 and 4096, got: 4097`}},
			{Name: "empty name", Type: "runpod_network_volume", Body: volumeBody("", 50, "EU-RO-1"),
				Want: []string{`Attribute name string length must be between 1 and 191, got: 0`}},
			{Name: "empty data center", Type: "runpod_network_volume", Body: volumeBody("models", 50, ""),
				Want: []string{`Attribute data_center_id string length must be at least 1, got: 0`}},
			{Name: "unknown tier", Type: "runpod_network_volume", Body: volumeBody("models", 50, "EU-RO-1") + "\n" + `type = "FAST"`,
				Want: []string{`Attribute type value must be one of: ["STANDARD" "HIGH_PERFORMANCE"], got: "FAST"`}},
			{Name: "data source without id", Type: "data.runpod_network_volume", Body: `id = ""`,
				Want: []string{`Attribute id must be a RunPod id, without spaces, got: ""`}},
		})
		m.ExpectNoCalls(t)
	})
}

// Each API has its own size range, checked at plan time for the one in use: REST v2 makes
// volumes of 10 to 4096 GB, v1 of 1 to 4000.
func TestAccNetworkVolume_sizeRangeOfTheAPIInUse(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		routeCreate := routesOf(b).create
		var steps []resource.TestStep
		if b == runpodapi.BackendV2 {
			steps = []resource.TestStep{
				{
					Config: m.Config(volumeConfig("models", 5, "EU-RO-1")),
					ExpectError: acctest.ErrorText("Network volume size out of range for REST v2", "with runpod_network_volume.models",
						`size is 5 GB, and RunPod's REST v2 (api_version = "v2", the default) makes network volumes of 10 to 4096 GB. Set size between 10 and 4096.`),
				},
				{
					PreConfig: func() { expectNoWrites(t, m) },
					Config:    m.Config(volumeConfig("models", 4096, "EU-RO-1")),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(address, tfjsonpath.New("size"), knownvalue.Int64Exact(4096)),
					},
				},
			}
		} else {
			steps = []resource.TestStep{
				{
					Config:      m.Config(volumeConfig("models", 4001, "EU-RO-1")),
					ExpectError: acctest.ErrorText("Network volume size out of range for REST v1", `size is 4001 GB, and RunPod's REST v1 (api_version = "v1") makes network volumes of 1 to 4000 GB.`),
				},
				{
					PreConfig: func() { expectNoWrites(t, m) },
					Config:    m.Config(volumeConfig("models", 5, "EU-RO-1")),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(address, tfjsonpath.New("size"), knownvalue.Int64Exact(5)),
					},
					Check: m.ExpectCalls(map[string]int{routeCreate: 1}),
				},
			}
		}
		resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: steps})
	})
}

// A volume made with one API is managed by the other without an edit of the configuration or
// the state: REST v2 then reads its tier. A v1 volume below v2's smallest size keeps planning
// cleanly on v2; only growing it to a size v2 cannot make is refused.
func TestAccNetworkVolume_switchingAPIsNeedsNoEdit(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
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
// neither ask for nor report one: HIGH_PERFORMANCE is refused at plan time, STANDARD recorded.
func TestAccNetworkVolume_tier(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
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
					Config: m.Config(tieredConfig("HIGH_PERFORMANCE", "US-TX-3")),
					ExpectError: acctest.ErrorText("Not supported by RunPod's REST v1", "with runpod_network_volume.models",
						`type is "HIGH_PERFORMANCE", and RunPod's REST v1 (api_version = "v1") cannot ask for a volume tier`,
						`use REST v2 (api_version = "v2", the default)`),
				},
				{
					PreConfig: func() { expectNoWrites(t, m) },
					Config:    m.Config(tieredConfig("STANDARD", "US-TX-3")),
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
				{
					// v1 reports no tier: the configured one stays, the plan stays empty.
					Config:           m.Config(tieredConfig("STANDARD", "US-TX-3")),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				},
				{ResourceName: address, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"type"}},
			}
		}
		resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: steps})
	})
}

// A data center is checked at plan time against what the API in use lists: REST v2's catalog
// with the volume tiers of each data center, REST v1's enum of ids. The error names
// data_center_id and lists the data centers that would do, the closest first; nothing is
// written.
func TestAccNetworkVolume_dataCenterCheckedAtPlanTime(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		unknown := acctest.ErrorText("Unknown data center", "with runpod_network_volume.models",
			`data_center_id is "eu-ro-1", which RunPod's catalog of data centers does not list. Data centers that offer network volumes, closest first: EU-RO-1, EU-CZ-1,`)
		unknownInList := acctest.ErrorText("Unknown data center", `with data.runpod_network_volumes.x`,
			`data_center_id is "MARS-1", which RunPod's catalog of data centers does not list. Data centers, closest first:`)
		if b == runpodapi.BackendV1 {
			unknown = acctest.ErrorText("Unknown data center", "with runpod_network_volume.models",
				`data_center_id is "eu-ro-1", which is not one of the data centers of RunPod's REST v1 (api_version = "v1"). Data centers, closest first: EU-RO-1, EU-CZ-1,`)
			unknownInList = acctest.ErrorText("Unknown data center", `with data.runpod_network_volumes.x`,
				`data_center_id is "MARS-1", which is not one of the data centers of RunPod's REST v1 (api_version = "v1"). Data centers, closest first:`)
		}
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
			{Config: m.Config(volumeConfig("models", 50, "eu-ro-1")), ExpectError: unknown},
			{Config: m.Config(`data "runpod_network_volumes" "x" { data_center_id = "MARS-1" }`), ExpectError: unknownInList},
			// Known only after apply: judged by the plan Terraform makes during the apply, before any create.
			{Config: knownAtApply, ExpectError: acctest.ErrorText("Unknown data center", `data_center_id is "EU-MARS-1"`)},
		}
		if b == runpodapi.BackendV2 {
			steps = append(steps,
				resource.TestStep{
					Config: m.Config(tieredConfig("HIGH_PERFORMANCE", "EU-SE-1")),
					ExpectError: acctest.ErrorText("Data center without HIGH_PERFORMANCE network volumes", "with runpod_network_volume.models",
						`data_center_id is "EU-SE-1", which offers STANDARD network volumes only (RunPod's catalog). Set type to one of those, or use a data center that offers HIGH_PERFORMANCE network volumes; closest first: EU-RO-1, US-KS-2, US-TX-3.`),
				},
				resource.TestStep{
					Config: m.Config(volumeConfig("models", 50, "US-DE-1")),
					ExpectError: acctest.ErrorText("Data center without network volumes", "with runpod_network_volume.models",
						`data_center_id is "US-DE-1", which offers no network volumes (RunPod's catalog). Data centers that offer network volumes, closest first: US-GA-1, US-IL-1,`),
				},
			)
		} else {
			// REST v1 lists ids without tiers: any listed one passes.
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

// One plan reads the data center catalog once however many volumes it checks.
func TestAccNetworkVolume_catalogReadOncePerPlan(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
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
		if b == runpodapi.BackendV2 && one == 0 {
			t.Error("REST v2: the catalog was not read")
		}
		if b == runpodapi.BackendV1 && eight != 0 {
			t.Errorf("REST v1: %d catalog reads, want none", eight)
		}
	})
}
