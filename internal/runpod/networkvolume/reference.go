package networkvolume

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/datacenter"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// CheckReference checks at plan time that network volume id, set at attribute of a pod's or
// an endpoint's (user's) configuration, exists in the account, so that the plan names the
// attribute instead of RunPod refusing the volume at apply (one list of the account's volumes per
// plan: the provider's shared snapshot). When the volume cannot be read
// for another reason, the plan warns and RunPod judges the id at apply.
func CheckReference(ctx context.Context, client runpodapi.API, attribute path.Path, id, user string) diag.Diagnostics {
	var diags diag.Diagnostics
	_, err := runpodapi.ReadNetworkVolume(ctx, client, id)
	switch {
	case runpodapi.IsNotFound(err):
		diags.AddAttributeError(attribute, "Network volume not found", fmt.Sprintf(
			"%s: the RunPod account has no network volume %q.%s\n\nSet it to the id of a network volume (a "+
				"runpod_network_volume resource's id, or one from the runpod_network_volumes data source).",
			attribute, id, closestVolumes(ctx, client, id)))
	case err != nil:
		diags.AddAttributeWarning(attribute, "Network volume not checked",
			providerutil.APIErrorDetail("check "+attribute.String()+" against the account's network volumes", err)+
				"\n\nRunPod checks the network volume when the "+user+" is created or changed.")
	}
	return diags
}

// closestVolumes suggests the account's network volumes nearest to id, as a sentence ("" when
// there are none or they cannot be listed: the error stands without it).
func closestVolumes(ctx context.Context, client runpodapi.API, id string) string {
	all, err := client.ListNetworkVolumes(ctx)
	if err != nil || len(all) == 0 {
		return ""
	}
	labels := map[string]string{}
	for _, v := range all {
		labels[v.ID] = fmt.Sprintf("%q in %s", v.Name, v.DataCenterID)
	}
	return " Closest of the account's network volumes: " + strings.Join(datacenter.Nearest(id, labels, 3), ", ") + "."
}
