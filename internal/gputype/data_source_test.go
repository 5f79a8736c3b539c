package gputype_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/mockrunpod"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod"
)

func TestAccGPUTypes_listWithPricesForGPUCount(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
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
					statecheck.ExpectKnownValue("data.runpod_gpu_types.all", tfjsonpath.New("gpu_types"), knownvalue.ListSizeExact(len(mockrunpod.DefaultGPUTypes()))),
					// Cheapest first: the RTX 3070 is community-only at 0.13 per GPU, so 0.26 for two.
					statecheck.ExpectKnownValue("data.runpod_gpu_types.all", tfjsonpath.New("gpu_types").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
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
						"community_spot_price":   knownvalue.Float64Exact(0.14),
						"secure_stock_status":    knownvalue.Null(),
						"community_stock_status": knownvalue.StringExact("High"),
						"price_per_hour":         knownvalue.Float64Exact(0.26),
						"cheapest_cloud_type":    knownvalue.StringExact("COMMUNITY"),
					})),
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
		if got := m.CallCount("graphql gpuTypes"); got < 2 {
			t.Errorf("expected the GPU types to be read through GraphQL gpuTypes, got %d calls", got)
		}
	})
}

func TestAccGPUType_bestMatch(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
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
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: m.Config(`
data "runpod_gpu_type" "rtx4090" {
  id        = "NVIDIA GeForce RTX 4090"
  gpu_count = 2
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.runpod_gpu_type.rtx4090", tfjsonpath.New("display_name"), knownvalue.StringExact("RTX 4090")),
					statecheck.ExpectKnownValue("data.runpod_gpu_type.rtx4090", tfjsonpath.New("memory_in_gb"), knownvalue.Int64Exact(24)),
					statecheck.ExpectKnownValue("data.runpod_gpu_type.rtx4090", tfjsonpath.New("secure_price"), knownvalue.Float64Exact(1.38)),
					statecheck.ExpectKnownValue("data.runpod_gpu_type.rtx4090", tfjsonpath.New("community_price"), knownvalue.Float64Exact(0.68)),
					statecheck.ExpectKnownValue("data.runpod_gpu_type.rtx4090", tfjsonpath.New("secure_spot_price"), knownvalue.Float64Exact(0.7)),
					statecheck.ExpectKnownValue("data.runpod_gpu_type.rtx4090", tfjsonpath.New("secure_stock_status"), knownvalue.StringExact("High")),
					statecheck.ExpectKnownValue("data.runpod_gpu_type.rtx4090", tfjsonpath.New("price_per_hour"), knownvalue.Float64Exact(0.68)),
				},
			}},
		})
	})
}

func TestAccGPUType_errors(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config:      m.Config(`data "runpod_gpu_type" "x" { max_price_per_hour = 0.01 }`),
					ExpectError: acctest.ErrorText("No GPU type matches", `None of the 21 GPU types RunPod lists can be rented now with cloud_type = "ALL", gpu_count = 1, max_price_per_hour = 0.01. Relax the filters`),
				},
				{
					Config:      m.Config(`data "runpod_gpu_type" "x" { id = "RTX 4090" }`),
					ExpectError: acctest.ErrorText("GPU type not found", `RunPod has no GPU type "RTX 4090". Ids are full names such as "NVIDIA GeForce RTX 4090"`),
				},
				{
					Config: m.Config(`data "runpod_gpu_type" "x" {
  id         = "NVIDIA L4"
  cloud_type = "COMMUNITY"
}`),
					ExpectError: acctest.ErrorText(`GPU type "NVIDIA L4" is not offered with cloud_type = "COMMUNITY", gpu_count = 1.`),
				},
			},
		})
	})
}

func TestAccGPUType_invalidInputFailsAtPlanWithoutAPICalls(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config:      m.Config(`data "runpod_gpu_type" "x" { cloud_type = "PRIVATE" }`),
					ExpectError: acctest.ErrorText(`Attribute cloud_type value must be one of: ["ALL" "SECURE" "COMMUNITY"], got: "PRIVATE"`),
				},
				{
					Config:      m.Config(`data "runpod_gpu_type" "x" { order_by = "speed" }`),
					ExpectError: acctest.ErrorText(`Attribute order_by value must be one of: ["price" "memory"], got: "speed"`),
				},
				{
					Config:      m.Config(`data "runpod_gpu_type" "x" { gpu_count = 0 }`),
					ExpectError: acctest.ErrorText(`Attribute gpu_count value must be between 1 and 16, got: 0`),
				},
				{
					Config: m.Config(`data "runpod_gpu_type" "x" {
  id               = "NVIDIA L4"
  min_memory_in_gb = 24
}`),
					ExpectError: acctest.ErrorText("Filter set beside id", "min_memory_in_gb selects among GPU types, but id already names one. Remove id to pick the best match for the filters, or remove min_memory_in_gb to look up the type by id"),
				},
			},
		})
		m.ExpectNoCalls(t)
	})
}

func TestAccGPUTypes_retriesRateLimits(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
		if err := m.AddFault(mockrunpod.Fault{Route: "graphql gpuTypes", Kind: mockrunpod.FaultStatus, Status: 429, RetryAfter: "1", Times: 2}); err != nil {
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
		if len(calls) < 3 || calls[0].Status != 429 || calls[1].Status != 429 || calls[2].Status != 200 {
			t.Errorf("expected two 429 answers then a success, got %+v", calls)
		}
	})
}

func TestAccGPUTypes_wrongAPIKey(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpod.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: `
provider "runpod" {
  api_key     = "wrong"
  rest_url    = "` + m.URL + `/v1"
  graphql_url = "` + m.URL + `/graphql"
}
data "runpod_gpu_types" "all" {}
`,
				ExpectError: acctest.ErrorText("Failed to list GPU types", "While attempting to list GPU types, the RunPod API call failed. Check the API key (the provider's api_key or RUNPOD_API_KEY)", "list GPU types: RunPod API returned 401 Unauthorized"),
			}},
		})
	})
}
