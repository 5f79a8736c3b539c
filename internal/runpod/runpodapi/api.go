// Package runpodapi is the provider's RunPod API client. Resources use the backend-neutral API
// interface in domain terms; REST v2 (restv2*.go, wire shapes in wirev2*.go; the default) and
// REST v1 (restv1.go) implement it, with GraphQL (graphql.go) where only it serves. The
// package holds no Terraform types.
package runpodapi

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// API is what the provider needs from RunPod, in domain terms. Every method is bounded by ctx.
type API interface {
	// Backend says which API this client speaks, so resources can refuse at plan time what
	// it cannot express.
	Backend() Backend

	CreatePod(ctx context.Context, in PodCreateInput) (*Pod, error)
	// CreateSpotPod rents an interruptible pod at a bid per GPU.
	CreateSpotPod(ctx context.Context, in SpotPodCreateInput) (*Pod, error)
	GetPod(ctx context.Context, id string) (*Pod, error)
	// GetPodRuntime returns the runtime of a started pod, or nil while it has none.
	GetPodRuntime(ctx context.Context, id string) (*PodRuntime, error)
	ListPods(ctx context.Context, filter PodListFilter) ([]Pod, error)
	// UpdatePod applies in; RunPod resets the pod when in.TriggersReset().
	UpdatePod(ctx context.Context, id string, in PodUpdateInput) (*Pod, error)
	StartPod(ctx context.Context, id string) error
	// ResumeSpotPod starts a stopped interruptible pod again at a bid per GPU.
	ResumeSpotPod(ctx context.Context, id string, bidPerGPU float64, gpuCount int) error
	StopPod(ctx context.Context, id string) error
	// RestartPod restarts a running pod's container, which applies settings that take effect
	// at the next start (REST v2's globalNetworking). REST v2: the restart action; REST v1:
	// stop, then start.
	RestartPod(ctx context.Context, id string) error
	DeletePod(ctx context.Context, id string) error

	CreateEndpoint(ctx context.Context, in EndpointCreateInput) (*Endpoint, error)
	GetEndpoint(ctx context.Context, id string) (*Endpoint, error)
	ListEndpoints(ctx context.Context) ([]Endpoint, error)
	UpdateEndpoint(ctx context.Context, id string, in EndpointUpdateInput) (*Endpoint, error)
	DeleteEndpoint(ctx context.Context, id string) error
	// GetEndpointWorkers reads the version and worker count of an endpoint (REST v2's
	// /workers; REST v1's endpoint with its workers), which REST v2's ListEndpoints leaves out.
	GetEndpointWorkers(ctx context.Context, id string) (*EndpointWorkers, error)
	// GetEndpointRollout reports the endpoint's latest release and whether it is still rolling
	// out (REST v2's /releases; REST v1 reports the version and never a rollout in progress).
	GetEndpointRollout(ctx context.Context, id string) (*EndpointRollout, error)

	CreateTemplate(ctx context.Context, in TemplateCreateInput) (*Template, error)
	GetTemplate(ctx context.Context, id string) (*Template, error)
	ListTemplates(ctx context.Context, opts TemplateListOptions) ([]Template, error)
	UpdateTemplate(ctx context.Context, id string, in TemplateUpdateInput) (*Template, error)
	DeleteTemplate(ctx context.Context, id string) error

	CreateNetworkVolume(ctx context.Context, in NetworkVolumeCreateInput) (*NetworkVolume, error)
	GetNetworkVolume(ctx context.Context, id string) (*NetworkVolume, error)
	ListNetworkVolumes(ctx context.Context) ([]NetworkVolume, error)
	UpdateNetworkVolume(ctx context.Context, id string, in NetworkVolumeUpdateInput) (*NetworkVolume, error)
	DeleteNetworkVolume(ctx context.Context, id string) error

	CreateContainerRegistryAuth(ctx context.Context, in ContainerRegistryAuthCreateInput) (*ContainerRegistryAuth, error)
	GetContainerRegistryAuth(ctx context.Context, id string) (*ContainerRegistryAuth, error)
	ListContainerRegistryAuths(ctx context.Context) ([]ContainerRegistryAuth, error)
	DeleteContainerRegistryAuth(ctx context.Context, id string) error

	// Instant Clusters: REST v2 only (REST v1 answers a *NotOnBackendError).
	CreateCluster(ctx context.Context, in ClusterCreateInput) (*Cluster, error)
	GetCluster(ctx context.Context, id string) (*Cluster, error)
	ListClusters(ctx context.Context) ([]Cluster, error)
	// ListClusterPods lists a cluster's member pods, by rank.
	ListClusterPods(ctx context.Context, id string) ([]ClusterMember, error)
	// RenameCluster changes a cluster's name, the one thing RunPod changes of a cluster.
	RenameCluster(ctx context.Context, id, name string) (*Cluster, error)
	// DeleteCluster deletes a cluster and terminates its members.
	DeleteCluster(ctx context.Context, id string) error

	// The account's SSH public keys (REST v2 only), one authorized_keys line each: what pods
	// started with start_ssh let in. SetSSHKeys replaces the whole set and returns it.
	GetSSHKeys(ctx context.Context) ([]string, error)
	SetSSHKeys(ctx context.Context, keys []string) ([]string, error)

	ListGPUTypes(ctx context.Context, q GPUTypeQuery) ([]GPUType, error)
	// ListDataCenters lists RunPod's data centers: REST v2's catalog (with volume tiers and
	// GPU stock; reused for a minute, so that one plan reads it once), or REST v1's enum (ids
	// only: no tiers, no stock).
	ListDataCenters(ctx context.Context) ([]DataCenter, error)
	ListCPUFlavors(ctx context.Context) ([]CPUFlavor, error)
	// GPUCatalog lists the ids of every GPU type of RunPod's catalog (available or not), with
	// each type's serverless pool on REST v2, for checking configured ids at plan time. It is
	// read at most once per gpuCatalogTTL (REST v2: the pool index endpoints read; REST v1:
	// GraphQL's gpuTypes), so that one plan reads it once.
	GPUCatalog(ctx context.Context) ([]GPUCatalogEntry, error)
}

// GPUCatalogEntry is one GPU type of RunPod's catalog: its id and, on REST v2, its serverless
// pool ("" when in none, and always from REST v1).
type GPUCatalogEntry struct {
	ID   string
	Pool string
}

// Backend names an implementation of API.
type Backend string

// The backends.
const (
	// BackendV2 is REST v2 (https://api.runpod.io/v2/...), RunPod's current API, with GraphQL
	// only for spot pods (which v2 does not have). The default.
	BackendV2 Backend = "v2"
	// BackendV1 is REST v1 (https://rest.runpod.io/v1) with GraphQL where only it serves.
	// RunPod's docs retire it on 2026-11-15.
	BackendV1 Backend = "v1"
)

// Backends lists the backends, the default first.
var Backends = []Backend{BackendV2, BackendV1}

// DefaultBackend is the backend used when none is configured.
const DefaultBackend = BackendV2

// Default base URLs of RunPod's APIs.
const (
	DefaultAPIURL     = "https://api.runpod.io" // REST v2: the origin; paths carry /v2
	DefaultRESTURL    = "https://rest.runpod.io/v1"
	DefaultGraphQLURL = "https://api.runpod.io/graphql"
)

// Config configures a client.
type Config struct {
	APIKey     string
	Backend    Backend // empty means DefaultBackend
	APIURL     string  // REST v2 base; empty means DefaultAPIURL
	RESTURL    string  // REST v1 base; empty means DefaultRESTURL
	GraphQLURL string  // empty means DefaultGraphQLURL
	UserAgent  string
	HTTPClient *http.Client // nil means a client with sane transport timeouts
	Retry      RetryPolicy  // zero means DefaultRetryPolicy
}

// RetryPolicy bounds retries of retryable failures. The context's deadline (the operation's
// timeout) bounds them first; Budget bounds them when the context has none.
type RetryPolicy struct {
	// MaxAttempts, when above 0, also gives up after that many failed attempts (429s do not
	// count). 0: only time bounds retries.
	MaxAttempts int
	// MinBackoff and MaxBackoff bound the exponential backoff between failed attempts (each
	// wait is jittered: between half and all of its step).
	MinBackoff time.Duration
	MaxBackoff time.Duration
	// Budget is how long a request is retried when its context has no deadline.
	Budget time.Duration
}

// DefaultRetryPolicy is used when Config.Retry is zero: RunPod's SDK's backoff of 1 to 30 s
// with jitter, bounded by the operation's deadline, else by 3 minutes.
var DefaultRetryPolicy = RetryPolicy{MinBackoff: time.Second, MaxBackoff: 30 * time.Second, Budget: 3 * time.Minute}

// New returns the API implementation cfg selects.
func New(cfg Config) (API, error) {
	if strings.TrimSpace(cfg.APIKey) == "" {
		return nil, fmt.Errorf("an API key is required")
	}
	if cfg.APIURL == "" {
		cfg.APIURL = DefaultAPIURL
	}
	if cfg.RESTURL == "" {
		cfg.RESTURL = DefaultRESTURL
	}
	if cfg.GraphQLURL == "" {
		cfg.GraphQLURL = DefaultGraphQLURL
	}
	if cfg.Retry == (RetryPolicy{}) {
		cfg.Retry = DefaultRetryPolicy
	}
	if cfg.Backend == "" {
		cfg.Backend = DefaultBackend
	}
	switch cfg.Backend {
	case BackendV2:
		c, err := newRESTv2(cfg)
		if err != nil {
			return nil, err
		}
		return c, nil
	case BackendV1:
		c, err := newRESTv1(cfg)
		if err != nil {
			return nil, err
		}
		return c, nil
	default:
		return nil, fmt.Errorf("unknown API version %q (supported: %q, %q)", cfg.Backend, BackendV2, BackendV1)
	}
}

// UserAgent is the User-Agent the provider sends.
func UserAgent(providerVersion, terraformVersion string) string {
	if terraformVersion == "" {
		terraformVersion = "unknown"
	}
	return fmt.Sprintf("terraform-provider-runpod/%s (+terraform %s)", providerVersion, terraformVersion)
}
