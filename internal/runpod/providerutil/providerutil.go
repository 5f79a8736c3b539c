// Package providerutil binds the kit's resource and diagnostics helpers (internal/kit/tfresource,
// internal/kit/tfdiag) to RunPod: its API client, how its errors are told apart, and what
// to do about each (remedy).
package providerutil

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfdiag"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// API is the RunPod API client as diagnostics speak of it: its failures are reported with
// RunPod's own message and what to do about it (remedy).
var API = tfdiag.API{Name: "RunPod", Remedy: remedy, IsNotFound: runpodapi.IsNotFound}

// Resource returns what every RunPod resource does alike (tfresource.Resource), to embed: it
// is named runpod<suffix> ("_pod"), and its Configure stores the API client the provider
// configured in its Client (nil while the provider is not configured yet: ValidateConfig,
// early plans).
func Resource(suffix string) tfresource.Resource[runpodapi.API] {
	return tfresource.NewResource[runpodapi.API](API.Name, suffix)
}

// DataSource returns the RunPod data source named runpod<suffix> ("_pods") with the schema
// schemaOf returns, read by read (see tfresource.DataSource).
func DataSource[M any](suffix string, schemaOf func() schema.Schema, read tfresource.ReadFunc[runpodapi.API, M]) *tfresource.DataSource[runpodapi.API, M] {
	return tfresource.NewDataSource(API.Name, suffix, schemaOf, read)
}

// ReadOrRemove gets the object with id for a resource's Read, with get (a method of the API
// client such as GetNetworkVolume); what names its kind in messages ("network volume"). When
// RunPod answers 404 (the object was deleted outside Terraform), it removes the resource from
// the state, so that the plan shows it will be created again, and returns nil. Another error
// is reported in resp's diagnostics and returns nil too.
func ReadOrRemove[T any](ctx context.Context, resp *resource.ReadResponse, what, id string, get func(context.Context, string) (*T, error)) *T {
	return tfresource.ReadOrRemove(ctx, API, resp, what, id, get)
}

// GetByID gets the object with id for a data source that looks it up by id, with get (a
// method of the API client); what names its kind in messages ("network volume"). When RunPod
// has no such object (404), it reports an error on the id attribute, "<What> not found", with
// notFound as the detail (what to check, where to find ids), and returns nil. Another error is
// reported as AddAPIError and returns nil too.
func GetByID[T any](ctx context.Context, diags *diag.Diagnostics, what, id string, get func(context.Context, string) (*T, error), notFound string) *T {
	return tfresource.GetByID(ctx, API, diags, what, id, get, notFound)
}

// AddAPIErrorNaming reports a failed API call like AddAPIError, on the attribute RunPod's
// answer names when attributeOf maps the field it names (REST v2's problem details say which
// field failed, such as "$.gpu.count"): the diagnostic then points at the configuration line.
func AddAPIErrorNaming(diags *diag.Diagnostics, action string, err error, attributeOf map[string]string) {
	var apiErr *runpodapi.APIError
	if errors.As(err, &apiErr) {
		for _, field := range apiErr.Fields() {
			if attr, ok := attributeOf[field]; ok {
				API.AddAttributeError(diags, attr, action, err, fmt.Sprintf("RunPod names the field %s, which is this resource's %s.", field, attr))
				return
			}
		}
	}
	AddAPIError(diags, action, err)
}

// AddAPIError reports a failed API call. action says what the provider was doing, in the
// words a user would use ("create pod abc123"); the detail keeps RunPod's own message.
func AddAPIError(diags *diag.Diagnostics, action string, err error) { API.AddError(diags, action, err) }

// APIErrorDetail is the detail text of AddAPIError, for callers that attach it to an
// attribute or add a warning instead.
func APIErrorDetail(action string, err error) string { return API.ErrorDetail(action, err) }

// resourceTypeOf is the Terraform type of a kind of object, as the client's errors name it.
var resourceTypeOf = map[string]string{
	"pod": "runpod_pod", "endpoint": "runpod_endpoint", "template": "runpod_template",
	"network volume": "runpod_network_volume", "container registry auth": "runpod_container_registry_auth",
}

// ImportCommand is the command that brings the object id of kind (as the client's errors name
// it, "pod") under Terraform; <name> stands for the resource's name in the configuration.
func ImportCommand(kind, id string) string {
	typ := resourceTypeOf[kind]
	if typ == "" {
		typ = "<resource type>"
	}
	return fmt.Sprintf("terraform import %s.<name> %s", typ, id)
}

func remedy(err error) string {
	if hint := connectionRemedy(err); hint != "" {
		return hint
	}
	// A change whose answer was lost: what the client found out decides what to do, not the
	// status (a 5xx on a create is not "apply again": that could make a second object).
	var ambiguous *runpodapi.AmbiguousCreateError
	var createUnknown *runpodapi.CreateUnknownError
	var createNotApplied *runpodapi.CreateNotAppliedError
	var updateNotApplied *runpodapi.UpdateNotAppliedError
	var updateUnknown *runpodapi.UpdateUnknownError
	var outcomeUnknown *runpodapi.OutcomeUnknownError
	switch {
	case errors.As(err, &ambiguous):
		var b strings.Builder
		b.WriteString("Terraform manages none of them yet. Keep the one this configuration should manage by importing it, " +
			"and delete the others in RunPod's console (they bill like any other):")
		for _, id := range ambiguous.IDs() {
			b.WriteString("\n  " + ImportCommand(ambiguous.Kind, id))
		}
		return b.String()
	case errors.As(err, &createUnknown):
		return "If RunPod's console shows the new " + createUnknown.Kind + ", bring it under Terraform with " +
			ImportCommand(createUnknown.Kind, "<id>") + " rather than applying again, which would create a second one."
	case errors.As(err, &createNotApplied):
		return "Nothing was created, so there is nothing to clean up; applying again creates it."
	case errors.As(err, &updateNotApplied), errors.As(err, &updateUnknown):
		return "The next plan compares the configuration with what RunPod now reports and applies what still differs."
	case errors.As(err, &outcomeUnknown):
		return "RunPod may or may not have applied it: the next refresh shows what RunPod holds before anything is sent again."
	}
	if runpodapi.IsCapacityError(err) {
		return "RunPod has no capacity for this request now; applying again succeeds only once some frees up. Another GPU " +
			"type (gpu_type_ids takes a priority list), cloud (cloud_type) or data center (data_center_ids) may have some: " +
			"the runpod_gpu_types and runpod_data_centers data sources show the stock."
	}
	switch runpodapi.StatusCode(err) {
	case http.StatusUnauthorized, http.StatusForbidden:
		return "Check the API key (the provider's api_key or RUNPOD_API_KEY) and that it has read/write permission."
	case http.StatusTooManyRequests:
		return "RunPod is rate limiting requests; the provider retried until it gave up. Apply again later."
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return "RunPod reported a server-side problem, and the provider retried until the operation's timeout or its retry " +
			"budget ran out. Nothing was changed by this call; applying again later retries it."
	}
	return ""
}

// connectionRemedy names, for a request that reached no server (connection refused, host
// unknown, dial timed out), the provider setting and environment variable its address comes from, judged by the
// request's path: REST v2 calls go to <api_url>/v2/..., GraphQL calls to graphql_url, REST v1
// calls to rest_url. It returns "" for any other error.
func connectionRemedy(err error) string {
	var urlErr *url.Error
	if !errors.As(err, &urlErr) || errors.Is(err, context.Canceled) {
		return ""
	}
	// Only a connection never made: a dropped or late answer reached a server.
	var opErr *net.OpError
	var dnsErr *net.DNSError
	if !(errors.As(err, &opErr) && opErr.Op == "dial") && !errors.As(err, &dnsErr) {
		return ""
	}
	u, perr := url.Parse(urlErr.URL)
	if perr != nil || u.Host == "" {
		return ""
	}
	setting, env := "rest_url", "RUNPOD_REST_URL"
	switch {
	case strings.Contains(u.Path, "/graphql"):
		setting, env = "graphql_url", "RUNPOD_GRAPHQL_URL"
	case u.Path == "/v2" || strings.HasPrefix(u.Path, "/v2/"):
		setting, env = "api_url", "RUNPOD_API_URL"
	}
	return fmt.Sprintf("The provider could not reach %s://%s, the address its %s setting (or the %s environment variable) "+
		"points at. Check that setting; when it points at runpod-mock, check that the mock is running and that the variables "+
		"it printed are exported in the shell that runs Terraform.", u.Scheme, u.Host, setting, env)
}

// NoticeAdoptions returns ctx for a resource's Create: when the create's answer is lost and the
// client finds and adopts the object it made, a warning in diags says so (see
// tfdiag.API.NoticeAdoptions).
func NoticeAdoptions(ctx context.Context, diags *diag.Diagnostics) context.Context {
	return API.NoticeAdoptions(ctx, diags)
}

// ListSpec describes a RunPod list resource (see tfresource.ListSpec).
type ListSpec[T, F, M any] = tfresource.ListSpec[runpodapi.API, T, F, M]

// List returns the RunPod list resource spec describes (see tfresource.ListSpec): what
// `terraform query` calls to find the account's objects of a resource type.
func List[T, F, M any](spec ListSpec[T, F, M]) *tfresource.List[runpodapi.API, T, F, M] {
	return tfresource.NewList(API, spec)
}
