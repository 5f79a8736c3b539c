package acctest_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// TestAccLostCreateAnswersAreAdopted: every resource's create acts in RunPod, then the
// connection drops before the answer. Each create is looked up and adopted: the apply
// succeeds and warns, for each resource, that it adopted the object (the same words as the
// Yotta provider's), the account holds exactly one of each (no orphan, no duplicate), and the
// next plan is empty. On REST v2 only: the warning is the resources', the same on both APIs,
// and REST v1's adoption of every kind of object is checked at the client level (runpodapi's
// TestLostCreatesAreAdoptedWithANotice).
func TestAccLostCreateAnswersAreAdopted(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		routes := []string{"POST /v2/pods", "POST /v2/serverless", "POST /v2/templates", "POST /v2/network-volumes", "POST /v2/registries"}
		for _, route := range routes {
			if err := m.AddFault(mockkit.Fault{Route: route, Kind: mockkit.FaultDropAfter, Times: 1}); err != nil {
				t.Fatal(err)
			}
		}
		warnings := acctest.NewPlanWarnings()
		var adopted []plancheck.PlanCheck
		for typ, kind := range map[string]string{
			"runpod_pod": "pod", "runpod_template": "template", "runpod_endpoint": "endpoint",
			"runpod_network_volume": "network volume", "runpod_container_registry_auth": "container registry auth",
		} {
			adopted = append(adopted, warnings.ExpectWarning(typ, acctest.ErrorText("Adopted the "+kind+" the create made: "+
				"RunPod did not report the outcome of the create (", "). The provider then listed the account's "+kind+"s, "+
				"found exactly one that matches the request and was made since it was sent, ", ", and manages it: nothing was "+
				"created twice.")))
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: warnings.ProviderFactories(),
			Steps: []resource.TestStep{{
				PreConfig:        warnings.Reset,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPreRefresh: adopted},
				Config: m.Config(`
resource "runpod_pod" "p" {
  name         = "lost-answer"
  image_name   = "busybox:1"
  gpu_type_ids = ["NVIDIA GeForce RTX 4090"]
}

resource "runpod_template" "t" {
  name          = "lost-answer"
  image_name    = "busybox:1"
  is_serverless = true
}

resource "runpod_endpoint" "e" {
  name         = "lost-answer"
  template_id  = runpod_template.t.id
  gpu_type_ids = ["NVIDIA GeForce RTX 4090"]
  workers_max  = 1
}

resource "runpod_network_volume" "v" {
  name           = "lost-answer"
  size           = 10
  data_center_id = "EU-RO-1"
}

resource "runpod_container_registry_auth" "r" {
  name     = "lost-answer"
  username = "me"
  password = "secret"
}
`),
				Check: resource.ComposeAggregateTestCheckFunc(
					m.ExpectCount("/pods", 1), m.ExpectCount("/endpoints", 1),
					m.ExpectCount("/templates?includeEndpointBoundTemplates=true", 1),
					m.ExpectCount("/networkvolumes", 1), m.ExpectCount("/containerregistryauth", 1),
				),
			}},
		})
		for _, route := range routes {
			if n := m.CallCount(route); n != 1 {
				t.Errorf("%s sent %d times; a create whose answer was lost must not be resent", route, n)
			}
		}
	})
}
