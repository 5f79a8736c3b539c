package runpodapi

// v2NetworkVolume is NetworkVolume and CreateNetworkVolumeRequest.
type v2NetworkVolume struct {
	ID         string `json:"id,omitempty"`
	Name       string `json:"name"`
	Size       int    `json:"size"`
	DataCenter string `json:"dataCenter"`
	Type       string `json:"type,omitempty"`
}

func (v v2NetworkVolume) domain() NetworkVolume {
	return NetworkVolume{ID: v.ID, Name: v.Name, Size: v.Size, DataCenterID: v.DataCenter, Type: v.Type}
}

// v2UpdateNetworkVolume is UpdateNetworkVolumeRequest.
type v2UpdateNetworkVolume struct {
	Name *string `json:"name,omitempty"`
	Size *int    `json:"size,omitempty"`
}

type v2ListNetworkVolumes struct {
	NetworkVolumes []v2NetworkVolume `json:"networkVolumes"`
}
