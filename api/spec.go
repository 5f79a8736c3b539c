// Package api carries RunPod's pinned API contracts (see README.md) so that Go code, the
// conformance checker in particular, can use them in a clean clone without locating files on
// disk.
package api

import _ "embed"

// RESTv2 is the REST v2 contract, OpenAPI 3.1 (runpod-rest-v2.openapi.json). Read-only.
//
//go:embed runpod-rest-v2.openapi.json
var RESTv2 []byte

// RESTv1 is the REST v1 contract, OpenAPI 3.0.3 (runpod-rest-v1.openapi.json). Read-only.
//
//go:embed runpod-rest-v1.openapi.json
var RESTv1 []byte
