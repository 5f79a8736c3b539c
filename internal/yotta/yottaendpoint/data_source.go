package yottaendpoint

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottautil"
)

// endpointView is an endpoint as the data sources show it: what Yotta reports.
type endpointView struct {
	ID                    types.String    `tfsdk:"id"`
	Name                  types.String    `tfsdk:"name"`
	Image                 types.String    `tfsdk:"image"`
	ImageRegistry         types.String    `tfsdk:"image_registry"`
	ServiceMode           types.String    `tfsdk:"service_mode"`
	Status                types.String    `tfsdk:"status"`
	FailedReason          types.String    `tfsdk:"failed_reason"`
	Resources             []resourceModel `tfsdk:"resources"`
	TotalWorkers          types.Int64     `tfsdk:"total_workers"`
	RunningWorkers        types.Int64     `tfsdk:"running_workers"`
	ContainerVolumeInGB   types.Int64     `tfsdk:"container_volume_in_gb"`
	Expose                *exposeModel    `tfsdk:"expose"`
	EnvironmentVars       types.Map       `tfsdk:"environment_vars"`
	Webhook               types.String    `tfsdk:"webhook"`
	InitializationCommand types.String    `tfsdk:"initialization_command"`
	Domain                types.String    `tfsdk:"domain"`
	PricePerHour          types.Float64   `tfsdk:"price_per_hour"`
	PricePerSecond        types.Float64   `tfsdk:"price_per_second"`
	CreatedAt             types.String    `tfsdk:"created_at"`
}

func viewFromAPI(e *yottaapi.Endpoint) endpointView {
	m := endpointModel{EnvironmentVars: types.MapNull(types.StringType), Webhook: types.StringNull(), InitializationCommand: types.StringNull(),
		ContainerVolumeInGB: types.Int64Null()}
	m.fromAPI(e)
	v := endpointView{
		ID: m.ID, Name: m.Name, Image: m.Image, ImageRegistry: types.StringNull(), ServiceMode: m.ServiceMode, Status: m.Status,
		FailedReason: tfvalue.StringOrNull(e.FailedReason), Resources: m.Resources, TotalWorkers: m.TotalWorkers,
		RunningWorkers: m.RunningWorkers, ContainerVolumeInGB: m.ContainerVolumeInGB, Expose: m.Expose, EnvironmentVars: m.EnvironmentVars,
		Webhook: m.Webhook, InitializationCommand: m.InitializationCommand, Domain: m.Domain, PricePerHour: m.PricePerHour,
		PricePerSecond: m.PricePerSecond, CreatedAt: m.CreatedAt,
	}
	if e.ImageRegistry != nil {
		v.ImageRegistry = tfvalue.StringOrNull(*e.ImageRegistry)
	}
	if v.Resources == nil {
		v.Resources = []resourceModel{}
	}
	return v
}

func viewAttributes() map[string]schema.Attribute {
	str := func(desc string) schema.Attribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	num := func(desc string) schema.Attribute {
		return schema.Int64Attribute{MarkdownDescription: desc, Computed: true}
	}
	float := func(desc string) schema.Attribute {
		return schema.Float64Attribute{MarkdownDescription: desc, Computed: true}
	}
	return map[string]schema.Attribute{
		"id":             str("The endpoint's id."),
		"name":           str("The endpoint's name."),
		"image":          str("The container image its workers run."),
		"image_registry": str("The registry the image is pulled from."),
		"service_mode":   str("`ALB`, `QUEUE` or `CUSTOM`."),
		"status":         str("`INITIALIZING`, `RUNNING`, `STOPPING`, `STOPPED`, `FAILED` (or `TERMINATED`)."),
		"failed_reason":  str("Why the endpoint failed, when Yotta reports it `FAILED` and gives a reason."),
		"resources": schema.ListNestedAttribute{
			MarkdownDescription: "Where its workers may run, in order of preference.", Computed: true,
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"region": str("Region code."), "gpu_type": str("GPU type code."), "gpu_count": num("GPUs per worker."),
			}},
		},
		"total_workers":          num("How many workers the endpoint has."),
		"running_workers":        num("How many workers run now."),
		"container_volume_in_gb": num("Size of each worker's container volume, in GB."),
		"expose": schema.SingleNestedAttribute{
			MarkdownDescription: "The port the workers serve on.", Computed: true,
			Attributes: map[string]schema.Attribute{"port": num("Port number."), "protocol": str("`HTTP` or `TCP`.")},
		},
		"environment_vars": schema.MapAttribute{
			MarkdownDescription: "Environment variables of the workers. Sensitive.", ElementType: types.StringType, Computed: true, Sensitive: true,
		},
		"webhook":                str("The URL Yotta notifies of worker status changes."),
		"initialization_command": str("The command each worker runs when its container starts."),
		"domain":                 str("The endpoint's host."),
		"price_per_hour":         float("What its workers cost per hour, in USD."),
		"price_per_second":       float("What its workers cost per second, in USD."),
		"created_at":             str("When the endpoint was created, in RFC 3339."),
	}
}

// NewDataSource returns the yotta_serverless_endpoint data source.
func NewDataSource() datasource.DataSource {
	return yottautil.DataSource("_serverless_endpoint", func() schema.Schema {
		attrs := viewAttributes()
		attrs["id"] = schema.StringAttribute{
			MarkdownDescription: "The endpoint's id.",
			Required:            true,
			Validators:          []validator.String{stringvalidator.RegexMatches(idPattern, "must be a Yotta endpoint id: digits, such as \"378888638324150969\"")},
		}
		return schema.Schema{
			MarkdownDescription: "One Yotta serverless endpoint, by id, as Yotta reports it: status, workers, domain and prices.",
			Attributes:          attrs,
		}
	}, readEndpoint)
}

func readEndpoint(ctx context.Context, client *yottaapi.Client, data *endpointView, diags *diag.Diagnostics) {
	id := data.ID.ValueString()
	e := yottautil.GetByID(ctx, diags, "serverless endpoint", id, client.GetEndpoint,
		"Yotta has no serverless endpoint "+id+" in this account (or it was deleted). The yotta_serverless_endpoints data source lists them.")
	if e != nil {
		*data = viewFromAPI(e)
	}
}

type endpointsModel struct {
	StatusList types.Set      `tfsdk:"status_list"`
	Endpoints  []endpointView `tfsdk:"endpoints"`
	IDs        types.List     `tfsdk:"ids"`
}

var endpointStatusNames = []string{"INITIALIZING", "RUNNING", "STOPPING", "STOPPED", "FAILED"}

// NewListDataSource returns the yotta_serverless_endpoints data source.
func NewListDataSource() datasource.DataSource {
	return yottautil.DataSource("_serverless_endpoints", func() schema.Schema {
		return schema.Schema{
			MarkdownDescription: "The account's Yotta serverless endpoints, optionally only those with some statuses (Yotta's `statusList`).",
			Attributes: map[string]schema.Attribute{
				"status_list": schema.SetAttribute{
					MarkdownDescription: "Only endpoints with these statuses: any of `" + strings.Join(endpointStatusNames, "`, `") + "`.",
					ElementType:         types.StringType,
					Optional:            true,
					Validators:          []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(stringvalidator.OneOf(endpointStatusNames...))},
				},
				"endpoints": schema.ListNestedAttribute{
					MarkdownDescription: "The endpoints.", Computed: true,
					NestedObject: schema.NestedAttributeObject{Attributes: viewAttributes()},
				},
				"ids": schema.ListAttribute{MarkdownDescription: "The endpoints' ids, in the same order.", ElementType: types.StringType, Computed: true},
			},
		}
	}, readEndpoints)
}

func readEndpoints(ctx context.Context, client *yottaapi.Client, m *endpointsModel, diags *diag.Diagnostics) {
	var names []string
	diags.Append(m.StatusList.ElementsAs(ctx, &names, true)...)
	slices.Sort(names)
	statuses := make([]yottaapi.EndpointStatus, len(names))
	for i, n := range names {
		statuses[i] = yottaapi.EndpointStatus(n)
	}
	endpoints, err := client.ListEndpoints(ctx, statuses)
	if err != nil {
		yottautil.AddAPIError(diags, "list serverless endpoints", err)
		return
	}
	m.Endpoints, m.IDs = tfvalue.Listed(endpoints, viewFromAPI, func(e *yottaapi.Endpoint) string { return string(e.ID) })
}
