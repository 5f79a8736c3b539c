package runpodwire

// NetworkVolumeCreate is CreateNetworkVolumeRequest.
type NetworkVolumeCreate struct {
	Name       string  `json:"name"`
	Size       int     `json:"size"`
	DataCenter string  `json:"dataCenter"`
	Type       *string `json:"type,omitempty"`
}

// NetworkVolumeUpdate is UpdateNetworkVolumeRequest.
type NetworkVolumeUpdate struct {
	Name *string `json:"name,omitempty"`
	Size *int    `json:"size,omitempty"`
}

// NetworkVolume is NetworkVolume.
type NetworkVolume struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Size       int    `json:"size"`
	DataCenter string `json:"dataCenter"`
	Type       string `json:"type"`
}

// NetworkVolumeList is ListNetworkVolumesResponse.
type NetworkVolumeList struct {
	NetworkVolumes []NetworkVolume `json:"networkVolumes"`
}

// RegistryCreate is CreateRegistryRequest.
type RegistryCreate struct {
	Name     string `json:"name"`
	Username string `json:"username"`
	Password string `json:"password"`
}

// Registry is Registry: RunPod never returns the credentials.
type Registry struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// RegistryList is ListRegistriesResponse.
type RegistryList struct {
	Registries []Registry `json:"registries"`
}
