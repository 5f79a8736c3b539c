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

	"github.com/runpod-community/terraform-provider-runpod/internal/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/mockrunpod"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod"
)

const (
	address = "runpod_network_volume.models"

	routeCreate = "POST /networkvolumes"
	routeGet    = "GET /networkvolumes/{networkVolumeId}"
	routeUpdate = "PATCH /networkvolumes/{networkVolumeId}"
	routeDelete = "DELETE /networkvolumes/{networkVolumeId}"
)

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
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
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
						sameVolume.AddStateValue(address, tfjsonpath.New("id")),
					},
					Check: resource.ComposeTestCheckFunc(
						acctest.CaptureID(address, &firstID),
						m.ExpectCalls(map[string]int{routeCreate: 1, routeUpdate: 0, routeDelete: 0}),
						func(*terraform.State) error {
							if got, want := m.Bodies(routeCreate)[0], `{"name":"models","size":50,"dataCenterId":"EU-RO-1"}`; got != want {
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
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
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
		if n := m.CallCount(routeUpdate); n != 1 { // the one made outside Terraform
			t.Errorf("PATCH calls: %d, want only the one made outside Terraform", n)
		}
	})
}

// A size known only after apply cannot be judged by the first plan: Terraform's plan during
// the apply, with the final size, refuses the shrink before RunPod is called.
func TestAccNetworkVolume_shrinkKnownOnlyAtApplyIsRefusedBeforeAnyCall(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
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
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
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

// RunPod answers DELETE of a missing volume with 500. When the first DELETE deletes the volume
// but its answer is lost, the retried DELETE gets that 500: destroy still succeeds.
func TestAccNetworkVolume_destroyWhoseAnswerIsLostSucceeds(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: m.Config(volumeConfig("models", 50, "EU-RO-1")),
				Check: func(*terraform.State) error {
					return m.AddFault(mockrunpod.Fault{Route: routeDelete, Kind: mockrunpod.FaultDropAfter, Times: 1})
				},
			}},
			CheckDestroy: func(s *terraform.State) error {
				var statuses []int
				for _, c := range m.Calls() {
					if c.Route == routeDelete {
						statuses = append(statuses, c.Status)
					}
				}
				if want := []int{0, http.StatusInternalServerError}; !slices.Equal(statuses, want) {
					return fmt.Errorf("DELETE answers %v, want %v (dropped, then RunPod's 500 for a missing volume)", statuses, want)
				}
				return m.ExpectCount("/networkvolumes", 0)(s)
			},
		})
	})
}

func TestAccNetworkVolume_inUseIsNotDeletedAndSaysWhy(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
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
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
		if err := m.AddFault(mockrunpod.Fault{Route: routeCreate, Kind: mockrunpod.FaultStatus, Status: http.StatusTooManyRequests, RetryAfter: "1", Times: 1}); err != nil {
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

func TestAccNetworkVolume_invalidInputFailsAtPlanWithoutAPICalls(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
		quoted := make([]string, 0, len(runpod.DataCenterIDs()))
		for _, id := range runpod.DataCenterIDs() {
			quoted = append(quoted, fmt.Sprintf("%q", id))
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config:      m.Config(volumeConfig("models", 0, "EU-RO-1")),
					ExpectError: acctest.ErrorText(`Attribute size value must be between 1 and 4000, got: 0`),
				},
				{
					Config:      m.Config(volumeConfig("models", 4001, "EU-RO-1")),
					ExpectError: acctest.ErrorText(`Attribute size value must be between 1 and 4000, got: 4001`),
				},
				{
					Config:      m.Config(volumeConfig("", 50, "EU-RO-1")),
					ExpectError: acctest.ErrorText(`Attribute name string length must be at least 1, got: 0`),
				},
				{
					Config:      m.Config(volumeConfig("models", 50, "eu-ro-1")),
					ExpectError: acctest.ErrorText(`Attribute data_center_id value must be one of: [` + strings.Join(quoted, " ") + `], got: "eu-ro-1"`),
				},
				{
					Config:      m.Config(`data "runpod_network_volumes" "x" { data_center_id = "MARS-1" }`),
					ExpectError: acctest.ErrorText(`Attribute data_center_id value must be one of: ["EU-RO-1"`, `got: "MARS-1"`),
				},
				{
					Config:      m.Config(`data "runpod_network_volume" "x" { id = "" }`),
					ExpectError: acctest.ErrorText(`Attribute id string length must be at least 1, got: 0`),
				},
			},
		})
		m.ExpectNoCalls(t)
	})
}

// The provider's data center list and the mock's both mirror the spec's enum: every data center
// the provider accepts, the mock (and so the tests) accept too, and the other way round.
func TestDataCentersMatchTheMock(t *testing.T) {
	var mock []string
	for _, dc := range mockrunpod.DataCenters {
		mock = append(mock, dc.ID)
	}
	if got := runpod.DataCenterIDs(); !slices.Equal(got, mock) {
		t.Errorf("provider data centers %v\ndiffer from the mock's %v", got, mock)
	}
	if len(mock) != 26 || !runpod.IsDataCenterID("EU-RO-1") || runpod.IsDataCenterID("eu-ro-1") {
		t.Errorf("unexpected data center catalog: %v", mock)
	}
}
