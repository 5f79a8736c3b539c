package endpoint

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
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

// checkCatalogs checks, against RunPod's catalogs (cached by the client: one read per plan),
// the known ids of data_center_ids and cpu_flavor_ids (on both backends) and of gpu_type_ids
// (REST v2 only: the provider maps them to serverless pools from the same catalog, so it knows
// exactly which it can send; REST v1 judges them by an enum of its own), and that the
// template (a serverless one) and network volumes exist. cfg is the configuration, prior the
// state (nil when creating): only values that differ from the state are checked, so an id
// RunPod later drops does not fail plans of an endpoint that keeps it. When a catalog cannot
// be read, the plan warns and RunPod judges the ids at apply.
func checkCatalogs(ctx context.Context, client runpodapi.API, cfg resourceModel, prior *resourceModel) diag.Diagnostics {
	var diags diag.Diagnostics
	changed := func(now attr.Value, was func(resourceModel) attr.Value) bool {
		return !now.IsNull() && !now.IsUnknown() && (prior == nil || !now.Equal(was(*prior)))
	}
	listAt := func(attribute string) func(int, attr.Value) path.Path {
		return func(i int, _ attr.Value) path.Path { return path.Root(attribute).AtListIndex(i) }
	}
	if client.Backend() == runpodapi.BackendV2 && changed(cfg.GPUTypeIDs, func(m resourceModel) attr.Value { return m.GPUTypeIDs }) {
		checkListed(&diags, "gpu_type_ids", "GPU types", "RunPod's GPU catalog", cfg.GPUTypeIDs.Elements(), listAt("gpu_type_ids"),
			func() ([]runpodapi.GPUCatalogEntry, error) { return client.GPUCatalog(ctx) },
			func(catalog []runpodapi.GPUCatalogEntry, at path.Path, id string) *datacenter.Problem {
				return gputype.CheckListed(catalog, at.String(), id, true)
			})
	}
	if changed(cfg.DataCenterIDs, func(m resourceModel) attr.Value { return m.DataCenterIDs }) {
		checkListed(&diags, "data_center_ids", "data centers", "RunPod's data centers", cfg.DataCenterIDs.Elements(),
			func(_ int, e attr.Value) path.Path { return path.Root("data_center_ids").AtSetValue(e) },
			func() ([]runpodapi.DataCenter, error) { return client.ListDataCenters(ctx) },
			func(catalog []runpodapi.DataCenter, _ path.Path, id string) *datacenter.Problem {
				return datacenter.CheckListed(catalog, client.Backend(), "data_center_ids", id)
			})
	}
	if changed(cfg.CPUFlavorIDs, func(m resourceModel) attr.Value { return m.CPUFlavorIDs }) {
		checkListed(&diags, "cpu_flavor_ids", "CPU flavors", "RunPod's CPU flavors", cfg.CPUFlavorIDs.Elements(), listAt("cpu_flavor_ids"),
			func() ([]runpodapi.CPUFlavor, error) { return client.ListCPUFlavors(ctx) },
			func(catalog []runpodapi.CPUFlavor, at path.Path, id string) *datacenter.Problem {
				return gputype.CheckCPUFlavor(catalog, at.String(), id)
			})
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

// checkListed checks each known id of elements against the catalog read returns (read once,
// and only when asked for), adding check's problem on the element's path (at); a catalog that
// cannot be read warns instead (notChecked).
func checkListed[C any](diags *diag.Diagnostics, attribute, what, catalogName string, elements []attr.Value,
	at func(int, attr.Value) path.Path, read func() (C, error), check func(catalog C, at path.Path, id string) *datacenter.Problem) {
	catalog, err := read()
	if err != nil {
		notChecked(diags, attribute, what, catalogName, err)
		return
	}
	for i, e := range elements {
		if id, ok := known(e); ok {
			if p := check(catalog, at(i, e), id); p != nil {
				diags.AddAttributeError(at(i, e), p.Summary, p.Detail)
			}
		}
	}
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
