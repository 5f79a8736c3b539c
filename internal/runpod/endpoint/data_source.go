package endpoint

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/validate"
)

// NewDataSource returns the runpod_endpoint data source.
func NewDataSource() datasource.DataSource {
	return providerutil.DataSource("_endpoint", dataSourceSchema, readEndpoint)
}

func dataSourceSchema() schema.Schema {
	str := func(desc string) schema.Attribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	num := func(desc string) schema.Attribute {
		return schema.Int64Attribute{MarkdownDescription: desc, Computed: true}
	}
	stringList := func(desc string) schema.Attribute {
		return schema.ListAttribute{MarkdownDescription: desc, ElementType: types.StringType, Computed: true}
	}
	stringSet := func(desc string) schema.Attribute {
		return schema.SetAttribute{MarkdownDescription: desc, ElementType: types.StringType, Computed: true}
	}
	return schema.Schema{
		MarkdownDescription: "An existing RunPod serverless endpoint, by id: its template, worker shape, scaling settings and " +
			"current release. What only one of RunPod's APIs reports is null on the other: `template_id` and `user_id` come " +
			"from REST v1 (REST v2 keeps no link to the template an endpoint was made from), `flashboot_mode` and " +
			"`request_urls` from REST v2 (REST v1 never reports FlashBoot).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Endpoint id.",
				Required:            true,
				Validators:          []validator.String{validate.ObjectID()},
			},
			"name":                  str("Name of the endpoint."),
			"template_id":           str("**REST v1 only** (null on REST v2): id of the template the workers run."),
			"compute_type":          str("`GPU` or `CPU` workers."),
			"gpu_type_ids":          stringList("GPU endpoints: the GPU types workers may get, in order of preference."),
			"gpu_count":             num("GPU endpoints: GPUs per worker."),
			"cpu_flavor_ids":        stringList("CPU endpoints: the CPU flavors workers may get, in order of preference."),
			"vcpu_count":            num("CPU endpoints: vCPUs per worker."),
			"data_center_ids":       stringSet("Data centers workers may run in."),
			"network_volume_id":     str("Id of the network volume mounted in every worker, if any."),
			"network_volume_ids":    stringSet("Multi-region endpoints: ids of the network volumes, one per data center."),
			"allowed_cuda_versions": stringSet("CUDA versions workers' hosts may have; null means any."),
			"min_cuda_version":      str("Lowest CUDA version workers' hosts may have, if set."),
			"execution_timeout_ms":  num("Longest a request may run, in milliseconds."),
			"idle_timeout":          num("Seconds a worker may stay idle before it is scaled down."),
			"scaler_type":           str("`QUEUE_DELAY` or `REQUEST_COUNT`."),
			"scaler_value":          num("Seconds (`QUEUE_DELAY`) or requests per worker (`REQUEST_COUNT`)."),
			"workers_min":           num("Workers that always run."),
			"workers_max":           num("Most workers that may run at once."),
			"created_at":            str("When the endpoint was created (RFC 3339, UTC)."),
			"version":               num("Release of the endpoint; it increases with every rolling release."),
			"user_id":               str("**REST v1 only** (null on REST v2): id of the RunPod user that owns the endpoint."),
			"template_image_name":   str("Container image the workers run."),
			"worker_count":          num("Workers the endpoint has now, read at every read of the data source (REST v2: from `/workers`)."),
			"type":                  str("`QUEUE` (requests queue as jobs) or `LOAD_BALANCER` (requests go to the workers' HTTP server)."),
			"flashboot_mode":        str("**REST v2 only** (null on REST v1): FlashBoot, `OFF`, `FLASHBOOT` or `PRIORITY_FLASHBOOT`."),
			"request_urls": schema.MapAttribute{
				MarkdownDescription: "**REST v2 only** (null on REST v1): the endpoint's request URLs by name (`run`, `runSync`, " +
					"`status`, ... for a queue; `base` and `health` for a load balancer).",
				ElementType: types.StringType,
				Computed:    true,
			},
		},
	}
}

func readEndpoint(ctx context.Context, client runpodapi.API, data *dataSourceModel, diags *diag.Diagnostics) {
	id := data.ID.ValueString()
	// GetEndpoint, not the refresh's snapshot: REST v2 lists no version or worker count, and the
	// data source reports them live.
	ep := providerutil.GetByID(ctx, diags, "endpoint", id, client.GetEndpoint,
		fmt.Sprintf("RunPod has no endpoint %q in this account. Check the id (the console shows it under Serverless).", id))
	if ep == nil {
		return
	}
	data.fromAPI(ep)
}
