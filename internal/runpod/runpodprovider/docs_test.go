package runpodprovider_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodprovider"
)

// The registry page of each resource and data source is only as good as its example: these
// tests fail when one is registered without its example (or import command), or when an
// example outlives its type. `make docs-check` checks that docs/ renders them.

// repoRoot is where examples/, templates/ and docs/ live, seen from this package.
var repoRoot = filepath.Join("..", "..", "..")

func typeNames(t *testing.T) (resources, dataSources []string) {
	t.Helper()
	ctx := context.Background()
	p := runpodprovider.New("test")()
	for _, newResource := range p.Resources(ctx) {
		var resp resource.MetadataResponse
		newResource().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "runpod"}, &resp)
		resources = append(resources, resp.TypeName)
	}
	for _, newDataSource := range p.DataSources(ctx) {
		var resp datasource.MetadataResponse
		newDataSource().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "runpod"}, &resp)
		dataSources = append(dataSources, resp.TypeName)
	}
	return resources, dataSources
}

func readRepoFile(t *testing.T, rel string) (string, bool) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, rel))
	if os.IsNotExist(err) {
		return "", false
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(b), true
}

func TestExamples_everyResourceHasAnExampleAndAnImportCommand(t *testing.T) {
	resources, _ := typeNames(t)
	for _, typ := range resources {
		example := filepath.Join("examples", "resources", typ, "resource.tf")
		if hcl, ok := readRepoFile(t, example); !ok {
			t.Errorf("%s has no example: add %s (it becomes the Example Usage of its docs page)", typ, example)
		} else if !strings.Contains(hcl, `resource "`+typ+`"`) {
			t.Errorf("%s does not declare a %s resource", example, typ)
		}

		importScript := filepath.Join("examples", "resources", typ, "import.sh")
		if sh, ok := readRepoFile(t, importScript); !ok {
			t.Errorf("%s has no import command: add %s with `terraform import %s.<name> <id>`", typ, importScript, typ)
		} else if !strings.Contains(sh, "terraform import "+typ+".") {
			t.Errorf("%s does not import a %s: want `terraform import %s.<name> <id>`", importScript, typ, typ)
		}
	}
}

func TestExamples_everyDataSourceHasAnExample(t *testing.T) {
	_, dataSources := typeNames(t)
	if len(dataSources) == 0 {
		t.Fatal("the provider registers no data source")
	}
	for _, typ := range dataSources {
		example := filepath.Join("examples", "data-sources", typ, "data-source.tf")
		if hcl, ok := readRepoFile(t, example); !ok {
			t.Errorf("%s has no example: add %s (it becomes the Example Usage of its docs page)", typ, example)
		} else if !strings.Contains(hcl, `data "`+typ+`"`) {
			t.Errorf("%s does not declare a %s data source", example, typ)
		}
	}
}

func TestExamples_noExampleForATypeTheProviderDoesNotHave(t *testing.T) {
	resources, dataSources := typeNames(t)
	for dir, known := range map[string][]string{"resources": resources, "data-sources": dataSources} {
		entries, err := os.ReadDir(filepath.Join(repoRoot, "examples", dir))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.IsDir() && !slices.Contains(known, e.Name()) {
				t.Errorf("examples/%s/%s: the provider has no %s of that name (renamed or removed?)", dir, e.Name(), strings.TrimSuffix(dir, "s"))
			}
		}
	}
}

// The guide "What resets a pod" lists the effect of changing each runpod_pod argument. It must
// name every argument the resource has, and none it does not have.
func TestGuideWhatResetsAPod_listsEveryPodArgument(t *testing.T) {
	ctx := context.Background()
	var pod resource.Resource
	for _, newResource := range runpodprovider.New("test")().Resources(ctx) {
		r := newResource()
		var resp resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "runpod"}, &resp)
		if resp.TypeName == "runpod_pod" {
			pod = r
		}
	}
	if pod == nil {
		t.Skip("runpod_pod is not registered in this build")
	}
	var schemaResp resource.SchemaResponse
	pod.Schema(ctx, resource.SchemaRequest{}, &schemaResp)
	var arguments []string
	for name, a := range schemaResp.Schema.Attributes {
		if (a.IsRequired() || a.IsOptional()) && name != "timeouts" {
			arguments = append(arguments, name)
		}
	}
	for name := range schemaResp.Schema.Blocks {
		if name != "timeouts" {
			arguments = append(arguments, name)
		}
	}

	guide, ok := readRepoFile(t, filepath.Join("templates", "guides", "what-resets-a-pod.md.tmpl"))
	if !ok {
		t.Fatal("templates/guides/what-resets-a-pod.md.tmpl is missing")
	}
	_, table, found := strings.Cut(guide, "## Every argument")
	if !found {
		t.Fatal(`the guide has no "## Every argument" section`)
	}
	table, _, _ = strings.Cut(table, "\n## ")
	row := regexp.MustCompile("(?m)^\\| `([a-z0-9_]+)` \\| [^|]+ \\| (in place|reset|stop / start|replace) \\|$")
	var listed []string
	for _, m := range row.FindAllStringSubmatch(table, -1) {
		listed = append(listed, m[1])
	}

	for _, name := range arguments {
		if !slices.Contains(listed, name) {
			t.Errorf("runpod_pod argument %q is missing from the guide's table: add a row saying whether changing it is in place, reset, stop / start or replace", name)
		}
	}
	for _, name := range listed {
		if !slices.Contains(arguments, name) {
			t.Errorf("the guide's table lists %q, which runpod_pod does not have as an argument", name)
		}
	}
}
