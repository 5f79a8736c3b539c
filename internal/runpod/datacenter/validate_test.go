package datacenter

import (
	"slices"
	"strings"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

func TestClosestPutsTheLikelyMeaningFirst(t *testing.T) {
	ids := []string{"US-TX-3", "EU-SE-1", "EU-RO-1", "US-TX-1", "EUR-IS-1"}
	for _, tc := range []struct {
		id   string
		want []string
	}{
		{"eu-ro-1", []string{"EU-RO-1", "EU-SE-1", "EUR-IS-1", "US-TX-1", "US-TX-3"}}, // case is ignored
		{"US-TX-2", []string{"US-TX-1", "US-TX-3", "EU-RO-1", "EU-SE-1", "EUR-IS-1"}}, // ties by id
		{"EU-RO", []string{"EU-RO-1", "EU-SE-1", "EUR-IS-1", "US-TX-1", "US-TX-3"}},
	} {
		if got := Closest(tc.id, ids); !slices.Equal(got, tc.want) {
			t.Errorf("Closest(%q) = %v, want %v", tc.id, got, tc.want)
		}
	}
	if ids[0] != "US-TX-3" {
		t.Error("Closest reordered its input")
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"", "ab", 2}, {"EU-RO-1", "EU-RO-1", 0}, {"EU-RO-1", "EU-RO-2", 1},
		{"EU-RO-1", "EUR-IS-1", 3}, {"kitten", "sitting", 3},
	} {
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestCheckVolumeDataCenter(t *testing.T) {
	for _, tc := range []struct {
		name, id, tier string
		b              runpodapi.Backend
		summary        string   // "" when the data center fits
		detail         []string // parts of the detail, in order
	}{
		{name: "default tier", id: "EU-SE-1", b: runpodapi.BackendV2},
		{name: "standard", id: "EU-SE-1", tier: "STANDARD", b: runpodapi.BackendV2},
		{name: "high performance", id: "US-TX-3", tier: "HIGH_PERFORMANCE", b: runpodapi.BackendV2},
		{
			name: "unknown id", id: "eu-ro-1", tier: "STANDARD", b: runpodapi.BackendV2, summary: "Unknown data center",
			detail: []string{`data_center_id is "eu-ro-1", which RunPod's catalog of data centers does not list.`,
				"Data centers that offer STANDARD network volumes, closest first: EU-RO-1, EU-SE-1, US-TX-3."},
		},
		{
			name: "unknown id, any tier", id: "US-TX-9", b: runpodapi.BackendV2, summary: "Unknown data center",
			detail: []string{"Data centers that offer network volumes, closest first: US-TX-3, EU-RO-1, EU-SE-1."},
		},
		{
			name: "tier not offered", id: "EU-SE-1", tier: "HIGH_PERFORMANCE", b: runpodapi.BackendV2,
			summary: "Data center without HIGH_PERFORMANCE network volumes",
			detail: []string{`data_center_id is "EU-SE-1", which offers STANDARD network volumes only (RunPod's catalog).`,
				"Set type to one of those, or use a data center that offers HIGH_PERFORMANCE network volumes; closest first: EU-RO-1, US-TX-3."},
		},
		{
			name: "no volumes at all", id: "US-DE-1", b: runpodapi.BackendV2, summary: "Data center without network volumes",
			detail: []string{`data_center_id is "US-DE-1", which offers no network volumes`, "closest first: EU-SE-1, US-TX-3, EU-RO-1."},
		},
		// REST v1 lists ids without tiers: any listed id passes, whatever the tier.
		{name: "v1 listed", id: "US-DE-1", tier: "STANDARD", b: runpodapi.BackendV1},
		{
			name: "v1 unknown", id: "MARS-1", b: runpodapi.BackendV1, summary: "Unknown data center",
			detail: []string{`data_center_id is "MARS-1", which is not one of the data centers of RunPod's REST v1 (api_version = "v1").`,
				"Data centers, closest first: EU-RO-1, EU-SE-1, US-DE-1, US-TX-3."},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			list := catalog
			if tc.b == runpodapi.BackendV1 { // what the v1 backend lists: ids only
				list = nil
				for _, dc := range catalog {
					list = append(list, runpodapi.DataCenter{ID: dc.ID, Name: dc.ID, Country: dc.Country})
				}
			}
			p := CheckVolumeDataCenter(list, tc.b, "data_center_id", tc.id, tc.tier)
			switch {
			case tc.summary == "" && p != nil:
				t.Fatalf("refused: %+v", p)
			case tc.summary == "":
				return
			case p == nil:
				t.Fatal("accepted")
			case p.Summary != tc.summary:
				t.Errorf("summary %q, want %q", p.Summary, tc.summary)
			}
			rest := p.Detail
			for _, part := range tc.detail {
				i := strings.Index(rest, part)
				if i < 0 {
					t.Fatalf("detail lacks (in order) %q:\n%s", part, p.Detail)
				}
				rest = rest[i+len(part):]
			}
		})
	}
}

func TestCheckListed(t *testing.T) {
	if p := CheckListed(catalog, runpodapi.BackendV2, "data_center_id", "US-DE-1"); p != nil {
		t.Errorf("a listed data center without volumes is still a data center: %+v", p)
	}
	p := CheckListed(catalog, runpodapi.BackendV2, "data_center_id", "EU-RO-2")
	if p == nil || !strings.Contains(p.Detail, `data_center_id is "EU-RO-2", which RunPod's catalog of data centers does not list. Data centers, closest first: EU-RO-1, EU-SE-1, US-DE-1, US-TX-3.`) {
		t.Errorf("%+v", p)
	}
	p = CheckListed(catalog, runpodapi.BackendV1, "data_center_id", "EU-RO-2")
	if p == nil || !strings.Contains(p.Detail, `not one of the data centers of RunPod's REST v1 (api_version = "v1")`) {
		t.Errorf("%+v", p)
	}
}
