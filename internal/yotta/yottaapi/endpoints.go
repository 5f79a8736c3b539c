package yottaapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

const endpointsPath = "/v2/serverless"

// EndpointStatus is a serverless endpoint's status: INITIALIZING, RUNNING, STOPPING, STOPPED,
// FAILED (YottaML's enum, v1 integers 0 to 4), or TERMINATED (the docs).
type EndpointStatus string

// Endpoint statuses.
const (
	EndpointInitializing EndpointStatus = "INITIALIZING"
	EndpointRunning      EndpointStatus = "RUNNING"
	EndpointStopping     EndpointStatus = "STOPPING"
	EndpointStopped      EndpointStatus = "STOPPED"
	EndpointFailed       EndpointStatus = "FAILED"
	EndpointTerminated   EndpointStatus = "TERMINATED"
)

// EndpointStatuses lists the statuses in v1's integer order.
var EndpointStatuses = []EndpointStatus{EndpointInitializing, EndpointRunning, EndpointStopping, EndpointStopped, EndpointFailed, EndpointTerminated}

// UnmarshalJSON accepts a name in any case ("INITIALIZE" is read as INITIALIZING) or a v1
// integer code.
func (s *EndpointStatus) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		*s = ""
		return nil
	}
	raw := string(b)
	if b[0] == '"' {
		if err := json.Unmarshal(b, &raw); err != nil {
			return err
		}
	}
	raw = strings.ToUpper(strings.TrimSpace(raw))
	if n, err := strconv.Atoi(raw); err == nil && n >= 0 && n < len(EndpointStatuses) {
		*s = EndpointStatuses[n]
		return nil
	}
	if raw == "INITIALIZE" {
		raw = string(EndpointInitializing)
	}
	*s = EndpointStatus(raw)
	return nil
}

// Service modes of an endpoint: ALB (an HTTP load balancer in front of the workers), QUEUE (an
// asynchronous task queue) and CUSTOM (workers with no interface from Yotta).
var ServiceModes = []string{"ALB", "QUEUE", "CUSTOM"}

// EndpointResource is one place an endpoint's workers may run: a region, a GPU type and the
// GPUs per worker. Several are tried in order, for failover.
type EndpointResource struct {
	Region   string `json:"region"`
	GPUType  string `json:"gpuType"`
	GPUCount int    `json:"gpuCount"`
}

// Endpoint is a serverless endpoint as GET /v2/serverless/{id} reports it. The docs list id,
// name, image, status, totalWorkers, runningWorkers, cost, serviceMode and webhook; the rest
// is what Yotta's MCP client models. Settings Yotta may leave out are pointers or nil slices.
type Endpoint struct {
	ID                    ID                 `json:"id"`
	Name                  string             `json:"name"`
	Image                 string             `json:"image"`
	ImageRegistry         *string            `json:"imageRegistry,omitempty"`
	Status                EndpointStatus     `json:"status"`
	TotalWorkers          Int                `json:"totalWorkers"`
	RunningWorkers        Int                `json:"runningWorkers"`
	Cost                  Number             `json:"cost"`
	ServiceMode           string             `json:"serviceMode"`
	Webhook               *string            `json:"webhook"`
	Resources             []EndpointResource `json:"resources"`
	ContainerVolumeInGB   *Int               `json:"containerVolumeInGb,omitempty"`
	EnvironmentVars       []EnvVar           `json:"environmentVars"`
	Expose                *Port              `json:"expose"`
	InitializationCommand *string            `json:"initializationCommand,omitempty"`
	PerHourPrice          Number             `json:"perHourPrice"`
	PerSecondPrice        Number             `json:"perSecondPrice"`
	Domain                string             `json:"domain,omitempty"`
	CreatedAt             Time               `json:"createdAt"`
	UpdatedAt             Time               `json:"updatedAt"`
	// FailedReason is why a FAILED endpoint failed, read like Pod.FailedReason (undocumented).
	FailedReason string `json:"failedReason,omitempty"`
}

// UnmarshalJSON decodes an endpoint, reading the failure reason under the names Pod reads it
// and envVars where environmentVars is absent (some of Yotta's examples write it so).
func (e *Endpoint) UnmarshalJSON(b []byte) error {
	type plain Endpoint
	var aux struct {
		plain
		EnvVars       []EnvVar `json:"envVars"`
		FailReason    string   `json:"failReason"`
		StatusMessage string   `json:"statusMessage"`
		ErrorMessage  string   `json:"errorMessage"`
		Reason        string   `json:"reason"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*e = Endpoint(aux.plain)
	if e.EnvironmentVars == nil {
		e.EnvironmentVars = aux.EnvVars
	}
	for _, r := range []string{aux.FailReason, aux.StatusMessage, aux.ErrorMessage, aux.Reason} {
		if e.FailedReason == "" {
			e.FailedReason = r
		}
	}
	return nil
}

// EndpointSettings are the settings an endpoint's create and update both take.
type EndpointSettings struct {
	Name                  string             `json:"name"`
	Resources             []EndpointResource `json:"resources"`
	Workers               int                `json:"workers"`
	ContainerVolumeInGB   int                `json:"containerVolumeInGb"`
	MinSingleCardVRAMInGB *int               `json:"minSingleCardVramInGb,omitempty"`
	MinSingleCardRAMInGB  *int               `json:"minSingleCardRamInGb,omitempty"`
	MinSingleCardVCPU     *int               `json:"minSingleCardVcpu,omitempty"`
	InitializationCommand string             `json:"initializationCommand,omitempty"`
	EnvironmentVars       []EnvVar           `json:"environmentVars,omitempty"`
	Expose                *Port              `json:"expose,omitempty"`
	Webhook               string             `json:"webhook,omitempty"`
}

// EndpointCreateRequest is the body of POST /v2/serverless (CreateEndpointRequest).
type EndpointCreateRequest struct {
	EndpointSettings
	Image                   string `json:"image"`
	ImageRegistry           string `json:"imageRegistry,omitempty"`
	ContainerRegistryAuthID ID     `json:"-"`
	ServiceMode             string `json:"serviceMode"`
}

// MarshalJSON adds containerRegistryAuthId as an int64 when set.
func (r EndpointCreateRequest) MarshalJSON() ([]byte, error) {
	type plain EndpointCreateRequest
	return withNumber(plain(r), "containerRegistryAuthId", r.ContainerRegistryAuthID)
}

// EndpointUpdateRequest is the body of PATCH /v2/serverless/{id} (UpdateEndpointRequest):
// name, resources, workers and containerVolumeInGb are required, so every setting is sent; the
// credential is credentialId here.
type EndpointUpdateRequest struct {
	EndpointSettings
	CredentialID ID `json:"-"`
}

// MarshalJSON adds credentialId as an int64 when set.
func (r EndpointUpdateRequest) MarshalJSON() ([]byte, error) {
	return withNumber(r.EndpointSettings, "credentialId", r.CredentialID)
}

// withNumber encodes v and adds field as the JSON number id, when id is set.
func withNumber(v any, field string, id ID) ([]byte, error) {
	body, err := json.Marshal(v)
	if err != nil || id == "" {
		return body, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, err
	}
	m[field] = json.RawMessage(id)
	return json.Marshal(m)
}

// Worker is one worker of an endpoint (GET /v2/serverless/{id}/workers).
type Worker struct {
	ID        ID     `json:"id"`
	WorkerID  ID     `json:"workerId"`
	Region    string `json:"region"`
	GPUType   string `json:"gpuType"`
	GPUCount  int    `json:"gpuCount"`
	Status    string `json:"status"`
	CreatedAt Time   `json:"createdAt"`
}

// CreateEndpoint creates a serverless endpoint (POST /v2/serverless). A lost answer is settled
// like CreatePod's: the endpoints are listed and the one with the request's name and image,
// created since the request was sent and not known to this client, is adopted.
func (c *Client) CreateEndpoint(ctx context.Context, in EndpointCreateRequest) (*Endpoint, error) {
	call := createCall{op: "create serverless endpoint " + in.Name, kind: "serverless endpoint", noun: "endpoint", path: endpointsPath, body: in}
	return create(ctx, c, call,
		func(ctx context.Context) ([]Endpoint, error) { return c.ListEndpoints(ctx, nil) },
		func(e *Endpoint) bool {
			return e.Name == in.Name && SameImage(e.Image, in.Image) && e.Status != EndpointTerminated
		})
}

// GetEndpoint reads an endpoint. An unknown id is an error for which IsNotFound is true.
func (c *Client) GetEndpoint(ctx context.Context, id string) (*Endpoint, error) {
	return get[Endpoint](ctx, c, "read serverless endpoint "+id, endpointsPath+"/"+url.PathEscape(id), "endpoint")
}

// ListEndpoints lists the account's endpoints, of the statuses given (all when none).
func (c *Client) ListEndpoints(ctx context.Context, statuses []EndpointStatus) ([]Endpoint, error) {
	q := url.Values{}
	if len(statuses) > 0 {
		names := make([]string, len(statuses))
		for i, s := range statuses {
			names[i] = string(s)
		}
		q.Set("statusList", strings.Join(names, ","))
	}
	var out []Endpoint
	if err := c.t.do(ctx, request{op: "list serverless endpoints", method: http.MethodGet, path: endpointsPath, query: q}, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// ListWorkers lists an endpoint's workers.
func (c *Client) ListWorkers(ctx context.Context, id string) ([]Worker, error) {
	var out []Worker
	if err := c.t.do(ctx, request{op: "list workers of serverless endpoint " + id, method: http.MethodGet,
		path: endpointsPath + "/" + url.PathEscape(id) + "/workers"}, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// UpdateEndpoint changes an endpoint's settings (PATCH /v2/serverless/{id}); sending the same
// settings twice is harmless. It returns the endpoint as Yotta answered, or as read back when
// the answer carries none.
func (c *Client) UpdateEndpoint(ctx context.Context, id string, in EndpointUpdateRequest) (*Endpoint, error) {
	var e Endpoint
	if err := c.t.do(ctx, request{op: "update serverless endpoint " + id, method: http.MethodPatch,
		path: endpointsPath + "/" + url.PathEscape(id), body: in}, &e); err != nil {
		return nil, err
	}
	if e.ID == "" {
		return c.GetEndpoint(ctx, id)
	}
	return &e, nil
}

// DeleteEndpoint deletes an endpoint: its workers stop and billing ends.
func (c *Client) DeleteEndpoint(ctx context.Context, id string) error {
	return c.t.do(ctx, request{op: "delete serverless endpoint " + id, method: http.MethodDelete, path: endpointsPath + "/" + url.PathEscape(id)}, nil)
}

// StopEndpoint stops an endpoint (POST /v2/serverless/{id}/stop): RUNNING → STOPPING → STOPPED.
// One already stopping or stopped is not an error.
func (c *Client) StopEndpoint(ctx context.Context, id string) error {
	return c.endpointAction(ctx, id, "stop", []EndpointStatus{EndpointRunning, EndpointInitializing, EndpointFailed}, EndpointStopping, EndpointStopped)
}

// StartEndpoint starts a stopped endpoint (POST /v2/serverless/{id}/start): STOPPED →
// INITIALIZING → RUNNING. One already starting or running is not an error.
func (c *Client) StartEndpoint(ctx context.Context, id string) error {
	return c.endpointAction(ctx, id, "start", []EndpointStatus{EndpointStopped}, EndpointInitializing, EndpointRunning)
}

// endpointAction sends an endpoint action, settled like podAction by reading the endpoint back.
func (c *Client) endpointAction(ctx context.Context, id, action string, from []EndpointStatus, done ...EndpointStatus) error {
	return settledAction(ctx, c, action+" serverless endpoint "+id, endpointsPath+"/"+url.PathEscape(id)+"/"+action, "endpoint",
		func(ctx context.Context) (EndpointStatus, error) {
			e, err := c.GetEndpoint(ctx, id)
			if err != nil {
				return "", err
			}
			return e.Status, nil
		}, from, done)
}

// ScaleWorkers sets how many workers an endpoint runs. Yotta's docs guide, its SDK and its MCP
// client send PUT /v2/serverless/{id}/workers?count=N; its OpenAPI file writes
// PUT /v2/serverless/{id}/workers/{count}. The client sends the first, and when Yotta answers
// that it has no such route (HTTP 404 or 405 without a business code of its own), the second,
// and keeps to the form that worked. Setting a count twice is harmless, so it is retried as a
// PATCH is.
func (c *Client) ScaleWorkers(ctx context.Context, id string, count int) error {
	op := fmt.Sprintf("scale serverless endpoint %s to %d workers", id, count)
	base := endpointsPath + "/" + url.PathEscape(id) + "/workers"
	query := request{op: op, method: http.MethodPut, path: base, query: url.Values{"count": {strconv.Itoa(count)}}}
	inPath := request{op: op, method: http.MethodPut, path: base + "/" + strconv.Itoa(count)}
	first, second := query, inPath
	if c.scaleInPath.Load() {
		first, second = inPath, query
	}
	err := c.t.do(ctx, first, nil)
	if !noSuchRoute(err) {
		return err
	}
	tflog.Debug(ctx, "Yotta has no such route to scale workers: trying the other form", map[string]any{"path": first.path, "error": err.Error()})
	if err = c.t.do(ctx, second, nil); err == nil {
		c.scaleInPath.Store(second.path != base)
	}
	return err
}

// noSuchRoute reports whether err says the route does not exist (HTTP 404 or 405 with no
// business code, or the HTTP status repeated as the code), not that the endpoint does not.
func noSuchRoute(err error) bool {
	e := AsAPIError(err)
	if e == nil || (e.HTTPStatus != http.StatusNotFound && e.HTTPStatus != http.StatusMethodNotAllowed) {
		return false
	}
	return e.Code == 0 || e.Code == e.HTTPStatus
}
