package acckit

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// errorRecorder is a testing.TB that records the errors reported instead of failing.
type errorRecorder struct {
	testing.TB
	errors []string
}

func (r *errorRecorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// resourceWithSchema and dataSourceWithSchema are a resource and a data source of the schema
// given, named "cloudy_thing"; the methods a schema check never calls are left out (nil).
type resourceWithSchema struct {
	resource.Resource
	schema rschema.Schema
}

func (r resourceWithSchema) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_thing"
}

func (r resourceWithSchema) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.schema
}

type dataSourceWithSchema struct {
	datasource.DataSource
	schema dschema.Schema
}

func (d dataSourceWithSchema) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_things"
}

func (d dataSourceWithSchema) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.schema
}

func TestCheckSchemasDescribedNamesEachAttributeWithoutADescription(t *testing.T) {
	resourceSchema := rschema.Schema{
		MarkdownDescription: "A thing.",
		Attributes: map[string]rschema.Attribute{
			"id":   rschema.StringAttribute{MarkdownDescription: "Its id.", Computed: true},
			"name": rschema.StringAttribute{Required: true},
			"ports": rschema.ListNestedAttribute{
				MarkdownDescription: "Its ports.",
				Optional:            true,
				NestedObject: rschema.NestedAttributeObject{Attributes: map[string]rschema.Attribute{
					"settings": rschema.SingleNestedAttribute{
						MarkdownDescription: "A port's settings.",
						Optional:            true,
						Attributes:          map[string]rschema.Attribute{"protocol": rschema.StringAttribute{Optional: true}},
					},
				}},
			},
		},
	}
	dataSourceSchema := dschema.Schema{
		Attributes: map[string]dschema.Attribute{
			"things": dschema.SetNestedAttribute{
				MarkdownDescription: "The things.",
				Computed:            true,
				NestedObject: dschema.NestedAttributeObject{Attributes: map[string]dschema.Attribute{
					"id": dschema.StringAttribute{Computed: true},
				}},
			},
		},
	}
	rec := &errorRecorder{TB: t}
	CheckSchemasDescribed(rec, "cloudy",
		[]func() resource.Resource{func() resource.Resource { return resourceWithSchema{schema: resourceSchema} }},
		[]func() datasource.DataSource{func() datasource.DataSource { return dataSourceWithSchema{schema: dataSourceSchema} }})
	slices.Sort(rec.errors)
	want := []string{
		"cloudy_thing.name has no description",
		"cloudy_thing.ports.settings.protocol has no description",
		"cloudy_things has no description",
		"cloudy_things.things.id has no description",
	}
	if !slices.Equal(rec.errors, want) {
		t.Errorf("got %q,\nwant %q", rec.errors, want)
	}

	rec = &errorRecorder{TB: t}
	broken := rschema.Schema{MarkdownDescription: "A thing.", Attributes: map[string]rschema.Attribute{
		"Bad-Name": rschema.StringAttribute{MarkdownDescription: "Not a valid attribute name.", Optional: true},
	}}
	CheckSchemasDescribed(rec, "cloudy", []func() resource.Resource{func() resource.Resource { return resourceWithSchema{schema: broken} }}, nil)
	if len(rec.errors) != 1 || !strings.HasPrefix(rec.errors[0], "cloudy_thing schema: ") {
		t.Errorf("a schema the framework refuses: got %q, want one error on cloudy_thing's schema", rec.errors)
	}
}
