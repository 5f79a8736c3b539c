package planwarn

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// listing serves the list resource and action RPCs, as the framework's server does.
type listing struct{ fake }

func (listing) ValidateListResourceConfig(context.Context, *tfprotov6.ValidateListResourceConfigRequest) (*tfprotov6.ValidateListResourceConfigResponse, error) {
	return &tfprotov6.ValidateListResourceConfigResponse{}, nil
}

func (listing) ListResource(context.Context, *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	return &tfprotov6.ListResourceServerStream{Results: func(yield func(tfprotov6.ListResourceResult) bool) {
		yield(tfprotov6.ListResourceResult{DisplayName: "pod-a (p1)"})
	}}, nil
}

func (listing) ValidateActionConfig(context.Context, *tfprotov6.ValidateActionConfigRequest) (*tfprotov6.ValidateActionConfigResponse, error) {
	return &tfprotov6.ValidateActionConfigResponse{}, nil
}

func (listing) PlanAction(context.Context, *tfprotov6.PlanActionRequest) (*tfprotov6.PlanActionResponse, error) {
	return &tfprotov6.PlanActionResponse{}, nil
}

func (listing) InvokeAction(context.Context, *tfprotov6.InvokeActionRequest) (*tfprotov6.InvokeActionServerStream, error) {
	return &tfprotov6.InvokeActionServerStream{Events: func(yield func(tfprotov6.InvokeActionEvent) bool) {
		yield(tfprotov6.InvokeActionEvent{Type: tfprotov6.ProgressInvokeActionEventType{Message: "restarting"}})
	}}, nil
}

func TestWrap_forwardsListResourcesAndActions(t *testing.T) {
	ctx := context.Background()
	s, ok := Wrap(listing{}).(tfprotov6.ProviderServerWithListResource)
	if !ok {
		t.Fatal("the wrapped server does not offer the list resource RPCs: tf6server would answer them 'not implemented'")
	}
	stream, err := s.ListResource(ctx, &tfprotov6.ListResourceRequest{TypeName: "x_thing"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for r := range stream.Results {
		names = append(names, r.DisplayName)
	}
	if len(names) != 1 || names[0] != "pod-a (p1)" {
		t.Errorf("ListResource results = %q, want the wrapped server's [\"pod-a (p1)\"]", names)
	}

	a, ok := Wrap(listing{}).(tfprotov6.ProviderServerWithActions)
	if !ok {
		t.Fatal("the wrapped server does not offer the action RPCs")
	}
	events, err := a.InvokeAction(ctx, &tfprotov6.InvokeActionRequest{ActionType: "x_restart"})
	if err != nil {
		t.Fatal(err)
	}
	var messages []string
	for e := range events.Events {
		if p, ok := e.Type.(tfprotov6.ProgressInvokeActionEventType); ok {
			messages = append(messages, p.Message)
		}
	}
	if len(messages) != 1 || messages[0] != "restarting" {
		t.Errorf("InvokeAction progress = %q, want the wrapped server's [\"restarting\"]", messages)
	}
}

func TestWrap_saysWhenTheWrappedServerHasNoListResources(t *testing.T) {
	s := Wrap(fake{}).(tfprotov6.ProviderServerWithListResource)
	resp, err := s.ValidateListResourceConfig(context.Background(), &tfprotov6.ValidateListResourceConfigRequest{TypeName: "x_thing"})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Summary != "ValidateListResourceConfig is not served" {
		t.Errorf("diagnostics = %+v, want one error saying ValidateListResourceConfig is not served", resp.Diagnostics)
	}
}
