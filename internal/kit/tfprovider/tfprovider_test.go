package tfprovider

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
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
	Base{Cloud: "Cloudy"}.RequireKnown(&diags, map[string]types.String{
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

func TestBaseNamesTheProvider(t *testing.T) {
	var resp provider.MetadataResponse
	Base{Cloud: "Cloudy", TypeName: "cloudy", Version: "1.2.3"}.Metadata(context.Background(), provider.MetadataRequest{}, &resp)
	if resp.TypeName != "cloudy" || resp.Version != "1.2.3" {
		t.Errorf("metadata %+v", resp)
	}
}

func TestBaseListsTheResourcesAndDataSources(t *testing.T) {
	newResource := func() resource.Resource { return nil }
	newDataSource := func() datasource.DataSource { return nil }
	b := Base{NewResources: []func() resource.Resource{newResource, newResource}, NewDataSources: []func() datasource.DataSource{newDataSource}}
	if r, d := b.Resources(context.Background()), b.DataSources(context.Background()); len(r) != 2 || len(d) != 1 {
		t.Errorf("%d resources, %d data sources; want 2 and 1", len(r), len(d))
	}
}

func TestAPIKeyComesFromTheConfigurationOrTheEnvironmentAndIsMasked(t *testing.T) {
	b := Base{Cloud: "Cloudy", TypeName: "cloudy"}
	t.Setenv("KIT_TEST_KEY", "")
	var diags diag.Diagnostics
	if _, key, ok := b.APIKey(context.Background(), &diags, types.StringNull(), "KIT_TEST_KEY", "Create one in the console."); ok || key != "" {
		t.Errorf("none set: key %q, ok %v", key, ok)
	}
	want := diag.Diagnostics{diag.NewAttributeErrorDiagnostic(path.Root("api_key"), "Missing Cloudy API key",
		`The provider needs a Cloudy API key. Set api_key in the provider "cloudy" block, or set the KIT_TEST_KEY environment `+
			"variable. Create one in the console.")}
	if !diags.Equal(want) {
		t.Errorf("none set: %v, want %v", diags, want)
	}

	t.Setenv("KIT_TEST_KEY", "s3cr3t-env")
	diags = nil
	var logs bytes.Buffer
	ctx, key, ok := b.APIKey(tflogtest.RootLogger(context.Background(), &logs), &diags, types.StringNull(), "KIT_TEST_KEY", "")
	if !ok || key != "s3cr3t-env" || diags.HasError() {
		t.Errorf("from the environment: key %q, ok %v, %v", key, ok, diags)
	}
	tflog.Info(ctx, "using s3cr3t-env")
	if strings.Contains(logs.String(), "s3cr3t-env") {
		t.Errorf("the key is logged: %s", logs.String())
	}
	if _, key, _ := b.APIKey(context.Background(), &diags, types.StringValue("s3cr3t-config"), "KIT_TEST_KEY", ""); key != "s3cr3t-config" {
		t.Errorf("configured: key %q, want the configured one", key)
	}
}

func TestProvideClientGivesItToResourcesAndDataSources(t *testing.T) {
	var resp provider.ConfigureResponse
	ProvideClient(&resp, "client")
	if resp.ResourceData != "client" || resp.DataSourceData != "client" {
		t.Errorf("provider data %v, %v", resp.ResourceData, resp.DataSourceData)
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
