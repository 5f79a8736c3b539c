package yottaapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

const volumesPath = "/v2/volumes"

// VolumeStatus is a volume's status, lower case as Yotta sends it: creating, active,
// deleting, resizing or error.
type VolumeStatus string

// Volume statuses.
const (
	VolumeCreating VolumeStatus = "creating"
	VolumeActive   VolumeStatus = "active"
	VolumeDeleting VolumeStatus = "deleting"
	VolumeResizing VolumeStatus = "resizing"
	VolumeError    VolumeStatus = "error"
)

// UnmarshalJSON accepts the status in any case (the resize route's description writes ACTIVE).
func (s *VolumeStatus) UnmarshalJSON(b []byte) error {
	var raw *string
	if err := json.Unmarshal(b, &raw); err != nil {
		return fmt.Errorf("volume status: want a string, got %s", b)
	}
	if raw == nil {
		*s = ""
		return nil
	}
	*s = VolumeStatus(strings.ToLower(strings.TrimSpace(*raw)))
	return nil
}

// Storage types of a volume, and the ones Yotta sizes (and resizes).
var (
	StorageTypes      = []string{"S3", "CEPH", "VENDOR", "R2"}
	SizedStorageTypes = []string{"CEPH", "VENDOR"}
	VendorVolumeTypes = []string{"NVMe", "HDD"}
)

// Volume size bounds, in GB (CreateVolumeRequest.sizeInGb).
const (
	MinVolumeSizeInGB = 1
	MaxVolumeSizeInGB = 10240
)

// Volume is a storage volume (GET /v2/volumes/{id}). MountCount is how many pods mount it:
// Yotta refuses to delete or resize a volume while it is above 0.
type Volume struct {
	ID               ID           `json:"id"`
	Name             string       `json:"name"`
	SizeInGB         Int          `json:"sizeInGb"`
	Region           string       `json:"region"`
	StorageType      string       `json:"storageType"`
	Status           VolumeStatus `json:"status"`
	VendorVolumeType *string      `json:"vendorVolumeType"`
	MountCount       Int          `json:"mountCount"`
	Cost             Number       `json:"cost"`
	CreatedAt        Time         `json:"createdAt"`
}

// VolumeCreateRequest is the body of POST /v2/volumes. Region is required for CEPH, VENDOR
// and R2, SizeInGB for CEPH and VENDOR, VendorVolumeType for VENDOR.
type VolumeCreateRequest struct {
	Name             string `json:"name"`
	StorageType      string `json:"storageType"`
	Region           string `json:"region,omitempty"`
	SizeInGB         *int   `json:"sizeInGb,omitempty"`
	VendorVolumeType string `json:"vendorVolumeType,omitempty"`
}

// VolumeFilter narrows GET /v2/volumes: the storage type is required by Yotta.
type VolumeFilter struct {
	StorageType string
	Region      string
}

// volumePage is one page of GET /v2/volumes.
type volumePage struct {
	Items []Volume `json:"items"`
	Page  int      `json:"page"`
	Size  int      `json:"size"`
	Total int      `json:"total"`
	Pages int      `json:"pages"`
}

// volumePageSize is how many volumes the client asks for per page.
const volumePageSize = 100

// CreateVolume creates a volume (POST /v2/volumes). A lost answer is settled like CreatePod's:
// the volumes of the storage type and region are listed, and the one with the request's name
// and size created since the request was sent and not known to this client is adopted.
func (c *Client) CreateVolume(ctx context.Context, in VolumeCreateRequest) (*Volume, error) {
	call := createCall{op: "create volume " + in.Name, kind: "volume", noun: "volume", path: volumesPath, body: in}
	return create(ctx, c, call,
		func(ctx context.Context) ([]Volume, error) {
			return c.ListVolumes(ctx, VolumeFilter{StorageType: in.StorageType, Region: in.Region})
		},
		func(v *Volume) bool {
			return v.Name == in.Name && (in.SizeInGB == nil || int(v.SizeInGB) == *in.SizeInGB) && v.Status != VolumeDeleting
		})
}

// GetVolume reads a volume. An unknown id is an error for which IsNotFound is true.
func (c *Client) GetVolume(ctx context.Context, id string) (*Volume, error) {
	return get[Volume](ctx, c, "read volume "+id, volumesPath+"/"+url.PathEscape(id), "volume")
}

// ListVolumes lists the account's volumes of f's storage type (and region), reading every page.
func (c *Client) ListVolumes(ctx context.Context, f VolumeFilter) ([]Volume, error) {
	var out []Volume
	for page := 1; ; page++ {
		q := url.Values{"storageType": {f.StorageType}, "page": {strconv.Itoa(page)}, "size": {strconv.Itoa(volumePageSize)}}
		if f.Region != "" {
			q.Set("region", f.Region)
		}
		var p volumePage
		if err := c.t.do(ctx, request{op: "list " + f.StorageType + " volumes", method: http.MethodGet, path: volumesPath, query: q}, &p); err != nil {
			return nil, err
		}
		out = append(out, p.Items...)
		// The last page: Yotta says so (pages), or it is short; a page that repeats the total
		// ends the loop too, whatever Yotta says of pages.
		if len(p.Items) == 0 || page >= p.Pages || len(p.Items) < volumePageSize || (p.Total > 0 && len(out) >= p.Total) {
			return out, nil
		}
	}
}

// RenameVolume renames a volume (POST /v2/volumes/{id}/name). Renaming twice is harmless, so
// it is retried as a read is.
func (c *Client) RenameVolume(ctx context.Context, id, name string) error {
	return c.t.do(ctx, request{op: "rename volume " + id, method: http.MethodPost, path: volumesPath + "/" + url.PathEscape(id) + "/name",
		body: map[string]string{"name": name}}, nil)
}

// ResizeVolume grows a CEPH or VENDOR volume to sizeInGB (POST /v2/volumes/{id}/resize); the
// volume is then resizing until active again. Yotta refuses it (HTTP 409) while a pod mounts
// the volume or it is not active. After a lost answer the volume is read back: a volume at
// the size or resizing took it; one still active at its old size did not, and it is sent again.
func (c *Client) ResizeVolume(ctx context.Context, id string, sizeInGB int) error {
	op := fmt.Sprintf("resize volume %s to %d GB", id, sizeInGB)
	for attempt := 1; ; attempt++ {
		err := c.t.do(ctx, request{op: op, method: http.MethodPost, path: volumesPath + "/" + url.PathEscape(id) + "/resize",
			body: map[string]int{"sizeInGb": sizeInGB}, retry: retryUnsent}, nil)
		if err == nil || !ambiguous(err) {
			return err
		}
		v, gerr := c.GetVolume(ctx, id)
		if gerr != nil {
			return fmt.Errorf("%w; reading the volume back also failed: %v", err, gerr)
		}
		if int(v.SizeInGB) == sizeInGB || v.Status == VolumeResizing {
			tflog.Debug(ctx, "volume resize already applied", map[string]any{"operation": op, "status": string(v.Status)})
			return nil
		}
		if attempt >= c.t.retry.MaxAttempts {
			return fmt.Errorf("giving up after %d attempts: %w", attempt, err)
		}
		if serr := c.pause(ctx, attempt); serr != nil {
			return fmt.Errorf("%s: %w (last error: %v)", op, serr, err)
		}
	}
}

// DeleteVolume deletes a volume. Yotta answers HTTP 409 while a pod mounts it (IsConflict).
func (c *Client) DeleteVolume(ctx context.Context, id string) error {
	return c.t.do(ctx, request{op: "delete volume " + id, method: http.MethodDelete, path: volumesPath + "/" + url.PathEscape(id)}, nil)
}
