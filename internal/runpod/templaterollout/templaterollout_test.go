package templaterollout

import (
	"slices"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

func TestFingerprintCoversTheContainerOnly(t *testing.T) {
	base := runpodapi.Template{ID: "t1", Name: "worker", ImageName: "img:1", ContainerDiskInGb: 20, Ports: []string{"8000/http"},
		Env: map[string]string{"A": "1", "B": "2"}, DockerStartCmd: []string{"python", "h.py"}}
	fp := Fingerprint(&base)
	if len(fp) != 16 {
		t.Errorf("fingerprint %q: want 16 hex digits", fp)
	}

	same := base
	same.Name, same.Readme, same.VolumeInGb, same.IsPublic = "renamed", "# readme", 50, true // not copied into endpoints
	same.Env = map[string]string{"B": "2", "A": "1"}
	if got := Fingerprint(&same); got != fp {
		t.Errorf("settings an endpoint does not copy changed the fingerprint: %s != %s", got, fp)
	}
	// v1 answers [] and {} where v2 answers nothing.
	a, b := runpodapi.Template{ImageName: "i"}, runpodapi.Template{ImageName: "i", Ports: []string{}, Env: map[string]string{}, DockerStartCmd: []string{}}
	if Fingerprint(&a) != Fingerprint(&b) {
		t.Error("empty and absent collections must fingerprint alike")
	}

	for name, change := range map[string]func(*runpodapi.Template){
		"image": func(t *runpodapi.Template) { t.ImageName = "img:2" },
		"env":   func(t *runpodapi.Template) { t.Env = map[string]string{"A": "1", "B": "3"} },
		"args":  func(t *runpodapi.Template) { t.DockerStartCmd = []string{"python", "-u", "h.py"} },
		"disk":  func(t *runpodapi.Template) { t.ContainerDiskInGb = 30 },
		"ports": func(t *runpodapi.Template) { t.Ports = nil },
		"auth":  func(t *runpodapi.Template) { t.ContainerRegistryAuthID = "reg1" },
	} {
		changed := base
		change(&changed)
		if Fingerprint(&changed) == fp {
			t.Errorf("a change of the %s kept the fingerprint", name)
		}
	}
}

// client is a distinct API value per test (only its identity matters).
type client struct {
	runpodapi.API
	n int
}

func (client) Backend() runpodapi.Backend { return runpodapi.BackendV2 }

func TestPlannedIsPerClient(t *testing.T) {
	one, two := &client{n: 1}, &client{n: 2}
	RecordPlanned(one, "t1", []string{"image_name", "env"})
	if got := Planned(one, "t1"); len(got) != 2 || got[0] != "image_name" {
		t.Errorf("Planned(one, t1) = %v", got)
	}
	if got := Planned(two, "t1"); got != nil {
		t.Errorf("another provider instance saw the record: %v", got)
	}
	if got := Planned(one, "t2"); got != nil {
		t.Errorf("another template: %v", got)
	}
	RecordPlanned(nil, "t1", []string{"env"})
	RecordPlanned(two, "t1", nil)
	if got := Planned(two, "t1"); got != nil {
		t.Errorf("an empty record was kept: %v", got)
	}
}

func TestMatchingFindsTheServerlessTemplatesWithTheCopiedContainer(t *testing.T) {
	copied := runpodapi.Template{ImageName: "img:1", ContainerDiskInGb: 20, Env: map[string]string{"A": "1"}} // an endpoint's copy: no id
	all := []runpodapi.Template{
		{ID: "t1", Name: "worker", IsServerless: true, ImageName: "img:1", ContainerDiskInGb: 20, Env: map[string]string{"A": "1"}},
		{ID: "t2", Name: "edited", IsServerless: true, ImageName: "img:2", ContainerDiskInGb: 20, Env: map[string]string{"A": "1"}},
		{ID: "t3", Name: "pod", ImageName: "img:1", ContainerDiskInGb: 20, Env: map[string]string{"A": "1"}}, // not serverless
		{ID: "t4", Name: "twin", IsServerless: true, ImageName: "img:1", ContainerDiskInGb: 20, Env: map[string]string{"A": "1"}, VolumeInGb: 20},
	}
	ids := func(ts []runpodapi.Template) (out []string) {
		for _, tpl := range ts {
			out = append(out, tpl.ID)
		}
		return out
	}
	if got := ids(Matching(all, &copied)); !slices.Equal(got, []string{"t1", "t4"}) {
		t.Errorf("Matching = %v, want t1 and t4 (same container; what an endpoint does not copy does not count)", got)
	}
	if got := Matching(all[1:3], &copied); len(got) != 0 {
		t.Errorf("Matching = %v, want none", ids(got))
	}
}
