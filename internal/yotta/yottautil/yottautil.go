// Package yottautil binds the kit's resource and diagnostics helpers (internal/kit/tfresource,
// internal/kit/tfdiag) to Yotta: its API client, how its errors are told apart, and what to
// do about each (remedy).
package yottautil

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfdiag"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaapi"
)

// EnvAPIKey is where the provider reads the API key when the configuration has none.
const EnvAPIKey = "YOTTA_API_KEY"

// API is the Yotta API client as diagnostics speak of it: its failures are reported with
// Yotta's own message and code, and what to do about them (remedy).
var API = tfdiag.API{Name: "Yotta", Remedy: remedy, IsNotFound: yottaapi.IsNotFound}

// Resource returns what every Yotta resource does alike (tfresource.Resource), to embed: it is
// named yotta<suffix> ("_pod"), and its Configure stores the API client the provider
// configured in its Client (nil while the provider is not configured yet: ValidateConfig,
// early plans).
func Resource(suffix string) tfresource.Resource[*yottaapi.Client] {
	return tfresource.NewResource[*yottaapi.Client](API.Name, suffix)
}

// DataSource returns the Yotta data source named yotta<suffix> ("_pods") with the schema
// schemaOf returns, read by read (see tfresource.DataSource).
func DataSource[M any](suffix string, schemaOf func() schema.Schema, read tfresource.ReadFunc[*yottaapi.Client, M]) *tfresource.DataSource[*yottaapi.Client, M] {
	return tfresource.NewDataSource(API.Name, suffix, schemaOf, read)
}

// ReadOrRemove gets the object with id for a resource's Read, with get (a method of the API
// client); what names its kind in messages ("container registry auth"). When Yotta does not
// know it (deleted outside Terraform), it removes the resource from the state, so that the
// plan shows it will be created again, and returns nil. Another error is reported in resp's
// diagnostics and returns nil too.
func ReadOrRemove[T any](ctx context.Context, resp *resource.ReadResponse, what, id string, get func(context.Context, string) (*T, error)) *T {
	return tfresource.ReadOrRemove(ctx, API, resp, what, id, get)
}

// GetByID gets the object with id for a data source that looks it up by id, with get (a
// method of the API client); what names its kind in messages ("pod"). When Yotta does not know
// it, it reports an error on the id attribute, "<What> not found", with notFound as the detail
// (what to check, where to find ids), and returns nil. Another error is reported as
// AddAPIError and returns nil too.
func GetByID[T any](ctx context.Context, diags *diag.Diagnostics, what, id string, get func(context.Context, string) (*T, error), notFound string) *T {
	return tfresource.GetByID(ctx, API, diags, what, id, get, notFound)
}

// AddAPIError reports a failed API call. action says what the provider was doing, in the words
// a user would use ("create pod trainer"); the detail keeps Yotta's own message and code.
func AddAPIError(diags *diag.Diagnostics, action string, err error) { API.AddError(diags, action, err) }

// NoticeAdoptions returns ctx for a resource's Create: when the create's answer is lost and the
// client finds and adopts the object it made, a warning in diags says so, naming it (see
// tfdiag.API.NoticeAdoptions), as the RunPod provider does.
func NoticeAdoptions(ctx context.Context, diags *diag.Diagnostics) context.Context {
	return API.NoticeAdoptions(ctx, diags)
}

// AddAPIErrorNaming reports a failed API call like AddAPIError, on the attribute Yotta's
// message names when it names one of fields (API field name → attribute): the diagnostic then
// points at the configuration line. Yotta's 10001 messages name the field they refuse
// ("gpu type [X] not supported"); their exact wording is not documented, so this is best
// effort, and an error naming no known field is reported on the resource.
func AddAPIErrorNaming(diags *diag.Diagnostics, action string, err error, fields map[string]string) {
	if apiErr := yottaapi.AsAPIError(err); apiErr != nil && yottaapi.IsInvalidParameters(err) {
		if attr, field := attributeNamed(apiErr.Message, fields); attr != "" {
			API.AddAttributeError(diags, attr, action, err, fmt.Sprintf("Yotta's message names %s, which is this resource's %s.", field, attr))
			return
		}
	}
	AddAPIError(diags, action, err)
}

// attributeNamed finds the first API field of fields that message names: as a word
// ("gpuType", "gpuCount:") or spelt out in lower case words ("gpu type [X]").
func attributeNamed(message string, fields map[string]string) (attr, field string) {
	best := -1
	for f, a := range fields {
		for _, re := range []*regexp.Regexp{
			regexp.MustCompile(`\b` + regexp.QuoteMeta(f) + `\b`),
			regexp.MustCompile(`(?i)\b` + strings.Join(splitCamel(f), `\s+`) + `\b`),
		} {
			if loc := re.FindStringIndex(message); loc != nil && (best < 0 || loc[0] < best) {
				best, attr, field = loc[0], a, f
			}
		}
	}
	return attr, field
}

// splitCamel splits "gpuType" into ["gpu", "type"].
func splitCamel(s string) []string {
	var out []string
	start := 0
	for i := 1; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			out = append(out, strings.ToLower(s[start:i]))
			start = i
		}
	}
	return append(out, strings.ToLower(s[start:]))
}

func remedy(err error) string {
	var amb *yottaapi.AmbiguousCreateError
	switch {
	case errors.As(err, &amb):
		return "Check Yotta's console: import the object that is yours (terraform import) and delete the others."
	case yottaapi.IsUnauthorized(err):
		return "Check the API key (the provider's api_key or " + EnvAPIKey + "): Yotta's console lists keys under Settings → Access Keys."
	case yottaapi.IsServerSide(err):
		return "Yotta reported a problem on its side; applying again usually succeeds."
	case yottaapi.IsInvalidParameters(err):
		return "Yotta refused the request's parameters (code 10001); its message says which."
	}
	if e := yottaapi.AsAPIError(err); e != nil && (e.HTTPStatus == 429 || e.Code == 429) {
		return "Yotta is rate limiting requests; the provider retried until it gave up. Apply again later."
	}
	return ""
}

// ListSpec describes a Yotta list resource (see tfresource.ListSpec).
type ListSpec[T, F, M any] = tfresource.ListSpec[*yottaapi.Client, T, F, M]

// List returns the Yotta list resource spec describes: what `terraform query` calls to find
// the account's objects of a resource type.
func List[T, F, M any](spec ListSpec[T, F, M]) *tfresource.List[*yottaapi.Client, T, F, M] {
	return tfresource.NewList(API, spec)
}
