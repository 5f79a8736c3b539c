package runpodapi

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
)

// REST v1's endpoint and template calls as the runpod_endpoint and runpod_template resources
// make them, against the mock. Their acceptance tests run on REST v1 only where v1 behaves
// differently for the user (acctest.V1Differences); what the others exercised of the v1
// client is checked here, without Terraform.

// v1Bodies are the decoded bodies of the calls of route the mock saw.
func v1Bodies(t *testing.T, f *matrixFixture, route string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, c := range f.mock.Calls() {
		if c.Route != route {
			continue
		}
		var body map[string]any
		if err := json.Unmarshal([]byte(c.Body), &body); err != nil {
			t.Fatalf("%s body %q: %v", route, c.Body, err)
		}
		out = append(out, body)
	}
	return out
}

// v1Routes are the routes of the calls the mock saw.
func v1Routes(f *matrixFixture) []string {
	var out []string
	for _, c := range f.mock.Calls() {
		out = append(out, c.Route)
	}
	return out
}

func TestV1EndpointCallsOfTheEndpointResource(t *testing.T) {
	f := newMatrixFixture(t, BackendV1)
	worker := must(f.api.CreateTemplate(ctx, TemplateCreateInput{Name: "worker", ImageName: "example/worker:1.0", IsServerless: Ptr(true)}))
	workerV2 := must(f.api.CreateTemplate(ctx, TemplateCreateInput{Name: "worker-v2", ImageName: "example/worker:2.0", IsServerless: Ptr(true)}))

	// Created with the template only: RunPod's defaults read back (the resource takes them
	// as known after the apply).
	created, err := f.api.CreateEndpoint(ctx, EndpointCreateInput{TemplateID: worker.ID})
	if err != nil {
		t.Fatal(err)
	}
	ep, err := f.api.GetEndpoint(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if ep.WorkersMin != 0 || ep.WorkersMax != 3 || ep.GPUCount != 1 || ep.IdleTimeout != 5 || ep.ScalerType != "QUEUE_DELAY" ||
		ep.ScalerValue != 4 || ep.ExecutionTimeoutMs != 600000 || ep.Version != 0 {
		t.Errorf("RunPod's defaults: %+v", ep)
	}
	// REST v1 reports the template an endpoint runs: an import sets template_id from it.
	if ep.TemplateID != worker.ID || ep.Template == nil || ep.Template.ImageName != "example/worker:1.0" {
		t.Errorf("the endpoint's template: %q, %+v; want %s with its image", ep.TemplateID, ep.Template, worker.ID)
	}

	// A refresh reads every endpoint from one list: it must read as GetEndpoint does, a
	// release made outside Terraform (a GPU count) included.
	if _, err := f.api.UpdateEndpoint(ctx, ep.ID, EndpointUpdateInput{GPUCount: Ptr(2)}); err != nil {
		t.Fatal(err)
	}
	f.mock.ResetCalls()
	listed, err := f.api.ListEndpoints(ctx)
	if err != nil || len(listed) != 1 {
		t.Fatalf("list: %+v, %v", listed, err)
	}
	if got := v1Routes(f); !slices.Equal(got, []string{"GET /endpoints"}) {
		t.Errorf("a list of endpoints made calls %v, want one GET /endpoints", got)
	}
	read, err := f.api.GetEndpoint(ctx, ep.ID)
	if err != nil {
		t.Fatal(err)
	}
	if listed[0].Version != 1 || !reflect.DeepEqual(listed[0], *read) {
		t.Errorf("listed %+v\nread   %+v\nwant the same endpoint, at version 1", listed[0], *read)
	}

	// wait_for_rollout: REST v1 reports no rollout; one read says the release is done.
	f.mock.ResetCalls()
	rollout, err := f.api.GetEndpointRollout(ctx, ep.ID)
	if err != nil || rollout.InProgress || rollout.Version != 1 {
		t.Errorf("rollout %+v, %v; want version 1, not in progress", rollout, err)
	}
	if got := v1Routes(f); !slices.Equal(got, []string{"GET /endpoints/{endpointId}"}) {
		t.Errorf("reading the rollout made calls %v, want one GET of the endpoint", got)
	}

	// Release settings go as they are, only those set; a new template is a release too, and
	// the template read back follows it.
	f.mock.ResetCalls()
	ep, err = f.api.UpdateEndpoint(ctx, ep.ID, EndpointUpdateInput{GPUTypeIDs: &[]string{"NVIDIA L4", "NVIDIA GeForce RTX 4090"},
		DataCenterIDs: &[]string{"EU-RO-1", "US-TX-3"}, ScalerValue: Ptr(3)})
	if err != nil || ep.Version != 2 || !slices.Equal(ep.GPUTypeIDs, []string{"NVIDIA L4", "NVIDIA GeForce RTX 4090"}) || ep.ScalerValue != 3 {
		t.Fatalf("release settings: %+v, %v", ep, err)
	}
	if bodies := v1Bodies(t, f, "PATCH /endpoints/{endpointId}"); len(bodies) != 1 || !slices.Equal(slices.Sorted(maps.Keys(bodies[0])), []string{"dataCenterIds", "gpuTypeIds", "scalerValue"}) {
		t.Errorf("expected one PATCH with the three settings, got %v", bodies)
	}
	f.mock.ResetCalls()
	if _, err := f.api.UpdateEndpoint(ctx, ep.ID, EndpointUpdateInput{TemplateID: &workerV2.ID}); err != nil {
		t.Fatal(err)
	}
	if bodies := v1Bodies(t, f, "PATCH /endpoints/{endpointId}"); len(bodies) != 1 || !reflect.DeepEqual(bodies[0], map[string]any{"templateId": workerV2.ID}) {
		t.Errorf("expected one PATCH {templateId}, got %v", bodies)
	}
	if ep, err = f.api.GetEndpoint(ctx, ep.ID); err != nil || ep.Version != 3 || ep.TemplateID != workerV2.ID ||
		ep.Template == nil || ep.Template.ImageName != "example/worker:2.0" {
		t.Errorf("after the template change: %+v, %v", ep, err)
	}

	// Network volumes: from one to one per region (the single one cleared), then detached
	// with the CUDA floor cleared; RunPod then lets the volumes go.
	ro := must(f.api.CreateNetworkVolume(ctx, NetworkVolumeCreateInput{Name: "models-ro", Size: 10, DataCenterID: "EU-RO-1"}))
	tx := must(f.api.CreateNetworkVolume(ctx, NetworkVolumeCreateInput{Name: "models-tx", Size: 10, DataCenterID: "US-TX-3"}))
	if _, err := f.api.UpdateEndpoint(ctx, ep.ID, EndpointUpdateInput{NetworkVolumeID: &ro.ID, MinCudaVersion: Ptr("12.4")}); err != nil {
		t.Fatal(err)
	}
	f.mock.ResetCalls()
	if ep, err = f.api.UpdateEndpoint(ctx, ep.ID, EndpointUpdateInput{NetworkVolumeID: Ptr(""), NetworkVolumeIDs: &[]string{ro.ID, tx.ID}}); err != nil ||
		ep.NetworkVolumeID != "" || !slices.Equal(ep.NetworkVolumeIDs, []string{ro.ID, tx.ID}) {
		t.Fatalf("one volume per region: %+v, %v", ep, err)
	}
	if ep, err = f.api.UpdateEndpoint(ctx, ep.ID, EndpointUpdateInput{NetworkVolumeIDs: &[]string{}, MinCudaVersion: Ptr("")}); err != nil ||
		ep.NetworkVolumeID != "" || len(ep.NetworkVolumeIDs) != 0 || ep.MinCudaVersion != "" {
		t.Fatalf("detached: %+v, %v", ep, err)
	}
	wantBodies := []map[string]any{
		{"networkVolumeId": "", "networkVolumeIds": []any{ro.ID, tx.ID}},
		{"networkVolumeIds": []any{}, "minCudaVersion": ""},
	}
	if bodies := v1Bodies(t, f, "PATCH /endpoints/{endpointId}"); !reflect.DeepEqual(bodies, wantBodies) {
		t.Errorf("volume PATCHes %v, want %v", bodies, wantBodies)
	}
	for _, id := range []string{ro.ID, tx.ID} {
		if err := f.api.DeleteNetworkVolume(ctx, id); err != nil {
			t.Errorf("volume %s still attached: %v", id, err)
		}
	}

	// Deleted (outside Terraform, or never there): not found, which a refresh or a data
	// source reports as such.
	if _, err := f.api.UpdateEndpoint(ctx, ep.ID, EndpointUpdateInput{WorkersMax: Ptr(0)}); err != nil {
		t.Fatal(err)
	}
	if err := f.api.DeleteEndpoint(ctx, ep.ID); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{ep.ID, "nosuchendpoint"} {
		if _, err := f.api.GetEndpoint(ctx, id); !IsNotFound(err) {
			t.Errorf("endpoint %s: %v, want a 404", id, err)
		}
	}
}

func TestV1EndpointFailuresKeepRunPodsMessage(t *testing.T) {
	f := newMatrixFixture(t, BackendV1)
	tpl := must(f.api.CreateTemplate(ctx, TemplateCreateInput{Name: "worker", ImageName: "example/worker:1.0", IsServerless: Ptr(true)}))

	if err := f.mock.AddFault(mockkit.Fault{Route: "POST /endpoints", Kind: mockkit.FaultStatus, Status: http.StatusBadRequest, Times: 1}); err != nil {
		t.Fatal(err)
	}
	_, err := f.api.CreateEndpoint(ctx, EndpointCreateInput{TemplateID: tpl.ID})
	if want := "create endpoint: RunPod API returned 400 Bad Request: injected fault: Bad Request"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("a refused create: %v, want %q", err, want)
	}

	// A create that outlasts its deadline fails with it, and makes no endpoint.
	if err := f.mock.AddFault(mockkit.Fault{Route: "POST /endpoints", Kind: mockkit.FaultDelay, Delay: 2 * time.Second, Times: 1}); err != nil {
		t.Fatal(err)
	}
	deadline, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	if _, err := f.api.CreateEndpoint(deadline, EndpointCreateInput{TemplateID: tpl.ID}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a create past its deadline: %v, want context deadline exceeded", err)
	}
	if eps, err := f.api.ListEndpoints(ctx); err != nil || len(eps) != 0 {
		t.Errorf("the timed-out create must not have made an endpoint: %+v, %v", eps, err)
	}

	// A read that fails says so (the resource keeps the endpoint it created in the state).
	ep := must(f.api.CreateEndpoint(ctx, EndpointCreateInput{TemplateID: tpl.ID, WorkersMax: Ptr(0)}))
	if err := f.mock.AddFault(mockkit.Fault{Route: "GET /endpoints/{endpointId}", Kind: mockkit.FaultStatus, Status: http.StatusBadRequest, Times: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.api.GetEndpoint(ctx, ep.ID); StatusCode(err) != http.StatusBadRequest || !strings.Contains(err.Error(), "injected fault: Bad Request") {
		t.Errorf("a refused read: %v", err)
	}
}

func TestV1TemplateCallsOfTheTemplateResource(t *testing.T) {
	f := newMatrixFixture(t, BackendV1)

	// Created with a name and an image only: RunPod's defaults read back, empty values empty.
	tpl, err := f.api.CreateTemplate(ctx, TemplateCreateInput{Name: "minimal", ImageName: "example/app:1.0"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.api.GetTemplate(ctx, tpl.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Category != "NVIDIA" || got.IsServerless || got.IsPublic || got.ContainerDiskInGb != 50 || got.VolumeInGb != 20 ||
		got.VolumeMountPath != "/workspace" || !slices.Equal(got.Ports, []string{"8888/http", "22/tcp"}) ||
		len(got.Env) != 0 || len(got.DockerEntrypoint) != 0 || len(got.DockerStartCmd) != 0 || got.Readme != "" {
		t.Errorf("RunPod's defaults: %+v", got)
	}

	// Optionals removed from the configuration are sent empty, and read back empty.
	full := must(f.api.CreateTemplate(ctx, TemplateCreateInput{Name: "worker", ImageName: "example/app:1.0", Env: &map[string]string{"A": "1"},
		DockerStartCmd: &[]string{"serve"}, Readme: Ptr("hello"), Ports: &[]string{"8000/http"}}))
	f.mock.ResetCalls()
	if _, err := f.api.UpdateTemplate(ctx, full.ID, TemplateUpdateInput{Env: &map[string]string{}, DockerStartCmd: &[]string{},
		Readme: Ptr(""), Ports: &[]string{}}); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"env": map[string]any{}, "dockerStartCmd": []any{}, "readme": "", "ports": []any{}}
	if bodies := v1Bodies(t, f, "PATCH /templates/{templateId}"); len(bodies) != 1 || !reflect.DeepEqual(bodies[0], want) {
		t.Errorf("expected one PATCH %v, got %v", want, bodies)
	}
	if got, err = f.api.GetTemplate(ctx, full.ID); err != nil || len(got.Env) != 0 || len(got.DockerStartCmd) != 0 || got.Readme != "" || len(got.Ports) != 0 {
		t.Errorf("cleared: %+v, %v", got, err)
	}

	// Template names are unique: RunPod's refusal keeps its message.
	_, err = f.api.CreateTemplate(ctx, TemplateCreateInput{Name: "worker", ImageName: "example/other:1.0"})
	if want := `create template: RunPod API returned 400 Bad Request: a template named "worker" already exists: template names must be unique`; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("a second template named worker: %v, want %q", err, want)
	}

	// RunPod refuses to delete a template an endpoint uses, naming the endpoint.
	serverless := must(f.api.CreateTemplate(ctx, TemplateCreateInput{Name: "serverless", ImageName: "example/worker:1.0", IsServerless: Ptr(true)}))
	ep := must(f.api.CreateEndpoint(ctx, EndpointCreateInput{TemplateID: serverless.ID, WorkersMax: Ptr(0)}))
	if err := f.api.DeleteTemplate(ctx, serverless.ID); err == nil || !strings.Contains(err.Error(), "is in use by endpoint") {
		t.Errorf("deleting a template an endpoint uses: %v", err)
	}
	if err := f.api.DeleteEndpoint(ctx, ep.ID); err != nil {
		t.Fatal(err)
	}

	// Deleted (outside Terraform, or never there): not found.
	if err := f.api.DeleteTemplate(ctx, serverless.ID); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{serverless.ID, "nosuchtpl"} {
		if _, err := f.api.GetTemplate(ctx, id); !IsNotFound(err) {
			t.Errorf("template %s: %v, want a 404", id, err)
		}
	}
}
