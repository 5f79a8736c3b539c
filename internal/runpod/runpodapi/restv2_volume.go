package runpodapi

import (
	"context"
)

// CreateNetworkVolume is POST /v2/network-volumes.
func (c *restV2) CreateNetworkVolume(ctx context.Context, in NetworkVolumeCreateInput) (*NetworkVolume, error) {
	const op = "create network volume"
	body := v2CreateNetworkVolume{Name: in.Name, Size: in.Size, DataCenter: in.DataCenterID, Type: setString(in.Type)}
	return createOnce(ctx, c.t, op, volumeLookup(c.ListNetworkVolumes, in), func(ctx context.Context) (*NetworkVolume, error) {
		var v v2NetworkVolume
		if err := c.create(ctx, op, c.url("/v2/network-volumes", nil), body, &v); err != nil {
			return nil, err
		}
		if v.ID == "" {
			return nil, &OutcomeUnknownError{Operation: op, Err: errNoBody}
		}
		nv := volumeDomain(v)
		return &nv, nil
	})
}

// GetNetworkVolume is GET /v2/network-volumes/{id}.
func (c *restV2) GetNetworkVolume(ctx context.Context, id string) (*NetworkVolume, error) {
	var v v2NetworkVolume
	if err := c.get(ctx, "read network volume "+id, c.url("/v2/network-volumes/%s", nil, id), &v); err != nil {
		return nil, err
	}
	nv := volumeDomain(v)
	return &nv, nil
}

// ListNetworkVolumes is GET /v2/network-volumes.
func (c *restV2) ListNetworkVolumes(ctx context.Context) ([]NetworkVolume, error) {
	var list v2ListNetworkVolumes
	if err := c.get(ctx, "list network volumes", c.url("/v2/network-volumes", nil), &list); err != nil {
		return nil, err
	}
	out := make([]NetworkVolume, len(list.NetworkVolumes))
	for i, v := range list.NetworkVolumes {
		out[i] = volumeDomain(v)
	}
	return out, nil
}

// UpdateNetworkVolume is PATCH /v2/network-volumes/{id} (v2 refuses an empty body, so an
// update that changes nothing is a read).
func (c *restV2) UpdateNetworkVolume(ctx context.Context, id string, in NetworkVolumeUpdateInput) (*NetworkVolume, error) {
	if in.Name == nil && in.Size == nil {
		return c.GetNetworkVolume(ctx, id)
	}
	op := "update network volume " + id
	body := v2UpdateNetworkVolume(in)
	rb := readBackByID("network volume", id, c.GetNetworkVolume, func(v NetworkVolume) verdict { return volumeUpdateApplied(in, v) }, true)
	return changeOnce(ctx, op, rb, func(ctx context.Context) (*NetworkVolume, error) {
		var v v2NetworkVolume
		if err := c.patch(ctx, op, c.url("/v2/network-volumes/%s", nil, id), body, &v); err != nil {
			return nil, err
		}
		nv := volumeDomain(v)
		return &nv, nil
	})
}

// DeleteNetworkVolume is DELETE /v2/network-volumes/{id}; 404 means already gone.
func (c *restV2) DeleteNetworkVolume(ctx context.Context, id string) error {
	return c.remove(ctx, "delete network volume "+id, c.url("/v2/network-volumes/%s", nil, id))
}
