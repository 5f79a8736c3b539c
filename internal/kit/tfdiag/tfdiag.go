// Package tfdiag turns what a cloud's API client reports into the diagnostics users read, in
// one way for both providers: a failed call is "Failed to <action>" with the API's own message
// and what to do about it; a create whose lost answer was settled by adopting the object it
// made is a warning naming the object.
package tfdiag

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/adoption"
)

// API is one cloud's API client, as diagnostics speak of it.
type API struct {
	// Name is the cloud as users know it: "RunPod", "Yotta".
	Name string
	// Remedy says what the user can do about err, or "" when nothing is to be added to the
	// error's own text.
	Remedy func(err error) string
	// IsNotFound says whether err means the object asked for does not exist.
	IsNotFound func(err error) bool
}

// AddError reports a failed API call. action says what the provider was doing, in the words
// a user would use ("create pod abc123"); the detail keeps the API's own message.
func (a API) AddError(diags *diag.Diagnostics, action string, err error) {
	diags.AddError("Failed to "+action, a.ErrorDetail(action, err))
}

// AddAttributeError reports a failed API call like AddError, on attribute (the configuration
// line it points at), with note, why that attribute, after the detail.
func (a API) AddAttributeError(diags *diag.Diagnostics, attribute, action string, err error, note string) {
	diags.AddAttributeError(path.Root(attribute), "Failed to "+action, a.ErrorDetail(action, err)+"\n\n"+note)
}

// ErrorDetail is the detail text of AddError, for callers that attach it elsewhere or add a
// warning instead.
func (a API) ErrorDetail(action string, err error) string {
	detail := fmt.Sprintf("While attempting to %s, the %s API call failed.", action, a.Name)
	if a.Remedy != nil {
		if hint := a.Remedy(err); hint != "" {
			detail += " " + hint
		}
	}
	return detail + "\n\nError: " + err.Error()
}

// NoticeAdoptions returns ctx for a resource's Create: when the create's answer is lost and
// the client finds and adopts the object it made (internal/kit/adoption), a warning in diags
// says so, naming the object, so that the user knows why an apply that met an error still
// succeeded.
func (a API) NoticeAdoptions(ctx context.Context, diags *diag.Diagnostics) context.Context {
	return adoption.WithNotice(ctx, func(n adoption.Notice) {
		diags.AddWarning("Adopted the "+n.Kind+" the create made",
			fmt.Sprintf("%s did not report the outcome of the create (%v). The provider then listed the account's %ss, "+
				"found exactly one that matches the request and was made since it was sent, %s, and manages it: nothing was "+
				"created twice.", a.Name, n.Cause, n.Kind, n.ID))
	})
}
