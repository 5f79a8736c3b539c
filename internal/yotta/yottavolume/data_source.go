package yottavolume

import (
	"context"
	"regexp"

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

var idPattern = regexp.MustCompile(`^[1-9][0-9]{0,18}$`)

// volumeView is a volume as the data sources show it.
type volumeView struct {
	ID               types.String  `tfsdk:"id"`
	Name             types.String  `tfsdk:"name"`
	StorageType      types.String  `tfsdk:"storage_type"`
	Region           types.String  `tfsdk:"region"`
	SizeInGB         types.Int64   `tfsdk:"size_in_gb"`
	VendorVolumeType types.String  `tfsdk:"vendor_volume_type"`
	Status           types.String  `tfsdk:"status"`
	MountCount       types.Int64   `tfsdk:"mount_count"`
	Cost             types.Float64 `tfsdk:"cost"`
	CreatedAt        types.String  `tfsdk:"created_at"`
}

func viewFromAPI(v *yottaapi.Volume) volumeView {
	var m volumeModel
	m.fromAPI(v)
	return volumeView{m.ID, m.Name, m.StorageType, m.Region, m.SizeInGB, m.VendorVolumeType, m.Status, m.MountCount, m.Cost, m.CreatedAt}
}

// viewAttributes are a volume's attributes in the data sources (all computed).
func viewAttributes() map[string]schema.Attribute {
	str := func(desc string) schema.Attribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	num := func(desc string) schema.Attribute {
		return schema.Int64Attribute{MarkdownDescription: desc, Computed: true}
	}
	return map[string]schema.Attribute{
		"id":                 str("The volume's id."),
		"name":               str("The volume's name."),
		"storage_type":       str("`CEPH`, `VENDOR`, `S3` or `R2`."),
		"region":             str("The volume's region."),
		"size_in_gb":         num("Size in GB (`CEPH` and `VENDOR` volumes; null for the others)."),
		"vendor_volume_type": str("`NVMe` or `HDD` for a `VENDOR` volume."),
		"status":             str("`creating`, `active`, `resizing`, `deleting` or `error`."),
		"mount_count":        num("How many pods mount the volume."),
		"cost":               schema.Float64Attribute{MarkdownDescription: "The volume's cost as Yotta reports it, in USD.", Computed: true},
		"created_at":         str("When the volume was created, in RFC 3339."),
	}
}

// NewDataSource returns the yotta_volume data source.
func NewDataSource() datasource.DataSource {
	return yottautil.DataSource("_volume", func() schema.Schema {
		attrs := viewAttributes()
		attrs["id"] = schema.StringAttribute{
			MarkdownDescription: "The volume's id.",
			Required:            true,
			Validators:          []validator.String{stringvalidator.RegexMatches(idPattern, "must be a Yotta volume id: digits, such as \"402872365298094821\"")},
		}
		return schema.Schema{
			MarkdownDescription: "One Yotta volume, by id, as Yotta reports it: size, region, status and how many pods mount it.",
			Attributes:          attrs,
		}
	}, readVolume)
}

func readVolume(ctx context.Context, client *yottaapi.Client, data *volumeView, diags *diag.Diagnostics) {
	id := data.ID.ValueString()
	v := yottautil.GetByID(ctx, diags, "volume", id, client.GetVolume,
		"Yotta has no volume "+id+" in this account (or it was deleted). The yotta_volumes data source lists the account's volumes.")
	if v != nil {
		*data = viewFromAPI(v)
	}
}

type volumesModel struct {
	StorageType types.String `tfsdk:"storage_type"`
	Region      types.String `tfsdk:"region"`
	Volumes     []volumeView `tfsdk:"volumes"`
	IDs         types.List   `tfsdk:"ids"`
}

// NewListDataSource returns the yotta_volumes data source.
func NewListDataSource() datasource.DataSource {
	return yottautil.DataSource("_volumes", func() schema.Schema {
		return schema.Schema{
			MarkdownDescription: "The account's Yotta volumes of one storage type (Yotta lists volumes by storage type), optionally " +
				"of one region, in Yotta's order.",
			Attributes: map[string]schema.Attribute{
				"storage_type": schema.StringAttribute{
					MarkdownDescription: "`CEPH`, `VENDOR`, `S3` or `R2`.",
					Required:            true,
					Validators:          []validator.String{stringvalidator.OneOf(yottaapi.StorageTypes...)},
				},
				"region": schema.StringAttribute{
					MarkdownDescription: "Only volumes in this region, such as `us-east-1`.",
					Optional:            true,
					Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				},
				"volumes": schema.ListNestedAttribute{
					MarkdownDescription: "The volumes.", Computed: true,
					NestedObject: schema.NestedAttributeObject{Attributes: viewAttributes()},
				},
				"ids": schema.ListAttribute{MarkdownDescription: "The volumes' ids, in the same order.", ElementType: types.StringType, Computed: true},
			},
		}
	}, readVolumes)
}

func readVolumes(ctx context.Context, client *yottaapi.Client, m *volumesModel, diags *diag.Diagnostics) {
	volumes, err := client.ListVolumes(ctx, yottaapi.VolumeFilter{StorageType: m.StorageType.ValueString(), Region: m.Region.ValueString()})
	if err != nil {
		yottautil.AddAPIError(diags, "list volumes", err)
		return
	}
	m.Volumes, m.IDs = tfvalue.Listed(volumes, viewFromAPI, func(v *yottaapi.Volume) string { return string(v.ID) })
}
