package runpodapi

import "github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodwire"

// v2NetworkVolume is NetworkVolume.
type v2NetworkVolume = runpodwire.NetworkVolume

func volumeDomain(v v2NetworkVolume) NetworkVolume {
	return NetworkVolume{ID: v.ID, Name: v.Name, Size: v.Size, DataCenterID: v.DataCenter, Type: v.Type}
}

// v2CreateNetworkVolume is CreateNetworkVolumeRequest.
type v2CreateNetworkVolume = runpodwire.NetworkVolumeCreate

// v2UpdateNetworkVolume is UpdateNetworkVolumeRequest.
type v2UpdateNetworkVolume = runpodwire.NetworkVolumeUpdate

type v2ListNetworkVolumes = runpodwire.NetworkVolumeList
