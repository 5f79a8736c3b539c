package template

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/datacenter"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// User is what refers to a template, for CheckReference: a pod or an endpoint.
type User string

const (
	PodUser      User = "pod"
	EndpointUser User = "endpoint"
)

// CheckReference checks at plan time that template id, set at attribute of a user's
// configuration, is one RunPod would accept, so that the plan names the attribute instead of
// RunPod refusing `templateId` at apply: the template exists (one of the account's own, from
// the provider's shared snapshot, or a public one read by id) and is of the user's kind
// (endpoints need a serverless template; REST v2 refuses a serverless one for a pod). When
// the template cannot be read for another reason, the plan warns and RunPod judges the id at
// apply.
func CheckReference(ctx context.Context, client runpodapi.API, attribute path.Path, id string, user User) diag.Diagnostics {
	var diags diag.Diagnostics
	t, err := runpodapi.ReadTemplate(ctx, client, id)
	switch {
	case runpodapi.IsNotFound(err):
		diags.AddAttributeError(attribute, "Template not found", fmt.Sprintf(
			"%s = %q: RunPod has no template with this id that the account can use (neither its own nor a public one).%s\n\n"+
				"Set %s to the id of a template (a runpod_template resource's id, or a RunPod template's id from the "+
				"runpod_templates data source).%s",
			attribute, id, closestTemplates(ctx, client, id, user), attribute, deletedWithEndpointHint(client)))
	case err != nil:
		diags.AddAttributeWarning(attribute, "Template not checked",
			providerutil.APIErrorDetail("check "+attribute.String()+" against RunPod's templates", err)+
				"\n\nRunPod checks the template when the "+string(user)+" is created or changed.")
	case user == EndpointUser && !t.IsServerless:
		diags.AddAttributeError(attribute, "Not a serverless template", fmt.Sprintf(
			"%s = %q: template %q is a pod template (is_serverless = false), and RunPod runs endpoints from serverless "+
				"templates only. Use a template with is_serverless = true.", attribute, id, t.Name))
	case user == PodUser && t.IsServerless && client.Backend() == runpodapi.BackendV2:
		diags.AddAttributeError(attribute, "Serverless template for a pod", fmt.Sprintf(
			"%s = %q: template %q is a serverless template (is_serverless = true), and RunPod's REST v2 creates pods "+
				"from pod templates only. Use a template with is_serverless = false.", attribute, id, t.Name))
	}
	return diags
}

// closestTemplates suggests the account's templates of the user's kind nearest to id, as a
// sentence ("" when there are none or they cannot be listed: the error stands without it).
func closestTemplates(ctx context.Context, client runpodapi.API, id string, user User) string {
	own, err := client.ListTemplates(ctx, runpodapi.TemplateListOptions{})
	if err != nil {
		return ""
	}
	names := map[string]string{}
	for _, t := range own {
		if t.IsServerless == (user == EndpointUser) {
			names[t.ID] = strconv.Quote(t.Name)
		}
	}
	if len(names) == 0 {
		return ""
	}
	return " Closest of the account's " + string(user) + " templates: " + strings.Join(datacenter.Nearest(id, names, 3), ", ") + "."
}

// deletedWithEndpointHint explains, on REST v2, the one way a runpod_template of the
// configuration can vanish during an apply: RunPod deleted it with an endpoint bound to it.
func deletedWithEndpointHint(client runpodapi.API) string {
	if client.Backend() != runpodapi.BackendV2 {
		return ""
	}
	return " If it is a runpod_template that RunPod deleted together with an endpoint earlier in this apply (REST v2 " +
		"deletes an endpoint's bound template, and an endpoint created through REST v1 is bound to its template), apply " +
		"again: the template's refresh finds it gone and Terraform creates it before what uses it."
}
