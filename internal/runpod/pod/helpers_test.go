package pod_test

import (
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

const addr = "runpod_pod.test"

// podRoutes are the mock's call-log routes of the pod calls the provider makes, per backend.
type podRoutes struct{ create, get, patch, stop, start, restart, delete string }

func routesOf(b runpodapi.Backend) podRoutes {
	if b == runpodapi.BackendV2 {
		return podRoutes{
			create: "POST /v2/pods", get: "GET /v2/pods/{id}", patch: "PATCH /v2/pods/{id}", stop: "POST /v2/pods/{id}/action stop",
			start: "POST /v2/pods/{id}/action start", restart: "POST /v2/pods/{id}/action restart",
			delete: "DELETE /v2/pods/{id}",
		}
	}
	return podRoutes{
		create: "POST /pods", get: "GET /pods/{podId}", patch: "PATCH /pods/{podId}", stop: "POST /pods/{podId}/stop", start: "POST /pods/{podId}/start",
		restart: "POST /pods/{podId}/restart", delete: "DELETE /pods/{podId}",
	}
}

// on returns v1 or v2, the value a test expects on backend b.
func on[T any](b runpodapi.Backend, v1, v2 T) T {
	if b == runpodapi.BackendV2 {
		return v2
	}
	return v1
}

// podConfig renders a runpod_pod "test" block with body inside.
func podConfig(m *acctest.Mock, body string) string {
	return m.Config("resource \"runpod_pod\" \"test\" {\n" + body + "\n}\n")
}

// reads are calls that change nothing: the rest are the writes an apply makes.
var reads = map[string]bool{"graphql pod": true, "graphql gpuTypes": true, "graphql myself": true}

// writes returns the calls that changed something (faulted attempts excluded).
func writes(m *acctest.Mock) []mockkit.Call {
	var out []mockkit.Call
	for _, c := range m.Calls() {
		if c.Method == "GET" || reads[c.Route] || c.Fault != "" {
			continue
		}
		out = append(out, c)
	}
	return out
}

// expectWrites checks the writes since the last m.ResetCalls: their routes and, where want
// gives one, their JSON body (compared as JSON; "" skips it).
func expectWrites(m *acctest.Mock, want ...[2]string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got := writes(m)
		var routes []string
		for _, c := range got {
			routes = append(routes, c.Route)
		}
		if len(got) != len(want) {
			return fmt.Errorf("expected %d writes, got %d: %v", len(want), len(got), routes)
		}
		for i, w := range want {
			if got[i].Route != w[0] {
				return fmt.Errorf("write %d: expected %s, got %s (all: %v)", i+1, w[0], got[i].Route, routes)
			}
			if w[1] != "" && !jsonEqual(got[i].Body, w[1]) {
				return fmt.Errorf("write %d (%s): expected body %s, got %s", i+1, w[0], w[1], got[i].Body)
			}
		}
		return nil
	}
}

// writeWant is one expected write: route and JSON body ("" skips the body).
type writeWant = [2]string

// write is one expected write: route and JSON body ("" to skip the body).
func write(route, body string) writeWant { return writeWant{route, body} }

func jsonEqual(a, b string) bool {
	var va, vb any
	if json.Unmarshal([]byte(a), &va) != nil || json.Unmarshal([]byte(b), &vb) != nil {
		return false
	}
	return reflect.DeepEqual(va, vb)
}

// resetCalls empties the mock's call log before a step, so its checks see only that step.
func resetCalls(m *acctest.Mock) func() { return m.ResetCalls }

// expectKnownAfterApply checks the plan shows attrs of the pod as known (not "known after apply").
func expectKnownAfterApply(attrs ...string) plancheck.PlanCheck {
	return acctest.PlanCheckFunc(func(req plancheck.CheckPlanRequest) error {
		for _, rc := range req.Plan.ResourceChanges {
			if rc.Address != addr {
				continue
			}
			unknown, _ := rc.Change.AfterUnknown.(map[string]any)
			for _, a := range attrs {
				if u, ok := unknown[a].(bool); ok && u {
					return fmt.Errorf("%s.%s is unknown in the plan, expected it known", addr, a)
				}
			}
			return nil
		}
		return fmt.Errorf("%s not in the plan", addr)
	})
}

// expectReplaceBecauseTainted checks the plan's prior state holds pod id as tainted, and that
// the plan replaces that pod.
func expectReplaceBecauseTainted(id *string) plancheck.PlanCheck {
	return acctest.PlanCheckFunc(func(req plancheck.CheckPlanRequest) error {
		if req.Plan.PriorState == nil || req.Plan.PriorState.Values == nil {
			return fmt.Errorf("the plan has no prior state")
		}
		found := false
		for _, r := range req.Plan.PriorState.Values.RootModule.Resources {
			if r.Address == addr {
				found = true
				if !r.Tainted {
					return fmt.Errorf("expected %s to be tainted in the state", addr)
				}
				if r.AttributeValues["id"] != *id {
					return fmt.Errorf("expected the state to hold pod %s, it holds %v", *id, r.AttributeValues["id"])
				}
			}
		}
		if !found {
			return fmt.Errorf("%s not in the prior state", addr)
		}
		for _, rc := range req.Plan.ResourceChanges {
			if rc.Address == addr {
				before, _ := rc.Change.Before.(map[string]any)
				if before["id"] != *id {
					return fmt.Errorf("expected the plan to replace pod %s, it replaces %v", *id, before["id"])
				}
				return nil
			}
		}
		return fmt.Errorf("%s not in the plan", addr)
	})
}
