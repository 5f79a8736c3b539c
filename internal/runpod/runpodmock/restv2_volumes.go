package runpodmock

import (
	"net/http"
	"slices"
	"strings"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodwire"
)

func (s *Server) createVolumeV2(r *http.Request) (*volumeRecord, *apiError) {
	var in runpodwire.NetworkVolumeCreate
	if _, err := decodeV2(r, &in); err != nil {
		return nil, err
	}
	dc, known := dataCenter(in.DataCenter)
	// Omitted, the type is the data center's default (primary) tier: its first.
	typ := deref(in.Type, "")
	if typ == "" {
		typ = volumeStandard
		if known && len(dc.VolumeTypes) > 0 {
			typ = dc.VolumeTypes[0]
		}
	}
	if !known || !slices.Contains(dc.VolumeTypes, typ) {
		var supporting []string
		for _, d := range DataCenters {
			if slices.Contains(d.VolumeTypes, typ) {
				supporting = append(supporting, d.ID)
			}
		}
		return nil, badRequest("data center %q does not support %s network volumes; data centers that do: %s", in.DataCenter, typ, strings.Join(supporting, ", "))
	}
	return s.store.createVolume(&volumeRecord{Name: in.Name, Size: in.Size, DataCenterID: dc.ID, Type: typ}), nil
}

func (s *Server) updateVolumeV2(id string, r *http.Request) (*volumeRecord, *apiError) {
	var in runpodwire.NetworkVolumeUpdate
	if _, err := decodeV2(r, &in); err != nil {
		return nil, err
	}
	return s.store.updateVolume(id, in.Name, in.Size, false)
}
