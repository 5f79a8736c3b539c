package registryauth

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// NewListResource returns the runpod_container_registry_auth list resource, for `terraform
// query`. RunPod never returns a credential's username or password: the generated
// configuration leaves them null, and the next apply records the values then configured.
func NewListResource() list.ListResource {
	return providerutil.List(providerutil.ListSpec[runpodapi.ContainerRegistryAuth, registryAuthFilters, registryAuthModel]{
		Suffix: "_container_registry_auth",
		Description: "The account's container registry credentials, optionally filtered by name, for `terraform query`: " +
			"each with its identity and, with `include_resource`, the `runpod_container_registry_auth` its import would read " +
			"(RunPod never returns the username or password).",
		Filters: map[string]listschema.Attribute{
			"name": tfresource.ListFilter("Only the credential with exactly this name."),
		},
		What: "container registry auths",
		Fetch: func(ctx context.Context, client runpodapi.API, f registryAuthFilters) ([]runpodapi.ContainerRegistryAuth, error) {
			all, err := client.ListContainerRegistryAuths(ctx)
			return slices.DeleteFunc(all, func(a runpodapi.ContainerRegistryAuth) bool { return !tfresource.Matches(f.Name, a.Name) }), err
		},
		Name: func(a runpodapi.ContainerRegistryAuth) (string, string) { return a.ID, a.Name },
		Fill: func(_ context.Context, a runpodapi.ContainerRegistryAuth, m *registryAuthModel) { *m = m.withAPI(&a) },
	})
}

type registryAuthFilters struct {
	Name types.String `tfsdk:"name"`
}
