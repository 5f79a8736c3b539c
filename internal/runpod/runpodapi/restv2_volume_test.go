package runpodapi

import (
	"testing"
)

func TestV2NetworkVolumesAndRegistries(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("POST /v2/network-volumes", created(`{"id":"v1","name":"data","size":100,"dataCenter":"EU-RO-1","type":"STANDARD"}`))
	f.on("PATCH /v2/network-volumes/v1", ok(`{"id":"v1","name":"data","size":200,"dataCenter":"EU-RO-1","type":"STANDARD"}`))
	f.on("GET /v2/network-volumes", ok(`{"networkVolumes":[{"id":"v1","name":"data","size":200,"dataCenter":"EU-RO-1","type":"STANDARD"}]}`))
	f.on("POST /v2/registries", created(`{"id":"r1","name":"hub"}`))
	f.on("GET /v2/registries", ok(`{"registries":[{"id":"r1","name":"hub"}]}`))
	nv, err := c.CreateNetworkVolume(ctx, NetworkVolumeCreateInput{Name: "data", Size: 100, DataCenterID: "EU-RO-1", Type: Ptr("STANDARD")})
	if err != nil || *nv != (NetworkVolume{ID: "v1", Name: "data", Size: 100, DataCenterID: "EU-RO-1", Type: "STANDARD"}) {
		t.Fatalf("volume %+v, err %v", nv, err)
	}
	assertJSON(t, f.bodies("POST /v2/network-volumes")[0], `{"name":"data","size":100,"dataCenter":"EU-RO-1","type":"STANDARD"}`)
	if nv, err = c.UpdateNetworkVolume(ctx, "v1", NetworkVolumeUpdateInput{Size: Ptr(200)}); err != nil || nv.Size != 200 {
		t.Fatalf("volume %+v, err %v", nv, err)
	}
	assertJSON(t, f.bodies("PATCH /v2/network-volumes/v1")[0], `{"size":200}`)
	if nvs, err := c.ListNetworkVolumes(ctx); err != nil || len(nvs) != 1 {
		t.Fatalf("volumes %+v, err %v", nvs, err)
	}
	r, err := c.CreateContainerRegistryAuth(ctx, ContainerRegistryAuthCreateInput{Name: "hub", Username: "u", Password: "p"})
	if err != nil || r.ID != "r1" {
		t.Fatalf("registry %+v, err %v", r, err)
	}
	assertJSON(t, f.bodies("POST /v2/registries")[0], `{"name":"hub","username":"u","password":"p"}`)
	if rs, err := c.ListContainerRegistryAuths(ctx); err != nil || len(rs) != 1 || rs[0].Name != "hub" {
		t.Fatalf("registries %+v, err %v", rs, err)
	}
}
