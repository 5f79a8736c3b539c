// Command yotta-mock serves the stateful Yotta Labs API mock on loopback, for testing
// Terraform modules that use the yotta provider without a Yotta account. The flags, banner and
// serving are the mock kit's (internal/kit/mockkit); this file holds what is Yotta's.
package main

import (
	"flag"
	"fmt"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottamock"
)

// version is set by the release build (-ldflags "-X main.version=..."); a `go install`ed
// binary reports its module version instead.
var version string

func main() { mockkit.Main(command()) }

// command is what the mock command has of its own; the kit does the rest.
func command() mockkit.Command {
	var errorStatus, catalog string
	return mockkit.Command{
		Name: "yotta-mock", Version: version,
		KeyEnv: "YOTTA_MOCK_API_KEY", KeyHeader: "X-Api-Key: <key>",
		BootDelayHelp: "how long a new pod is INITIALIZE (its ports are healthy one more delay later)",
		GPUStockHelp:  "free GPUs of each type in each region offering it (0 = 16)",
		Flags: func(fs *flag.FlagSet) {
			fs.StringVar(&errorStatus, "error-status", yottamock.ErrorStatus200, `how business errors are answered: "200" (HTTP 200 with the code) or "4xx"`)
			fs.StringVar(&catalog, "catalog", "", `a JSON file of the GPU types and regions to offer ({"regions": [{"code", "name"}], `+
				`"gpuTypes": [{"code", "displayName", "vramInGb", "ramInGb", "vcpu", "price", "regions"}]}), to mirror an account; `+
				`empty: every GPU type and region seen in Yotta's public material`)
		},
		New: func(s mockkit.Settings) (mockkit.Mock, error) {
			if errorStatus != yottamock.ErrorStatus200 && errorStatus != yottamock.ErrorStatus4xx {
				return nil, fmt.Errorf("-error-status must be %q or %q", yottamock.ErrorStatus200, yottamock.ErrorStatus4xx)
			}
			opts := yottamock.Options{
				APIKey: s.APIKey, BootDelay: s.BootDelay, RateLimitPerMinute: s.RateLimitPerMinute, TokenBucket: s.TokenBucket,
				GPUStock: s.GPUStock, ErrorStatus: errorStatus,
			}
			if catalog != "" {
				c, err := yottamock.LoadCatalog(catalog)
				if err != nil {
					return nil, err
				}
				opts.Regions, opts.GPUTypes = c.Regions, c.GPUTypes
			}
			return yottamock.New(opts), nil
		},
		APIs: func(base, limit string) string {
			return fmt.Sprintf("  API:      %s/v2/... (e.g. %s/v2/pods; X-Api-Key header; rate limit %s)\n", base, base, limit)
		},
		Exports: func(base, key string) string {
			return fmt.Sprintf("export YOTTA_API_KEY=%s\nexport YOTTA_API_URL=%s\n", key, base)
		},
	}
}
