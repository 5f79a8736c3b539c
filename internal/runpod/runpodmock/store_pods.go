package runpodmock

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ---- pods ----

type podRecord struct {
	recordMeta
	Name, Image, TemplateID string
	ComputeType, Cloud      string
	GPUTypeID               string
	GPUCount                int
	CPUFlavorID             string
	VCPUCount               float64
	MemoryInGb              float64
	DataCenterID, MachineID string
	ContainerDiskInGb       int
	VolumeInGb              int
	VolumeMountPath         string
	NetworkVolumeID         string
	Ports                   []string
	Env                     map[string]string
	DockerEntrypoint        []string
	DockerStartCmd          []string
	ContainerRegistryAuthID string
	Interruptible           bool
	BidPerGPU               float64
	Locked                  bool
	// GlobalNetworking is the configured setting; GlobalNetworkingActive is what the running
	// container got at its last start (REST v2: a PATCH takes effect at the next start).
	GlobalNetworking       bool
	GlobalNetworkingActive bool
	SupportPublicIP        bool
	DesiredStatus          string
	CostPerHr              float64
	// CudaVersion is the host's CUDA version (GPU pods only).
	CudaVersion      string
	LastStartedAt    time.Time
	LastStatusChange string
	BootAt           time.Time
	PublicIP         string
	PublicPorts      map[int]int // private tcp port -> public port, assigned at boot
	// stockTaken is where the pod's GPUs came from, per data center, to give them back.
	stockTaken map[string]int
	// Cluster membership (REST v2 clusters): the cluster's id ("" for a standalone pod), the
	// pod's rank, its SLURM or RAY role ("" for other types) and its overlay address.
	ClusterID   string
	ClusterRank int
	ClusterRole string
	ClusterIP   string
}

// failingImageTag is the image tag the mock treats as a container that never becomes
// healthy: such a pod goes PROVISIONING → STARTING → ERROR and never gets a runtime.
const failingImageTag = ":mock-error"

func (p *podRecord) failing() bool { return strings.HasSuffix(p.Image, failingImageTag) }

// booted reports whether the pod's container is up (it has its runtime).
func (p *podRecord) booted(now time.Time) bool {
	return p.DesiredStatus == "RUNNING" && !now.Before(p.BootAt) && !p.failing()
}

// Observed pod statuses (REST v2 PodStatus). TERMINATED pods are deleted, so never listed.
const (
	podProvisioning = "PROVISIONING"
	podStarting     = "STARTING"
	podRunning      = "RUNNING"
	podExited       = "EXITED"
	podError        = "ERROR"
)

// status derives the observed status from the desired one and the boot clock: the first half
// of the boot delay PROVISIONING, the second half STARTING, then RUNNING (ERROR for a failing
// image). A zero boot delay is RUNNING at once.
func (p *podRecord) status(now time.Time) string {
	switch {
	case p.DesiredStatus != "RUNNING":
		return podExited
	case !now.Before(p.BootAt):
		if p.failing() {
			return podError
		}
		return podRunning
	case now.Before(p.LastStartedAt.Add(p.BootAt.Sub(p.LastStartedAt) / 2)):
		return podProvisioning
	default:
		return podStarting
	}
}

// Pod actions (REST v2 PodAction).
const (
	actionStart     = "start"
	actionStop      = "stop"
	actionRestart   = "restart"
	actionTerminate = "terminate"
)

// actions lists the transitions valid in a status, per the v2 podAction text.
func podActions(status string) []string {
	switch status {
	case podRunning:
		return []string{actionStop, actionRestart, actionTerminate}
	case podExited, podError:
		return []string{actionStart, actionTerminate}
	default: // PROVISIONING, STARTING
		return []string{actionStop, actionTerminate}
	}
}

// sshProxyUser is the pod's routing token on RunPod's SSH proxy: "<podId>-<8 hex>".
func (p *podRecord) sshProxyUser() string {
	sum := sha256.Sum256([]byte(p.MachineID + p.ID))
	return p.ID + "-" + hex.EncodeToString(sum[:4])
}

// globalNetworkIP is the pod's private address on the global network.
func (p *podRecord) globalNetworkIP() string {
	sum := sha256.Sum256([]byte(p.ID))
	return fmt.Sprintf("10.65.%d.%d", sum[0], 1+sum[1]%254)
}

// podSpec is a create request in neutral terms, after validation and defaults.
type podSpec struct {
	Name, Image, TemplateID, ComputeType, Cloud string
	GPUTypeIDs                                  []string
	GPUCount                                    int
	CPUFlavorIDs                                []string
	VCPUCount                                   int
	MinRAMPerGPU, MinVCPUPerGPU                 int
	DataCenterIDs                               []string
	ContainerDiskInGb, VolumeInGb               int
	VolumeMountPath, NetworkVolumeID            string
	Ports                                       []string
	Env                                         map[string]string
	DockerEntrypoint, DockerStartCmd            []string
	ContainerRegistryAuthID                     string
	Interruptible, Locked, GlobalNetworking     bool
	SupportPublicIP                             bool
	BidPerGPU                                   float64
	// AllowedCudaVersions and MinCudaVersion constrain the host's CUDA version.
	AllowedCudaVersions []string
	MinCudaVersion      string
	// StartSSH injects PUBLIC_KEY (the account's SSH keys, if it has any) and StartJupyter a
	// generated JUPYTER_PASSWORD into the env, unless the env sets them.
	StartSSH, StartJupyter bool
	// ExactPlacement is REST v2's placement: one GPU type (GPUTypeIDs[0]), dataCenterIds
	// enforced, the network volume's data center among them, global networking only in
	// eligible data centers, and a 400 capacity error when the stock cannot serve it. Without
	// it, placement is v1's (see stock.go).
	ExactPlacement bool
	// FlatCPUSizing is v1's historic CPU pod sizing (2 GB and $0.03 per vCPU whatever the
	// flavor), kept so v1 answers do not change; otherwise the flavor's catalog sizing.
	FlatCPUSizing bool
}

// capacityError is the refusal when the stock cannot serve a create. The v1 text is the live
// v1 API's (a 500); the v2 codec answers it as a 400 with v2's text (errNoCapacity).
func capacityError() *apiError {
	return &apiError{status: http.StatusInternalServerError, msg: "create pod: There are no instances currently available", kind: errNoCapacity}
}

func (st *store) createPod(spec podSpec) (*podRecord, *apiError) {
	if spec.TemplateID != "" {
		tpl, ok := st.templates[spec.TemplateID]
		if !ok {
			return nil, badRequest("create pod: template %s not found", spec.TemplateID)
		}
		if spec.Image == "" {
			spec.Image = tpl.ImageName
		}
	}
	if spec.Image == "" {
		return nil, badRequest("create pod: imageName or templateId is required")
	}
	if spec.ContainerRegistryAuthID != "" {
		if _, ok := st.registryAuths[spec.ContainerRegistryAuthID]; !ok {
			return nil, badRequest("create pod: container registry auth %s not found", spec.ContainerRegistryAuthID)
		}
	}
	dataCenters := spec.DataCenterIDs
	if spec.NetworkVolumeID != "" {
		nv, ok := st.volumes[spec.NetworkVolumeID]
		if !ok {
			return nil, badRequest("create pod: network volume %s not found", spec.NetworkVolumeID)
		}
		if len(dataCenters) > 0 && !slices.Contains(dataCenters, nv.DataCenterID) {
			return nil, badRequest("create pod: network volume %s is in %s, which is not among the requested data centers", nv.ID, nv.DataCenterID)
		}
		dataCenters = []string{nv.DataCenterID}
	}
	now := st.now()
	p := &podRecord{
		recordMeta: recordMeta{ID: randomID(14), CreatedAt: now}, Name: spec.Name, Image: spec.Image, TemplateID: spec.TemplateID,
		ComputeType: spec.ComputeType, Cloud: spec.Cloud, ContainerDiskInGb: spec.ContainerDiskInGb,
		VolumeInGb: spec.VolumeInGb, VolumeMountPath: spec.VolumeMountPath, NetworkVolumeID: spec.NetworkVolumeID,
		Ports: spec.Ports, Env: st.injectEnv(spec), DockerEntrypoint: spec.DockerEntrypoint, DockerStartCmd: spec.DockerStartCmd,
		ContainerRegistryAuthID: spec.ContainerRegistryAuthID, Interruptible: spec.Interruptible,
		BidPerGPU: spec.BidPerGPU, Locked: spec.Locked, GlobalNetworking: spec.GlobalNetworking,
		SupportPublicIP: spec.SupportPublicIP, MachineID: randomID(12),
	}
	if spec.ComputeType == "CPU" {
		p.CPUFlavorID = "cpu3c"
		if len(spec.CPUFlavorIDs) > 0 {
			p.CPUFlavorID = spec.CPUFlavorIDs[0]
		}
		p.VCPUCount = float64(spec.VCPUCount)
		ramPerVCPU, pricePerVCPU := 2.0, 0.03
		if f, ok := cpuFlavor(p.CPUFlavorID); ok && !spec.FlatCPUSizing {
			ramPerVCPU, pricePerVCPU = f.RAMGbPerVCPU, f.SecurePerVCPU
		}
		p.MemoryInGb = float64(spec.VCPUCount) * ramPerVCPU
		p.CostPerHr = pricePerVCPU * float64(spec.VCPUCount)
		p.DataCenterID = st.pickDataCenter(dataCenters, spec.Cloud)
		if spec.ExactPlacement && spec.GlobalNetworking {
			return nil, badRequest("globalNetworking requires an NVIDIA GPU pod: CPU pods cannot have it")
		}
	} else {
		var g GPUType
		var err *apiError
		if spec.ExactPlacement {
			g, err = st.placeGPU(p, spec, dataCenters)
		} else {
			g, err = st.rentGPU(p, spec, dataCenters)
		}
		if err != nil {
			return nil, err
		}
		p.GPUTypeID, p.GPUCount = g.ID, spec.GPUCount
		p.VCPUCount = float64(max(spec.MinVCPUPerGPU, 8) * spec.GPUCount)
		p.MemoryInGb = float64(max(spec.MinRAMPerGPU, g.MemoryInGb*2) * spec.GPUCount)
		price := g.price(spec.Cloud, spec.Interruptible)
		if spec.BidPerGPU > 0 {
			price = spec.BidPerGPU
		}
		p.CostPerHr = price * float64(spec.GPUCount)
		p.CudaVersion = hostCudaVersion(g, spec.AllowedCudaVersions, spec.MinCudaVersion)
	}
	st.pods[p.ID] = p
	st.startPod(p, "Rented by User")
	return p, nil
}

// injectEnv returns the pod's env with startSsh/startJupyter's variables added.
func (st *store) injectEnv(spec podSpec) map[string]string {
	env := map[string]string{}
	for k, v := range spec.Env {
		env[k] = v
	}
	if _, set := env["PUBLIC_KEY"]; spec.StartSSH && !set && len(st.sshKeys) > 0 {
		env["PUBLIC_KEY"] = strings.Join(st.sshKeys, "\n")
	}
	if _, set := env["JUPYTER_PASSWORD"]; spec.StartJupyter && !set {
		env["JUPYTER_PASSWORD"] = randomID(20)
	}
	if spec.Env == nil && len(env) == 0 {
		return spec.Env
	}
	return env
}

// rentGPU is v1's placement: the first requested type with enough GPUs in the cloud's total.
func (st *store) rentGPU(p *podRecord, spec podSpec, dataCenters []string) (GPUType, *apiError) {
	p.DataCenterID = st.pickDataCenter(dataCenters, spec.Cloud)
	for _, id := range spec.GPUTypeIDs {
		g, ok := st.gpuType(id)
		if !ok || g.price(spec.Cloud, false) == 0 {
			continue
		}
		if spec.BidPerGPU > 0 && spec.BidPerGPU < g.price(spec.Cloud, true) {
			return GPUType{}, &apiError{status: http.StatusOK, msg: fmt.Sprintf("Your bid of $%.3f/GPU/hr is below the minimum bid of $%.3f/GPU/hr for %s", spec.BidPerGPU, g.price(spec.Cloud, true), g.ID)}
		}
		if taken, ok := st.stock.takePooled(g.ID, spec.Cloud, p.DataCenterID, spec.GPUCount); ok {
			p.stockTaken = taken
			return g, nil
		}
	}
	return GPUType{}, capacityError()
}

// placeGPU is v2's placement: exactly one type, in one data center that has the GPUs.
func (st *store) placeGPU(p *podRecord, spec podSpec, dataCenters []string) (GPUType, *apiError) {
	if len(spec.GPUTypeIDs) != 1 {
		return GPUType{}, badRequest("exactly one GPU type is required")
	}
	g, ok := st.gpuType(spec.GPUTypeIDs[0])
	if !ok {
		return GPUType{}, badRequest("unknown GPU type %q: see GET /v2/catalog/gpus for the ids", spec.GPUTypeIDs[0])
	}
	if spec.GlobalNetworking {
		if !strings.EqualFold(g.Manufacturer, "NVIDIA") {
			return GPUType{}, badRequest("globalNetworking requires an NVIDIA GPU: %s is made by %s", g.ID, g.Manufacturer)
		}
		var eligible []string
		for _, id := range dataCenters {
			if dc, ok := dataCenter(id); ok && dc.GlobalNetwork {
				eligible = append(eligible, id)
			}
		}
		if len(dataCenters) > 0 && len(eligible) == 0 {
			return GPUType{}, badRequest("globalNetworking requires a data center with global networking (GET /v2/catalog/datacenters?globalNetwork=true): none of %s has it", strings.Join(dataCenters, ", "))
		}
		if len(dataCenters) == 0 {
			for _, dc := range DataCenters {
				if dc.GlobalNetwork {
					eligible = append(eligible, dc.ID)
				}
			}
		}
		dataCenters = eligible
	}
	if g.price(spec.Cloud, false) == 0 || hostCudaVersion(g, spec.AllowedCudaVersions, spec.MinCudaVersion) == "" && len(g.CudaVersions) > 0 {
		return GPUType{}, capacityError()
	}
	if (len(spec.AllowedCudaVersions) > 0 || spec.MinCudaVersion != "") && len(g.CudaVersions) == 0 {
		return GPUType{}, capacityError() // no host of the type reports a CUDA version
	}
	candidates := st.stock.dataCenters(g.ID, spec.Cloud)
	preferOrder := false
	if len(dataCenters) > 0 {
		var inList []string
		for _, dc := range dataCenters {
			if slices.Contains(candidates, dc) {
				inList = append(inList, dc)
			}
		}
		candidates, preferOrder = inList, len(spec.DataCenterIDs) > 0
	}
	dc := st.stock.place(g.ID, spec.Cloud, candidates, spec.GPUCount, preferOrder)
	if dc == "" {
		return GPUType{}, capacityError()
	}
	st.stock.free[stockKey{g.ID, spec.Cloud, dc}] -= spec.GPUCount
	p.stockTaken = map[string]int{dc: spec.GPUCount}
	p.DataCenterID = dc
	return g, nil
}

// hostCudaVersion is the newest CUDA version of the type that satisfies the constraints, ""
// when none does (or the type reports none).
func hostCudaVersion(g GPUType, allowed []string, minVersion string) string {
	for _, v := range g.CudaVersions {
		if len(allowed) > 0 && !slices.Contains(allowed, v) {
			continue
		}
		if minVersion != "" && compareVersions(v, minVersion) < 0 {
			continue
		}
		return v
	}
	return ""
}

// compareVersions compares "major[.minor]" numerically (12.11 > 12.2).
func compareVersions(a, b string) int {
	pa, pb := strings.SplitN(a, ".", 2), strings.SplitN(b, ".", 2)
	for i := range 2 {
		var x, y int
		if i < len(pa) {
			x, _ = strconv.Atoi(pa[i])
		}
		if i < len(pb) {
			y, _ = strconv.Atoi(pb[i])
		}
		if x != y {
			return x - y
		}
	}
	return 0
}

func (st *store) pickDataCenter(requested []string, cloud string) string {
	if len(requested) > 0 {
		return requested[0]
	}
	return defaultDataCenter(cloud)
}

// startPod (re)starts the container: a new lastStartedAt, no runtime until it boots; global
// networking takes its configured value.
func (st *store) startPod(p *podRecord, change string) {
	now := st.now()
	p.DesiredStatus = "RUNNING"
	p.LastStartedAt = now
	p.BootAt = now.Add(st.bootDelay)
	p.LastStatusChange = fmt.Sprintf("%s: %s", change, now.UTC().Format(time.RFC1123))
	p.GlobalNetworkingActive = p.GlobalNetworking
	p.PublicIP = ""
	p.PublicPorts = map[int]int{}
	if p.hasPublicIP() {
		p.PublicIP = fmt.Sprintf("203.0.113.%d", 2+len(st.pods)%250)
	}
	for _, port := range p.Ports {
		num, proto, _ := strings.Cut(port, "/")
		if n, err := strconv.Atoi(num); err == nil && proto == "tcp" {
			p.PublicPorts[n] = 10000 + int(randomNumber(50000))
		}
	}
}

func (p *podRecord) hasPublicIP() bool {
	return p.Cloud == cloudSecure || p.SupportPublicIP
}

func (st *store) pod(id string) (*podRecord, *apiError) {
	return recordOf(st.pods, id, "pod")
}

func (st *store) stopPod(id string) (*podRecord, *apiError) {
	p, err := st.pod(id)
	if err != nil {
		return nil, err
	}
	if p.Locked {
		return nil, badRequest("pod %s is locked: unlock it (locked = false) before stopping or resetting it", id)
	}
	p.DesiredStatus = "EXITED"
	p.PublicIP = ""
	p.PublicPorts = map[int]int{}
	p.LastStatusChange = "Exited by user: " + st.now().UTC().Format(time.RFC1123)
	return p, nil
}

func (st *store) resumePod(id string, bidPerGPU float64) (*podRecord, *apiError) {
	p, err := st.pod(id)
	if err != nil {
		return nil, err
	}
	if bidPerGPU > 0 {
		if !p.Interruptible {
			return nil, badRequest("pod %s is not an interruptible pod: resume it without a bid", id)
		}
		p.BidPerGPU = bidPerGPU
		p.CostPerHr = bidPerGPU * float64(p.GPUCount)
	}
	if p.DesiredStatus != "RUNNING" {
		st.startPod(p, "Resumed by user")
	}
	return p, nil
}

// podAction applies a REST v2 pod action if the pod's status allows it (409 otherwise).
// terminate deletes the pod and returns nil.
func (st *store) podAction(id, action string) (*podRecord, *apiError) {
	p, err := st.pod(id)
	if err != nil {
		return nil, err
	}
	status := p.status(st.now())
	if !slices.Contains(podActions(status), action) {
		return nil, &apiError{status: http.StatusConflict, msg: fmt.Sprintf("action %q is not valid for pod %s in status %s: valid actions are %s", action, id, status, strings.Join(podActions(status), ", "))}
	}
	switch action {
	case actionStart:
		st.startPod(p, "Started by user")
	case actionStop:
		return st.stopPod(id)
	case actionRestart:
		if p.Locked {
			return nil, badRequest("pod %s is locked: unlock it (locked = false) before restarting it", id)
		}
		st.startPod(p, "Restarted by user")
	case actionTerminate:
		return nil, st.deletePod(id)
	}
	return p, nil
}

// podUpdate is a PATCH in neutral terms: nil fields are unchanged.
type podUpdate struct {
	Name                    *string
	Locked                  *bool
	ContainerDiskInGb       *int
	ContainerRegistryAuthID *string
	DockerEntrypoint        *[]string
	DockerStartCmd          *[]string
	Env                     *map[string]string
	GlobalNetworking        *bool
	Image                   *string
	Ports                   *[]string
	VolumeInGb              *int
	VolumeMountPath         *string
	// GlobalNetworkingAtNextStart stores a globalNetworking change without resetting the pod:
	// it takes effect at the next start or restart (REST v2). In v1 it is a resetting field.
	GlobalNetworkingAtNextStart bool
}

// resets reports whether u resets the pod: any change but of name and locked (and of global
// networking at the next start), a field added later too.
func (u podUpdate) resets() bool {
	v := reflect.ValueOf(u)
	for i := range v.NumField() {
		f := v.Field(i)
		switch v.Type().Field(i).Name {
		case "Name", "Locked", "GlobalNetworkingAtNextStart":
		case "GlobalNetworking":
			if !f.IsNil() && !u.GlobalNetworkingAtNextStart {
				return true
			}
		default:
			if !f.IsNil() {
				return true
			}
		}
	}
	return false
}

// updatePod applies u; any field outside name/locked resets the pod, as on RunPod.
func (st *store) updatePod(id string, u podUpdate) (*podRecord, *apiError) {
	p, err := st.pod(id)
	if err != nil {
		return nil, err
	}
	locked := p.Locked
	if u.Locked != nil {
		locked = *u.Locked
	}
	if u.resets() && locked {
		return nil, badRequest("pod %s is locked: unlock it (locked = false) before changing fields that reset it", id)
	}
	if u.ContainerRegistryAuthID != nil && *u.ContainerRegistryAuthID != "" {
		if _, ok := st.registryAuths[*u.ContainerRegistryAuthID]; !ok {
			return nil, badRequest("update pod: container registry auth %s not found", *u.ContainerRegistryAuthID)
		}
	}
	if u.VolumeInGb != nil && *u.VolumeInGb < p.VolumeInGb {
		return nil, badRequest("update pod: volumeInGb cannot shrink from %d to %d", p.VolumeInGb, *u.VolumeInGb)
	}
	set(&p.Name, u.Name)
	set(&p.Locked, u.Locked)
	set(&p.ContainerDiskInGb, u.ContainerDiskInGb)
	set(&p.ContainerRegistryAuthID, u.ContainerRegistryAuthID)
	set(&p.DockerEntrypoint, u.DockerEntrypoint)
	set(&p.DockerStartCmd, u.DockerStartCmd)
	set(&p.Env, u.Env)
	set(&p.GlobalNetworking, u.GlobalNetworking)
	set(&p.Image, u.Image)
	set(&p.Ports, u.Ports)
	set(&p.VolumeInGb, u.VolumeInGb)
	set(&p.VolumeMountPath, u.VolumeMountPath)
	if u.resets() {
		st.startPod(p, "Reset by user")
	}
	return p, nil
}

func (st *store) resetPod(id string) (*podRecord, *apiError) {
	p, err := st.pod(id)
	if err != nil {
		return nil, err
	}
	if p.Locked {
		return nil, badRequest("pod %s is locked: unlock it (locked = false) before stopping or resetting it", id)
	}
	st.startPod(p, "Reset by user")
	return p, nil
}

func (st *store) deletePod(id string) *apiError {
	p, err := st.pod(id)
	if err != nil {
		return err
	}
	if p.GPUTypeID != "" {
		st.stock.give(p.GPUTypeID, p.Cloud, p.stockTaken)
	}
	delete(st.pods, id)
	return nil
}
