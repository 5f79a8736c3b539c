// Package yottautil holds what the yotta provider's resources and data sources share: getting
// the API client from the provider, and turning API errors into diagnostics in one way.
package yottautil

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaapi"
)

// EnvAPIKey is where the provider reads the API key when the configuration has none.
const EnvAPIKey = "YOTTA_API_KEY"

// Client returns the API client the provider configured. It returns nil without a diagnostic
// while the provider is not configured yet (ValidateConfig, early plans).
func Client(providerData any, diags *diag.Diagnostics) *yottaapi.Client {
	if providerData == nil {
		return nil
	}
	client, ok := providerData.(*yottaapi.Client)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected a Yotta API client, got %T. This is a bug in the provider; please report it.", providerData))
		return nil
	}
	return client
}

// AddAPIError reports a failed API call. action says what the provider was doing, in the words
// a user would use ("create pod trainer"); the detail keeps Yotta's own message and code.
func AddAPIError(diags *diag.Diagnostics, action string, err error) {
	diags.AddError("Failed to "+action, APIErrorDetail(action, err))
}

// AddAPIErrorNaming reports a failed API call like AddAPIError, on the attribute Yotta's
// message names when it names one of fields (API field name → attribute): the diagnostic then
// points at the configuration line. Yotta's 10001 messages name the field they refuse
// ("gpu type [X] not supported"); their exact wording is not documented, so this is best
// effort, and an error naming no known field is reported on the resource.
func AddAPIErrorNaming(diags *diag.Diagnostics, action string, err error, fields map[string]string) {
	if apiErr := yottaapi.AsAPIError(err); apiErr != nil && yottaapi.IsInvalidParameters(err) {
		if attr, field := attributeNamed(apiErr.Message, fields); attr != "" {
			diags.AddAttributeError(path.Root(attr), "Failed to "+action,
				APIErrorDetail(action, err)+fmt.Sprintf("\n\nYotta's message names %s, which is this resource's %s.", field, attr))
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

// APIErrorDetail is the detail text of AddAPIError, for callers that attach it to an
// attribute or add a warning instead.
func APIErrorDetail(action string, err error) string {
	detail := fmt.Sprintf("While attempting to %s, the Yotta API call failed.", action)
	if hint := remedy(err); hint != "" {
		detail += " " + hint
	}
	return detail + "\n\nError: " + err.Error()
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
