package endpoint

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/datacenter"
	"github.com/runpod-community/terraform-provider-runpod/internal/gputype"
	"github.com/runpod-community/terraform-provider-runpod/internal/networkvolume"
	"github.com/runpod-community/terraform-provider-runpod/internal/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod"
	"github.com/runpod-community/terraform-provider-runpod/internal/template"
)

// checkCatalogs checks, against RunPod's catalogs (cached by the client: one read per plan),
// the known ids of data_center_ids and cpu_flavor_ids (on both backends) and of gpu_type_ids
// (REST v2 only: the provider maps them to serverless pools from the same catalog, so it knows
// exactly which it can send; REST v1 judges them by an enum of its own), and that the
// template (a serverless one) and network volumes exist. cfg is the configuration, prior the
// state (nil when creating): only values that differ from the state are checked, so an id
// RunPod later drops does not fail plans of an endpoint that keeps it. When a catalog cannot
// be read, the plan warns and RunPod judges the ids at apply.
func checkCatalogs(ctx context.Context, client runpod.API, cfg resourceModel, prior *resourceModel) diag.Diagnostics {
	var diags diag.Diagnostics
	changed := func(now attr.Value, was func(resourceModel) attr.Value) bool {
		return !now.IsNull() && !now.IsUnknown() && (prior == nil || !now.Equal(was(*prior)))
	}
	if client.Backend() == runpod.BackendV2 && changed(cfg.GPUTypeIDs, func(m resourceModel) attr.Value { return m.GPUTypeIDs }) {
		catalog, err := client.GPUCatalog(ctx)
		if err != nil {
			notChecked(&diags, "gpu_type_ids", "GPU types", "RunPod's GPU catalog", err)
		} else {
			for i, e := range cfg.GPUTypeIDs.Elements() {
				if id, ok := known(e); ok {
					at := path.Root("gpu_type_ids").AtListIndex(i)
					if p := gputype.CheckListed(catalog, at.String(), id, true); p != nil {
						diags.AddAttributeError(at, p.Summary, p.Detail)
					}
				}
			}
		}
	}
	if changed(cfg.DataCenterIDs, func(m resourceModel) attr.Value { return m.DataCenterIDs }) {
		catalog, err := client.ListDataCenters(ctx)
		if err != nil {
			notChecked(&diags, "data_center_ids", "data centers", "RunPod's data centers", err)
		} else {
			for _, e := range cfg.DataCenterIDs.Elements() {
				if id, ok := known(e); ok {
					at := path.Root("data_center_ids").AtSetValue(e)
					if p := datacenter.CheckListed(catalog, client.Backend(), "data_center_ids", id); p != nil {
						diags.AddAttributeError(at, p.Summary, p.Detail)
					}
				}
			}
		}
	}
	if changed(cfg.CPUFlavorIDs, func(m resourceModel) attr.Value { return m.CPUFlavorIDs }) {
		catalog, err := client.ListCPUFlavors(ctx)
		if err != nil {
			notChecked(&diags, "cpu_flavor_ids", "CPU flavors", "RunPod's CPU flavors", err)
		} else {
			for i, e := range cfg.CPUFlavorIDs.Elements() {
				if id, ok := known(e); ok {
					at := path.Root("cpu_flavor_ids").AtListIndex(i)
					if p := gputype.CheckCPUFlavor(catalog, at.String(), id); p != nil {
						diags.AddAttributeError(at, p.Summary, p.Detail)
					}
				}
			}
		}
	}
	if changed(cfg.TemplateID, func(m resourceModel) attr.Value { return m.TemplateID }) {
		diags.Append(template.CheckReference(ctx, client, path.Root("template_id"), cfg.TemplateID.ValueString(), template.EndpointUser)...)
	}
	if changed(cfg.NetworkVolumeID, func(m resourceModel) attr.Value { return m.NetworkVolumeID }) {
		diags.Append(networkvolume.CheckReference(ctx, client, path.Root("network_volume_id"), cfg.NetworkVolumeID.ValueString(), "endpoint")...)
	}
	if changed(cfg.NetworkVolumeIDs, func(m resourceModel) attr.Value { return m.NetworkVolumeIDs }) {
		for _, e := range cfg.NetworkVolumeIDs.Elements() {
			if id, ok := known(e); ok && (prior == nil || !slices.ContainsFunc(prior.NetworkVolumeIDs.Elements(), e.Equal)) {
				diags.Append(networkvolume.CheckReference(ctx, client, path.Root("network_volume_ids").AtSetValue(e), id, "endpoint")...)
			}
		}
	}
	return diags
}

func known(e attr.Value) (string, bool) {
	s, ok := e.(types.String)
	if !ok || s.IsNull() || s.IsUnknown() {
		return "", false
	}
	return s.ValueString(), true
}

func notChecked(diags *diag.Diagnostics, attribute, what, catalogName string, err error) {
	diags.AddAttributeWarning(path.Root(attribute), strings.ToUpper(what[:1])+what[1:]+" not checked",
		providerutil.APIErrorDetail("check "+attribute+" against "+catalogName, err)+
			"\n\nRunPod checks the "+what+" when the endpoint is created or updated.")
}
