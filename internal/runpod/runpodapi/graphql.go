package runpodapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"sort"
	"strings"
)

// graphQL calls RunPod's GraphQL API for what REST v1 does not serve. The key travels in the
// Authorization header like every other call (RunPod's docs show ?api_key=, which would leave
// it in URLs and logs; that every operation accepts the header is unverified, and this is the
// one place that decides it).
type graphQL struct {
	t   *transport
	url string
}

type gqlError struct {
	Message string `json:"message"`
}

// call runs one GraphQL operation and decodes its data into out. GraphQL reports errors as
// HTTP 200 with an "errors" list; those become APIErrors too.
func (g *graphQL) call(ctx context.Context, op string, mode retryMode, query string, vars map[string]any, out any) error {
	var resp struct {
		Data   json.RawMessage `json:"data"`
		Errors []gqlError      `json:"errors"`
	}
	body := map[string]any{"query": query, "variables": vars}
	if err := g.t.do(ctx, request{op: op, method: http.MethodPost, url: g.url, body: body, retry: mode}, &resp); err != nil {
		return err
	}
	if len(resp.Errors) > 0 {
		msgs := make([]string, len(resp.Errors))
		for i, e := range resp.Errors {
			msgs[i] = e.Message
		}
		return &APIError{Operation: op, StatusCode: http.StatusOK, Message: strings.Join(msgs, "; ")}
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(resp.Data, out); err != nil {
		return fmt.Errorf("%s: decoding RunPod's answer: %w", op, err)
	}
	return nil
}

const gpuTypesQuery = `query GpuTypes($input: GpuTypeFilter, $secure: GpuLowestPriceInput, $community: GpuLowestPriceInput) {
  gpuTypes(input: $input) {
    id
    displayName
    manufacturer
    memoryInGb
    secureCloud
    communityCloud
    maxGpuCount
    secureLowestPrice: lowestPrice(input: $secure) { uninterruptablePrice minimumBidPrice stockStatus }
    communityLowestPrice: lowestPrice(input: $community) { uninterruptablePrice minimumBidPrice stockStatus }
  }
}`

type gqlLowestPrice struct {
	UninterruptablePrice *float64 `json:"uninterruptablePrice"`
	MinimumBidPrice      *float64 `json:"minimumBidPrice"`
	StockStatus          *string  `json:"stockStatus"`
}

func (lp *gqlLowestPrice) offer(available bool) GPUOffer {
	o := GPUOffer{Available: available}
	if lp == nil {
		return o
	}
	o.OnDemandPrice, o.SpotPrice = lp.UninterruptablePrice, lp.MinimumBidPrice
	if lp.StockStatus != nil {
		o.StockStatus = *lp.StockStatus
	}
	return o
}

func (g *graphQL) gpuTypes(ctx context.Context, q GPUTypeQuery) ([]GPUType, error) {
	count := q.GPUCount
	if count <= 0 {
		count = 1
	}
	vars := map[string]any{
		"secure":    map[string]any{"gpuCount": count, "secureCloud": true},
		"community": map[string]any{"gpuCount": count, "secureCloud": false},
	}
	if q.ID != "" {
		vars["input"] = map[string]any{"id": q.ID}
	}
	var data struct {
		GPUTypes []struct {
			ID             string          `json:"id"`
			DisplayName    string          `json:"displayName"`
			Manufacturer   string          `json:"manufacturer"`
			MemoryInGb     int             `json:"memoryInGb"`
			SecureCloud    bool            `json:"secureCloud"`
			CommunityCloud bool            `json:"communityCloud"`
			MaxGPUCount    int             `json:"maxGpuCount"`
			Secure         *gqlLowestPrice `json:"secureLowestPrice"`
			Community      *gqlLowestPrice `json:"communityLowestPrice"`
		} `json:"gpuTypes"`
	}
	if err := g.call(ctx, "list GPU types", retryIdempotent, gpuTypesQuery, vars, &data); err != nil {
		return nil, err
	}
	out := make([]GPUType, 0, len(data.GPUTypes))
	for _, t := range data.GPUTypes {
		if t.ID == "" || t.ID == "unknown" { // RunPod lists a sentinel "unknown" row
			continue
		}
		out = append(out, GPUType{
			ID: t.ID, DisplayName: t.DisplayName, Manufacturer: t.Manufacturer, MemoryInGb: t.MemoryInGb,
			MaxGPUCount: t.MaxGPUCount, Secure: t.Secure.offer(t.SecureCloud), Community: t.Community.offer(t.CommunityCloud),
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

const rentInterruptableMutation = `mutation RentInterruptable($input: PodRentInterruptableInput!) {
  podRentInterruptable(input: $input) { id desiredStatus }
}`

// rentInterruptable creates a spot pod. GraphQL's input is narrower than REST's: one GPU
// type, one data center, one country, no entrypoint or registry auth; a create that needs more
// is refused here rather than silently changed.
func (g *graphQL) rentInterruptable(ctx context.Context, in SpotPodCreateInput) (string, error) {
	const op = "create spot pod"
	input, err := spotPodInput(in)
	if err != nil {
		return "", fmt.Errorf("%s: %w", op, err)
	}
	var data struct {
		Pod *struct {
			ID string `json:"id"`
		} `json:"podRentInterruptable"`
	}
	if err := g.call(ctx, op, retryUnsent, rentInterruptableMutation, map[string]any{"input": input}, &data); err != nil {
		return "", err
	}
	if data.Pod == nil || data.Pod.ID == "" {
		return "", &OutcomeUnknownError{Operation: op, Err: errNoBody}
	}
	return data.Pod.ID, nil
}

func spotPodInput(in SpotPodCreateInput) (map[string]any, error) {
	if in.BidPerGPU <= 0 {
		return nil, fmt.Errorf("the bid per GPU must be positive, got %v", in.BidPerGPU)
	}
	var unsupported []string
	one := func(field string, list *[]string) string {
		if list == nil || len(*list) == 0 {
			return ""
		}
		if len(*list) > 1 {
			unsupported = append(unsupported, field+" with more than one entry")
		}
		return (*list)[0]
	}
	m := map[string]any{"bidPerGpu": in.BidPerGPU, "gpuCount": 1}
	if v := one("gpuTypeIds", in.GPUTypeIDs); v != "" {
		m["gpuTypeId"] = v
	} else {
		unsupported = append(unsupported, "no gpuTypeIds (a bid is for one GPU type)")
	}
	if v := one("dataCenterIds", in.DataCenterIDs); v != "" {
		m["dataCenterId"] = v
	}
	if v := one("countryCodes", in.CountryCodes); v != "" {
		m["countryCode"] = v
	}
	if in.GPUCount != nil {
		m["gpuCount"] = *in.GPUCount
	}
	setString := func(key string, v *string) {
		if v != nil {
			m[key] = *v
		}
	}
	setInt := func(key string, v *int) {
		if v != nil {
			m[key] = *v
		}
	}
	setString("name", in.Name)
	setString("imageName", in.ImageName)
	setString("templateId", in.TemplateID)
	setString("cloudType", in.CloudType)
	setString("volumeMountPath", in.VolumeMountPath)
	setString("networkVolumeId", in.NetworkVolumeID)
	setInt("containerDiskInGb", in.ContainerDiskInGb)
	setInt("volumeInGb", in.VolumeInGb)
	if in.SupportPublicIP != nil {
		m["supportPublicIp"] = *in.SupportPublicIP
	}
	if in.AllowedCudaVersions != nil {
		m["allowedCudaVersions"] = *in.AllowedCudaVersions
	}
	if in.StartSSH != nil {
		m["startSsh"] = *in.StartSSH
	}
	if in.StartJupyter != nil {
		m["startJupyter"] = *in.StartJupyter
	}
	if in.MinCudaVersion != nil && *in.MinCudaVersion != "" {
		unsupported = append(unsupported, "minCudaVersion") // what GraphQL's cudaVersion means is unverified
	}
	gpus := 1
	if in.GPUCount != nil {
		gpus = *in.GPUCount
	}
	if in.MinRAMPerGPU != nil {
		m["minMemoryInGb"] = *in.MinRAMPerGPU * gpus
	}
	if in.MinVCPUPerGPU != nil {
		m["minVcpuCount"] = *in.MinVCPUPerGPU * gpus
	}
	// GraphQL takes whole Mbit/s: a fraction would be silently rounded, so it is refused.
	wholeMbps := func(field, key string, v *float64) {
		if v == nil {
			return
		}
		if *v != float64(int(*v)) {
			unsupported = append(unsupported, fmt.Sprintf("a fractional %s (%g)", field, *v))
			return
		}
		m[key] = int(*v)
	}
	wholeMbps("minDownloadMbps", "minDownload", in.MinDownloadMbps)
	wholeMbps("minUploadMbps", "minUpload", in.MinUploadMbps)
	if in.Ports != nil {
		m["ports"] = strings.Join(*in.Ports, ",")
	}
	if in.DockerStartCmd != nil && len(*in.DockerStartCmd) > 0 {
		// dockerArgs is one string split on spaces: an argument holding whitespace would be
		// split differently from what was asked.
		for _, arg := range *in.DockerStartCmd {
			if arg == "" || strings.ContainsAny(arg, " \t\n") {
				unsupported = append(unsupported, fmt.Sprintf("a dockerStartCmd argument that is empty or holds whitespace (%q)", arg))
				break
			}
		}
		m["dockerArgs"] = strings.Join(*in.DockerStartCmd, " ")
	}
	if in.Env != nil {
		m["env"] = envList(*in.Env)
	}
	if in.ComputeType != nil && *in.ComputeType != "GPU" {
		unsupported = append(unsupported, "computeType "+*in.ComputeType)
	}
	if in.DockerEntrypoint != nil && len(*in.DockerEntrypoint) > 0 {
		unsupported = append(unsupported, "dockerEntrypoint")
	}
	if in.ContainerRegistryAuthID != nil {
		unsupported = append(unsupported, "containerRegistryAuthId")
	}
	if in.GlobalNetworking != nil && *in.GlobalNetworking {
		unsupported = append(unsupported, "globalNetworking")
	}
	if in.CPUFlavorIDs != nil {
		unsupported = append(unsupported, "cpuFlavorIds")
	}
	// Nothing below may be dropped silently: the mutation has no field for it.
	for _, f := range []struct {
		field string
		set   bool
	}{
		{"gpuTypePriority", in.GPUTypePriority != nil}, {"dataCenterPriority", in.DataCenterPriority != nil},
		{"cpuFlavorPriority", in.CPUFlavorPriority != nil}, {"minDiskBandwidthMBps", in.MinDiskBandwidthMBps != nil},
		{"vcpuCount", in.VCPUCount != nil}, {"locked", in.Locked != nil && *in.Locked},
	} {
		if f.set {
			unsupported = append(unsupported, f.field)
		}
	}
	// A setting this mapping does not know of (one added to PodCreateInput since) is refused
	// too, by its v1 name, rather than dropped.
	v := reflect.ValueOf(in.PodCreateInput)
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if !slices.Contains(spotMapped, f.Name) && !v.Field(i).IsZero() {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				name = f.Name
			}
			unsupported = append(unsupported, name)
		}
	}
	if len(unsupported) > 0 {
		return nil, fmt.Errorf("RunPod's spot API (podRentInterruptable) cannot take %s", strings.Join(unsupported, ", "))
	}
	return m, nil
}

// spotMapped are the PodCreateInput fields spotPodInput maps or refuses itself.
var spotMapped = []string{
	"Name", "ImageName", "TemplateID", "ComputeType", "CloudType", "GPUTypeIDs", "GPUTypePriority", "GPUCount",
	"CPUFlavorIDs", "CPUFlavorPriority", "VCPUCount", "MinRAMPerGPU", "MinVCPUPerGPU", "DataCenterIDs",
	"DataCenterPriority", "CountryCodes", "AllowedCudaVersions", "MinDownloadMbps", "MinUploadMbps",
	"MinDiskBandwidthMBps", "SupportPublicIP", "GlobalNetworking", "ContainerDiskInGb", "VolumeInGb", "VolumeMountPath",
	"NetworkVolumeID", "Ports", "Env", "DockerEntrypoint", "DockerStartCmd", "ContainerRegistryAuthID", "Interruptible",
	"Locked", "StartSSH", "StartJupyter", "MinCudaVersion",
}

func envList(env map[string]string) []map[string]string {
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	list := make([]map[string]string, len(keys))
	for i, k := range keys {
		list[i] = map[string]string{"key": k, "value": env[k]}
	}
	return list
}

const bidResumeMutation = `mutation BidResume($input: PodBidResumeInput!) {
  podBidResume(input: $input) { id desiredStatus }
}`

func (g *graphQL) bidResume(ctx context.Context, podID string, bidPerGPU float64, gpuCount int) error {
	input := map[string]any{"podId": podID, "bidPerGpu": bidPerGPU, "gpuCount": max(gpuCount, 1)}
	return g.podMutation(ctx, "resume spot pod "+podID, "podBidResume", bidResumeMutation, input)
}

const resumeMutation = `mutation Resume($input: PodResumeInput!) {
  podResume(input: $input) { id desiredStatus }
}`

// resume starts a stopped on-demand pod through GraphQL (REST's POST /pods/{id}/start does
// the same for the v1 backend; kept for the GraphQL-only paths).
func (g *graphQL) resume(ctx context.Context, podID string, gpuCount int) error {
	input := map[string]any{"podId": podID, "gpuCount": max(gpuCount, 1)}
	return g.podMutation(ctx, "resume pod "+podID, "podResume", resumeMutation, input)
}

const stopMutation = `mutation Stop($input: PodStopInput!) {
  podStop(input: $input) { id desiredStatus }
}`

func (g *graphQL) stop(ctx context.Context, podID string) error {
	return g.podMutation(ctx, "stop pod "+podID, "podStop", stopMutation, map[string]any{"podId": podID})
}

func (g *graphQL) podMutation(ctx context.Context, op, field, mutation string, input map[string]any) error {
	var data map[string]*struct {
		ID string `json:"id"`
	}
	if err := g.call(ctx, op, retryUnsent, mutation, map[string]any{"input": input}, &data); err != nil {
		return err
	}
	if data[field] == nil {
		return notFound(op, "pod")
	}
	return nil
}

const podRuntimeFields = `runtime {
      uptimeInSeconds
      ports { ip isIpPublic privatePort publicPort type }
      gpus { id gpuUtilPercent memoryUtilPercent }
    }`

const podRuntimeQuery = `query PodRuntime($input: PodFilter) {
  pod(input: $input) {
    id
    ` + podRuntimeFields + `
  }
}`

func (g *graphQL) podRuntime(ctx context.Context, podID string) (*PodRuntime, error) {
	op := "read pod runtime " + podID
	var data struct {
		Pod *struct {
			ID      string      `json:"id"`
			Runtime *PodRuntime `json:"runtime"`
		} `json:"pod"`
	}
	if err := g.call(ctx, op, retryIdempotent, podRuntimeQuery, map[string]any{"input": map[string]any{"podId": podID}}, &data); err != nil {
		return nil, err
	}
	if data.Pod == nil {
		return nil, notFound(op, "pod")
	}
	return data.Pod.Runtime, nil
}

const myPodsQuery = `query MyPods {
  myself {
    pods {
      id
      name
      ` + podRuntimeFields + `
    }
  }
}`

// podRuntimes returns the runtime of every pod of the account (nil for pods not started).
func (g *graphQL) podRuntimes(ctx context.Context) (map[string]*PodRuntime, error) {
	var data struct {
		Myself *struct {
			Pods []struct {
				ID      string      `json:"id"`
				Runtime *PodRuntime `json:"runtime"`
			} `json:"pods"`
		} `json:"myself"`
	}
	if err := g.call(ctx, "list pod runtimes", retryIdempotent, myPodsQuery, nil, &data); err != nil {
		return nil, err
	}
	out := map[string]*PodRuntime{}
	if data.Myself != nil {
		for _, p := range data.Myself.Pods {
			out[p.ID] = p.Runtime
		}
	}
	return out, nil
}
