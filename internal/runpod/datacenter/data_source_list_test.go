package datacenter

import (
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

var catalog = []runpodapi.DataCenter{
	{ID: "US-TX-3", Name: "US Texas 3", Region: "NORTH_AMERICA", Country: "US", GlobalNetwork: true, NetworkVolumeTypes: []string{"STANDARD", "HIGH_PERFORMANCE"},
		GPUAvailability: []runpodapi.Availability{{ID: "NVIDIA A40", StockStatus: "High"}, {ID: "NVIDIA L4", StockStatus: "None"}}},
	{ID: "EU-RO-1", Name: "EU Romania 1", Region: "EUROPE", Country: "RO", GlobalNetwork: true, NetworkVolumeTypes: []string{"STANDARD", "HIGH_PERFORMANCE"},
		GPUAvailability: []runpodapi.Availability{{ID: "NVIDIA L4", StockStatus: "Low"}}},
	{ID: "EU-SE-1", Name: "EU Sweden 1", Region: "EUROPE", Country: "SE", NetworkVolumeTypes: []string{"STANDARD"}},
	{ID: "US-DE-1", Name: "US Delaware 1", Region: "NORTH_AMERICA", Country: "US"},
}

func noFilter() dataCentersModel {
	return dataCentersModel{Region: types.StringNull(), CountryCode: types.StringNull(), GlobalNetwork: types.BoolNull(),
		NetworkVolumeType: types.StringNull(), GPUTypeID: types.StringNull()}
}

func TestSelectDataCentersFiltersAndOrdersByID(t *testing.T) {
	for _, tc := range []struct {
		name  string
		apply func(*dataCentersModel)
		want  []string
	}{
		{"no filter", func(*dataCentersModel) {}, []string{"EU-RO-1", "EU-SE-1", "US-DE-1", "US-TX-3"}},
		{"region", func(f *dataCentersModel) { f.Region = types.StringValue("EUROPE") }, []string{"EU-RO-1", "EU-SE-1"}},
		{"country", func(f *dataCentersModel) { f.CountryCode = types.StringValue("US") }, []string{"US-DE-1", "US-TX-3"}},
		{"global network", func(f *dataCentersModel) { f.GlobalNetwork = types.BoolValue(true) }, []string{"EU-RO-1", "US-TX-3"}},
		{"no global network", func(f *dataCentersModel) { f.GlobalNetwork = types.BoolValue(false) }, []string{"EU-SE-1", "US-DE-1"}},
		{"volume tier", func(f *dataCentersModel) { f.NetworkVolumeType = types.StringValue("HIGH_PERFORMANCE") }, []string{"EU-RO-1", "US-TX-3"}},
		{"standard volumes", func(f *dataCentersModel) { f.NetworkVolumeType = types.StringValue("STANDARD") }, []string{"EU-RO-1", "EU-SE-1", "US-TX-3"}},
		{"GPU in stock", func(f *dataCentersModel) { f.GPUTypeID = types.StringValue("NVIDIA L4") }, []string{"EU-RO-1"}}, // None in US-TX-3
		{"GPU offered nowhere", func(f *dataCentersModel) { f.GPUTypeID = types.StringValue("NVIDIA B200") }, nil},
		{"every filter", func(f *dataCentersModel) {
			f.Region, f.CountryCode, f.GlobalNetwork = types.StringValue("NORTH_AMERICA"), types.StringValue("US"), types.BoolValue(true)
			f.NetworkVolumeType, f.GPUTypeID = types.StringValue("STANDARD"), types.StringValue("NVIDIA A40")
		}, []string{"US-TX-3"}},
		{"filters that exclude each other", func(f *dataCentersModel) {
			f.Region, f.CountryCode = types.StringValue("EUROPE"), types.StringValue("US")
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := noFilter()
			tc.apply(&f)
			var got []string
			for _, dc := range selectDataCenters(catalog, f) {
				got = append(got, dc.ID)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("selected %v, want %v", got, tc.want)
			}
		})
	}
	if catalog[0].ID != "US-TX-3" {
		t.Error("selectDataCenters reordered the catalog it was given")
	}
}

func TestV1RefusesTheFiltersItCannotAnswer(t *testing.T) {
	if diags := v1Unsupported(func() dataCentersModel { f := noFilter(); f.CountryCode = types.StringValue("US"); return f }()); diags.HasError() {
		t.Errorf("country_code is read from the id, which v1 has: %v", diags)
	}
	f := noFilter()
	f.Region, f.GlobalNetwork = types.StringValue("EUROPE"), types.BoolValue(false)
	f.NetworkVolumeType, f.GPUTypeID = types.StringValue("STANDARD"), types.StringValue("NVIDIA L4")
	diags := v1Unsupported(f)
	var names []string
	for _, d := range diags {
		names = append(names, strings.Fields(d.Detail())[0])
		if d.Summary() != "Not supported by RunPod's REST v1" || !strings.Contains(d.Detail(), `api_version = "v2"`) {
			t.Errorf("diagnostic %q: %q", d.Summary(), d.Detail())
		}
	}
	if want := []string{"region", "global_network", "network_volume_type", "gpu_type_id"}; !slices.Equal(names, want) {
		t.Errorf("refused %v, want %v", names, want)
	}
}

func TestFromAPILeavesNullWhatV1DoesNotReport(t *testing.T) {
	v2 := fromAPI(catalog[0], runpodapi.BackendV2)
	if !v2.GlobalNetwork.ValueBool() || v2.Region.ValueString() != "NORTH_AMERICA" || len(v2.GPUAvailability) != 2 || len(v2.NetworkVolumeTypes.Elements()) != 2 {
		t.Errorf("v2 %+v", v2)
	}
	v1 := fromAPI(runpodapi.DataCenter{ID: "EU-RO-1", Name: "EU-RO-1", Country: "RO"}, runpodapi.BackendV1)
	if !v1.GlobalNetwork.IsNull() || !v1.Region.IsNull() || v1.CountryCode.ValueString() != "RO" || v1.GPUAvailability == nil ||
		len(v1.Compliance.Elements()) != 0 || len(v1.NetworkVolumeTypes.Elements()) != 0 {
		t.Errorf("v1 %+v", v1)
	}
}
