package runpodmock

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodwire"
)

func (s *Server) routeCatalogV2() {
	st := s.store
	s.v2.Handle("GET /v2/catalog/gpus", func(r *http.Request) (int, any, *apiError) {
		avail, err := gpuCatalogQuery(r)
		if err != nil {
			return 0, nil, err
		}
		gpus := []map[string]any{}
		for _, g := range append(slices.Clone(st.gpuTypes), unknownGPU) {
			if avail != nil && len(avail.countryCodes) > 0 && !s.offeredIn(g, avail.cloud, avail.countryCodes) {
				continue // no data center in those countries: the type drops out of the list
			}
			gpus = append(gpus, s.gpuTypeV2(g, avail))
		}
		return http.StatusOK, map[string]any{"gpus": gpus}, nil
	})
	s.v2.Handle("GET /v2/catalog/gpus/{id}", func(r *http.Request) (int, any, *apiError) {
		avail, err := gpuCatalogQuery(r)
		if err != nil {
			return 0, nil, err
		}
		g, ok := st.gpuType(r.PathValue("id"))
		if !ok && r.PathValue("id") == unknownGPU.ID {
			g, ok = unknownGPU, true
		}
		if !ok {
			return 0, nil, notFound("GPU type")
		}
		return http.StatusOK, s.gpuTypeV2(g, avail), nil
	})
	s.v2.Handle("GET /v2/catalog/cpus", func(r *http.Request) (int, any, *apiError) {
		withAvail, err := cpuCatalogQuery(r)
		if err != nil {
			return 0, nil, err
		}
		cpus := []map[string]any{}
		for _, f := range cpuFlavors {
			cpus = append(cpus, cpuTypeV2(f, withAvail))
		}
		return http.StatusOK, map[string]any{"cpus": cpus}, nil
	})
	s.v2.Handle("GET /v2/catalog/cpus/{id}", func(r *http.Request) (int, any, *apiError) {
		withAvail, err := cpuCatalogQuery(r)
		if err != nil {
			return 0, nil, err
		}
		f, ok := cpuFlavor(r.PathValue("id"))
		if !ok {
			return 0, nil, notFound("CPU type")
		}
		return http.StatusOK, cpuTypeV2(f, withAvail), nil
	})
	s.v2.Handle("GET /v2/catalog/datacenters", func(r *http.Request) (int, any, *apiError) {
		q, err := dataCenterQuery(r, true)
		if err != nil {
			return 0, nil, err
		}
		dcs := []map[string]any{}
		for _, dc := range DataCenters {
			if q.match(dc) {
				dcs = append(dcs, s.dataCenterV2(dc, q.gpu, q.cpu))
			}
		}
		return http.StatusOK, map[string]any{"dataCenters": dcs}, nil
	})
	s.v2.Handle("GET /v2/catalog/datacenters/{id}", func(r *http.Request) (int, any, *apiError) {
		q, err := dataCenterQuery(r, false)
		if err != nil {
			return 0, nil, err
		}
		dc, ok := dataCenter(r.PathValue("id"))
		if !ok {
			return 0, nil, notFound("data center")
		}
		return http.StatusOK, s.dataCenterV2(dc, q.gpu, q.cpu), nil
	})
	s.v2.Handle("GET /v2/catalog/templates", func(r *http.Request) (int, any, *apiError) {
		source := r.URL.Query().Get("source")
		if source == "" {
			source = "official"
		}
		if !slices.Contains([]string{"official", "verified", "community"}, source) {
			return 0, nil, unprocessable("$.source: value must be one of 'official', 'verified', 'community'")
		}
		templates := []runpodwire.Template{}
		for _, t := range sorted(st.templates) {
			// official: RunPod's; community: every other public template (the account's own
			// public ones included); verified: none in the mock.
			if (source == "official" && t.IsRunpod) || (source == "community" && t.IsPublic && !t.IsRunpod) {
				if len(templates) < 100 {
					templates = append(templates, s.templateV2(t))
				}
			}
		}
		return http.StatusOK, runpodwire.TemplateList{Templates: templates}, nil
	})
}

// offeredIn reports whether a data center in one of the countries offers the type in a cloud.
func (s *Server) offeredIn(g GPUType, cloud string, countries []string) bool {
	for _, id := range s.store.stock.dataCenters(g.ID, cloud) {
		if dc, ok := dataCenter(id); ok && slices.Contains(countries, dc.CountryCode) {
			return true
		}
	}
	return false
}

// queryList splits a comma-separated (explode: false) query parameter.
func queryList(r *http.Request, name string) ([]string, bool) {
	v, ok := r.URL.Query()[name]
	if !ok {
		return nil, false
	}
	var out []string
	for _, item := range strings.Split(strings.Join(v, ","), ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out, true
}

// enumList checks a list parameter's values: a bad one is a 422 naming it.
func enumList(name string, values, allowed []string, errs *[]string) {
	for i, v := range values {
		if !slices.Contains(allowed, v) {
			*errs = append(*errs, fmt.Sprintf("$.%s[%d]: value must be one of %s", name, i, quoteList(allowed)))
		}
	}
}

var (
	countryCodePattern  = regexp.MustCompile(`^[A-Z]{2}$`)
	cudaQueryPattern    = regexp.MustCompile(`^\d+\.\d+$`)
	minCudaQueryPattern = regexp.MustCompile(`^\d+(\.\d+)?$`)
)

// gpuCatalogQuery reads include=AVAILABILITY and the parameters valid only with it (400 when
// sent without it; product is required with it), or nil without include.
func gpuCatalogQuery(r *http.Request) (*gpuAvailabilityQuery, *apiError) {
	q := r.URL.Query()
	var errs []string
	include, hasInclude := queryList(r, "include")
	enumList("include", include, []string{"AVAILABILITY"}, &errs)
	if len(include) > 1 {
		errs = append(errs, fmt.Sprintf("$.include: maxItems: got %d, want 1", len(include)))
	}
	products, hasProduct := queryList(r, "product")
	enumList("product", products, []string{"POD", "CLUSTER", "SERVERLESS"}, &errs)
	countries, hasCountries := queryList(r, "countryCodes")
	for i, c := range countries {
		if !countryCodePattern.MatchString(c) {
			errs = append(errs, fmt.Sprintf("$.countryCodes[%d]: '%s' does not match pattern '^[A-Z]{2}$'", i, c))
		}
	}
	cudas, hasCudas := queryList(r, "cudaVersions")
	for i, c := range cudas {
		if !cudaQueryPattern.MatchString(c) {
			errs = append(errs, fmt.Sprintf("$.cudaVersions[%d]: '%s' does not match pattern '^\\d+\\.\\d+$'", i, c))
		}
	}
	minCuda, hasMinCuda := q.Get("minCudaVersion"), q.Has("minCudaVersion")
	if hasMinCuda && !minCudaQueryPattern.MatchString(minCuda) {
		errs = append(errs, fmt.Sprintf("$.minCudaVersion: '%s' does not match pattern '^\\d+(\\.\\d+)?$'", minCuda))
	}
	count := 1
	if q.Has("count") {
		n, err := strconv.Atoi(q.Get("count"))
		switch {
		case err != nil:
			errs = append(errs, fmt.Sprintf("$.count: got string, want integer"))
		case n < 1:
			errs = append(errs, fmt.Sprintf("$.count: minimum: got %d, want 1", n))
		}
		count = n
	}
	cloud := q.Get("cloud")
	if q.Has("cloud") && cloud != cloudSecure && cloud != cloudCommunity {
		errs = append(errs, "$.cloud: value must be one of 'SECURE', 'COMMUNITY'")
	}
	if len(errs) > 0 {
		return nil, unprocessable(errs...)
	}
	if !hasInclude || len(include) == 0 {
		for name, sent := range map[string]bool{"product": hasProduct, "count": q.Has("count"), "cloud": q.Has("cloud"),
			"countryCodes": hasCountries, "cudaVersions": hasCudas, "minCudaVersion": hasMinCuda} {
			if sent {
				return nil, badRequest("%s is valid only with include=AVAILABILITY", name)
			}
		}
		return nil, nil
	}
	if len(products) == 0 {
		return nil, badRequest("include=AVAILABILITY requires product (POD, CLUSTER or SERVERLESS): availability differs by product")
	}
	if hasCudas && hasMinCuda {
		return nil, badRequest("cudaVersions and minCudaVersion are mutually exclusive")
	}
	if cloud == "" {
		cloud = cloudSecure
	}
	return &gpuAvailabilityQuery{
		cloud: cloud, count: count, countryCodes: countries, cudaVersions: cudas, minCuda: minCuda,
		serverlessOnly: len(products) == 1 && products[0] == "SERVERLESS",
	}, nil
}

// cpuCatalogQuery reads include=AVAILABILITY with its product and vcpuCount parameters.
func cpuCatalogQuery(r *http.Request) (bool, *apiError) {
	q := r.URL.Query()
	var errs []string
	include, _ := queryList(r, "include")
	enumList("include", include, []string{"AVAILABILITY"}, &errs)
	products, hasProduct := queryList(r, "product")
	enumList("product", products, []string{"POD", "SERVERLESS"}, &errs)
	if q.Has("vcpuCount") {
		n, err := strconv.Atoi(q.Get("vcpuCount"))
		switch {
		case err != nil:
			errs = append(errs, "$.vcpuCount: got string, want integer")
		case n < 2:
			errs = append(errs, fmt.Sprintf("$.vcpuCount: minimum: got %d, want 2", n))
		case !isPowerOfTwo(n):
			return false, badRequest("vcpuCount %d must be a power of two", n)
		}
	}
	if len(errs) > 0 {
		return false, unprocessable(errs...)
	}
	if len(include) == 0 {
		if hasProduct || q.Has("vcpuCount") {
			return false, badRequest("product and vcpuCount are valid only with include=AVAILABILITY")
		}
		return false, nil
	}
	if len(products) == 0 {
		return false, badRequest("include=AVAILABILITY requires product (POD or SERVERLESS): availability differs by product")
	}
	return true, nil
}

type dataCenterFilter struct {
	gpu, cpu    bool
	regions     []string
	volumeTypes []string
	compliance  []string
	global      *bool
}

func (f dataCenterFilter) match(dc DataCenter) bool {
	if len(f.regions) > 0 && !slices.Contains(f.regions, dc.Region) { // OR within the filter
		return false
	}
	for _, t := range f.volumeTypes { // AND
		if !slices.Contains(dc.VolumeTypes, t) {
			return false
		}
	}
	for _, c := range f.compliance { // AND
		if !slices.Contains(dc.Compliance, c) {
			return false
		}
	}
	return f.global == nil || *f.global == dc.GlobalNetwork
}

var (
	dataCenterRegions = []string{"NORTH_AMERICA", "SOUTH_AMERICA", "EUROPE", "ASIA", "MIDDLE_EAST", "AFRICA", "OCEANIA", "ANTARCTICA", "UNKNOWN"}
	complianceValues  = []string{"GDPR", "ISO_IEC_27001", "ISO_14001", "PCI_DSS", "HITRUST", "SOC_1_TYPE_2", "SOC_2_TYPE_2", "SOC_3_TYPE_2", "ITAR", "FISMA_HIGH", "HIPAA", "RENEWABLE"}
)

// dataCenterQuery reads the data center catalog's include and (for the list) filters.
func dataCenterQuery(r *http.Request, filters bool) (dataCenterFilter, *apiError) {
	var f dataCenterFilter
	var errs []string
	include, _ := queryList(r, "include")
	enumList("include", include, []string{"GPU_AVAILABILITY", "CPU_AVAILABILITY"}, &errs)
	f.gpu, f.cpu = slices.Contains(include, "GPU_AVAILABILITY"), slices.Contains(include, "CPU_AVAILABILITY")
	if filters {
		f.regions, _ = queryList(r, "regions")
		enumList("regions", f.regions, dataCenterRegions, &errs)
		f.volumeTypes, _ = queryList(r, "networkVolumeTypes")
		enumList("networkVolumeTypes", f.volumeTypes, []string{volumeStandard, volumeHighPerformance}, &errs)
		f.compliance, _ = queryList(r, "compliance")
		enumList("compliance", f.compliance, complianceValues, &errs)
		if q := r.URL.Query(); q.Has("globalNetwork") {
			b, err := strconv.ParseBool(q.Get("globalNetwork"))
			if err != nil {
				errs = append(errs, "$.globalNetwork: got string, want boolean")
			}
			f.global = &b
		}
	}
	if len(errs) > 0 {
		return f, unprocessable(errs...)
	}
	return f, nil
}
