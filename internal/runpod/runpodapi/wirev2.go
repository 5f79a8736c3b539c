package runpodapi

// REST v2's wire shapes and their mapping to and from the domain types: everything this
// client knows about v2's JSON lives in the wirev2*.go files, so that the next contract change
// (RunPod changes v2 inside "2.0.0") is an edit there. This file holds what the domains share;
// wirev2_pod.go, wirev2_endpoint.go, wirev2_template.go, wirev2_volume.go, wirev2_registry.go
// and wirev2_catalog.go hold one domain each; wirev2_args.go the quoting of start commands,
// wirev2_gpupools.go the serverless GPU pools and wirev2_pricing.go the catalog's prices. The
// contract is api/runpod-rest-v2.openapi.json; schema names in these files are its
// components.schemas.

import (
	"errors"
	"fmt"
	"strings"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodwire"
)

// What REST v1 applied when a field was not set and REST v2 no longer does. The v2 backend
// sends these so that a configuration behaves as it did on v1 (and as the provider's docs
// say), but only where nothing else supplies the value: never over a template's settings
// (a create from a template leaves them to the template).
const (
	v1DefaultPodName            = "my pod"     // v1 PodCreateInput.name; v2 requires a name
	v1DefaultContainerDiskInGb  = 50           // v1 containerDiskInGb; v2 disk has no default
	v1DefaultVolumeInGb         = 20           // v1 volumeInGb of a GPU pod or pod template; v2 mounts nothing unless asked
	v1DefaultVolumeMountPath    = "/workspace" // v1 volumeMountPath; v2 mount paths have no default
	v1DefaultGPUCount           = 1            // v1 gpuCount; v2 needs gpu.count sent (see podCreateBody)
	v1DefaultVCPUCount          = 2            // v1 vcpuCount; required by v2 for CPU pods and endpoints
	v1DefaultIdleTimeout        = 5            // v1 idleTimeout (s); v2 create defaults to 10
	v1DefaultScalerType         = "QUEUE_DELAY"
	v1DefaultScalerValue        = 4
	v1DefaultExecutionTimeoutMs = 600000 // v1 spec's executionTimeoutMs example (it states no default); v2 stores 0 when omitted
	// defaultEndpointName is sent when an endpoint has no name: v2 requires one and v1's
	// server-side default is not documented (a choice of this client, not a v1 default).
	defaultEndpointName = "my endpoint"
)

// v1DefaultPorts are v1's ports; v2 exposes none unless asked.
var v1DefaultPorts = []string{"8888/http", "22/tcp"}

// ---------------------------------------------------------------------------------------
// Errors

// isCapacityError reports whether err is REST v2's "no capacity for this placement" answer,
// after which a create tries its next candidate. ASSUMPTION (unverified; RunPod's spec says
// capacity exhaustion "carries no machine-readable code of its own — only a human-readable
// detail"): it is a 400 whose detail holds "no longer any instances available", the text
// RunPod's migration notes record from the live API ("There are no longer any instances
// available with the requested specifications. Please refresh and try again."), also sent
// when dataCenterIds rule the GPU out. Any other 400 is a rule violation, the same for every
// candidate. This is the one place that reads that text.
func isCapacityError(err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 {
		return false
	}
	text := strings.ToLower(apiErr.Message + " " + strings.Join(apiErr.Problems, " "))
	return strings.Contains(text, "no longer any instances available")
}

// ---------------------------------------------------------------------------------------
// Shared pieces

// v2Nullable is a field a PATCH may leave out, set, or clear with null: nil is left out,
// v2Null clears, anything else is the JSON value.
type v2Nullable = runpodwire.Nullable

var v2Null = runpodwire.Null

func v2String(s string) v2Nullable { return runpodwire.NullableString(s) }

// registryField maps a registry auth id: "" clears it (null), nil leaves it alone.
func registryField(id *string) v2Nullable {
	if id == nil {
		return nil
	}
	if *id == "" {
		return v2Null
	}
	return v2String(*id)
}

// The shared pieces of v2's bodies (runpodwire holds every v2 wire object the mock shares).
type (
	v2CPUConfig       = runpodwire.CPUConfig
	v2Mounts          = runpodwire.Mounts
	v2PersistentMount = runpodwire.PersistentMount
	v2NetworkMount    = runpodwire.NetworkMount
	v2ContainerConfig = runpodwire.ContainerConfig
)

// Compute types and cloud tiers as the domain names them.
const (
	computeGPU  = "GPU"
	computeCPU  = "CPU"
	cloudSecure = "SECURE"
	// Priorities of the create's candidate lists.
	priorityAvailability = "availability"
	priorityCustom       = "custom"
)

// updateMounts builds the mounts of a PATCH of a pod or template (what). v2 takes a mount
// whole (size and path, or volume id and path), so a change of one of volumeInGb and
// volumeMountPath is completed from current, the mounts as read (nil when the caller did not
// need to read them, see needsCurrentMounts; an empty Mounts when there are none).
func updateMounts(what string, size *int, path *string, current *v2Mounts) (*v2Mounts, error) {
	if size == nil && path == nil {
		return nil, nil
	}
	if current == nil {
		return &v2Mounts{Persistent: &v2PersistentMount{Size: *size, Path: *path}}, nil
	}
	switch {
	case len(current.Network) > 0:
		if size != nil && *size > 0 {
			return nil, fmt.Errorf("volumeInGb on a %s with a network volume: REST v2 cannot add a %s volume after create (replace the %s)", what, what, what)
		}
		if path == nil {
			return nil, nil
		}
		return &v2Mounts{Network: []v2NetworkMount{{VolumeID: current.Network[0].VolumeID, Path: *path}}}, nil
	case current.Persistent != nil:
		p := *current.Persistent
		if size != nil {
			if *size == 0 {
				return nil, fmt.Errorf("volumeInGb 0: REST v2 cannot remove a %s's volume after create (replace the %s)", what, what)
			}
			p.Size = *size
		}
		if path != nil {
			p.Path = *path
		}
		return &v2Mounts{Persistent: &p}, nil
	case size != nil && *size == 0:
		return nil, nil // no volume, none asked
	}
	return nil, fmt.Errorf("the %s has no volume: REST v2 cannot add one after create (replace the %s)", what, what)
}

// needsCurrentMounts reports whether updateMounts needs the mounts as they are: unless both
// settings are given with a size, the rest of the mount (or its kind) must be read.
func needsCurrentMounts(size *int, path *string) bool {
	if size == nil && path == nil {
		return false
	}
	return size == nil || path == nil || *size == 0
}

// mountsOrNone is the mounts as read, an empty Mounts when there are none.
func mountsOrNone(m *v2Mounts) *v2Mounts {
	if m == nil {
		return &v2Mounts{}
	}
	return m
}

// setString is s when set and not empty, else nil.
func setString(s *string) *string {
	if s == nil || *s == "" {
		return nil
	}
	return s
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
