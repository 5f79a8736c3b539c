package cluster

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/pod"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// waitMembersReady polls the cluster's members (one list call per look, on pod.PollBackoff's
// schedule) until all podCount of them are ready by runpod_pod's rules (pod.NotReady), or one
// fails, or ctx ends. The error names the pods that failed or were not ready.
func waitMembersReady(ctx context.Context, api runpodapi.API, id string, podCount int, ports []string) ([]runpodapi.ClusterMember, error) {
	start := time.Now()
	var delay time.Duration
	waitingFor := "its member pods"
	var lastErr error
	for {
		members, err := api.ListClusterPods(ctx, id)
		switch {
		case err != nil && ctx.Err() == nil && runpodapi.IsTransient(err):
			lastErr = err
			tflog.Warn(ctx, "a poll of the cluster's pods failed: polling on until the timeout", map[string]any{"cluster_id": id, "error": err.Error()})
		case err != nil && ctx.Err() == nil:
			return nil, err
		case err == nil:
			var failed, waiting []string
			for _, m := range members {
				what, bad := pod.NotReady(&m.Pod, ports)
				label := fmt.Sprintf("%s (rank %s)", m.Pod.ID, rankText(m.Rank))
				switch {
				case bad:
					failed = append(failed, label+": "+what)
				case what != "":
					waiting = append(waiting, label+": "+what)
				}
			}
			if len(failed) > 0 {
				return nil, fmt.Errorf("cluster %s: %d member pod(s) failed to start: %s (check the image name and the start command; "+
					"RunPod's console shows each pod's logs)", id, len(failed), strings.Join(failed, "; "))
			}
			if len(members) < podCount {
				waiting = append(waiting, fmt.Sprintf("%d of %d member pods placed", len(members), podCount))
			}
			if len(waiting) == 0 {
				tflog.Debug(ctx, "every member pod is ready", map[string]any{"cluster_id": id, "waited": time.Since(start).String()})
				return members, nil
			}
			waitingFor = strings.Join(waiting, "; ")
		}
		delay = pod.PollBackoff.Next(delay)
		select {
		case <-ctx.Done():
			msg := fmt.Sprintf("cluster %s was not ready after %s: still waiting for %s", id, time.Since(start).Round(time.Second), waitingFor)
			if lastErr != nil {
				msg += fmt.Sprintf("; the last poll failed: %v", lastErr)
			}
			return nil, fmt.Errorf("%s (%w)", msg, ctx.Err())
		case <-time.After(delay):
		}
	}
}

func rankText(rank *int) string {
	if rank == nil {
		return "unassigned"
	}
	return fmt.Sprint(*rank)
}
