package gputype

import (
	"fmt"
	"strings"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/datacenter"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// closestShown is how many ids a Problem suggests: the catalog has dozens of GPU types.
const closestShown = 3

// CheckListed checks that catalog (runpodapi.API.GPUCatalog) has GPU type id. attribute names
// the setting in messages ("gpu_type_ids[1]"). With serverless (an endpoint on REST v2, which
// places workers by pool), the type must also be in a serverless pool, and a pool id of the
// catalog (such as ADA_24) is let through: RunPod judges it at apply.
func CheckListed(catalog []runpodapi.GPUCatalogEntry, attribute, id string, serverless bool) *datacenter.Problem {
	ids := make([]string, 0, len(catalog))
	listed := false
	for _, g := range catalog {
		if serverless && g.Pool == id {
			return nil
		}
		if g.ID == id {
			if !serverless || g.Pool != "" {
				return nil
			}
			listed = true
		}
		if !serverless || g.Pool != "" {
			ids = append(ids, g.ID)
		}
	}
	if !serverless {
		return &datacenter.Problem{Summary: "Unknown GPU type", Detail: fmt.Sprintf(
			"%s is %q, which RunPod's GPU catalog does not list. GPU types, closest first: %s.",
			attribute, id, quoted(datacenter.Closest(id, ids)))}
	}
	if listed {
		return &datacenter.Problem{Summary: "GPU type without a serverless pool", Detail: fmt.Sprintf(
			"%s is %q, which is in no serverless GPU pool of RunPod's GPU catalog (REST v2 places endpoint workers by pool). "+
				"GPU types in pools, closest first: %s.", attribute, id, quoted(datacenter.Closest(id, ids)))}
	}
	return &datacenter.Problem{Summary: "Unknown GPU type", Detail: fmt.Sprintf(
		"%s is %q, which RunPod's GPU catalog does not list. GPU types in serverless pools, closest first: %s.",
		attribute, id, quoted(datacenter.Closest(id, ids)))}
}

// CheckCPUFlavor checks that catalog (runpodapi.API.ListCPUFlavors) has CPU flavor id.
func CheckCPUFlavor(catalog []runpodapi.CPUFlavor, attribute, id string) *datacenter.Problem {
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
