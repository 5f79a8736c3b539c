package runpodapi

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// restV1 implements API with RunPod's REST v1 and, where only it serves (spot bids, GPU
// prices, pod runtime), GraphQL.
type restV1 struct {
	t       *transport
	baseURL string
	gql     *graphQL

	// GraphQL's GPU types, kept as long as REST v2's pool index (poolsTTL): one plan checks
	// every pod's gpu_type_ids against them.
	gpuCatalogMu   sync.Mutex
	gpuCatalog     []GPUCatalogEntry
	gpuCatalogRead time.Time
}

func newRESTv1(cfg Config) (*restV1, error) {
	base, err := checkURL("REST", cfg.RESTURL)
	if err != nil {
		return nil, err
	}
	if _, err := checkURL("GraphQL", cfg.GraphQLURL); err != nil {
		return nil, err
	}
	t := newTransport(cfg)
	return &restV1{t: t, baseURL: base, gql: &graphQL{t: t, url: cfg.GraphQLURL}}, nil
}

func checkURL(what, raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("the %s URL %q is not an http(s) URL", what, raw)
	}
	if u.RawQuery != "" {
		return "", fmt.Errorf("the %s URL %q must not carry a query string (the API key goes in a header)", what, raw)
	}
	return strings.TrimRight(raw, "/"), nil
}

func (c *restV1) url(path string, query url.Values, segments ...string) string {
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

// get reads one object; 404 becomes a not-found APIError (IsNotFound).
func (c *restV1) get(ctx context.Context, op, u string, out any) error {
	err := c.t.do(ctx, request{op: op, method: http.MethodGet, url: u, retry: retryIdempotent}, out)
	return err
}

func (c *restV1) create(ctx context.Context, op, u string, in, out any) error {
	err := c.t.do(ctx, request{op: op, method: http.MethodPost, url: u, body: in, retry: retryUnsent}, out)
	return err
}

func (c *restV1) patch(ctx context.Context, op, u string, in, out any) error {
	err := c.t.do(ctx, request{op: op, method: http.MethodPatch, url: u, body: in, retry: retryUnsent}, out)
	return err
}

// action is a pod's start or stop: sent once (see transport.retryUnsent), then, when RunPod did
// not report the outcome, read back; starting or stopping twice does no harm, so it is resent
// once when the read-back shows it did not happen.
func (c *restV1) action(ctx context.Context, op, u, id string, running bool) error {
	return action(ctx, op, podReadBack(id, c.GetPod, podStatusReached(running), true), func(ctx context.Context) error {
		return c.t.do(ctx, request{op: op, method: http.MethodPost, url: u, retry: retryUnsent}, nil)
	})
}

// remove deletes; an object already gone counts as deleted.
func (c *restV1) remove(ctx context.Context, op, u string) error {
	err := c.t.do(ctx, request{op: op, method: http.MethodDelete, url: u, retry: retryIdempotent}, nil)
	if IsNotFound(err) {
		return nil
	}
	return err
}

func checkCreated[T any](op string, obj *T, id string) (*T, error) {
	if id == "" {
		return nil, &OutcomeUnknownError{Operation: op, Err: errNoBody}
	}
	return obj, nil
}

// podDetail asks GET /pods for what the provider reads back: the machine (GPU type, data
// center, cloud) and the attached network volume.
var podDetail = url.Values{"includeMachine": {"true"}, "includeNetworkVolume": {"true"}}

func (c *restV1) CreatePod(ctx context.Context, in PodCreateInput) (*Pod, error) {
	if bad := v2OnlyPodSettings(in); len(bad) > 0 {
		return nil, &UnsupportedError{Operation: "create pod", Backend: BackendV1, Fields: bad}
	}
	lk := podLookup(allPods(c), in, derefSlice(in.GPUTypeIDs), derefSlice(in.CPUFlavorIDs), false)
	return createOnce(ctx, c.t, "create pod", lk, func(ctx context.Context) (*Pod, error) {
		var pod Pod
		if err := c.create(ctx, "create pod", c.url("/pods", nil), in, &pod); err != nil {
			return nil, err
		}
		return checkCreated("create pod", &pod, pod.ID)
	})
}

func (c *restV1) CreateSpotPod(ctx context.Context, in SpotPodCreateInput) (*Pod, error) {
	return createSpot(ctx, c.t, c.gql, podLookup(allPods(c), in.PodCreateInput, derefSlice(in.GPUTypeIDs), nil, false), in, c.GetPod)
}

func (c *restV1) GetPod(ctx context.Context, id string) (*Pod, error) {
	return getOne[Pod](ctx, c, "read pod "+id, c.url("/pods/%s", podDetail, id))
}

func (c *restV1) GetPodRuntime(ctx context.Context, id string) (*PodRuntime, error) {
	return c.gql.podRuntime(ctx, id)
}

func (c *restV1) ListPods(ctx context.Context, f PodListFilter) ([]Pod, error) {
	q := url.Values{"includeMachine": {"true"}, "includeNetworkVolume": {"true"}}
	for k, v := range map[string]string{"name": f.Name, "desiredStatus": f.DesiredStatus, "imageName": f.ImageName, "gpuTypeId": f.GPUTypeID} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return getList[Pod](ctx, c, "list pods", c.url("/pods", q))
}

func (c *restV1) UpdatePod(ctx context.Context, id string, in PodUpdateInput) (*Pod, error) {
	op := "update pod " + id
	rb := podReadBack(id, c.GetPod, func(p Pod) verdict { return podUpdateApplied(in, p) }, !in.TriggersReset())
	return changeOnce(ctx, op, rb, func(ctx context.Context) (*Pod, error) {
		var pod Pod
		if err := c.patch(ctx, op, c.url("/pods/%s", nil, id), in, &pod); err != nil {
			return nil, err
		}
		return &pod, nil
	})
}

func (c *restV1) StartPod(ctx context.Context, id string) error {
	return c.action(ctx, "start pod "+id, c.url("/pods/%s/start", nil, id), id, true)
}

func (c *restV1) ResumeSpotPod(ctx context.Context, id string, bidPerGPU float64, gpuCount int) error {
	return action(ctx, "resume spot pod "+id, podReadBack(id, c.GetPod, podStatusReached(true), true), func(ctx context.Context) error {
		return c.gql.bidResume(ctx, id, bidPerGPU, gpuCount)
	})
}

func (c *restV1) StopPod(ctx context.Context, id string) error {
	return c.action(ctx, "stop pod "+id, c.url("/pods/%s/stop", nil, id), id, false)
}

// RestartPod stops the pod, then starts it (REST v1's own restart is not documented to
// apply pending settings).
func (c *restV1) RestartPod(ctx context.Context, id string) error {
	if err := c.StopPod(ctx, id); err != nil {
		return err
	}
	return c.StartPod(ctx, id)
}

// v2OnlyPodSettings lists what REST v1's pod create has no field for (they are not part of
// its JSON, so they would be dropped).
func v2OnlyPodSettings(in PodCreateInput) []string {
	var out []string
	if in.StartSSH != nil && *in.StartSSH {
		out = append(out, "startSsh")
	}
	if in.StartJupyter != nil && *in.StartJupyter {
		out = append(out, "startJupyter")
	}
	if in.MinCudaVersion != nil && *in.MinCudaVersion != "" {
		out = append(out, "minCudaVersion")
	}
	return out
}

func (c *restV1) DeletePod(ctx context.Context, id string) error {
	return c.remove(ctx, "delete pod "+id, c.url("/pods/%s", nil, id))
}

func (c *restV1) CreateEndpoint(ctx context.Context, in EndpointCreateInput) (*Endpoint, error) {
	const op = "create endpoint"
	body := in
	var err error
	if body.Flashboot, err = v1EndpointSettings(op, in.Type, in.FlashbootMode, in.Flashboot); err != nil {
		return nil, err
	}
	return createOnce(ctx, c.t, op, endpointLookup(c.ListEndpoints, in), func(ctx context.Context) (*Endpoint, error) {
		var ep Endpoint
		if err := c.create(ctx, op, c.url("/endpoints", nil), body, &ep); err != nil {
			return nil, err
		}
		return checkCreated(op, &ep, ep.ID)
	})
}

// v1EndpointSettings maps the endpoint settings REST v1 has no field for onto its own: the
// type (v1 makes QUEUE endpoints only) and the FlashBoot mode, which wins over flashboot as
// on v2 and is v1's flashboot when OFF or FLASHBOOT. A load balancer and priority FlashBoot
// are refused, never dropped. It returns the flashboot to send.
func v1EndpointSettings(op string, endpointType, mode *string, flashboot *bool) (*bool, error) {
	var bad []string
	if t := deref(endpointType); t != "" && t != EndpointTypeQueue {
		bad = append(bad, "type "+t)
	}
	switch m := deref(mode); m {
	case "":
	case FlashbootOff, FlashbootOn:
		flashboot = Ptr(m == FlashbootOn)
	default:
		bad = append(bad, "flashboot mode "+m)
	}
	if len(bad) > 0 {
		return nil, &UnsupportedError{Operation: op, Backend: BackendV1, Fields: bad}
	}
	return flashboot, nil
}

// endpointDetail asks for what an endpoint's refresh reads, in one call: the template (its
// image) and the workers (their count).
var endpointDetail = url.Values{"includeTemplate": {"true"}, "includeWorkers": {"true"}}

func (c *restV1) GetEndpoint(ctx context.Context, id string) (*Endpoint, error) {
	return getOne[Endpoint](ctx, c, "read endpoint "+id, c.url("/endpoints/%s", endpointDetail, id))
}

func (c *restV1) ListEndpoints(ctx context.Context) ([]Endpoint, error) {
	return getList[Endpoint](ctx, c, "list endpoints", c.url("/endpoints", endpointDetail))
}

func (c *restV1) UpdateEndpoint(ctx context.Context, id string, in EndpointUpdateInput) (*Endpoint, error) {
	op := "update endpoint " + id
	rb := readBackByID("endpoint", id, c.GetEndpoint, func(e Endpoint) verdict { return endpointUpdateApplied(in, e) }, !in.TriggersRollingRelease())
	body := in
	var err error
	if body.Flashboot, err = v1EndpointSettings(op, nil, in.FlashbootMode, in.Flashboot); err != nil {
		return nil, err
	}
	return changeOnce(ctx, op, rb, func(ctx context.Context) (*Endpoint, error) {
		var ep Endpoint
		if err := c.patch(ctx, op, c.url("/endpoints/%s", nil, id), body, &ep); err != nil {
			return nil, err
		}
		return &ep, nil
	})
}

func (c *restV1) DeleteEndpoint(ctx context.Context, id string) error {
	return c.remove(ctx, "delete endpoint "+id, c.url("/endpoints/%s", nil, id))
}

func (c *restV1) CreateTemplate(ctx context.Context, in TemplateCreateInput) (*Template, error) {
	own := func(ctx context.Context) ([]Template, error) {
		return c.ListTemplates(ctx, TemplateListOptions{IncludeEndpointBound: true})
	}
	return createOnce(ctx, c.t, "create template", templateLookup(own, in), func(ctx context.Context) (*Template, error) {
		var tpl Template
		if err := c.create(ctx, "create template", c.url("/templates", nil), in, &tpl); err != nil {
			return nil, err
		}
		return checkCreated("create template", &tpl, tpl.ID)
	})
}

func (c *restV1) GetTemplate(ctx context.Context, id string) (*Template, error) {
	q := url.Values{"includeEndpointBoundTemplates": {"true"}, "includePublicTemplates": {"true"}, "includeRunpodTemplates": {"true"}}
	return getOne[Template](ctx, c, "read template "+id, c.url("/templates/%s", q, id))
}

func (c *restV1) ListTemplates(ctx context.Context, opts TemplateListOptions) ([]Template, error) {
	q := url.Values{}
	if opts.IncludeEndpointBound {
		q.Set("includeEndpointBoundTemplates", "true")
	}
	if opts.IncludePublic {
		q.Set("includePublicTemplates", "true")
	}
	if opts.IncludeRunpod {
		q.Set("includeRunpodTemplates", "true")
	}
	return getList[Template](ctx, c, "list templates", c.url("/templates", q))
}

func (c *restV1) UpdateTemplate(ctx context.Context, id string, in TemplateUpdateInput) (*Template, error) {
	op := "update template " + id
	// What v1's template PATCH has no field for is refused rather than dropped (the template
	// resource replaces a v1 template whose category or serverless flag changes).
	var bad []string
	for _, f := range []struct {
		name string
		set  bool
	}{
		{"category", in.Category != nil}, {"isServerless", in.IsServerless != nil},
		{"startSsh", in.StartSSH != nil && *in.StartSSH}, {"startJupyter", in.StartJupyter != nil && *in.StartJupyter},
	} {
		if f.set {
			bad = append(bad, f.name)
		}
	}
	if len(bad) > 0 {
		return nil, &UnsupportedError{Operation: op, Backend: BackendV1, Fields: bad}
	}
	// A REST v1 edit of a template's container rolls out a release on its endpoints: not twice.
	rb := readBackByID("template", id, c.GetTemplate, func(t Template) verdict { return templateUpdateApplied(in, t) }, !in.TriggersReset())
	return changeOnce(ctx, op, rb, func(ctx context.Context) (*Template, error) {
		var tpl Template
		if err := c.patch(ctx, op, c.url("/templates/%s", nil, id), in, &tpl); err != nil {
			return nil, err
		}
		return &tpl, nil
	})
}

func (c *restV1) DeleteTemplate(ctx context.Context, id string) error {
	return c.remove(ctx, "delete template "+id, c.url("/templates/%s", nil, id))
}

func (c *restV1) CreateNetworkVolume(ctx context.Context, in NetworkVolumeCreateInput) (*NetworkVolume, error) {
	// v1 has no volume tier: its volumes are standard ones. Another tier is refused rather than
	// dropped.
	if t := deref(in.Type); t != "" && t != "STANDARD" {
		return nil, &UnsupportedError{Operation: "create network volume", Backend: BackendV1, Fields: []string{"type " + t}}
	}
	return createOnce(ctx, c.t, "create network volume", volumeLookup(c.ListNetworkVolumes, in), func(ctx context.Context) (*NetworkVolume, error) {
		var nv NetworkVolume
		if err := c.create(ctx, "create network volume", c.url("/networkvolumes", nil), in, &nv); err != nil {
			return nil, err
		}
		return checkCreated("create network volume", &nv, nv.ID)
	})
}

func (c *restV1) GetNetworkVolume(ctx context.Context, id string) (*NetworkVolume, error) {
	return getOne[NetworkVolume](ctx, c, "read network volume "+id, c.url("/networkvolumes/%s", nil, id))
}

func (c *restV1) ListNetworkVolumes(ctx context.Context) ([]NetworkVolume, error) {
	return getList[NetworkVolume](ctx, c, "list network volumes", c.url("/networkvolumes", nil))
}

func (c *restV1) UpdateNetworkVolume(ctx context.Context, id string, in NetworkVolumeUpdateInput) (*NetworkVolume, error) {
	op := "update network volume " + id
	rb := readBackByID("network volume", id, c.GetNetworkVolume, func(v NetworkVolume) verdict { return volumeUpdateApplied(in, v) }, true)
	return changeOnce(ctx, op, rb, func(ctx context.Context) (*NetworkVolume, error) {
		var nv NetworkVolume
		if err := c.patch(ctx, op, c.url("/networkvolumes/%s", nil, id), in, &nv); err != nil {
			return nil, err
		}
		return &nv, nil
	})
}

// DeleteNetworkVolume deletes a volume. RunPod answers 500, not 404, for a volume that is
// already gone, so a 500 is checked with a read: gone is deleted; still there, the delete is
// tried again (a DELETE is safe to repeat), up to three times.
func (c *restV1) DeleteNetworkVolume(ctx context.Context, id string) error {
	op := "delete network volume " + id
	var err error
	for attempt := 1; attempt <= 3; attempt++ {
		err = c.t.do(ctx, request{op: op, method: http.MethodDelete, url: c.url("/networkvolumes/%s", nil, id), retry: retryIdempotent, keep500: true}, nil)
		if err == nil || IsNotFound(err) {
			return nil
		}
		if StatusCode(err) != http.StatusInternalServerError {
			return err
		}
		if _, getErr := c.GetNetworkVolume(ctx, id); IsNotFound(getErr) {
			return nil
		}
		if serr := c.t.sleep(ctx, backoff(c.t.retry, attempt)); serr != nil {
			return err
		}
	}
	return err
}

func (c *restV1) CreateContainerRegistryAuth(ctx context.Context, in ContainerRegistryAuthCreateInput) (*ContainerRegistryAuth, error) {
	return createOnce(ctx, c.t, "create container registry auth", registryAuthLookup(c.ListContainerRegistryAuths, in),
		func(ctx context.Context) (*ContainerRegistryAuth, error) {
			var a ContainerRegistryAuth
			if err := c.create(ctx, "create container registry auth", c.url("/containerregistryauth", nil), in, &a); err != nil {
				return nil, err
			}
			return checkCreated("create container registry auth", &a, a.ID)
		})
}

func (c *restV1) GetContainerRegistryAuth(ctx context.Context, id string) (*ContainerRegistryAuth, error) {
	return getOne[ContainerRegistryAuth](ctx, c, "read container registry auth "+id, c.url("/containerregistryauth/%s", nil, id))
}

func (c *restV1) ListContainerRegistryAuths(ctx context.Context) ([]ContainerRegistryAuth, error) {
	return getList[ContainerRegistryAuth](ctx, c, "list container registry auths", c.url("/containerregistryauth", nil))
}

func (c *restV1) DeleteContainerRegistryAuth(ctx context.Context, id string) error {
	return c.remove(ctx, "delete container registry auth "+id, c.url("/containerregistryauth/%s", nil, id))
}

func (c *restV1) ListGPUTypes(ctx context.Context, q GPUTypeQuery) ([]GPUType, error) {
	return c.gql.gpuTypes(ctx, q)
}

// GPUCatalog is GraphQL's gpuTypes, read at most once per poolsTTL: concurrent callers wait
// for the one read. A failed read is not kept. REST v1 has no pools.
func (c *restV1) GPUCatalog(ctx context.Context) ([]GPUCatalogEntry, error) {
	c.gpuCatalogMu.Lock()
	defer c.gpuCatalogMu.Unlock()
	if c.gpuCatalog != nil && c.t.now().Sub(c.gpuCatalogRead) < poolsTTL {
		return slices.Clone(c.gpuCatalog), nil
	}
	types, err := c.gql.gpuTypes(ctx, GPUTypeQuery{})
	if err != nil {
		return nil, err
	}
	out := make([]GPUCatalogEntry, len(types))
	for i, g := range types {
		out[i] = GPUCatalogEntry{ID: g.ID}
	}
	c.gpuCatalog, c.gpuCatalogRead = out, c.t.now()
	return slices.Clone(out), nil
}

func (c *restV1) Backend() Backend { return BackendV1 }

func (c *restV1) GetEndpointWorkers(ctx context.Context, id string) (*EndpointWorkers, error) {
	ep, err := c.GetEndpoint(ctx, id)
	if err != nil {
		return nil, err
	}
	return &EndpointWorkers{Version: ep.Version, Count: len(ep.Workers)}, nil
}

func (c *restV1) GetEndpointRollout(ctx context.Context, id string) (*EndpointRollout, error) {
	ep, err := c.GetEndpoint(ctx, id)
	if err != nil {
		return nil, err
	}
	return &EndpointRollout{Version: ep.Version, WorkersTotal: len(ep.Workers), WorkersOnLatest: len(ep.Workers)}, nil
}

// ListDataCenters returns the data centers of REST v1's enum: ids only, with the country the
// id names.
func (c *restV1) ListDataCenters(context.Context) ([]DataCenter, error) {
	out := make([]DataCenter, len(dataCenterIDs))
	for i, id := range dataCenterIDs {
		out[i] = DataCenter{ID: id, Name: id, Country: CountryOfDataCenter(id)}
	}
	return out, nil
}

// ListCPUFlavors returns REST v1's CPU flavor enum (v1 reports no sizes).
func (c *restV1) ListCPUFlavors(context.Context) ([]CPUFlavor, error) {
	out := make([]CPUFlavor, len(cpuFlavorIDs))
	for i, id := range cpuFlavorIDs {
		out[i] = CPUFlavor{ID: id, Name: id}
	}
	return out, nil
}
