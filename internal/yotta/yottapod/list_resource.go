package yottapod

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottautil"
)

// NewListResource returns the yotta_pod list resource, for `terraform query`: one list call
// (GET /v2/pods, filtered by region and status on Yotta's side), terminated pods left out as a
// refresh leaves them out.
func NewListResource() list.ListResource {
	return yottautil.List(yottautil.ListSpec[yottaapi.Pod, podFilters, podModel]{
		Suffix: "_pod",
		Description: "The account's pods (terminated ones excluded), optionally filtered, for `terraform query`: each with " +
			"its identity and, with `include_resource`, the `yotta_pod` its import would read.",
		Filters: map[string]listschema.Attribute{
			"name":     tfresource.ListFilter("Only pods with exactly this name."),
			"region":   tfresource.ListFilter("Only pods in this region, such as `us-east-1`."),
			"status":   tfresource.ListFilter("Only pods in this status, such as `RUNNING` or `PAUSED`."),
			"gpu_type": tfresource.ListFilter("Only pods with this GPU type, such as `NVIDIA_RTX_4090_24G`."),
		},
		What: "pods",
		Fetch: func(ctx context.Context, client *yottaapi.Client, f podFilters) ([]yottaapi.Pod, error) {
			var filter yottaapi.PodFilter
			if !f.Region.IsNull() {
				filter.Regions = []string{f.Region.ValueString()}
			}
			if !f.Status.IsNull() {
				filter.Statuses = []yottaapi.PodStatus{yottaapi.PodStatus(f.Status.ValueString())}
			}
			pods, err := client.ListPods(ctx, filter)
			return slices.DeleteFunc(pods, func(p yottaapi.Pod) bool {
				return p.Status.Gone() || !tfresource.Matches(f.Name, p.Name) || !tfresource.Matches(f.GPUType, p.GPUType)
			}), err
		},
		Name: func(p yottaapi.Pod) (string, string) { return string(p.ID), p.Name },
		Fill: func(ctx context.Context, p yottaapi.Pod, m *podModel) { m.fromAPI(ctx, &p) },
	})
}

type podFilters struct {
	Name    types.String `tfsdk:"name"`
	Region  types.String `tfsdk:"region"`
	Status  types.String `tfsdk:"status"`
	GPUType types.String `tfsdk:"gpu_type"`
}
