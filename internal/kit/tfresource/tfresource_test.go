package tfresource

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfdiag"
)

var errNotFound = errors.New("404 not found")

var cloud = tfdiag.API{Name: "Cloudy", IsNotFound: func(err error) bool { return errors.Is(err, errNotFound) }}

type client interface{ Ping() }

type realClient struct{}

func (realClient) Ping() {}

func TestClientReturnsWhatTheProviderConfigured(t *testing.T) {
	var diags diag.Diagnostics
	if c := Client[client](nil, &diags, "Cloudy"); c != nil || diags.HasError() {
		t.Errorf("not configured yet: got %v, %v; want nil without error", c, diags)
	}
	if c := Client[client](realClient{}, &diags, "Cloudy"); c == nil || diags.HasError() {
		t.Errorf("configured: got %v, %v", c, diags)
	}
	if c := Client[*realClient]("not a client", &diags, "Cloudy"); c != nil || !diags.HasError() ||
		!strings.Contains(diags[0].Detail(), "Expected a Cloudy API client, got string.") {
		t.Errorf("wrong data: got %v, %v", c, diags)
	}
}

type volume struct{ ID string }

func readResponse(ctx context.Context) *resource.ReadResponse {
	s := schema.Schema{Attributes: map[string]schema.Attribute{"id": schema.StringAttribute{Computed: true}}}
	return &resource.ReadResponse{State: tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx),
		map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, "vol1")})}}
}

func answer(v *volume, err error) func(context.Context, string) (*volume, error) {
	return func(context.Context, string) (*volume, error) { return v, err }
}

func TestReadOrRemove(t *testing.T) {
	ctx := context.Background()
	resp := readResponse(ctx)
	if got := ReadOrRemove(ctx, cloud, resp, "network volume", "vol1", answer(&volume{ID: "vol1"}, nil)); got == nil || got.ID != "vol1" {
		t.Errorf("found: got %v, want the volume", got)
	}
	if resp.State.Raw.IsNull() || resp.Diagnostics.HasError() {
		t.Errorf("found: the state must stay, without error (%v)", resp.Diagnostics)
	}

	resp = readResponse(ctx)
	if got := ReadOrRemove(ctx, cloud, resp, "network volume", "vol1", answer(nil, errNotFound)); got != nil {
		t.Errorf("not found: got %v, want nil", got)
	}
	if !resp.State.Raw.IsNull() || resp.Diagnostics.HasError() {
		t.Errorf("not found: the resource must leave the state, without error (%v)", resp.Diagnostics)
	}

	resp = readResponse(ctx)
	if got := ReadOrRemove(ctx, cloud, resp, "network volume", "vol1", answer(nil, errors.New("connection refused"))); got != nil {
		t.Errorf("error: got %v, want nil", got)
	}
	if resp.State.Raw.IsNull() || len(resp.Diagnostics) != 1 ||
		resp.Diagnostics[0].Summary() != "Failed to read network volume vol1" ||
		resp.Diagnostics[0].Detail() != "While attempting to read network volume vol1, the Cloudy API call failed.\n\nError: connection refused" {
		t.Errorf("error: the state must stay, with one error: %v", resp.Diagnostics)
	}
}

func TestGetByID(t *testing.T) {
	ctx := context.Background()
	var diags diag.Diagnostics
	if got := GetByID(ctx, cloud, &diags, "network volume", "vol1", answer(&volume{ID: "vol1"}, nil), "unused"); got == nil || diags.HasError() {
		t.Errorf("found: got %v, %v", got, diags)
	}
	if got := GetByID(ctx, cloud, &diags, "network volume", "vol1", answer(nil, errNotFound), "List them."); got != nil {
		t.Errorf("not found: got %v, want nil", got)
	}
	want := diag.Diagnostics{diag.NewAttributeErrorDiagnostic(path.Root("id"), "Network volume not found", "List them.")}
	if !diags.Equal(want) {
		t.Errorf("not found: got %v, want %v", diags, want)
	}
	diags = nil
	if got := GetByID(ctx, cloud, &diags, "pod", "pod1", answer(nil, errors.New("refused")), "unused"); got != nil ||
		len(diags) != 1 || diags[0].Summary() != "Failed to read pod pod1" {
		t.Errorf("error: got %v, %v", got, diags)
	}
}

// private is a resource's private state.
type private map[string][]byte

func (p private) SetKey(_ context.Context, key string, value []byte) diag.Diagnostics {
	p[key] = value
	return nil
}

func (p private) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) { return p[key], nil }

func TestMarkImportedAndWasImported(t *testing.T) {
	ctx := context.Background()
	p := private{}
	if WasImported(ctx, p) || WasImported(ctx, nil) {
		t.Error("an object never imported reads as imported")
	}
	var diags diag.Diagnostics
	MarkImported(ctx, p, &diags)
	if !WasImported(ctx, p) || diags.HasError() || string(p["imported"]) != "true" {
		t.Errorf("after MarkImported: %v, %v", p, diags)
	}
}

func TestWithTimeout(t *testing.T) {
	var diags diag.Diagnostics
	configured := func(_ context.Context, def time.Duration) (time.Duration, diag.Diagnostics) { return def / 2, nil }
	ctx, cancel, ok := WithTimeout(context.Background(), configured, time.Hour, &diags)
	defer cancel()
	deadline, has := ctx.Deadline()
	if !ok || !has || time.Until(deadline) > 30*time.Minute || time.Until(deadline) < 29*time.Minute {
		t.Errorf("ok %v, deadline %v in %s; want the configured 30m", ok, has, time.Until(deadline))
	}
	broken := func(context.Context, time.Duration) (time.Duration, diag.Diagnostics) {
		return 0, diag.Diagnostics{diag.NewErrorDiagnostic("Invalid timeout", "10 parsecs")}
	}
	ctx, cancel, ok = WithTimeout(context.Background(), broken, time.Hour, &diags)
	cancel()
	if _, has := ctx.Deadline(); ok || has || !diags.HasError() {
		t.Errorf("an unreadable timeout: ok %v, deadline %v, diags %v", ok, has, diags)
	}
}
