package tfresource

import (
	"context"
	"errors"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfdiag"
)

type listedThing struct{ id, name string }

type thingModel struct {
	ID   types.String `tfsdk:"id"`
	Name types.String `tfsdk:"name"`
}

type thingFilters struct {
	Name types.String `tfsdk:"name"`
}

// listRequest is what the framework hands a list resource: its config (filters), the limit, and
// the resource and identity schemas results are made of.
func listRequest(ctx context.Context, t *testing.T, nameFilter *string, limit int64, include bool) list.ListRequest {
	t.Helper()
	var identity resource.IdentitySchemaResponse
	IdentityByID{}.IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &identity)
	res := schema.Schema{Attributes: map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true}, "name": schema.StringAttribute{Required: true},
	}}
	cfgSchema := listschema.Schema{Attributes: map[string]listschema.Attribute{"name": ListFilter("name")}}
	var name tftypes.Value = tftypes.NewValue(tftypes.String, nil)
	if nameFilter != nil {
		name = tftypes.NewValue(tftypes.String, *nameFilter)
	}
	cfg := tfsdk.Config{Schema: cfgSchema, Raw: tftypes.NewValue(cfgSchema.Type().TerraformType(ctx), map[string]tftypes.Value{"name": name})}
	return list.ListRequest{Config: cfg, Limit: limit, IncludeResource: include, ResourceSchema: res, ResourceIdentitySchema: identity.IdentitySchema}
}

func thingList(things []listedThing, err error) *List[client, listedThing, thingFilters, thingModel] {
	return NewList(tfdiag.API{Name: "Cloud"}, ListSpec[client, listedThing, thingFilters, thingModel]{
		Suffix: "_thing", What: "things",
		Fetch: func(_ context.Context, _ client, f thingFilters) ([]listedThing, error) {
			var out []listedThing
			for _, th := range things {
				if Matches(f.Name, th.name) {
					out = append(out, th)
				}
			}
			return out, err
		},
		Name: func(th listedThing) (string, string) { return th.id, th.name },
		Fill: func(_ context.Context, th listedThing, m *thingModel) { m.Name = types.StringValue(th.name) },
	})
}

func TestListReturnsIdentityDisplayNameAndResourceWithinTheLimit(t *testing.T) {
	ctx := context.Background()
	things := []listedThing{{"t1", "alpha"}, {"t2", "beta"}, {"t3", ""}}
	var stream list.ListResultsStream
	thingList(things, nil).List(ctx, listRequest(ctx, t, nil, 2, true), &stream)
	var names, ids, resourceNames []string
	for r := range stream.Results {
		if r.Diagnostics.HasError() {
			t.Fatal(r.Diagnostics)
		}
		var id, name types.String
		r.Identity.GetAttribute(ctx, pathID, &id)
		r.Resource.GetAttribute(ctx, pathName, &name)
		names, ids, resourceNames = append(names, r.DisplayName), append(ids, id.ValueString()), append(resourceNames, name.ValueString())
	}
	if got := []string{"alpha (t1)", "beta (t2)"}; len(names) != 2 || names[0] != got[0] || names[1] != got[1] {
		t.Errorf("display names %q, want %q (the limit of 2 honoured)", names, got)
	}
	if len(ids) != 2 || ids[0] != "t1" || resourceNames[1] != "beta" {
		t.Errorf("identities %q, resources %q", ids, resourceNames)
	}

	filter := "beta"
	thingList(things, nil).List(ctx, listRequest(ctx, t, &filter, 0, false), &stream)
	n := 0
	for r := range stream.Results {
		n++
		if !r.Resource.Raw.IsNull() {
			t.Errorf("without include_resource the result carries a resource: %v", r.Resource.Raw)
		}
	}
	if n != 1 {
		t.Errorf("the name filter kept %d things, want 1", n)
	}
}

func TestListReportsTheAPIsError(t *testing.T) {
	ctx := context.Background()
	var stream list.ListResultsStream
	thingList(nil, errors.New("quota exceeded")).List(ctx, listRequest(ctx, t, nil, 0, true), &stream)
	for r := range stream.Results {
		if !r.Diagnostics.HasError() || r.Diagnostics[0].Summary() != "Failed to list the account's things" {
			t.Errorf("diagnostics %v, want the failed list", r.Diagnostics)
		}
	}
}

var (
	pathID   = path.Root("id")
	pathName = path.Root("name")
)
