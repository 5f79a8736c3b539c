// Package runpodwire holds RunPod's REST v2 request and response bodies as Go types, one type
// per wire object, shared by the client (runpodapi), which sends the requests and decodes the
// answers, and the mock (runpodmock), which decodes the requests and renders the answers. It
// imports neither. The contract is api/runpod-rest-v2.openapi.json; type names follow its
// components.schemas. The mock validates every request body against that spec before
// decoding it into these types, and the conformance checker validates both directions of
// every exchange of the acceptance tests, so a json tag that drifts from the spec fails there.
//
// Requests: a field the client may leave out is a pointer (or a slice or map) with omitempty,
// so the mock can tell "absent" from "zero" (a decoded slice is nil only when absent);
// Nullable is a property a PATCH may also clear with null. Responses: a property the spec
// requires is always rendered, a nullable one as null, so those have no omitempty.
//
// The catalog's bodies (GPU and CPU types, data centers, templates of the public catalog) and
// an endpoint's workers and releases are not here: the client reads a few of their
// properties and the mock renders many more, so each side keeps the shape it uses.
package runpodwire

import "encoding/json"

// Nullable is a property a PATCH may leave out (nil), set, or clear with null (Null).
type Nullable = json.RawMessage

// Null clears a Nullable property.
var Null = json.RawMessage("null")

// NullableString is s as a Nullable.
func NullableString(s string) Nullable {
	b, _ := json.Marshal(s)
	return b
}

// NullableValue reads a Nullable string: present says it was sent, value is "" for null.
func NullableValue(n Nullable) (value string, present bool) {
	if n == nil {
		return "", false
	}
	_ = json.Unmarshal(n, &value) // null leaves ""
	return value, true
}

// Container is ContainerConfig in a request: the container settings of a pod, a template or
// an endpoint.
type Container struct {
	BaseContainer
	Registry Nullable `json:"registry,omitempty"`
}

// BaseContainer is BaseContainerConfig in a request: the container settings without a
// registry credential, which a cluster cannot take yet.
type BaseContainer struct {
	Image *string            `json:"image,omitempty"`
	Args  *string            `json:"args,omitempty"`
	Disk  *int               `json:"disk,omitempty"`
	Env   *map[string]string `json:"env,omitempty"`
	Ports *[]string          `json:"ports,omitempty"`
}

// ContainerConfig is ContainerConfig in an answer.
type ContainerConfig struct {
	Image    string            `json:"image"`
	Args     *string           `json:"args"`
	Disk     int               `json:"disk"`
	Env      map[string]string `json:"env"`
	Ports    []string          `json:"ports"`
	Registry *string           `json:"registry"`
}

// CPUConfig is CreateCpuConfig (requests) and CpuConfig (answers, which add memory).
type CPUConfig struct {
	ID        string `json:"id"`
	VCPUCount int    `json:"vcpuCount"`
	Memory    int    `json:"memory,omitempty"` // answers only
}

// Mounts is Mounts (pods) and TemplateMounts (templates: persistent only). A request's
// "network": [] decodes to an empty, non-nil Network.
type Mounts struct {
	Persistent *PersistentMount `json:"persistent,omitempty"`
	Network    []NetworkMount   `json:"network,omitempty"`
}

// PersistentMount is PersistentMount: a pod volume.
type PersistentMount struct {
	Size int    `json:"size"`
	Path string `json:"path"`
}

// NetworkMount is NetworkMount: a network volume mounted at a path.
type NetworkMount struct {
	VolumeID string `json:"volumeId"`
	Path     string `json:"path"`
}
