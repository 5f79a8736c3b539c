package yottaapi_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottamock"
)

func minimalEndpoint(name string) yottaapi.EndpointCreateRequest {
	return yottaapi.EndpointCreateRequest{
		EndpointSettings: yottaapi.EndpointSettings{
			Name: name, Workers: 2, ContainerVolumeInGB: 20,
			Resources: []yottaapi.EndpointResource{{Region: "us-east-1", GPUType: "NVIDIA_RTX_4090_24G", GPUCount: 1}},
			Expose:    &yottaapi.Port{Port: 8000, Protocol: "HTTP"},
		},
		Image: "vllm/vllm-openai:latest", ServiceMode: "ALB",
	}
}

// An endpoint's life: created (its id a string), scaled through the workers route, updated
// with a PATCH that resends every setting, stopped and started, deleted.
func TestEndpoint_lifecycle(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	e, err := f.client.CreateEndpoint(ctx, minimalEndpoint("llm"))
	if err != nil {
		t.Fatal(err)
	}
	id := string(e.ID)
	if len(id) != 18 || e.Status != yottaapi.EndpointInitializing {
		t.Errorf("created %+v", e)
	}
	if e, _ = f.client.GetEndpoint(ctx, id); e.Status != yottaapi.EndpointRunning || e.RunningWorkers != 2 || e.TotalWorkers != 2 ||
		e.Expose == nil || e.Expose.Port != 8000 || e.Domain == "" || e.PerHourPrice.Value != 0.9 {
		t.Errorf("read back %+v", e)
	}
	f.mock.ResetCalls()
	if err := f.client.ScaleWorkers(ctx, id, 3); err != nil {
		t.Fatal(err)
	}
	if c := f.mock.Calls(); len(c) != 1 || c[0].Route != "PUT /v2/serverless/{id}/workers" || c[0].Query != "count=3" {
		t.Errorf("scale calls %+v", c)
	}
	workers, err := f.client.ListWorkers(ctx, id)
	if err != nil || len(workers) != 3 || workers[0].Region != "us-east-1" || workers[0].Status != "RUNNING" {
		t.Errorf("workers %+v %v", workers, err)
	}
	up := yottaapi.EndpointUpdateRequest{EndpointSettings: minimalEndpoint("llm2").EndpointSettings}
	up.Workers, up.Webhook = 3, "https://example.com/hook"
	if e, err = f.client.UpdateEndpoint(ctx, id, up); err != nil || e.Name != "llm2" || e.Webhook == nil || *e.Webhook != up.Webhook {
		t.Fatalf("update %+v %v", e, err)
	}
	if err := f.client.StopEndpoint(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := f.client.StopEndpoint(ctx, id); err != nil { // already stopped: 12001 settled by reading back
		t.Fatalf("second stop: %v", err)
	}
	if e, _ = f.client.GetEndpoint(ctx, id); e.Status != yottaapi.EndpointStopped || e.RunningWorkers != 0 {
		t.Errorf("stopped %+v", e)
	}
	if err := f.client.StartEndpoint(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := f.client.DeleteEndpoint(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := f.client.GetEndpoint(ctx, id); !yottaapi.IsNotFound(err) {
		t.Errorf("read after delete: %v", err)
	}
}

// Against an API that serves the scale route as Yotta's OpenAPI file writes it
// (…/workers/{count}), the client falls back to that form once, then keeps to it.
func TestScaleWorkers_fallsBackToThePathFormAndKeepsIt(t *testing.T) {
	f := newFixture(t, func(o *yottamock.Options) { o.ScaleWorkersInPath = true })
	ctx := context.Background()
	e, err := f.client.CreateEndpoint(ctx, minimalEndpoint("llm"))
	if err != nil {
		t.Fatal(err)
	}
	f.mock.ResetCalls()
	for _, n := range []int{3, 4} {
		if err := f.client.ScaleWorkers(ctx, string(e.ID), n); err != nil {
			t.Fatal(err)
		}
	}
	// The first call found no such route (the mock's 404, named by its path); then the path form.
	want := fmt.Sprintf("[PUT /v2/serverless/%s/workers PUT /v2/serverless/{id}/workers/{count} PUT /v2/serverless/{id}/workers/{count}]", e.ID)
	if got := fmt.Sprint(routes(f.mock)); got != want {
		t.Errorf("calls %s, want %s", got, want)
	}
	if got, _ := f.client.GetEndpoint(ctx, string(e.ID)); got.TotalWorkers != 4 {
		t.Errorf("totalWorkers %d, want 4", got.TotalWorkers)
	}
	// An unknown endpoint is not taken for a missing route.
	if err := f.client.ScaleWorkers(ctx, "123456789012345678", 2); !yottaapi.IsNotFound(err) {
		t.Errorf("scale of an unknown endpoint: %v", err)
	}
}
