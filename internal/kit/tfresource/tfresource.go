// Package tfresource holds what the resources and data sources of both providers do alike
// around their API calls: their name and the API client the provider configured (Resource and
// DataSource, to embed), reading the object behind a resource (and letting go of one deleted
// outside Terraform), importing by id and marking an import, and bounding an operation by its
// timeout.
package tfresource

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfdiag"
)

// Client returns the API client of type C that the provider configured (providerData: the
// ResourceData or DataSourceData of its Configure); cloud names it in the error ("RunPod").
// It returns the zero C without a diagnostic while the provider is not configured yet
// (ValidateConfig, early plans).
func Client[C any](providerData any, diags *diag.Diagnostics, cloud string) C {
	var client C
	if providerData == nil {
		return client
	}
	client, ok := providerData.(C)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected a %s API client, got %T. This is a bug in the provider; please report it.", cloud, providerData))
	}
	return client
}

// ReadOrRemove gets the object with id for a resource's Read, with get (a method of the API
// client); what names its kind in messages ("network volume"). When the API says it does not
// exist (api.IsNotFound: deleted outside Terraform), it removes the resource from the state,
// so that the plan shows it will be created again, and returns nil. Another error is reported
// in resp's diagnostics (api.AddError) and returns nil too.
func ReadOrRemove[T any](ctx context.Context, api tfdiag.API, resp *resource.ReadResponse, what, id string, get func(context.Context, string) (*T, error)) *T {
	obj, err := get(ctx, id)
	if err != nil && api.IsNotFound(err) {
		tflog.Warn(ctx, what+" no longer exists: removing it from the state", map[string]any{"id": id})
		resp.State.RemoveResource(ctx)
		return nil
	}
	if err != nil {
		api.AddError(&resp.Diagnostics, "read "+what+" "+id, err)
		return nil
	}
	return obj
}

// GetByID gets the object with id for a data source that looks it up by id, with get (a
// method of the API client); what names its kind in messages ("network volume"). When the API
// has no such object, it reports an error on the id attribute, "<What> not found", with
// notFound as the detail (what to check, where to find ids), and returns nil. Another error is
// reported with api.AddError and returns nil too.
func GetByID[T any](ctx context.Context, api tfdiag.API, diags *diag.Diagnostics, what, id string, get func(context.Context, string) (*T, error), notFound string) *T {
	obj, err := get(ctx, id)
	if err != nil && api.IsNotFound(err) {
		diags.AddAttributeError(path.Root("id"), strings.ToUpper(what[:1])+what[1:]+" not found", notFound)
		return nil
	}
	if err != nil {
		api.AddError(diags, "read "+what+" "+id, err)
		return nil
	}
	return obj
}

// privateImported is the private-state key MarkImported sets.
const privateImported = "imported"

// PrivateSetter writes a resource's private state (an ImportStateResponse's Private).
type PrivateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// PrivateGetter reads a resource's private state (the Private of a plan or apply request).
type PrivateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

// MarkImported records, in an import's private state, that the object was imported: a null
// attribute the API does not report then means "not known", not "not set at creation", and the
// plan can record the configured value instead of replacing the object (WasImported).
func MarkImported(ctx context.Context, private PrivateSetter, diags *diag.Diagnostics) {
	diags.Append(private.SetKey(ctx, privateImported, []byte("true"))...)
}

// WasImported reports whether the object was imported (MarkImported); private may be nil (a
// create).
func WasImported(ctx context.Context, private PrivateGetter) bool {
	if private == nil {
		return false
	}
	v, _ := private.GetKey(ctx, privateImported)
	return string(v) == "true"
}

// WithTimeout returns ctx bounded by an operation's timeout: the one configured, read by
// configured (the Create, Update or Delete method of the resource's timeouts value), else def.
// ok is false when the configured timeout cannot be read (reported in diags); cancel is always
// safe to call.
func WithTimeout(ctx context.Context, configured func(context.Context, time.Duration) (time.Duration, diag.Diagnostics),
	def time.Duration, diags *diag.Diagnostics) (_ context.Context, cancel context.CancelFunc, ok bool) {
	timeout, d := configured(ctx, def)
	diags.Append(d...)
	if d.HasError() {
		return ctx, func() {}, false
	}
	ctx, cancel = context.WithTimeout(ctx, timeout)
	return ctx, cancel, true
}
