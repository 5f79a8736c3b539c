package networkvolume

import (
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

func volume(name string, size int64, dc string) volumeModel {
	return volumeModel{ID: types.StringValue("agv6w2qcg7"), Name: types.StringValue(name), Size: types.Int64Value(size), DataCenterID: types.StringValue(dc)}
}

func TestVolumeFromAPIAndCreateInput(t *testing.T) {
	nv := &runpodapi.NetworkVolume{ID: "agv6w2qcg7", Name: "models", Size: 50, DataCenterID: "EU-RO-1"}
	m := volumeFromAPI(nv)
	if want := volume("models", 50, "EU-RO-1"); m != want || !m.Type.IsNull() {
		t.Fatalf("volumeFromAPI = %+v, want %+v", m, want)
	}
	if got, want := m.createInput(), (runpodapi.NetworkVolumeCreateInput{Name: "models", Size: 50, DataCenterID: "EU-RO-1"}); !reflect.DeepEqual(got, want) {
		t.Errorf("createInput = %+v, want %+v", got, want)
	}
	m.Type = types.StringValue(TypeHighPerformance)
	if got := m.createInput(); got.Type == nil || *got.Type != TypeHighPerformance {
		t.Errorf("createInput = %+v, want the tier", got)
	}
	m.Type = types.StringUnknown() // not configured: RunPod picks the data center's default
	if got := m.createInput(); got.Type != nil {
		t.Errorf("createInput = %+v, want no tier", got)
	}
	nv.Type = TypeStandard
	if got := volumeFromAPI(nv).Type; got != types.StringValue(TypeStandard) {
		t.Errorf("type %v", got)
	}
}

// REST v1 reports no tier: the resource keeps the tier it knew; REST v2's answer wins.
func TestWithAPIKeepsTheTierV1DoesNotReport(t *testing.T) {
	v1 := &runpodapi.NetworkVolume{ID: "agv6w2qcg7", Name: "models", Size: 50, DataCenterID: "EU-RO-1"}
	v2 := &runpodapi.NetworkVolume{ID: "agv6w2qcg7", Name: "models", Size: 50, DataCenterID: "EU-RO-1", Type: TypeHighPerformance}
	for _, tc := range []struct {
		name  string
		known types.String
		nv    *runpodapi.NetworkVolume
		want  types.String
	}{
		{"v1, configured", types.StringValue(TypeStandard), v1, types.StringValue(TypeStandard)},
		{"v1, read by v2 before", types.StringValue(TypeHighPerformance), v1, types.StringValue(TypeHighPerformance)},
		{"v1, not set", types.StringNull(), v1, types.StringNull()},
		{"v1, created without a tier", types.StringUnknown(), v1, types.StringNull()},
		{"v2 reads the tier", types.StringUnknown(), v2, types.StringValue(TypeHighPerformance)},
		{"v2 wins over what was known", types.StringValue(TypeStandard), v2, types.StringValue(TypeHighPerformance)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := volume("models", 50, "EU-RO-1")
			m.Type = tc.known
			if got := m.withAPI(tc.nv).Type; got != tc.want {
				t.Errorf("type %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSizeRangeOfEachAPI(t *testing.T) {
	if lo, hi := sizeRange(runpodapi.BackendV2); lo != 10 || hi != 4096 {
		t.Errorf("v2 %d..%d", lo, hi)
	}
	if lo, hi := sizeRange(runpodapi.BackendV1); lo != 1 || hi != 4000 {
		t.Errorf("v1 %d..%d", lo, hi)
	}
	// The schema takes the union; ModifyPlan narrows it to the API in use.
	if MinSize != 1 || MaxSize != 4096 {
		t.Errorf("schema %d..%d", MinSize, MaxSize)
	}
}

func TestUpdateInputHoldsOnlyWhatChanges(t *testing.T) {
	prior := volume("models", 50, "EU-RO-1")
	for _, tc := range []struct {
		name string
		plan volumeModel
		want runpodapi.NetworkVolumeUpdateInput
	}{
		{"nothing", volume("models", 50, "EU-RO-1"), runpodapi.NetworkVolumeUpdateInput{}},
		{"rename", volume("weights", 50, "EU-RO-1"), runpodapi.NetworkVolumeUpdateInput{Name: runpodapi.Ptr("weights")}},
		{"grow", volume("models", 80, "EU-RO-1"), runpodapi.NetworkVolumeUpdateInput{Size: runpodapi.Ptr(80)}},
		{"both", volume("weights", 80, "EU-RO-1"), runpodapi.NetworkVolumeUpdateInput{Name: runpodapi.Ptr("weights"), Size: runpodapi.Ptr(80)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.plan.updateInput(prior); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("updateInput = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestShrink(t *testing.T) {
	prior := volume("models", 100, "EU-RO-1")
	unknownSize := volume("models", 0, "EU-RO-1")
	unknownSize.Size = types.Int64Unknown()
	unknownDC := volume("models", 10, "")
	unknownDC.DataCenterID = types.StringUnknown()
	for _, tc := range []struct {
		name     string
		plan     volumeModel
		from, to int64
		shrinks  bool
	}{
		{"same size", volume("models", 100, "EU-RO-1"), 100, 100, false},
		{"grow", volume("models", 200, "EU-RO-1"), 100, 200, false},
		{"shrink", volume("models", 99, "EU-RO-1"), 100, 99, true},
		{"shrink while renaming", volume("weights", 1, "EU-RO-1"), 100, 1, true},
		{"smaller in another data center is a new volume", volume("models", 10, "US-TX-3"), 0, 0, false},
		{"smaller in a data center known after apply is a new volume", unknownDC, 0, 0, false},
		{"size known after apply is judged at apply", unknownSize, 0, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			from, to, shrinks := tc.plan.shrink(prior)
			if shrinks != tc.shrinks || (shrinks && (from != tc.from || to != tc.to)) {
				t.Errorf("shrink = (%d, %d, %v), want (%d, %d, %v)", from, to, shrinks, tc.from, tc.to, tc.shrinks)
			}
		})
	}
}

func TestShrinkDetailNamesSizesAndWaysForward(t *testing.T) {
	d := shrinkDetail("agv6w2qcg7", 100, 50)
	for _, want := range []string{"network volume agv6w2qcg7 from 100 GB to 50 GB", "set size to 100 or more", "empty 50 GB volume", "terraform destroy -target=<address>"} {
		if !strings.Contains(d, want) {
			t.Errorf("shrink detail lacks %q:\n%s", want, d)
		}
	}
}

func TestSelectVolumesFiltersAndOrdersByID(t *testing.T) {
	all := []runpodapi.NetworkVolume{
		{ID: "c", Name: "models", DataCenterID: "EU-RO-1"},
		{ID: "a", Name: "models", DataCenterID: "US-TX-3"},
		{ID: "b", Name: "cache", DataCenterID: "EU-RO-1"},
	}
	ids := func(nvs []runpodapi.NetworkVolume) []string {
		out := []string{}
		for _, nv := range nvs {
			out = append(out, nv.ID)
		}
		return out
	}
	for _, tc := range []struct {
		name, dc string
		want     []string
	}{
		{"", "", []string{"a", "b", "c"}},
		{"models", "", []string{"a", "c"}},
		{"", "EU-RO-1", []string{"b", "c"}},
		{"models", "EU-RO-1", []string{"c"}},
		{"nope", "", []string{}},
	} {
		if got := ids(selectVolumes(all, tc.name, tc.dc)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("selectVolumes(name %q, dc %q) = %v, want %v", tc.name, tc.dc, got, tc.want)
		}
	}
}
