package gputype

import (
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

func TestCheckListed(t *testing.T) {
	catalog := []runpodapi.GPUCatalogEntry{
		{ID: "NVIDIA GeForce RTX 3070"}, {ID: "NVIDIA GeForce RTX 4090", Pool: "ADA_24"}, {ID: "NVIDIA L4", Pool: "ADA_24"},
		{ID: "NVIDIA A40", Pool: "AMPERE_48"},
	}
	for _, c := range []struct {
		id         string
		serverless bool
		want       string // "" passes
	}{
		{id: "NVIDIA L4"},
		{id: "NVIDIA GeForce RTX 3070"},
		{id: "NVIDIA GeForce RTX 4090X", want: `x[0] is "NVIDIA GeForce RTX 4090X", which RunPod's GPU catalog does not list. GPU types, closest first: "NVIDIA GeForce RTX 4090", "NVIDIA GeForce RTX 3070", "NVIDIA A40".`},
		{id: "ADA_24", want: `x[0] is "ADA_24", which RunPod's GPU catalog does not list.`},
		{id: "ADA_24", serverless: true},
		{id: "NVIDIA L4", serverless: true},
		{id: "NVIDIA GeForce RTX 3070", serverless: true, want: `x[0] is "NVIDIA GeForce RTX 3070", which is in no serverless GPU pool of RunPod's GPU catalog (REST v2 places endpoint workers by pool). GPU types in pools, closest first: "NVIDIA GeForce RTX 4090", "NVIDIA A40", "NVIDIA L4".`},
		{id: "NVIDIA L5", serverless: true, want: `x[0] is "NVIDIA L5", which RunPod's GPU catalog does not list. GPU types in serverless pools, closest first: "NVIDIA L4", "NVIDIA A40", "NVIDIA GeForce RTX 4090".`},
	} {
		p := CheckListed(catalog, "x[0]", c.id, c.serverless)
		switch {
		case c.want == "" && p != nil:
			t.Errorf("%q (serverless %v): %s", c.id, c.serverless, p.Detail)
		case c.want != "" && p == nil:
			t.Errorf("%q (serverless %v) passed, want %s", c.id, c.serverless, c.want)
		case c.want != "" && len(p.Detail) < len(c.want) || c.want != "" && p.Detail[:len(c.want)] != c.want:
			t.Errorf("%q (serverless %v):\n got %s\nwant %s", c.id, c.serverless, p.Detail, c.want)
		}
	}
}

func TestCheckCPUFlavor(t *testing.T) {
	catalog := []runpodapi.CPUFlavor{{ID: "cpu3c"}, {ID: "cpu3g"}, {ID: "cpu5c"}}
	if p := CheckCPUFlavor(catalog, "cpu_flavor_ids[0]", "cpu5c"); p != nil {
		t.Errorf("cpu5c: %s", p.Detail)
	}
	want := `cpu_flavor_ids[0] is "cpu9c", which RunPod's catalog of CPU flavors does not list. CPU flavors, closest first: "cpu3c", "cpu5c", "cpu3g".`
	if p := CheckCPUFlavor(catalog, "cpu_flavor_ids[0]", "cpu9c"); p == nil || p.Detail != want {
		t.Errorf("cpu9c: got %v, want %s", p, want)
	}
}
