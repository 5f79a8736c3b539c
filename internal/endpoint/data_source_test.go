package endpoint_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/runpod-community/terraform-provider-runpod/internal/acctest"
)

// The data source's values are compared with the resource's in
// TestAccEndpoint_createWithDefaultsImportAndDataSource.

func TestAccEndpointDataSource_notFound(t *testing.T) {
	t.Parallel()
	m := acctest.NewMock(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: m.Config(`data "runpod_endpoint" "x" { id = "nosuchendpoint" }`),
			ExpectError: acctest.ErrorText(`Endpoint not found`,
				`RunPod has no endpoint "nosuchendpoint" in this account. Check the id (the console shows it under Serverless).`),
		}},
	})
}
