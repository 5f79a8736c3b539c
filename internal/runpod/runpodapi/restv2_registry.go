package runpodapi

import (
	"context"
)

// CreateContainerRegistryAuth is POST /v2/registries.
func (c *restV2) CreateContainerRegistryAuth(ctx context.Context, in ContainerRegistryAuthCreateInput) (*ContainerRegistryAuth, error) {
	const op = "create container registry auth"
	return createOnce(ctx, c.t, op, registryAuthLookup(c.ListContainerRegistryAuths, in), func(ctx context.Context) (*ContainerRegistryAuth, error) {
		var r v2Registry
		if err := c.create(ctx, op, c.url("/v2/registries", nil), v2CreateRegistry(in), &r); err != nil {
			return nil, err
		}
		if r.ID == "" {
			return nil, &OutcomeUnknownError{Operation: op, Err: errNoBody}
		}
		return &ContainerRegistryAuth{ID: r.ID, Name: r.Name}, nil
	})
}

// GetContainerRegistryAuth is GET /v2/registries/{id}.
func (c *restV2) GetContainerRegistryAuth(ctx context.Context, id string) (*ContainerRegistryAuth, error) {
	var r v2Registry
	if err := c.get(ctx, "read container registry auth "+id, c.url("/v2/registries/%s", nil, id), &r); err != nil {
		return nil, err
	}
	return &ContainerRegistryAuth{ID: r.ID, Name: r.Name}, nil
}

// ListContainerRegistryAuths is GET /v2/registries.
func (c *restV2) ListContainerRegistryAuths(ctx context.Context) ([]ContainerRegistryAuth, error) {
	var list v2ListRegistries
	if err := c.get(ctx, "list container registry auths", c.url("/v2/registries", nil), &list); err != nil {
		return nil, err
	}
	out := make([]ContainerRegistryAuth, len(list.Registries))
	for i, r := range list.Registries {
		out[i] = ContainerRegistryAuth(r)
	}
	return out, nil
}

// DeleteContainerRegistryAuth is DELETE /v2/registries/{id}; 404 means already gone.
func (c *restV2) DeleteContainerRegistryAuth(ctx context.Context, id string) error {
	return c.remove(ctx, "delete container registry auth "+id, c.url("/v2/registries/%s", nil, id))
}
