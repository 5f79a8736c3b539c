package yottaprovider_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaacctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaprovider"
)

// yottaRoot is where the yotta provider's examples/, templates/ and docs/ live.
var yottaRoot = filepath.Join("..", "..", "..", "yotta")

func types(t *testing.T) (resources map[string]resource.Resource, dataSources map[string]datasource.DataSource) {
	t.Helper()
	ctx := context.Background()
	p := yottaprovider.New("test")()
	resources, dataSources = map[string]resource.Resource{}, map[string]datasource.DataSource{}
	for _, newResource := range p.Resources(ctx) {
		r := newResource()
		var resp resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "yotta"}, &resp)
		resources[resp.TypeName] = r
	}
	for _, newDataSource := range p.DataSources(ctx) {
		d := newDataSource()
		var resp datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "yotta"}, &resp)
		dataSources[resp.TypeName] = d
	}
	return resources, dataSources
}

// TestSchemasDescribeEveryAttribute: the documentation is generated from MarkdownDescription,
// so every attribute (nested ones too) needs one; the schemas must pass the framework's checks.
func TestSchemasDescribeEveryAttribute(t *testing.T) {
	ctx := context.Background()
	p := yottaprovider.New("test")()
	acckit.CheckSchemasDescribed(t, "yotta", p.Resources(ctx), p.DataSources(ctx))
}

// Every resource can be imported by id and by identity, and found by terraform query.
func TestEveryResourceIsAdoptable(t *testing.T) {
	acckit.CheckEveryResourceAdoptable(t, "yotta", yottaprovider.New("test")())
}

// The registry page of each resource and data source is only as good as its example: these
// fail when one is registered without its example (or import command) under yotta/examples.
func TestExamples_everyTypeHasItsExample(t *testing.T) {
	resources, dataSources := types(t)
	read := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(yottaRoot, rel))
		if err != nil {
			t.Errorf("yotta/%s: %v", rel, err)
		}
		return string(b)
	}
	for typ := range resources {
		if hcl := read(filepath.Join("examples", "resources", typ, "resource.tf")); !strings.Contains(hcl, `resource "`+typ+`"`) {
			t.Errorf("yotta/examples/resources/%s/resource.tf does not declare a %s", typ, typ)
		}
		if sh := read(filepath.Join("examples", "resources", typ, "import.sh")); !strings.Contains(sh, "terraform import "+typ+".") {
			t.Errorf("yotta/examples/resources/%s/import.sh does not import a %s", typ, typ)
		}
	}
	for typ := range dataSources {
		if hcl := read(filepath.Join("examples", "data-sources", typ, "data-source.tf")); !strings.Contains(hcl, `data "`+typ+`"`) {
			t.Errorf("yotta/examples/data-sources/%s/data-source.tf does not declare a %s", typ, typ)
		}
	}
	for dir, known := range map[string]int{"resources": len(resources), "data-sources": len(dataSources)} {
		entries, _ := os.ReadDir(filepath.Join(yottaRoot, "examples", dir))
		if len(entries) != known {
			t.Errorf("yotta/examples/%s has %d folders for %d types (renamed or removed?)", dir, len(entries), known)
		}
	}
}

// Not parallel: it clears YOTTA_API_KEY for the process.
func TestAccProvider_missingAPIKey(t *testing.T) {
	t.Setenv("YOTTA_API_KEY", "")
	tfresource.Test(t, tfresource.TestCase{
		ProtoV6ProviderFactories: yottaacctest.ProtoV6ProviderFactories,
		Steps: []tfresource.TestStep{{
			Config: `data "yotta_gpu_types" "all" {}`,
			ExpectError: yottaacctest.ErrorText("Missing Yotta API key",
				`Set api_key in the provider "yotta" block, or set the YOTTA_API_KEY environment variable.`),
		}},
	})
}

// Every setting can come from the environment (the URL also under the name Yotta's MCP server
// reads); the provider block is empty. Not parallel: it sets environment variables.
func TestAccProvider_settingsFromEnvironment(t *testing.T) {
	m := yottaacctest.NewMock(t)
	t.Setenv("YOTTA_API_KEY", m.APIKey)
	t.Setenv("YOTTA_API_URL", "")
	t.Setenv("YOTTA_API_BASE_URL", m.URL)
	tfresource.Test(t, tfresource.TestCase{
		ProtoV6ProviderFactories: yottaacctest.ProtoV6ProviderFactories,
		Steps:                    []tfresource.TestStep{{Config: `data "yotta_gpu_types" "all" {}`}},
	})
	if m.CallCount("GET /v2/vms/types") == 0 {
		t.Error("the provider did not reach the mock configured through the environment")
	}
}
