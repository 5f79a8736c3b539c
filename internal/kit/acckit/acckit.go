// Package acckit holds the acceptance-test helpers that do not depend on a provider: they
// serve the RunPod provider's harness (internal/runpod/acctest) and the Yotta provider's
// (internal/yotta/yottaacctest) alike, the checks on a mock's call log (CallChecks, on the
// mock kit's mockkit.Call) among them.
package acckit

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// Factories serve server (a provider's plugin server, as its binary serves it) in-process to
// the Terraform CLI under test as the provider name: a TestCase's ProtoV6ProviderFactories.
func Factories(name string, server func() tfprotov6.ProviderServer) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		name: func() (tfprotov6.ProviderServer, error) { return server(), nil },
	}
}

// ErrorText matches diagnostics that contain each part, in order, word for word: Terraform
// wraps long lines, so any whitespace in a part matches any run of whitespace.
func ErrorText(parts ...string) *regexp.Regexp {
	quoted := make([]string, len(parts))
	for i, p := range parts {
		words := strings.Fields(p)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		quoted[i] = strings.Join(words, `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, `.*`))
}

// CaptureID stores the id of the resource at address in the state into *id, for later steps.
func CaptureID(address string, id *string) resource.TestCheckFunc {
	return resource.TestCheckResourceAttrWith(address, "id", func(v string) error {
		*id = v
		return nil
	})
}

// StringList is a check of a list of exactly these strings, in order.
func StringList(values ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(values))
	for i, v := range values {
		checks[i] = knownvalue.StringExact(v)
	}
	return knownvalue.ListExact(checks)
}

// PlanCheckFunc adapts a function to plancheck.PlanCheck: the plan check of a test's own.
type PlanCheckFunc func(req plancheck.CheckPlanRequest) error

func (f PlanCheckFunc) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = f(req)
}

// ExpectEmptyPlan is plancheck.ExpectEmptyPlan that, when the plan is not empty, names each
// attribute that would change, with its values before and after.
func ExpectEmptyPlan() plancheck.PlanCheck {
	return PlanCheckFunc(func(req plancheck.CheckPlanRequest) error {
		var changes []string
		for _, rc := range req.Plan.ResourceChanges {
			if rc.Change.Actions.NoOp() || rc.Change.Actions.Read() {
				continue
			}
			before, _ := rc.Change.Before.(map[string]any)
			after, _ := rc.Change.After.(map[string]any)
			unknown, _ := rc.Change.AfterUnknown.(map[string]any)
			var attrs []string
			for k, a := range after {
				if u, _ := unknown[k].(bool); u {
					attrs = append(attrs, fmt.Sprintf("%s: %v -> (known after apply)", k, before[k]))
				} else if fmt.Sprint(before[k]) != fmt.Sprint(a) {
					attrs = append(attrs, fmt.Sprintf("%s: %v -> %v", k, before[k], a))
				}
			}
			slices.Sort(attrs)
			changes = append(changes, fmt.Sprintf("%s %v: %s", rc.Address, rc.Change.Actions, strings.Join(attrs, "; ")))
		}
		if len(changes) > 0 {
			return fmt.Errorf("expected an empty plan, got:\n%s", strings.Join(changes, "\n"))
		}
		return nil
	})
}
