package runpodmock

import (
	"net/http"
)

// The REST codecs (v1 in restv1.go, v2 in restv2.go) share one way to serve a resource: a
// resource table names the collection's routes, the store operations behind them and the
// codec's decode/render functions, and route registers the list/get/create/update/delete
// handlers from it. What differs between the APIs lives in the table (paths, list envelope,
// status codes, renderers) and in the codec (how a refusal is written), never in copied
// handlers. Routes that are not plain CRUD (pod actions, endpoint releases, the catalog) are
// registered one by one with Server.handle.

// codec is one REST API dialect over the store.
type codec struct {
	name string
	// writeError renders a refusal in the codec's error shape.
	writeError func(w http.ResponseWriter, err *apiError)
}

// view says which operation a record is rendered for: v1 renders some fields differently in
// single reads than in lists and writes (costPerHr as a string, include flags).
type view int

const (
	viewList view = iota
	viewGet
	viewWrite
)

// resource is one REST collection of one codec. Nil operations are not routed.
type resource[R any] struct {
	// collection is the collection's path, e.g. "/pods" or "/v2/network-volumes"; items live
	// at collection + "/{" + idParam + "}".
	collection, idParam string
	// listKey wraps lists in an object ({"pods": [...]}); "" answers a bare array.
	listKey string
	// createStatus is the status of a successful create (v1 answers 200 or 201 by resource).
	createStatus int
	// updateAlias also routes POST <item>/update to update (v1's alias of PATCH).
	updateAlias bool

	list   func(r *http.Request) ([]R, *apiError)
	get    func(id string, r *http.Request) (R, *apiError)
	create func(r *http.Request) (R, *apiError)
	update func(id string, r *http.Request) (R, *apiError)
	remove func(id string, r *http.Request) *apiError
	render func(rec R, v view, r *http.Request) any
}

// handler is a REST handler run under the store lock: it returns the status and body to send,
// or a refusal.
type handler func(r *http.Request) (int, any, *apiError)

// handle routes pattern to h; c renders h's refusals.
func (s *Server) handle(c *codec, pattern string, h handler) {
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		status, body, err := h(r)
		s.mu.Unlock()
		switch {
		case err != nil:
			c.writeError(w, err)
		case body == nil:
			w.WriteHeader(status)
		default:
			writeJSON(w, status, body)
		}
	})
}

// route registers res's routes for codec c.
func route[R any](s *Server, c *codec, res resource[R]) {
	item := res.collection + "/{" + res.idParam + "}"
	id := func(r *http.Request) string { return r.PathValue(res.idParam) }
	if res.list != nil {
		s.handle(c, "GET "+res.collection, func(r *http.Request) (int, any, *apiError) {
			recs, err := res.list(r)
			if err != nil {
				return 0, nil, err
			}
			out := make([]any, 0, len(recs))
			for _, rec := range recs {
				out = append(out, res.render(rec, viewList, r))
			}
			if res.listKey != "" {
				return http.StatusOK, map[string]any{res.listKey: out}, nil
			}
			return http.StatusOK, out, nil
		})
	}
	if res.get != nil {
		s.handle(c, "GET "+item, func(r *http.Request) (int, any, *apiError) {
			rec, err := res.get(id(r), r)
			if err != nil {
				return 0, nil, err
			}
			return http.StatusOK, res.render(rec, viewGet, r), nil
		})
	}
	if res.create != nil {
		s.handle(c, "POST "+res.collection, func(r *http.Request) (int, any, *apiError) {
			rec, err := res.create(r)
			if err != nil {
				return 0, nil, err
			}
			return res.createStatus, res.render(rec, viewWrite, r), nil
		})
	}
	if res.update != nil {
		update := func(r *http.Request) (int, any, *apiError) {
			rec, err := res.update(id(r), r)
			if err != nil {
				return 0, nil, err
			}
			return http.StatusOK, res.render(rec, viewWrite, r), nil
		}
		s.handle(c, "PATCH "+item, update)
		if res.updateAlias {
			s.handle(c, "POST "+item+"/update", update)
		}
	}
	if res.remove != nil {
		s.handle(c, "DELETE "+item, func(r *http.Request) (int, any, *apiError) {
			return http.StatusNoContent, nil, res.remove(id(r), r)
		})
	}
}

// byID adapts a store lookup that needs no request to a resource's get.
func byID[R any](lookup func(id string) (R, *apiError)) func(string, *http.Request) (R, *apiError) {
	return func(id string, _ *http.Request) (R, *apiError) { return lookup(id) }
}

// all adapts a store listing to a resource's list.
func all[R any](list func() []R) func(*http.Request) ([]R, *apiError) {
	return func(*http.Request) ([]R, *apiError) { return list(), nil }
}
