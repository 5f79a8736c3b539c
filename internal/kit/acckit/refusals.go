package acckit

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// Refusal is one configuration a provider must refuse when Terraform plans it: a resource or
// data source block whose body breaks one rule. Many refusals are checked in one plan
// (PlanRefusals), each against the diagnostics Terraform reports for its own block.
type Refusal struct {
	// Name says what the case checks ("gpu_count below 1"), for failure messages.
	Name string
	// Type is the block's type: "runpod_pod", or "data.runpod_pod" for a data source.
	Type string
	// Body is the block's body, without the braces.
	Body string
	// Want are parts of the error text, in order, word for word (see ErrorText). The first is
	// usually the attribute the error names.
	Want []string
}

// RefusalPlan is what PlanRefusals needs of a provider: its factories and the provider block
// that points it at the mock. Support is configuration every case may refer to (resources the
// cases name, locals), planned with the cases.
type RefusalPlan struct {
	Factories      map[string]func() (tfprotov6.ProviderServer, error)
	ProviderConfig string
	Support        string
}

// address is the case's block address in the combined configuration.
func (c Refusal) address(i int) string { return fmt.Sprintf("%s.c%d", c.Type, i) }

func (c Refusal) block(i int) string {
	kind, typ := "resource", c.Type
	if t, ok := strings.CutPrefix(c.Type, "data."); ok {
		kind, typ = "data", t
	}
	return fmt.Sprintf("%s %q \"c%d\" {\n%s\n}\n", kind, typ, i, c.Body)
}

// refusalAddress finds the block a diagnostic is about: "with runpod_pod.c3," for the
// provider's diagnostics; Terraform's own (a required argument missing, a value of the wrong
// type) name only the block they are in: `in resource "runpod_pod" "c3":`.
var refusalAddress = regexp.MustCompile(`with ((?:data\.)?[a-z0-9_]+\.c[0-9]+),|in (resource|data) "([a-z0-9_]+)" "(c[0-9]+)":`)

// PlanRefusals plans every case of cases in one configuration and checks that each block is
// refused with its Want text. Terraform validates all blocks before it plans any, so a plan
// whose validation fails never reaches the checks made while planning (ModifyPlan): the cases
// that got no diagnostic are planned again, together, in a second configuration. So a catalog
// of any size costs at most two plans, where a step per case costs one each. It returns the
// number of cases refused as they should be.
func PlanRefusals(t *testing.T, p RefusalPlan, cases []Refusal) int {
	t.Helper()
	found := planAll(t, p, cases, allIndexes(len(cases)))
	var again []int
	for i := range cases {
		if len(found[cases[i].address(i)]) == 0 {
			again = append(again, i)
		}
	}
	if len(again) > 0 && len(again) < len(cases) {
		for address, diags := range planAll(t, p, cases, again) {
			found[address] = diags
		}
	}
	refused := 0
	for i, c := range cases {
		diags := strings.Join(found[c.address(i)], "\n")
		switch {
		case diags == "":
			t.Errorf("%s (%s) was accepted at plan time:\n%s", c.Name, c.address(i), c.block(i))
		case !ErrorText(c.Want...).MatchString(diags):
			t.Errorf("%s (%s): the error does not say %q:\n%s", c.Name, c.address(i), c.Want, diags)
		default:
			refused++
		}
	}
	return refused
}

func allIndexes(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// planAll plans the cases at indexes in one configuration (plan only) and returns Terraform's
// diagnostics by the block address each names.
func planAll(t *testing.T, p RefusalPlan, cases []Refusal, indexes []int) map[string][]string {
	t.Helper()
	var config strings.Builder
	config.WriteString(p.ProviderConfig)
	config.WriteString(p.Support)
	for _, i := range indexes {
		config.WriteString(cases[i].block(i))
	}
	var output string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: p.Factories,
		ErrorCheck: func(err error) error {
			output = err.Error()
			return nil
		},
		Steps: []resource.TestStep{{Config: config.String(), PlanOnly: true}},
	})
	return diagnosticsByBlock(output)
}

// diagnosticsByBlock splits Terraform's error output into its diagnostics and files each
// under the address of the case block it names; the others are dropped.
func diagnosticsByBlock(output string) map[string][]string {
	byAddress := map[string][]string{}
	for _, d := range strings.Split(output, "Error: ")[1:] {
		m := refusalAddress.FindStringSubmatch(d)
		if m == nil {
			continue
		}
		address := m[1]
		if address == "" {
			address = m[3] + "." + m[4]
			if m[2] == "data" {
				address = "data." + address
			}
		}
		byAddress[address] = append(byAddress[address], d)
	}
	return byAddress
}
