// Package planlists checks a resource's classification of its attributes: the lists its
// plan reads to decide what a change of an attribute does (in place, a reset or release, a
// replacement, a refusal). An attribute the user sets that is in none of them would change in
// the state without the cloud ever being asked, so each such attribute must be in exactly one
// list, and a computed-only one in none.
package planlists

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// Check returns one message per misclassified attribute of s (but skip): set by the user and
// in no list of lists (keyed by a label that says where the list is and what it decides;
// hint follows the labels in the message), in more than one, or computed only yet listed.
func Check(s schema.Schema, lists map[string][]string, hint string, skip ...string) []string {
	labels := make([]string, 0, len(lists))
	for label := range lists {
		labels = append(labels, label)
	}
	sort.Strings(labels)
	names := make([]string, 0, len(s.Attributes))
	for name := range s.Attributes {
		names = append(names, name)
	}
	sort.Strings(names)
	var problems []string
	for _, name := range names {
		if slices.Contains(skip, name) {
			continue
		}
		var in []string
		for _, label := range labels {
			if slices.Contains(lists[label], name) {
				in = append(in, label)
			}
		}
		settable := s.Attributes[name].IsOptional() || s.Attributes[name].IsRequired()
		switch {
		case !settable && len(in) > 0:
			problems = append(problems, fmt.Sprintf("%s is computed only, yet listed in %s: remove it", name, strings.Join(in, ", ")))
		case settable && len(in) == 0:
			problems = append(problems, fmt.Sprintf("%s is set by the user but in no list that decides what its change does: add it "+
				"to one of %s%s", name, strings.Join(labels, "; "), hint))
		case len(in) > 1:
			problems = append(problems, fmt.Sprintf("%s is in more than one list: %s", name, strings.Join(in, ", ")))
		}
	}
	return problems
}
