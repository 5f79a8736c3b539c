package runpodapi

// v2Registry is Registry; v2CreateRegistry is CreateRegistryRequest.
type v2Registry struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type v2CreateRegistry struct {
	Name     string `json:"name"`
	Username string `json:"username"`
	Password string `json:"password"`
}

type v2ListRegistries struct {
	Registries []v2Registry `json:"registries"`
}
