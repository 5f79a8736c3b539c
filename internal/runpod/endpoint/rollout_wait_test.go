package endpoint

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// rolloutAPI answers GetEndpointRollout from a script of errors, then with a finished rollout.
type rolloutAPI struct {
	runpodapi.API
	errs  []error
	calls int
}

func (f *rolloutAPI) GetEndpointRollout(context.Context, string) (*runpodapi.EndpointRollout, error) {
	f.calls++
	if f.calls <= len(f.errs) {
		return nil, f.errs[f.calls-1]
	}
	return &runpodapi.EndpointRollout{Version: 2}, nil
}

func TestWaitForRolloutPollsThroughTransientErrors(t *testing.T) {
	t.Run("transient failures are polled through", func(t *testing.T) {
		api := &rolloutAPI{errs: []error{&runpodapi.APIError{StatusCode: 429}, &runpodapi.APIError{StatusCode: 503}}}
		r := &endpointResource{Resource: tfresource.Resource[runpodapi.API]{Client: api}}
		var diags diag.Diagnostics
		r.waitForRollout(context.Background(), "e", "e", &diags)
		if diags.HasError() || api.calls != 3 {
			t.Errorf("diags %v after %d polls; want none after 3", diags, api.calls)
		}
	})
	t.Run("a definite failure ends the wait", func(t *testing.T) {
		api := &rolloutAPI{errs: []error{&runpodapi.APIError{StatusCode: 403}}}
		r := &endpointResource{Resource: tfresource.Resource[runpodapi.API]{Client: api}}
		var diags diag.Diagnostics
		r.waitForRollout(context.Background(), "e", "e", &diags)
		if !diags.HasError() || api.calls != 1 {
			t.Errorf("diags %v after %d polls; want an error after 1", diags, api.calls)
		}
	})
	t.Run("the timeout names the last failure", func(t *testing.T) {
		errs := make([]error, 100)
		for i := range errs {
			errs[i] = &runpodapi.APIError{StatusCode: 502, Message: "bad gateway"}
		}
		api := &rolloutAPI{errs: errs}
		r := &endpointResource{Resource: tfresource.Resource[runpodapi.API]{Client: api}}
		var diags diag.Diagnostics
		ctx, cancel := context.WithTimeout(context.Background(), 1200*time.Millisecond)
		defer cancel()
		r.waitForRollout(ctx, "e", "e", &diags)
		if !diags.HasError() || !strings.Contains(diags[0].Detail(), "the last poll failed") {
			t.Errorf("diags %v", diags)
		}
	})
}
