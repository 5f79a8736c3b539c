package datacenter

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// Data center ids in configurations are checked against what the configured backend lists
// (runpodapi.API.ListDataCenters), not against a list kept in the provider: REST v2's catalog
// says which data centers exist now and which network volume tiers each offers; REST v1
// knows its enum of ids only, so there any listed id passes.

// Problem is why a data center id does not fit, for a diagnostic on the attribute that holds it.
type Problem struct {
	Summary string
	Detail  string
}

// CheckVolumeDataCenter checks that catalog (what backend b listed) has data center id and
// that it offers network volumes of volumeType ("" for any tier: the data center's default).
// attribute names the setting in messages ("data_center_id"). With REST v1, whose list has no
// tiers, a listed id passes.
func CheckVolumeDataCenter(catalog []runpodapi.DataCenter, b runpodapi.Backend, attribute, id, volumeType string) *Problem {
	tiersKnown := b != runpodapi.BackendV1
	tier := "network volumes"
	if volumeType != "" {
		tier = volumeType + " network volumes"
	}
	var offering []string
	var dc *runpodapi.DataCenter
	for i := range catalog {
		if catalog[i].ID == id {
			dc = &catalog[i]
		}
		if !tiersKnown || offers(catalog[i], volumeType) {
			offering = append(offering, catalog[i].ID)
		}
	}
	if !tiersKnown {
		if dc != nil {
			return nil
		}
		return &Problem{Summary: "Unknown data center", Detail: fmt.Sprintf(
			"%s is %q, which is not one of the data centers of RunPod's REST v1 (api_version = \"v1\"). Data centers, closest first: %s.",
			attribute, id, strings.Join(Closest(id, offering), ", "))}
	}
	switch {
	case dc == nil:
		return &Problem{Summary: "Unknown data center", Detail: fmt.Sprintf(
			"%s is %q, which RunPod's catalog of data centers does not list. Data centers that offer %s, closest first: %s.",
			attribute, id, tier, orNone(Closest(id, offering)))}
	case offers(*dc, volumeType):
		return nil
	case len(dc.NetworkVolumeTypes) == 0:
		return &Problem{Summary: "Data center without network volumes", Detail: fmt.Sprintf(
			"%s is %q, which offers no network volumes (RunPod's catalog). Data centers that offer %s, closest first: %s.",
			attribute, id, tier, orNone(Closest(id, offering)))}
	default:
		return &Problem{Summary: "Data center without " + tier, Detail: fmt.Sprintf(
			"%s is %q, which offers %s network volumes only (RunPod's catalog). Set type to one of those, or use a data center "+
				"that offers %s; closest first: %s.",
			attribute, id, strings.Join(dc.NetworkVolumeTypes, " and "), tier, orNone(Closest(id, offering)))}
	}
}

// CheckListed checks that catalog (what backend b listed) has data center id; attribute
// names the setting in messages.
func CheckListed(catalog []runpodapi.DataCenter, b runpodapi.Backend, attribute, id string) *Problem {
	ids := make([]string, len(catalog))
	for i, dc := range catalog {
		if dc.ID == id {
			return nil
		}
		ids[i] = dc.ID
	}
	where := "which RunPod's catalog of data centers does not list"
	if b == runpodapi.BackendV1 {
		where = "which is not one of the data centers of RunPod's REST v1 (api_version = \"v1\")"
	}
	return &Problem{Summary: "Unknown data center", Detail: fmt.Sprintf(
		"%s is %q, %s. Data centers, closest first: %s.", attribute, id, where, orNone(Closest(id, ids)))}
}

// offers reports whether dc offers network volumes of volumeType ("": of any tier).
func offers(dc runpodapi.DataCenter, volumeType string) bool {
	if volumeType == "" {
		return len(dc.NetworkVolumeTypes) > 0
	}
	return slices.Contains(dc.NetworkVolumeTypes, volumeType)
}

func orNone(ids []string) string {
	if len(ids) == 0 {
		return "none"
	}
	return strings.Join(ids, ", ")
}

// Closest orders ids by how close each is to id (edit distance, ignoring case), the closest
// first, ties by id: what the user most likely meant comes first.
func Closest(id string, ids []string) []string {
	out := slices.Clone(ids)
	distance := make(map[string]int, len(out))
	for _, c := range out {
		distance[c] = editDistance(strings.ToUpper(id), strings.ToUpper(c))
	}
	slices.SortFunc(out, func(a, b string) int { return cmp.Or(cmp.Compare(distance[a], distance[b]), strings.Compare(a, b)) })
	return out
}

// editDistance is the Levenshtein distance between a and b, in bytes (ids are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Nearest returns up to n of labels' ids nearest to id, each as "<id> (<label>)", for the
// "closest" hint of an error about an id that does not exist.
func Nearest(id string, labels map[string]string, n int) []string {
	ids := slices.Collect(maps.Keys(labels))
	var out []string
	for _, c := range Closest(id, ids)[:min(n, len(ids))] {
		out = append(out, c+" ("+labels[c]+")")
	}
	return out
}
