// Package layout states the repository's package layout as data, so that one test checks it:
// internal/kit is what both providers use and imports neither wing; internal/runpod and
// internal/yotta never import each other; and no package name stands for two things. Its
// tests also check that the repository's files cite only what the repository holds
// (citations_test.go): no notes kept elsewhere, no path or Markdown section that does not exist.
package layout

// Module is the repository's Go module path.
const Module = "github.com/runpod-community/terraform-provider-runpod"

// Wing prefixes, relative to Module.
const (
	Kit    = "internal/kit"
	RunPod = "internal/runpod"
	Yotta  = "internal/yotta"
)

// Forbidden lists, for packages below a prefix, the prefixes they must not import.
var Forbidden = map[string][]string{
	Kit:                            {RunPod, Yotta},
	Yotta:                          {RunPod},
	"cmd/yotta-mock":               {RunPod},
	"cmd/terraform-provider-yotta": {RunPod},
	RunPod:                         {Yotta},
	"cmd/runpod-mock":              {Yotta},
}
