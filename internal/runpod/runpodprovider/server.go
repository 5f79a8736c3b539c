package runpodprovider

import (
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/planwarn"
)

// Address is the provider's address in the Terraform Registry.
const Address = "registry.terraform.io/runpod-community/runpod"

// NewServer returns a constructor of the provider at version as a plugin protocol 6 server:
// the framework's, with the warnings of plans kept to the plan Terraform makes (not repeated
// when Terraform plans again right before applying; see internal/kit/planwarn). main serves it,
// and the acceptance tests run it in-process.
func NewServer(version string) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		return planwarn.Wrap(providerserver.NewProtocol6(New(version)())())
	}
}
