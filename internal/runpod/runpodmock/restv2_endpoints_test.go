package runpodmock

import (
	"slices"
	"testing"
	"time"
)

func TestV2EndpointsReleasesAndRollout(t *testing.T) {
	f := newFixture(t, 0)
	f.mock.SetRolloutDuration(time.Minute)
	ep := f.expect("POST", "/v2/serverless", `{"name":"e","type":"QUEUE","image":"img","env":{"A":"1"},"gpu":{"pools":["ADA_24"],"excludedTypes":["NVIDIA L4"]},"scaling":{"type":"QUEUE_DELAY","queueDelay":2.5},"workers":{"min":2,"max":4}}`, 201, "")
	id := field[string](t, ep, "id")
	gpu := field[map[string]any](t, ep, "gpu")
	if ep["timeout"] != 0.0 || ep["flashboot"] != "OFF" || gpu["minCudaVersion"] != nil || field[map[string]any](t, ep, "workers")["idleTimeout"] != 10.0 ||
		field[map[string]any](t, ep, "requestUrls")["runSync"] != "https://api.runpod.ai/v2/"+id+"/runsync" {
		t.Errorf("endpoint %v", ep)
	}
	if v1 := f.expect("GET", "/v1/endpoints/"+id, "", 200, ""); !slices.Equal(toStrings(v1["gpuTypeIds"]), []string{"NVIDIA GeForce RTX 4090"}) {
		t.Errorf("pools minus exclusions through v1: %v", v1["gpuTypeIds"])
	}
	// In-place changes roll nothing out; container changes do.
	f.expect("PATCH", "/v2/serverless/"+id, `{"workers":{"max":5},"flashboot":"PRIORITY_FLASHBOOT"}`, 200, "")
	rel := f.expect("GET", "/v2/serverless/"+id+"/releases", "", 200, "")
	if rel["endpointVersion"] != 0.0 || len(field[[]any](t, rel, "releases")) != 1 {
		t.Errorf("in place: %v", rel)
	}
	f.expect("PATCH", "/v2/serverless/"+id, `{"image":"img:2"}`, 200, "")
	rel = f.expect("GET", "/v2/serverless/"+id+"/releases", "", 200, "")
	rollout := field[map[string]any](t, rel, "rollout")
	latest := field[[]any](t, rel, "releases")[0].(map[string]any)
	if rel["endpointVersion"] != 1.0 || rollout["inProgress"] != true || rollout["percentOnLatest"] != 0.0 ||
		field[[]any](t, latest, "diff")[0].(map[string]any)["field"] != "template.imageName" {
		t.Errorf("release: %v", rel)
	}
	f.clock.Advance(30 * time.Second)
	if r := field[map[string]any](t, f.expect("GET", "/v2/serverless/"+id+"/releases", "", 200, ""), "rollout"); r["percentOnLatest"] != 50.0 {
		t.Errorf("half way: %v", r)
	}
	f.clock.Advance(30 * time.Second)
	w := f.expect("GET", "/v2/serverless/"+id+"/workers", "", 200, "")
	if s := field[map[string]any](t, w, "summary"); s["total"] != 2.0 || s["idle"] != 2.0 || w["endpointVersion"] != 1.0 {
		t.Errorf("workers %v", w)
	}
	for _, wk := range field[[]any](t, w, "workers") {
		if wk.(map[string]any)["isStale"] != false || wk.(map[string]any)["image"] != "img:2" {
			t.Errorf("worker %v", wk)
		}
	}
	// PATCH pools without excludedTypes clears the exclusions.
	p := f.expect("PATCH", "/v2/serverless/"+id, `{"gpu":{"pools":["ADA_24"]}}`, 200, "")
	if _, ok := field[map[string]any](t, p, "gpu")["excludedTypes"]; ok {
		t.Errorf("exclusions kept: %v", p["gpu"])
	}
	f.problem("PATCH", "/v2/serverless/"+id, `{"gpu":{"excludedTypes":["NVIDIA L4"]}}`, 422)
	f.problem("PATCH", "/v2/serverless/"+id, `{"gpu":{"pools":["ADA_24"],"excludedTypes":["NVIDIA A40"]}}`, 400)
	f.problem("PATCH", "/v2/serverless/"+id, `{"cpu":[{"id":"cpu3c","vcpuCount":2}]}`, 400)
	// Rules of the scaling union and workers.
	f.problem("POST", "/v2/serverless", `{"name":"lb","type":"LOAD_BALANCER","image":"img","gpu":{"pools":["ADA_24"]},"scaling":{"type":"QUEUE_DELAY","queueDelay":1}}`, 422)
	f.problem("POST", "/v2/serverless", `{"name":"q","type":"QUEUE","image":"img","gpu":{"pools":["ADA_24"]},"scaling":{"type":"REQUEST_COUNT","requestCount":2},"workers":{"idleTimeout":5}}`, 422)
	f.problem("POST", "/v2/serverless", `{"name":"q","type":"QUEUE","image":"img","gpu":{"pools":["ADA_24"]},"scaling":{"type":"QUEUE_DELAY","value":2}}`, 422)
	lb := f.expect("POST", "/v2/serverless", `{"name":"lb","type":"LOAD_BALANCER","image":"img","cpu":[{"id":"cpu3c","vcpuCount":4},{"id":"cpu5g","vcpuCount":8}],"scaling":{"type":"REQUEST_COUNT","requestCount":3}}`, 201, "")
	if urls := field[map[string]any](t, lb, "requestUrls"); urls["health"] != "https://"+lb["id"].(string)+".api.runpod.ai/ping" || len(field[[]any](t, lb, "cpu")) != 2 {
		t.Errorf("load balancer %v", lb)
	}
	// DELETE terminates the workers itself.
	f.expect("DELETE", "/v2/serverless/"+id, "", 204, "")
	f.problem("GET", "/v2/serverless/"+id, "", 404)
}

func TestV2PatchOfAV1BoundEndpointPinsItsContainer(t *testing.T) {
	f := newFixture(t, 0)
	tpl := field[string](t, f.expect("POST", "/v1/templates", `{"name":"w","imageName":"img:1","isServerless":true}`, 200, ""), "id")
	id := field[string](t, f.expect("POST", "/v1/endpoints", `{"templateId":"`+tpl+`"}`, 200, ""), "id")
	if e := f.expect("PATCH", "/v2/serverless/"+id, `{"image":"own:1"}`, 200, ""); e["image"] != "own:1" {
		t.Errorf("patched %v", e["image"])
	}
	if tp := f.expect("GET", "/v2/templates/"+tpl, "", 200, ""); tp["image"] != "img:1" {
		t.Errorf("a v2 endpoint PATCH changed the bound template: %v", tp["image"])
	}
	if e := f.expect("GET", "/v1/endpoints/"+id, "", 200, ""); e["templateId"] != tpl || e["version"] != 1.0 {
		t.Errorf("still bound, one release: %v", e)
	}
	f.expect("PATCH", "/v1/templates/"+tpl, `{"imageName":"img:2"}`, 200, "")
	if e := f.expect("GET", "/v2/serverless/"+id, "", 200, ""); e["image"] != "img:2" {
		t.Errorf("a v1 template edit rolls out to the bound endpoint: %v", e["image"])
	}
}
