package yottaregistryauth_test

import (
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaacctest"
)

// TestAccRegistryAuth_lostCreateAnswerIsAdoptedWithAWarning: the create acts in Yotta, then
// the connection drops before the answer. The provider finds the credential the create made
// and manages it, and the apply says so in a warning naming it, worded as the RunPod provider
// words its own. One credential, no duplicate.
func TestAccRegistryAuth_lostCreateAnswerIsAdoptedWithAWarning(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	yottaacctest.ExpectLostCreateAdopted(t, m, yottaacctest.LostCreate{
		Config: config(m, "adopted", "DOCKER_HUB", "bot", "pw"), Address: addr, CreateRoute: routeCreate,
		ListPath: "/v2/container-registry-auths", Kind: "container registry auth",
		Cause: "create container registry auth adopted: no answer from Yotta",
	})
}
