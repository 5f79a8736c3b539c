package yottapod_test

import (
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaacctest"
)

// TestAccPod_lostCreateAnswerIsAdoptedWithAWarning: the create acts in Yotta, then the
// connection drops before the answer. The provider finds the pod the create made and manages
// it, and the apply says so in a warning naming the pod, worded as the RunPod provider words
// its own: the user learns why an apply that met an error succeeded. One pod, no duplicate.
// That a create which got its answer gives no warning, TestAccPod_createMinimal checks.
func TestAccPod_lostCreateAnswerIsAdoptedWithAWarning(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	yottaacctest.ExpectLostCreateAdopted(t, m, yottaacctest.LostCreate{
		Config: podConfig(m, minimal("adopted")), Address: addr, CreateRoute: routeCreate, ListPath: "/v2/pods",
		Kind: "pod", Cause: "create pod: no answer from Yotta after sending the request",
	})
}
