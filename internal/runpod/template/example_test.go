package template_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// TestAccTemplate_examples applies the documentation's examples against the mock: what
// users copy works, and plans no change afterwards.
func TestAccTemplate_examples(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		// Moving from REST v1 to REST v2 plans nothing: runpodprovider's
		// TestAccModule_switchingAPIVersionChangesNothing.
		vars := config.Variables{"hf_token": config.StringVariable("hf_example")}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             checkDestroyed(m),
			Steps: []resource.TestStep{
				{
					Config:          m.Config(acctest.Example(t, "resources/runpod_template/resource.tf")),
					ConfigVariables: vars,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("runpod_template.worker", tfjsonpath.New("env").AtMapKey("HF_TOKEN"), knownvalue.StringExact("hf_example")),
					},
				},
				{
					Config:          m.Config(acctest.Example(t, "resources/runpod_template/resource.tf") + acctest.Example(t, "data-sources/runpod_templates/data-source.tf")),
					ConfigVariables: vars,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownOutputValue("serverless_templates", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("sd-worker")})),
					},
				},
			},
		})
	})
}
