package acctest_test

import (
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// Templates and network volumes that only RunPod knows are checked when a plan sets them: a
// mistyped id fails at plan naming the attribute and the account's closest objects, and a
// template of the wrong kind names what the resource needs; nothing is written. On REST v2
// only: the lookups are the provider's, the same on both APIs (REST v1's lists of templates
// and volumes: runpodapi's TestOtherDomainsAgainstMock). A serverless template for a pod is
// refused on REST v2 only (RunPod's REST v2 refuses it; REST v1 did not say).
func TestAccReferences_checkedAtPlan(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		// The objects referred to, rightly or wrongly: a pod template, a serverless template
		// and a network volume of the account.
		podTemplate := m.Create(t, "/templates", `{"name":"pod-template","imageName":"example/app:1.0"}`)
		workerTemplate := m.Create(t, "/templates", `{"name":"worker-template","imageName":"example/worker:1.0","isServerless":true}`)
		volume := m.Create(t, "/networkvolumes", `{"name":"data","size":50,"dataCenterId":"EU-RO-1"}`)
		m.ResetCalls()
		m.PlanRefusals(t, "", []acctest.Refusal{
			{Name: "a mistyped template id", Type: "runpod_pod", Body: `template_id = "` + podTemplate + `x"`, Want: []string{
				"Template not found", `template_id = "` + podTemplate + `x": RunPod has no template with this id that the account can use (neither its own nor a public one). Closest of the account's pod templates:`,
				`("pod-template").`,
				"Set template_id to the id of a template (a runpod_template resource's id, or a RunPod template's id from the runpod_templates data source)."}},
			{Name: "a pod template for an endpoint", Type: "runpod_endpoint", Body: `template_id = "` + podTemplate + `"`, Want: []string{
				"Not a serverless template",
				`template "pod-template" is a pod template (is_serverless = false), and RunPod runs endpoints from serverless templates only. Use a template with is_serverless = true.`}},
			{Name: "a mistyped network volume id of a pod", Type: "runpod_pod", Body: "image_name = \"busybox:1\"\nnetwork_volume_id = \"" + volume + "x\"", Want: []string{
				"Network volume not found", `network_volume_id: the RunPod account has no network volume "` + volume + `x"`,
				`Closest of the account's network volumes:`, `("data" in EU-RO-1).`,
				"Set it to the id of a network volume (a runpod_network_volume resource's id, or one from the runpod_network_volumes data source)."}},
			{Name: "a mistyped network volume id of an endpoint", Type: "runpod_endpoint", Body: "template_id = \"" + workerTemplate + "\"\nnetwork_volume_ids = [\"" + volume + "x\"]", Want: []string{
				"Network volume not found", `the RunPod account has no network volume "` + volume + `x"`}},
			{Name: "a serverless template for a pod", Type: "runpod_pod", Body: `template_id = "` + workerTemplate + `"`, Want: []string{
				"Serverless template for a pod",
				`template "worker-template" is a serverless template (is_serverless = true), and RunPod's REST v2 creates pods from pod templates only. Use a template with is_serverless = false.`}},
		})
		if writes := mutating(m.Calls()); len(writes) > 0 {
			t.Errorf("refused configurations made %d mutating API calls: %v", len(writes), writes)
		}
	})
}
