package template_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

const templates = `
resource "runpod_template" "worker" {
  name          = "worker"
  image_name    = "example/worker:1.0"
  is_serverless = true
  env           = { TOKEN = "t0ken" }
}

resource "runpod_template" "notebook" {
  name       = "notebook"
  image_name = "runpod/pytorch:2.4.0"
  ports      = ["8888/http"]
}

resource "runpod_endpoint" "sd" {
  template_id = runpod_template.worker.id
}
`

func TestAccTemplateDataSources(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		// REST v1 leaves the templates endpoints use out of the account's list unless asked;
		// REST v2 lists them all (include_endpoint_bound_templates has no meaning there).
		own := []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.runpod_templates.own", tfjsonpath.New("templates"), knownvalue.ListSizeExact(1)),
			statecheck.ExpectKnownValue("data.runpod_templates.own", tfjsonpath.New("templates").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("notebook")),
			statecheck.ExpectKnownValue("data.runpod_template.by_id", tfjsonpath.New("start_ssh"), knownvalue.Null()),
		}
		if b == runpodapi.BackendV2 {
			own = []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.runpod_templates.own", tfjsonpath.New("templates"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.runpod_template.by_id", tfjsonpath.New("start_ssh"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.runpod_template.by_id", tfjsonpath.New("start_jupyter"), knownvalue.Bool(false)),
			}
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: m.Config(templates)},
				{
					Config: m.Config(templates + `
data "runpod_template" "by_id" {
  id = runpod_template.worker.id
}

data "runpod_template" "by_name" {
  name = "notebook"
}

data "runpod_template" "official" {
  name = "Runpod Pytorch 2.4.0"
}

data "runpod_templates" "own" {}

data "runpod_templates" "with_endpoint_bound" {
  include_endpoint_bound_templates = true
}

data "runpod_templates" "everything" {
  include_endpoint_bound_templates = true
  include_public_templates         = true
  include_runpod_templates         = true
}
`),
					ConfigStateChecks: append([]statecheck.StateCheck{
						statecheck.CompareValuePairs("runpod_template.worker", tfjsonpath.New("id"), "data.runpod_template.by_id", tfjsonpath.New("id"), compare.ValuesSame()),
						statecheck.ExpectKnownValue("data.runpod_template.by_id", tfjsonpath.New("name"), knownvalue.StringExact("worker")),
						statecheck.ExpectKnownValue("data.runpod_template.by_id", tfjsonpath.New("is_serverless"), knownvalue.Bool(true)),
						statecheck.ExpectKnownValue("data.runpod_template.by_id", tfjsonpath.New("env"), knownvalue.MapExact(map[string]knownvalue.Check{
							"TOKEN": knownvalue.StringExact("t0ken"),
						})),
						statecheck.ExpectSensitiveValue("data.runpod_template.by_id", tfjsonpath.New("env")),
						statecheck.CompareValuePairs("runpod_template.notebook", tfjsonpath.New("id"), "data.runpod_template.by_name", tfjsonpath.New("id"), compare.ValuesSame()),
						statecheck.ExpectKnownValue("data.runpod_template.by_name", tfjsonpath.New("ports"), knownvalue.ListExact([]knownvalue.Check{
							knownvalue.StringExact("8888/http"),
						})),
						statecheck.ExpectKnownValue("data.runpod_template.by_name", tfjsonpath.New("is_runpod"), knownvalue.Bool(false)),
						statecheck.ExpectKnownValue("data.runpod_template.official", tfjsonpath.New("id"), knownvalue.StringExact("runpod-torch-v240")),
						statecheck.ExpectKnownValue("data.runpod_template.official", tfjsonpath.New("is_runpod"), knownvalue.Bool(true)),
						// RunPod lists its own templates only when asked.
						statecheck.ExpectKnownValue("data.runpod_templates.with_endpoint_bound", tfjsonpath.New("ids"), knownvalue.ListSizeExact(2)),
						statecheck.ExpectKnownValue("data.runpod_templates.everything", tfjsonpath.New("ids"), knownvalue.ListSizeExact(4)),
						statecheck.ExpectSensitiveValue("data.runpod_templates.everything", tfjsonpath.New("templates").AtSliceIndex(0).AtMapKey("env")),
					}, own...),
				},
				{
					Config:      m.Config(templates + `data "runpod_template" "x" { id = "nosuchtpl" }`),
					ExpectError: acctest.ErrorText(`Template not found`, `RunPod has no template "nosuchtpl" that this account can see.`),
				},
				{
					Config: m.Config(templates + `data "runpod_template" "x" { name = "Notebook" }`),
					ExpectError: acctest.ErrorText(`Template not found`, `Neither this account nor RunPod's official templates have a template named "Notebook".`,
						`Names are case-sensitive; the runpod_templates data source lists them.`),
				},
				{
					Config:      m.Config(templates + `data "runpod_template" "x" {}`),
					PlanOnly:    true,
					ExpectError: acctest.ErrorText(`Missing Attribute Configuration`, `Exactly one of these attributes must be configured: [id,name]`),
				},
				{
					Config: m.Config(templates + `
data "runpod_template" "x" {
  id   = "abc"
  name = "abc"
}
`),
					PlanOnly:    true,
					ExpectError: acctest.ErrorText(`Invalid Attribute Combination`, `Exactly one of these attributes must be configured: [id,name]`),
				},
				{Config: m.Config(templates)},
			},
		})
	})
}
