package runpodapi

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
)

// What REST v1 does with a pod that the acceptance tests check on REST v2 only: the REST v1
// client against the mock.

// REST v1 takes gpu_type_ids as a priority list in one create: RunPod places the pod on the
// first type with capacity (REST v2 needs one create per type).
func TestV1PodCreateTakesTheGPUPriorityListInOneCall(t *testing.T) {
	c, m := mockClient(t, 0)
	m.SetGPUStock("NVIDIA RTX A6000", "SECURE", 0)
	m.SetGPUStock("NVIDIA GeForce RTX 4090", "SECURE", 0)
	ctx := context.Background()
	created, err := c.CreatePod(ctx, PodCreateInput{ImageName: Ptr("img"),
		GPUTypeIDs: &[]string{"NVIDIA RTX A6000", "NVIDIA GeForce RTX 4090", "NVIDIA RTX A5000"}})
	if err != nil {
		t.Fatal(err)
	}
	pod, err := c.GetPod(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if pod.Machine == nil || pod.Machine.GPUTypeID != "NVIDIA RTX A5000" {
		t.Errorf("the pod got %+v, want the third type (the first two have no capacity)", pod.Machine)
	}
	if n := m.CallCount("POST /pods"); n != 1 {
		t.Errorf("%d creates, want 1", n)
	}
}

// A pod made from a template alone sends only the template id: the pod reads back the
// template's image and keeps its link to the template.
func TestV1PodFromTemplateReadsTheTemplatesImage(t *testing.T) {
	c, m := mockClient(t, 0)
	ctx := context.Background()
	created, err := c.CreatePod(ctx, PodCreateInput{TemplateID: Ptr("runpod-ubuntu")})
	if err != nil {
		t.Fatal(err)
	}
	creates := 0
	for _, call := range m.Calls() {
		if call.Route == "POST /pods" {
			creates++
			assertJSON(t, call.Body, `{"templateId":"runpod-ubuntu"}`)
		}
	}
	if creates != 1 {
		t.Errorf("%d creates, want 1", creates)
	}
	pod, err := c.GetPod(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if pod.ImageName != "runpod/base:0.6.2-ubuntu2204" || pod.TemplateID != "runpod-ubuntu" {
		t.Errorf("pod image %q, template %q: want the template's image and the template", pod.ImageName, pod.TemplateID)
	}
}

// REST v1's GPU catalog is GraphQL's gpuTypes, read once and kept; a failed read is reported
// (the plan then warns) and not kept. Its CPU flavors are REST v1's enum, read from nowhere.
func TestV1CatalogsAgainstMock(t *testing.T) {
	c, m := mockClient(t, 0)
	ctx := context.Background()
	if err := m.AddFault(mockkit.Fault{Route: "graphql gpuTypes", Kind: mockkit.FaultStatus, Status: http.StatusBadRequest, Times: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GPUCatalog(ctx); err == nil {
		t.Fatal("a failed GPU catalog read returned no error")
	}
	for range 2 {
		catalog, err := c.GPUCatalog(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(catalog, func(e GPUCatalogEntry) bool { return e.ID == "NVIDIA GeForce RTX 4090" }) {
			t.Errorf("the GPU catalog lacks the RTX 4090: %+v", catalog)
		}
	}
	if n := m.CallCount("graphql gpuTypes"); n != 2 {
		t.Errorf("%d gpuTypes reads, want 2 (the failed one, then one kept)", n)
	}
	flavors, err := c.ListCPUFlavors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, f := range flavors {
		ids = append(ids, f.ID)
	}
	if strings.Join(ids, " ") != "cpu3c cpu3g cpu3m cpu5c cpu5g cpu5m" {
		t.Errorf("CPU flavors %v", ids)
	}
}

// A reset (a new image) whose answer is a 503 is read back: not applied, it is reported and
// not sent again (a reset applied twice restarts twice); a rename would be sent again.
func TestV1ResetWithAnUnknownOutcomeIsNotSentAgain(t *testing.T) {
	c, m := mockClient(t, 0)
	ctx := context.Background()
	pod, err := c.CreatePod(ctx, PodCreateInput{ImageName: Ptr("img:1"), GPUTypeIDs: &[]string{"NVIDIA GeForce RTX 4090"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.AddFault(mockkit.Fault{Route: "PATCH /pods/{podId}", Kind: mockkit.FaultStatus, Status: http.StatusServiceUnavailable, Times: 1}); err != nil {
		t.Fatal(err)
	}
	_, err = c.UpdatePod(ctx, pod.ID, PodUpdateInput{ImageName: Ptr("img:2")})
	if err == nil || !strings.Contains(err.Error(), "Reading the pod back shows the change was not applied; it was not sent again") {
		t.Errorf("err = %v, want the reset reported as not applied and not sent again", err)
	}
	if n := m.CallCount("PATCH /pods/{podId}"); n != 1 {
		t.Errorf("the reset was sent %d times, want 1", n)
	}
	if got, err := c.GetPod(ctx, pod.ID); err != nil || got.ImageName != "img:1" {
		t.Errorf("pod image %q (%v), want img:1 unchanged", got.ImageName, err)
	}
}
