package pod

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/datacenter"
	"github.com/runpod-community/terraform-provider-runpod/internal/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod"
)

// checkDataCenters checks each known id of data_center_ids against the data centers RunPod
// lists (one read per plan: the client caches the catalog), so that an id RunPod does not know
// is a plan-time error on the attribute, as for a network volume's data_center_id, instead of
// RunPod's refusal at apply. When the catalog cannot be read, the plan warns and RunPod judges
// the ids at apply.
func checkDataCenters(ctx context.Context, client runpod.API, ids types.List) diag.Diagnostics {
	var diags diag.Diagnostics
	if ids.IsNull() || ids.IsUnknown() || len(ids.Elements()) == 0 {
		return diags
	}
	catalog, err := client.ListDataCenters(ctx)
	if err != nil {
		diags.AddAttributeWarning(path.Root("data_center_ids"), "Data centers not checked",
			providerutil.APIErrorDetail("check data_center_ids against RunPod's data centers", err)+
				"\n\nRunPod checks the data centers when the pod is created.")
		return diags
	}
	for i, e := range ids.Elements() {
		id, ok := e.(types.String)
		if !ok || id.IsNull() || id.IsUnknown() {
			continue
		}
		at := path.Root("data_center_ids").AtListIndex(i)
		if p := datacenter.CheckListed(catalog, client.Backend(), at.String(), id.ValueString()); p != nil {
			diags.AddAttributeError(at, p.Summary, p.Detail)
		}
	}
	return diags
}
