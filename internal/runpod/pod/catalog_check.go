package pod

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/datacenter"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/gputype"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/networkvolume"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/template"
)

// checkDataCenters checks each known id of data_center_ids against the data centers RunPod
// lists (one read per plan: the client caches the catalog), so that an id RunPod does not know
// is a plan-time error on the attribute, as for a network volume's data_center_id, instead of
// RunPod's refusal at apply. When the catalog cannot be read, the plan warns and RunPod judges
// the ids at apply.
func checkDataCenters(ctx context.Context, client runpodapi.API, ids types.List) diag.Diagnostics {
	return checkCatalog(ctx, "data_center_ids", "data centers", "RunPod's data centers", ids,
		func() (func(at, id string) *datacenter.Problem, error) {
			catalog, err := client.ListDataCenters(ctx)
			return func(at, id string) *datacenter.Problem {
				return datacenter.CheckListed(catalog, client.Backend(), at, id)
			}, err
		})
}

// checkGPUTypes checks gpu_type_ids against RunPod's GPU catalog like checkDataCenters.
func checkGPUTypes(ctx context.Context, client runpodapi.API, ids types.List) diag.Diagnostics {
	return checkCatalog(ctx, "gpu_type_ids", "GPU types", "RunPod's GPU catalog", ids,
		func() (func(at, id string) *datacenter.Problem, error) {
			catalog, err := client.GPUCatalog(ctx)
			return func(at, id string) *datacenter.Problem { return gputype.CheckListed(catalog, at, id, false) }, err
		})
}

// checkCPUFlavors checks cpu_flavor_ids against RunPod's CPU flavors like checkDataCenters.
func checkCPUFlavors(ctx context.Context, client runpodapi.API, ids types.List) diag.Diagnostics {
	return checkCatalog(ctx, "cpu_flavor_ids", "CPU flavors", "RunPod's CPU flavors", ids,
		func() (func(at, id string) *datacenter.Problem, error) {
			catalog, err := client.ListCPUFlavors(ctx)
			return func(at, id string) *datacenter.Problem { return gputype.CheckCPUFlavor(catalog, at, id) }, err
		})
}

// checkCatalog checks each known element of the list attribute with the check read returns
// (read is called only when there is something to check). When read fails, the plan warns
// ("<what> not checked"; what is plural, such as "GPU types") and RunPod judges the ids at apply.
func checkCatalog(ctx context.Context, attribute, what, catalogName string, ids types.List,
	read func() (func(at, id string) *datacenter.Problem, error)) diag.Diagnostics {
	var diags diag.Diagnostics
	if ids.IsNull() || ids.IsUnknown() || len(ids.Elements()) == 0 {
		return diags
	}
	check, err := read()
	if err != nil {
		diags.AddAttributeWarning(path.Root(attribute), strings.ToUpper(what[:1])+what[1:]+" not checked",
			providerutil.APIErrorDetail("check "+attribute+" against "+catalogName, err)+
				"\n\nRunPod checks the "+what+" when the pod is created.")
		return diags
	}
	for i, e := range ids.Elements() {
		id, ok := e.(types.String)
		if !ok || id.IsNull() || id.IsUnknown() {
			continue
		}
		at := path.Root(attribute).AtListIndex(i)
		if p := check(at.String(), id.ValueString()); p != nil {
			diags.AddAttributeError(at, p.Summary, p.Detail)
		}
	}
	return diags
}

// checkReferences checks the template and network volume the configuration names against
// RunPod (whether they exist, and the template's kind) when they are known and new: when
// creating (prior nil) or when they differ from the state, so a template or volume deleted
// later does not fail plans of a pod that keeps its id.
func checkReferences(ctx context.Context, client runpodapi.API, config podModel, prior *podModel) diag.Diagnostics {
	var diags diag.Diagnostics
	isNew := func(now types.String, was func(podModel) types.String) bool {
		return !now.IsNull() && !now.IsUnknown() && (prior == nil || !now.Equal(was(*prior)))
	}
	if isNew(config.TemplateID, func(m podModel) types.String { return m.TemplateID }) {
		diags.Append(template.CheckReference(ctx, client, path.Root("template_id"), config.TemplateID.ValueString(), template.PodUser)...)
	}
	if isNew(config.NetworkVolumeID, func(m podModel) types.String { return m.NetworkVolumeID }) {
		diags.Append(networkvolume.CheckReference(ctx, client, path.Root("network_volume_id"), config.NetworkVolumeID.ValueString(), "pod")...)
	}
	return diags
}
