package runpodapi

import (
	"slices"
	"strings"
)

// dataCenterIDs mirrors the data center enum of RunPod's REST v1 spec (the items of
// PodCreateInput.dataCenterIds and EndpointCreateInput.dataCenterIds; NetworkVolumeCreateInput
// documents dataCenterId without an enum). It is the one place the provider keeps that list:
// when RunPod opens a data center, add its id here.
var dataCenterIDs = []string{
	"EU-RO-1", "CA-MTL-1", "EU-SE-1", "US-IL-1", "EUR-IS-1", "EU-CZ-1", "US-TX-3", "EUR-IS-2",
	"US-KS-2", "US-GA-2", "US-WA-1", "US-TX-1", "CA-MTL-3", "EU-NL-1", "US-TX-4", "US-CA-2",
	"US-NC-1", "OC-AU-1", "US-DE-1", "EUR-IS-3", "CA-MTL-2", "AP-JP-1", "EUR-NO-1", "EU-FR-1",
	"US-KS-3", "US-GA-1",
}

// DataCenterIDs returns RunPod's data center ids, in the spec's order.
func DataCenterIDs() []string { return slices.Clone(dataCenterIDs) }

// IsDataCenterID reports whether id is one of DataCenterIDs.
func IsDataCenterID(id string) bool { return slices.Contains(dataCenterIDs, id) }

// cpuFlavorIDs mirrors the CPU flavor enum of RunPod's REST v1 spec (PodCreateInput.cpuFlavorIds).
var cpuFlavorIDs = []string{"cpu3c", "cpu3g", "cpu3m", "cpu5c", "cpu5g", "cpu5m"}

// continentPrefixes start data center ids whose second part is the country ("EU-RO-1");
// other ids start with the country ("US-TX-3", "CA-MTL-1").
var continentPrefixes = []string{"EU", "EUR", "OC", "AP", "SA", "AF", "ME", "AS"}

// CountryOfDataCenter returns the ISO 3166-1 country a data center id names, such as "RO"
// for "EU-RO-1" and "US" for "US-TX-3", or "" when the id names none. RunPod's catalog has no
// country field; this reading of its ids is an assumption (unverified), kept in this one place.
func CountryOfDataCenter(id string) string {
	parts := strings.Split(id, "-")
	if len(parts) < 2 {
		return ""
	}
	country := parts[0]
	if slices.Contains(continentPrefixes, parts[0]) {
		country = parts[1]
	}
	if len(country) != 2 {
		return ""
	}
	return country
}
