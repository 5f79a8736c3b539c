package yottamock

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"
)

// controlsIndex is GET /_mock/: every control of the mock, with a curl example ($BASE is the
// server's address). The controls need no key and are not logged.
const controlsIndex = `yotta-mock controls (no API key; not in the call log)

API (X-Api-Key: <key>):  $BASE/v2/...   (e.g. GET $BASE/v2/pods)

GET    /_mock/                 this page
GET    /_mock/calls            the call log, oldest first (JSON); ?format=summary counts per route
    curl $BASE/_mock/calls?format=summary
DELETE /_mock/calls            empty the call log
    curl -X DELETE $BASE/_mock/calls
POST   /_mock/faults           make a route misbehave: kind status|code|delay|drop|drop_after, optional
                               status, code (the envelope's), retryAfter, delayMs, times (0 = until cleared)
    curl -X POST $BASE/_mock/faults -d '{"route":"POST /v2/pods","kind":"status","status":503,"times":1}'
    curl -X POST $BASE/_mock/faults -d '{"route":"GET /v2/pods/{id}","kind":"code","code":10002,"times":2}'
    curl -X POST $BASE/_mock/faults -d '{"route":"POST /v2/pods","kind":"drop_after","times":1}'
DELETE /_mock/faults           clear every fault
    curl -X DELETE $BASE/_mock/faults
PUT    /_mock/boot-delay       how long pods created or resumed from now on take to boot (INITIALIZE,
                               then RUNNING; ports healthy one delay later; pausing and terminating take half)
    curl -X PUT $BASE/_mock/boot-delay -d '{"ms":10000}'
GET    /_mock/stock            free GPUs per type and region
    curl $BASE/_mock/stock
PUT    /_mock/stock            set the free GPUs of a type in a region (which then offers the type)
    curl -X PUT $BASE/_mock/stock -d '{"gpuType":"NVIDIA_RTX_4090_24G","region":"us-east-1","free":0}'
PUT    /_mock/rate-limit       requests per minute (0 = unlimited); 429 + Retry-After past it
    curl -X PUT $BASE/_mock/rate-limit -d '{"perMinute":60}'
PUT    /_mock/error-status     how business errors (10001, 10007, 12001, 13000) are answered: "200" (HTTP 200
                               with the code, the default) or "4xx" (HTTP 400, 404 or 409 with the code)
    curl -X PUT $BASE/_mock/error-status -d '{"mode":"4xx"}'
POST   /_mock/pods/{id}/fail   make a pod FAILED now, as when its machine fails
    curl -X POST $BASE/_mock/pods/420522713875330018/fail -d '{"reason":"GPU fell off the bus"}'

Images tagged "mock-fail" (e.g. "busybox:mock-fail") never run: the pod goes FAILED after the boot delay.
`

// routeControls serves the mock's controls under /_mock/ (loopback only, no key).
func (s *Server) routeControls() {
	bad := func(w http.ResponseWriter, msg string) {
		writeEnvelope(w, http.StatusBadRequest, msg, codeInvalidParameters, nil)
	}
	s.mux.HandleFunc("GET /_mock/calls", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("format") == "summary" { // one "<count> <route>" line per route, for people
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			_, _ = io.WriteString(w, s.callSummary())
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(s.Calls())
	})
	s.mux.HandleFunc("DELETE /_mock/calls", func(w http.ResponseWriter, r *http.Request) {
		s.ResetCalls()
		w.WriteHeader(http.StatusNoContent)
	})
	s.mux.HandleFunc("POST /_mock/faults", func(w http.ResponseWriter, r *http.Request) {
		var f struct {
			Fault
			DelayMs int `json:"delayMs"`
		}
		if err := json.NewDecoder(r.Body).Decode(&f); err != nil {
			bad(w, "invalid fault: "+err.Error())
			return
		}
		if f.DelayMs > 0 {
			f.Delay = time.Duration(f.DelayMs) * time.Millisecond
		}
		if err := s.AddFault(f.Fault); err != nil {
			bad(w, err.Error())
			return
		}
		w.WriteHeader(http.StatusCreated)
	})
	s.mux.HandleFunc("DELETE /_mock/faults", func(w http.ResponseWriter, r *http.Request) {
		s.ClearFaults()
		w.WriteHeader(http.StatusNoContent)
	})
	s.mux.HandleFunc("PUT /_mock/boot-delay", func(w http.ResponseWriter, r *http.Request) {
		var v struct {
			Ms *int `json:"ms"`
		}
		if err := json.NewDecoder(r.Body).Decode(&v); err != nil || v.Ms == nil || *v.Ms < 0 {
			bad(w, `want {"ms": <milliseconds>}`)
			return
		}
		s.SetBootDelay(time.Duration(*v.Ms) * time.Millisecond)
		w.WriteHeader(http.StatusNoContent)
	})
	s.mux.HandleFunc("GET /_mock/stock", func(w http.ResponseWriter, r *http.Request) {
		type row struct {
			GPUType string `json:"gpuType"`
			Region  string `json:"region"`
			Free    int    `json:"free"`
		}
		rows := []row{}
		s.mu.Lock()
		for _, g := range s.store.gpuTypes {
			for _, region := range g.Regions {
				rows = append(rows, row{g.Code, region, s.store.stock[g.Code+"/"+region]})
			}
		}
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(rows)
	})
	s.mux.HandleFunc("PUT /_mock/stock", func(w http.ResponseWriter, r *http.Request) {
		var v struct {
			GPUType string `json:"gpuType"`
			Region  string `json:"region"`
			Free    *int   `json:"free"`
		}
		if err := json.NewDecoder(r.Body).Decode(&v); err != nil || v.GPUType == "" || v.Region == "" || v.Free == nil || *v.Free < 0 {
			bad(w, `want {"gpuType", "region", "free"}`)
			return
		}
		if err := s.SetGPUStock(v.GPUType, v.Region, *v.Free); err != nil {
			bad(w, err.Error())
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	s.mux.HandleFunc("PUT /_mock/rate-limit", func(w http.ResponseWriter, r *http.Request) {
		var v struct {
			PerMinute *int `json:"perMinute"`
		}
		if err := json.NewDecoder(r.Body).Decode(&v); err != nil || v.PerMinute == nil || *v.PerMinute < 0 {
			bad(w, `want {"perMinute": <requests per minute, 0 = unlimited>}`)
			return
		}
		s.SetRateLimit(*v.PerMinute)
		w.WriteHeader(http.StatusNoContent)
	})
	s.mux.HandleFunc("PUT /_mock/error-status", func(w http.ResponseWriter, r *http.Request) {
		var v struct {
			Mode string `json:"mode"`
		}
		if err := json.NewDecoder(r.Body).Decode(&v); err != nil {
			bad(w, `want {"mode": "200" | "4xx"}`)
			return
		}
		if err := s.SetErrorStatus(v.Mode); err != nil {
			bad(w, err.Error())
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	s.mux.HandleFunc("POST /_mock/pods/{id}/fail", func(w http.ResponseWriter, r *http.Request) {
		var v struct {
			Reason string `json:"reason"`
		}
		_ = json.NewDecoder(r.Body).Decode(&v)
		if v.Reason == "" {
			v.Reason = "the pod's machine failed"
		}
		if err := s.FailPod(r.PathValue("id"), v.Reason); err != nil {
			writeEnvelope(w, http.StatusNotFound, err.Error(), codePodNotFound, nil)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	s.mux.HandleFunc("GET /_mock/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, strings.ReplaceAll(controlsIndex, "$BASE", "http://"+r.Host))
	})
}
