package runpod

import "fmt"

// newRESTv2 is replaced by the REST v2 backend.
func newRESTv2(Config) (API, error) {
	return nil, fmt.Errorf("the REST v2 backend is not built yet: set api_version = \"v1\"")
}
