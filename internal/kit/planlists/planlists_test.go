package planlists

import (
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

func TestCheck(t *testing.T) {
	s := schema.Schema{Attributes: map[string]schema.Attribute{
		"id":       schema.StringAttribute{Computed: true},
		"name":     schema.StringAttribute{Optional: true},
		"image":    schema.StringAttribute{Required: true},
		"size":     schema.Int64Attribute{Optional: true, Computed: true},
		"status":   schema.StringAttribute{Computed: true},
		"forgot":   schema.StringAttribute{Optional: true},
		"timeouts": schema.StringAttribute{Optional: true},
	}}
	got := Check(s, map[string][]string{
		"inPlace": {"name", "size"},
		"reset":   {"image", "size", "status"},
	}, " (or else)", "id", "timeouts")
	want := []string{
		"forgot is set by the user but in no list that decides what its change does: add it to one of inPlace; reset (or else)",
		"size is in more than one list: inPlace, reset",
		"status is computed only, yet listed in reset: remove it",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Check:\n got %q\nwant %q", got, want)
	}
}
