package runpodmock

import (
	"slices"
	"strings"
	"testing"
	"time"
)

const slurmCluster = `{"name":"train","type":"SLURM","compute":{"gpuTypeId":"NVIDIA A40","gpuCountPerPod":2,"podCount":3},"image":"img","ports":["22/tcp"]}`

func TestV2ClusterMembersArePodsManagedByTheCluster(t *testing.T) {
	f := newFixture(t, 10*time.Second)
	c := f.expect("POST", "/v2/clusters", slurmCluster, 201, "")
	id := field[string](t, c, "id")
	if s := field[map[string]any](t, c, "pods"); s["total"] != 3.0 || field[map[string]any](t, s, "byStatus")["PROVISIONING"] != 3.0 {
		t.Errorf("summary %v", s)
	}
	primary := field[map[string]any](t, c, "primary")
	if _, ok := primary["sshEndpoint"]; ok {
		t.Errorf("a booting primary has an SSH endpoint: %v", primary)
	}
	members := field[[]any](t, f.expect("GET", "/v2/clusters/"+id+"/pods", "", 200, ""), "pods")
	if len(members) != 3 {
		t.Fatalf("members %v", members)
	}
	var roles []string
	dcs := map[string]bool{}
	for i, m := range members {
		pod := m.(map[string]any)
		mc := field[map[string]any](t, pod, "cluster")
		if mc["id"] != id || mc["rank"] != float64(i) || mc["ip"] == "" {
			t.Errorf("member %d: %v", i, mc)
		}
		roles = append(roles, mc["role"].(string))
		dcs[pod["dataCenterId"].(string)] = true
		if g := field[map[string]any](t, pod, "gpu"); g["count"] != 2.0 || g["id"] != "NVIDIA A40" {
			t.Errorf("member %d gpu %v", i, g)
		}
	}
	if !slices.Equal(roles, []string{"SLURM_CONTROLLER", "SLURM_COMPUTE", "SLURM_COMPUTE"}) || len(dcs) != 1 {
		t.Errorf("roles %v, data centers %v", roles, dcs)
	}
	if primary["podId"] != members[0].(map[string]any)["id"] {
		t.Errorf("primary %v is not rank 0", primary)
	}

	// Members are left out of GET /v2/pods unless asked for, and the pod routes refuse them.
	if pods := field[[]any](t, f.expect("GET", "/v2/pods", "", 200, ""), "pods"); len(pods) != 0 {
		t.Errorf("GET /v2/pods lists the members: %v", pods)
	}
	if pods := field[[]any](t, f.expect("GET", "/v2/pods?includeClusterPods=true", "", 200, ""), "pods"); len(pods) != 3 {
		t.Errorf("includeClusterPods=true lists %d pods", len(pods))
	}
	member := members[1].(map[string]any)["id"].(string)
	if d := f.problem("DELETE", "/v2/pods/"+member, "", 409)["detail"].(string); !strings.Contains(d, id) {
		t.Errorf("the 409 does not name the cluster: %q", d)
	}
	f.problem("PATCH", "/v2/pods/"+member, `{"name":"x"}`, 409)
	f.problem("POST", "/v2/pods/"+member+"/action", `{"action":"stop"}`, 409)

	// Members boot like pods; the primary then reports its SSH endpoint.
	f.clock.Advance(10 * time.Second)
	c = f.expect("GET", "/v2/clusters/"+id, "", 200, "")
	if s := field[map[string]any](t, c, "pods"); field[map[string]any](t, s, "byStatus")["RUNNING"] != 3.0 {
		t.Errorf("summary after the boot %v", s)
	}
	if ep, _ := field[map[string]any](t, c, "primary")["sshEndpoint"].(string); !strings.Contains(ep, ":") {
		t.Errorf("primary's sshEndpoint %q", ep)
	}

	// Rename only; the rest is fixed at create.
	if r := f.expect("PATCH", "/v2/clusters/"+id, `{"name":"renamed"}`, 200, ""); r["name"] != "renamed" {
		t.Errorf("rename %v", r)
	}
	f.problem("PATCH", "/v2/clusters/"+id, `{"type":"RAY"}`, 422)
	if list := field[[]any](t, f.expect("GET", "/v2/clusters", "", 200, ""), "clusters"); len(list) != 1 {
		t.Errorf("list %v", list)
	}

	// Delete terminates the members and gives their GPUs back.
	f.expect("DELETE", "/v2/clusters/"+id, "", 204, "")
	if pods := field[[]any](t, f.expect("GET", "/v2/pods?includeClusterPods=true", "", 200, ""), "pods"); len(pods) != 0 {
		t.Errorf("members left after the delete: %v", pods)
	}
	f.problem("GET", "/v2/clusters/"+id, "", 404)
	f.problem("GET", "/v2/clusters/"+id+"/pods", "", 404)
}

func TestV2ClusterRefusals(t *testing.T) {
	f := newFixture(t, 0)
	f.problem("POST", "/v2/clusters", `{"name":"c","type":"TRAINING","compute":{"gpuTypeId":"NVIDIA A40","gpuCountPerPod":1,"podCount":1},"image":"img"}`, 422)
	f.problem("POST", "/v2/clusters", `{"name":"c","type":"TRAINING","compute":{"gpuTypeId":"NVIDIA A40","gpuCountPerPod":1,"podCount":2},"image":"img","registry":"r"}`, 422)
	f.problem("POST", "/v2/clusters", `{"name":"c","type":"TRAINING","compute":{"gpuTypeId":"nope","gpuCountPerPod":1,"podCount":2},"image":"img"}`, 400)

	// Not enough GPUs for every member in one data center: nothing is left behind.
	before := f.mock.GPUStock("NVIDIA A40", cloudSecure, "")
	f.mock.SetGPUStock("NVIDIA A40", cloudSecure, 3)
	f.problem("POST", "/v2/clusters", `{"name":"c","type":"TRAINING","compute":{"gpuTypeId":"NVIDIA A40","gpuCountPerPod":2,"podCount":2},"image":"img"}`, 400)
	if n := f.mock.GPUStock("NVIDIA A40", cloudSecure, ""); n != 3 {
		t.Errorf("stock after a refused create: %d, want 3 (was %d before the control)", n, before)
	}
	if pods := field[[]any](t, f.expect("GET", "/v2/pods?includeClusterPods=true", "", 200, ""), "pods"); len(pods) != 0 {
		t.Errorf("a refused create left pods: %v", pods)
	}
}

func TestV2SSHKeysAreReplacedWhole(t *testing.T) {
	f := newFixture(t, 0)
	if keys := toStrings(f.expect("GET", "/v2/account/ssh-keys", "", 200, "")["keys"]); !slices.Equal(keys, []string{mockSSHPublicKey}) {
		t.Errorf("seeded keys %v", keys)
	}
	two := []string{"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA one", "ssh-rsa AAAAB3NzaC1yc2E two"}
	if keys := toStrings(f.expect("PUT", "/v2/account/ssh-keys", `{"keys":["`+two[0]+`","`+two[1]+`"]}`, 200, "")["keys"]); !slices.Equal(keys, two) {
		t.Errorf("PUT answered %v", keys)
	}
	pod := f.expect("POST", "/v2/pods", `{"name":"p","image":"img","gpu":{"id":"NVIDIA L4"},"startSsh":true}`, 201, "")
	if env := field[map[string]any](t, pod, "env"); env["PUBLIC_KEY"] != two[0]+"\n"+two[1] {
		t.Errorf("startSsh injected %q", env["PUBLIC_KEY"])
	}
	f.problem("PUT", "/v2/account/ssh-keys", `{"keys":["not a key"]}`, 422)
	f.problem("PUT", "/v2/account/ssh-keys", `{}`, 422)
	if keys := f.expect("PUT", "/v2/account/ssh-keys", `{"keys":[]}`, 200, `{"keys":[]}`); keys == nil {
		t.Error("no body")
	}
	if raw := f.expect("GET", "/v2/account/ssh-keys", "", 200, `{"keys":[]}`); raw == nil {
		t.Error("no body")
	}
}
