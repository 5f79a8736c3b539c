package runpodapi

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
)

// TestClusterRoundTrips creates clusters with every field of ClusterCreateInput set (one with a
// pod volume, one with a network volume) and checks what every member pod reports, renames
// one and deletes both, every exchange checked against the pinned spec.
func TestClusterRoundTrips(t *testing.T) {
	f := newRTFixture(t)
	ctx := context.Background()
	c := f.clients[BackendV2]
	vol, err := c.CreateNetworkVolume(ctx, NetworkVolumeCreateInput{Name: "shared", Size: 50, DataCenterID: "EU-RO-1"})
	if err != nil {
		t.Fatal(err)
	}
	base := ClusterCreateInput{
		Name: "train", Type: ClusterSlurm, GPUTypeID: "NVIDIA A40", GPUCountPerPod: 2, PodCount: 3,
		DataCenterIDs: []string{"EU-RO-1"}, ImageName: "img:1", DockerStartCmd: []string{"python", "train.py"},
		ContainerDiskInGb: Ptr(40), Env: map[string]string{"A": "1"}, Ports: []string{"22/tcp", "8888/http"},
		VolumeInGb: 30, VolumeMountPath: "/workspace", StartSSH: Ptr(true), StartJupyter: Ptr(true),
	}
	withNetwork := base
	withNetwork.Name, withNetwork.VolumeInGb, withNetwork.NetworkVolumeID, withNetwork.VolumeMountPath = "net", 0, vol.ID, "/data"
	sent := map[string]bool{}
	for _, in := range []ClusterCreateInput{base, withNetwork} {
		markSent(sent, in)
		cl, err := c.CreateCluster(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if cl.Name != in.Name || cl.Type != in.Type || cl.GPUTypeID != in.GPUTypeID || cl.GPUCountPerPod != in.GPUCountPerPod ||
			cl.PodCount != in.PodCount || cl.DataCenterID != "EU-RO-1" || cl.NetworkCIDR == "" || cl.PrimaryPodID == "" || cl.PodTotal != 3 {
			t.Errorf("created %+v", cl)
		}
		members, err := c.ListClusterPods(ctx, cl.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(members) != in.PodCount {
			t.Fatalf("%d members", len(members))
		}
		for i, m := range members {
			p := m.Pod
			if deref(m.Rank) != i || m.IP == "" || (i == 0) != (m.Role == "SLURM_CONTROLLER") || (i == 0) != (p.ID == cl.PrimaryPodID) {
				t.Errorf("member %d: rank %v role %q ip %q", i, m.Rank, m.Role, m.IP)
			}
			if p.ImageName != in.ImageName || !slices.Equal(p.DockerStartCmd, []string{"python train.py"}) && !slices.Equal(p.DockerStartCmd, in.DockerStartCmd) ||
				p.ContainerDiskInGb != *in.ContainerDiskInGb || !slices.Equal(p.Ports, in.Ports) || p.GPU == nil || p.GPU.Count != in.GPUCountPerPod ||
				p.VolumeMountPath != in.VolumeMountPath || p.VolumeInGb != in.VolumeInGb {
				t.Errorf("member %d: %+v", i, p)
			}
			if in.NetworkVolumeID != "" && (p.NetworkVolume == nil || p.NetworkVolume.ID != in.NetworkVolumeID) {
				t.Errorf("member %d: network volume %+v", i, p.NetworkVolume)
			}
			// startSsh and startJupyter are never reported: they show as the variables they inject.
			if p.Env["A"] != "1" || p.Env["PUBLIC_KEY"] == "" || p.Env["JUPYTER_PASSWORD"] == "" {
				t.Errorf("member %d env %v", i, slices.Sorted(maps.Keys(p.Env)))
			}
		}
		renamed, err := c.RenameCluster(ctx, cl.ID, in.Name+"-2")
		if err != nil || renamed.Name != in.Name+"-2" {
			t.Errorf("rename: %+v, %v", renamed, err)
		}
		if list, err := c.ListClusters(ctx); err != nil || !slices.ContainsFunc(list, func(x Cluster) bool { return x.ID == cl.ID }) {
			t.Errorf("list %v, %v", list, err)
		}
		if err := c.DeleteCluster(ctx, cl.ID); err != nil {
			t.Fatal(err)
		}
		if err := c.DeleteCluster(ctx, cl.ID); err != nil {
			t.Errorf("a second delete: %v", err)
		}
		if _, err := c.GetCluster(ctx, cl.ID); !IsNotFound(err) {
			t.Errorf("read after delete: %v", err)
		}
	}
	for _, name := range exportedFields(reflectTypeOf(ClusterCreateInput{})) {
		if !sent[name] {
			t.Errorf("ClusterCreateInput.%s is never sent by this round trip: set it in one of the inputs", name)
		}
	}
}

func TestSSHKeysRoundTrip(t *testing.T) {
	f := newRTFixture(t)
	ctx := context.Background()
	c := f.clients[BackendV2]
	keys := []string{"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA one@host", "ecdsa-sha2-nistp256 AAAAE2VjZHNh two"}
	got, err := c.SetSSHKeys(ctx, keys)
	if err != nil || !slices.Equal(got, keys) {
		t.Fatalf("set: %v, %v", got, err)
	}
	if got, err := c.GetSSHKeys(ctx); err != nil || !slices.Equal(got, keys) {
		t.Errorf("get: %v, %v", got, err)
	}
	if got, err := c.SetSSHKeys(ctx, nil); err != nil || got == nil || len(got) != 0 {
		t.Errorf("empty the set: %#v, %v", got, err)
	}
}

func TestV1HasNoClustersNorSSHKeys(t *testing.T) {
	f := newRTFixture(t)
	ctx := context.Background()
	c := f.clients[BackendV1]
	calls := map[string]error{}
	_, calls["CreateCluster"] = c.CreateCluster(ctx, ClusterCreateInput{Name: "x"})
	_, calls["GetCluster"] = c.GetCluster(ctx, "c")
	_, calls["ListClusters"] = c.ListClusters(ctx)
	_, calls["ListClusterPods"] = c.ListClusterPods(ctx, "c")
	_, calls["RenameCluster"] = c.RenameCluster(ctx, "c", "n")
	calls["DeleteCluster"] = c.DeleteCluster(ctx, "c")
	_, calls["GetSSHKeys"] = c.GetSSHKeys(ctx)
	_, calls["SetSSHKeys"] = c.SetSSHKeys(ctx, nil)
	for name, err := range calls {
		var nob *NotOnBackendError
		if !errors.As(err, &nob) || !strings.Contains(err.Error(), "REST v1 has no") || !strings.Contains(err.Error(), `api_version = "v2"`) {
			t.Errorf("%s through REST v1: %v", name, err)
		}
	}
	if got := f.mock.Calls(); len(got) != 0 {
		t.Errorf("REST v1 calls were sent: %v", got)
	}
}
