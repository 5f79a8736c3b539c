// Package yottaopenapi carries Yotta Labs' OpenAPI file (yotta-openapi.yaml, from its SDK
// repository) so that Go code, the acceptance tests' contract check in particular, can use it
// in a clean clone without locating files on disk.
package yottaopenapi

import _ "embed"

// V2 is Yotta's OpenAPI 3.0 description of its API v2 (yotta-openapi.yaml). Read-only.
//
//go:embed yotta-openapi.yaml
var V2 []byte
