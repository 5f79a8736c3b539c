package runpodapi

import (
	"context"
	"strings"
	"testing"
)

func TestV2SpotPodsGoThroughGraphQLAndReadThroughV2(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("POST /graphql", ok(`{"data":{"podRentInterruptable":{"id":"p9","desiredStatus":"RUNNING"}}}`))
	f.on("GET /v2/pods/p9", ok(podJSON("p9", "PROVISIONING")))
	pod, err := c.CreateSpotPod(ctx, SpotPodCreateInput{BidPerGPU: 0.2, PodCreateInput: PodCreateInput{
		ImageName: Ptr("img"), GPUTypeIDs: &[]string{"G"}, StartSSH: Ptr(true)}})
	if err != nil || pod.ID != "p9" || pod.Source != BackendV2 {
		t.Fatalf("pod %+v, err %v", pod, err)
	}
	assertCalls(t, f, "POST /graphql", "GET /v2/pods/p9")
	if b := f.bodies("POST /graphql")[0]; !strings.Contains(b, `"startSsh":true`) || !strings.Contains(b, `"bidPerGpu":0.2`) {
		t.Errorf("GraphQL body %s", b)
	}
	f.on("POST /graphql", ok(`{"data":{"podBidResume":{"id":"p9","desiredStatus":"RUNNING"}}}`))
	if err := c.ResumeSpotPod(ctx, "p9", 0.3, 1); err != nil {
		t.Fatal(err)
	}
}

// An interruptible pod without a bid is rented through GraphQL at RunPod's current spot
// price for its GPU type (v2 has no spot pods), then read through v2.
func TestV2InterruptibleWithoutBidRentsAtTheSpotPrice(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("POST /graphql",
		answer{status: 200, body: `{"data":{"gpuTypes":[{"id":"G","displayName":"G","secureCloud":true,"communityCloud":true,` +
			`"secureLowestPrice":{"uninterruptablePrice":1.2,"minimumBidPrice":0.6,"stockStatus":"High"},` +
			`"communityLowestPrice":{"uninterruptablePrice":0.8,"minimumBidPrice":0.4,"stockStatus":"High"}}]}}`},
		answer{status: 200, body: `{"data":{"podRentInterruptable":{"id":"p1","desiredStatus":"RUNNING"}}}`})
	f.on("GET /v2/pods/p1", answer{status: 200, body: podJSON("p1", "RUNNING")})
	pod, err := c.CreatePod(context.Background(), PodCreateInput{
		ImageName: Ptr("img"), GPUTypeIDs: &[]string{"G"}, GPUCount: Ptr(2), CloudType: Ptr("COMMUNITY"), Interruptible: Ptr(true),
	})
	if err != nil {
		t.Fatal(err)
	}
	if pod.ID != "p1" {
		t.Errorf("pod %q, want p1", pod.ID)
	}
	bodies := f.bodies("POST /graphql")
	if len(bodies) != 2 || !strings.Contains(bodies[1], `"bidPerGpu":0.2`) || !strings.Contains(bodies[1], `"gpuCount":2`) {
		t.Errorf("GraphQL calls %v: want the rent at 0.40 / 2 GPUs = 0.2 per GPU", bodies)
	}
}
