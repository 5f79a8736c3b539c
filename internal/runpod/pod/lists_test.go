package pod

import (
	"context"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// TestEveryAttributeIsClassified: the plan decides replacements, resets and in-place updates
// (plan.go, model.go) from lists; an attribute missing from them would change without
// RunPod ever being asked. Every attribute the user sets is in exactly one of them, and the
// computed-only ones in none.
func TestEveryAttributeIsClassified(t *testing.T) {
	s := resourceSchema(context.Background())
	var priorityNames []string
	for _, l := range priorityLists {
		priorityNames = append(priorityNames, l[0])
	}
	lists := map[string][]string{
		"createOnlyAttributes (plan.go: replaced on any change)":                           createOnlyAttributes,
		"priorityLists (plan.go: replaced when the list no longer holds what the pod got)": priorityNames,
		"NotRecoverableOnImport (model.go: not reported by RunPod, replaced on a change)":  createOnlyPreferences(),
		"resetAttributes (model.go: RunPod resets the pod; resetChanges sends them)":       resetAttributes,
		"inPlaceAttributes (plan.go: changed in place)":                                    inPlaceAttributes,
	}
	names := make([]string, 0, len(s.Attributes))
	for name := range s.Attributes {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if name == "id" || name == "timeouts" {
			continue
		}
		var in []string
		for list, members := range lists {
			if slices.Contains(members, name) {
				in = append(in, list)
			}
		}
		sort.Strings(in)
		settable := isSettable(s.Attributes[name])
		switch {
		case !settable && len(in) > 0:
			t.Errorf("%s is computed only, yet listed in %s: remove it", name, strings.Join(in, ", "))
		case settable && len(in) == 0:
			t.Errorf("%s is set by the user but in no list the plan reads: add it to one of %s (and to NotRecoverableOnImport too "+
				"when RunPod's Pod object does not report it)", name, strings.Join(sortedKeysOf(lists), "; "))
		case len(in) > 1:
			t.Errorf("%s is in more than one list: %s", name, strings.Join(in, ", "))
		}
	}
	for _, name := range append(append([]string{}, NotRecoverableOnImport...), runtimeAttributes...) {
		if _, ok := s.Attributes[name]; !ok {
			t.Errorf("%s is listed but is no attribute of runpod_pod", name)
		}
	}
	for _, name := range NotRecoverableOnImport {
		if !isSettable(s.Attributes[name]) {
			t.Errorf("NotRecoverableOnImport lists %s, which the user does not set", name)
		}
	}
	for _, name := range runtimeAttributes {
		if isSettable(s.Attributes[name]) {
			t.Errorf("runtimeAttributes lists %s, which the user sets", name)
		}
	}
	// Every attribute RunPod does not report is named in the resource's import section.
	for _, name := range NotRecoverableOnImport {
		if !strings.Contains(s.MarkdownDescription, "`"+name+"`") {
			t.Errorf("NotRecoverableOnImport lists %s, but the resource's description does not name it", name)
		}
	}
}

func isSettable(a schema.Attribute) bool { return a.IsOptional() || a.IsRequired() }

func sortedKeysOf(m map[string][]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
