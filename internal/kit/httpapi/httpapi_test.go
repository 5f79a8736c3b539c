package httpapi

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

var cloudy = API{Name: "Cloudy API", Subsystem: "cloudy_api", RequestIDHeader: "X-Request-Id"}

func TestSendSetsTheHeadersAndReturnsTheAnswer(t *testing.T) {
	var got *http.Request
	var gotBody string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got, gotBody = r, string(b)
		w.Header().Set("X-Request-Id", "req-1")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, `{"id":"p1"}`)
	}))
	defer srv.Close()
	header := http.Header{}
	header.Set("X-Api-Key", "k")
	ans, sent, err := cloudy.Send(context.Background(), NewClient(), Request{Op: "create pod", Method: http.MethodPost,
		URL: srv.URL + "/pods", Header: header, Body: []byte(`{"name":"a"}`)})
	if err != nil || !sent {
		t.Fatalf("sent %v, err %v", sent, err)
	}
	if ans.Status != http.StatusCreated || string(ans.Body) != `{"id":"p1"}` || cloudy.RequestID(ans.Header) != "req-1" || ans.At.IsZero() {
		t.Errorf("answer %+v", ans)
	}
	if got.Header.Get("X-Api-Key") != "k" || got.Header.Get("Accept") != "application/json" ||
		got.Header.Get("Content-Type") != "application/json" || gotBody != `{"name":"a"}` {
		t.Errorf("request headers %v, body %q", got.Header, gotBody)
	}

	// Without a body: no Content-Type.
	if _, _, err := cloudy.Send(context.Background(), NewClient(), Request{Op: "read", Method: http.MethodGet, URL: srv.URL}); err != nil {
		t.Fatal(err)
	}
	if ct := got.Header.Get("Content-Type"); ct != "" {
		t.Errorf("a GET carries Content-Type %q", ct)
	}
}

// sent tells a request that never left (the create may be sent again) from one whose answer
// was lost (the create may have happened).
func TestSendSaysWhetherTheRequestWasSent(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close() // nothing listens: the dial is refused before a byte is sent
	if _, sent, err := cloudy.Send(context.Background(), NewClient(), Request{Op: "create", Method: http.MethodPost, URL: closed, Body: []byte(`{}`)}); err == nil || sent {
		t.Errorf("refused connection: sent %v, err %v; want an error, not sent", sent, err)
	}

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		conn, _, _ := w.(http.Hijacker).Hijack()
		conn.Close() // read the request, never answer
	}))
	defer srv.Close()
	if _, sent, err := cloudy.Send(context.Background(), NewClient(), Request{Op: "create", Method: http.MethodPost, URL: srv.URL, Body: []byte(`{}`)}); err == nil || !sent {
		t.Errorf("lost answer: sent %v, err %v; want an error, sent", sent, err)
	}
}

func TestSendLogsInTheSubsystemWithTheKeyMaskedAndSecretsRedacted(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "req-9")
		_, _ = io.WriteString(w, `{"env":{"HF_TOKEN":"hf_answer_secret"}}`)
	}))
	defer srv.Close()
	var logs bytes.Buffer
	ctx := cloudy.Context(tflogtest.RootLogger(context.Background(), &logs), "sk_live_key")
	header := http.Header{}
	header.Set("Authorization", "Bearer sk_live_key")
	_, _, err := cloudy.Send(ctx, NewClient(), Request{Op: "create pod", Method: http.MethodPost, URL: srv.URL + "/pods?key=sk_live_key",
		Header: header, Body: []byte(`{"password":"hunter2","env":{"HF_TOKEN":"hf_request_secret"}}`)})
	if err != nil {
		t.Fatal(err)
	}
	out := logs.String()
	for _, secret := range []string{"sk_live_key", "hunter2", "hf_request_secret", "hf_answer_secret"} {
		if strings.Contains(out, secret) {
			t.Errorf("the logs contain %q:\n%s", secret, out)
		}
	}
	for _, want := range []string{`"@module":"provider.cloudy_api"`, `"@message":"Cloudy API request"`, `"@message":"Cloudy API response"`,
		`"request_id":"req-9"`, `HF_TOKEN`, `"operation":"create pod"`} {
		if !strings.Contains(out, want) {
			t.Errorf("the logs lack %s:\n%s", want, out)
		}
	}
}

type cloudName struct{}

func (cloudName) Name() string { return "Cloudy" }

func TestTransportErrorSaysWhetherTheRequestMayHaveBeenApplied(t *testing.T) {
	reset := errors.New("connection reset")
	var err error = &TransportError[cloudName]{Operation: "create pod", MaybeSent: true, Err: reset}
	if got, want := err.Error(), "create pod: no answer from Cloudy after sending the request (it may have been applied): connection reset"; got != want {
		t.Errorf("sent: %q, want %q", got, want)
	}
	if !errors.Is(err, reset) {
		t.Error("the cause is not in the chain")
	}
	err = &TransportError[cloudName]{Operation: "list pods", Err: reset}
	if got, want := err.Error(), "list pods: could not reach Cloudy: connection reset"; got != want {
		t.Errorf("not sent: %q, want %q", got, want)
	}
}
