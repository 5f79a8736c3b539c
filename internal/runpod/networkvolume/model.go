// Package networkvolume holds the runpod_network_volume resource and the runpod_network_volume
// and runpod_network_volumes data sources: persistent storage in one RunPod data center that
// pods and serverless endpoints mount.
package networkvolume

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfvalue"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// Size bounds in GB. The schema takes what either API may take (MinSize..MaxSize); ModifyPlan
// checks the configured API's own range (sizeRange).
const (
	MinSize = 1
	MaxSize = 4096

	minSizeV1, maxSizeV1 = 1, 4000  // REST v1's spec allows 0..4000; an empty volume is of no use
	minSizeV2, maxSizeV2 = 10, 4096 // REST v2's CreateNetworkVolumeRequest.size
)

// sizeRange is the size range in GB that backend b creates and grows volumes to.
func sizeRange(b runpodapi.Backend) (lo, hi int64) {
	if b == runpodapi.BackendV1 {
		return minSizeV1, maxSizeV1
	}
	return minSizeV2, maxSizeV2
}

// Volume tiers (REST v2's VolumeType).
const (
	TypeStandard        = "STANDARD"
	TypeHighPerformance = "HIGH_PERFORMANCE"
)

// volumeModel is one network volume, as the resource and both data sources expose it.
type volumeModel struct {
	ID           types.String `tfsdk:"id"`
	Name         types.String `tfsdk:"name"`
	Size         types.Int64  `tfsdk:"size"`
	DataCenterID types.String `tfsdk:"data_center_id"`
	Type         types.String `tfsdk:"type"`
}

// volumeFromAPI maps a volume; a tier RunPod does not report (REST v1) is null.
func volumeFromAPI(nv *runpodapi.NetworkVolume) volumeModel {
	return volumeModel{
		ID:           types.StringValue(nv.ID),
		Name:         types.StringValue(nv.Name),
		Size:         types.Int64Value(int64(nv.Size)),
		DataCenterID: types.StringValue(nv.DataCenterID),
		Type:         tfvalue.StringOrNull(nv.Type),
	}
}

// withAPI maps a volume for the resource, which knew m before (the plan or the prior state):
// REST v1 reports no tier, so the tier m knew is kept (what was configured, or what REST v2
// read before the backend was switched).
func (m volumeModel) withAPI(nv *runpodapi.NetworkVolume) volumeModel {
	out := volumeFromAPI(nv)
	if out.Type.IsNull() && !m.Type.IsUnknown() {
		out.Type = m.Type
	}
	return out
}

func (m volumeModel) createInput() runpodapi.NetworkVolumeCreateInput {
	return runpodapi.NetworkVolumeCreateInput{
		Name:         m.Name.ValueString(),
		Size:         int(m.Size.ValueInt64()),
		DataCenterID: m.DataCenterID.ValueString(),
		Type:         tfvalue.StringPtr(m.Type),
	}
}

// updateInput holds only what changes from prior to m: RunPod's PATCH takes name and size.
func (m volumeModel) updateInput(prior volumeModel) runpodapi.NetworkVolumeUpdateInput {
	return runpodapi.NetworkVolumeUpdateInput{
		Name: tfvalue.ChangedString(m.Name, prior.Name),
		Size: tfvalue.ChangedInt(m.Size, prior.Size),
	}
}

// shrink reports whether going from prior to m shrinks the same volume, with both sizes. A
// change of data center (known or not) replaces the volume with a new one, so it shrinks
// nothing; an unknown size is judged at apply, when it is known.
func (m volumeModel) shrink(prior volumeModel) (from, to int64, shrinks bool) {
	if m.Size.IsUnknown() || m.Size.IsNull() || prior.Size.IsNull() || prior.Size.IsUnknown() {
		return 0, 0, false
	}
	if !m.DataCenterID.Equal(prior.DataCenterID) {
		return 0, 0, false
	}
	from, to = prior.Size.ValueInt64(), m.Size.ValueInt64()
	return from, to, to < from
}

const shrinkSummary = "Network volume cannot shrink"

// shrinkDetail explains a refused shrink and the ways forward.
func shrinkDetail(id string, from, to int64) string {
	return fmt.Sprintf("size would shrink network volume %s from %d GB to %d GB. RunPod network volumes can only grow: "+
		"a smaller volume means a new, empty one, and the data on this one would be lost. The provider refuses the change "+
		"rather than replace the volume.\n\n"+
		"To keep the volume and its data, set size to %d or more. If the volume grew outside Terraform, that is its size now. "+
		"To start over with an empty %d GB volume, destroy this one first (terraform destroy -target=<address>), then apply.",
		id, from, to, from, to)
}

// selectVolumes keeps the volumes with name and in dataCenterID (empty: any), ordered by id
// so that the list is stable whatever order RunPod answers in.
func selectVolumes(all []runpodapi.NetworkVolume, name, dataCenterID string) []runpodapi.NetworkVolume {
	var out []runpodapi.NetworkVolume
	for _, nv := range all {
		if (name == "" || nv.Name == name) && (dataCenterID == "" || nv.DataCenterID == dataCenterID) {
			out = append(out, nv)
		}
	}
	slices.SortFunc(out, func(a, b runpodapi.NetworkVolume) int { return strings.Compare(a.ID, b.ID) })
	return out
}
