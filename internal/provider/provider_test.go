package provider_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/runpod-community/terraform-provider-runpod/internal/acctest"
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

func TestAccProvider_settingsFromEnvironment(t *testing.T) {
	m := acctest.NewMock(t)
	t.Setenv("RUNPOD_API_KEY", m.APIKey)
	t.Setenv("RUNPOD_REST_URL", m.URL+"/v1")
	t.Setenv("RUNPOD_GRAPHQL_URL", m.URL+"/graphql")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `data "runpod_gpu_type" "l4" { id = "NVIDIA L4" }`,
		}},
	})
	if m.CallCount("graphql gpuTypes") == 0 {
		t.Error("the provider did not reach the mock configured through the environment")
	}
}
