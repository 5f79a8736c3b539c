package endpoint_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// The data source's values are compared with the resource's in
// TestAccEndpoint_createWithDefaultsImportAndDataSource.

func TestAccEndpointDataSource_notFound(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: m.Config(`data "runpod_endpoint" "x" { id = "nosuchendpoint" }`),
				ExpectError: acctest.ErrorText(`Endpoint not found`,
					`RunPod has no endpoint "nosuchendpoint" in this account. Check the id (the console shows it under Serverless).`),
			}},
		})
	})
}
