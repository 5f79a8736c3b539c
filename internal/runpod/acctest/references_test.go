package acctest_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// referencedObjects are a pod template, a serverless template and a network volume that the
// configurations of TestAccReferences_checkedAtPlan refer to, rightly or wrongly.
const referencedObjects = `
resource "runpod_template" "pod" {
  name       = "pod-template"
  image_name = "example/app:1.0"
}

resource "runpod_template" "worker" {
  name          = "worker-template"
  image_name    = "example/worker:1.0"
  is_serverless = true
}

resource "runpod_network_volume" "data" {
  name           = "data"
  size           = 50
  data_center_id = "EU-RO-1"
}
`

// Templates and network volumes that only RunPod knows are checked when a plan sets them: a
// mistyped id fails at plan naming the attribute and the account's closest objects, and a
// template of the wrong kind names what the resource needs. A serverless template for a pod
// is refused on REST v2 only (RunPod's REST v2 refuses it; REST v1 did not say).
func TestAccReferences_checkedAtPlan(t *testing.T) {
	acctest.EachBackend(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		with := func(hcl string) string { return m.Config(referencedObjects + hcl) }
		steps := []resource.TestStep{
			{Config: with("")},
			{
				Config: with(`
resource "runpod_pod" "app" {
  template_id = "${runpod_template.pod.id}x"
}
`),
				ExpectError: acctest.ErrorText("Template not found", `template_id = "`,
					`": RunPod has no template with this id that the account can use (neither its own nor a public one). Closest of the account's pod templates:`,
					`("pod-template").`,
					"Set template_id to the id of a template (a runpod_template resource's id, or a RunPod template's id from the runpod_templates data source)."),
			},
			{
				Config: with(`
resource "runpod_endpoint" "sd" {
  template_id = runpod_template.pod.id
}
`),
				ExpectError: acctest.ErrorText("Not a serverless template",
					`template "pod-template" is a pod template (is_serverless = false), and RunPod runs endpoints from serverless templates only. Use a template with is_serverless = true.`),
			},
			{
				Config: with(`
resource "runpod_pod" "app" {
  image_name        = "busybox:1"
  network_volume_id = "${runpod_network_volume.data.id}x"
}
`),
				ExpectError: acctest.ErrorText("Network volume not found", `network_volume_id: the RunPod account has no network volume "`,
					`Closest of the account's network volumes:`, `("data" in EU-RO-1).`,
					"Set it to the id of a network volume (a runpod_network_volume resource's id, or one from the runpod_network_volumes data source)."),
			},
			{
				Config: with(`
resource "runpod_endpoint" "sd" {
  template_id        = runpod_template.worker.id
  network_volume_ids = ["${runpod_network_volume.data.id}x"]
}
`),
				ExpectError: acctest.ErrorText("Network volume not found", `the RunPod account has no network volume "`),
			},
		}
		if b == runpodapi.BackendV2 {
			steps = append(steps, resource.TestStep{
				Config: with(`
resource "runpod_pod" "app" {
  template_id = runpod_template.worker.id
}
`),
				ExpectError: acctest.ErrorText("Serverless template for a pod",
					`template "worker-template" is a serverless template (is_serverless = true), and RunPod's REST v2 creates pods from pod templates only. Use a template with is_serverless = false.`),
			})
		}
		resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: steps})
	})
}
