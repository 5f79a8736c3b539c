package runpodapi

import "github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodwire"

// v2Registry is Registry; v2CreateRegistry is CreateRegistryRequest.
type (
	v2Registry       = runpodwire.Registry
	v2CreateRegistry = runpodwire.RegistryCreate
	v2ListRegistries = runpodwire.RegistryList
)
