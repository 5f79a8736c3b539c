package datacenter_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodmock"
)

func idsAt(address string, want knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(address, tfjsonpath.New("ids"), want)
}

var usDataCenters = []string{"US-CA-2", "US-DE-1", "US-GA-1", "US-GA-2", "US-IL-1", "US-KS-2", "US-KS-3", "US-NC-1", "US-TX-1", "US-TX-3", "US-TX-4", "US-WA-1"}

// Each API answers what it knows: REST v2 all of its catalog, REST v1 the ids of its enum.
func TestAccDataCenters_filters(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		if b == runpodapi.BackendV1 {
			testIDsOnlyOnV1(t, m)
		} else {
			testFiltersOnV2(t, m)
		}
	})
}

// REST v2 reads RunPod's catalog of data centers (the mock seeds it: runpodmock.DataCenters),
// and every filter narrows it; they combine (every one must match).
func testFiltersOnV2(t *testing.T, m *acctest.Mock) {
	t.Helper()
	config := m.Config(`
data "runpod_data_centers" "all" {}

data "runpod_data_centers" "europe" {
  region = "EUROPE"
}

data "runpod_data_centers" "us" {
  country_code = "US"
}

data "runpod_data_centers" "global" {
  global_network = true
}

data "runpod_data_centers" "fast_volumes" {
  network_volume_type = "HIGH_PERFORMANCE"
}

data "runpod_data_centers" "with_4090" {
  gpu_type_id = "NVIDIA GeForce RTX 4090"
}

data "runpod_data_centers" "na_global_fast" {
  region              = "NORTH_AMERICA"
  global_network      = true
  network_volume_type = "HIGH_PERFORMANCE"
  gpu_type_id         = "NVIDIA GeForce RTX 4090"
}
`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.runpod_data_centers.all", tfjsonpath.New("data_centers"), knownvalue.ListSizeExact(len(runpodmock.DataCenters))),
					idsAt("data.runpod_data_centers.europe", acckit.StringList("EU-CZ-1", "EU-FR-1", "EU-NL-1", "EU-RO-1", "EU-SE-1", "EUR-IS-1", "EUR-IS-2", "EUR-IS-3", "EUR-NO-1")),
					idsAt("data.runpod_data_centers.us", acckit.StringList(usDataCenters...)),
					idsAt("data.runpod_data_centers.global", acckit.StringList("CA-MTL-1", "EU-RO-1", "US-CA-2", "US-GA-2", "US-KS-2", "US-TX-3")),
					idsAt("data.runpod_data_centers.fast_volumes", acckit.StringList("EU-RO-1", "US-KS-2", "US-TX-3")),
					idsAt("data.runpod_data_centers.with_4090", acckit.StringList("CA-MTL-1", "EU-RO-1", "EUR-NO-1", "OC-AU-1", "US-TX-1", "US-TX-3")),
					idsAt("data.runpod_data_centers.na_global_fast", acckit.StringList("US-TX-3")),
					statecheck.ExpectKnownValue("data.runpod_data_centers.fast_volumes", tfjsonpath.New("data_centers").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"id":                   knownvalue.StringExact("EU-RO-1"),
						"name":                 knownvalue.StringExact("EU Romania 1"),
						"region":               knownvalue.StringExact("EUROPE"),
						"country_code":         knownvalue.StringExact("RO"),
						"compliance":           acckit.StringList("GDPR", "ISO_IEC_27001"),
						"global_network":       knownvalue.Bool(true),
						"network_volume_types": acckit.StringList("STANDARD", "HIGH_PERFORMANCE"),
						"gpu_availability": knownvalue.ListPartial(map[int]knownvalue.Check{
							0: knownvalue.ObjectExact(map[string]knownvalue.Check{
								"gpu_type_id": knownvalue.StringExact("NVIDIA GeForce RTX 4090"), "stock_status": knownvalue.StringExact("Medium"),
							}),
						}),
					})),
					// A data center without volumes or GPUs: empty lists, not null.
					statecheck.ExpectKnownValue("data.runpod_data_centers.us", tfjsonpath.New("data_centers").AtSliceIndex(1), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id":                   knownvalue.StringExact("US-DE-1"),
						"name":                 knownvalue.StringExact("US Delaware 1"),
						"region":               knownvalue.StringExact("NORTH_AMERICA"),
						"country_code":         knownvalue.StringExact("US"),
						"compliance":           acckit.StringList("SOC_2_TYPE_2", "ISO_IEC_27001"),
						"global_network":       knownvalue.Bool(false),
						"network_volume_types": knownvalue.ListSizeExact(0),
						"gpu_availability":     knownvalue.ListSizeExact(0),
					})),
				},
			},
			{
				// Sold out everywhere: no data center has the type in stock now.
				PreConfig: func() {
					m.SetGPUStock("NVIDIA GeForce RTX 4090", "SECURE", 0)
					m.SetGPUStock("NVIDIA GeForce RTX 4090", "COMMUNITY", 0)
				},
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					idsAt("data.runpod_data_centers.with_4090", knownvalue.ListSizeExact(0)),
					idsAt("data.runpod_data_centers.na_global_fast", knownvalue.ListSizeExact(0)),
					idsAt("data.runpod_data_centers.fast_volumes", acckit.StringList("EU-RO-1", "US-KS-2", "US-TX-3")),
				},
			},
		},
	})
	// Seven data sources, one catalog read per Terraform command: never one per data source.
	if reads, all := m.CallCount("GET /v2/catalog/datacenters"), len(m.Calls()); reads == 0 || reads != all {
		t.Errorf("catalog reads %d of %d calls: want only catalog reads", reads, all)
	}
}

// REST v1 knows the ids of its data center enum only: what it does not report is null or
// empty, and filtering on it is an error naming the filter, before any API call.
func testIDsOnlyOnV1(t *testing.T, m *acctest.Mock) {
	t.Helper()
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: []resource.TestStep{{
		Config: m.Config(`
data "runpod_data_centers" "all" {}

data "runpod_data_centers" "us" {
  country_code = "US"
}
`),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.runpod_data_centers.all", tfjsonpath.New("ids"), knownvalue.ListSizeExact(len(runpodapi.DataCenterIDs()))),
			idsAt("data.runpod_data_centers.us", acckit.StringList(usDataCenters...)),
			statecheck.ExpectKnownValue("data.runpod_data_centers.all", tfjsonpath.New("data_centers").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
				"id":                   knownvalue.StringExact("AP-JP-1"),
				"name":                 knownvalue.StringExact("AP-JP-1"),
				"region":               knownvalue.Null(),
				"country_code":         knownvalue.StringExact("JP"),
				"compliance":           knownvalue.ListSizeExact(0),
				"global_network":       knownvalue.Null(),
				"network_volume_types": knownvalue.ListSizeExact(0),
				"gpu_availability":     knownvalue.ListSizeExact(0),
			})),
		},
	}}})
	// The filters on what only REST v2 reports (the documented example uses region,
	// network_volume_type and gpu_type_id: with REST v1 it is refused, as documented).
	var refusals []acctest.Refusal
	for _, f := range []struct{ name, value string }{
		{"region", `"EUROPE"`}, {"global_network", "false"}, {"network_volume_type", `"STANDARD"`}, {"gpu_type_id", `"NVIDIA L4"`},
	} {
		refusals = append(refusals, acctest.Refusal{Name: f.name, Type: "data.runpod_data_centers", Body: f.name + " = " + f.value, Want: []string{
			"Not supported by RunPod's REST v1",
			f.name + " filters on", `which only RunPod's REST v2 reports; this provider uses REST v1 (api_version = "v1")`,
			"Remove " + f.name + `, or use REST v2 (api_version = "v2", the default).`}})
	}
	m.PlanRefusals(t, "", refusals)
	m.ExpectNoCalls(t) // REST v1's data centers need no call
}

func TestAccDataCenters_invalidInputFailsAtPlanWithoutAPICalls(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		const dataCenters = "data.runpod_data_centers"
		m.PlanRefusals(t, "", []acctest.Refusal{
			{Name: "unknown region", Type: dataCenters, Body: `region = "ANTARCTICA"`,
				Want: []string{`Attribute region value must be one of:`, `got: "ANTARCTICA"`}},
			{Name: "three-letter country code", Type: dataCenters, Body: `country_code = "usa"`,
				Want: []string{`Attribute country_code must be a two-letter country code such as "US", got: usa`}},
			{Name: "unknown volume tier", Type: dataCenters, Body: `network_volume_type = "FAST"`,
				Want: []string{`Attribute network_volume_type value must be one of: ["STANDARD" "HIGH_PERFORMANCE"], got: "FAST"`}},
			{Name: "empty GPU type", Type: dataCenters, Body: `gpu_type_id = ""`,
				Want: []string{`Attribute gpu_type_id must be a RunPod GPU type id, such as "NVIDIA GeForce RTX 4090", got: ""`}},
		})
		m.ExpectNoCalls(t)
	})
}

// The documented example applies against the mock as written with REST v2. (With REST v1 its
// filters are refused, as documented: TestAccDataCenters_filters.)
func TestAccDataCenters_exampleApplies(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: []resource.TestStep{{
			Config: m.Config(acctest.Example(t, "data-sources/runpod_data_centers/data-source.tf")),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("eu_fast_volume_data_centers", acckit.StringList("EU-RO-1")),
				statecheck.ExpectKnownOutputValue("rtx_4090_data_centers", acckit.StringList("CA-MTL-1", "EU-RO-1", "EUR-NO-1", "OC-AU-1", "US-TX-1", "US-TX-3")),
			},
		}}})
	})
}
