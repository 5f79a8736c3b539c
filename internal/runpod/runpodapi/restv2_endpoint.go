package runpodapi

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// gpuPoolIndex returns the GPU type -> serverless pool index: GET /v2/catalog/gpus, at most
// once per poolsTTL.
func (c *restV2) gpuPoolIndex(ctx context.Context, op string) (*gpuPools, error) {
	c.poolsMu.Lock()
	defer c.poolsMu.Unlock()
	if c.pools != nil && c.t.now().Sub(c.poolsRead) < poolsTTL {
		return c.pools, nil
	}
	var list v2ListGPUTypes
	if err := c.get(ctx, op+": read the GPU pools", c.url("/v2/catalog/gpus", nil), &list); err != nil {
		return nil, err
	}
	c.pools, c.poolsRead = newGPUPools(list.GPUs), c.t.now()
	return c.pools, nil
}

// CreateEndpoint is GET /v2/catalog/gpus (GPU endpoints, for the pools of the types; cached),
// POST /v2/serverless, then GET /v2/serverless/{id}/workers for the version and worker count.
func (c *restV2) CreateEndpoint(ctx context.Context, in EndpointCreateInput) (*Endpoint, error) {
	const op = "create endpoint"
	var pools *gpuPools
	var poolsErr error // an API error, returned as it is
	body, err := endpointCreateBody(in, func() (*gpuPools, error) {
		pools, poolsErr = c.gpuPoolIndex(ctx, op)
		return pools, poolsErr
	})
	if poolsErr != nil {
		return nil, poolsErr
	}
	if err != nil {
		return nil, opErr(op, err)
	}
	answered := false
	ep, err := createOnce(ctx, c.t, op, endpointLookup(c.ListEndpoints, in), func(ctx context.Context) (*Endpoint, error) {
		var created v2Endpoint
		if err := c.create(ctx, op, c.url("/v2/serverless", nil), body, &created); err != nil {
			return nil, err
		}
		if created.ID == "" {
			return nil, &OutcomeUnknownError{Operation: op, Err: errNoBody}
		}
		answered = true
		return c.completeEndpoint(ctx, op, created, pools, false)
	})
	if err != nil || answered {
		return ep, err
	}
	// Adopted from the list, which reads no version or worker count: read it whole.
	if full, err := c.GetEndpoint(context.WithoutCancel(ctx), ep.ID); err == nil {
		return full, nil
	}
	return ep, nil
}

// completeEndpoint maps e, reading the pool index (GPU endpoints) and the workers (version,
// worker count). When strict is false (after a create or update, which succeeded), a failed
// workers read leaves the version and count zero rather than fail the change.
func (c *restV2) completeEndpoint(ctx context.Context, op string, e v2Endpoint, pools *gpuPools, strict bool) (*Endpoint, error) {
	if e.GPU != nil && pools == nil {
		var err error
		if pools, err = c.gpuPoolIndex(ctx, op); err != nil {
			return nil, err
		}
	}
	ep := endpointDomain(e, pools)
	workers, err := c.GetEndpointWorkers(ctx, e.ID)
	if err != nil {
		if strict {
			return nil, err
		}
		tflog.Warn(ctx, "could not read the endpoint's workers: its version and worker count are left unread", map[string]any{"error": err.Error()})
		ep.WorkersUnread = true
		return &ep, nil
	}
	ep.Version, ep.WorkerCount = workers.Version, workers.Count
	return &ep, nil
}

// GetEndpointWorkers is GET /v2/serverless/{id}/workers.
func (c *restV2) GetEndpointWorkers(ctx context.Context, id string) (*EndpointWorkers, error) {
	var workers v2EndpointWorkers
	if err := c.get(ctx, "read the workers of endpoint "+id, c.url("/v2/serverless/%s/workers", nil, id), &workers); err != nil {
		return nil, err
	}
	return &EndpointWorkers{Version: deref(workers.EndpointVersion), Count: workers.Summary.Total}, nil
}

// GetEndpoint is GET /v2/serverless/{id} and GET /v2/serverless/{id}/workers (+ the cached
// pool index for a GPU endpoint).
func (c *restV2) GetEndpoint(ctx context.Context, id string) (*Endpoint, error) {
	op := "read endpoint " + id
	var e v2Endpoint
	if err := c.get(ctx, op, c.url("/v2/serverless/%s", nil, id), &e); err != nil {
		return nil, err
	}
	return c.completeEndpoint(ctx, op, e, nil, true)
}

// ListEndpoints is GET /v2/serverless (+ the cached pool index when one is a GPU endpoint).
// Version and WorkerCount are not read (one more call per endpoint): WorkersUnread.
func (c *restV2) ListEndpoints(ctx context.Context) ([]Endpoint, error) {
	const op = "list endpoints"
	var list v2ListEndpoints
	if err := c.get(ctx, op, c.url("/v2/serverless", nil), &list); err != nil {
		return nil, err
	}
	var pools *gpuPools
	if slices.ContainsFunc(list.Endpoints, func(e v2Endpoint) bool { return e.GPU != nil }) {
		var err error
		if pools, err = c.gpuPoolIndex(ctx, op); err != nil {
			return nil, err
		}
	}
	out := make([]Endpoint, len(list.Endpoints))
	for i, e := range list.Endpoints {
		out[i] = endpointDomain(e, pools)
		out[i].WorkersUnread = true
	}
	return out, nil
}

// UpdateEndpoint is PATCH /v2/serverless/{id}, preceded by GET /v2/serverless/{id} when the
// change must be completed from the endpoint (see endpointNeedsCurrent) and by the cached pool
// index when GPU types change, and followed by GET …/workers.
func (c *restV2) UpdateEndpoint(ctx context.Context, id string, in EndpointUpdateInput) (*Endpoint, error) {
	op := "update endpoint " + id
	var current *v2Endpoint
	if endpointNeedsCurrent(in) {
		current = &v2Endpoint{}
		if err := c.get(ctx, "read endpoint "+id, c.url("/v2/serverless/%s", nil, id), current); err != nil {
			return nil, err
		}
	}
	var pools *gpuPools
	if in.GPUTypeIDs != nil {
		var err error
		if pools, err = c.gpuPoolIndex(ctx, op); err != nil {
			return nil, err
		}
	}
	body, err := endpointUpdateBody(in, current, pools)
	if err != nil {
		return nil, opErr(op, err)
	}
	if isEmptyJSON(body) {
		return c.GetEndpoint(ctx, id)
	}
	rb := readBackByID("endpoint", id, c.GetEndpoint, func(e Endpoint) verdict { return endpointUpdateApplied(in, e) }, !in.TriggersRollingRelease())
	return changeOnce(ctx, op, rb, func(ctx context.Context) (*Endpoint, error) {
		var out v2Endpoint
		if err := c.patch(ctx, op, c.url("/v2/serverless/%s", nil, id), body, &out); err != nil {
			return nil, err
		}
		return c.completeEndpoint(ctx, op, out, pools, false)
	})
}

// DeleteEndpoint is DELETE /v2/serverless/{id} (v2 terminates the workers itself); 404 means
// already gone.
func (c *restV2) DeleteEndpoint(ctx context.Context, id string) error {
	return c.remove(ctx, "delete endpoint "+id, c.url("/v2/serverless/%s", nil, id))
}

// GetEndpointRollout is GET /v2/serverless/{id}/releases.
func (c *restV2) GetEndpointRollout(ctx context.Context, id string) (*EndpointRollout, error) {
	var r v2EndpointReleases
	if err := c.get(ctx, "read the releases of endpoint "+id, c.url("/v2/serverless/%s/releases", nil, id), &r); err != nil {
		return nil, err
	}
	return &EndpointRollout{
		Version: deref(r.EndpointVersion), InProgress: r.Rollout.InProgress,
		WorkersOnLatest: r.Rollout.WorkersOnLatest, WorkersTotal: r.Rollout.WorkersTotal,
	}, nil
}
