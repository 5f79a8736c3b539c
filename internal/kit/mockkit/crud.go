package mockkit

import (
	"net/http"
	"sync"
)

// The REST APIs of the mocks (RunPod's v1 and v2, Yotta's v2) serve their resources one way: a
// Resource names a collection's routes, the store operations behind them and the renderer,
// and Route registers the list/get/create/update/delete handlers from it on a Table, one API
// whose Codec says how it answers. What differs between the APIs lives in the Resource
// (paths, list envelope, status codes, renderers) and the Codec (success and refusal shapes),
// never in copied handlers. Routes that are not plain CRUD (pod actions, the catalogue) are
// registered one by one with Table.Handle. E is the mock's refusal type.

// Codec is how one API answers.
type Codec[E any] struct {
	// WriteOK answers a success with a body (RunPod: the JSON; Yotta: its envelope around it).
	WriteOK func(w http.ResponseWriter, status int, body any)
	// WriteError answers a refusal in the API's error shape.
	WriteError func(w http.ResponseWriter, err *E)
}

// Table serves one API's routes on a mux, each handler under the store's lock.
type Table[E any] struct {
	Mux   *http.ServeMux
	Lock  sync.Locker
	Codec Codec[E]
}

// Handler is a route's work, run under the store lock: the status and body to answer (a nil
// body answers the status alone), or a refusal.
type Handler[E any] func(r *http.Request) (int, any, *E)

// Handle routes pattern to h.
func (t *Table[E]) Handle(pattern string, h Handler[E]) {
	t.Mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		t.Lock.Lock()
		status, body, err := h(r)
		t.Lock.Unlock()
		switch {
		case err != nil:
			t.Codec.WriteError(w, err)
		case body == nil:
			w.WriteHeader(status)
		default:
			t.Codec.WriteOK(w, status, body)
		}
	})
}

// View says which operation a record is rendered for: an API may render some fields
// differently in single reads than in lists and writes (RunPod v1: costPerHr as a string).
type View int

// Views.
const (
	ViewList View = iota
	ViewGet
	ViewWrite
)

// Resource is one REST collection of one API. Nil operations are not routed.
type Resource[R, E any] struct {
	// Collection is the collection's path, e.g. "/v2/pods"; items live at Collection +
	// "/{" + IDParam + "}".
	Collection, IDParam string
	// ListKey wraps lists in an object ({"pods": [...]}); "" answers a bare array.
	ListKey string
	// CreateStatus is the status of a successful create (RunPod v1 answers 200 or 201 by
	// resource).
	CreateStatus int
	// UpdateAlias also routes POST <item>/update to Update (RunPod v1's alias of PATCH).
	UpdateAlias bool
	// Deleted is the body of a successful delete, answered with 200 (Yotta: true); nil
	// answers 204 without one.
	Deleted any

	List   func(r *http.Request) ([]R, *E)
	Get    func(id string, r *http.Request) (R, *E)
	Create func(r *http.Request) (R, *E)
	Update func(id string, r *http.Request) (R, *E)
	Remove func(id string, r *http.Request) *E
	Render func(rec R, v View, r *http.Request) any
}

// Route registers res's routes on t.
func Route[R, E any](t *Table[E], res Resource[R, E]) {
	item := res.Collection + "/{" + res.IDParam + "}"
	id := func(r *http.Request) string { return r.PathValue(res.IDParam) }
	if res.List != nil {
		t.Handle("GET "+res.Collection, func(r *http.Request) (int, any, *E) {
			recs, err := res.List(r)
			if err != nil {
				return 0, nil, err
			}
			out := make([]any, 0, len(recs))
			for _, rec := range recs {
				out = append(out, res.Render(rec, ViewList, r))
			}
			if res.ListKey != "" {
				return http.StatusOK, map[string]any{res.ListKey: out}, nil
			}
			return http.StatusOK, out, nil
		})
	}
	if res.Get != nil {
		t.Handle("GET "+item, func(r *http.Request) (int, any, *E) {
			rec, err := res.Get(id(r), r)
			if err != nil {
				return 0, nil, err
			}
			return http.StatusOK, res.Render(rec, ViewGet, r), nil
		})
	}
	if res.Create != nil {
		t.Handle("POST "+res.Collection, func(r *http.Request) (int, any, *E) {
			rec, err := res.Create(r)
			if err != nil {
				return 0, nil, err
			}
			return res.CreateStatus, res.Render(rec, ViewWrite, r), nil
		})
	}
	if res.Update != nil {
		update := func(r *http.Request) (int, any, *E) {
			rec, err := res.Update(id(r), r)
			if err != nil {
				return 0, nil, err
			}
			return http.StatusOK, res.Render(rec, ViewWrite, r), nil
		}
		t.Handle("PATCH "+item, update)
		if res.UpdateAlias {
			t.Handle("POST "+item+"/update", update)
		}
	}
	if res.Remove != nil {
		t.Handle("DELETE "+item, func(r *http.Request) (int, any, *E) {
			if err := res.Remove(id(r), r); err != nil {
				return 0, nil, err
			}
			if res.Deleted != nil {
				return http.StatusOK, res.Deleted, nil
			}
			return http.StatusNoContent, nil, nil
		})
	}
}
