package pod

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// TestSchemasDescribeEveryAttribute: the documentation is generated from MarkdownDescription,
// so every attribute needs one; the schemas must also pass the framework's own validation.
func TestSchemasDescribeEveryAttribute(t *testing.T) {
	ctx := context.Background()
	var rs resource.SchemaResponse
	NewResource().Schema(ctx, resource.SchemaRequest{}, &rs)
	if rs.Schema.MarkdownDescription == "" {
		t.Error("runpod_pod has no description")
	}
	if diags := rs.Schema.ValidateImplementation(ctx); diags.HasError() {
		t.Errorf("runpod_pod schema: %v", diags)
	}
	for name, a := range rs.Schema.Attributes {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("runpod_pod.%s has no description", name)
		}
		if nested, ok := a.(rschema.SingleNestedAttribute); ok {
			for inner, ia := range nested.Attributes {
				if ia.GetMarkdownDescription() == "" {
					t.Errorf("runpod_pod.%s.%s has no description", name, inner)
				}
			}
		}
	}
	for _, ds := range []datasource.DataSource{NewDataSource(), NewListDataSource()} {
		var md datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "runpod"}, &md)
		var resp datasource.SchemaResponse
		ds.Schema(ctx, datasource.SchemaRequest{}, &resp)
		if resp.Schema.MarkdownDescription == "" {
			t.Errorf("%s has no description", md.TypeName)
		}
		if diags := resp.Schema.ValidateImplementation(ctx); diags.HasError() {
			t.Errorf("%s schema: %v", md.TypeName, diags)
		}
		var walk func(prefix string, attrs map[string]dschema.Attribute)
		walk = func(prefix string, attrs map[string]dschema.Attribute) {
			for name, a := range attrs {
				if a.GetMarkdownDescription() == "" {
					t.Errorf("%s%s has no description", prefix, name)
				}
				switch n := a.(type) {
				case dschema.SingleNestedAttribute:
					walk(prefix+name+".", n.Attributes)
				case dschema.ListNestedAttribute:
					walk(prefix+name+".", n.NestedObject.Attributes)
				}
			}
		}
		walk(md.TypeName+".", resp.Schema.Attributes)
	}
}
