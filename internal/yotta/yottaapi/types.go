package yottaapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ID is a Yotta object id. Yotta's ids are int64 numbers of about 18 digits (such as
// 420522713875330018), beyond what a float64 (or JavaScript) holds exactly, and one of its doc
// examples returns an id as a string: an ID is kept as the decimal string, decoded from either
// form without going through a float, and sent as a JSON number where Yotta's schema says
// integer.
type ID string

// UnmarshalJSON accepts a JSON number or a string of digits.
func (id *ID) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		*id = ""
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*id = ID(strings.TrimSpace(s))
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("id: want a number or a string, got %s", b)
	}
	*id = ID(n.String())
	return nil
}

// Number is the id as a JSON number, for the request fields Yotta types int64
// (containerRegistryAuthId, volumeId).
func (id ID) Number() json.Number { return json.Number(id) }

// IsNumeric reports whether id is a non-empty string of decimal digits that fits an int64.
func IsNumeric(id string) bool {
	if id == "" {
		return false
	}
	_, err := strconv.ParseInt(id, 10, 64)
	return err == nil && !strings.HasPrefix(id, "+") && !strings.HasPrefix(id, "-")
}

// Time is a timestamp as Yotta sends it: epoch milliseconds in v2 (a number, or a string of
// digits as an earlier client typed it), or an ISO-8601 string (credentials' createdAt). The
// zero Time means Yotta sent none.
type Time struct{ time.Time }

// UnmarshalJSON accepts epoch milliseconds (number or string) or RFC 3339.
func (t *Time) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" || string(b) == `""` {
		t.Time = time.Time{}
		return nil
	}
	raw := string(b)
	if b[0] == '"' {
		if err := json.Unmarshal(b, &raw); err != nil {
			return err
		}
	}
	if ms, err := strconv.ParseInt(raw, 10, 64); err == nil {
		t.Time = time.UnixMilli(ms).UTC()
		return nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if parsed, err := time.Parse(layout, raw); err == nil {
			t.Time = parsed.UTC()
			return nil
		}
	}
	return fmt.Errorf("timestamp: want epoch milliseconds or RFC 3339, got %s", b)
}

// MarshalJSON writes epoch milliseconds (the mock and tests use it).
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return []byte(strconv.FormatInt(t.UnixMilli(), 10)), nil
}

// RFC3339 renders t for Terraform (UTC, millisecond precision), or "" for the zero Time.
func (t Time) RFC3339() string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z07:00")
}

// Number is a number Yotta may send as a JSON number or as a string ("0.65").
type Number struct {
	Value float64
	Set   bool
}

// UnmarshalJSON accepts a number, a numeric string, "" or null.
func (n *Number) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	*n = Number{}
	if string(b) == "null" || string(b) == `""` {
		return nil
	}
	raw := string(b)
	if b[0] == '"' {
		if err := json.Unmarshal(b, &raw); err != nil {
			return err
		}
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil {
		return fmt.Errorf("number: got %s", b)
	}
	*n = Number{Value: f, Set: true}
	return nil
}

// MarshalJSON writes the number, or null when not set.
func (n Number) MarshalJSON() ([]byte, error) {
	if !n.Set {
		return []byte("null"), nil
	}
	return json.Marshal(n.Value)
}

// Int is an integer Yotta may send as a number or a string of digits ("32", as the VM API
// does for sizes); null and "" are 0.
type Int int64

// UnmarshalJSON accepts a number, a numeric string, "" or null.
func (n *Int) UnmarshalJSON(b []byte) error {
	var f Number
	if err := f.UnmarshalJSON(b); err != nil {
		return err
	}
	*n = Int(f.Value)
	return nil
}

// PodStatus is a pod's status, normalized to the names of Yotta's status table (yotta/api/YOTTA-V2.md,
// Pod lifecycle): INITIALIZE, RUNNING, PAUSING, PAUSED, TERMINATING, TERMINATED, FAILED.
type PodStatus string

// Pod statuses.
const (
	PodInitialize  PodStatus = "INITIALIZE"
	PodRunning     PodStatus = "RUNNING"
	PodPausing     PodStatus = "PAUSING"
	PodPaused      PodStatus = "PAUSED"
	PodTerminating PodStatus = "TERMINATING"
	PodTerminated  PodStatus = "TERMINATED"
	PodFailed      PodStatus = "FAILED"
)

// PodStatuses lists the statuses in Yotta's integer order (v1 and SkyPilot send 0 to 6).
var PodStatuses = []PodStatus{PodInitialize, PodRunning, PodPausing, PodPaused, PodTerminating, PodTerminated, PodFailed}

// statusAliases are the other spellings Yotta's documentation and SDKs use: its "Common
// Status Codes" table (and YottaML's PodStatus enum) says INITIALIZING, STOPPING, STOPPED.
var statusAliases = map[string]PodStatus{
	"INITIALIZING": PodInitialize,
	"STOPPING":     PodPausing,
	"STOPPED":      PodPaused,
}

// ParsePodStatus normalizes a status as Yotta sends it: a name in any case or spelling of
// the documented ones, or a v1 integer code (as a number or a string). An unknown name is
// kept (upper-cased) so that it shows in errors.
func ParsePodStatus(raw string) PodStatus {
	s := strings.ToUpper(strings.TrimSpace(raw))
	if n, err := strconv.Atoi(s); err == nil && n >= 0 && n < len(PodStatuses) {
		return PodStatuses[n]
	}
	if alias, ok := statusAliases[s]; ok {
		return alias
	}
	return PodStatus(s)
}

// UnmarshalJSON accepts a string or a v1 integer code.
func (s *PodStatus) UnmarshalJSON(b []byte) error {
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
	*s = ParsePodStatus(raw)
	return nil
}

// Gone reports whether the pod is terminated or terminating: it no longer exists for
// Terraform.
func (s PodStatus) Gone() bool { return s == PodTerminated || s == PodTerminating }

// EnvVar is one environment variable, as Yotta lists them.
type EnvVar struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Port is a port to expose: its number and protocol (HTTP, TCP or SSH).
type Port struct {
	Port     int    `json:"port"`
	Protocol string `json:"protocol"`
}

// ExposedPort is a pod's exposed port as Yotta reports it.
type ExposedPort struct {
	Port        int    `json:"port"`
	ProxyPort   Int    `json:"proxyPort,omitempty"`
	Protocol    string `json:"protocol"`
	Host        string `json:"host,omitempty"`
	Healthy     bool   `json:"healthy"`
	IngressURL  string `json:"ingressUrl,omitempty"`
	ServiceName string `json:"serviceName,omitempty"`
}

// PersistentVolume attaches an existing Yotta volume to a pod.
type PersistentVolume struct {
	VolumeID   ID     `json:"volumeId"`
	MountPath  string `json:"mountPath"`
	NeedBackup *bool  `json:"needBackup,omitempty"`
}

// MarshalJSON sends volumeId as the int64 Yotta's schema declares.
func (v PersistentVolume) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		VolumeID   json.Number `json:"volumeId"`
		MountPath  string      `json:"mountPath"`
		NeedBackup *bool       `json:"needBackup,omitempty"`
	}{v.VolumeID.Number(), v.MountPath, v.NeedBackup})
}

// PodCreateRequest is the body of POST /v2/pods (PodV2CreateRequest). Optional fields left
// zero (nil) are not sent, so Yotta applies its defaults.
type PodCreateRequest struct {
	Name                    string             `json:"name"`
	Regions                 []string           `json:"regions,omitempty"`
	Image                   string             `json:"image"`
	ImageRegistry           string             `json:"imageRegistry,omitempty"`
	ContainerRegistryAuthID ID                 `json:"-"`
	ImagePublicType         string             `json:"imagePublicType,omitempty"`
	ResourceType            string             `json:"resourceType,omitempty"`
	GPUType                 string             `json:"gpuType"`
	GPUCount                int                `json:"gpuCount"`
	MinSingleCardVRAMInGB   *int               `json:"minSingleCardVramInGb,omitempty"`
	MinSingleCardRAMInGB    *int               `json:"minSingleCardRamInGb,omitempty"`
	MinSingleCardVCPU       *int               `json:"minSingleCardVcpu,omitempty"`
	ShmInGB                 *int               `json:"shmInGb,omitempty"`
	ContainerVolumeInGB     *int               `json:"containerVolumeInGb,omitempty"`
	PersistentVolumeInGB    *int               `json:"persistentVolumeInGb,omitempty"`
	PersistentMountPath     string             `json:"persistentMountPath,omitempty"`
	InitializationCommand   string             `json:"initializationCommand,omitempty"`
	EnvironmentVars         []EnvVar           `json:"environmentVars,omitempty"`
	Expose                  []Port             `json:"expose,omitempty"`
	PersistentVolumes       []PersistentVolume `json:"persistentVolumes,omitempty"`
}

// MarshalJSON adds containerRegistryAuthId as an int64 when set.
func (r PodCreateRequest) MarshalJSON() ([]byte, error) {
	type plain PodCreateRequest
	body, err := json.Marshal(plain(r))
	if err != nil || r.ContainerRegistryAuthID == "" {
		return body, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, err
	}
	m["containerRegistryAuthId"] = json.RawMessage(r.ContainerRegistryAuthID)
	return json.Marshal(m)
}

// Pod is a pod as GET /v2/pods/{id} reports it. Yotta's docs list a minimal set (id, name,
// image, imageRegistry, gpuType, gpuDisplayName, gpuCount, status, createdAt, updatedAt,
// sshCmd); the rest is what its MCP client's types model of the real payload. The settings
// a pod was created with that Yotta may leave out of an answer are pointers (nil: not
// reported), and so are environmentVars and expose (nil slices when absent), so that a
// caller can tell "not reported" from "empty".
type Pod struct {
	ID                    ID            `json:"id"`
	Name                  string        `json:"name"`
	Image                 string        `json:"image"`
	ImageRegistry         *string       `json:"imageRegistry,omitempty"`
	GPUType               string        `json:"gpuType"`
	GPUDisplayName        string        `json:"gpuDisplayName,omitempty"`
	GPUCount              int           `json:"gpuCount"`
	Status                PodStatus     `json:"status"`
	CreatedAt             Time          `json:"createdAt"`
	UpdatedAt             Time          `json:"updatedAt"`
	SSHCmd                string        `json:"sshCmd,omitempty"`
	ResourceType          *string       `json:"resourceType,omitempty"`
	Region                string        `json:"region,omitempty"`
	CloudType             string        `json:"cloudType,omitempty"`
	ContainerVolumeInGB   *Int          `json:"containerVolumeInGb,omitempty"`
	ShmInGB               *Int          `json:"shmInGb,omitempty"`
	SingleCardVRAMInGB    Int           `json:"singleCardVramInGb,omitempty"`
	SingleCardRAMInGB     Int           `json:"singleCardRamInGb,omitempty"`
	SingleCardVCPU        Int           `json:"singleCardVcpu,omitempty"`
	SingleCardPrice       Number        `json:"singleCardPrice"`
	EnvironmentVars       []EnvVar      `json:"environmentVars"`
	InitializationCommand *string       `json:"initializationCommand,omitempty"`
	InternalIP            string        `json:"internalIp,omitempty"`
	Expose                []ExposedPort `json:"expose"`
	// FailedReason is why a FAILED pod failed. Yotta documents no such field: the client reads
	// the first of failedReason, failReason, statusMessage, errorMessage and reason that is set
	// (unverified; the mock sends failedReason).
	FailedReason string `json:"failedReason,omitempty"`
}

// UnmarshalJSON decodes a pod, accepting v1's names where v2's are absent (podName,
// podInternalIp) and the failure reason under any of the names FailedReason lists.
func (p *Pod) UnmarshalJSON(b []byte) error {
	type plain Pod
	var aux struct {
		plain
		PodName       string `json:"podName"`
		PodInternalIP string `json:"podInternalIp"`
		FailReason    string `json:"failReason"`
		StatusMessage string `json:"statusMessage"`
		ErrorMessage  string `json:"errorMessage"`
		Reason        string `json:"reason"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*p = Pod(aux.plain)
	if p.Name == "" {
		p.Name = aux.PodName
	}
	if p.InternalIP == "" {
		p.InternalIP = aux.PodInternalIP
	}
	for _, r := range []string{aux.FailReason, aux.StatusMessage, aux.ErrorMessage, aux.Reason} {
		if p.FailedReason == "" {
			p.FailedReason = r
		}
	}
	return nil
}

// PodFilter narrows GET /v2/pods: regions and statuses, sent comma-separated as regionList
// and statusList. Statuses are sent by name, as Yotta's MCP server does and its live test
// shows working (YottaML sends v1's integer codes instead; unverified which v2 prefers).
type PodFilter struct {
	Regions  []string
	Statuses []PodStatus
}

// RegistryAuth is a container registry credential (the password is never returned).
type RegistryAuth struct {
	ID        ID     `json:"id"`
	Name      string `json:"name"`
	Type      string `json:"type"`
	CreatedAt Time   `json:"createdAt"`
}

// RegistryAuthCreateRequest is the body of POST /v2/container-registry-auths.
type RegistryAuthCreateRequest struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Username string `json:"username"`
	Password string `json:"password"`
}

// RegistryAuthUpdateRequest is the body of PATCH /v2/container-registry-auths/{id}: only what
// changes is sent.
type RegistryAuthUpdateRequest struct {
	Name     *string `json:"name,omitempty"`
	Username *string `json:"username,omitempty"`
	Password *string `json:"password,omitempty"`
}

// Registry types a credential may have.
var RegistryTypes = []string{"DOCKER_HUB", "GCR", "ECR", "ACR", "PRIVATE"}

// GPUType is one entry of GET /v2/vms/types: a GPU type and its availability by region.
type GPUType struct {
	GPUType string          `json:"gpuType"`
	Regions []GPUTypeRegion `json:"regions"`
}

// GPUTypeRegion is a region's availability of a GPU type.
type GPUTypeRegion struct {
	Region     string `json:"region"`
	RegionName string `json:"regionName"`
	Available  bool   `json:"available"`
	VMTypeID   ID     `json:"vmTypeId"`
}
