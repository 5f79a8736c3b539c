package mockkit_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
)

type refusal struct {
	status int
	msg    string
}

// widgets is a store for the resource table: ids are names.
type widgets map[string]string

func (ws widgets) get(id string, _ *http.Request) (string, *refusal) {
	if _, ok := ws[id]; !ok {
		return "", &refusal{http.StatusNotFound, "no widget " + id}
	}
	return id, nil
}

func serveWidgets(t *testing.T, res mockkit.Resource[string, refusal], codec mockkit.Codec[refusal]) string {
	t.Helper()
	mux := http.NewServeMux()
	mockkit.Route(&mockkit.Table[refusal]{Mux: mux, Lock: &sync.Mutex{}, Codec: codec}, res)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

func widgetResource(ws widgets) mockkit.Resource[string, refusal] {
	return mockkit.Resource[string, refusal]{
		Collection: "/widgets", IDParam: "name", CreateStatus: http.StatusCreated,
		List: func(*http.Request) ([]string, *refusal) { return []string{"a"}, nil },
		Get:  ws.get,
		Create: func(r *http.Request) (string, *refusal) {
			body, _ := io.ReadAll(r.Body)
			if len(body) == 0 {
				return "", &refusal{http.StatusBadRequest, "a widget needs a name"}
			}
			ws[string(body)] = "new"
			return string(body), nil
		},
		Update: func(id string, r *http.Request) (string, *refusal) {
			if _, err := ws.get(id, r); err != nil {
				return "", err
			}
			ws[id] = "updated"
			return id, nil
		},
		Remove: func(id string, r *http.Request) *refusal {
			if _, err := ws.get(id, r); err != nil {
				return err
			}
			delete(ws, id)
			return nil
		},
		Render: func(name string, v mockkit.View, _ *http.Request) any {
			return map[string]any{"name": name, "state": ws[name], "view": v}
		},
	}
}

func send(t *testing.T, method, url, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, strings.TrimSpace(string(raw))
}

// The table routes list, get, create, update and delete, renders each for its view and
// answers through the codec; what differs between APIs (list envelope, delete answer, the
// update alias, success and refusal shapes) is configuration.
func TestResourceTable(t *testing.T) {
	plain := mockkit.Codec[refusal]{WriteOK: mockkit.WriteJSON, WriteError: func(w http.ResponseWriter, e *refusal) {
		mockkit.WriteJSON(w, e.status, map[string]any{"error": e.msg})
	}}
	ws := widgets{"a": "old"}
	res := widgetResource(ws)
	res.UpdateAlias = true
	base := serveWidgets(t, res, plain)
	for _, c := range []struct {
		method, path, body string
		status             int
		want               string
	}{
		{"GET", "/widgets", "", 200, `[{"name":"a","state":"old","view":0}]`},
		{"GET", "/widgets/a", "", 200, `{"name":"a","state":"old","view":1}`},
		{"GET", "/widgets/zz", "", 404, `{"error":"no widget zz"}`},
		{"POST", "/widgets", "b", 201, `{"name":"b","state":"new","view":2}`},
		{"POST", "/widgets", "", 400, `{"error":"a widget needs a name"}`},
		{"PATCH", "/widgets/b", "", 200, `{"name":"b","state":"updated","view":2}`},
		{"POST", "/widgets/a/update", "", 200, `{"name":"a","state":"updated","view":2}`},
		{"DELETE", "/widgets/b", "", 204, ``},
		{"DELETE", "/widgets/b", "", 404, `{"error":"no widget b"}`},
	} {
		if status, body := send(t, c.method, base+c.path, c.body); status != c.status || body != c.want {
			t.Errorf("%s %s: %d %s, want %d %s", c.method, c.path, status, body, c.status, c.want)
		}
	}

	// Yotta's shape: every answer in an envelope, lists bare inside it, deletes answer true.
	envelope := mockkit.Codec[refusal]{
		WriteOK: func(w http.ResponseWriter, status int, body any) {
			mockkit.WriteJSON(w, status, map[string]any{"code": 10000, "data": body})
		},
		WriteError: func(w http.ResponseWriter, e *refusal) {
			mockkit.WriteJSON(w, http.StatusOK, map[string]any{"code": e.status, "message": e.msg})
		},
	}
	res = widgetResource(widgets{"a": "old"})
	res.ListKey, res.Deleted, res.Update = "widgets", true, nil
	base = serveWidgets(t, res, envelope)
	for _, c := range []struct {
		method, path string
		status       int
		want         string
	}{
		{"GET", "/widgets", 200, `{"code":10000,"data":{"widgets":[{"name":"a","state":"old","view":0}]}}`},
		{"GET", "/widgets/x", 200, `{"code":404,"message":"no widget x"}`},
		{"DELETE", "/widgets/a", 200, `{"code":10000,"data":true}`},
		{"PATCH", "/widgets/a", 405, `Method Not Allowed`},
	} {
		if status, body := send(t, c.method, base+c.path, ""); status != c.status || body != c.want {
			t.Errorf("%s %s: %d %s, want %d %s", c.method, c.path, status, body, c.status, c.want)
		}
	}
}

func TestSyncGuide(t *testing.T) {
	path := filepath.Join(t.TempDir(), "guide.md")
	doc := "# Guide\n\n<!-- controls: generated from the mock's controls; `go test -update` in the mock's package rewrites it -->\nold\n<!-- end of controls -->\n\nMore.\n"
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := mockkit.SyncGuide(path, "| new |\n", false); err == nil || !strings.Contains(err.Error(), "| new |") {
		t.Errorf("a stale section: %v", err)
	}
	if err := mockkit.SyncGuide(path, "| new |\n", true); err != nil {
		t.Fatal(err)
	}
	if err := mockkit.SyncGuide(path, "| new |\n", false); err != nil {
		t.Errorf("after the rewrite: %v", err)
	}
	if got, _ := os.ReadFile(path); !strings.HasPrefix(string(got), "# Guide\n\n<!-- controls:") || !strings.HasSuffix(string(got), "\n\n| new |\n\n<!-- end of controls -->\n\nMore.\n") {
		t.Errorf("rewritten:\n%s", got)
	}
	if err := os.WriteFile(path, []byte("# No section\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := mockkit.SyncGuide(path, "| new |\n", true); err == nil {
		t.Error("a guide without the markers must be refused, not appended to")
	}
}
