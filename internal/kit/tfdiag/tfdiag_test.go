package tfdiag

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/adoption"
)

var errThrottled = errors.New("HTTP 429")

var cloud = API{Name: "Cloudy", Remedy: func(err error) string {
	if errors.Is(err, errThrottled) {
		return "Apply again later."
	}
	return ""
}}

func TestAddErrorSaysWhatFailedWithTheRemedyAndTheAPIsText(t *testing.T) {
	var diags diag.Diagnostics
	cloud.AddError(&diags, "create pod web", errThrottled)
	cloud.AddError(&diags, "read pod p1", errors.New("boom"))
	API{Name: "Bare"}.AddError(&diags, "delete pod p1", errors.New("gone")) // no Remedy
	want := diag.Diagnostics{
		diag.NewErrorDiagnostic("Failed to create pod web",
			"While attempting to create pod web, the Cloudy API call failed. Apply again later.\n\nError: HTTP 429"),
		diag.NewErrorDiagnostic("Failed to read pod p1", "While attempting to read pod p1, the Cloudy API call failed.\n\nError: boom"),
		diag.NewErrorDiagnostic("Failed to delete pod p1", "While attempting to delete pod p1, the Bare API call failed.\n\nError: gone"),
	}
	if !diags.Equal(want) {
		t.Errorf("got %v\nwant %v", diags, want)
	}
}

func TestAddAttributeErrorPointsAtTheAttributeWithANote(t *testing.T) {
	var diags diag.Diagnostics
	cloud.AddAttributeError(&diags, "gpu_type", "create pod web", errors.New("bad gpu"), "Cloudy names gpuType.")
	want := diag.Diagnostics{diag.NewAttributeErrorDiagnostic(path.Root("gpu_type"), "Failed to create pod web",
		"While attempting to create pod web, the Cloudy API call failed.\n\nError: bad gpu\n\nCloudy names gpuType.")}
	if !diags.Equal(want) {
		t.Errorf("got %v\nwant %v", diags, want)
	}
}

func TestNoticeAdoptionsWarnsNamingTheObject(t *testing.T) {
	var diags diag.Diagnostics
	ctx := cloud.NoticeAdoptions(context.Background(), &diags)
	adoption.Notify(ctx, adoption.Notice{Kind: "container registry auth", ID: "42", Cause: errors.New("connection reset")})
	if len(diags) != 1 || diags.WarningsCount() != 1 {
		t.Fatalf("diags %v, want one warning", diags)
	}
	d := diags[0]
	if d.Summary() != "Adopted the container registry auth the create made" {
		t.Errorf("summary %q", d.Summary())
	}
	for _, want := range []string{"Cloudy did not report the outcome of the create (connection reset)",
		"listed the account's container registry auths", "since it was sent, 42, and manages it: nothing was created twice."} {
		if !strings.Contains(d.Detail(), want) {
			t.Errorf("detail lacks %q: %s", want, d.Detail())
		}
	}
}
