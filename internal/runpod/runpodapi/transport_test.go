package runpodapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/poll"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/redact"
)

// recordingServer answers with the scripted responses in order (the last repeats) and
// records what it received.
type recordingServer struct {
	t       *testing.T
	mu      sync.Mutex
	answers []func(w http.ResponseWriter)
	got     []*http.Request
	bodies  []string
}

func newRecordingServer(t *testing.T, answers ...func(w http.ResponseWriter)) (*recordingServer, *httptest.Server) {
	rs := &recordingServer{t: t, answers: answers}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rs.mu.Lock()
		i := len(rs.got)
		rs.got = append(rs.got, r)
		rs.bodies = append(rs.bodies, string(body))
		answer := rs.answers[min(i, len(rs.answers)-1)]
		rs.mu.Unlock()
		answer(w)
	}))
	t.Cleanup(srv.Close)
	return rs, srv
}

func (rs *recordingServer) count() int {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	return len(rs.got)
}

func status(code int, body string, headers ...string) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		w.WriteHeader(code)
		_, _ = io.WriteString(w, body)
	}
}

// hangUp closes the connection after reading the request, without answering.
func hangUp(w http.ResponseWriter) {
	hijacker, ok := w.(http.Hijacker)
	if !ok {
		panic("the test server's ResponseWriter cannot hijack connections")
	}
	conn, _, err := hijacker.Hijack()
	if err != nil {
		panic(err)
	}
	conn.Close()
}

// testClient returns a v1 client against srv whose retry waits are recorded, not slept.
func testClient(t *testing.T, url string) (*restV1, *[]time.Duration) {
	t.Helper()
	c, err := newRESTv1(Config{
		APIKey: "rp_secret_key", RESTURL: url + "/v1", GraphQLURL: url + "/graphql", UserAgent: UserAgent("1.2.3", "1.8.5"),
		Retry: RetryPolicy{MaxAttempts: 4, MinBackoff: 100 * time.Millisecond, MaxBackoff: time.Second},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c, fakeClock(c.t)
}

// fakeClock makes t's waits instant: they are recorded, and advance the clock of its rate
// gate by as much.
func fakeClock(t *transport) *[]time.Duration {
	var mu sync.Mutex
	var waits []time.Duration
	now := time.Date(2026, 9, 1, 12, 0, 0, 0, time.UTC)
	t.now = func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		return now
	}
	t.sleep = func(_ context.Context, d time.Duration) error {
		mu.Lock()
		defer mu.Unlock()
		waits = append(waits, d)
		now = now.Add(d)
		return nil
	}
	return &waits
}

func TestRequestsCarryKeyInHeaderOnlyAndUserAgent(t *testing.T) {
	rs, srv := newRecordingServer(t, status(200, `[]`))
	c, _ := testClient(t, srv.URL)
	if _, err := c.ListPods(context.Background(), PodListFilter{Name: "a b"}); err != nil {
		t.Fatal(err)
	}
	req := rs.got[0]
	if got := req.Header.Get("Authorization"); got != "Bearer rp_secret_key" {
		t.Errorf("Authorization = %q", got)
	}
	if got := req.Header.Get("User-Agent"); got != "terraform-provider-runpod/1.2.3 (+terraform 1.8.5)" {
		t.Errorf("User-Agent = %q", got)
	}
	if strings.Contains(req.URL.String(), "rp_secret_key") {
		t.Errorf("the key leaked into the URL %s", req.URL)
	}
	if req.URL.Path != "/v1/pods" || req.URL.Query().Get("name") != "a b" || req.URL.Query().Get("includeMachine") != "true" {
		t.Errorf("unexpected URL %s", req.URL)
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	rs, srv := newRecordingServer(t,
		status(429, `{"error":"rate limited","status":429}`, "Retry-After", "7"),
		status(503, `unavailable`),
		status(200, `{"id":"p1","name":"n"}`))
	c, waits := testClient(t, srv.URL)
	pod, err := c.GetPod(context.Background(), "p1")
	if err != nil {
		t.Fatal(err)
	}
	if pod.ID != "p1" || rs.count() != 3 {
		t.Fatalf("pod %+v after %d requests", pod, rs.count())
	}
	if w := (*waits)[0]; w < 7*time.Second || w > 8*time.Second {
		t.Errorf("first wait %s, want the 7s of Retry-After and at most 1s of jitter", w)
	}
	// The 503: no Retry-After, so exponential backoff with jitter. Throttling is not a failed
	// attempt, so this is attempt 1: a 100ms step, 50..100ms.
	if w := (*waits)[1]; w < 50*time.Millisecond || w > 100*time.Millisecond {
		t.Errorf("second wait %s, want 50ms..100ms", w)
	}
}

func TestRetryAfterHTTPDate(t *testing.T) {
	if d := retryAfter(time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat)); d < 80*time.Second || d > 90*time.Second {
		t.Errorf("retryAfter(date in 90s) = %s", d)
	}
	for _, v := range []string{"", "soon", "-3"} {
		if d := retryAfter(v); d != 0 {
			t.Errorf("retryAfter(%q) = %s, want 0", v, d)
		}
	}
}

func TestBackoffGrowsAndIsCapped(t *testing.T) {
	p := RetryPolicy{MinBackoff: time.Second, MaxBackoff: 8 * time.Second}
	for attempt, want := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 3: 4 * time.Second, 4: 8 * time.Second, 9: 8 * time.Second, 70: 8 * time.Second} {
		for range 50 {
			if got := backoff(p, attempt); got < want/2 || got > want {
				t.Fatalf("backoff(attempt %d) = %s, want within [%s, %s]", attempt, got, want/2, want)
			}
		}
	}
}

func TestGivesUpAfterMaxAttempts(t *testing.T) {
	rs, srv := newRecordingServer(t, status(502, `bad gateway`))
	c, _ := testClient(t, srv.URL)
	_, err := c.GetPod(context.Background(), "p1")
	if err == nil || !strings.Contains(err.Error(), "giving up after 4 attempts") || StatusCode(err) != 502 {
		t.Fatalf("err = %v", err)
	}
	if rs.count() != 4 {
		t.Errorf("%d requests, want 4", rs.count())
	}
}

func TestCreateIsRetriedWhenTheConnectionNeverOpened(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens: every dial is refused before a byte is sent
	c, waits := testClient(t, "http://"+addr)
	_, err = c.CreatePod(context.Background(), PodCreateInput{ImageName: Ptr("img")})
	var terr *TransportError
	if !errors.As(err, &terr) || terr.MaybeSent {
		t.Fatalf("err = %v, want a TransportError that was never sent", err)
	}
	if len(*waits) != 6 {
		t.Errorf("%d retries, want 6 (4 attempts to read the list before the create, 4 to create)", len(*waits))
	}
	if !strings.Contains(err.Error(), "create pod: could not reach RunPod") {
		t.Errorf("err = %v", err)
	}
}

func TestIdempotentCallsAreRetriedAfterALostAnswer(t *testing.T) {
	rs, srv := newRecordingServer(t, hangUp, status(204, ``))
	c, _ := testClient(t, srv.URL)
	if err := c.DeletePod(context.Background(), "p1"); err != nil {
		t.Fatal(err)
	}
	if rs.count() != 2 {
		t.Errorf("%d requests, want 2", rs.count())
	}
}

func TestNoRetryWhenTheDeadlineCannotFitTheWait(t *testing.T) {
	rs, srv := newRecordingServer(t, status(429, `{}`, "Retry-After", "30"), status(200, `{}`))
	c, waits := testClient(t, srv.URL)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := c.GetPod(ctx, "p1")
	if err == nil || !strings.Contains(err.Error(), "no time left to retry within the timeout (next attempt in 30") ||
		!strings.Contains(err.Error(), "429 Too Many Requests") {
		t.Fatalf("err = %v", err)
	}
	if rs.count() != 1 || len(*waits) != 0 {
		t.Errorf("%d requests and %d waits, want 1 and 0", rs.count(), len(*waits))
	}
}

func TestCancelledContextStopsRetries(t *testing.T) {
	_, srv := newRecordingServer(t, status(503, `{}`))
	c, _ := testClient(t, srv.URL)
	ctx, cancel := context.WithCancel(context.Background())
	c.t.sleep = func(ctx context.Context, d time.Duration) error {
		cancel()
		return poll.Sleep(ctx, d)
	}
	_, err := c.GetPod(ctx, "p1")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestErrorDecoding(t *testing.T) {
	for _, tc := range []struct {
		status   int
		body     string
		message  string
		problems []string
		notFound bool
		text     string
	}{
		{404, `{"error":"pod not found","status":404}`, "pod not found", nil, true, "read pod p1: RunPod API returned 404 Not Found: pod not found"},
		{400, `{"error":"Extra input keys provided in request body","problems":["key provided in request body which is not in input schema: 'x'"]}`,
			"Extra input keys provided in request body", []string{"key provided in request body which is not in input schema: 'x'"}, false,
			"read pod p1: RunPod API returned 400 Bad Request: Extra input keys provided in request body (key provided in request body which is not in input schema: 'x')"},
		{401, `{"message":"Unauthorized"}`, "Unauthorized", nil, false, "401 Unauthorized: Unauthorized"},
		{422, `{"title":"Unprocessable","status":422,"detail":"size must grow","errors":["size"]}`, "size must grow", []string{"size"}, false, "422 Unprocessable Entity: size must grow (size)"},
		{500, "upstream exploded\n", "upstream exploded", nil, false, "500 Internal Server Error: upstream exploded"},
		{502, ``, "Bad Gateway", nil, false, "502 Bad Gateway: Bad Gateway"},
	} {
		err := decodeError("read pod p1", tc.status, nil, []byte(tc.body))
		var apiErr *APIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("%T", err)
		}
		if apiErr.Message != tc.message || fmt.Sprint(apiErr.Problems) != fmt.Sprint(tc.problems) || IsNotFound(err) != tc.notFound {
			t.Errorf("decodeError(%d, %s) = %+v", tc.status, tc.body, apiErr)
		}
		if !strings.Contains(err.Error(), tc.text) {
			t.Errorf("error text %q does not contain %q", err.Error(), tc.text)
		}
	}
}

func TestLogsMaskKeyPasswordsAndEnvValues(t *testing.T) {
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	_, srv := newRecordingServer(t, status(201, `{"id":"p1","env":{"HF_TOKEN":"hf_response_secret"}}`))
	c, _ := testClient(t, srv.URL)
	if _, err := c.CreatePod(ctx, PodCreateInput{ImageName: Ptr("img"), Env: &map[string]string{"HF_TOKEN": "hf_request_secret"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateContainerRegistryAuth(ctx, ContainerRegistryAuthCreateInput{Name: "r", Username: "u", Password: "registry_password"}); err == nil {
		t.Log("(the fake answers a pod; only the logs matter here)")
	}
	out := logs.String()
	for _, secret := range []string{"rp_secret_key", "hf_request_secret", "hf_response_secret", "registry_password"} {
		if strings.Contains(out, secret) {
			t.Errorf("the logs contain %q:\n%s", secret, out)
		}
	}
	for _, want := range []string{`HF_TOKEN`, redact.Redacted, `"@module":"provider.runpod_api"`, `RunPod API request`, `RunPod API response`} {
		if !strings.Contains(out, want) {
			t.Errorf("the logs lack %q:\n%s", want, out)
		}
	}
}

func TestFlexFloat(t *testing.T) {
	for in, want := range map[string]float64{`0.74`: 0.74, `"0.74"`: 0.74, `null`: 0, `""`: 0, `3`: 3} {
		var f FlexFloat
		if err := f.UnmarshalJSON([]byte(in)); err != nil || float64(f) != want {
			t.Errorf("FlexFloat(%s) = %v, %v", in, f, err)
		}
	}
	var f FlexFloat
	if err := f.UnmarshalJSON([]byte(`"cheap"`)); err == nil {
		t.Error("a non-numeric string must fail")
	}
}

func TestConfigRejectsBadURLsAndMissingKey(t *testing.T) {
	for _, tc := range []struct {
		cfg  Config
		want string
	}{
		{Config{}, "an API key is required"},
		{Config{APIKey: "k", Backend: BackendV1, RESTURL: "rest.runpod.io/v1"}, `the REST URL "rest.runpod.io/v1" is not an http(s) URL`},
		{Config{APIKey: "k", APIURL: "api.runpod.io"}, `the API URL "api.runpod.io" is not an http(s) URL`},
		{Config{APIKey: "k", GraphQLURL: "https://api.runpod.io/graphql?api_key=k"}, "must not carry a query string"},
		{Config{APIKey: "k", Backend: BackendV1, GraphQLURL: "https://api.runpod.io/graphql?api_key=k"}, "must not carry a query string"},
		{Config{APIKey: "k", Backend: "v3"}, `unknown API version "v3"`},
	} {
		if _, err := New(tc.cfg); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%+v) = %v, want %q", tc.cfg, err, tc.want)
		}
	}
}
