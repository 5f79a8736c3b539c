package runpodapi

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// rtUpdate creates an object through each backend, changes it through each backend with
// every field of the update input set, and reads it back through both.
func rtUpdate[In, Obj any](t *testing.T, c rtCase[In, Obj], create func(Backend) (string, error),
	update func(Backend, string, In) error, get func(Backend, string) (Obj, error)) {
	t.Helper()
	rtUpdateScenarios(t, c, []rtUpdateScenario[In]{{name: "update", create: create}}, update, get)
}

// rtUpdateScenario is one kind of object the update round trip changes: how to make one, the
// fields left out for it (besides the case's skip) and an edit of the filled input.
type rtUpdateScenario[In any] struct {
	name   string
	skip   []string
	edit   func(*In)
	create func(Backend) (string, error)
}

// rtUpdateScenarios is rtUpdate over several kinds of objects: every field must be sent by
// one of them. The refusals are checked on objects of the first.
func rtUpdateScenarios[In, Obj any](t *testing.T, c rtCase[In, Obj], scenarios []rtUpdateScenario[In],
	update func(Backend, string, In) error, get func(Backend, string) (Obj, error)) {
	t.Helper()
	sent := map[string]bool{}
	for _, sc := range scenarios {
		for _, created := range backends {
			for _, changed := range backends {
				id, err := sc.create(created)
				if err != nil {
					t.Fatalf("%s: create through %s: %v", sc.name, created, err)
				}
				one := c
				one.tag = string(created)
				one.skip = append(slices.Clone(c.skip), sc.skip...)
				in := one.input(changed)
				if sc.edit != nil {
					sc.edit(&in)
				}
				markSent(sent, in)
				if err := update(changed, id, in); err != nil {
					t.Errorf("%s: update through %s: %v", sc.name, changed, err)
					continue
				}
				for _, read := range backends {
					got, err := get(read, id)
					if err != nil {
						t.Fatal(err)
					}
					c.check(t, sc.name, in, got, changed, read)
				}
			}
		}
	}
	covered[In](t, sent, c.unreported, c.unreportedBy)
	for _, b := range backends {
		for _, name := range c.refused[b] {
			id, err := scenarios[0].create(b)
			if err != nil {
				t.Fatal(err)
			}
			var in In
			copyField(&in, c.input(otherBackend(b)), name)
			if err := update(b, id, in); err == nil {
				t.Errorf("the %s backend took an update setting %s, which it has no setting for: refuse it (never drop it silently)", b, name)
			}
		}
	}
}

func TestPodUpdateRoundTrips(t *testing.T) {
	f := newRTFixture(t)
	ctx := context.Background()
	reg, err := f.clients[BackendV1].CreateContainerRegistryAuth(ctx, ContainerRegistryAuthCreateInput{Name: "rt", Username: "u", Password: "p"})
	if err != nil {
		t.Fatal(err)
	}
	c := rtCase[PodUpdateInput, Pod]{
		valid: map[string]any{
			"ContainerDiskInGb": 40, "VolumeInGb": 30, "VolumeMountPath": "/rt", "Ports": []string{"8080/http"},
			"ContainerRegistryAuthID": reg.ID, "Locked": false,
		},
		refused:      map[Backend][]string{BackendV2: {"DockerEntrypoint"}},
		unreportedBy: map[string]string{"GlobalNetworking@v1": "REST v1 does not report global networking", "DockerEntrypoint@v2": "REST v2 has no entrypoint"},
	}
	rtUpdate(t, c, func(b Backend) (string, error) {
		p, err := f.clients[b].CreatePod(ctx, PodCreateInput{ImageName: Ptr("img"), GPUTypeIDs: &[]string{"NVIDIA GeForce RTX 4090"},
			DataCenterIDs: &[]string{"EU-RO-1"}, VolumeInGb: Ptr(20)})
		if err != nil {
			return "", err
		}
		return p.ID, nil
	}, func(b Backend, id string, in PodUpdateInput) error {
		_, err := f.clients[b].UpdatePod(ctx, id, in)
		return err
	}, func(b Backend, id string) (Pod, error) {
		p, err := f.clients[b].GetPod(ctx, id)
		return deref(p), err
	})
}

func TestNetworkVolumeRoundTrips(t *testing.T) {
	f := newRTFixture(t)
	ctx := context.Background()
	create := rtCase[NetworkVolumeCreateInput, NetworkVolume]{
		valid:     map[string]any{"Size": 20, "DataCenterID": "EU-RO-1", "Type": "HIGH_PERFORMANCE"},
		refused:   map[Backend][]string{BackendV1: {"Type"}},
		notKeptBy: map[string]string{},
		unreportedBy: map[string]string{
			"Type@v1": "REST v1 does not report a volume's type",
		},
	}
	sent := map[string]bool{}
	for _, created := range backends {
		in := create.input(created)
		markSent(sent, in)
		v, err := f.clients[created].CreateNetworkVolume(ctx, in)
		if err != nil {
			t.Fatalf("create through %s: %v", created, err)
		}
		for _, read := range backends {
			got, err := f.clients[read].GetNetworkVolume(ctx, v.ID)
			if err != nil {
				t.Fatal(err)
			}
			create.check(t, "create", in, *got, created, read)
		}
	}
	covered[NetworkVolumeCreateInput](t, sent)
	refusals(t, create, NetworkVolumeCreateInput{Name: "v", Size: 10, DataCenterID: "EU-RO-1"}, func(b Backend, in NetworkVolumeCreateInput) error {
		_, err := f.clients[b].CreateNetworkVolume(ctx, in)
		return err
	})

	rtUpdate(t, rtCase[NetworkVolumeUpdateInput, NetworkVolume]{valid: map[string]any{"Size": 30}},
		func(b Backend) (string, error) {
			v, err := f.clients[b].CreateNetworkVolume(ctx, NetworkVolumeCreateInput{Name: "v", Size: 10, DataCenterID: "EU-RO-1"})
			if err != nil {
				return "", err
			}
			return v.ID, nil
		}, func(b Backend, id string, in NetworkVolumeUpdateInput) error {
			_, err := f.clients[b].UpdateNetworkVolume(ctx, id, in)
			return err
		}, func(b Backend, id string) (NetworkVolume, error) {
			v, err := f.clients[b].GetNetworkVolume(ctx, id)
			return deref(v), err
		})
}

func TestRegistryAuthRoundTrips(t *testing.T) {
	f := newRTFixture(t)
	ctx := context.Background()
	c := rtCase[ContainerRegistryAuthCreateInput, ContainerRegistryAuth]{
		unreported: map[string]string{"Username": "RunPod never returns the credentials", "Password": "RunPod never returns the credentials"},
	}
	sent := map[string]bool{}
	for _, created := range backends {
		in := c.input(created)
		markSent(sent, in)
		a, err := f.clients[created].CreateContainerRegistryAuth(ctx, in)
		if err != nil {
			t.Fatalf("create through %s: %v", created, err)
		}
		for _, read := range backends {
			got, err := f.clients[read].GetContainerRegistryAuth(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			c.check(t, "create", in, *got, created, read)
		}
	}
	covered[ContainerRegistryAuthCreateInput](t, sent)
}

func TestTemplateRoundTrips(t *testing.T) {
	f := newRTFixture(t)
	ctx := context.Background()
	reg, err := f.clients[BackendV1].CreateContainerRegistryAuth(ctx, ContainerRegistryAuthCreateInput{Name: "rt", Username: "u", Password: "p"})
	if err != nil {
		t.Fatal(err)
	}
	valid := map[string]any{
		"Category": "AMD", "ContainerDiskInGb": 30, "ContainerRegistryAuthID": reg.ID, "Ports": []string{"8888/http"},
		"VolumeInGb": 20, "VolumeMountPath": "/rt", "IsServerless": false,
	}
	refused := map[Backend][]string{
		BackendV2: {"DockerEntrypoint", "Readme"}, // templateUnsupported
		BackendV1: {"StartSSH", "StartJupyter"},   // REST v1 has no such setting
	}
	unreportedBy := map[string]string{
		"DockerEntrypoint@v2": "REST v2 has no entrypoint", "Readme@v2": "REST v2 has no readme",
		"StartSSH@v1": "REST v1 has no startSsh", "StartJupyter@v1": "REST v1 has no startJupyter",
	}
	create := rtCase[TemplateCreateInput, Template]{valid: valid, refused: refused, unreportedBy: unreportedBy}
	sent := map[string]bool{}
	for _, created := range backends {
		in := create.input(created)
		markSent(sent, in)
		tpl, err := f.clients[created].CreateTemplate(ctx, in)
		if err != nil {
			t.Fatalf("create through %s: %v", created, err)
		}
		for _, read := range backends {
			got, err := f.clients[read].GetTemplate(ctx, tpl.ID)
			if err != nil {
				t.Fatal(err)
			}
			create.check(t, "create", in, *got, created, read)
		}
	}
	covered[TemplateCreateInput](t, sent)

	update := rtCase[TemplateUpdateInput, Template]{valid: valid, refused: map[Backend][]string{
		BackendV2: {"DockerEntrypoint", "Readme"},
		BackendV1: {"StartSSH", "StartJupyter", "Category", "IsServerless"},
	}, unreportedBy: unreportedBy}
	made := 0
	rtUpdate(t, update, func(b Backend) (string, error) {
		made++
		tpl, err := f.clients[b].CreateTemplate(ctx, TemplateCreateInput{Name: fmt.Sprint("t", made), ImageName: "img", VolumeInGb: Ptr(10), VolumeMountPath: Ptr("/w")})
		if err != nil {
			return "", err
		}
		return tpl.ID, nil
	}, func(b Backend, id string, in TemplateUpdateInput) error {
		_, err := f.clients[b].UpdateTemplate(ctx, id, in)
		return err
	}, func(b Backend, id string) (Template, error) {
		tpl, err := f.clients[b].GetTemplate(ctx, id)
		return deref(tpl), err
	})
}
