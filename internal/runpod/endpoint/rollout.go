package endpoint

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/poll"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// keepPlannedRelease keeps the planned version where the plan knew it. It differs from
// RunPod's answer only when the endpoint's template changed in the same apply on REST v1
// (which rolls out a release on RunPod's side, and which this endpoint's plan could not see):
// Terraform requires the planned value, and the next refresh records RunPod's.
func keepPlannedRelease(ctx context.Context, m *resourceModel, plan resourceModel) {
	if !plan.Version.IsUnknown() && !plan.Version.Equal(m.Version) {
		tflog.Info(ctx, "endpoint rolled out a release not in its plan (its template changed); the next refresh records it",
			map[string]any{"id": m.ID.ValueString(), "planned_version": plan.Version.ValueInt64(), "version": m.Version.ValueInt64()})
		m.Version = plan.Version
	}
}

// rolloutPoll is how the rollout is polled: the first look at once, then after 500 ms,
// doubling up to 10 s.
var rolloutPoll = poll.Backoff{Initial: 500 * time.Millisecond, Factor: 2, Max: 10 * time.Second}

// waitForRollout waits until every worker of the endpoint runs its latest release, within
// ctx's deadline (the update timeout). A poll that fails transiently (throttling, a 5xx, no
// answer) does not end the wait: it polls on until the deadline.
func (r *endpointResource) waitForRollout(ctx context.Context, id, label string, diags *diag.Diagnostics) {
	var rollout *runpodapi.EndpointRollout
	transient := func(err error) bool {
		if !runpodapi.IsTransient(err) {
			return false
		}
		tflog.Warn(ctx, "a poll of the endpoint's rollout failed: polling on until the timeout", map[string]any{"id": id, "error": err.Error()})
		return true
	}
	err := poll.Until(ctx, poll.Poll{Next: rolloutPoll.Next, Transient: transient}, func(ctx context.Context) (bool, error) {
		got, err := r.Client.GetEndpointRollout(ctx, id)
		if err != nil {
			return false, err
		}
		rollout = got
		if !rollout.InProgress {
			tflog.Info(ctx, "endpoint rolled out its release", map[string]any{"id": id, "version": rollout.Version})
			return true, nil
		}
		tflog.Debug(ctx, "endpoint still rolling out", map[string]any{"id": id, "version": rollout.Version,
			"workers_on_latest": rollout.WorkersOnLatest, "workers_total": rollout.WorkersTotal})
		return false, nil
	})
	var timeout *poll.TimeoutError
	switch {
	case err == nil:
	case errors.As(err, &timeout):
		progress := ""
		if rollout != nil {
			progress = fmt.Sprintf(" (release %d had reached %d of %d workers)", rollout.Version, rollout.WorkersOnLatest, rollout.WorkersTotal)
		}
		if timeout.Last != nil {
			progress += fmt.Sprintf(" (the last poll failed: %v)", timeout.Last)
		}
		diags.AddError("Endpoint rollout did not finish in time",
			fmt.Sprintf("Endpoint %s was updated, but its workers had not all moved to the new release when the update "+
				"timeout ran out%s. The endpoint keeps its new settings and its workers keep moving to the release. Raise "+
				"timeouts.update, or set wait_for_rollout = false to end the apply once RunPod has taken the change.", label, progress))
	default:
		providerutil.AddAPIError(diags, "read the rollout of endpoint "+id, err)
	}
}
