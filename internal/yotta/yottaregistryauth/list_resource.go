package yottaregistryauth

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottautil"
)

// NewListResource returns the yotta_container_registry_auth list resource, for `terraform
// query`. Yotta never returns a credential's password: the generated configuration leaves it
// null, and the next apply records the value then configured.
func NewListResource() list.ListResource {
	return yottautil.List(yottautil.ListSpec[yottaapi.RegistryAuth, filters, model]{
		Suffix: "_container_registry_auth",
		Description: "The account's container registry credentials, optionally filtered by name, for `terraform query`: each " +
			"with its identity and, with `include_resource`, the `yotta_container_registry_auth` its import would read " +
			"(Yotta never returns the password).",
		Filters: map[string]listschema.Attribute{
			"name": tfresource.ListFilter("Only the credential with exactly this name."),
		},
		What: "container registry auths",
		Fetch: func(ctx context.Context, client *yottaapi.Client, f filters) ([]yottaapi.RegistryAuth, error) {
			all, err := client.ListRegistryAuths(ctx)
			return slices.DeleteFunc(all, func(a yottaapi.RegistryAuth) bool { return !tfresource.Matches(f.Name, a.Name) }), err
		},
		Name: func(a yottaapi.RegistryAuth) (string, string) { return string(a.ID), a.Name },
		Fill: func(_ context.Context, a yottaapi.RegistryAuth, m *model) { m.fromAPI(&a) },
	})
}

type filters struct {
	Name types.String `tfsdk:"name"`
}
