package pod

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/validate"
)

// NewListDataSource returns the runpod_pods data source.
func NewListDataSource() datasource.DataSource {
	return providerutil.DataSource("_pods", podsSchema, readPods)
}

type podsDataSourceModel struct {
	Name          types.String   `tfsdk:"name"`
	DesiredStatus types.String   `tfsdk:"desired_status"`
	ImageName     types.String   `tfsdk:"image_name"`
	GPUTypeID     types.String   `tfsdk:"gpu_type_id"`
	IDs           types.List     `tfsdk:"ids"`
	Pods          []podDataModel `tfsdk:"pods"`
}

func podsSchema() schema.Schema {
	filter := func(desc string, v ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Optional: true, Validators: append(v, stringvalidator.LengthAtLeast(1))}
	}
	return schema.Schema{
		MarkdownDescription: "The account's pods (serverless workers excluded), oldest first, optionally filtered. " +
			"Runtime details are in the `runpod_pod` data source.",
		Attributes: map[string]schema.Attribute{
			"name":           filter("List only pods with exactly this name."),
			"desired_status": filter("List only pods in this status: `RUNNING`, `EXITED` or `TERMINATED`.", stringvalidator.OneOf(statusRunning, statusExited, runpodapi.PodStatusTerminated)),
			"image_name":     filter("List only pods running exactly this image."),
			"gpu_type_id":    filter("List only pods with this GPU type, such as `NVIDIA GeForce RTX 4090`.", validate.GPUTypeID()),
			"ids": schema.ListAttribute{
				MarkdownDescription: "Ids of the pods listed, in `pods` order.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"pods": schema.ListNestedAttribute{
				MarkdownDescription: "The pods that match the filters.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: podAttributes()},
			},
		},
	}
}

func readPods(ctx context.Context, client runpodapi.API, data *podsDataSourceModel, diags *diag.Diagnostics) {
	pods, err := client.ListPods(ctx, runpodapi.PodListFilter{
		Name: data.Name.ValueString(), DesiredStatus: data.DesiredStatus.ValueString(),
		ImageName: data.ImageName.ValueString(), GPUTypeID: data.GPUTypeID.ValueString(),
	})
	if err != nil {
		providerutil.AddAPIError(diags, "list pods", err)
		return
	}
	data.Pods, data.IDs = tfvalue.Listed(pods, podDataFromAPI, func(p *runpodapi.Pod) string { return p.ID })
}
