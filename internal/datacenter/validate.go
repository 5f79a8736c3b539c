package datacenter

import "regexp"

var countryCodePattern = regexp.MustCompile(`^[A-Z]{2}$`)
