// Package yottaendpoint is Yotta's serverless endpoints: the yotta_serverless_endpoint
// resource and the yotta_serverless_endpoint and yotta_serverless_endpoints data sources.
package yottaendpoint

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/planmodify"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/poll"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottautil"
)

var (
	_ resource.ResourceWithValidateConfig = (*endpointResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*endpointResource)(nil)
	_ resource.ResourceWithImportState    = (*endpointResource)(nil)
)

// How long the provider waits for an endpoint's workers, and for its deletion.
const (
	applyTimeout  = 30 * time.Minute
	deleteTimeout = 10 * time.Minute
)

// PollBackoff is how the provider polls an endpoint it waits for.
var PollBackoff = poll.Backoff{Initial: 500 * time.Millisecond, Factor: 1.5, Max: 5 * time.Second}

// NewResource returns the yotta_serverless_endpoint resource.
func NewResource() resource.Resource {
	return &endpointResource{Resource: yottautil.Resource("_serverless_endpoint")}
}

type endpointResource struct {
	tfresource.Resource[*yottaapi.Client]
	tfresource.IdentityByID
}

// apiFields maps the request's fields to the attributes, for errors that name a field.
var apiFields = map[string]string{
	"name": "name", "image": "image", "imageRegistry": "image_registry", "containerRegistryAuthId": "container_registry_auth_id",
	"credentialId": "container_registry_auth_id", "resources": "resources", "workers": "workers",
	"containerVolumeInGb": "container_volume_in_gb", "serviceMode": "service_mode", "expose": "expose",
	"environmentVars": "environment_vars", "webhook": "webhook", "initializationCommand": "initialization_command",
	"minSingleCardVramInGb": "min_single_card_vram_in_gb", "minSingleCardRamInGb": "min_single_card_ram_in_gb",
	"minSingleCardVcpu": "min_single_card_vcpu",
}

// restartAttributes are the attributes whose change Yotta's PATCH applies by restarting the
// workers; patchAttributes the ones it changes with them running.
var (
	restartAttributes = []string{"resources", "container_volume_in_gb", "expose", "environment_vars", "initialization_command",
		"container_registry_auth_id", "min_single_card_vram_in_gb", "min_single_card_ram_in_gb", "min_single_card_vcpu"}
	patchAttributes = []string{"name", "webhook"}
)

func (r *endpointResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema()
}

func (r *endpointResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	tfresource.ValidateConfig(ctx, req, resp, validateConfig)
}

// validateConfig checks the rules that span attributes, naming the attribute at fault.
func validateConfig(cfg endpointModel) diag.Diagnostics {
	var diags diag.Diagnostics
	if cfg.ServiceMode.ValueString() == "ALB" && cfg.Expose == nil {
		diags.AddAttributeError(path.Root("expose"), "Missing expose",
			"An ALB endpoint's load balancer sends requests to the workers' port: set expose = { port = 8000, protocol = \"HTTP\" } "+
				"(the port the image serves on), or choose service_mode QUEUE or CUSTOM.")
	}
	seen := map[string]int{}
	for i, res := range cfg.Resources {
		if res.Region.IsUnknown() || res.GPUType.IsUnknown() {
			continue
		}
		key := res.Region.ValueString() + " " + res.GPUType.ValueString()
		if j, ok := seen[key]; ok {
			diags.AddAttributeError(path.Root("resources").AtListIndex(i), "Resource listed twice",
				fmt.Sprintf("resources[%d] repeats resources[%d] (%s in %s): list each region and GPU type once.",
					i, j, res.GPUType.ValueString(), res.Region.ValueString()))
		}
		seen[key] = i
	}
	return diags
}

// ModifyPlan says, on an update that restarts the workers, which changes do so.
func (r *endpointResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	restart := planmodify.DisruptiveUpdate{
		Triggers: restartAttributes,
		Unknown:  []string{"status", "running_workers", "total_workers", "price_per_hour", "price_per_second"},
		Warning: func(ctx context.Context, changed []string, plan planmodify.PlanReader) (string, string) {
			var state endpointModel
			_ = req.State.Get(ctx, &state)
			return "Endpoint " + state.Name.ValueString() + " will restart its workers",
				fmt.Sprintf("Changing %s updates endpoint %s (%s) in place with Yotta's PATCH, which restarts every worker: "+
					"requests are not served until the workers run again (the apply waits for them). Changing name, webhook or "+
					"workers alone does not restart them.", planmodify.List(changed), state.Name.ValueString(), state.ID.ValueString())
		},
	}
	restart.Mark(ctx, req, resp)
}

func (r *endpointResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer tfresource.SetIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	ctx = yottautil.NoticeAdoptions(ctx, &resp.Diagnostics)
	var plan endpointModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, applyTimeout)
	defer cancel()
	in := plan.createRequest(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := r.Client.CreateEndpoint(ctx, in)
	if err != nil {
		yottautil.AddAPIErrorNaming(&resp.Diagnostics, "create serverless endpoint "+plan.Name.ValueString(), err, apiFields)
		return
	}
	id := string(created.ID)
	tflog.Info(ctx, "created serverless endpoint", map[string]any{"id": id, "status": string(created.Status)})
	save := func(e *yottaapi.Endpoint) {
		got := plan
		got.fromAPI(e)
		got.DesiredStatus = plan.DesiredStatus
		resp.Diagnostics.Append(resp.State.Set(ctx, &got)...)
	}
	// Saved at once: if anything below fails, the endpoint stays in the state (tainted).
	save(created)
	if resp.Diagnostics.HasError() {
		return
	}
	final, err := r.settle(ctx, id, plan, created, false)
	if final != nil {
		save(final)
	}
	if err != nil {
		resp.Diagnostics.AddError("Serverless endpoint created but not ready",
			fmt.Sprintf("Endpoint %s was created, but %v.\n\nThe endpoint is kept in the state and marked tainted: the next "+
				"apply replaces it. If it is fine as it is, keep it with terraform untaint <address>.", id, err))
	}
}

// settle brings endpoint id to plan's desired status (stopping or starting it; wasStopped
// says it was stopped before this apply), waits for it, and returns the last endpoint seen.
func (r *endpointResource) settle(ctx context.Context, id string, plan endpointModel, last *yottaapi.Endpoint, wasStopped bool) (*yottaapi.Endpoint, error) {
	workers := int(plan.Workers.ValueInt64())
	if plan.DesiredStatus.ValueString() == statusStopped {
		if !wasStopped {
			// Stopped once it runs, as a new endpoint's workers must start first.
			got, err := waitFor(ctx, r.Client, id, yottaapi.EndpointRunning, workers, last)
			if err != nil {
				return got, fmt.Errorf("waiting for its workers failed: %w", err)
			}
			if err := r.Client.StopEndpoint(ctx, id); err != nil {
				return got, fmt.Errorf("stopping it failed: %w", err)
			}
		}
		got, err := waitFor(ctx, r.Client, id, yottaapi.EndpointStopped, 0, nil)
		if err != nil {
			return got, fmt.Errorf("waiting for it to stop failed: %w", err)
		}
		return got, nil
	}
	if wasStopped {
		if err := r.Client.StartEndpoint(ctx, id); err != nil {
			return nil, fmt.Errorf("starting it failed: %w", err)
		}
		last = nil
	}
	got, err := waitFor(ctx, r.Client, id, yottaapi.EndpointRunning, workers, last)
	if err != nil {
		return got, fmt.Errorf("waiting for %d workers to run failed: %w", workers, err)
	}
	return got, nil
}

// errEndpointFailed is returned when Yotta reports the endpoint FAILED while the provider waits.
var errEndpointFailed = errors.New("Yotta reports the endpoint FAILED")

// waitFor polls endpoint id until it is want (RUNNING with workers running, or STOPPED), and
// returns the last endpoint seen. first, when set, is an answer at hand, checked before any
// call. FAILED ends the wait at once, with Yotta's reason.
func waitFor(ctx context.Context, client *yottaapi.Client, id string, want yottaapi.EndpointStatus, workers int, first *yottaapi.Endpoint) (*yottaapi.Endpoint, error) {
	last, atHand := first, first
	err := poll.Until(ctx, poll.Poll{Next: PollBackoff.Next}, func(ctx context.Context) (bool, error) {
		e := atHand
		atHand = nil
		if e == nil {
			var err error
			if e, err = client.GetEndpoint(ctx, id); err != nil {
				return false, err
			}
		}
		last = e
		switch {
		case e.Status == yottaapi.EndpointFailed:
			reason := e.FailedReason
			if reason == "" {
				reason = "Yotta gives no reason"
			}
			return false, fmt.Errorf("%w: %s", errEndpointFailed, reason)
		case e.Status == yottaapi.EndpointTerminated:
			return false, errors.New("the endpoint was deleted while the provider waited for it")
		}
		return e.Status == want && int(e.RunningWorkers) >= workers, nil
	})
	var timeout *poll.TimeoutError
	if errors.As(err, &timeout) && last != nil {
		err = fmt.Errorf("%w (Yotta reports it %s with %d of %d workers running)", err, last.Status, last.RunningWorkers, last.TotalWorkers)
	}
	return last, err
}

func (r *endpointResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer tfresource.SetReadIdentity(ctx, req, resp)
	var state endpointModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	e := yottautil.ReadOrRemove(ctx, resp, "serverless endpoint", state.ID.ValueString(), r.Client.GetEndpoint)
	if e == nil {
		return
	}
	if e.Status == yottaapi.EndpointTerminated {
		resp.State.RemoveResource(ctx)
		return
	}
	state.fromAPI(e)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *endpointResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer tfresource.SetIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan, state endpointModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, applyTimeout)
	defer cancel()
	id := state.ID.ValueString()
	patch := false
	for _, name := range append(slices.Clone(restartAttributes), patchAttributes...) {
		if attributeChanged(ctx, req, name, &resp.Diagnostics) {
			patch = true
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	if patch {
		in := plan.updateRequest(ctx, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
		if _, err := r.Client.UpdateEndpoint(ctx, id, in); err != nil {
			yottautil.AddAPIErrorNaming(&resp.Diagnostics, "update serverless endpoint "+id, err, apiFields)
			return
		}
	} else if !plan.Workers.Equal(state.Workers) {
		if err := r.Client.ScaleWorkers(ctx, id, int(plan.Workers.ValueInt64())); err != nil {
			yottautil.AddAPIErrorNaming(&resp.Diagnostics, "scale serverless endpoint "+id, err, apiFields)
			return
		}
	}
	wasStopped := state.DesiredStatus.ValueString() == statusStopped
	final, err := r.settle(ctx, id, plan, nil, wasStopped)
	if err != nil {
		resp.Diagnostics.AddError("Serverless endpoint updated but not ready", fmt.Sprintf("Endpoint %s was updated, but %v.", id, err))
		return
	}
	desired := plan.DesiredStatus
	plan.fromAPI(final)
	plan.DesiredStatus = desired
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// attributeChanged reports whether the update changes the top-level attribute name.
func attributeChanged(ctx context.Context, req resource.UpdateRequest, name string, diags *diag.Diagnostics) bool {
	var planned, prior attr.Value
	diags.Append(req.Plan.GetAttribute(ctx, path.Root(name), &planned)...)
	diags.Append(req.State.GetAttribute(ctx, path.Root(name), &prior)...)
	return !diags.HasError() && !planned.Equal(prior)
}

func (r *endpointResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	id, ok := tfresource.StateID(ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, deleteTimeout)
	defer cancel()
	err := r.Client.DeleteEndpoint(ctx, id)
	switch {
	case yottaapi.IsNotFound(err):
		return
	case err != nil:
		yottautil.AddAPIError(&resp.Diagnostics, "delete serverless endpoint "+id, err)
		return
	}
	err = poll.Until(ctx, poll.Poll{Next: PollBackoff.Next}, func(ctx context.Context) (bool, error) {
		e, err := r.Client.GetEndpoint(ctx, id)
		if yottaapi.IsNotFound(err) {
			return true, nil
		}
		return err == nil && e.Status == yottaapi.EndpointTerminated, err
	})
	if err != nil {
		yottautil.AddAPIError(&resp.Diagnostics, "confirm the deletion of serverless endpoint "+id, err)
	}
}

func (r *endpointResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := tfresource.ImportedID(ctx, req, &resp.Diagnostics)
	if !yottaapi.IsNumeric(id) {
		resp.Diagnostics.AddError("Invalid endpoint id",
			fmt.Sprintf("%q is not a Yotta serverless endpoint id: import an endpoint by its id (digits).", id))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	tfresource.SetImportedIdentity(ctx, id, resp)
}
