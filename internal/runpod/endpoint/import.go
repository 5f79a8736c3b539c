package endpoint

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/templaterollout"
)

// ImportState imports an endpoint by id. REST v1 reports its template; REST v2 does not (see
// importTemplate).
func (r *endpointResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	tfresource.ImportByID{}.ImportState(ctx, req, resp)
	if r.Client != nil && r.Client.Backend() == runpodapi.BackendV2 && !resp.Diagnostics.HasError() {
		r.importTemplate(ctx, tfresource.ImportedID(ctx, req, &resp.Diagnostics), &resp.State, &resp.Diagnostics)
	}
}

// importTemplate recovers, on REST v2, the template_id of an endpoint being imported. RunPod
// keeps a copy of the template's container settings in the endpoint and no link to it, so the
// template is the account's one serverless template with the same settings: then template_id
// and template_fingerprint are set as if the configuration had created the endpoint from it, and
// the next plan is empty. With none or several, template_id stays null and a warning says what
// to do. An endpoint that does not exist is left to Read.
func (r *endpointResource) importTemplate(ctx context.Context, id string, state *tfsdk.State, diags *diag.Diagnostics) {
	ep, err := r.Client.GetEndpoint(ctx, id)
	if runpodapi.IsNotFound(err) {
		return
	}
	if err != nil {
		providerutil.AddAPIError(diags, "read endpoint "+id+" to import it", err)
		return
	}
	if ep.Container == nil {
		return
	}
	all, err := runpodapi.ListOwnTemplates(ctx, r.Client)
	if err != nil {
		providerutil.AddAPIError(diags, "list the templates to find the one endpoint "+id+" was created from", err)
		return
	}
	t, matches := templateOf(all, ep)
	if t == nil {
		label := describe(types.StringValue(ep.Name), types.StringNull(), types.StringValue(id))
		diags.AddWarning("Endpoint "+label+" imported without template_id", importTemplateWarning(matches))
		return
	}
	tflog.Info(ctx, "found the template of the imported endpoint", map[string]any{"id": id, "template_id": t.ID})
	diags.Append(state.SetAttribute(ctx, path.Root("template_id"), t.ID)...)
	diags.Append(state.SetAttribute(ctx, path.Root("template_fingerprint"), templaterollout.Fingerprint(t))...)
}

// templateOf is the template an endpoint imported through REST v2 takes: the one of the
// account's templates (all) whose container settings the endpoint's copy matches, or nil when
// none or several do (matches).
func templateOf(all []runpodapi.Template, ep *runpodapi.Endpoint) (t *runpodapi.Template, matches []runpodapi.Template) {
	if ep.Container == nil {
		return nil, nil
	}
	matches = templaterollout.Matching(all, ep.Container)
	if len(matches) != 1 {
		return nil, matches
	}
	return &matches[0], matches
}

// importTemplateWarning is the detail of the warning for an endpoint imported on REST v2
// without template_id: its container settings match none of the account's serverless
// templates, or several (matches).
func importTemplateWarning(matches []runpodapi.Template) string {
	found := "none of the account's serverless templates has them (the template was edited or deleted since, or is not " +
		"the account's own)"
	which, restart := "the template the endpoint should run", "with the template's settings"
	if len(matches) > 0 {
		names := make([]string, len(matches))
		for i, t := range matches {
			names[i] = fmt.Sprintf("%s (%q)", t.ID, t.Name)
		}
		found = fmt.Sprintf("%d of the account's serverless templates have them: %s", len(matches), strings.Join(names, ", "))
		which, restart = "the one of them the endpoint should follow", "with the same settings"
	}
	return fmt.Sprintf("RunPod's REST v2 does not report which template an endpoint was created from, only the endpoint's "+
		"copy of its container settings (image, start command, container disk, ports, env, registry credentials), and %s. "+
		"template_id is left unset: set it in the configuration to %s (a configuration generated with terraform plan "+
		"-generate-config-out has template_id = null, which does not validate until then). The next plan then re-applies "+
		"that template to the endpoint (PATCH with templateId), which rolls out a new release: workers restart %s.",
		found, which, restart)
}
