package planwarn

import (
	"context"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// The list resource and action RPCs are not part of tfprotov6.ProviderServer yet: tf6server
// finds them by asserting the server to tfprotov6.ProviderServerWithListResource and
// tfprotov6.ProviderServerWithActions. A wrapper that only embedded ProviderServer would hide
// them, and Terraform would be told "not implemented" for every `terraform query` and action.
// The filter forwards them untouched: their diagnostics say what happened, not what a plan will do.

var (
	_ tfprotov6.ProviderServerWithListResource = (*filter)(nil)
	_ tfprotov6.ProviderServerWithActions      = (*filter)(nil)
)

const notServed = "The provider server wrapped by planwarn does not serve this RPC."

func (f *filter) ValidateListResourceConfig(ctx context.Context, req *tfprotov6.ValidateListResourceConfigRequest) (*tfprotov6.ValidateListResourceConfigResponse, error) {
	if s, ok := f.ProviderServer.(tfprotov6.ListResourceServer); ok {
		return s.ValidateListResourceConfig(ctx, req)
	}
	return &tfprotov6.ValidateListResourceConfigResponse{Diagnostics: notServedDiagnostics("ValidateListResourceConfig")}, nil
}

func (f *filter) ListResource(ctx context.Context, req *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	if s, ok := f.ProviderServer.(tfprotov6.ListResourceServer); ok {
		return s.ListResource(ctx, req)
	}
	return &tfprotov6.ListResourceServerStream{Results: func(yield func(tfprotov6.ListResourceResult) bool) {
		yield(tfprotov6.ListResourceResult{Diagnostics: notServedDiagnostics("ListResource")})
	}}, nil
}

func (f *filter) ValidateActionConfig(ctx context.Context, req *tfprotov6.ValidateActionConfigRequest) (*tfprotov6.ValidateActionConfigResponse, error) {
	if s, ok := f.ProviderServer.(tfprotov6.ActionServer); ok {
		return s.ValidateActionConfig(ctx, req)
	}
	return &tfprotov6.ValidateActionConfigResponse{Diagnostics: notServedDiagnostics("ValidateActionConfig")}, nil
}

func (f *filter) PlanAction(ctx context.Context, req *tfprotov6.PlanActionRequest) (*tfprotov6.PlanActionResponse, error) {
	if s, ok := f.ProviderServer.(tfprotov6.ActionServer); ok {
		return s.PlanAction(ctx, req)
	}
	return &tfprotov6.PlanActionResponse{Diagnostics: notServedDiagnostics("PlanAction")}, nil
}

func (f *filter) InvokeAction(ctx context.Context, req *tfprotov6.InvokeActionRequest) (*tfprotov6.InvokeActionServerStream, error) {
	if s, ok := f.ProviderServer.(tfprotov6.ActionServer); ok {
		return s.InvokeAction(ctx, req)
	}
	return &tfprotov6.InvokeActionServerStream{Events: func(yield func(tfprotov6.InvokeActionEvent) bool) {
		yield(tfprotov6.InvokeActionEvent{Type: tfprotov6.CompletedInvokeActionEventType{Diagnostics: notServedDiagnostics("InvokeAction")}})
	}}, nil
}

func notServedDiagnostics(rpc string) []*tfprotov6.Diagnostic {
	return []*tfprotov6.Diagnostic{{Severity: tfprotov6.DiagnosticSeverityError, Summary: rpc + " is not served", Detail: notServed}}
}
