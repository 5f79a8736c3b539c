package yottaapi

import (
	"context"
	"net/http"
	"net/url"
)

const registryAuthsPath = "/v2/container-registry-auths"

// CreateRegistryAuth stores a container registry credential (POST
// /v2/container-registry-auths). A lost answer is settled like CreatePod's: the credentials are
// listed and the one with the same name and type, created since the request was sent and not
// known to this client, is adopted.
func (c *Client) CreateRegistryAuth(ctx context.Context, in RegistryAuthCreateRequest) (*RegistryAuth, error) {
	call := createCall{op: "create container registry auth " + in.Name, kind: "container registry auth", noun: "credential",
		path: registryAuthsPath, body: in}
	return create(ctx, c, call, c.ListRegistryAuths,
		func(a *RegistryAuth) bool { return a.Name == in.Name && a.Type == in.Type })
}

// GetRegistryAuth reads a credential (GET /v2/container-registry-auths/{id}).
func (c *Client) GetRegistryAuth(ctx context.Context, id string) (*RegistryAuth, error) {
	return get[RegistryAuth](ctx, c, "read container registry auth "+id, registryAuthsPath+"/"+url.PathEscape(id), "credential")
}

// ListRegistryAuths lists the account's credentials.
func (c *Client) ListRegistryAuths(ctx context.Context) ([]RegistryAuth, error) {
	var out []RegistryAuth
	if err := c.t.do(ctx, request{op: "list container registry auths", method: http.MethodGet, path: registryAuthsPath}, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// UpdateRegistryAuth changes a credential's name, username or password (PATCH; only the set
// fields are sent). It returns the credential as Yotta answered, or as read back when the
// answer carries none.
func (c *Client) UpdateRegistryAuth(ctx context.Context, id string, in RegistryAuthUpdateRequest) (*RegistryAuth, error) {
	op := "update container registry auth " + id
	var a RegistryAuth
	if err := c.t.do(ctx, request{op: op, method: http.MethodPatch, path: registryAuthsPath + "/" + url.PathEscape(id), body: in}, &a); err != nil {
		return nil, err
	}
	if a.ID == "" {
		return c.GetRegistryAuth(ctx, id)
	}
	return &a, nil
}

// DeleteRegistryAuth deletes a credential. Yotta answers HTTP 409 while a pod or endpoint
// uses it (IsConflict).
func (c *Client) DeleteRegistryAuth(ctx context.Context, id string) error {
	return c.t.do(ctx, request{op: "delete container registry auth " + id, method: http.MethodDelete, path: registryAuthsPath + "/" + url.PathEscape(id)}, nil)
}

// ListGPUTypes lists the GPU types and their availability by region (GET /v2/vms/types).
func (c *Client) ListGPUTypes(ctx context.Context) ([]GPUType, error) {
	var out []GPUType
	if err := c.t.do(ctx, request{op: "list GPU types", method: http.MethodGet, path: "/v2/vms/types"}, &out); err != nil {
		return nil, err
	}
	return out, nil
}
