package runpodapi

import (
	"testing"
)

func TestGPUPoolSelectionRoundTrips(t *testing.T) {
	var list v2ListGPUTypes
	if err := jsonUnmarshal(poolCatalog, &list); err != nil {
		t.Fatal(err)
	}
	p := newGPUPools(list.GPUs)
	for _, types := range [][]string{
		{"NVIDIA L4"}, {"NVIDIA GeForce RTX 4090", "NVIDIA L4"}, {"NVIDIA A40", "NVIDIA L4"}, {"NVIDIA RTX A6000", "NVIDIA A40", "NVIDIA L4"},
	} {
		pools, excluded, err := p.selection(types)
		if err != nil {
			t.Fatal(err)
		}
		back := p.typesOf(pools, excluded)
		if !sameSet(back, types) {
			t.Errorf("%v -> pools %v minus %v -> %v", types, pools, excluded, back)
		}
	}
}
