package yottamock

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// publicPairings are the GPU types and regions Yotta's public material ties together (the docs'
// examples, SkyPilot's catalogue, a script's notes of /v2/vms/types, the serverless tutorial):
// the seeded catalogue must offer each.
var publicPairings = map[string][]string{
	"NVIDIA_RTX_4090_24G":     {"us-east-1", "us-west-1", "us-east"},
	"NVIDIA_RTX_5090_32G":     {"us-east-2", "us-central-2"},
	"NVIDIA_H100_80G":         {"eu-2"},
	"NVIDIA_H200_141G":        {"eu-2", "eu-3"},
	"NVIDIA_RTX_6000_Ada_48G": {"eu-3"},
	"NVIDIA_RTX_PRO_6000_96G": {"us-central-7", "eu-3"},
}

// The official table's codes: the seeded catalogue has each.
var tableCodes = []string{"NVIDIA_RTX_4090_24G", "NVIDIA_RTX_5090_32G", "NVIDIA_RTX_A6000_48G", "NVIDIA_RTX_6000_Ada_48G",
	"NVIDIA_A100_PCIe_40G", "NVIDIA_A100_40G", "NVIDIA_A100_PCIe_80G", "NVIDIA_A100_80G", "NVIDIA_H100_PCIe_80G", "NVIDIA_H100_80G",
	"NVIDIA_RTX_PRO_6000_96G", "NVIDIA_H200_141G", "NVIDIA_B200_180G", "NVIDIA_B300_262G", "AWS_Trainium_32G", "AMD_MI300X_192G"}

// Every region code seen in public material.
var publicRegions = []string{"us-east-1", "us-west-1", "us-east-2", "us-central-2", "us-east-3", "us-central-3", "us-central-7", "eu-2", "eu-3", "us-east"}

func TestDefaultCatalogCoversThePublicMaterial(t *testing.T) {
	c := DefaultCatalog()
	if err := c.check(); err != nil {
		t.Fatal(err)
	}
	for _, code := range tableCodes {
		if !slices.ContainsFunc(c.GPUTypes, func(g GPUType) bool { return g.Code == code }) {
			t.Errorf("GPU type %s of Yotta's table is missing", code)
		}
	}
	for _, r := range publicRegions {
		if !slices.ContainsFunc(c.Regions, func(x Region) bool { return x.Code == r }) {
			t.Errorf("region %s is missing", r)
		}
	}
	for code, regions := range publicPairings {
		i := slices.IndexFunc(c.GPUTypes, func(g GPUType) bool { return g.Code == code })
		for _, r := range regions {
			if i < 0 || !slices.Contains(c.GPUTypes[i].Regions, r) {
				t.Errorf("%s is not offered in %s", code, r)
			}
		}
	}
}

func TestLoadCatalogReadsWhatDefaultCatalogWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "catalog.json")
	raw, _ := json.Marshal(DefaultCatalog())
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := LoadCatalog(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, DefaultCatalog()) {
		t.Errorf("loaded %+v", got)
	}
	for name, body := range map[string]string{
		"unknown field": `{"regions":[{"code":"a"}],"gpuTypes":[{"code":"G","vramInGb":1,"regions":["a"],"memory":3}]}`,
		"no gpu types":  `{"regions":[{"code":"a"}],"gpuTypes":[]}`,
		"region twice":  `{"regions":[{"code":"a"},{"code":"a"}],"gpuTypes":[{"code":"G","vramInGb":1,"regions":["a"]}]}`,
		"no vram":       `{"regions":[{"code":"a"}],"gpuTypes":[{"code":"G","regions":["a"]}]}`,
		"no regions":    `{"regions":[{"code":"a"}],"gpuTypes":[{"code":"G","vramInGb":1}]}`,
	} {
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadCatalog(path); err == nil {
			t.Errorf("%s: loaded", name)
		}
	}
}
