package acckit

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// CheckSchemasDescribed fails t for each resource and data source (by constructor, of the
// provider named providerTypeName) whose schema does not pass the framework's own checks, or
// that lacks a MarkdownDescription, itself or on any attribute, nested ones too: the
// documentation is generated from them.
func CheckSchemasDescribed(t testing.TB, providerTypeName string, resources []func() resource.Resource, dataSources []func() datasource.DataSource) {
	t.Helper()
	ctx := context.Background()
	for _, newResource := range resources {
		r := newResource()
		var md resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: providerTypeName}, &md)
		var resp resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &resp)
		checkSchema(t, md.TypeName, resp.Schema.MarkdownDescription, resp.Schema.ValidateImplementation(ctx),
			resp.Schema.Attributes, nestedAttributes[rschema.Attribute])
	}
	for _, newDataSource := range dataSources {
		d := newDataSource()
		var md datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: providerTypeName}, &md)
		var resp datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &resp)
		checkSchema(t, md.TypeName, resp.Schema.MarkdownDescription, resp.Schema.ValidateImplementation(ctx),
			resp.Schema.Attributes, nestedAttributes[dschema.Attribute])
	}
}

// checkSchema fails t when the schema of typeName has no description, its attributes (attrs,
// and those nested in them: nested) lack one, or the framework's checks report errors (diags).
func checkSchema[A describedAttribute](t testing.TB, typeName, description string, diags diag.Diagnostics, attrs map[string]A, nested func(A) map[string]A) {
	t.Helper()
	if description == "" {
		t.Errorf("%s has no description", typeName)
	}
	if diags.HasError() {
		t.Errorf("%s schema: %v", typeName, diags)
	}
	checkDescribed(t, typeName+".", attrs, nested)
}

// describedAttribute is an attribute of a resource's or a data source's schema.
type describedAttribute interface{ GetMarkdownDescription() string }

// checkDescribed fails t for each attribute of attrs, and of those nested in them (nested),
// without a description; prefix names where attrs are ("runpod_pod.").
func checkDescribed[A describedAttribute](t testing.TB, prefix string, attrs map[string]A, nested func(A) map[string]A) {
	t.Helper()
	for name, a := range attrs {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("%s%s has no description", prefix, name)
		}
		checkDescribed(t, prefix+name+".", nested(a), nested)
	}
}

// nestedAttributes returns the attributes nested in a, a resource's or a data source's schema
// attribute: a single nested attribute's Attributes, the NestedObject's of a list, set or map
// of them; nil for any other attribute. It reads the fields by name, so that one function
// serves both kinds of schema and every kind of nesting.
func nestedAttributes[A any](a A) map[string]A {
	v := reflect.ValueOf(a)
	if v.Kind() != reflect.Struct {
		return nil
	}
	if object := v.FieldByName("NestedObject"); object.IsValid() {
		v = object
	}
	if attrs := v.FieldByName("Attributes"); attrs.IsValid() {
		nested, _ := attrs.Interface().(map[string]A)
		return nested
	}
	return nil
}
