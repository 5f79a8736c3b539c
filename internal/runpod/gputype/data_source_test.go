package gputype_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodmock"
)

// calls counts the provider's catalog reads: REST v2's catalog routes, or GraphQL's gpuTypes.
func catalogCalls(m *acctest.Mock) (v2, graphql int) {
	for _, c := range m.Calls() {
		switch c.Route {
		case "GET /v2/catalog/gpus", "GET /v2/catalog/gpus/{id}":
			v2++
		case "graphql gpuTypes":
			graphql++
		}
	}
	return v2, graphql
}

// expectCatalogOf checks that the GPU types were read from the catalog of backend b only.
func expectCatalogOf(t *testing.T, m *acctest.Mock, b runpodapi.Backend) {
	t.Helper()
	v2, graphql := catalogCalls(m)
	switch {
	case b == runpodapi.BackendV2 && (v2 < 2 || graphql != 0):
		t.Errorf("REST v2: expected the GPU types to be read from GET /v2/catalog/gpus (one call per cloud), without GraphQL; got %d catalog and %d GraphQL calls", v2, graphql)
	case b == runpodapi.BackendV1 && (graphql < 2 || v2 != 0):
		t.Errorf("REST v1: expected the GPU types to be read through GraphQL gpuTypes; got %d GraphQL and %d REST v2 catalog calls", graphql, v2)
	}
}

// stock is a check of data_centers: each data center, cloud and stock, in order.
func stock(rows ...[3]string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(rows))
	for i, r := range rows {
		checks[i] = knownvalue.ObjectExact(map[string]knownvalue.Check{
			"id": knownvalue.StringExact(r[0]), "cloud_type": knownvalue.StringExact(r[1]), "stock_status": knownvalue.StringExact(r[2]),
		})
	}
	return knownvalue.ListExact(checks)
}

var (
	cudaAmpere = []string{"11.8", "12.0", "12.1", "12.2", "12.3", "12.4", "12.5", "12.6", "12.7", "12.8"}
	cudaAda    = append(slices.Clone(cudaAmpere), "12.9")
)

func TestAccGPUTypes_listWithPricesForGPUCount(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		// The RTX 3070 as each API reports it. REST v2: no spot prices, the stock of two GPUs
		// (the mock spreads its 64 over three data centers: Medium), the CUDA versions and where
		// it is offered; it is in no serverless pool. REST v1 (GraphQL): spot prices, the stock of
		// the cloud, and none of v2's catalog details.
		rtx3070 := map[string]knownvalue.Check{
			"id":                     knownvalue.StringExact("NVIDIA GeForce RTX 3070"),
			"display_name":           knownvalue.StringExact("RTX 3070"),
			"manufacturer":           knownvalue.StringExact("Nvidia"),
			"memory_in_gb":           knownvalue.Int64Exact(8),
			"max_gpu_count":          knownvalue.Int64Exact(8),
			"secure_cloud":           knownvalue.Bool(false),
			"community_cloud":        knownvalue.Bool(true),
			"secure_price":           knownvalue.Null(),
			"community_price":        knownvalue.Float64Exact(0.26),
			"secure_spot_price":      knownvalue.Null(),
			"community_spot_price":   knownvalue.Null(),
			"secure_stock_status":    knownvalue.Null(),
			"community_stock_status": knownvalue.StringExact("Medium"),
			"price_per_hour":         knownvalue.Float64Exact(0.26),
			"cheapest_cloud_type":    knownvalue.StringExact("COMMUNITY"),
			"pool":                   knownvalue.Null(),
			"serverless_price":       knownvalue.Null(),
			"cuda_versions":          acckit.StringList(cudaAmpere...),
			"data_centers":           stock([3]string{"US-TX-1", "COMMUNITY", "Medium"}, [3]string{"US-IL-1", "COMMUNITY", "Medium"}, [3]string{"US-CA-2", "COMMUNITY", "Medium"}),
		}
		if b == runpodapi.BackendV1 {
			rtx3070["community_spot_price"] = knownvalue.Float64Exact(0.14)
			rtx3070["community_stock_status"] = knownvalue.StringExact("High")
			rtx3070["cuda_versions"] = knownvalue.ListSizeExact(0)
			rtx3070["data_centers"] = knownvalue.ListSizeExact(0)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: m.Config(`
data "runpod_gpu_types" "all" {
  gpu_count = 2
}

data "runpod_gpu_types" "big_secure" {
  cloud_type       = "SECURE"
  min_memory_in_gb = 80
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.runpod_gpu_types.all", tfjsonpath.New("gpu_types"), knownvalue.ListSizeExact(len(runpodmock.DefaultGPUTypes()))),
					// Cheapest first: the RTX 3070 is community-only at 0.13 per GPU, so 0.26 for two.
					statecheck.ExpectKnownValue("data.runpod_gpu_types.all", tfjsonpath.New("gpu_types").AtSliceIndex(0), knownvalue.ObjectExact(rtx3070)),
					statecheck.ExpectKnownValue("data.runpod_gpu_types.big_secure", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("NVIDIA A100 80GB PCIe"),
						knownvalue.StringExact("NVIDIA A100-SXM4-80GB"),
						knownvalue.StringExact("NVIDIA H100 PCIe"),
						knownvalue.StringExact("AMD Instinct MI300X OAM"),
						knownvalue.StringExact("NVIDIA H100 80GB HBM3"),
						knownvalue.StringExact("NVIDIA H100 NVL"),
						knownvalue.StringExact("NVIDIA H200"),
						knownvalue.StringExact("NVIDIA B200"),
					})),
					// With cloud_type = SECURE, the price considered is the secure one even where community is cheaper.
					statecheck.ExpectKnownValue("data.runpod_gpu_types.big_secure", tfjsonpath.New("gpu_types").AtSliceIndex(0).AtMapKey("price_per_hour"), knownvalue.Float64Exact(1.64)),
				},
			}},
		})
		expectCatalogOf(t, m, b)
	})
}

func TestAccGPUType_bestMatch(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: m.Config(`
data "runpod_gpu_type" "cheapest_24g" {
  min_memory_in_gb = 24
  cloud_type       = "SECURE"
  order_by         = "price"
}

data "runpod_gpu_type" "smallest_40g" {
  min_memory_in_gb = 40
  order_by         = "memory"
}

data "runpod_gpu_type" "amd" {
  manufacturer = "amd"
}
`),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("data.runpod_gpu_type.cheapest_24g", tfjsonpath.New("id"), knownvalue.StringExact("NVIDIA RTX A5000")),
						statecheck.ExpectKnownValue("data.runpod_gpu_type.cheapest_24g", tfjsonpath.New("price_per_hour"), knownvalue.Float64Exact(0.29)),
						statecheck.ExpectKnownValue("data.runpod_gpu_type.cheapest_24g", tfjsonpath.New("cheapest_cloud_type"), knownvalue.StringExact("SECURE")),
						// 48 GB is the least memory at or above 40; among those the A6000's community price (0.33) is the lowest.
						statecheck.ExpectKnownValue("data.runpod_gpu_type.smallest_40g", tfjsonpath.New("id"), knownvalue.StringExact("NVIDIA RTX A6000")),
						statecheck.ExpectKnownValue("data.runpod_gpu_type.smallest_40g", tfjsonpath.New("memory_in_gb"), knownvalue.Int64Exact(48)),
						statecheck.ExpectKnownValue("data.runpod_gpu_type.smallest_40g", tfjsonpath.New("cheapest_cloud_type"), knownvalue.StringExact("COMMUNITY")),
						statecheck.ExpectKnownValue("data.runpod_gpu_type.amd", tfjsonpath.New("id"), knownvalue.StringExact("AMD Instinct MI300X OAM")),
					},
				},
				{
					// The A5000 sells out in Secure Cloud: the next cheapest 24 GB+ type is picked.
					PreConfig: func() { m.SetGPUStock("NVIDIA RTX A5000", "SECURE", 0) },
					Config: m.Config(`
data "runpod_gpu_type" "cheapest_24g" {
  min_memory_in_gb = 24
  cloud_type       = "SECURE"
}
`),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("data.runpod_gpu_type.cheapest_24g", tfjsonpath.New("id"), knownvalue.StringExact("NVIDIA A40")),
						statecheck.ExpectKnownValue("data.runpod_gpu_type.cheapest_24g", tfjsonpath.New("price_per_hour"), knownvalue.Float64Exact(0.4)),
					},
				},
			},
		})
	})
}

func TestAccGPUType_byIDForGPUCount(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		const address = "data.runpod_gpu_type.rtx4090"
		checks := []statecheck.StateCheck{
			statecheck.ExpectKnownValue(address, tfjsonpath.New("display_name"), knownvalue.StringExact("RTX 4090")),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("memory_in_gb"), knownvalue.Int64Exact(24)),
			// Both APIs quote the price of two GPUs: GraphQL's lowestPrice for gpuCount 2, REST v2's list price times 2.
			statecheck.ExpectKnownValue(address, tfjsonpath.New("secure_price"), knownvalue.Float64Exact(1.38)),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("community_price"), knownvalue.Float64Exact(0.68)),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("price_per_hour"), knownvalue.Float64Exact(0.68)),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("max_gpu_count"), knownvalue.Int64Exact(8)),
		}
		if b == runpodapi.BackendV2 {
			checks = append(checks,
				statecheck.ExpectKnownValue(address, tfjsonpath.New("secure_spot_price"), knownvalue.Null()), // v2 has no spot
				statecheck.ExpectKnownValue(address, tfjsonpath.New("community_spot_price"), knownvalue.Null()),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("secure_stock_status"), knownvalue.StringExact("Medium")),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("pool"), knownvalue.StringExact("ADA_24")),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("serverless_price"), knownvalue.Float64Exact(1.1)),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("cuda_versions"), acckit.StringList(cudaAda...)),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("data_centers"), stock(
					[3]string{"EU-RO-1", "SECURE", "Medium"}, [3]string{"CA-MTL-1", "SECURE", "Medium"}, [3]string{"US-TX-3", "SECURE", "Medium"},
					[3]string{"US-TX-1", "COMMUNITY", "Medium"}, [3]string{"OC-AU-1", "COMMUNITY", "Medium"}, [3]string{"EUR-NO-1", "COMMUNITY", "Medium"},
				)),
			)
		} else {
			checks = append(checks,
				statecheck.ExpectKnownValue(address, tfjsonpath.New("secure_spot_price"), knownvalue.Float64Exact(0.7)),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("secure_stock_status"), knownvalue.StringExact("High")),
				// What only REST v2 reports is null or empty with v1.
				statecheck.ExpectKnownValue(address, tfjsonpath.New("pool"), knownvalue.Null()),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("serverless_price"), knownvalue.Null()),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("cuda_versions"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("data_centers"), knownvalue.ListSizeExact(0)),
			)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: m.Config(`
data "runpod_gpu_type" "rtx4090" {
  id        = "NVIDIA GeForce RTX 4090"
  gpu_count = 2
}
`),
				ConfigStateChecks: checks,
			}},
		})
		if b == runpodapi.BackendV2 {
			// One type: GET /v2/catalog/gpus/{id} per cloud, never the whole list.
			if n, all := m.CallCount("GET /v2/catalog/gpus/{id}"), m.CallCount("GET /v2/catalog/gpus"); n < 2 || all != 0 {
				t.Errorf("REST v2: %d reads of the one type and %d of the list; want the type read per cloud, no list", n, all)
			}
		}
		expectCatalogOf(t, m, b)
	})
}

// Prices and stock follow what is free for the GPU count asked: a type sold out in a cloud has
// no price there (REST v2 quotes list prices, which the provider drops when the catalog says
// NONE, as GraphQL's lowestPrice had none); REST v2 also says where the GPUs are free. (REST
// v1's prices and stock for the GPU count: runpodapi's TestV1GPUTypesThroughGraphQL.)
func TestAccGPUType_stockOfTheGPUCount(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		const address = "data.runpod_gpu_type.l4"
		config := m.Config(`
data "runpod_gpu_type" "l4" {
  id        = "NVIDIA L4"
  gpu_count = 2
}
`)
		// Two free, all in EU-RO-1 (see runpodmock.Server.SetGPUStock).
		few := []statecheck.StateCheck{
			statecheck.ExpectKnownValue(address, tfjsonpath.New("secure_price"), knownvalue.Float64Exact(0.86)),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("secure_stock_status"), knownvalue.StringExact("Low")),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("data_centers"), stock([3]string{"EU-RO-1", "SECURE", "Low"})),
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					PreConfig:         func() { m.SetGPUStock("NVIDIA L4", "SECURE", 2) },
					Config:            config,
					ConfigStateChecks: few,
				},
				{
					PreConfig: func() { m.SetGPUStock("NVIDIA L4", "SECURE", 1) }, // one is not two
					Config:    config,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(address, tfjsonpath.New("secure_cloud"), knownvalue.Bool(true)), // offered, none to rent
						statecheck.ExpectKnownValue(address, tfjsonpath.New("secure_price"), knownvalue.Null()),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("secure_stock_status"), knownvalue.Null()),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("price_per_hour"), knownvalue.Null()),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("cheapest_cloud_type"), knownvalue.Null()),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("data_centers"), knownvalue.ListSizeExact(0)),
					},
				},
			},
		})
	})
}

// Every configuration of the GPU type data sources refused at plan time, with its exact error:
// first those the schema and ValidateConfig refuse, which make no call, then those refused by
// what RunPod lists (the same on both APIs: runpodapi's TestV1GPUTypesThroughGraphQL reads
// REST v1's types, an id it lacks and a cloud that does not offer one).
func TestAccGPUType_refusedAtPlan(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		const gpuType = "data.runpod_gpu_type"
		m.PlanRefusals(t, "", []acctest.Refusal{
			{Name: "unknown cloud type", Type: gpuType, Body: `cloud_type = "PRIVATE"`,
				Want: []string{`Attribute cloud_type value must be one of: ["ALL" "SECURE" "COMMUNITY"], got: "PRIVATE"`}},
			{Name: "unknown order", Type: gpuType, Body: `order_by = "speed"`,
				Want: []string{`Attribute order_by value must be one of: ["price" "memory"], got: "speed"`}},
			{Name: "gpu_count 0", Type: gpuType, Body: `gpu_count = 0`,
				Want: []string{`Attribute gpu_count value must be between 1 and 16, got: 0`}},
			{Name: "a filter beside id", Type: gpuType, Body: "id = \"NVIDIA L4\"\nmin_memory_in_gb = 24", Want: []string{
				"Filter set beside id", "min_memory_in_gb selects among GPU types, but id already names one. Remove id to pick the best match for the filters, or remove min_memory_in_gb to look up the type by id"}},
		})
		m.ExpectNoCalls(t)
		m.PlanRefusals(t, "", []acctest.Refusal{
			{Name: "nothing matches", Type: gpuType, Body: `max_price_per_hour = 0.01`, Want: []string{
				"No GPU type matches", `None of the 21 GPU types RunPod lists can be rented now with cloud_type = "ALL", gpu_count = 1, max_price_per_hour = 0.01. Relax the filters`}},
			{Name: "an id RunPod lacks", Type: gpuType, Body: `id = "RTX 4090"`, Want: []string{
				"GPU type not found", `RunPod has no GPU type "RTX 4090". Ids are full names such as "NVIDIA GeForce RTX 4090"`}},
			{Name: "a cloud that does not offer the type", Type: gpuType, Body: "id = \"NVIDIA L4\"\ncloud_type = \"COMMUNITY\"", Want: []string{
				`GPU type "NVIDIA L4" is not offered with cloud_type = "COMMUNITY", gpu_count = 1.`}},
		})
	})
}

func TestAccGPUTypes_retriesRateLimits(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		// (REST v1's GraphQL retries: runpodapi's TestV1GPUTypesThroughGraphQL.)
		const route = "GET /v2/catalog/gpus/{id}"
		if err := m.AddFault(mockkit.Fault{Route: route, Kind: mockkit.FaultStatus, Status: 429, RetryAfter: "1", Times: 2}); err != nil {
			t.Fatal(err)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: m.Config(`data "runpod_gpu_type" "l4" { id = "NVIDIA L4" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.runpod_gpu_type.l4", tfjsonpath.New("secure_price"), knownvalue.Float64Exact(0.43)),
				},
			}},
		})
		calls := m.Calls()
		if len(calls) < 3 || calls[0].Status != 429 || calls[1].Status != 429 || calls[2].Status != 200 || calls[0].Route != route {
			t.Errorf("expected two 429 answers of %s then a success, got %+v", route, calls)
		}
	})
}

func TestAccGPUTypes_wrongAPIKey(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: strings.Replace(m.Config(`data "runpod_gpu_types" "all" {}`), m.APIKey, "wrong", 1),
				ExpectError: acctest.ErrorText("Failed to list GPU types",
					"While attempting to list GPU types, the RunPod API call failed. Check the API key (the provider's api_key or RUNPOD_API_KEY)",
					"list GPU types: RunPod API returned 401 Unauthorized"),
			}},
		})
	})
}
