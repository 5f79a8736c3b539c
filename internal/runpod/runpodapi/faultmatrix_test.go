package runpodapi

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodmock"
)

// The fault matrix: every create, update, delete and stop/start, on both backends, against
// the mock answering 429, 500, 502, 503, 504, dropping the connection before or after acting,
// or answering slowly, once or always. After each case what the mock holds must equal what
// the client reported: a create that returned an object made exactly that one (0 duplicates),
// a create that failed made none (0 orphans), a change reported done is in the mock and
// nothing the client knew of is gone (0 lost).

// faultKinds are the faults of the matrix, by name.
var faultKinds = []struct {
	name  string
	fault mockkit.Fault
}{
	{"429", mockkit.Fault{Kind: mockkit.FaultStatus, Status: http.StatusTooManyRequests}},
	{"500", mockkit.Fault{Kind: mockkit.FaultStatus, Status: http.StatusInternalServerError}},
	{"502", mockkit.Fault{Kind: mockkit.FaultStatus, Status: http.StatusBadGateway}},
	{"503", mockkit.Fault{Kind: mockkit.FaultStatus, Status: http.StatusServiceUnavailable}},
	{"504", mockkit.Fault{Kind: mockkit.FaultStatus, Status: http.StatusGatewayTimeout}},
	{"drop before acting", mockkit.Fault{Kind: mockkit.FaultDrop}},
	{"drop after acting", mockkit.Fault{Kind: mockkit.FaultDropAfter}},
	{"slow", mockkit.Fault{Kind: mockkit.FaultDelay, Delay: 300 * time.Millisecond}},
}

// matrixFixture is a client of backend b against a fresh mock.
type matrixFixture struct {
	api  API
	mock *runpodmock.Server
	b    Backend
}

func newMatrixFixture(t *testing.T, b Backend) *matrixFixture {
	m := runpodmock.New(runpodmock.Options{APIKey: "k"})
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	api, err := New(Config{
		APIKey: "k", Backend: b, APIURL: srv.URL, RESTURL: srv.URL + "/v1", GraphQLURL: srv.URL + "/graphql", UserAgent: "test",
		Retry: RetryPolicy{MinBackoff: 5 * time.Millisecond, MaxBackoff: 20 * time.Millisecond, Budget: time.Second},
	})
	if err != nil {
		t.Fatal(err)
	}
	return &matrixFixture{api: api, mock: m, b: b}
}

// on is the route of backend b: v2's or v1's.
func (f *matrixFixture) on(v2 string, v1 ...string) []string {
	if f.b == BackendV2 {
		return []string{v2}
	}
	return v1
}

// outcome is what a case found: objects made or kept against the client's word.
type outcome struct{ orphans, duplicates, lost int }

// matrixOp is one operation of the matrix.
type matrixOp struct {
	name   string
	routes func(f *matrixFixture) []string
	// setup makes what the operation acts on, without faults, and returns its id.
	setup func(ctx context.Context, t *testing.T, f *matrixFixture) string
	// run performs the operation under the fault and judges the mock afterwards (faults cleared).
	run func(ctx context.Context, f *matrixFixture, id string) (outcome, error)
}

const matrixGPU = "NVIDIA GeForce RTX 4090"

// must is v, or a panic (failing the test) when a setup call failed.
func must[T any](v T, err error) T {
	if err != nil {
		panic(fmt.Sprintf("setup: %v", err))
	}
	return v
}

// judgeCreate compares a create's result with the objects named name that the mock holds.
func judgeCreate[T any](ctx context.Context, got *T, err error, list func(context.Context) ([]T, error), id func(T) string) outcome {
	all, lerr := list(context.WithoutCancel(ctx))
	if lerr != nil {
		return outcome{lost: 1}
	}
	var ids []string
	for _, o := range all {
		ids = append(ids, id(o))
	}
	switch {
	case err == nil && len(ids) == 1 && id(*got) == ids[0]:
		return outcome{}
	case err == nil && len(ids) == 0:
		return outcome{lost: 1}
	case err == nil:
		return outcome{duplicates: len(ids) - 1}
	default:
		return outcome{orphans: len(ids)}
	}
}

func podsNamed(f *matrixFixture, name string) func(context.Context) ([]Pod, error) {
	return func(ctx context.Context) ([]Pod, error) { return f.api.ListPods(ctx, PodListFilter{Name: name}) }
}

var matrixOps = []matrixOp{
	{
		name:   "create pod",
		routes: func(f *matrixFixture) []string { return f.on("POST /v2/pods", "POST /pods") },
		run: func(ctx context.Context, f *matrixFixture, _ string) (outcome, error) {
			p, err := f.api.CreatePod(ctx, PodCreateInput{Name: Ptr("fm"), ImageName: Ptr("busybox:1"), GPUTypeIDs: &[]string{matrixGPU}})
			return judgeCreate(ctx, p, err, podsNamed(f, "fm"), func(p Pod) string { return p.ID }), err
		},
	},
	{
		name:   "create endpoint",
		routes: func(f *matrixFixture) []string { return f.on("POST /v2/serverless", "POST /endpoints") },
		setup: func(ctx context.Context, t *testing.T, f *matrixFixture) string {
			return must(f.api.CreateTemplate(ctx, TemplateCreateInput{Name: "srv", ImageName: "busybox:1", IsServerless: Ptr(true)})).ID
		},
		run: func(ctx context.Context, f *matrixFixture, templateID string) (outcome, error) {
			e, err := f.api.CreateEndpoint(ctx, EndpointCreateInput{TemplateID: templateID, Name: Ptr("fm"), GPUTypeIDs: &[]string{matrixGPU}, WorkersMax: Ptr(1)})
			return judgeCreate(ctx, e, err, f.api.ListEndpoints, func(e Endpoint) string { return e.ID }), err
		},
	},
	{
		name:   "create template",
		routes: func(f *matrixFixture) []string { return f.on("POST /v2/templates", "POST /templates") },
		run: func(ctx context.Context, f *matrixFixture, _ string) (outcome, error) {
			tp, err := f.api.CreateTemplate(ctx, TemplateCreateInput{Name: "fm", ImageName: "busybox:1"})
			list := func(ctx context.Context) ([]Template, error) { return f.api.ListTemplates(ctx, TemplateListOptions{}) }
			return judgeCreate(ctx, tp, err, list, func(t Template) string { return t.ID }), err
		},
	},
	{
		name:   "create network volume",
		routes: func(f *matrixFixture) []string { return f.on("POST /v2/network-volumes", "POST /networkvolumes") },
		run: func(ctx context.Context, f *matrixFixture, _ string) (outcome, error) {
			v, err := f.api.CreateNetworkVolume(ctx, NetworkVolumeCreateInput{Name: "fm", Size: 10, DataCenterID: "EU-RO-1"})
			return judgeCreate(ctx, v, err, f.api.ListNetworkVolumes, func(v NetworkVolume) string { return v.ID }), err
		},
	},
	{
		name:   "create container registry auth",
		routes: func(f *matrixFixture) []string { return f.on("POST /v2/registries", "POST /containerregistryauth") },
		run: func(ctx context.Context, f *matrixFixture, _ string) (outcome, error) {
			a, err := f.api.CreateContainerRegistryAuth(ctx, ContainerRegistryAuthCreateInput{Name: "fm", Username: "u", Password: "p"})
			return judgeCreate(ctx, a, err, f.api.ListContainerRegistryAuths, func(a ContainerRegistryAuth) string { return a.ID }), err
		},
	},
	{
		name: "update pod",
		routes: func(f *matrixFixture) []string {
			return f.on("PATCH /v2/pods/{id}", "PATCH /pods/{podId}", "POST /pods/{podId}/update")
		},
		setup: setupPod,
		run: func(ctx context.Context, f *matrixFixture, id string) (outcome, error) {
			_, err := f.api.UpdatePod(ctx, id, PodUpdateInput{Name: Ptr("renamed")})
			p, gerr := f.api.GetPod(context.WithoutCancel(ctx), id)
			return judgeChange(err, gerr, func() bool { return p.Name == "renamed" }), err
		},
	},
	{
		name: "update endpoint",
		routes: func(f *matrixFixture) []string {
			return f.on("PATCH /v2/serverless/{id}", "PATCH /endpoints/{endpointId}", "POST /endpoints/{endpointId}/update")
		},
		setup: func(ctx context.Context, t *testing.T, f *matrixFixture) string {
			tp := must(f.api.CreateTemplate(ctx, TemplateCreateInput{Name: "srv", ImageName: "busybox:1", IsServerless: Ptr(true)}))
			return must(f.api.CreateEndpoint(ctx, EndpointCreateInput{TemplateID: tp.ID, Name: Ptr("e"), GPUTypeIDs: &[]string{matrixGPU}, WorkersMax: Ptr(1)})).ID
		},
		run: func(ctx context.Context, f *matrixFixture, id string) (outcome, error) {
			_, err := f.api.UpdateEndpoint(ctx, id, EndpointUpdateInput{WorkersMax: Ptr(3)})
			e, gerr := f.api.GetEndpoint(context.WithoutCancel(ctx), id)
			return judgeChange(err, gerr, func() bool { return e.WorkersMax == 3 }), err
		},
	},
	{
		name: "update template",
		routes: func(f *matrixFixture) []string {
			return f.on("PATCH /v2/templates/{id}", "PATCH /templates/{templateId}", "POST /templates/{templateId}/update")
		},
		setup: func(ctx context.Context, t *testing.T, f *matrixFixture) string {
			return must(f.api.CreateTemplate(ctx, TemplateCreateInput{Name: "tpl", ImageName: "busybox:1"})).ID
		},
		run: func(ctx context.Context, f *matrixFixture, id string) (outcome, error) {
			_, err := f.api.UpdateTemplate(ctx, id, TemplateUpdateInput{Name: Ptr("renamed")})
			tp, gerr := f.api.GetTemplate(context.WithoutCancel(ctx), id)
			return judgeChange(err, gerr, func() bool { return tp.Name == "renamed" }), err
		},
	},
	{
		name: "update network volume",
		routes: func(f *matrixFixture) []string {
			return f.on("PATCH /v2/network-volumes/{id}", "PATCH /networkvolumes/{networkVolumeId}", "POST /networkvolumes/{networkVolumeId}/update")
		},
		setup: func(ctx context.Context, t *testing.T, f *matrixFixture) string {
			return must(f.api.CreateNetworkVolume(ctx, NetworkVolumeCreateInput{Name: "v", Size: 10, DataCenterID: "EU-RO-1"})).ID
		},
		run: func(ctx context.Context, f *matrixFixture, id string) (outcome, error) {
			_, err := f.api.UpdateNetworkVolume(ctx, id, NetworkVolumeUpdateInput{Size: Ptr(20)})
			v, gerr := f.api.GetNetworkVolume(context.WithoutCancel(ctx), id)
			return judgeChange(err, gerr, func() bool { return v.Size == 20 }), err
		},
	},
	{
		name: "stop pod",
		routes: func(f *matrixFixture) []string {
			return f.on("POST /v2/pods/{id}/action stop", "POST /pods/{podId}/stop")
		},
		setup: setupPod,
		run: func(ctx context.Context, f *matrixFixture, id string) (outcome, error) {
			err := f.api.StopPod(ctx, id)
			p, gerr := f.api.GetPod(context.WithoutCancel(ctx), id)
			return judgeChange(err, gerr, func() bool { return p.DesiredStatus == PodStatusExited }), err
		},
	},
	{
		name: "start pod",
		routes: func(f *matrixFixture) []string {
			return f.on("POST /v2/pods/{id}/action start", "POST /pods/{podId}/start")
		},
		setup: func(ctx context.Context, t *testing.T, f *matrixFixture) string {
			id := setupPod(ctx, t, f)
			if err := f.api.StopPod(ctx, id); err != nil {
				t.Fatal(err)
			}
			return id
		},
		run: func(ctx context.Context, f *matrixFixture, id string) (outcome, error) {
			err := f.api.StartPod(ctx, id)
			p, gerr := f.api.GetPod(context.WithoutCancel(ctx), id)
			return judgeChange(err, gerr, func() bool { return p.DesiredStatus == PodStatusRunning }), err
		},
	},
	{
		name:   "delete pod",
		routes: func(f *matrixFixture) []string { return f.on("DELETE /v2/pods/{id}", "DELETE /pods/{podId}") },
		setup:  setupPod,
		run: func(ctx context.Context, f *matrixFixture, id string) (outcome, error) {
			err := f.api.DeletePod(ctx, id)
			_, gerr := f.api.GetPod(context.WithoutCancel(ctx), id)
			switch {
			case err == nil && !IsNotFound(gerr):
				return outcome{orphans: 1}, err // reported deleted, still there: it bills on
			case err != nil && gerr != nil && !IsNotFound(gerr):
				return outcome{lost: 1}, err
			}
			return outcome{}, err
		},
	},
}

func setupPod(ctx context.Context, t *testing.T, f *matrixFixture) string {
	return must(f.api.CreatePod(ctx, PodCreateInput{Name: Ptr("p"), ImageName: Ptr("busybox:1"), GPUTypeIDs: &[]string{matrixGPU}})).ID
}

// judgeChange: a change reported done must show; the object must still be there either way.
func judgeChange(err, readErr error, shows func() bool) outcome {
	if readErr != nil {
		return outcome{lost: 1}
	}
	if err == nil && !shows() {
		return outcome{lost: 1}
	}
	return outcome{}
}

func TestFaultMatrix(t *testing.T) {
	if testing.Short() {
		t.Skip("the fault matrix takes a minute")
	}
	type figures struct{ cases, passed, failedCleanly, orphans, duplicates, lost int }
	total := map[Backend]*figures{}
	var mu sync.Mutex // guards total: the cases run in parallel (they mostly wait on deadlines)
	t.Run("cases", func(t *testing.T) {
		for _, b := range []Backend{BackendV2, BackendV1} {
			fig := &figures{}
			total[b] = fig
			for _, op := range matrixOps {
				for _, kind := range faultKinds {
					for _, always := range []bool{false, true} {
						times := "once"
						if always {
							times = "always"
						}
						t.Run(fmt.Sprintf("%s/%s/%s/%s", b, op.name, kind.name, times), func(t *testing.T) {
							t.Parallel()
							f := newMatrixFixture(t, b)
							var id string
							if op.setup != nil {
								id = op.setup(context.Background(), t, f)
							}
							for _, route := range op.routes(f) {
								fault := kind.fault
								fault.Route = route
								if !always {
									fault.Times = 1
								}
								if err := f.mock.AddFault(fault); err != nil {
									t.Fatal(err)
								}
							}
							ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
							defer cancel()
							out, err := op.run(ctx, f, id)
							f.mock.ClearFaults()
							mu.Lock()
							defer mu.Unlock()
							fig.cases++
							fig.orphans += out.orphans
							fig.duplicates += out.duplicates
							fig.lost += out.lost
							if out != (outcome{}) {
								t.Errorf("%+v (error: %v)", out, err)
								return
							}
							fig.passed++
							if err != nil {
								fig.failedCleanly++
							}
							if !always && kind.name != "slow" && err != nil && !strings.Contains(kind.name, "drop") && kind.name != "500" &&
								kind.name != "502" && kind.name != "503" && kind.name != "504" {
								t.Errorf("a single %s failed the operation: %v", kind.name, err)
							}
						})
					}
				}
			}
		}
	})
	var report strings.Builder
	for _, b := range []Backend{BackendV2, BackendV1} {
		fig := total[b]
		fmt.Fprintf(&report, "fault matrix on %s: %d cases, %d passed (%d of them ended in an error that said what happened), %d orphans, %d duplicates, %d lost\n",
			b, fig.cases, fig.passed, fig.failedCleanly, fig.orphans, fig.duplicates, fig.lost)
	}
	t.Log(report.String())
	if path := os.Getenv("RUNPOD_FAULT_MATRIX_REPORT"); path != "" {
		_ = os.WriteFile(path, []byte(report.String()), 0o644)
	}
}
