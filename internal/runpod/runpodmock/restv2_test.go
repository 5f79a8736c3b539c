package runpodmock

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
)

// do sends a request with the key and returns the response (body read) and decoded object.
func (f *fixture) do(method, path, body string) (*http.Response, string, map[string]any) {
	f.t.Helper()
	req, _ := http.NewRequest(method, f.srv.URL+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer key")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var obj map[string]any
	_ = json.Unmarshal(raw, &obj)
	return resp, strings.TrimSpace(string(raw)), obj
}

// problem expects a problem+json answer and returns it.
func (f *fixture) problem(method, path, body string, wantStatus int) map[string]any {
	f.t.Helper()
	resp, raw, obj := f.do(method, path, body)
	if resp.StatusCode != wantStatus {
		f.t.Fatalf("%s %s: %d %s, want %d", method, path, resp.StatusCode, raw, wantStatus)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
		f.t.Errorf("%s %s: Content-Type %q, want application/problem+json", method, path, ct)
	}
	if obj["title"] != http.StatusText(wantStatus) || obj["status"] != float64(wantStatus) || obj["detail"] == "" {
		f.t.Errorf("%s %s: not a problem: %s", method, path, raw)
	}
	return obj
}

func errorsOf(t *testing.T, problem map[string]any) []string {
	t.Helper()
	var out []string
	list, _ := problem["errors"].([]any)
	for _, e := range list {
		out = append(out, e.(string))
	}
	return out
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

var rfc3339Pattern = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)

const gpuPod = `{"name":"p","image":"img","gpu":{"id":"NVIDIA GeForce RTX 4090","count":1},"ports":["22/tcp","8888/http"]}`

func TestV2ReadsWhatV1CreatedAndTheOtherWayRound(t *testing.T) {
	f := newFixture(t, 0)
	v1 := f.expect("POST", "/v1/pods", `{"imageName":"img","gpuTypeIds":["NVIDIA L4"],"dockerStartCmd":["python","x.py"]}`, 201, "")
	pod := f.expect("GET", "/v2/pods/"+field[string](t, v1, "id"), "", 200, "")
	want := []string{"actions", "args", "cloud", "cost", "createdAt", "cudaVersion", "dataCenterId", "disk", "env", "globalNetworking",
		"gpu", "id", "image", "locked", "mounts", "name", "ports", "registry", "runtime", "ssh", "startedAt", "status", "template"}
	if got := keys(pod); !slices.Equal(got, want) {
		t.Errorf("v2 pod keys %v\nwant %v", got, want)
	}
	if pod["image"] != "img" || pod["args"] != "python x.py" || pod["status"] != "RUNNING" || pod["registry"] != nil ||
		pod["template"] != nil || pod["cudaVersion"] != "12.9" || pod["dataCenterId"] != "EU-RO-1" {
		t.Errorf("v1 pod through v2: %v", pod)
	}
	if m := field[map[string]any](t, pod, "mounts"); field[map[string]any](t, m, "persistent")["size"] != 20.0 {
		t.Errorf("v1's default volume reads as mounts.persistent: %v", m)
	}
	if !rfc3339Pattern.MatchString(field[string](t, pod, "createdAt")) || !rfc3339Pattern.MatchString(field[string](t, pod, "startedAt")) {
		t.Errorf("timestamps: %v %v", pod["createdAt"], pod["startedAt"])
	}
	list := f.expect("GET", "/v2/pods", "", 200, "")
	if pods := field[[]any](t, list, "pods"); len(pods) != 1 {
		t.Errorf("wrapped list: %v", list)
	}

	created := f.expect("POST", "/v2/pods", gpuPod, 201, "")
	id := field[string](t, created, "id")
	if created["template"] != nil || field[map[string]any](t, created, "gpu")["count"] != 1.0 {
		t.Errorf("v2 pod: %v", created)
	}
	back := f.expect("GET", "/v1/pods/"+id, "", 200, "")
	if back["imageName"] != "img" || back["desiredStatus"] != "RUNNING" || back["volumeInGb"] != 0.0 {
		t.Errorf("v2 pod through v1: %v", back)
	}
	if ports, _ := json.Marshal(back["ports"]); string(ports) != `["22/tcp","8888/http"]` {
		t.Errorf("ports %s", ports)
	}
	// No defaults in v2: no ports, no volume.
	bare := f.expect("POST", "/v2/pods", `{"name":"b","image":"img","gpu":{"id":"NVIDIA L4"}}`, 201, "")
	if p, _ := json.Marshal(bare["ports"]); string(p) != "[]" || len(field[map[string]any](t, bare, "mounts")) != 0 {
		t.Errorf("v2 defaults: ports %s mounts %v", p, bare["mounts"])
	}
}

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

func TestV2SchemaViolationsAre422(t *testing.T) {
	f := newFixture(t, 0)
	p := f.problem("POST", "/v2/pods", `{"name":"p","image":"img","dataCenterId":"EU-RO-1","gpu":{"id":"NVIDIA L4","foo":1}}`, 422)
	errs := errorsOf(t, p)
	for _, want := range []string{"$: additional properties 'dataCenterId' not allowed", "$.gpu: additional properties 'foo' not allowed"} {
		if !slices.Contains(errs, want) {
			t.Errorf("errors %q lack %q", errs, want)
		}
	}
	for body, want := range map[string]string{
		`{"image":"img","gpu":{"id":"NVIDIA L4"}}`:                                                           "$: missing property 'name'",
		`{"name":"p","gpu":{"id":"NVIDIA L4"}}`:                                                              "$: missing property 'image'",
		`{"name":"p","image":"img","gpu":{"id":"NVIDIA L4","count":"2"}}`:                                    "$.gpu.count: got string, want integer",
		`{"name":"p","image":"img","gpu":{"id":"NVIDIA L4"},"locked":true}`:                                  "$: additional properties 'locked' not allowed",
		`{"name":"p","image":"img","gpu":{"id":"NVIDIA L4"},"cloud":"ALL"}`:                                  "$.cloud: value must be one of 'SECURE', 'COMMUNITY'",
		`{"name":"p","image":"img","gpu":{"id":"NVIDIA L4"},"mounts":{"persistent":{"size":5,"path":"/w"}}}`: "$.mounts.persistent.size: minimum: got 5, want 10",
		`{"name":"p","image":"img","cpu":{"id":"cpu3c","vcpuCount":1}}`:                                      "$.cpu.vcpuCount: minimum: got 1, want 2",
	} {
		if errs := errorsOf(t, f.problem("POST", "/v2/pods", body, 422)); !slices.Contains(errs, want) {
			t.Errorf("%s: errors %q lack %q", body, errs, want)
		}
	}
	f.problem("POST", "/v2/network-volumes", `{"name":"v","size":10,"dataCenterId":"EU-RO-1"}`, 422)
	f.problem("POST", "/v2/templates", `{"name":"t","image":"img","readme":"x"}`, 422)
	f.problem("POST", "/v2/templates", `{"name":"t","image":"img","mounts":{"network":[{"volumeId":"v","path":"/v"}]}}`, 422)
	// Rule violations the schema cannot express are 400s.
	f.problem("POST", "/v2/pods", `{"name":"p","image":"img"}`, 400)
	f.problem("POST", "/v2/pods", `{"name":"p","image":"img","gpu":{"id":"NVIDIA L4","allowedCudaVersions":["12.4"],"minCudaVersion":"12.1"}}`, 400)
	f.problem("POST", "/v2/pods", `{"name":"p","image":"img","cpu":{"id":"cpu3c","vcpuCount":6}}`, 400)
	f.problem("POST", "/v2/pods", `{"name":"p","image":"img","cpu":{"id":"cpu3c","vcpuCount":4},"mounts":{"persistent":{"size":10,"path":"/w"}}}`, 400)
	if d := f.problem("POST", "/v2/pods", `{"name":"p","image":"img","gpu":{"id":"NVIDIA GeForce GTX 1080"}}`, 400)["detail"].(string); !strings.Contains(d, "NVIDIA GeForce GTX 1080") {
		t.Errorf("unknown GPU type detail %q", d)
	}
	cpu := f.expect("POST", "/v2/pods", `{"name":"c","image":"img","cpu":{"id":"cpu3g","vcpuCount":4}}`, 201, "")
	if c := field[map[string]any](t, cpu, "cpu"); c["memory"] != 16.0 || cpu["cudaVersion"] != nil || cpu["gpu"] != nil {
		t.Errorf("CPU pod: %v", cpu)
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

func TestV2RegistriesAndVolumes(t *testing.T) {
	f := newFixture(t, 0)
	reg := f.expect("POST", "/v2/registries", `{"name":"r","username":"u","password":"p"}`, 201, "")
	rid := field[string](t, reg, "id")
	if got := keys(reg); !slices.Equal(got, []string{"id", "name"}) {
		t.Errorf("registry %v", reg)
	}
	tid := field[string](t, f.expect("POST", "/v2/templates", `{"name":"t","image":"img","registry":"`+rid+`"}`, 201, ""), "id")
	pod := f.expect("POST", "/v2/pods", `{"name":"p","image":"img","gpu":{"id":"NVIDIA L4"},"registry":"`+rid+`"}`, 201, "")
	if pod["registry"] != rid {
		t.Errorf("pod registry %v", pod["registry"])
	}
	if d := f.problem("DELETE", "/v2/registries/"+rid, "", 400)["detail"].(string); !strings.Contains(d, pod["id"].(string)) {
		t.Errorf("detail %q", d)
	}
	f.expect("PATCH", "/v2/pods/"+pod["id"].(string), `{"registry":null}`, 200, "")
	f.expect("DELETE", "/v2/registries/"+rid, "", 204, "")
	if tpl := f.expect("GET", "/v2/templates/"+tid, "", 200, ""); tpl["registry"] != nil {
		t.Errorf("the template silently loses the registry: %v", tpl["registry"])
	}
	f.problem("PATCH", "/v2/registries/"+rid, `{}`, 405)

	vol := f.expect("POST", "/v2/network-volumes", `{"name":"v","size":50,"dataCenter":"EU-RO-1","type":"HIGH_PERFORMANCE"}`, 201, "")
	vid := field[string](t, vol, "id")
	if d := f.problem("POST", "/v2/network-volumes", `{"name":"v","size":50,"dataCenter":"EU-SE-1","type":"HIGH_PERFORMANCE"}`, 400)["detail"].(string); !strings.Contains(d, "EU-RO-1") || !strings.Contains(d, "US-KS-2") {
		t.Errorf("detail lists the data centers that support the tier: %q", d)
	}
	f.problem("PATCH", "/v2/network-volumes/"+vid, `{}`, 422)
	f.problem("PATCH", "/v2/network-volumes/"+vid, `{"size":20}`, 400)
	if v := f.expect("PATCH", "/v2/network-volumes/"+vid, `{"size":60}`, 200, ""); v["size"] != 60.0 {
		t.Errorf("grow %v", v)
	}
	if v := f.expect("GET", "/v1/networkvolumes/"+vid, "", 200, ""); v["dataCenterId"] != "EU-RO-1" || v["size"] != 60.0 {
		t.Errorf("through v1 %v", v)
	}
	f.expect("DELETE", "/v2/network-volumes/"+vid, "", 204, "")
	f.problem("DELETE", "/v2/network-volumes/"+vid, "", 404)
}

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

func toStrings(v any) []string {
	var out []string
	list, _ := v.([]any)
	for _, s := range list {
		out = append(out, s.(string))
	}
	return out
}

func TestV2TemplateEditsReachNoV2EndpointButV1EditsRollOut(t *testing.T) {
	f := newFixture(t, 0)
	tpl := field[string](t, f.expect("POST", "/v2/templates", `{"name":"w","image":"img:1","serverless":true,"env":{"A":"t"},"args":"python h.py","disk":30,"ports":["8000/http"]}`, 201, ""), "id")
	ep := f.expect("POST", "/v2/serverless", `{"name":"e","type":"QUEUE","templateId":"`+tpl+`","gpu":{"pools":["AMPERE_48"]},"scaling":{"type":"QUEUE_DELAY","queueDelay":4}}`, 201, "")
	id := field[string](t, ep, "id")
	if ep["image"] != "img:1" || field[map[string]any](t, ep, "env")["A"] != "t" || ep["args"] != "python h.py" || ep["disk"] != 30.0 ||
		!slices.Equal(field[[]any](t, ep, "ports"), []any{"8000/http"}) || ep["registry"] != nil {
		t.Errorf("copied container %v", ep)
	}
	for _, link := range []string{"templateId", "template"} { // a copy, no link
		if _, ok := ep[link]; ok {
			t.Errorf("a v2 endpoint reports %s: %v", link, ep)
		}
	}
	f.expect("PATCH", "/v2/templates/"+tpl, `{"image":"img:2"}`, 200, "")
	f.expect("PATCH", "/v1/templates/"+tpl, `{"imageName":"img:3"}`, 200, "")
	if e := f.expect("GET", "/v2/serverless/"+id, "", 200, ""); e["image"] != "img:1" {
		t.Errorf("a template edit reached a v2 endpoint: %v", e["image"])
	}
	// A v1 endpoint stays bound: v1 template edits roll out to it, v2 ones do not.
	v1ep := field[string](t, f.expect("POST", "/v1/endpoints", `{"templateId":"`+tpl+`"}`, 200, ""), "id")
	f.expect("PATCH", "/v2/templates/"+tpl, `{"image":"img:4"}`, 200, "")
	if e := f.expect("GET", "/v2/serverless/"+v1ep, "", 200, ""); e["image"] != "img:3" {
		t.Errorf("v2 template edit reached the v1 endpoint: %v", e["image"])
	}
	f.expect("PATCH", "/v1/templates/"+tpl, `{"imageName":"img:5"}`, 200, "")
	if e := f.expect("GET", "/v2/serverless/"+v1ep, "", 200, ""); e["image"] != "img:5" {
		t.Errorf("v1 template edit did not reach the v1 endpoint: %v", e["image"])
	}
	if r := f.expect("GET", "/v2/serverless/"+v1ep+"/releases", "", 200, ""); r["endpointVersion"] != 1.0 {
		t.Errorf("releases %v", r)
	}
	// v1 refuses to delete an endpoint with workers; v2 deletes it and its bound template.
	f.expect("DELETE", "/v1/endpoints/"+v1ep, "", 400, "")
	if d := f.problem("DELETE", "/v2/templates/"+tpl, "", 400)["detail"].(string); !strings.Contains(d, v1ep) {
		t.Errorf("detail %q", d)
	}
	f.expect("DELETE", "/v2/serverless/"+v1ep, "", 204, "")
	f.problem("GET", "/v2/templates/"+tpl, "", 404)
	f.expect("GET", "/v2/serverless/"+id, "", 200, "")
}

func TestV2Catalog(t *testing.T) {
	f := newFixture(t, 0)
	gpus := field[[]any](t, f.expect("GET", "/v2/catalog/gpus", "", 200, ""), "gpus")
	if len(gpus) != len(DefaultGPUTypes())+1 || gpus[len(gpus)-1].(map[string]any)["id"] != "unknown" {
		t.Errorf("%d GPU rows", len(gpus))
	}
	g := f.expect("GET", "/v2/catalog/gpus/NVIDIA%20GeForce%20RTX%204090", "", 200, "")
	if g["pool"] != "ADA_24" || g["manufacturer"] != "NVIDIA" || field[map[string]any](t, g, "price")["secure"] != 0.69 || g["availability"] != nil {
		t.Errorf("gpu %v", g)
	}
	f.problem("GET", "/v2/catalog/gpus?include=AVAILABILITY", "", 400)
	f.problem("GET", "/v2/catalog/gpus?product=POD", "", 400)
	f.problem("GET", "/v2/catalog/gpus?count=2", "", 400)
	f.problem("GET", "/v2/catalog/gpus?include=AVAILABILITY&product=POD&countryCodes=fr", "", 422)
	f.problem("GET", "/v2/catalog/gpus?include=AVAILABILITY&product=POD&cudaVersions=12.8&minCudaVersion=12", "", 400)
	f.mock.SetGPUStockInDataCenter("NVIDIA L4", cloudSecure, "EU-RO-1", 40)
	g = f.expect("GET", "/v2/catalog/gpus/NVIDIA%20L4?include=AVAILABILITY&product=POD", "", 200, "")
	dcs := field[[]any](t, g, "dataCenters")
	if g["availability"] != "HIGH" || dcs[0].(map[string]any)["id"] != "EU-RO-1" || len(field[[]any](t, g, "cudaVersions")) == 0 {
		t.Errorf("availability %v", g)
	}
	if g := f.expect("GET", "/v2/catalog/gpus/NVIDIA%20L4?include=AVAILABILITY&product=POD&cloud=COMMUNITY", "", 200, ""); g["availability"] != "NONE" || g["dataCenters"] != nil {
		t.Errorf("community L4 %v", g)
	}
	byCountry := field[[]any](t, f.expect("GET", "/v2/catalog/gpus?include=AVAILABILITY&product=POD&countryCodes=JP", "", 200, ""), "gpus")
	for _, g := range byCountry {
		for _, dc := range field[[]any](t, g.(map[string]any), "dataCenters") {
			if dc.(map[string]any)["id"] != "AP-JP-1" {
				t.Errorf("countryCodes=JP listed %v", dc)
			}
		}
	}
	if len(byCountry) == 0 || len(byCountry) >= len(gpus) {
		t.Errorf("countryCodes narrows the list: %d", len(byCountry))
	}
	dcs = field[[]any](t, f.expect("GET", "/v2/catalog/datacenters?regions=ASIA&include=GPU_AVAILABILITY", "", 200, ""), "dataCenters")
	if len(dcs) != 1 || dcs[0].(map[string]any)["id"] != "AP-JP-1" || dcs[0].(map[string]any)["gpuAvailability"] == nil {
		t.Errorf("asia %v", dcs)
	}
	gn := field[[]any](t, f.expect("GET", "/v2/catalog/datacenters?globalNetwork=true&networkVolumeTypes=STANDARD,HIGH_PERFORMANCE", "", 200, ""), "dataCenters")
	if len(gn) != 3 {
		t.Errorf("global network + both tiers: %v", gn)
	}
	cpus := field[[]any](t, f.expect("GET", "/v2/catalog/cpus", "", 200, ""), "cpus")
	if c := cpus[0].(map[string]any); c["id"] != "cpu3c" || field[map[string]any](t, c, "vcpu")["max"] != 32.0 {
		t.Errorf("cpus %v", cpus)
	}
}

func TestV2RateLimitAndHeaders(t *testing.T) {
	f := newFixture(t, 0)
	resp, _, _ := f.do("GET", "/v2/pods", "")
	if !strings.HasPrefix(resp.Header.Get("RateLimit"), `"minute";r=`) || resp.Header.Get("RateLimit-Policy") == "" || resp.Header.Get("X-Request-Id") == "" {
		t.Errorf("headers %v", resp.Header)
	}
	if resp, _, _ := f.do("GET", "/v1/pods", ""); resp.Header.Get("X-Request-Id") == "" || resp.Header.Get("RateLimit") != "" {
		t.Errorf("v1 headers %v", resp.Header)
	}
	f.mock.SetRateLimit(2)
	resp, _, _ = f.do("GET", "/v2/pods", "")
	if got := resp.Header.Get("RateLimit"); got != `"minute";r=1;t=60, "hour";r=99;t=3600, "day";r=1665;t=86400` {
		t.Errorf("RateLimit %q", got)
	}
	if got := resp.Header.Get("RateLimit-Policy"); got != `"minute";q=2;w=60, "hour";q=100;w=3600, "day";q=1666;w=86400` {
		t.Errorf("RateLimit-Policy %q", got)
	}
	f.expect("GET", "/v2/pods", "", 200, "")
	f.clock.Advance(20 * time.Second)
	resp, _, obj := f.do("GET", "/v2/pods", "")
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "40" || obj["detail"] != "rate limit exceeded for the minute window" ||
		resp.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("429: %d %v %v", resp.StatusCode, resp.Header, obj)
	}
	f.clock.Advance(40 * time.Second)
	f.expect("GET", "/v2/pods", "", 200, "")
	if n := f.mock.CallCount("GET /v2/pods"); n != 5 {
		t.Errorf("%d calls logged", n)
	}
}

func TestV2ProblemsForAuthRoutesAndFaults(t *testing.T) {
	f := newFixture(t, 0)
	req, _ := http.NewRequest("GET", f.srv.URL+"/v2/pods", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var p map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&p)
	resp.Body.Close()
	if resp.StatusCode != 401 || resp.Header.Get("Content-Type") != "application/problem+json" || p["detail"] != "missing bearer token" {
		t.Errorf("401: %d %v", resp.StatusCode, p)
	}
	f.problem("GET", "/v2/nope", "", 404)
	f.problem("POST", "/v2/pods/x/update", "{}", 404)
	if err := f.mock.AddFault(mockkit.Fault{Route: "POST /v2/pods/{id}/action stop", Kind: mockkit.FaultStatus, Status: 503, Times: 1}); err != nil {
		t.Fatal(err)
	}
	id := field[string](t, f.expect("POST", "/v2/pods", gpuPod, 201, ""), "id")
	f.problem("POST", "/v2/pods/"+id+"/action", `{"action":"stop"}`, 503)
	f.expect("POST", "/v2/pods/"+id+"/action", `{"action":"stop"}`, 200, "")
	calls := f.mock.Calls()
	if c := calls[len(calls)-2]; c.Route != "POST /v2/pods/{id}/action stop" || c.Fault != "status 503" || c.RequestID == "" {
		t.Errorf("call %+v", c)
	}
	index, err := http.Get(f.srv.URL + "/_mock/")
	if err != nil {
		t.Fatal(err)
	}
	text, _ := io.ReadAll(index.Body)
	index.Body.Close()
	for _, control := range []string{"/_mock/calls", "/_mock/faults", "/_mock/boot-delay", "/_mock/stock", "/_mock/rate-limit", "/_mock/rollout", "curl "} {
		if !strings.Contains(string(text), control) {
			t.Errorf("index lacks %s", control)
		}
	}
}

// Every read route answers, for objects created through v1 and through v2.
func TestV2EveryReadAnswers(t *testing.T) {
	f := newFixture(t, 0)
	reg := field[string](t, f.expect("POST", "/v1/containerregistryauth", `{"name":"r","username":"u","password":"p"}`, 200, ""), "id")
	vol := field[string](t, f.expect("POST", "/v1/networkvolumes", `{"name":"v","size":10,"dataCenterId":"EU-RO-1"}`, 200, ""), "id")
	tpl := field[string](t, f.expect("POST", "/v1/templates", `{"name":"w","imageName":"img","isServerless":true,"containerRegistryAuthId":"`+reg+`"}`, 200, ""), "id")
	ep := field[string](t, f.expect("POST", "/v1/endpoints", `{"templateId":"`+tpl+`","networkVolumeId":"`+vol+`","workersMin":1,"minCudaVersion":"12.4"}`, 200, ""), "id")
	cpuEP := field[string](t, f.expect("POST", "/v1/endpoints", `{"templateId":"`+tpl+`","computeType":"CPU","cpuFlavorIds":["cpu3c","cpu5g"],"vcpuCount":4,"workersMin":2}`, 200, ""), "id")
	cpuPod := field[string](t, f.expect("POST", "/v1/pods", `{"imageName":"img","computeType":"CPU","cpuFlavorIds":["cpu5m"],"vcpuCount":4,"networkVolumeId":"`+vol+`"}`, 201, ""), "id")
	f.expect("POST", "/v2/serverless", `{"name":"c","type":"QUEUE","image":"img","cpu":[{"id":"cpu3g","vcpuCount":2}],"scaling":{"type":"REQUEST_COUNT","requestCount":1},"workers":{"min":1}}`, 201, "")
	for _, path := range []string{
		"/v2/pods", "/v2/pods/" + cpuPod, "/v2/serverless", "/v2/serverless/" + ep, "/v2/serverless/" + cpuEP,
		"/v2/serverless/" + ep + "/workers", "/v2/serverless/" + cpuEP + "/workers", "/v2/serverless/" + cpuEP + "/releases",
		"/v2/templates", "/v2/templates/" + tpl, "/v2/network-volumes", "/v2/network-volumes/" + vol, "/v2/registries",
		"/v2/registries/" + reg, "/v2/catalog/gpus?include=AVAILABILITY&product=SERVERLESS&cloud=COMMUNITY&count=2",
		"/v2/catalog/gpus/AMD%20Instinct%20MI300X%20OAM?include=AVAILABILITY&product=POD&minCudaVersion=12",
		"/v2/catalog/gpus/unknown", "/v2/catalog/cpus?include=AVAILABILITY&product=POD&vcpuCount=4", "/v2/catalog/cpus/cpu5c",
		"/v2/catalog/datacenters?include=GPU_AVAILABILITY,CPU_AVAILABILITY&compliance=GDPR", "/v2/catalog/datacenters/US-DE-1",
		"/v2/catalog/templates?source=community", "/v2/catalog/templates?source=verified",
	} {
		f.expect("GET", path, "", 200, "")
	}
	if e := f.expect("GET", "/v2/serverless/"+cpuEP, "", 200, ""); len(field[[]any](t, e, "cpu")) != 2 || e["gpu"] != nil {
		t.Errorf("v1 CPU endpoint through v2: %v", e)
	}
	if e := f.expect("GET", "/v2/serverless/"+ep, "", 200, ""); e["registry"] != reg || toStrings(e["networkVolumes"])[0] != vol {
		t.Errorf("v1 endpoint through v2: %v", e)
	}
	f.problem("GET", "/v2/catalog/gpus/nope", "", 404)
	f.problem("GET", "/v2/catalog/cpus?vcpuCount=4", "", 400)
	f.problem("GET", "/v2/catalog/datacenters?regions=MARS", "", 422)
	f.problem("GET", "/v2/registries/nope", "", 404)
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
