package runpodprovider_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// Not parallel: it clears RUNPOD_API_KEY for the process.
func TestAccProvider_missingAPIKeyNamesBothWaysToSetIt(t *testing.T) {
	t.Setenv("RUNPOD_API_KEY", "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      `data "runpod_gpu_types" "all" {}`,
			ExpectError: acctest.ErrorText("Missing RunPod API key", `The provider needs a RunPod API key. Set api_key in the provider "runpod" block, or set the RUNPOD_API_KEY environment variable.`),
		}},
	})
}

// Every setting can come from the environment; the provider block is empty. Not parallel: it
// sets environment variables of the process.
func TestAccProvider_settingsFromEnvironment(t *testing.T) {
	acctest.OnAPIsInTurn(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		t.Setenv("RUNPOD_API_KEY", m.APIKey)
		t.Setenv("RUNPOD_API_VERSION", string(b))
		t.Setenv("RUNPOD_API_URL", m.URL)
		t.Setenv("RUNPOD_REST_URL", m.URL+"/v1")
		t.Setenv("RUNPOD_GRAPHQL_URL", m.URL+"/graphql")
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: `data "runpod_gpu_type" "l4" { id = "NVIDIA L4" }`,
			}},
		})
		route := map[runpodapi.Backend]string{runpodapi.BackendV1: "graphql gpuTypes", runpodapi.BackendV2: "GET /v2/catalog/gpus/{id}"}[b]
		if m.CallCount(route) == 0 {
			t.Errorf("the provider did not reach the mock configured through the environment (no %q call)", route)
		}
	})
}

// A misspelt API version is refused, naming the setting and the values it takes. Not
// parallel: it sets an environment variable of the process.
func TestAccProvider_invalidAPIVersion(t *testing.T) {
	m := acctest.NewMock(t, runpodapi.BackendV2)
	t.Setenv("RUNPOD_API_VERSION", "v3")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `provider "runpod" {
  api_key     = "` + m.APIKey + `"
  api_version = "2"
}
data "runpod_gpu_types" "all" {}`,
				ExpectError: acctest.ErrorText(`Attribute api_version value must be one of: ["v2" "v1"], got: "2"`),
			},
			{
				Config:      `provider "runpod" { api_key = "` + m.APIKey + `" }` + "\n" + `data "runpod_gpu_types" "all" {}`,
				ExpectError: acctest.ErrorText("Invalid RunPod API version", `RUNPOD_API_VERSION is "v3": set it to "v2" or "v1"`),
			},
		},
	})
}
