package runpodprovider

import (
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/serve"
)

// Address is the provider's address in the Terraform Registry.
const Address = "registry.terraform.io/runpod-community/runpod"

// NewServer returns a constructor of the provider at version as a plugin protocol 6 server,
// as main serves it (see internal/kit/serve); the acceptance tests run it in-process.
func NewServer(version string) func() tfprotov6.ProviderServer {
	return serve.Server(New(version))
}
