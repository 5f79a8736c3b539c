package endpoint_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// Configurations, routes and checks the acceptance tests share.

const addr = "runpod_endpoint.sd"

// workerTemplate is a serverless template for endpoints to run.
func workerTemplate(name, image string) string {
	return fmt.Sprintf(`
resource "runpod_template" %[1]q {
  name          = %[1]q
  image_name    = %[2]q
  is_serverless = true
}
`, name, image)
}

// endpointHCL is runpod_endpoint.sd on runpod_template.worker with body inside.
func endpointHCL(body string) string {
	return workerTemplate("worker", "example/worker:1.0") + `
resource "runpod_endpoint" "sd" {
  template_id = runpod_template.worker.id
` + body + `
}
`
}

// routes are the call-log routes of an endpoint's calls on one backend.
type routes struct{ create, read, update, remove, workers, releases string }

func routesOf(b runpodapi.Backend) routes {
	if b == runpodapi.BackendV1 {
		return routes{create: "POST /endpoints", read: "GET /endpoints/{endpointId}", update: "PATCH /endpoints/{endpointId}",
			remove: "DELETE /endpoints/{endpointId}"}
	}
	return routes{create: "POST /v2/serverless", read: "GET /v2/serverless/{id}", update: "PATCH /v2/serverless/{id}",
		remove: "DELETE /v2/serverless/{id}", workers: "GET /v2/serverless/{id}/workers", releases: "GET /v2/serverless/{id}/releases"}
}

func keys(m map[string]any) []string { return slices.Sorted(maps.Keys(m)) }

// writes returns the routes and statuses of the calls the mock saw, leaving out reads.
func writes(m *acctest.Mock) []string {
	var out []string
	for _, c := range m.Calls() {
		if c.Method != "GET" {
			out = append(out, fmt.Sprintf("%s %d", c.Route, c.Status))
		}
	}
	return out
}

// onlyDestroyedSinceTheRefusal checks, as the test's CheckDestroy, that the refused plan
// (whose step reset the call log) changed nothing on REST v2: the only writes since are the
// destroy's deletes of the endpoint and its template.
func onlyDestroyedSinceTheRefusal(m *acctest.Mock) resource.TestCheckFunc {
	return func(*terraform.State) error {
		want := []string{routesOf(runpodapi.BackendV2).remove + " 204", "DELETE /v2/templates/{id} 204"}
		if got := writes(m); !slices.Equal(got, want) {
			return fmt.Errorf("the refused plan must change nothing: the writes since are %v, want only the destroy's %v", got, want)
		}
		return nil
	}
}

// jsonEqual compares a decoded request body with the JSON want.
func jsonEqual(got map[string]any, want string) error {
	var w map[string]any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		return err
	}
	if !reflect.DeepEqual(got, w) {
		g, _ := json.Marshal(got)
		return fmt.Errorf("body %s, want %s", g, want)
	}
	return nil
}

// expectDrift checks which resources the plan's refresh found changed outside Terraform
// ("Objects have changed outside of Terraform"): exactly addresses.
func expectDrift(addresses ...string) plancheck.PlanCheck {
	return acctest.PlanCheckFunc(func(req plancheck.CheckPlanRequest) error {
		var got []string
		for _, d := range req.Plan.ResourceDrift {
			got = append(got, d.Address)
		}
		if !slices.Equal(got, addresses) {
			return fmt.Errorf("resources changed outside of Terraform: %v, want %v", got, addresses)
		}
		return nil
	})
}
