package providerutil

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod"
)

type volume struct{ ID string }

func readResponse(ctx context.Context) *resource.ReadResponse {
	s := schema.Schema{Attributes: map[string]schema.Attribute{"id": schema.StringAttribute{Computed: true}}}
	return &resource.ReadResponse{State: tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx),
		map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, "vol1")})}}
}

func TestReadOrRemove(t *testing.T) {
	ctx := context.Background()
	answer := func(v *volume, err error) func(context.Context, string) (*volume, error) {
		return func(_ context.Context, id string) (*volume, error) {
			if id != "vol1" {
				t.Errorf("get called with id %q, want vol1", id)
			}
			return v, err
		}
	}

	resp := readResponse(ctx)
	if got := ReadOrRemove(ctx, resp, "network volume", "vol1", answer(&volume{ID: "vol1"}, nil)); got == nil || got.ID != "vol1" {
		t.Errorf("found: got %v, want the volume", got)
	}
	if resp.State.Raw.IsNull() || resp.Diagnostics.HasError() {
		t.Errorf("found: the state must stay, without error (%v)", resp.Diagnostics)
	}

	resp = readResponse(ctx)
	notFound := &runpod.APIError{StatusCode: http.StatusNotFound, Message: "not found"}
	if got := ReadOrRemove(ctx, resp, "network volume", "vol1", answer(nil, notFound)); got != nil {
		t.Errorf("404: got %v, want nil", got)
	}
	if !resp.State.Raw.IsNull() || resp.Diagnostics.HasError() {
		t.Errorf("404: the resource must leave the state, without error (%v)", resp.Diagnostics)
	}

	resp = readResponse(ctx)
	if got := ReadOrRemove(ctx, resp, "network volume", "vol1", answer(nil, errors.New("connection refused"))); got != nil {
		t.Errorf("error: got %v, want nil", got)
	}
	if resp.State.Raw.IsNull() || len(resp.Diagnostics) != 1 {
		t.Fatalf("error: the state must stay, with one error (%v)", resp.Diagnostics)
	}
	d := resp.Diagnostics[0]
	if d.Summary() != "Failed to read network volume vol1" ||
		!strings.HasPrefix(d.Detail(), "While attempting to read network volume vol1, the RunPod API call failed.") ||
		!strings.HasSuffix(d.Detail(), "Error: connection refused") {
		t.Errorf("error: got %q / %q", d.Summary(), d.Detail())
	}
}
