package pod

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/planlists"
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
		"secretEnvAttributes (secretenv.go: a reset that sends env with env_wo)":           secretEnvAttributes,
	}
	for _, problem := range planlists.Check(s, lists, " (and to NotRecoverableOnImport too when RunPod's Pod object does not "+
		"report it)", "id", "timeouts") {
		t.Error(problem)
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
	// Every reset attribute is named in the resource's "Updates" paragraph, which lists what a
	// change resets.
	_, updates, _ := strings.Cut(s.MarkdownDescription, "**Updates.**")
	updates, _, _ = strings.Cut(updates, "\n\n")
	for _, name := range append(slices.Clone(resetAttributes), secretEnvAttributes...) {
		if !strings.Contains(updates, "`"+name+"`") {
			t.Errorf("resetAttributes lists %s, but the resource description's Updates paragraph (schema.go) does not name it", name)
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
