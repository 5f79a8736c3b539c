package yottamock

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
)

// Volume statuses, lower case as Yotta's volume schema spells them.
const (
	volumeCreating = "creating"
	volumeActive   = "active"
	volumeDeleting = "deleting"
	volumeResizing = "resizing"
)

var (
	storageTypes      = []string{"S3", "CEPH", "VENDOR", "R2"}
	sizedStorageTypes = []string{"CEPH", "VENDOR"}
	vendorVolumeTypes = []string{"NVMe", "HDD"}
)

// volumeCostPerGB is the mock's price of a volume: USD per GB per month (Yotta publishes none).
const volumeCostPerGB = 0.07

// volume is a storage volume of the mock. Its status is computed from the times below.
type volume struct {
	id, name, storageType, region, vendorType string
	size                                      int
	created                                   time.Time
	// activeAt is when creating ends (creation + boot delay).
	activeAt time.Time
	// resizedAt (when set) is when a resize ends: resizing until then, the new size after.
	resizedAt time.Time
	oldSize   int
	// deletedAt (when set) is the delete: deleting for half the boot delay, then gone.
	deletedAt  time.Time
	transition time.Duration
}

func (v *volume) status(now time.Time) string {
	switch {
	case !v.deletedAt.IsZero():
		return volumeDeleting
	case now.Before(v.activeAt):
		return volumeCreating
	case !v.resizedAt.IsZero() && now.Before(v.resizedAt):
		return volumeResizing
	}
	return volumeActive
}

// reportedSize is the size Yotta reports: the old one while a resize runs.
func (v *volume) reportedSize(now time.Time) int {
	if !v.resizedAt.IsZero() && now.Before(v.resizedAt) {
		return v.oldSize
	}
	return v.size
}

// gone reports whether a deleted volume has finished deleting.
func (v *volume) gone(now time.Time) bool {
	return !v.deletedAt.IsZero() && !now.Before(v.deletedAt.Add(v.transition))
}

// mountedBy lists the pods (not deleted) that mount volume id.
func (s *store) mountedBy(id string) []*pod {
	var out []*pod
	for _, pid := range s.podOrder {
		p := s.pods[pid]
		if !p.deletedAt.IsZero() {
			continue
		}
		if slices.ContainsFunc(p.req.PersistentVolumes, func(v volumeReq) bool { return v.VolumeID.String() == id }) {
			out = append(out, p)
		}
	}
	return out
}

// routeVolumes serves /v2/volumes: list (paged, storageType required), get, create, delete,
// and the rename and resize routes.
func (s *Server) routeVolumes() {
	mockkit.Route(s.api, mockkit.Resource[*volume, apiError]{
		Collection: "/v2/volumes", IDParam: "id", CreateStatus: http.StatusOK, Deleted: true,
		Get:    func(id string, _ *http.Request) (*volume, *apiError) { return s.lookupVolume(id) },
		Create: s.createVolume, Remove: s.deleteVolume,
		Render: func(v *volume, _ mockkit.View, _ *http.Request) any { return s.renderVolume(v, s.opts.Now()) },
	})
	// The list is paged ({items, page, size, total, pages}), which the route table's lists are not.
	s.api.Handle("GET /v2/volumes", s.listVolumes)
	s.api.Handle("POST /v2/volumes/{id}/name", s.renameVolume)
	s.api.Handle("POST /v2/volumes/{id}/resize", s.resizeVolume)
}

type volumeRequest struct {
	Name             *string     `json:"name"`
	StorageType      string      `json:"storageType"`
	Region           string      `json:"region"`
	SizeInGB         json.Number `json:"sizeInGb"`
	VendorVolumeType string      `json:"vendorVolumeType"`
}

// volumeSize reads sizeInGb: an integer from 1 to 10240.
func volumeSize(n json.Number) (int, *apiError) {
	size, err := strconv.Atoi(n.String())
	if err != nil || size < 1 || size > 10240 {
		return 0, invalid("sizeInGb: must be an integer from 1 to 10240, got %s", n)
	}
	return size, nil
}

func validVolumeName(name *string) *apiError {
	if name == nil || *name == "" || len(*name) > 255 {
		return invalid("name: must be 1 to 255 characters")
	}
	return nil
}

func (s *Server) createVolume(r *http.Request) (*volume, *apiError) {
	var req volumeRequest
	if e := decodeStrict(r, &req); e != nil {
		return nil, e
	}
	if e := validVolumeName(req.Name); e != nil {
		return nil, e
	}
	sized := slices.Contains(sizedStorageTypes, req.StorageType)
	switch {
	case !slices.Contains(storageTypes, req.StorageType):
		return nil, invalid("storageType: must be one of %s, got %q", strings.Join(storageTypes, ", "), req.StorageType)
	case req.Region == "" && req.StorageType != "S3":
		return nil, invalid("region: required for %s volumes", req.StorageType)
	case req.Region != "" && s.store.region(req.Region) == nil:
		return nil, invalid("region: region [%s] not supported", req.Region)
	case sized && req.SizeInGB == "":
		return nil, invalid("sizeInGb: required for %s volumes", req.StorageType)
	case !sized && req.SizeInGB != "":
		return nil, invalid("sizeInGb: only CEPH and VENDOR volumes have a size")
	case req.StorageType == "VENDOR" && !slices.Contains(vendorVolumeTypes, req.VendorVolumeType):
		return nil, invalid("vendorVolumeType: must be NVMe or HDD for VENDOR volumes, got %q", req.VendorVolumeType)
	case req.StorageType != "VENDOR" && req.VendorVolumeType != "":
		return nil, invalid("vendorVolumeType: only VENDOR volumes have one")
	}
	size := 0
	if sized {
		var e *apiError
		if size, e = volumeSize(req.SizeInGB); e != nil {
			return nil, e
		}
	}
	now := s.opts.Now()
	v := &volume{
		id: s.store.newID(), name: *req.Name, storageType: req.StorageType, region: req.Region, vendorType: req.VendorVolumeType,
		size: size, created: now, activeAt: now.Add(s.store.bootDelay), transition: s.store.bootDelay / 2,
	}
	s.store.volumes[v.id] = v
	s.store.volumeOrder = append(s.store.volumeOrder, v.id)
	return v, nil
}

// lookupVolume finds a volume by the {id} of the path; a refusal when there is none (a
// volume whose delete has finished is dropped here).
func (s *Server) lookupVolume(id string) (*volume, *apiError) {
	notFound := &apiError{status: http.StatusNotFound, code: codeRecordNotExist, msg: "Record not exist"}
	if _, err := strconv.ParseInt(id, 10, 64); err != nil {
		return nil, invalid("id: [%s] is not a volume id", id)
	}
	v, ok := s.store.volumes[id]
	if !ok {
		return nil, notFound
	}
	if v.gone(s.opts.Now()) {
		s.store.dropVolume(id)
		return nil, notFound
	}
	return v, nil
}

func (s *store) dropVolume(id string) {
	delete(s.volumes, id)
	s.volumeOrder = slices.DeleteFunc(s.volumeOrder, func(x string) bool { return x == id })
}

// listVolumes serves GET /v2/volumes: the volumes of storageType (required) and region, in
// creation order, one page ({items, page, size, total, pages}; page from 1, size 10 by default).
func (s *Server) listVolumes(r *http.Request) (int, any, *apiError) {
	q := r.URL.Query()
	storageType := q.Get("storageType")
	if !slices.Contains(storageTypes, storageType) {
		return 0, nil, invalid("storageType: required, one of %s", strings.Join(storageTypes, ", "))
	}
	page, size := 1, 10
	for _, p := range []struct {
		name string
		dst  *int
	}{{"page", &page}, {"size", &size}} {
		if raw := q.Get(p.name); raw != "" {
			n, err := strconv.Atoi(raw)
			if err != nil || n < 1 {
				return 0, nil, invalid("%s: must be a positive integer, got %q", p.name, raw)
			}
			*p.dst = n
		}
	}
	now := s.opts.Now()
	var all []*volume
	for _, id := range slices.Clone(s.store.volumeOrder) {
		v := s.store.volumes[id]
		if v.gone(now) {
			s.store.dropVolume(id)
			continue
		}
		if v.storageType == storageType && (q.Get("region") == "" || v.region == q.Get("region")) {
			all = append(all, v)
		}
	}
	items := []any{}
	for i := (page - 1) * size; i < len(all) && i < page*size; i++ {
		items = append(items, s.renderVolume(all[i], now))
	}
	return http.StatusOK, map[string]any{"items": items, "page": page, "size": size, "total": len(all),
		"pages": (len(all) + size - 1) / size}, nil
}

// inUse refuses what Yotta refuses while pods mount a volume (HTTP 409), naming them.
func (s *Server) inUse(v *volume, action string) *apiError {
	users := s.store.mountedBy(v.id)
	if len(users) == 0 {
		return nil
	}
	names := make([]string, len(users))
	for i, p := range users {
		names[i] = fmt.Sprintf("pod %s (%s)", p.id, p.req.Name)
	}
	return &apiError{status: http.StatusConflict, code: codeStatusInvalid,
		msg: fmt.Sprintf("Volume [%s] cannot be %s: it is mounted by %s", v.name, action, strings.Join(names, ", "))}
}

func (s *Server) deleteVolume(id string, _ *http.Request) *apiError {
	v, e := s.lookupVolume(id)
	if e != nil {
		return e
	}
	if v.status(s.opts.Now()) == volumeDeleting {
		return nil // already being deleted
	}
	if e := s.inUse(v, "deleted"); e != nil {
		return e
	}
	v.deletedAt = s.opts.Now()
	if v.transition == 0 {
		s.store.dropVolume(id)
	}
	return nil
}

func (s *Server) renameVolume(r *http.Request) (int, any, *apiError) {
	var req struct {
		Name *string `json:"name"`
	}
	if e := decodeStrict(r, &req); e != nil {
		return 0, nil, e
	}
	if e := validVolumeName(req.Name); e != nil {
		return 0, nil, e
	}
	v, e := s.lookupVolume(r.PathValue("id"))
	if e != nil {
		return 0, nil, e
	}
	now := s.opts.Now()
	if v.status(now) == volumeDeleting {
		return 0, nil, &apiError{status: http.StatusConflict, code: codeStatusInvalid, msg: "Resource status invalid: the volume is being deleted"}
	}
	v.name = *req.Name
	return http.StatusOK, s.renderVolume(v, now), nil
}

func (s *Server) resizeVolume(r *http.Request) (int, any, *apiError) {
	var req struct {
		SizeInGB json.Number `json:"sizeInGb"`
	}
	if e := decodeStrict(r, &req); e != nil {
		return 0, nil, e
	}
	size, e := volumeSize(req.SizeInGB)
	if e != nil {
		return 0, nil, e
	}
	v, e := s.lookupVolume(r.PathValue("id"))
	if e != nil {
		return 0, nil, e
	}
	now := s.opts.Now()
	switch {
	case !slices.Contains(sizedStorageTypes, v.storageType):
		return 0, nil, invalid("sizeInGb: only CEPH and VENDOR volumes can be resized")
	case v.status(now) != volumeActive:
		return 0, nil, &apiError{status: http.StatusConflict, code: codeStatusInvalid,
			msg: fmt.Sprintf("Resource status invalid: only an ACTIVE volume can be resized (it is %s)", v.status(now))}
	case size < v.size:
		return 0, nil, invalid("sizeInGb: a volume cannot shrink (from %d GB to %d GB)", v.size, size)
	}
	if e := s.inUse(v, "resized"); e != nil {
		return 0, nil, e
	}
	if size != v.size {
		v.oldSize, v.size, v.resizedAt = v.size, size, now.Add(s.store.bootDelay/2)
	}
	return http.StatusOK, true, nil
}

// renderVolume is the volume object of Yotta's answers.
func (s *Server) renderVolume(v *volume, now time.Time) map[string]any {
	var vendorType any
	if v.vendorType != "" {
		vendorType = v.vendorType
	}
	size := v.reportedSize(now)
	return map[string]any{
		"id": json.Number(v.id), "name": v.name, "sizeInGb": size, "region": v.region, "storageType": v.storageType,
		"status": v.status(now), "vendorVolumeType": vendorType, "mountCount": len(s.store.mountedBy(v.id)),
		"cost": math.Round(float64(size)*volumeCostPerGB*100) / 100, "createdAt": v.created.UnixMilli(),
	}
}
