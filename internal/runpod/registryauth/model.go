// Package registryauth holds the runpod_container_registry_auth resource: credentials RunPod
// uses to pull private container images for pods and templates.
package registryauth

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// registryAuthModel is the resource's state. RunPod returns only id and name: username and
// password are what the configuration set (null after an import until the next apply).
// PasswordWO is write-only: it holds a value only in the configuration, never in plan or state.
type registryAuthModel struct {
	ID                types.String `tfsdk:"id"`
	Name              types.String `tfsdk:"name"`
	Username          types.String `tfsdk:"username"`
	Password          types.String `tfsdk:"password"`
	PasswordWO        types.String `tfsdk:"password_wo"`
	PasswordWOVersion types.Int64  `tfsdk:"password_wo_version"`
}

// createInput is the credential to create as planned, with the configured password: password
// or password_wo (which the plan never holds).
func (m registryAuthModel) createInput(config registryAuthModel) runpodapi.ContainerRegistryAuthCreateInput {
	return runpodapi.ContainerRegistryAuthCreateInput{
		Name:     m.Name.ValueString(),
		Username: m.Username.ValueString(),
		Password: passwordOf(config).ValueString(),
	}
}

// withAPI returns m with what RunPod reports (id and name); username and password stay as
// they are, since RunPod never returns them.
func (m registryAuthModel) withAPI(a *runpodapi.ContainerRegistryAuth) registryAuthModel {
	m.ID = types.StringValue(a.ID)
	m.Name = types.StringValue(a.Name)
	return m
}

// missingSecretDetail explains why attr (username or password), which the configuration
// leaves out (the password: and password_wo too), is needed: to create the credential (state nil) or to replace it (a change of
// a value it was created with). It is "" when neither is planned.
func missingSecretDetail(attr string, plan registryAuthModel, state *registryAuthModel) string {
	const stored = "RunPod stores a credential's username and password only when it creates it, and never returns them"
	name := "the credential"
	if !plan.Name.IsUnknown() {
		name = strconv.Quote(plan.Name.ValueString())
	}
	set := attr
	if attr == "password" {
		set = "password (or password_wo with password_wo_version, to keep it out of the state)"
	}
	if state == nil {
		return fmt.Sprintf("%s is required to create container registry auth %s: %s. Set %s in the configuration.",
			attr, name, stored, set)
	}
	var changed []string
	for _, c := range []struct {
		name    string
		replace bool
	}{
		{"name", !plan.Name.Equal(state.Name)},
		{"username", replaces(state.Username, plan.Username)},
		{"password", replaces(state.Password, plan.Password)},
		{"password_wo_version", replaces(state.PasswordWOVersion, plan.PasswordWOVersion)},
	} {
		if c.replace {
			changed = append(changed, c.name)
		}
	}
	if len(changed) == 0 {
		return ""
	}
	return fmt.Sprintf("%s is required to replace container registry auth %s (%s), which changing %s does (RunPod has no "+
		"update): %s, so a new credential takes them from the configuration, never from the state. Set %s in the "+
		"configuration.", attr, name, state.ID.ValueString(), strings.Join(changed, " and "), stored, set)
}

// passwordOf is the password the configuration gives: password, or else password_wo.
func passwordOf(config registryAuthModel) types.String {
	if config.Password.IsNull() {
		return config.PasswordWO
	}
	return config.Password
}

// findByIDOrName returns the credential whose id is ref or, failing that, the only one named
// ref (RunPod's names are unique). It returns nil when neither matches.
func findByIDOrName(all []runpodapi.ContainerRegistryAuth, ref string) *runpodapi.ContainerRegistryAuth {
	for i := range all {
		if all[i].ID == ref {
			return &all[i]
		}
	}
	var byName *runpodapi.ContainerRegistryAuth
	for i := range all {
		if all[i].Name == ref {
			if byName != nil {
				return nil // not unique after all: refuse to guess
			}
			byName = &all[i]
		}
	}
	return byName
}

// duplicateNameHint explains a create refused because the name is taken, given the taken
// credential's id.
func duplicateNameHint(name, existingID string) string {
	return fmt.Sprintf("A container registry auth named %q already exists in the RunPod account (id %s), and RunPod "+
		"requires unique names. Choose another name, or bring the existing credential under Terraform: "+
		"terraform import <address> %s (then apply to record username and password from the configuration). "+
		"When this happens while replacing the credential with create_before_destroy, the new one cannot take the old "+
		"one's name: change the name too, or drop create_before_destroy.", name, existingID, existingID)
}

// podsUsing lists the pods of all that pull their image with credential id, as "id (name)".
func podsUsing(all []runpodapi.Pod, id string) []string {
	var out []string
	for _, p := range all {
		if p.ContainerRegistryAuthID == id {
			out = append(out, fmt.Sprintf("%s (%s)", p.ID, p.Name))
		}
	}
	return out
}

// inUseDetail explains a delete RunPod refused (REST v2 answers 400 while a pod uses the
// credential): the pods found using it (none when they could not be listed), the ways
// forward, then RunPod's own error.
func inUseDetail(id string, pods []string, err error) string {
	which := "RunPod does not delete a container registry auth that a pod uses to pull its image"
	if len(pods) > 0 {
		which = fmt.Sprintf("It is in use by pod %s, and RunPod does not delete a container registry auth that a pod "+
			"uses to pull its image", strings.Join(pods, ", pod "))
	}
	return fmt.Sprintf("While attempting to delete container registry auth %s, RunPod refused. %s: delete those pods, "+
		"or set their container_registry_auth_id to another credential, first. When they are in this configuration, let them "+
		"reference this credential's id so that Terraform changes them before deleting it. (Templates do not block the "+
		"delete: RunPod drops the reference from them.)\n\nError: %s", id, which, err)
}
