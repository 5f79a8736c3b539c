package acckit

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
)

// CallChecks are the assertions on what a provider sent a mock (its call log, mockkit.Call)
// and on the faults a test injected. Each harness's Mock embeds them.
type CallChecks struct {
	// Log is the mock's kit, which keeps its call log and faults.
	Log *mockkit.Kit
	// Read reports whether a call only reads, for ExpectNoWrites and ExpectWrites; nil
	// counts GET calls as reads.
	Read func(mockkit.Call) bool
	// ExactNumbers decodes the numbers of JSONBodies as json.Number (Yotta's 18-digit ids
	// stay exact); otherwise as float64.
	ExactNumbers bool
}

// Routes lists the routes of the logged calls, oldest first.
func (c CallChecks) Routes() []string {
	var out []string
	for _, call := range c.Log.Calls() {
		out = append(out, call.Route)
	}
	return out
}

// CountCalls counts the mock's logged calls of each route given (see mockkit.Call.Route).
func (c CallChecks) CountCalls(routes ...string) map[string]int {
	counts := map[string]int{}
	for _, r := range routes {
		counts[r] = 0
	}
	for _, call := range c.Log.Calls() {
		if _, ok := counts[call.Route]; ok {
			counts[call.Route]++
		}
	}
	return counts
}

// ExpectCalls checks the mock's count of logged calls of each route in want.
func (c CallChecks) ExpectCalls(want map[string]int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		routes := make([]string, 0, len(want))
		for r := range want {
			routes = append(routes, r)
		}
		slices.Sort(routes)
		got := c.CountCalls(routes...)
		for _, r := range routes {
			if got[r] != want[r] {
				return fmt.Errorf("%s: %d calls, want %d (all calls: %v)", r, got[r], want[r], c.Routes())
			}
		}
		return nil
	}
}

// Bodies returns the request bodies of the logged calls of route, oldest first.
func (c CallChecks) Bodies(route string) []string {
	var out []string
	for _, call := range c.Log.Calls() {
		if call.Route == route {
			out = append(out, call.Body)
		}
	}
	return out
}

// JSONBodies returns the request bodies of the logged calls of route, oldest first, decoded
// as JSON objects. It fails t on a body that is not one.
func (c CallChecks) JSONBodies(t *testing.T, route string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, b := range c.Bodies(route) {
		var body map[string]any
		dec := json.NewDecoder(strings.NewReader(b))
		if c.ExactNumbers {
			dec.UseNumber()
		}
		if err := dec.Decode(&body); err != nil {
			t.Fatalf("%s body %q: %v", route, b, err)
		}
		out = append(out, body)
	}
	return out
}

func (c CallChecks) read(call mockkit.Call) bool {
	if c.Read != nil {
		return c.Read(call)
	}
	return call.Method == http.MethodGet
}

// ExpectNoCalls fails t when the mock logged any call. Run it after a resource.Test of
// configurations that must fail at plan time, before any API call.
func (c CallChecks) ExpectNoCalls(t *testing.T) {
	t.Helper()
	if calls := c.Log.Calls(); len(calls) != 0 {
		t.Errorf("invalid configurations must fail before any API call; the mock saw %d: %v", len(calls), c.Routes())
	}
}

// ExpectNoWrites fails t when the mock saw any call that could change something: plan-time
// errors may read the catalogue, never more.
func (c CallChecks) ExpectNoWrites(t *testing.T) {
	t.Helper()
	for _, call := range c.Log.Calls() {
		if !c.read(call) {
			t.Errorf("invalid configurations must fail before any API call that changes something; the mock saw %s %s", call.Method, call.Path)
		}
	}
}

// ExpectWrites checks that the calls the mock logged since the last ResetCalls, other than
// reads, are exactly want, in order (routes such as "POST /v2/pods").
func (c CallChecks) ExpectWrites(want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		var got []string
		for _, call := range c.Log.Calls() {
			if !c.read(call) {
				got = append(got, call.Route)
			}
		}
		if !slices.Equal(got, want) {
			return fmt.Errorf("writes %v, want %v", got, want)
		}
		return nil
	}
}

// ExpectFaultsUsed checks that every fault injected was hit as many times as it was meant to.
func (c CallChecks) ExpectFaultsUsed() resource.TestCheckFunc {
	return func(*terraform.State) error {
		if left := c.Log.Faults(); len(left) > 0 {
			return fmt.Errorf("faults not used up: %+v", left)
		}
		return nil
	}
}
