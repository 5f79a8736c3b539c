package runpodmock

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestV2PodStatusProgressionAndActions(t *testing.T) {
	f := newFixture(t, 30*time.Second)
	pod := f.expect("POST", "/v2/pods", gpuPod, 201, "")
	id := field[string](t, pod, "id")
	check := func(wantStatus string, wantActions ...string) map[string]any {
		t.Helper()
		p := f.expect("GET", "/v2/pods/"+id, "", 200, "")
		got, _ := json.Marshal(p["actions"])
		want, _ := json.Marshal(wantActions)
		if p["status"] != wantStatus || string(got) != string(want) {
			t.Fatalf("status %v actions %s, want %s %s", p["status"], got, wantStatus, want)
		}
		return p
	}
	p := check("PROVISIONING", "stop", "terminate")
	if p["runtime"] != nil || field[map[string]any](t, p, "ssh")["direct"] != nil || field[map[string]any](t, p, "ssh")["proxy"] == nil {
		t.Errorf("provisioning: no runtime, no direct ssh, a proxy: %v %v", p["runtime"], p["ssh"])
	}
	f.clock.Advance(15 * time.Second)
	check("STARTING", "stop", "terminate")
	f.problem("POST", "/v2/pods/"+id+"/action", `{"action":"restart"}`, 409)
	f.clock.Advance(15 * time.Second)
	p = check("RUNNING", "stop", "restart", "terminate")
	rt := field[map[string]any](t, p, "runtime")
	direct := field[map[string]any](t, field[map[string]any](t, p, "ssh"), "direct")
	ports := field[[]any](t, rt, "ports")
	if len(ports) != 2 || direct["username"] != "root" || !strings.HasPrefix(direct["command"].(string), "ssh root@203.0.113.") {
		t.Errorf("running: ports %v ssh %v", ports, direct)
	}
	proxy := field[map[string]any](t, field[map[string]any](t, p, "ssh"), "proxy")
	if !regexp.MustCompile(`^ssh ` + id + `-[0-9a-f]{8}@ssh\.runpod\.io$`).MatchString(proxy["command"].(string)) {
		t.Errorf("proxy %v", proxy)
	}
	f.problem("POST", "/v2/pods/"+id+"/action", `{"action":"start"}`, 409)
	stopped := f.expect("POST", "/v2/pods/"+id+"/action", `{"action":"stop"}`, 200, "")
	if stopped["status"] != "EXITED" || stopped["cost"] != 0.0 || stopped["runtime"] != nil {
		t.Errorf("stopped: %v", stopped)
	}
	f.problem("POST", "/v2/pods/"+id+"/action", `{"action":"stop"}`, 409)
	f.expect("POST", "/v2/pods/"+id+"/action", `{"action":"start"}`, 200, "")
	check("PROVISIONING", "stop", "terminate")
	f.problem("POST", "/v2/pods/"+id+"/action", `{"action":"reset"}`, 422)
	f.expect("POST", "/v2/pods/"+id+"/action", `{"action":"terminate"}`, 204, "")
	f.problem("GET", "/v2/pods/"+id, "", 404)
	if n := f.mock.CallCount("POST /v2/pods/{id}/action stop"); n != 2 {
		t.Errorf("%d stops logged, want 2", n)
	}
	if n := f.mock.CallCount("POST /v2/pods/{id}/action start"); n != 2 {
		t.Errorf("%d starts logged, want 2", n)
	}

	// Zero boot delay: RUNNING at once. A failing image ends in ERROR.
	f.mock.SetBootDelay(0)
	if p := f.expect("POST", "/v2/pods", gpuPod, 201, ""); p["status"] != "RUNNING" {
		t.Errorf("zero boot delay: %v", p["status"])
	}
	bad := f.expect("POST", "/v2/pods", `{"name":"e","image":"busybox:mock-error","gpu":{"id":"NVIDIA L4"}}`, 201, "")
	if a, _ := json.Marshal(bad["actions"]); bad["status"] != "ERROR" || string(a) != `["start","terminate"]` || bad["runtime"] != nil {
		t.Errorf("error image: %v %s", bad["status"], a)
	}
}

func TestV2LockedPodsRefuseStopAndResets(t *testing.T) {
	f := newFixture(t, 0)
	id := field[string](t, f.expect("POST", "/v2/pods", gpuPod, 201, ""), "id")
	started := f.expect("GET", "/v2/pods/"+id, "", 200, "")["startedAt"]
	f.clock.Advance(time.Minute)
	if p := f.expect("PATCH", "/v2/pods/"+id, `{"locked":true,"name":"n2"}`, 200, ""); p["startedAt"] != started || p["locked"] != true {
		t.Errorf("name/locked change in place: %v", p)
	}
	if d := f.problem("POST", "/v2/pods/"+id+"/action", `{"action":"stop"}`, 400)["detail"].(string); !strings.Contains(d, "locked") {
		t.Errorf("detail %q", d)
	}
	f.problem("PATCH", "/v2/pods/"+id, `{"image":"img:2"}`, 400)
	p := f.expect("PATCH", "/v2/pods/"+id, `{"locked":false,"env":{"A":"1"}}`, 200, "")
	if p["startedAt"] == started || len(field[map[string]any](t, p, "env")) != 1 {
		t.Errorf("an env change resets the pod and replaces the env: %v", p)
	}
}

func TestV2CapacityPerTypeCloudAndDataCenter(t *testing.T) {
	f := newFixture(t, 0)
	const noCapacity = "There are no longer any instances available with the requested specifications. Please refresh and try again."
	f.mock.SetGPUStock("NVIDIA L4", cloudSecure, 0)
	if d := f.problem("POST", "/v2/pods", `{"name":"p","image":"img","gpu":{"id":"NVIDIA L4"}}`, 400)["detail"]; d != noCapacity {
		t.Errorf("detail %q", d)
	}
	// L4 is secure-only: community has none either.
	f.problem("POST", "/v2/pods", `{"name":"p","image":"img","cloud":"COMMUNITY","gpu":{"id":"NVIDIA L4"}}`, 400)

	dcs := f.mock.GPUDataCenters("NVIDIA A40", cloudSecure)
	if len(dcs) != 3 || dcs[0] != "EU-RO-1" {
		t.Fatalf("A40 offered in %v", dcs)
	}
	f.mock.SetGPUStockInDataCenter("NVIDIA A40", cloudSecure, dcs[1], 0)
	f.problem("POST", "/v2/pods", `{"name":"p","image":"img","gpu":{"id":"NVIDIA A40"},"dataCenterIds":["`+dcs[1]+`"]}`, 400)
	// A data center that does not offer the type rules it out too.
	f.problem("POST", "/v2/pods", `{"name":"p","image":"img","gpu":{"id":"NVIDIA A40"},"dataCenterIds":["US-DE-1"]}`, 400)
	p := f.expect("POST", "/v2/pods", `{"name":"p","image":"img","gpu":{"id":"NVIDIA A40","count":2},"dataCenterIds":["`+dcs[1]+`","`+dcs[2]+`"]}`, 201, "")
	if p["dataCenterId"] != dcs[2] {
		t.Errorf("placed in %v, want %s", p["dataCenterId"], dcs[2])
	}
	before := f.mock.GPUStock("NVIDIA A40", cloudSecure, dcs[2])
	f.expect("DELETE", "/v2/pods/"+field[string](t, p, "id"), "", 204, "")
	if after := f.mock.GPUStock("NVIDIA A40", cloudSecure, dcs[2]); after != before+2 {
		t.Errorf("stock %d after delete, want %d", after, before+2)
	}
	// v1 keeps seeing the type × cloud total.
	f.mock.SetGPUStockInDataCenter("NVIDIA A40", cloudSecure, "EU-RO-1", 1)
	f.mock.SetGPUStockInDataCenter("NVIDIA A40", cloudSecure, dcs[2], 1)
	f.expect("POST", "/v1/pods", `{"imageName":"img","gpuTypeIds":["NVIDIA A40"],"gpuCount":2}`, 201, "")
	f.problem("POST", "/v2/pods", `{"name":"p","image":"img","gpu":{"id":"NVIDIA A40"}}`, 400)
	// The stock control takes a data center.
	req, _ := http.NewRequest("PUT", f.srv.URL+"/_mock/stock", strings.NewReader(`{"gpuTypeId":"NVIDIA L4","cloud":"SECURE","dataCenterId":"US-TX-3","free":3}`))
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 204 {
		t.Fatalf("stock control: %v %v", resp, err)
	}
	if p := f.expect("POST", "/v2/pods", `{"name":"p","image":"img","gpu":{"id":"NVIDIA L4","count":3}}`, 201, ""); p["dataCenterId"] != "US-TX-3" {
		t.Errorf("placed in %v", p["dataCenterId"])
	}
}

func TestV2GlobalNetworkingAndNetworkVolumePlacement(t *testing.T) {
	f := newFixture(t, 0)
	f.problem("POST", "/v2/pods", `{"name":"p","image":"img","gpu":{"id":"NVIDIA L4"},"globalNetworking":true,"dataCenterIds":["EU-SE-1"]}`, 400)
	f.problem("POST", "/v2/pods", `{"name":"p","image":"img","gpu":{"id":"AMD Instinct MI300X OAM"},"globalNetworking":true}`, 400)
	p := f.expect("POST", "/v2/pods", `{"name":"p","image":"img","gpu":{"id":"NVIDIA L4"},"globalNetworking":true}`, 201, "")
	gn := field[map[string]any](t, p, "globalNetworking")
	if gn["enabled"] != true || gn["internalDns"] != p["id"].(string)+".runpod.internal" {
		t.Errorf("global networking %v", gn)
	}
	// A PATCH stores it; it shows only after the next start.
	id := field[string](t, f.expect("POST", "/v2/pods", gpuPod, 201, ""), "id")
	if p := f.expect("PATCH", "/v2/pods/"+id, `{"globalNetworking":true}`, 200, ""); field[map[string]any](t, p, "globalNetworking")["enabled"] != false {
		t.Errorf("took effect before a restart: %v", p["globalNetworking"])
	}
	if p := f.expect("POST", "/v2/pods/"+id+"/action", `{"action":"restart"}`, 200, ""); field[map[string]any](t, p, "globalNetworking")["enabled"] != true {
		t.Errorf("not after a restart: %v", p["globalNetworking"])
	}

	vol := f.expect("POST", "/v2/network-volumes", `{"name":"v","size":20,"dataCenter":"US-KS-2"}`, 201, "")
	vid := field[string](t, vol, "id")
	if vol["type"] != "STANDARD" {
		t.Errorf("volume %v", vol)
	}
	f.problem("POST", "/v2/pods", `{"name":"p","image":"img","gpu":{"id":"NVIDIA GeForce RTX 4090"},"dataCenterIds":["EU-RO-1"],"mounts":{"network":[{"volumeId":"`+vid+`","path":"/data"}]}}`, 400)
	f.problem("POST", "/v2/pods", `{"name":"p","image":"img","gpu":{"id":"NVIDIA GeForce RTX 4090"},"mounts":{"network":[{"volumeId":"`+vid+`"}]}}`, 422)
	f.mock.SetGPUStockInDataCenter("NVIDIA GeForce RTX 4090", cloudSecure, "US-KS-2", 8)
	pod := f.expect("POST", "/v2/pods", `{"name":"p","image":"img","gpu":{"id":"NVIDIA GeForce RTX 4090"},"mounts":{"network":[{"volumeId":"`+vid+`","path":"/data"}]}}`, 201, "")
	pid := field[string](t, pod, "id")
	if pod["dataCenterId"] != "US-KS-2" {
		t.Errorf("placed in %v", pod["dataCenterId"])
	}
	// Mounts PATCH rules.
	f.expect("PATCH", "/v2/pods/"+pid, `{"mounts":{}}`, 200, "")
	f.problem("PATCH", "/v2/pods/"+pid, `{"mounts":{"network":[]}}`, 400)
	f.problem("PATCH", "/v2/pods/"+pid, `{"mounts":{"persistent":{"size":20,"path":"/w"}}}`, 400)
	f.problem("PATCH", "/v2/pods/"+pid, `{"mounts":{"network":[{"volumeId":"other","path":"/data"}]}}`, 400)
	f.problem("PATCH", "/v2/pods/"+pid, `{"mounts":{"network":[{"path":"/data"}]}}`, 422)
	moved := f.expect("PATCH", "/v2/pods/"+pid, `{"mounts":{"network":[{"volumeId":"`+vid+`","path":"/mnt"}]}}`, 200, "")
	if n := field[[]any](t, field[map[string]any](t, moved, "mounts"), "network"); n[0].(map[string]any)["path"] != "/mnt" {
		t.Errorf("path change: %v", n)
	}
	if d := f.problem("DELETE", "/v2/network-volumes/"+vid, "", 400)["detail"].(string); !strings.Contains(d, pid) {
		t.Errorf("in use detail %q", d)
	}
	persistent := field[string](t, f.expect("POST", "/v2/pods", `{"name":"p","image":"img","gpu":{"id":"NVIDIA L4"},"mounts":{"persistent":{"size":20,"path":"/w"}}}`, 201, ""), "id")
	f.problem("PATCH", "/v2/pods/"+persistent, `{"mounts":{"persistent":{"size":10,"path":"/w"}}}`, 400)
	grown := f.expect("PATCH", "/v2/pods/"+persistent, `{"mounts":{"persistent":{"size":40,"path":"/w"}}}`, 200, "")
	if field[map[string]any](t, field[map[string]any](t, grown, "mounts"), "persistent")["size"] != 40.0 {
		t.Errorf("grow: %v", grown["mounts"])
	}
}

func TestV2StartSSHJupyterAndTemplates(t *testing.T) {
	f := newFixture(t, 0)
	p := f.expect("POST", "/v2/pods", `{"name":"p","image":"img","gpu":{"id":"NVIDIA L4"},"startSsh":true,"startJupyter":true,"env":{"JUPYTER_PASSWORD":"mine"}}`, 201, "")
	env := field[map[string]any](t, p, "env")
	if !strings.HasPrefix(env["PUBLIC_KEY"].(string), "ssh-ed25519 ") || env["JUPYTER_PASSWORD"] != "mine" {
		t.Errorf("env %v", env)
	}
	tpl := f.expect("POST", "/v2/templates", `{"name":"t","image":"tpl-img","env":{"A":"t","B":"t"},"ports":["8888/http"],"mounts":{"persistent":{"size":30,"path":"/ws"}}}`, 201, "")
	if tpl["startSsh"] != true || tpl["startJupyter"] != true || tpl["category"] != "NVIDIA" || tpl["registry"] != nil {
		t.Errorf("template defaults %v", tpl)
	}
	tid := field[string](t, tpl, "id")
	pod := f.expect("POST", "/v2/pods", `{"name":"p","templateId":"`+tid+`","gpu":{"id":"NVIDIA L4"},"env":{"B":"body"}}`, 201, "")
	env = field[map[string]any](t, pod, "env")
	if pod["image"] != "tpl-img" || env["A"] != "t" || env["B"] != "body" || env["JUPYTER_PASSWORD"] == nil || pod["template"] != nil {
		t.Errorf("pod from template: %v", pod)
	}
	if field[map[string]any](t, field[map[string]any](t, pod, "mounts"), "persistent")["size"] != 30.0 {
		t.Errorf("template mount: %v", pod["mounts"])
	}
	f.problem("POST", "/v2/pods", `{"name":"p","templateId":"nope","gpu":{"id":"NVIDIA L4"}}`, 404)
	sls := field[string](t, f.expect("POST", "/v2/templates", `{"name":"s","image":"img","serverless":true}`, 201, ""), "id")
	f.problem("POST", "/v2/pods", `{"name":"p","templateId":"`+sls+`","gpu":{"id":"NVIDIA L4"}}`, 422)
	// category and serverless change in place; RunPod's templates are read-only (404).
	if t2 := f.expect("PATCH", "/v2/templates/"+tid, `{"category":"AMD","serverless":true}`, 200, ""); t2["category"] != "AMD" || t2["serverless"] != true {
		t.Errorf("patched %v", t2)
	}
	f.expect("GET", "/v2/templates/runpod-ubuntu", "", 200, "")
	f.problem("PATCH", "/v2/templates/runpod-ubuntu", `{"name":"x"}`, 404)
	if list := field[[]any](t, f.expect("GET", "/v2/templates", "", 200, ""), "templates"); len(list) != 2 {
		t.Errorf("own templates only: %d", len(list))
	}
	if list := field[[]any](t, f.expect("GET", "/v2/catalog/templates?source=official", "", 200, ""), "templates"); len(list) != 2 {
		t.Errorf("official templates: %d", len(list))
	}
	// A template a v1 pod was created from cannot be deleted; an unused one can.
	v1tpl := field[string](t, f.expect("POST", "/v1/templates", `{"name":"v1","imageName":"img"}`, 200, ""), "id")
	v1pod := field[string](t, f.expect("POST", "/v1/pods", `{"templateId":"`+v1tpl+`"}`, 201, ""), "id")
	if d := f.problem("DELETE", "/v2/templates/"+v1tpl, "", 400)["detail"].(string); !strings.Contains(d, v1pod) {
		t.Errorf("in use detail %q", d)
	}
	if got := f.expect("GET", "/v2/pods/"+v1pod, "", 200, ""); got["template"] != v1tpl {
		t.Errorf("a v1 pod keeps its template link: %v", got["template"])
	}
	f.expect("DELETE", "/v2/templates/"+sls, "", 204, "")
}
