package gputype

import (
	"fmt"
	"strings"

	"github.com/runpod-community/terraform-provider-runpod/internal/datacenter"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod"
)

// closestShown is how many ids a Problem suggests: the catalog has dozens of GPU types.
const closestShown = 3

// CheckListed checks that catalog (runpod.API.GPUCatalog) has GPU type id; with pools, a
// serverless pool id of the catalog (such as ADA_24) passes too. attribute names the setting
// in messages ("gpu_type_ids[1]").
func CheckListed(catalog []runpod.GPUCatalogEntry, attribute, id string, pools bool) *datacenter.Problem {
	ids := make([]string, 0, len(catalog))
	seen := map[string]bool{}
	for _, g := range catalog {
		if g.ID == id || (pools && g.Pool != "" && g.Pool == id) {
			return nil
		}
		ids = append(ids, g.ID)
		if pools && g.Pool != "" && !seen[g.Pool] {
			seen[g.Pool] = true
			ids = append(ids, g.Pool)
		}
	}
	what := "GPU types"
	if pools {
		what = "GPU types and pools"
	}
	return &datacenter.Problem{Summary: "Unknown GPU type", Detail: fmt.Sprintf(
		"%s is %q, which RunPod's GPU catalog does not list. %s, closest first: %s.",
		attribute, id, what, quoted(datacenter.Closest(id, ids)))}
}

// CheckCPUFlavor checks that catalog (runpod.API.ListCPUFlavors) has CPU flavor id.
func CheckCPUFlavor(catalog []runpod.CPUFlavor, attribute, id string) *datacenter.Problem {
	ids := make([]string, len(catalog))
	for i, f := range catalog {
		if f.ID == id {
			return nil
		}
		ids[i] = f.ID
	}
	return &datacenter.Problem{Summary: "Unknown CPU flavor", Detail: fmt.Sprintf(
		"%s is %q, which RunPod's catalog of CPU flavors does not list. CPU flavors, closest first: %s.",
		attribute, id, quoted(datacenter.Closest(id, ids)))}
}

func quoted(ids []string) string {
	if len(ids) == 0 {
		return "none"
	}
	ids = ids[:min(len(ids), closestShown)]
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = fmt.Sprintf("%q", id)
	}
	return strings.Join(q, ", ")
}
