package acckit

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
)

// logOf is a kit whose call log holds one call of each request given as "METHOD /path body".
func logOf(t *testing.T, requests ...string) *mockkit.Kit {
	t.Helper()
	k := mockkit.New(mockkit.Options{Name: "m", Refuse: func(http.ResponseWriter, *http.Request, mockkit.Refusal) {}})
	for _, pattern := range []string{"GET /a", "POST /b", "POST /catalog"} {
		k.Mux().HandleFunc(pattern, func(http.ResponseWriter, *http.Request) {})
	}
	for _, r := range requests {
		method, rest, _ := strings.Cut(r, " ")
		path, body, _ := strings.Cut(rest, " ")
		k.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(method, path, strings.NewReader(body)))
	}
	return k
}

func TestCallChecks(t *testing.T) {
	k := logOf(t, "GET /a", `POST /b {"id":420522713875330018}`, "POST /catalog", "GET /a")
	checks := CallChecks{Log: k}
	if got := checks.CountCalls("GET /a", "GET /none"); got["GET /a"] != 2 || got["GET /none"] != 0 {
		t.Errorf("CountCalls %v", got)
	}
	if err := checks.ExpectCalls(map[string]int{"GET /a": 2, "POST /b": 1})(nil); err != nil {
		t.Error(err)
	}
	if err := checks.ExpectCalls(map[string]int{"GET /a": 3})(nil); err == nil || !strings.Contains(err.Error(), "2 calls, want 3") {
		t.Errorf("a wrong count: %v", err)
	}
	if err := checks.ExpectWrites("POST /b", "POST /catalog")(nil); err != nil {
		t.Errorf("two POSTs are two writes: %v", err)
	}
	checks.Read = func(c mockkit.Call) bool { return c.Method == http.MethodGet || c.Route == "POST /catalog" }
	if err := checks.ExpectWrites("POST /b")(nil); err != nil {
		t.Errorf("a catalogue read is no write: %v", err)
	}
	bodies := checks.JSONBodies(t, "POST /b")
	if len(bodies) != 1 || bodies[0]["id"] != float64(420522713875330018) {
		t.Errorf("JSONBodies %v", bodies)
	}
	checks.ExactNumbers = true
	if bodies := checks.JSONBodies(t, "POST /b"); bodies[0]["id"] != json.Number("420522713875330018") {
		t.Errorf("exact JSONBodies %v", bodies)
	}
	if err := k.AddFault(mockkit.Fault{Route: "GET /a", Kind: mockkit.FaultDrop, Times: 1}); err != nil {
		t.Fatal(err)
	}
	if err := checks.ExpectFaultsUsed()(nil); err == nil {
		t.Error("a pending fault is not used up")
	}
	empty := CallChecks{Log: logOf(t)}
	empty.ExpectNoCalls(t)
	empty.ExpectNoWrites(t)
}
