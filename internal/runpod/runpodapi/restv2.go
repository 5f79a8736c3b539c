package runpodapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// restV2 implements API with RunPod's REST v2 (Config.APIURL, paths /v2/...) and, for spot
// pods only (v2 has none), GraphQL. The restv2*.go files say which calls each method makes,
// in which order and with which retry mode: restv2_pod.go, restv2_endpoint.go,
// restv2_template.go, restv2_volume.go, restv2_registry.go and restv2_catalog.go one domain
// each, restv2_placement.go how a pod create picks and orders its candidates, restv2_spot.go
// the spot pods. The wire shapes and their mapping are in the wirev2*.go files.
type restV2 struct {
	t       *transport
	baseURL string
	gql     *graphQL

	// The GPU catalog's type -> serverless pool index, read for endpoints (which name pools)
	// and kept a while: pools change rarely, and every endpoint read needs it.
	poolsMu   sync.Mutex
	pools     *gpuPools
	poolsRead time.Time

	// The data center catalog, kept a short while: one plan validates every network volume's
	// data center against it, and the runpod_data_centers data source reads the same.
	dataCentersMu   sync.Mutex
	dataCenters     []DataCenter
	dataCentersRead time.Time

	// The CPU flavor catalog, kept as long as the data centers: one plan checks every pod's
	// cpu_flavor_ids against it.
	cpuFlavorsMu   sync.Mutex
	cpuFlavors     []CPUFlavor
	cpuFlavorsRead time.Time
}

// poolsTTL is how long the pool index is reused.
const poolsTTL = 10 * time.Minute

// dataCentersTTL is how long the data center catalog is reused. Its ids and volume tiers
// change rarely; its GPU stock changes, so the reuse is kept to about one Terraform command.
const dataCentersTTL = time.Minute

func newRESTv2(cfg Config) (*restV2, error) {
	base, err := checkURL("API", cfg.APIURL)
	if err != nil {
		return nil, err
	}
	// The base is the origin (paths carry /v2); RunPod's docs also write it with /v2.
	base = strings.TrimSuffix(base, "/v2")
	if _, err := checkURL("GraphQL", cfg.GraphQLURL); err != nil {
		return nil, err
	}
	t := newTransport(cfg)
	return &restV2{t: t, baseURL: base, gql: &graphQL{t: t, url: cfg.GraphQLURL}}, nil
}

func (c *restV2) Backend() Backend { return BackendV2 }

func (c *restV2) url(path string, query url.Values, segments ...string) string {
	escaped := make([]any, len(segments))
	for i, s := range segments {
		escaped[i] = url.PathEscape(s)
	}
	u := c.baseURL + fmt.Sprintf(path, escaped...)
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	return u
}

// Calls by kind: reads and DELETE may be repeated; a create, a PATCH or an action is resent
// only when RunPod provably did not act on it (transport.retryUnsent), and otherwise looked up
// (create.go) or read back (readback.go).

func (c *restV2) get(ctx context.Context, op, u string, out any) error {
	return c.t.do(ctx, request{op: op, method: http.MethodGet, url: u, retry: retryIdempotent}, out)
}

func (c *restV2) create(ctx context.Context, op, u string, in, out any) error {
	return c.t.do(ctx, request{op: op, method: http.MethodPost, url: u, body: in, retry: retryUnsent}, out)
}

func (c *restV2) patch(ctx context.Context, op, u string, in, out any) error {
	return c.t.do(ctx, request{op: op, method: http.MethodPatch, url: u, body: in, retry: retryUnsent}, out)
}

// remove deletes; an object already gone counts as deleted.
func (c *restV2) remove(ctx context.Context, op, u string) error {
	err := c.t.do(ctx, request{op: op, method: http.MethodDelete, url: u, retry: retryIdempotent}, nil)
	if IsNotFound(err) {
		return nil
	}
	return err
}

// opErr names the operation in an error from the mapping layer.
func opErr(op string, err error) error {
	var unsupported *UnsupportedError
	if errors.As(err, &unsupported) {
		unsupported.Operation, unsupported.Backend = op, BackendV2
		return unsupported
	}
	return fmt.Errorf("%s: %w", op, err)
}

// isEmptyJSON reports whether body marshals to {} (a PATCH that changes nothing).
func isEmptyJSON(body any) bool {
	b, err := json.Marshal(body)
	return err == nil && bytes.Equal(b, []byte("{}"))
}
