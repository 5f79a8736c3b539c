package providerutil

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
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
	notFound := &runpodapi.APIError{StatusCode: http.StatusNotFound, Message: "not found"}
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

func TestGetByID(t *testing.T) {
	ctx := context.Background()
	get := func(v *volume, err error) func(context.Context, string) (*volume, error) {
		return func(context.Context, string) (*volume, error) { return v, err }
	}
	var diags diag.Diagnostics
	if got := GetByID(ctx, &diags, "network volume", "vol1", get(&volume{ID: "vol1"}, nil), "unused"); got == nil || diags.HasError() {
		t.Errorf("found: got %v, %v", got, diags)
	}

	notFound := &runpodapi.APIError{StatusCode: http.StatusNotFound, Message: "not found"}
	if got := GetByID(ctx, &diags, "network volume", "vol1", get(nil, notFound), "No such volume: list them with runpod_network_volumes."); got != nil {
		t.Errorf("404: got %v, want nil", got)
	}
	want := diag.Diagnostics{diag.NewAttributeErrorDiagnostic(path.Root("id"), "Network volume not found",
		"No such volume: list them with runpod_network_volumes.")}
	if !diags.Equal(want) {
		t.Errorf("404: got %v, want %v", diags, want)
	}

	diags = nil
	if got := GetByID(ctx, &diags, "pod", "pod1", get(nil, errors.New("connection refused")), "unused"); got != nil {
		t.Errorf("error: got %v, want nil", got)
	}
	if len(diags) != 1 || diags[0].Summary() != "Failed to read pod pod1" || !strings.HasSuffix(diags[0].Detail(), "Error: connection refused") {
		t.Errorf("error: got %v", diags)
	}
}

func TestAmbiguousCreateNamesAnImportCommandPerMatch(t *testing.T) {
	cause := &runpodapi.OutcomeUnknownError{Operation: "create pod", Err: &runpodapi.APIError{Operation: "create pod", StatusCode: 502}}
	err := &runpodapi.AmbiguousCreateError{Operation: "create pod", Kind: "pod", Err: cause,
		Matches: []runpodapi.CreateMatch{{ID: "p1", Description: `("a")`}, {ID: "p2", Description: `("a")`}}}
	detail := APIErrorDetail("create pod", err)
	for _, want := range []string{"terraform import runpod_pod.<name> p1", "terraform import runpod_pod.<name> p2"} {
		if !strings.Contains(detail, want) {
			t.Errorf("detail lacks %q:\n%s", want, detail)
		}
	}
	if strings.Contains(detail, "applying again usually succeeds") {
		t.Errorf("detail promises a retry helps:\n%s", detail)
	}
	notApplied := APIErrorDetail("create template", &runpodapi.CreateNotAppliedError{Operation: "create template", Kind: "template", Err: cause})
	if !strings.Contains(notApplied, "Nothing was created") {
		t.Errorf("a create that did not happen should say so:\n%s", notApplied)
	}
}

// A request that reaches no server names the setting (and environment variable) that points
// there, for each API, and the address.
func TestAPIErrorDetail_connectionErrorNamesTheSetting(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close() // nothing listens there now
	client, err := runpodapi.New(runpodapi.Config{APIKey: "k", APIURL: closed, RESTURL: closed + "/v1", GraphQLURL: closed + "/graphql",
		Retry: runpodapi.RetryPolicy{MaxAttempts: 1}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err = client.GetPod(ctx, "abc")
	if err == nil {
		t.Fatal("GetPod on a closed port succeeded")
	}
	detail := APIErrorDetail("read pod abc", err)
	for _, want := range []string{"could not reach " + closed, "its api_url setting (or the RUNPOD_API_URL environment variable)"} {
		if !strings.Contains(detail, want) {
			t.Errorf("detail lacks %q:\n%s", want, detail)
		}
	}
	for path, want := range map[string]string{
		"/v1/pods/abc": "rest_url setting (or the RUNPOD_REST_URL", "/graphql": "graphql_url setting (or the RUNPOD_GRAPHQL_URL",
		"/v2/pods": "api_url setting (or the RUNPOD_API_URL",
	} {
		e := &url.Error{Op: "Get", URL: "http://127.0.0.1:9" + path, Err: &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}}
		if got := APIErrorDetail("x", fmt.Errorf("wrapped: %w", e)); !strings.Contains(got, want) {
			t.Errorf("%s: detail lacks %q:\n%s", path, want, got)
		}
	}
	// A connection that was made and then dropped reached the server: no such hint.
	dropped := &url.Error{Op: "Post", URL: "http://127.0.0.1:9/v2/pods", Err: errors.New("EOF")}
	if got := APIErrorDetail("x", dropped); strings.Contains(got, "could not reach") {
		t.Errorf("a dropped connection blames the setting:\n%s", got)
	}
}
