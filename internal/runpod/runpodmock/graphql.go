package runpodmock

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strings"
	"unicode"

	graphql "github.com/graph-gophers/graphql-go"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
)

// graphqlSchema is the part of RunPod's GraphQL API the provider uses (a reconstruction, not
// RunPod's schema: api/RUNPOD-LIVE.md, GraphQL): GPU types, spot rent and resume, stop, runtimes.
const graphqlSchema = `
schema { query: Query mutation: Mutation }

type Query {
  myself: User
  pod(input: PodFilter): Pod
  gpuTypes(input: GpuTypeFilter): [GpuType]
}

type Mutation {
  podRentInterruptable(input: PodRentInterruptableInput!): Pod
  podResume(input: PodResumeInput!): Pod
  podBidResume(input: PodBidResumeInput!): Pod
  podStop(input: PodStopInput!): Pod
}

enum CloudTypeEnum { ALL SECURE COMMUNITY }
enum ComputeType { CPU GPU }

input PodFilter { podId: String! }
input GpuTypeFilter { id: String ids: [String] }
input EnvironmentVariableInput { key: String! value: String! }

input PodRentInterruptableInput {
  bidPerGpu: Float
  cloudType: CloudTypeEnum
  containerDiskInGb: Int
  countryCode: String
  dataCenterId: String
  dockerArgs: String
  env: [EnvironmentVariableInput]
  gpuCount: Int
  gpuTypeId: String
  imageName: String
  minDisk: Int
  minDownload: Int
  minMemoryInGb: Int
  minUpload: Int
  minVcpuCount: Int
  name: String
  networkVolumeId: String
  port: Int
  ports: String
  startJupyter: Boolean
  startSsh: Boolean
  stopAfter: String
  terminateAfter: String
  supportPublicIp: Boolean
  templateId: String
  volumeInGb: Int
  volumeKey: String
  volumeMountPath: String
  cudaVersion: String
  allowedCudaVersions: [String]
}

input PodResumeInput { podId: String! gpuCount: Int syncMachine: Boolean computeType: ComputeType allowedCudaVersions: [String] }
input PodBidResumeInput { podId: String! bidPerGpu: Float! gpuCount: Int! }
input PodStopInput { podId: String! incrementVersion: Boolean }

input GpuLowestPriceInput {
  gpuCount: Int!
  secureCloud: Boolean
  dataCenterId: String
  countryCode: String
  minDisk: Int
  minDownload: Int
  minMemoryInGb: Int
  minUpload: Int
  minVcpuCount: Int
  totalDisk: Int
  supportPublicIp: Boolean
  includeAiApi: Boolean
  minCudaVersion: String
  allowedCudaVersions: [String]
  cudaVersion: String
}

type User { id: String pods: [Pod] }

type Pod {
  id: String
  name: String
  desiredStatus: String
  imageName: String
  env: [String]
  gpuCount: Int
  costPerHr: Float
  machineId: String
  ports: String
  locked: Boolean
  lastStartedAt: String
  runtime: PodRuntime
}

type PodRuntime { uptimeInSeconds: Int ports: [PodRuntimePorts] gpus: [PodRuntimeGpus] container: PodRuntimeContainer }
type PodRuntimePorts { ip: String isIpPublic: Boolean privatePort: Int publicPort: Int type: String }
type PodRuntimeGpus { id: String gpuUtilPercent: Int memoryUtilPercent: Int }
type PodRuntimeContainer { cpuPercent: Int memoryPercent: Int }

type GpuType {
  id: String
  displayName: String
  manufacturer: String
  memoryInGb: Int
  secureCloud: Boolean
  communityCloud: Boolean
  securePrice: Float
  communityPrice: Float
  secureSpotPrice: Float
  communitySpotPrice: Float
  maxGpuCount: Int
  lowestPrice(input: GpuLowestPriceInput): LowestPrice
}

type LowestPrice {
  gpuName: String
  gpuTypeId: String
  minimumBidPrice: Float
  uninterruptablePrice: Float
  stockStatus: String
  maxUnreservedGpuCount: Int
}
`

type graphqlRequest struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName"`
	Variables     map[string]any `json:"variables"`
}

func (s *Server) routeGraphQL() {
	schema := graphql.MustParseSchema(graphqlSchema, &gqlRoot{s: s}, graphql.UseFieldResolvers())
	s.mux.HandleFunc("POST /graphql", func(w http.ResponseWriter, r *http.Request) {
		var req graphqlRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			mockkit.WriteJSON(w, http.StatusBadRequest, map[string]any{"errors": []map[string]string{{"message": "invalid GraphQL request body: " + err.Error()}}})
			return
		}
		resp := schema.Exec(r.Context(), req.Query, req.OperationName, req.Variables)
		mockkit.WriteJSON(w, http.StatusOK, resp) // GraphQL errors travel as HTTP 200, as on RunPod
	})
}

// graphqlField names the first top-level field of a GraphQL document ("gpuTypes"), for the
// call log and fault routes.
func graphqlField(body []byte) string {
	var req graphqlRequest
	if json.Unmarshal(body, &req) != nil {
		return ""
	}
	q := req.Query
	open := strings.IndexByte(q, '{')
	if open < 0 {
		return ""
	}
	rest := strings.TrimLeftFunc(q[open+1:], unicode.IsSpace)
	ident := func(s string) (string, string) {
		end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' })
		if end < 0 {
			return s, ""
		}
		return s[:end], strings.TrimLeftFunc(s[end:], unicode.IsSpace)
	}
	name, after := ident(rest)
	if strings.HasPrefix(after, ":") { // an alias: the field follows
		name, _ = ident(strings.TrimLeftFunc(after[1:], unicode.IsSpace))
	}
	return name
}

// ---- resolvers ----

type gqlRoot struct{ s *Server }

type gqlPod struct {
	ID            *string
	Name          *string
	DesiredStatus *string
	ImageName     *string
	Env           *[]*string
	GpuCount      *int32
	CostPerHr     *float64
	MachineID     *string
	Ports         *string
	Locked        *bool
	LastStartedAt *string
	Runtime       *gqlRuntime
}

type gqlRuntime struct {
	UptimeInSeconds *int32
	Ports           *[]*gqlRuntimePort
	Gpus            *[]*gqlRuntimeGPU
	Container       *gqlRuntimeContainer
}

type gqlRuntimePort struct {
	IP          *string
	IsIpPublic  *bool
	PrivatePort *int32
	PublicPort  *int32
	Type        *string
}

type gqlRuntimeGPU struct {
	ID                *string
	GpuUtilPercent    *int32
	MemoryUtilPercent *int32
}

type gqlRuntimeContainer struct {
	CpuPercent    *int32
	MemoryPercent *int32
}

type gqlUser struct {
	ID   *string
	Pods *[]*gqlPod
}

func ptr[T any](v T) *T { return &v }

// sharedHostIP is where a pod without its own public IP has its tcp ports mapped.
const sharedHostIP = "100.65.0.1"

func (s *Server) gqlPodOf(p *podRecord) *gqlPod {
	env := make([]*string, 0, len(p.Env))
	for k, v := range p.Env {
		env = append(env, ptr(k+"="+v))
	}
	out := &gqlPod{
		ID: ptr(p.ID), Name: ptr(p.Name), DesiredStatus: ptr(p.DesiredStatus), ImageName: ptr(p.Image), Env: &env,
		GpuCount: ptr(int32(p.GPUCount)), CostPerHr: ptr(p.CostPerHr), MachineID: ptr(p.MachineID),
		Ports: ptr(strings.Join(p.Ports, ",")), Locked: ptr(p.Locked), LastStartedAt: ptr(goTime(p.LastStartedAt)),
	}
	now := s.opts.Now()
	if !p.booted(now) {
		return out
	}
	ports := []*gqlRuntimePort{}
	for _, spec := range p.Ports {
		num, proto, _ := strings.Cut(spec, "/")
		var private int32
		if _, err := fmt.Sscan(num, &private); err != nil {
			continue // ports are validated on create; nothing else reaches here
		}
		port := &gqlRuntimePort{PrivatePort: ptr(private), Type: ptr(proto), IsIpPublic: ptr(false), IP: ptr("10.0.0.2")}
		if public, ok := p.PublicPorts[int(private)]; ok {
			// Mapped tcp ports: on the pod's own public IP, or on the host's shared address
			// (a community pod without supportPublicIp).
			port.IP, port.IsIpPublic, port.PublicPort = ptr(sharedHostIP), ptr(false), ptr(int32(public))
			if p.PublicIP != "" {
				port.IP, port.IsIpPublic = ptr(p.PublicIP), ptr(true)
			}
		}
		ports = append(ports, port)
	}
	gpus := []*gqlRuntimeGPU{}
	for i := range p.GPUCount {
		gpus = append(gpus, &gqlRuntimeGPU{ID: ptr(fmt.Sprintf("GPU-%s-%d", p.MachineID, i)), GpuUtilPercent: ptr(int32(0)), MemoryUtilPercent: ptr(int32(0))})
	}
	out.Runtime = &gqlRuntime{
		UptimeInSeconds: ptr(int32(now.Sub(p.BootAt).Seconds())), Ports: &ports, Gpus: &gpus,
		Container: &gqlRuntimeContainer{CpuPercent: ptr(int32(0)), MemoryPercent: ptr(int32(1))},
	}
	return out
}

func (q *gqlRoot) Myself() *gqlUser {
	q.s.mu.Lock()
	defer q.s.mu.Unlock()
	pods := []*gqlPod{}
	for _, p := range sorted(q.s.store.pods) {
		pods = append(pods, q.s.gqlPodOf(p))
	}
	return &gqlUser{ID: ptr(q.s.store.userID), Pods: &pods}
}

func (q *gqlRoot) Pod(args struct{ Input *struct{ PodId string } }) *gqlPod {
	if args.Input == nil {
		return nil
	}
	q.s.mu.Lock()
	defer q.s.mu.Unlock()
	p, ok := q.s.store.pods[args.Input.PodId]
	if !ok {
		return nil // RunPod answers null for a pod it does not know
	}
	return q.s.gqlPodOf(p)
}

type gqlGPUType struct {
	s *Server
	g GPUType
}

func (q *gqlRoot) GpuTypes(args struct {
	Input *struct {
		ID  *string
		Ids *[]*string
	}
}) *[]*gqlGPUType {
	q.s.mu.Lock()
	defer q.s.mu.Unlock()
	out := []*gqlGPUType{}
	for _, g := range q.s.store.gpuTypes {
		if in := args.Input; in != nil {
			if in.ID != nil && *in.ID != g.ID {
				continue
			}
			if in.Ids != nil && !containsPtr(*in.Ids, g.ID) {
				continue
			}
		}
		out = append(out, &gqlGPUType{s: q.s, g: g})
	}
	return &out
}

func containsPtr(list []*string, v string) bool {
	for _, item := range list {
		if item != nil && *item == v {
			return true
		}
	}
	return false
}

func nonZero(v float64) *float64 {
	if v == 0 {
		return nil
	}
	return &v
}

func (t *gqlGPUType) ID() *string           { return ptr(t.g.ID) }
func (t *gqlGPUType) DisplayName() *string  { return ptr(t.g.DisplayName) }
func (t *gqlGPUType) Manufacturer() *string { return ptr(t.g.Manufacturer) }
func (t *gqlGPUType) MemoryInGb() *int32    { return ptr(int32(t.g.MemoryInGb)) }
func (t *gqlGPUType) SecureCloud() *bool    { return ptr(t.g.SecureCloud()) }
func (t *gqlGPUType) CommunityCloud() *bool { return ptr(t.g.CommunityCloud()) }
func (t *gqlGPUType) SecurePrice() *float64 { return nonZero(t.g.SecurePrice) }
func (t *gqlGPUType) CommunityPrice() *float64 {
	return nonZero(t.g.CommunityPrice)
}
func (t *gqlGPUType) SecureSpotPrice() *float64    { return nonZero(t.g.SecureSpotPrice) }
func (t *gqlGPUType) CommunitySpotPrice() *float64 { return nonZero(t.g.CommunitySpotPrice) }
func (t *gqlGPUType) MaxGpuCount() *int32          { return ptr(int32(t.g.MaxGPUCount)) }

type gqlLowestPrice struct {
	GpuName               *string
	GpuTypeId             *string
	MinimumBidPrice       *float64
	UninterruptablePrice  *float64
	StockStatus           *string
	MaxUnreservedGpuCount *int32
}

// LowestPrice quotes gpuCount GPUs in the cheapest matching cloud (or the one asked for); null
// when no cloud offers the type or stock is short, as on RunPod.
func (t *gqlGPUType) LowestPrice(args struct {
	Input *struct {
		GpuCount            int32
		SecureCloud         *bool
		DataCenterId        *string
		CountryCode         *string
		MinDisk             *int32
		MinDownload         *int32
		MinMemoryInGb       *int32
		MinUpload           *int32
		MinVcpuCount        *int32
		TotalDisk           *int32
		SupportPublicIp     *bool
		IncludeAiApi        *bool
		MinCudaVersion      *string
		AllowedCudaVersions *[]*string
		CudaVersion         *string
	}
}) *gqlLowestPrice {
	count := int32(1)
	var clouds []string
	if in := args.Input; in != nil {
		count = max(in.GpuCount, 1)
		if in.SecureCloud != nil && *in.SecureCloud {
			clouds = []string{cloudSecure}
		} else if in.SecureCloud != nil {
			clouds = []string{cloudCommunity}
		}
	}
	if clouds == nil {
		clouds = []string{cloudCommunity, cloudSecure}
	}
	t.s.mu.Lock()
	defer t.s.mu.Unlock()
	var best *gqlLowestPrice
	for _, cloud := range clouds {
		perGPU := t.g.price(cloud, false)
		free := t.s.store.stock.total(t.g.ID, cloud)
		if perGPU == 0 || int32(t.g.MaxGPUCount) < count {
			continue
		}
		lp := &gqlLowestPrice{
			GpuName: ptr(t.g.DisplayName), GpuTypeId: ptr(t.g.ID), StockStatus: stockStatus(free, int(count)),
			MaxUnreservedGpuCount: ptr(int32(free)),
		}
		if free >= int(count) {
			lp.UninterruptablePrice = ptr(round3(perGPU * float64(count)))
			if spot := t.g.price(cloud, true); spot > 0 {
				lp.MinimumBidPrice = ptr(round3(spot * float64(count)))
			}
		}
		if best == nil || (lp.UninterruptablePrice != nil && (best.UninterruptablePrice == nil || *lp.UninterruptablePrice < *best.UninterruptablePrice)) {
			best = lp
		}
	}
	return best
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

func stockStatus(free, want int) *string {
	switch {
	case free < want:
		return nil
	case free >= 32:
		return ptr("High")
	case free >= 8:
		return ptr("Medium")
	default:
		return ptr("Low")
	}
}

// PodRentInterruptable rents a spot pod at a bid per GPU.
func (q *gqlRoot) PodRentInterruptable(args struct {
	Input struct {
		BidPerGpu           *float64
		CloudType           *string
		ContainerDiskInGb   *int32
		CountryCode         *string
		DataCenterId        *string
		DockerArgs          *string
		Env                 *[]*struct{ Key, Value string }
		GpuCount            *int32
		GpuTypeId           *string
		ImageName           *string
		MinDisk             *int32
		MinDownload         *int32
		MinMemoryInGb       *int32
		MinUpload           *int32
		MinVcpuCount        *int32
		Name                *string
		NetworkVolumeId     *string
		Port                *int32
		Ports               *string
		StartJupyter        *bool
		StartSsh            *bool
		StopAfter           *string
		TerminateAfter      *string
		SupportPublicIp     *bool
		TemplateId          *string
		VolumeInGb          *int32
		VolumeKey           *string
		VolumeMountPath     *string
		CudaVersion         *string
		AllowedCudaVersions *[]*string
	}
}) (*gqlPod, error) {
	in := args.Input
	if in.BidPerGpu == nil || *in.BidPerGpu <= 0 {
		return nil, fmt.Errorf("bidPerGpu is required and must be positive")
	}
	if in.GpuTypeId == nil {
		return nil, fmt.Errorf("gpuTypeId is required")
	}
	spec := podSpec{
		Name: deref(in.Name, "my pod"), Image: deref(in.ImageName, ""), TemplateID: deref(in.TemplateId, ""),
		ComputeType: "GPU", Cloud: deref(in.CloudType, cloudSecure), GPUTypeIDs: []string{*in.GpuTypeId},
		GPUCount: int(deref(in.GpuCount, 1)), ContainerDiskInGb: int(deref(in.ContainerDiskInGb, 50)),
		VolumeInGb: int(deref(in.VolumeInGb, 20)), VolumeMountPath: deref(in.VolumeMountPath, "/workspace"),
		NetworkVolumeID: deref(in.NetworkVolumeId, ""), Ports: []string{}, Env: map[string]string{},
		DockerEntrypoint: []string{}, DockerStartCmd: []string{}, Interruptible: true, BidPerGPU: *in.BidPerGpu,
		SupportPublicIP: deref(in.SupportPublicIp, false),
	}
	if spec.Cloud == "ALL" {
		spec.Cloud = cloudSecure
	}
	if in.DataCenterId != nil {
		spec.DataCenterIDs = []string{*in.DataCenterId}
	}
	if in.Ports != nil && *in.Ports != "" {
		spec.Ports = strings.Split(*in.Ports, ",")
	}
	if in.DockerArgs != nil && *in.DockerArgs != "" {
		spec.DockerStartCmd = strings.Fields(*in.DockerArgs)
	}
	if in.Env != nil {
		for _, kv := range *in.Env {
			if kv != nil {
				spec.Env[kv.Key] = kv.Value
			}
		}
	}
	q.s.mu.Lock()
	defer q.s.mu.Unlock()
	p, err := q.s.store.createPod(spec)
	if err != nil {
		return nil, err
	}
	return q.s.gqlPodOf(p), nil
}

func (q *gqlRoot) PodResume(args struct {
	Input struct {
		PodId               string
		GpuCount            *int32
		SyncMachine         *bool
		ComputeType         *string
		AllowedCudaVersions *[]*string
	}
}) (*gqlPod, error) {
	return q.podMutation(func(st *store) (*podRecord, *apiError) { return st.resumePod(args.Input.PodId, 0) })
}

func (q *gqlRoot) PodBidResume(args struct {
	Input struct {
		PodId     string
		BidPerGpu float64
		GpuCount  int32
	}
}) (*gqlPod, error) {
	return q.podMutation(func(st *store) (*podRecord, *apiError) {
		if args.Input.BidPerGpu <= 0 {
			return nil, badRequest("bidPerGpu must be positive")
		}
		return st.resumePod(args.Input.PodId, args.Input.BidPerGpu)
	})
}

func (q *gqlRoot) PodStop(args struct {
	Input struct {
		PodId            string
		IncrementVersion *bool
	}
}) (*gqlPod, error) {
	return q.podMutation(func(st *store) (*podRecord, *apiError) { return st.stopPod(args.Input.PodId) })
}

func (q *gqlRoot) podMutation(act func(*store) (*podRecord, *apiError)) (*gqlPod, error) {
	q.s.mu.Lock()
	defer q.s.mu.Unlock()
	p, err := act(q.s.store)
	if err != nil {
		return nil, err
	}
	return q.s.gqlPodOf(p), nil
}
