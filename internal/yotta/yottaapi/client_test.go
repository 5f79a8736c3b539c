package yottaapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottamock"
)

const key = "test-key"

var fastRetry = yottaapi.RetryPolicy{MaxAttempts: 4, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond}

// fixture is a client talking to a fresh mock.
type fixture struct {
	mock   *yottamock.Server
	client *yottaapi.Client
	url    string
}

func newFixture(t *testing.T, opts ...func(*yottamock.Options)) *fixture {
	t.Helper()
	o := yottamock.Options{APIKey: key}
	for _, opt := range opts {
		opt(&o)
	}
	m := yottamock.New(o)
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	c, err := yottaapi.New(yottaapi.Config{APIKey: key, BaseURL: srv.URL, Retry: fastRetry})
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{mock: m, client: c, url: srv.URL}
}

func minimalPod(name string) yottaapi.PodCreateRequest {
	return yottaapi.PodCreateRequest{Name: name, Image: "pytorch/pytorch:2.4.0", GPUType: "NVIDIA_RTX_4090_24G", GPUCount: 1}
}

func routes(m *yottamock.Server) []string {
	var out []string
	for _, c := range m.Calls() {
		out = append(out, c.Route)
	}
	return out
}

func TestCreatePod_answersWithAnEighteenDigitIDKeptExactly(t *testing.T) {
	f := newFixture(t)
	p, err := f.client.CreatePod(context.Background(), minimalPod("a"))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.ID) != 18 || !yottaapi.IsNumeric(string(p.ID)) {
		t.Fatalf("id %q: want 18 digits", p.ID)
	}
	if p.Status != yottaapi.PodInitialize {
		t.Errorf("create answer status %s, want INITIALIZE", p.Status)
	}
	got, err := f.client.GetPod(context.Background(), string(p.ID))
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != p.ID || got.Status != yottaapi.PodRunning || got.Region != "us-east-1" || got.CreatedAt.IsZero() {
		t.Errorf("read back %+v", got)
	}
	if time.Since(got.CreatedAt.Time) > time.Minute || time.Since(got.CreatedAt.Time) < 0 {
		t.Errorf("createdAt %s: want now (epoch milliseconds decoded)", got.CreatedAt)
	}
}

func TestCreatePod_sendsTheDocumentedBody(t *testing.T) {
	f := newFixture(t)
	authID := mustAuth(t, f, "ghcr")
	backup := true
	in := yottaapi.PodCreateRequest{
		Name: "trainer", Regions: []string{"us-east-1", "us-west-1"}, Image: "ghcr.io/acme/trainer:1", ImageRegistry: "ghcr.io",
		ContainerRegistryAuthID: authID, ImagePublicType: "PRIVATE", ResourceType: "GPU", GPUType: "NVIDIA_RTX_4090_24G", GPUCount: 2,
		MinSingleCardVRAMInGB: ptr(24), MinSingleCardRAMInGB: ptr(16), MinSingleCardVCPU: ptr(4), ShmInGB: ptr(8),
		ContainerVolumeInGB: ptr(60), PersistentVolumeInGB: ptr(100), PersistentMountPath: "/data",
		InitializationCommand: "pip install -r requirements.txt", EnvironmentVars: []yottaapi.EnvVar{{Key: "A", Value: "1"}},
		Expose:            []yottaapi.Port{{Port: 8080, Protocol: "HTTP"}, {Port: 22, Protocol: "SSH"}},
		PersistentVolumes: []yottaapi.PersistentVolume{{VolumeID: "402872365298094821", MountPath: "/models", NeedBackup: &backup}},
	}
	if _, err := f.client.CreatePod(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	var body map[string]any
	dec := json.NewDecoder(strings.NewReader(f.mock.Calls()[0].Body))
	dec.UseNumber()
	if err := dec.Decode(&body); err != nil {
		t.Fatal(err)
	}
	if got := body["containerRegistryAuthId"]; got != json.Number(authID) {
		t.Errorf("containerRegistryAuthId %#v: want the number %s", got, authID)
	}
	vols := body["persistentVolumes"].([]any)
	if got := vols[0].(map[string]any)["volumeId"]; got != json.Number("402872365298094821") {
		t.Errorf("volumeId %#v: want an exact int64", got)
	}
	for _, k := range []string{"name", "regions", "image", "imageRegistry", "imagePublicType", "resourceType", "gpuType", "gpuCount",
		"minSingleCardVramInGb", "minSingleCardRamInGb", "minSingleCardVcpu", "shmInGb", "containerVolumeInGb",
		"persistentVolumeInGb", "persistentMountPath", "initializationCommand", "environmentVars", "expose"} {
		if _, ok := body[k]; !ok {
			t.Errorf("body lacks %s: %v", k, body)
		}
	}
}

func ptr[T any](v T) *T { return &v }

func mustAuth(t *testing.T, f *fixture, name string) yottaapi.ID {
	t.Helper()
	a, err := f.client.CreateRegistryAuth(context.Background(), yottaapi.RegistryAuthCreateRequest{Name: name, Type: "PRIVATE", Username: "bot", Password: "pw"})
	if err != nil {
		t.Fatal(err)
	}
	f.mock.ResetCalls()
	return a.ID
}

func TestEnvelope_aCodeOtherThan10000OnHTTP200IsAnError(t *testing.T) {
	f := newFixture(t)
	in := minimalPod("x")
	in.GPUType = "NVIDIA_NOPE_1G"
	_, err := f.client.CreatePod(context.Background(), in)
	apiErr := yottaapi.AsAPIError(err)
	if apiErr == nil || apiErr.HTTPStatus != http.StatusOK || apiErr.Code != yottaapi.CodeInvalidParameters || !yottaapi.IsInvalidParameters(err) {
		t.Fatalf("err %v: want code 10001 on HTTP 200", err)
	}
	if !strings.Contains(err.Error(), "gpu type [NVIDIA_NOPE_1G] not supported") || !strings.Contains(err.Error(), "(code 10001)") {
		t.Errorf("message %q: want Yotta's text and code", err)
	}
	if n := len(f.mock.Calls()); n != 1 {
		t.Errorf("%d calls: a refusal is not retried", n)
	}
}

func TestEnvelope_anAnswerThatIsNotAnEnvelopeIsAnError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"id": 1}`))
	}))
	defer srv.Close()
	c, _ := yottaapi.New(yottaapi.Config{APIKey: key, BaseURL: srv.URL, Retry: fastRetry})
	_, err := c.GetPod(context.Background(), "1")
	if err == nil || !strings.Contains(err.Error(), "not Yotta's {message, code, data} envelope") {
		t.Fatalf("err %v", err)
	}
}

func TestDecode_idsAsStringsOrNumbersStatusSpellingsAndTimestamps(t *testing.T) {
	answers := map[string]string{
		"/v2/pods/1": `{"message":"success","code":10000,"data":{"id":"420522713875330018","podName":"v1name","status":"STOPPED",
			"createdAt":"1735689600000","updatedAt":1735689600123,"singleCardPrice":"0.65","containerVolumeInGb":"50",
			"expose":[{"port":8080,"protocol":"http","healthy":true,"ingressUrl":"https://x"}],"statusMessage":"why"}}`,
		"/v2/pods/2": `{"message":"success","code":10000,"data":{"id":402872365298094821,"name":"n","status":1,"createdAt":1735689600000}}`,
		"/v2/pods/3": `{"message":"success","code":10000,"data":{"id":3,"status":"initializing"}}`,
		"/v2/pods/4": `{"message":"success","code":10000,"data":null}`,
		"/v2/pods/5": `{"message":"Pod not found","code":13000,"data":null}`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Api-Key") != key {
			t.Errorf("no X-Api-Key")
		}
		_, _ = w.Write([]byte(answers[r.URL.Path]))
	}))
	defer srv.Close()
	c, _ := yottaapi.New(yottaapi.Config{APIKey: key, BaseURL: srv.URL, Retry: fastRetry})
	ctx := context.Background()

	p, err := c.GetPod(ctx, "1")
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != "420522713875330018" || p.Name != "v1name" || p.Status != yottaapi.PodPaused || p.SingleCardPrice.Value != 0.65 ||
		p.ContainerVolumeInGB == nil || *p.ContainerVolumeInGB != 50 || p.FailedReason != "why" || p.CreatedAt.UnixMilli() != 1735689600000 || p.UpdatedAt.UnixMilli() != 1735689600123 {
		t.Errorf("pod 1: %+v", p)
	}
	if p.CreatedAt.RFC3339() != "2025-01-01T00:00:00.000Z" {
		t.Errorf("RFC3339 %s", p.CreatedAt.RFC3339())
	}
	if p, err = c.GetPod(ctx, "2"); err != nil || p.ID != "402872365298094821" || p.Status != yottaapi.PodRunning {
		t.Errorf("pod 2: %+v %v (the id must not go through a float64)", p, err)
	}
	if p, err = c.GetPod(ctx, "3"); err != nil || p.Status != yottaapi.PodInitialize {
		t.Errorf("pod 3: %+v %v", p, err)
	}
	if _, err = c.GetPod(ctx, "4"); !yottaapi.IsNotFound(err) {
		t.Errorf("pod 4 (data null): %v, want not found", err)
	}
	if _, err = c.GetPod(ctx, "5"); !yottaapi.IsNotFound(err) {
		t.Errorf("pod 5 (code 13000): %v, want not found", err)
	}
}

func TestNotFound_onHTTP200WithACodeAndOnHTTP404(t *testing.T) {
	for _, mode := range []string{yottamock.ErrorStatus200, yottamock.ErrorStatus4xx} {
		f := newFixture(t, func(o *yottamock.Options) { o.ErrorStatus = mode })
		_, err := f.client.GetPod(context.Background(), "400000000000000001")
		if !yottaapi.IsNotFound(err) {
			t.Errorf("%s: %v", mode, err)
		}
		_, err = f.client.GetRegistryAuth(context.Background(), "400000000000000001")
		if !yottaapi.IsNotFound(err) {
			t.Errorf("%s: credential: %v", mode, err)
		}
	}
}

func TestAuth_aWrongKeyIs401(t *testing.T) {
	f := newFixture(t)
	c, _ := yottaapi.New(yottaapi.Config{APIKey: "wrong", BaseURL: f.url, Retry: fastRetry})
	_, err := c.ListPods(context.Background(), yottaapi.PodFilter{})
	if !yottaapi.IsUnauthorized(err) || !strings.Contains(err.Error(), "HTTP 401") {
		t.Fatalf("err %v", err)
	}
}

func TestRetries_readsRetry5xxCode10002And429(t *testing.T) {
	f := newFixture(t)
	p, _ := f.client.CreatePod(context.Background(), minimalPod("a"))
	f.mock.ResetCalls()
	for _, fault := range []mockkit.Fault{
		{Route: "GET /v2/pods/{id}", Kind: mockkit.FaultStatus, Status: 502, Times: 1},
		{Route: "GET /v2/pods/{id}", Kind: mockkit.FaultCode, Code: 10002, Times: 1},
		{Route: "GET /v2/pods/{id}", Kind: mockkit.FaultStatus, Status: 429, RetryAfter: "0", Times: 1},
		{Route: "GET /v2/pods/{id}", Kind: mockkit.FaultDrop, Times: 1},
	} {
		if err := f.mock.AddFault(fault); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.client.GetPod(context.Background(), string(p.ID)); err != nil {
		t.Fatal(err)
	}
	if n := f.mock.CallCount("GET /v2/pods/{id}"); n != 5 {
		t.Errorf("%d reads, want 4 faulted + 1", n)
	}
}

func TestCreatePod_notProcessedIsSentAgain(t *testing.T) {
	f := newFixture(t)
	_ = f.mock.AddFault(mockkit.Fault{Route: "POST /v2/pods", Kind: mockkit.FaultStatus, Status: 503, Times: 1})
	_ = f.mock.AddFault(mockkit.Fault{Route: "POST /v2/pods", Kind: mockkit.FaultDrop, Times: 1})
	if _, err := f.client.CreatePod(context.Background(), minimalPod("a")); err != nil {
		t.Fatal(err)
	}
	// The drop closed the connection before the answer: sent, maybe applied, so read back.
	want := []string{"POST /v2/pods", "POST /v2/pods", "GET /v2/pods", "GET /v2/pods", "POST /v2/pods"}
	if got := routes(f.mock); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("calls %v, want %v", got, want)
	}
	expectPods(t, f, 1)
}

func TestCreatePod_aLostAnswerAdoptsThePodInsteadOfCreatingASecond(t *testing.T) {
	for _, fault := range []mockkit.Fault{
		{Route: "POST /v2/pods", Kind: mockkit.FaultDropAfter, Times: 1},
	} {
		f := newFixture(t)
		other, _ := f.client.CreatePod(context.Background(), minimalPod("a")) // same request, known: never adopted
		f.mock.ResetCalls()
		_ = f.mock.AddFault(fault)
		p, err := f.client.CreatePod(context.Background(), minimalPod("a"))
		if err != nil {
			t.Fatal(err)
		}
		if p.ID == other.ID {
			t.Fatalf("adopted the pod created before")
		}
		if got := routes(f.mock); strings.Join(got, ",") != "POST /v2/pods,GET /v2/pods" {
			t.Errorf("calls %v", got)
		}
		expectPods(t, f, 2)
	}
}

func TestCreatePod_aServerErrorOnCreateIsReadBackNotRepeated(t *testing.T) {
	f := newFixture(t)
	_ = f.mock.AddFault(mockkit.Fault{Route: "POST /v2/pods", Kind: mockkit.FaultCode, Code: 10002, Times: 1})
	if _, err := f.client.CreatePod(context.Background(), minimalPod("a")); err != nil {
		t.Fatal(err)
	}
	// 10002 did not act: two looks find nothing, then the create is sent again.
	if got := routes(f.mock); strings.Join(got, ",") != "POST /v2/pods,GET /v2/pods,GET /v2/pods,POST /v2/pods" {
		t.Errorf("calls %v", got)
	}
	expectPods(t, f, 1)
}

func TestCreatePod_twoUnknownCandidatesAreNamedNotGuessed(t *testing.T) {
	f := newFixture(t)
	// Someone else created the same pod just before (outside this client).
	other, _ := yottaapi.New(yottaapi.Config{APIKey: key, BaseURL: f.url, Retry: fastRetry})
	first, _ := other.CreatePod(context.Background(), minimalPod("a"))
	_ = f.mock.AddFault(mockkit.Fault{Route: "POST /v2/pods", Kind: mockkit.FaultDropAfter, Times: 1})
	_, err := f.client.CreatePod(context.Background(), minimalPod("a"))
	var amb *yottaapi.AmbiguousCreateError
	if !errors.As(err, &amb) || len(amb.Candidates) != 2 || !strings.Contains(err.Error(), string(first.ID)) {
		t.Fatalf("err %v", err)
	}
}

func TestPause_aLostAnswerIsSettledByReadingThePod(t *testing.T) {
	f := newFixture(t, func(o *yottamock.Options) { o.BootDelay = 0 })
	p, _ := f.client.CreatePod(context.Background(), minimalPod("a"))
	_ = f.mock.AddFault(mockkit.Fault{Route: "POST /v2/pods/{id}/pause", Kind: mockkit.FaultDropAfter, Times: 1})
	f.mock.ResetCalls()
	if err := f.client.PausePod(context.Background(), string(p.ID)); err != nil {
		t.Fatal(err)
	}
	if got := routes(f.mock); strings.Join(got, ",") != "POST /v2/pods/{id}/pause,GET /v2/pods/{id}" {
		t.Errorf("calls %v", got)
	}
	// Pausing a paused pod: 12001, settled by reading it.
	if err := f.client.PausePod(context.Background(), string(p.ID)); err != nil {
		t.Errorf("second pause: %v", err)
	}
	if err := f.client.ResumePod(context.Background(), string(p.ID)); err != nil {
		t.Fatal(err)
	}
	if s := f.mock.PodStatus(string(p.ID)); s != "RUNNING" {
		t.Errorf("status %s", s)
	}
	// Resuming a running pod is not an error either; pausing a FAILED one is.
	if err := f.client.ResumePod(context.Background(), string(p.ID)); err != nil {
		t.Errorf("resume of a running pod: %v", err)
	}
	_ = f.mock.FailPod(string(p.ID), "boom")
	if err := f.client.PausePod(context.Background(), string(p.ID)); !yottaapi.IsStatusInvalid(err) || !strings.Contains(err.Error(), "FAILED") {
		t.Errorf("pause of a failed pod: %v", err)
	}
}

func TestRegistryAuth_lifecycleAndConflict(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_ = f.mock.AddFault(mockkit.Fault{Route: "POST /v2/container-registry-auths", Kind: mockkit.FaultDropAfter, Times: 1})
	a, err := f.client.CreateRegistryAuth(ctx, yottaapi.RegistryAuthCreateRequest{Name: "hub", Type: "DOCKER_HUB", Username: "u", Password: "p"})
	if err != nil {
		t.Fatal(err)
	}
	if a.CreatedAt.IsZero() || len(a.ID) != 18 {
		t.Errorf("credential %+v", a)
	}
	name := "hub2"
	if a, err = f.client.UpdateRegistryAuth(ctx, string(a.ID), yottaapi.RegistryAuthUpdateRequest{Name: &name}); err != nil || a.Name != "hub2" {
		t.Fatalf("%+v %v", a, err)
	}
	in := minimalPod("user")
	in.ContainerRegistryAuthID = a.ID
	p, err := f.client.CreatePod(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	err = f.client.DeleteRegistryAuth(ctx, string(a.ID))
	if !yottaapi.IsConflict(err) || !strings.Contains(err.Error(), string(p.ID)) {
		t.Fatalf("delete in use: %v", err)
	}
	if err := f.client.DeletePod(ctx, string(p.ID)); err != nil {
		t.Fatal(err)
	}
	if err := f.client.DeleteRegistryAuth(ctx, string(a.ID)); err != nil {
		t.Fatal(err)
	}
}

func TestListPods_filtersAndGPUTypes(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	a, _ := f.client.CreatePod(ctx, minimalPod("a"))
	in := minimalPod("b")
	in.Regions = []string{"us-west-1"}
	_, _ = f.client.CreatePod(ctx, in)
	_ = f.client.PausePod(ctx, string(a.ID))
	got, err := f.client.ListPods(ctx, yottaapi.PodFilter{Regions: []string{"us-west-1"}})
	if err != nil || len(got) != 1 || got[0].Name != "b" {
		t.Errorf("region filter: %+v %v", got, err)
	}
	got, err = f.client.ListPods(ctx, yottaapi.PodFilter{Statuses: []yottaapi.PodStatus{yottaapi.PodPaused, yottaapi.PodPausing}})
	if err != nil || len(got) != 1 || got[0].Name != "a" {
		t.Errorf("status filter: %+v %v", got, err)
	}
	if q := f.mock.Calls()[len(f.mock.Calls())-1].Query; q != "statusList=PAUSED%2CPAUSING" {
		t.Errorf("query %s", q)
	}
	types, err := f.client.ListGPUTypes(ctx)
	if err != nil || len(types) == 0 || types[0].GPUType != "NVIDIA_RTX_4090_24G" || !types[0].Regions[0].Available || types[0].Regions[0].VMTypeID == "" {
		t.Errorf("gpu types %+v %v", types, err)
	}
}

func expectPods(t *testing.T, f *fixture, n int) {
	t.Helper()
	pods, err := f.client.ListPods(context.Background(), yottaapi.PodFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pods) != n {
		t.Errorf("%d pods in the mock, want %d", len(pods), n)
	}
}
