package acctest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
)

// The checks below look at the mock as someone outside Terraform would (its REST API); those
// on what the provider sent it (its call log) are acckit.CallChecks, which Mock embeds.

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

// readsOnly reports whether a call only reads: a GET, or GraphQL's catalog query (plan-time
// checks may read RunPod's catalog).
func readsOnly(c mockkit.Call) bool {
	return c.Method == http.MethodGet || strings.HasPrefix(c.Route, "graphql gpuTypes")
}

// CaptureID stores the id of the resource at address in the state into *id, for later steps.
func CaptureID(address string, id *string) resource.TestCheckFunc {
	return acckit.CaptureID(address, id)
}

// ExpectEmptyPlan is plancheck.ExpectEmptyPlan that, when the plan is not empty, names each
// attribute that would change, with its values before and after.
func ExpectEmptyPlan() plancheck.PlanCheck { return acckit.ExpectEmptyPlan() }
