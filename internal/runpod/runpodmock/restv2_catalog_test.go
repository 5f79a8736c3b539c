package runpodmock

import (
	"testing"
)

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
