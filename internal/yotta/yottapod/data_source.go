package yottapod

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

// viewAttributes are the attributes of a pod as the data sources show it (all computed but
// id, which the single data source takes): one builder for yotta_pod and yotta_pods.
func viewAttributes() map[string]schema.Attribute {
	str := func(desc string) schema.Attribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	num := func(desc string) schema.Attribute {
		return schema.Int64Attribute{MarkdownDescription: desc, Computed: true}
	}
	return map[string]schema.Attribute{
		"id":   str("The pod's id."),
		"name": str("The pod's name."),
		"status": str("What Yotta reports of the pod: `INITIALIZE`, `RUNNING`, `PAUSING`, `PAUSED`, `TERMINATING`, `TERMINATED` " +
			"or `FAILED` (other spellings Yotta uses, such as `STOPPED`, are read as these)."),
		"failed_reason":          str("Why the pod failed, when Yotta reports it `FAILED` and gives a reason."),
		"region":                 str("The region the pod runs in, such as `us-east-1`."),
		"cloud_type":             str("The cloud the pod runs in, as Yotta reports it."),
		"resource_type":          str("`GPU` or `CPU`."),
		"image":                  str("The container image."),
		"image_registry":         str("The registry the image is pulled from."),
		"gpu_type":               str("The GPU type's code, such as `NVIDIA_RTX_4090_24G`."),
		"gpu_display_name":       str("Short name of the GPU type, such as `RTX 4090`."),
		"gpu_count":              num("Number of GPUs."),
		"single_card_vram_in_gb": num("GPU memory per card, in GB."),
		"single_card_ram_in_gb":  num("System RAM per card, in GB."),
		"single_card_vcpu":       num("vCPUs per card."),
		"single_card_price":      schema.Float64Attribute{MarkdownDescription: "What one card costs per hour while the pod runs, in USD.", Computed: true},
		"price_per_hour":         schema.Float64Attribute{MarkdownDescription: "`single_card_price` × `gpu_count`, in USD per hour.", Computed: true},
		"container_volume_in_gb": num("Size of the container's system volume, in GB."),
		"shm_in_gb":              num("Shared memory of the container, in GB."),
		"initialization_command": str("The command Yotta runs when the container starts."),
		"environment_vars": schema.MapAttribute{
			MarkdownDescription: "Environment variables of the container. Sensitive.",
			ElementType:         types.StringType, Computed: true, Sensitive: true,
		},
		"ssh_command": str("The SSH command Yotta gives for the pod; null when there is none."),
		"internal_ip": str("The pod's private IP address."),
		"exposed_ports": schema.ListNestedAttribute{
			MarkdownDescription: "Each exposed port as Yotta reports it, in port order.",
			Computed:            true,
			NestedObject:        schema.NestedAttributeObject{Attributes: dataExposedPortAttributes()},
		},
		"ingress_urls": schema.MapAttribute{
			MarkdownDescription: "Where each exposed port is reachable, by port.",
			ElementType:         types.StringType, Computed: true,
		},
		"created_at": str("When the pod was created, in RFC 3339."),
		"updated_at": str("When Yotta last changed the pod, in RFC 3339."),
	}
}

func dataExposedPortAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"port":         schema.Int64Attribute{MarkdownDescription: "The container's port.", Computed: true},
		"protocol":     schema.StringAttribute{MarkdownDescription: "`HTTP`, `TCP` or `SSH`.", Computed: true},
		"proxy_port":   schema.Int64Attribute{MarkdownDescription: "The public port Yotta maps it to (TCP and SSH).", Computed: true},
		"host":         schema.StringAttribute{MarkdownDescription: "The host that serves it.", Computed: true},
		"healthy":      schema.BoolAttribute{MarkdownDescription: "Whether Yotta reports the port healthy.", Computed: true},
		"ingress_url":  schema.StringAttribute{MarkdownDescription: "Where the port is reachable, as Yotta gives it.", Computed: true},
		"service_name": schema.StringAttribute{MarkdownDescription: "Yotta's name of the port's service.", Computed: true},
	}
}

// ---- yotta_pod ----

// NewDataSource returns the yotta_pod data source.
func NewDataSource() datasource.DataSource {
	return yottautil.DataSource("_pod", podSchema, readPod)
}

func podSchema() schema.Schema {
	attrs := viewAttributes()
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: "The pod's id, such as `420522713875330018`.",
		Required:            true,
		Validators:          []validator.String{stringvalidator.RegexMatches(idPattern, "must be a Yotta pod id: digits, such as \"420522713875330018\"")},
	}
	return schema.Schema{
		MarkdownDescription: "One Yotta pod, by id, as Yotta reports it: status, region, GPUs, price, SSH command and exposed " +
			"ports. Use it to read a pod that Terraform does not manage.",
		Attributes: attrs,
	}
}

func readPod(ctx context.Context, client *yottaapi.Client, data *podView, diags *diag.Diagnostics) {
	id := data.ID.ValueString()
	p := yottautil.GetByID(ctx, diags, "pod", id, client.GetPod,
		"Yotta has no pod "+id+" in this account (or it was deleted). The yotta_pods data source lists the "+
			"account's pods.")
	if p == nil {
		return
	}
	*data = viewFromAPI(p)
}

// ---- yotta_pods ----

// NewListDataSource returns the yotta_pods data source.
func NewListDataSource() datasource.DataSource {
	return yottautil.DataSource("_pods", podsSchema, readPods)
}

type podsModel struct {
	RegionList types.Set  `tfsdk:"region_list"`
	StatusList types.Set  `tfsdk:"status_list"`
	Pods       []podView  `tfsdk:"pods"`
	IDs        types.List `tfsdk:"ids"`
}

// statusNames are the statuses status_list takes: Yotta's names and its other spellings.
var statusNames = []string{"INITIALIZE", "INITIALIZING", "RUNNING", "PAUSING", "STOPPING", "PAUSED", "STOPPED", "TERMINATING", "TERMINATED", "FAILED"}

func podsSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "The account's Yotta pods, newest first, optionally only those in some regions or with some " +
			"statuses (Yotta filters them: `regionList` and `statusList`). Terminated pods are listed only when `status_list` " +
			"asks for them.",
		Attributes: map[string]schema.Attribute{
			"region_list": schema.SetAttribute{
				MarkdownDescription: "Only pods in these regions, such as `[\"us-east-1\"]`.",
				ElementType:         types.StringType,
				Optional:            true,
				Validators:          []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"status_list": schema.SetAttribute{
				MarkdownDescription: "Only pods with these statuses: any of `" + strings.Join(statusNames, "`, `") + "` (Yotta's " +
					"other spellings are read as its names: `STOPPED` is `PAUSED`).",
				ElementType: types.StringType,
				Optional:    true,
				Validators:  []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(stringvalidator.OneOf(statusNames...))},
			},
			"pods": schema.ListNestedAttribute{
				MarkdownDescription: "The pods.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: viewAttributes()},
			},
			"ids": schema.ListAttribute{
				MarkdownDescription: "The pods' ids, in the same order.",
				ElementType:         types.StringType,
				Computed:            true,
			},
		},
	}
}

func readPods(ctx context.Context, client *yottaapi.Client, m *podsModel, diags *diag.Diagnostics) {
	var f yottaapi.PodFilter
	var regions, statuses []string
	diags.Append(m.RegionList.ElementsAs(ctx, &regions, true)...)
	diags.Append(m.StatusList.ElementsAs(ctx, &statuses, true)...)
	slices.Sort(regions)
	f.Regions = regions
	for _, s := range statuses {
		if st := yottaapi.ParsePodStatus(s); !slices.Contains(f.Statuses, st) {
			f.Statuses = append(f.Statuses, st)
		}
	}
	slices.Sort(f.Statuses)
	pods, err := client.ListPods(ctx, f)
	if err != nil {
		yottautil.AddAPIError(diags, "list pods", err)
		return
	}
	m.Pods, m.IDs = tfvalue.Listed(pods, viewFromAPI, func(p *yottaapi.Pod) string { return string(p.ID) })
}
