package runpodmock

import (
	"slices"
)

// GPU stock: how many GPUs of a type are free per cloud and data center.
//
// Model: a GPU type is offered in a cloud by an ordered list of data centers (the seed puts
// every secure type in EU-RO-1 and every community type in US-TX-1 first, plus two more each:
// see offeringDataCenters), and each (type, cloud, data center) has its own free count. The
// per type×cloud stock that REST v1 and GraphQL see is the sum over the data centers, so
// Options.GPUStock (the per type×cloud total, default 64) is spread evenly over the offering
// data centers (the remainder to the first ones), and SetGPUStock(type, cloud, n) puts all n
// in the first offering data center and zero in the others. SetGPUStockInDataCenter sets one
// data center's count, offering the type there if it was not.
//
// Renting: REST v2 places a pod in exactly one data center that has gpu.count free GPUs of
// the one requested type (among dataCenterIds when given, in their order; otherwise the one
// with most free, ties in offering order). REST v1 and GraphQL keep their old model: the pod
// reports the first requested data center (or the cloud's default) and its GPUs come out of
// the type×cloud total, taken from that data center first and then from the others.
type stock struct {
	free   map[stockKey]int
	offers map[offerKey][]string // data centers offering a type in a cloud, in order
}

type stockKey struct{ gpuTypeID, cloud, dataCenterID string }

type offerKey struct{ gpuTypeID, cloud string }

func newStock() stock {
	return stock{free: map[stockKey]int{}, offers: map[offerKey][]string{}}
}

// spread offers a type in a cloud in dcs and spreads total over them.
func (s stock) spread(gpuTypeID, cloud string, dcs []string, total int) {
	k := offerKey{gpuTypeID, cloud}
	s.offers[k] = append([]string(nil), dcs...)
	for i, dc := range dcs {
		n := total / len(dcs)
		if i < total%len(dcs) {
			n++
		}
		s.free[stockKey{gpuTypeID, cloud, dc}] = n
	}
}

// setTotal sets the type×cloud total: all of it in the first offering data center.
func (s stock) setTotal(gpuTypeID, cloud string, n int) {
	dcs := s.offers[offerKey{gpuTypeID, cloud}]
	if len(dcs) == 0 {
		dcs = []string{defaultDataCenter(cloud)}
		s.offers[offerKey{gpuTypeID, cloud}] = dcs
	}
	for i, dc := range dcs {
		s.free[stockKey{gpuTypeID, cloud, dc}] = 0
		if i == 0 {
			s.free[stockKey{gpuTypeID, cloud, dc}] = n
		}
	}
}

// setIn sets one data center's count, offering the type there if it was not.
func (s stock) setIn(gpuTypeID, cloud, dc string, n int) {
	k := offerKey{gpuTypeID, cloud}
	if !slices.Contains(s.offers[k], dc) {
		s.offers[k] = append(s.offers[k], dc)
	}
	s.free[stockKey{gpuTypeID, cloud, dc}] = n
}

// dataCenters lists the data centers offering a type in a cloud.
func (s stock) dataCenters(gpuTypeID, cloud string) []string {
	return s.offers[offerKey{gpuTypeID, cloud}]
}

// inDC is the free count of a type in a cloud and data center.
func (s stock) inDC(gpuTypeID, cloud, dc string) int {
	return s.free[stockKey{gpuTypeID, cloud, dc}]
}

// total is the free count of a type in a cloud, over all data centers.
func (s stock) total(gpuTypeID, cloud string) int {
	n := 0
	for _, dc := range s.dataCenters(gpuTypeID, cloud) {
		n += s.inDC(gpuTypeID, cloud, dc)
	}
	return n
}

// takePooled takes n GPUs out of the type×cloud total, from preferred first (REST v1 and
// GraphQL), and returns what it took per data center; ok is false (nothing taken) when the
// total is short.
func (s stock) takePooled(gpuTypeID, cloud, preferred string, n int) (map[string]int, bool) {
	if s.total(gpuTypeID, cloud) < n {
		return nil, false
	}
	order := append([]string{preferred}, s.dataCenters(gpuTypeID, cloud)...)
	taken := map[string]int{}
	for _, dc := range order {
		k := stockKey{gpuTypeID, cloud, dc}
		got := min(s.free[k], n)
		if got > 0 {
			s.free[k] -= got
			taken[dc] += got
			n -= got
		}
	}
	return taken, true
}

// place picks the data center a REST v2 pod lands in: the first of candidates (in order) with
// n free, or with preferOrder false the one with most free (ties in order); "" when none.
func (s stock) place(gpuTypeID, cloud string, candidates []string, n int, preferOrder bool) string {
	best, bestFree := "", -1
	for _, dc := range candidates {
		free := s.inDC(gpuTypeID, cloud, dc)
		if free < n {
			continue
		}
		if preferOrder {
			return dc
		}
		if free > bestFree {
			best, bestFree = dc, free
		}
	}
	return best
}

// give returns GPUs a pod held.
func (s stock) give(gpuTypeID, cloud string, taken map[string]int) {
	for dc, n := range taken {
		s.free[stockKey{gpuTypeID, cloud, dc}] += n
	}
}

func defaultDataCenter(cloud string) string {
	if cloud == cloudCommunity {
		return "US-TX-1"
	}
	return "EU-RO-1"
}

// availabilityLevel maps free GPUs to the catalogs' levels for a request of want GPUs, with
// the thresholds GraphQL's stockStatus uses.
func availabilityLevel(free, want int) string {
	switch {
	case free < want || free == 0:
		return "NONE"
	case free >= 32:
		return "HIGH"
	case free >= 8:
		return "MEDIUM"
	default:
		return "LOW"
	}
}
