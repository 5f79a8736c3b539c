package pod

import (
	"cmp"
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// restartWaitTimeout bounds the wait for a restarted pod to be ready again, as the pod
// resource's default update timeout does.
const restartWaitTimeout = 10 * time.Minute

// NewRestartAction returns the runpod_pod_restart action: restart a running pod's container
// from a plan (`terraform apply -invoke=action.runpod_pod_restart.<name>`, or a resource's
// lifecycle action_trigger), then wait until it is ready again.
func NewRestartAction() action.Action { return &restartAction{} }

type restartAction struct{ client runpodapi.API }

var _ action.ActionWithConfigure = (*restartAction)(nil)

type restartModel struct {
	PodID types.String `tfsdk:"pod_id"`
	Wait  types.Bool   `tfsdk:"wait"`
}

func (a *restartAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_pod_restart"
}

func (a *restartAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Restarts a running pod's container (Terraform 1.14 and later), as RunPod's console's restart " +
			"does: the container starts again from its image, with the pod's current settings; the container disk is " +
			"reset, the volume and network volume are kept. Invoke it with `terraform apply -invoke=action.runpod_pod_restart.<name>`, " +
			"or from a resource's `lifecycle { action_trigger { ... } }`. It changes nothing in the state. REST v2 sends " +
			"its `restart` action; REST v1 stops the pod, then starts it. A pod that cannot restart now (stopped, or " +
			"still starting) fails with the status RunPod reports and the actions it allows. Stopping and starting a pod " +
			"stay `runpod_pod`'s `desired_status`.",
		Attributes: map[string]schema.Attribute{
			"pod_id": schema.StringAttribute{
				MarkdownDescription: "The id of the pod to restart, such as `runpod_pod.notebook.id`.",
				Required:            true,
			},
			"wait": schema.BoolAttribute{
				MarkdownDescription: "Whether to wait, up to 10 minutes, until the pod runs again with its ports ready, as " +
					"`runpod_pod` waits after a create (default `true`). `false` returns once RunPod has taken the restart.",
				Optional: true,
			},
		},
	}
}

func (a *restartAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.client = tfresource.Client[runpodapi.API](req.ProviderData, &resp.Diagnostics, providerutil.API.Name)
}

func (a *restartAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var cfg restartModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...); resp.Diagnostics.HasError() {
		return
	}
	id := cfg.PodID.ValueString()
	progress := func(format string, args ...any) {
		if resp.SendProgress != nil {
			resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf(format, args...)})
		}
	}
	before, err := a.client.GetPod(ctx, id)
	if err != nil {
		providerutil.AddAPIError(&resp.Diagnostics, "read pod "+id+" to restart it", err)
		return
	}
	if before.DesiredStatus != statusRunning {
		resp.Diagnostics.AddAttributeError(path.Root("pod_id"), "Pod "+id+" is not running",
			fmt.Sprintf("Pod %s (%s) is %s: only a running pod restarts. Start it with desired_status = \"RUNNING\" on its "+
				"runpod_pod (starting runs its container afresh, as a restart would).", id, before.Name, cmp.Or(before.Status, before.DesiredStatus)))
		return
	}
	progress("Restarting pod %s (%s)", id, before.Name)
	if err := a.client.RestartPod(ctx, id); err != nil {
		providerutil.AddAPIError(&resp.Diagnostics, "restart pod "+id, err)
		return
	}
	if !cfg.Wait.IsNull() && !cfg.Wait.ValueBool() {
		progress("RunPod took the restart of pod %s; not waiting (wait = false)", id)
		return
	}
	progress("Pod %s is restarting: waiting until it runs with its ports ready", id)
	ctx, cancel := context.WithTimeout(ctx, restartWaitTimeout)
	defer cancel()
	expectsPublicIP := before.Machine != nil && cloudOf(before.Machine) != cloudCommunity || before.PublicIP != ""
	if _, err := waitReady(ctx, a.client, id, readinessFor(before.Ports, expectsPublicIP), nil); err != nil {
		resp.Diagnostics.AddError("Pod "+id+" did not come back after the restart",
			fmt.Sprintf("RunPod took the restart, but the pod was not ready again: %v", err))
		return
	}
	progress("Pod %s is running again", id)
}
