package runpodapi

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"
)

// CreateSpotPod rents a spot pod through GraphQL (podRentInterruptable: v2 has no spot pods),
// then reads it through v2: one GraphQL call, one GET.
func (c *restV2) CreateSpotPod(ctx context.Context, in SpotPodCreateInput) (*Pod, error) {
	return createSpot(ctx, c.t, c.gql, podLookup(allPods(c), in.PodCreateInput, derefSlice(in.GPUTypeIDs), nil, true), in, c.GetPod)
}

// createSpotAtSpotPrice rents an interruptible pod without a bid, as REST v1's
// interruptible = true did: v2 has no spot pods, so for each GPU type of the priority list in
// turn it bids RunPod's current minimum spot price for that type (GraphQL gpuTypes,
// credential-free) through GraphQL's podRentInterruptable, moving on when RunPod has no
// capacity or quotes no spot price, then reads the pod through v2.
func (c *restV2) createSpotAtSpotPrice(ctx context.Context, in PodCreateInput) (*Pod, error) {
	const op = "create spot pod"
	if in.GPUTypeIDs == nil || len(*in.GPUTypeIDs) == 0 {
		return nil, fmt.Errorf("%s: a spot pod through RunPod's GraphQL API needs its GPU types in gpuTypeIds", op)
	}
	cloud := cmp.Or(deref(in.CloudType), "SECURE")
	count := 1
	if in.GPUCount != nil {
		count = *in.GPUCount
	}
	var tried []PlacementAttempt
	for _, typeID := range *in.GPUTypeIDs {
		label := fmt.Sprintf("GPU type %q (spot, %s cloud)", typeID, cloud)
		bid, err := c.spotPrice(ctx, typeID, count, cloud)
		if err != nil {
			return nil, err
		}
		if bid == 0 {
			tried = append(tried, PlacementAttempt{Candidate: label, Err: fmt.Errorf("RunPod quotes no spot price for %d GPU(s) now", count)})
			continue
		}
		spot := in
		spot.Interruptible = nil
		spot.GPUTypeIDs = &[]string{typeID}
		pod, err := c.CreateSpotPod(ctx, SpotPodCreateInput{PodCreateInput: spot, BidPerGPU: bid})
		if err == nil || !isSpotCapacityError(err) {
			return pod, err
		}
		tried = append(tried, PlacementAttempt{Candidate: label, Err: err})
	}
	return nil, &PlacementError{Operation: op, Attempts: tried}
}

// spotPrice returns RunPod's minimum spot bid per GPU for count GPUs of a type in a cloud
// (GraphQL's lowestPrice quotes the price of count GPUs), or 0 when it quotes none.
func (c *restV2) spotPrice(ctx context.Context, typeID string, count int, cloud string) (float64, error) {
	types, err := c.gql.gpuTypes(ctx, GPUTypeQuery{ID: typeID, GPUCount: count})
	if err != nil {
		return 0, err
	}
	for _, t := range types {
		offer := t.Secure
		if cloud == "COMMUNITY" {
			offer = t.Community
		}
		if offer.SpotPrice != nil && *offer.SpotPrice > 0 {
			return *offer.SpotPrice / float64(count), nil
		}
	}
	return 0, nil
}

// isSpotCapacityError reports whether GraphQL's podRentInterruptable found no machine: it
// answers HTTP 200 with an error that says so (the mock and RunPod's docs: "There are no
// longer any instances available"; unverified beyond that text).
func isSpotCapacityError(err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	text := strings.ToLower(apiErr.Message + " " + strings.Join(apiErr.Problems, " "))
	return strings.Contains(text, "no longer any instances available") || strings.Contains(text, "no instances currently available")
}

// ResumeSpotPod starts a stopped spot pod through GraphQL (podBidResume).
func (c *restV2) ResumeSpotPod(ctx context.Context, id string, bidPerGPU float64, gpuCount int) error {
	return action(ctx, "resume spot pod "+id, podReadBack(id, c.GetPod, podStatusReached(true), true), func(ctx context.Context) error {
		return c.gql.bidResume(ctx, id, bidPerGPU, gpuCount)
	})
}
