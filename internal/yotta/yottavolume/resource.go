// Package yottavolume is Yotta's storage volumes: the yotta_volume resource, which a
// yotta_pod's persistent_volumes mount by id, and the yotta_volume and yotta_volumes data
// sources.
package yottavolume

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/poll"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottautil"
)

var (
	_ resource.ResourceWithValidateConfig = (*volumeResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*volumeResource)(nil)
	_ resource.ResourceWithImportState    = (*volumeResource)(nil)
)

// How long the provider waits for Yotta to make, resize or delete a volume.
const (
	createTimeout = 10 * time.Minute
	updateTimeout = 10 * time.Minute
	deleteTimeout = 10 * time.Minute
)

// PollBackoff is how the provider polls a volume it waits for.
var PollBackoff = poll.Backoff{Initial: 500 * time.Millisecond, Factor: 1.5, Max: 5 * time.Second}

// NewResource returns the yotta_volume resource.
func NewResource() resource.Resource {
	return &volumeResource{Resource: yottautil.Resource("_volume")}
}

type volumeResource struct {
	tfresource.Resource[*yottaapi.Client]
	tfresource.IdentityByID
}

type volumeModel struct {
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

// sized reports whether volumes of storageType have a size (CEPH and VENDOR).
func sized(storageType string) bool { return slices.Contains(yottaapi.SizedStorageTypes, storageType) }

// fromAPI sets what Yotta reports of v.
func (m *volumeModel) fromAPI(v *yottaapi.Volume) {
	m.ID = types.StringValue(string(v.ID))
	m.Name = types.StringValue(v.Name)
	m.StorageType = types.StringValue(v.StorageType)
	m.Region = tfvalue.StringOrNull(v.Region)
	m.SizeInGB = types.Int64Null()
	if sized(v.StorageType) {
		m.SizeInGB = types.Int64Value(int64(v.SizeInGB))
	}
	m.VendorVolumeType = types.StringNull()
	if v.VendorVolumeType != nil {
		m.VendorVolumeType = tfvalue.StringOrNull(*v.VendorVolumeType)
	}
	m.Status = types.StringValue(string(v.Status))
	m.MountCount = types.Int64Value(int64(v.MountCount))
	m.Cost = types.Float64Value(v.Cost.Value)
	m.CreatedAt = tfvalue.StringOrNull(v.CreatedAt.RFC3339())
}

func (m volumeModel) createRequest() yottaapi.VolumeCreateRequest {
	return yottaapi.VolumeCreateRequest{
		Name: m.Name.ValueString(), StorageType: m.StorageType.ValueString(), Region: m.Region.ValueString(),
		SizeInGB: tfvalue.IntPtr(m.SizeInGB), VendorVolumeType: m.VendorVolumeType.ValueString(),
	}
}

func (r *volumeResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Yotta storage volume, which pods mount: a `yotta_pod` lists its `id` in `persistent_volumes`.\n\n" +
			"- `name` changes in place (Yotta's rename route) and `size_in_gb` grows in place (its resize route, for `CEPH` " +
			"and `VENDOR` volumes); a volume never shrinks, and a plan that shrinks one is refused. Changing `storage_type`, " +
			"`region` or `vendor_volume_type` replaces the volume, and its data is lost.\n" +
			"- Yotta refuses to resize or delete a volume while a pod mounts it (`mount_count` above 0); the error names the " +
			"pods. A pod of the same configuration that mounts the volume is deleted before it.\n" +
			"- The provider waits for a new or resized volume to be `active`; a volume Yotta reports in `error` fails the apply.\n" +
			"- Import takes the volume's id.",
		Attributes: map[string]schema.Attribute{
			"id": tfresource.IDAttribute("Yotta's id of the volume (an integer, kept as a string): what a `yotta_pod`'s " +
				"`persistent_volumes` mount."),
			"name": schema.StringAttribute{
				MarkdownDescription: "Name of the volume (1 to 255 characters). Changes in place.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 255)},
			},
			"storage_type": schema.StringAttribute{
				MarkdownDescription: "Where the volume's data lives: `CEPH`, `VENDOR` (a cloud vendor's block storage, with " +
					"`vendor_volume_type`), `S3` or `R2`. Changing it replaces the volume.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.OneOf(yottaapi.StorageTypes...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"region": schema.StringAttribute{
				MarkdownDescription: "Region of the volume, such as `us-east-1`: required for `CEPH`, `VENDOR` and `R2` volumes. " +
					"A pod mounts volumes of its own region. Changing it replaces the volume.",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplaceIfConfigured()},
			},
			"size_in_gb": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("Size of the volume in GB, %d to %d: required for `CEPH` and `VENDOR` volumes, "+
					"not taken by `S3` and `R2` ones. Grows in place while no pod mounts the volume; it cannot shrink.",
					yottaapi.MinVolumeSizeInGB, yottaapi.MaxVolumeSizeInGB),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(yottaapi.MinVolumeSizeInGB, yottaapi.MaxVolumeSizeInGB)},
			},
			"vendor_volume_type": schema.StringAttribute{
				MarkdownDescription: "Disk of a `VENDOR` volume: `NVMe` or `HDD` (required for `VENDOR`, not taken by the others). " +
					"Changing it replaces the volume.",
				Optional:      true,
				Validators:    []validator.String{stringvalidator.OneOf(yottaapi.VendorVolumeTypes...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "Yotta's status of the volume: `creating`, `active`, `resizing`, `deleting` or `error`.",
				Computed:            true,
			},
			"mount_count": schema.Int64Attribute{
				MarkdownDescription: "How many pods mount the volume. While it is above 0, Yotta refuses to resize or delete it.",
				Computed:            true,
			},
			"cost": schema.Float64Attribute{
				MarkdownDescription: "The volume's cost as Yotta reports it, in USD.",
				Computed:            true,
			},
			"created_at": schema.StringAttribute{
				MarkdownDescription: "When the volume was created, in RFC 3339.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (r *volumeResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	tfresource.ValidateConfig(ctx, req, resp, validateConfig)
}

// validateConfig checks which settings each storage type takes, naming the attribute at
// fault. A storage type not known yet is checked at apply.
func validateConfig(cfg volumeModel) diag.Diagnostics {
	var diags diag.Diagnostics
	if cfg.StorageType.IsUnknown() || cfg.StorageType.IsNull() {
		return diags
	}
	st := cfg.StorageType.ValueString()
	if !slices.Contains(yottaapi.StorageTypes, st) {
		return diags // the attribute's own validator says so
	}
	switch {
	case cfg.Region.IsNull() && st != "S3":
		diags.AddAttributeError(path.Root("region"), "Missing region",
			fmt.Sprintf("A %s volume lives in one region: set region, such as \"us-east-1\" (the yotta_gpu_types data source lists "+
				"regions).", st))
	}
	switch {
	case sized(st) && cfg.SizeInGB.IsNull():
		diags.AddAttributeError(path.Root("size_in_gb"), "Missing size_in_gb",
			fmt.Sprintf("A %s volume has a size: set size_in_gb, from %d to %d GB.", st, yottaapi.MinVolumeSizeInGB, yottaapi.MaxVolumeSizeInGB))
	case !sized(st) && !cfg.SizeInGB.IsNull():
		diags.AddAttributeError(path.Root("size_in_gb"), "size_in_gb not taken",
			fmt.Sprintf("Yotta sizes only CEPH and VENDOR volumes: a %s volume takes no size_in_gb. Remove it.", st))
	}
	switch {
	case st == "VENDOR" && cfg.VendorVolumeType.IsNull():
		diags.AddAttributeError(path.Root("vendor_volume_type"), "Missing vendor_volume_type",
			"A VENDOR volume is a vendor's disk: set vendor_volume_type to \"NVMe\" or \"HDD\".")
	case st != "VENDOR" && !cfg.VendorVolumeType.IsNull():
		diags.AddAttributeError(path.Root("vendor_volume_type"), "vendor_volume_type not taken",
			fmt.Sprintf("Only VENDOR volumes have a vendor_volume_type: a %s volume takes none. Remove it.", st))
	}
	return diags
}

// ModifyPlan refuses a shrink (Yotta volumes only grow) and says, on a resize of a volume
// pods mount, that Yotta will refuse it.
func (r *volumeResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var plan, state volumeModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || plan.SizeInGB.IsUnknown() || plan.SizeInGB.IsNull() || state.SizeInGB.IsNull() ||
		plan.StorageType.ValueString() != state.StorageType.ValueString() {
		return
	}
	from, to := state.SizeInGB.ValueInt64(), plan.SizeInGB.ValueInt64()
	switch {
	case to < from:
		resp.Diagnostics.AddAttributeError(path.Root("size_in_gb"), "A volume cannot shrink",
			fmt.Sprintf("Yotta volumes only grow: volume %s is %d GB, and size_in_gb = %d would shrink it. Keep size_in_gb at %d "+
				"or more; for a smaller volume, create a new one and copy the data (replacing this one deletes its data).",
				state.ID.ValueString(), from, to, from))
	case to > from && state.MountCount.ValueInt64() > 0:
		resp.Diagnostics.AddAttributeWarning(path.Root("size_in_gb"), "Yotta will refuse to resize a mounted volume",
			fmt.Sprintf("Volume %s grows from %d GB to %d GB in place, but when it was last read %d pod(s) mounted it, and Yotta "+
				"resizes only volumes no pod mounts: delete or pause-and-detach those pods first, or the apply fails.",
				state.ID.ValueString(), from, to, state.MountCount.ValueInt64()))
	}
}

// apiFields maps the create request's fields to the attributes, for errors that name a field.
var apiFields = map[string]string{
	"name": "name", "storageType": "storage_type", "region": "region", "sizeInGb": "size_in_gb", "vendorVolumeType": "vendor_volume_type",
}

func (r *volumeResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer tfresource.SetIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	ctx = yottautil.NoticeAdoptions(ctx, &resp.Diagnostics)
	var plan volumeModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, createTimeout)
	defer cancel()
	created, err := r.Client.CreateVolume(ctx, plan.createRequest())
	if err != nil {
		yottautil.AddAPIErrorNaming(&resp.Diagnostics, "create volume "+plan.Name.ValueString(), err, apiFields)
		return
	}
	id := string(created.ID)
	tflog.Info(ctx, "created volume", map[string]any{"id": id, "status": string(created.Status)})
	save := func(v *yottaapi.Volume) {
		got := plan
		got.fromAPI(v)
		resp.Diagnostics.Append(resp.State.Set(ctx, &got)...)
	}
	// Saved at once: if the wait fails, the volume stays in the state (tainted), not orphaned.
	save(created)
	if resp.Diagnostics.HasError() {
		return
	}
	final, err := waitActive(ctx, r.Client, id, plan.SizeInGB)
	if final != nil {
		save(final)
	}
	if err != nil {
		resp.Diagnostics.AddError("Volume created but not active",
			fmt.Sprintf("Volume %s was created, but waiting for it to be active failed: %v.\n\nThe volume is kept in the state "+
				"and marked tainted: the next apply replaces it.", id, err))
	}
}

// errVolumeFailed is returned when Yotta reports a volume in error while the provider waits.
var errVolumeFailed = errors.New("Yotta reports the volume in error")

// waitActive polls volume id until it is active at size (when size is set), and returns the
// last volume seen. A volume in error, or deleted, ends the wait.
func waitActive(ctx context.Context, client *yottaapi.Client, id string, size types.Int64) (*yottaapi.Volume, error) {
	var last *yottaapi.Volume
	err := poll.Until(ctx, poll.Poll{Next: PollBackoff.Next}, func(ctx context.Context) (bool, error) {
		v, err := client.GetVolume(ctx, id)
		if err != nil {
			return false, err
		}
		last = v
		switch v.Status {
		case yottaapi.VolumeError:
			return false, errVolumeFailed
		case yottaapi.VolumeDeleting:
			return false, errors.New("the volume is being deleted (deleted outside Terraform?)")
		}
		return v.Status == yottaapi.VolumeActive && (size.IsNull() || int64(v.SizeInGB) == size.ValueInt64()), nil
	})
	var timeout *poll.TimeoutError
	if errors.As(err, &timeout) && last != nil {
		err = fmt.Errorf("%w (Yotta reports it %s, %d GB)", err, last.Status, last.SizeInGB)
	}
	return last, err
}

func (r *volumeResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer tfresource.SetReadIdentity(ctx, req, resp)
	var state volumeModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	v := yottautil.ReadOrRemove(ctx, resp, "volume", state.ID.ValueString(), r.Client.GetVolume)
	if v == nil {
		return
	}
	if v.Status == yottaapi.VolumeDeleting {
		tflog.Warn(ctx, "volume is being deleted: removing it from the state", map[string]any{"id": string(v.ID)})
		resp.State.RemoveResource(ctx)
		return
	}
	state.fromAPI(v)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *volumeResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer tfresource.SetIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan, state volumeModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, updateTimeout)
	defer cancel()
	id := state.ID.ValueString()
	if !plan.Name.Equal(state.Name) {
		if err := r.Client.RenameVolume(ctx, id, plan.Name.ValueString()); err != nil {
			yottautil.AddAPIErrorNaming(&resp.Diagnostics, "rename volume "+id, err, apiFields)
			return
		}
	}
	if !plan.SizeInGB.IsNull() && !plan.SizeInGB.Equal(state.SizeInGB) {
		if err := r.Client.ResizeVolume(ctx, id, int(plan.SizeInGB.ValueInt64())); err != nil {
			addInUseOr(&resp.Diagnostics, "resize", id, plan.Name.ValueString(), err)
			return
		}
	}
	final, err := waitActive(ctx, r.Client, id, plan.SizeInGB)
	if err != nil {
		resp.Diagnostics.AddError("Volume not active after the update", fmt.Sprintf("Volume %s: %v.", id, err))
		return
	}
	plan.fromAPI(final)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// addInUseOr reports a refused action: a volume pods mount (HTTP 409) with Yotta's message,
// which names them; any other error as it is.
func addInUseOr(diags *diag.Diagnostics, action, id, name string, err error) {
	if !yottaapi.IsConflict(err) {
		yottautil.AddAPIError(diags, action+" volume "+id, err)
		return
	}
	diags.AddError("Volume in use",
		fmt.Sprintf("Yotta refuses to %s volume %s (%s) while a pod mounts it or it is busy. Delete the pods that mount it "+
			"first (when a yotta_pod of this configuration lists it in persistent_volumes, Terraform deletes the pod first), "+
			"then apply again.\n\nYotta says: %s", action, name, id, strings.TrimSpace(yottaapi.AsAPIError(err).Message)))
}

func (r *volumeResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state volumeModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, deleteTimeout)
	defer cancel()
	id := state.ID.ValueString()
	err := r.Client.DeleteVolume(ctx, id)
	switch {
	case yottaapi.IsNotFound(err):
		return
	case err != nil:
		addInUseOr(&resp.Diagnostics, "delete", id, state.Name.ValueString(), err)
		return
	}
	// Gone once Yotta no longer knows it: deleting takes a while, and a volume of the same
	// name made next (a replacement) must not meet it.
	err = poll.Until(ctx, poll.Poll{Next: PollBackoff.Next}, func(ctx context.Context) (bool, error) {
		_, err := r.Client.GetVolume(ctx, id)
		if yottaapi.IsNotFound(err) {
			return true, nil
		}
		return false, err
	})
	if err != nil {
		yottautil.AddAPIError(&resp.Diagnostics, "wait for volume "+id+" to be deleted", err)
	}
}

func (r *volumeResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := tfresource.ImportedID(ctx, req, &resp.Diagnostics)
	if !yottaapi.IsNumeric(id) {
		resp.Diagnostics.AddError("Invalid volume id",
			fmt.Sprintf("%q is not a Yotta volume id: import a volume by its id (digits).", id))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	tfresource.SetImportedIdentity(ctx, id, resp)
}
