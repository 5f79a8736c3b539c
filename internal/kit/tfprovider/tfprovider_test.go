package tfprovider

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

func TestSettingTakesTheConfigurationThenTheEnvironmentInOrderThenTheDefault(t *testing.T) {
	t.Setenv("KIT_TEST_FIRST", "")
	t.Setenv("KIT_TEST_SECOND", "from-second")
	for _, tc := range []struct {
		name       string
		configured types.String
		want       string
	}{
		{"configured", types.StringValue("from-config"), "from-config"},
		{"configured empty", types.StringValue(""), "from-second"},
		{"null", types.StringNull(), "from-second"},
		{"unknown", types.StringUnknown(), "from-second"},
	} {
		if got := Setting(tc.configured, "default", "KIT_TEST_FIRST", "KIT_TEST_SECOND"); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	t.Setenv("KIT_TEST_FIRST", "from-first")
	if got := Setting(types.StringNull(), "default", "KIT_TEST_FIRST", "KIT_TEST_SECOND"); got != "from-first" {
		t.Errorf("the first variable set wins: %q", got)
	}
	if got := Setting(types.StringNull(), "default", "KIT_TEST_UNSET"); got != "default" {
		t.Errorf("nothing set: %q, want the default", got)
	}
}

func TestRequireKnownReportsEachUnknownSettingOnItsAttribute(t *testing.T) {
	var diags diag.Diagnostics
	RequireKnown(&diags, "Cloudy", map[string]types.String{
		"api_url": types.StringUnknown(), "api_key": types.StringUnknown(), "region": types.StringValue("x"), "zone": types.StringNull(),
	})
	if len(diags) != 2 {
		t.Fatalf("diags %v, want one per unknown setting", diags)
	}
	for i, name := range []string{"api_key", "api_url"} { // in name order
		d, ok := diags[i].(diag.DiagnosticWithPath)
		if !ok || !d.Path().Equal(path.Root(name)) || d.Summary() != "Unknown Cloudy provider setting" ||
			!strings.Contains(d.Detail(), "because "+name+" depends on a value known only after apply") {
			t.Errorf("diag %d: %v", i, diags[i])
		}
	}
}

func TestMaskSecretHidesTheKeyInMessagesAndFields(t *testing.T) {
	var logs bytes.Buffer
	ctx := MaskSecret(tflogtest.RootLogger(context.Background(), &logs), "s3cr3t-key")
	tflog.Info(ctx, "configured with s3cr3t-key", map[string]any{"header": "Bearer s3cr3t-key"})
	if out := logs.String(); strings.Contains(out, "s3cr3t-key") || !strings.Contains(out, "configured with") {
		t.Errorf("logs: %s", out)
	}
}
