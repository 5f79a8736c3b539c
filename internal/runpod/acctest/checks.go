package acctest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"
)

// The checks below look at the mock as someone outside Terraform would (its REST API) or at
// what the provider sent it (its call log).

// Create makes an object through the mock's REST API (POST path with the JSON body), as
// someone working outside Terraform would, and returns its id. It fails t unless the mock
// answers 200 or 201 with an id.
func (m *Mock) Create(t *testing.T, path, body string) string {
	t.Helper()
	status, out := m.Do(t, http.MethodPost, path, body)
	if status != http.StatusOK && status != http.StatusCreated {
		t.Fatalf("POST %s: %d %s", path, status, out)
	}
	var obj struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal([]byte(out), &obj); err != nil || obj.ID == "" {
		t.Fatalf("POST %s answered %s", path, out)
	}
	return obj.ID
}

// IDs lists the ids of the objects the mock's REST API lists at path, such as "/pods" or
// "/templates?includeEndpointBoundTemplates=true".
func (m *Mock) IDs(t *testing.T, path string) []string {
	t.Helper()
	ids, err := m.ids(path)
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func (m *Mock) ids(path string) ([]string, error) {
	status, body, err := m.do(http.MethodGet, path, "")
	if err != nil {
		return nil, err
	}
	var objs []struct {
		ID string `json:"id"`
	}
	if status != http.StatusOK || !strings.HasPrefix(strings.TrimSpace(body), "[") || json.Unmarshal([]byte(body), &objs) != nil {
		return nil, fmt.Errorf("listing %s: %d %s", path, status, body)
	}
	ids := make([]string, len(objs))
	for i, o := range objs {
		ids[i] = o.ID
	}
	return ids, nil
}

// ExpectCount checks that the mock lists exactly n objects at path (see IDs). With n = 0 it
// is a CheckDestroy: nothing left behind.
func (m *Mock) ExpectCount(path string, n int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		ids, err := m.ids(path)
		if err != nil {
			return err
		}
		if len(ids) != n {
			return fmt.Errorf("expected the mock to hold %d objects at %s, it holds %d: %v", n, path, len(ids), ids)
		}
		return nil
	}
}

// Bodies returns the request bodies of the logged calls of route, oldest first.
func (m *Mock) Bodies(route string) []string {
	var out []string
	for _, c := range m.Calls() {
		if c.Route == route {
			out = append(out, c.Body)
		}
	}
	return out
}

// JSONBodies returns the request bodies of the logged calls of route, oldest first, decoded
// as JSON objects. It fails t on a body that is not one.
func (m *Mock) JSONBodies(t *testing.T, route string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, b := range m.Bodies(route) {
		var body map[string]any
		if err := json.Unmarshal([]byte(b), &body); err != nil {
			t.Fatalf("%s body %q: %v", route, b, err)
		}
		out = append(out, body)
	}
	return out
}

// ExpectCalls checks the mock's count of logged calls of each route in want.
func (m *Mock) ExpectCalls(want map[string]int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		routes := make([]string, 0, len(want))
		for r := range want {
			routes = append(routes, r)
		}
		slices.Sort(routes)
		got := m.CountCalls(routes...)
		for _, r := range routes {
			if got[r] != want[r] {
				return fmt.Errorf("%s: %d calls, want %d (all: %v)", r, got[r], want[r], got)
			}
		}
		return nil
	}
}

// ExpectNoCalls fails t when the mock logged any call. Run it after a resource.Test of
// configurations that must fail at plan time, before any API call.
// ExpectNoWrites fails t when the mock saw any call that could change something: plan-time
// errors may read RunPod's catalog (a GET, or a GraphQL query), never more.
func (m *Mock) ExpectNoWrites(t *testing.T) {
	t.Helper()
	for _, c := range m.Calls() {
		if c.Method != http.MethodGet && !strings.HasPrefix(c.Route, "graphql gpuTypes") {
			t.Errorf("invalid configurations must fail before any API call that changes something; the mock saw %s %s", c.Method, c.Path)
		}
	}
}

func (m *Mock) ExpectNoCalls(t *testing.T) {
	t.Helper()
	if calls := m.Calls(); len(calls) != 0 {
		t.Errorf("invalid configurations must fail before any API call; the mock saw %d, first %s: %+v", len(calls), calls[0].Route, calls)
	}
}

// CaptureID stores the id of the resource at address in the state into *id, for later steps.
func CaptureID(address string, id *string) resource.TestCheckFunc {
	return acckit.CaptureID(address, id)
}

// ExpectEmptyPlan is plancheck.ExpectEmptyPlan that, when the plan is not empty, names each
// attribute that would change, with its values before and after.
func ExpectEmptyPlan() plancheck.PlanCheck { return acckit.ExpectEmptyPlan() }
