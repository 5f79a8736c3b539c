package yottapod

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// validateConfig checks the rules that span attributes, at plan time, naming the attribute
// at fault. Values not known yet are checked at apply.
func validateConfig(ctx context.Context, cfg podModel) diag.Diagnostics {
	var diags diag.Diagnostics
	size, mount := cfg.PersistentVolumeInGB, cfg.PersistentMountPath
	if !size.IsUnknown() && !mount.IsUnknown() {
		switch {
		case !size.IsNull() && mount.IsNull():
			diags.AddAttributeError(path.Root("persistent_mount_path"), "Missing persistent_mount_path",
				"persistent_volume_in_gb and persistent_mount_path go together: set the path where the persistent volume is "+
					"mounted, such as \"/workspace\", or remove persistent_volume_in_gb.")
		case size.IsNull() && !mount.IsNull():
			diags.AddAttributeError(path.Root("persistent_volume_in_gb"), "Missing persistent_volume_in_gb",
				"persistent_volume_in_gb and persistent_mount_path go together: set the size of the persistent volume, in GB, "+
					"or remove persistent_mount_path.")
		}
	}
	if cfg.ImagePublicType.ValueString() == "PRIVATE" && cfg.ContainerRegistryAuthID.IsNull() {
		diags.AddAttributeError(path.Root("container_registry_auth_id"), "Missing container_registry_auth_id",
			"A PRIVATE image needs credentials to pull it: set container_registry_auth_id to the id of a "+
				"yotta_container_registry_auth, or set image_public_type = \"PUBLIC\".")
	}

	if !cfg.Expose.IsNull() && !cfg.Expose.IsUnknown() {
		var ports []exposeModel
		diags.Append(cfg.Expose.ElementsAs(ctx, &ports, false)...)
		seen := map[int64]string{}
		for _, p := range ports {
			if p.Port.IsUnknown() || p.Port.IsNull() {
				continue
			}
			if first, dup := seen[p.Port.ValueInt64()]; dup {
				diags.AddAttributeError(path.Root("expose"), "Port exposed twice",
					fmt.Sprintf("Port %d is exposed twice (as %s and %s): expose each port once, with one protocol.",
						p.Port.ValueInt64(), first, p.Protocol.ValueString()))
				continue
			}
			seen[p.Port.ValueInt64()] = p.Protocol.ValueString()
		}
	}

	if !cfg.PersistentVolumes.IsNull() && !cfg.PersistentVolumes.IsUnknown() {
		var vols []persistentVolumeModel
		diags.Append(cfg.PersistentVolumes.ElementsAs(ctx, &vols, false)...)
		paths := map[string]string{}
		if !mount.IsNull() && !mount.IsUnknown() {
			paths[mount.ValueString()] = "persistent_mount_path"
		}
		ids := map[string]bool{}
		for _, v := range vols {
			if !v.MountPath.IsUnknown() && !v.MountPath.IsNull() {
				p := strings.TrimRight(v.MountPath.ValueString(), "/")
				if p == "" {
					p = "/"
				}
				if user, dup := paths[p]; dup {
					diags.AddAttributeError(path.Root("persistent_volumes"), "Mount path used twice",
						fmt.Sprintf("%s is already the mount path of %s: mount each volume at its own path.", v.MountPath.ValueString(), user))
				}
				paths[p] = "volume " + v.VolumeID.ValueString()
			}
			if !v.VolumeID.IsUnknown() && !v.VolumeID.IsNull() {
				if ids[v.VolumeID.ValueString()] {
					diags.AddAttributeError(path.Root("persistent_volumes"), "Volume attached twice",
						fmt.Sprintf("Volume %s is attached twice: attach a volume once.", v.VolumeID.ValueString()))
				}
				ids[v.VolumeID.ValueString()] = true
			}
		}
	}
	return diags
}

// exposeModel is an element of expose.
type exposeModel struct {
	Port     types.Int64  `tfsdk:"port"`
	Protocol types.String `tfsdk:"protocol"`
}

// persistentVolumeModel is an element of persistent_volumes.
type persistentVolumeModel struct {
	VolumeID   types.String `tfsdk:"volume_id"`
	MountPath  types.String `tfsdk:"mount_path"`
	NeedBackup types.Bool   `tfsdk:"need_backup"`
}
