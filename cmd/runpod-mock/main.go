// Command runpod-mock serves the stateful RunPod API mock on loopback, for testing Terraform
// modules that use the runpod provider without a RunPod account. The flags, banner and
// serving are the mock kit's (internal/kit/mockkit); this file holds what is RunPod's.
package main

import (
	"flag"
	"fmt"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodmock"
)

// version is set by the release build (-ldflags "-X main.version=..."); a `go install
// .../cmd/runpod-mock@vX.Y.Z` reports the module version instead, a build from a clone "dev".
var version = ""

func main() { mockkit.Main(command()) }

// command is what the mock command has of its own; the kit does the rest.
func command() mockkit.Command {
	var rollout time.Duration
	return mockkit.Command{
		Name: "runpod-mock", Version: version,
		KeyEnv: "RUNPOD_MOCK_API_KEY", KeyHeader: "Authorization: Bearer <key>",
		BootDelayHelp: "how long a started pod takes to get its public IP and port mappings",
		GPUStockHelp:  "free GPUs of each type and cloud, spread over the data centers offering it (0 = 64)",
		RateLimit:     "REST v2 requests",
		Flags: func(fs *flag.FlagSet) {
			fs.DurationVar(&rollout, "rollout", 0, "how long a serverless endpoint release takes to reach every worker")
		},
		New: func(s mockkit.Settings) (mockkit.Mock, error) {
			return runpodmock.New(runpodmock.Options{
				APIKey: s.APIKey, BootDelay: s.BootDelay, RateLimitPerMinute: s.RateLimitPerMinute, TokenBucket: s.TokenBucket,
				GPUStock: s.GPUStock, RolloutDuration: rollout,
			}), nil
		},
		APIs: func(base, limit string) string {
			return fmt.Sprintf("  REST v2:  %s (paths /v2/..., e.g. %s/v2/pods; rate limit %s)\n  REST v1:  %s/v1\n  GraphQL:  %s/graphql\n",
				base, base, limit, base, base)
		},
		Exports: func(base, key string) string {
			return fmt.Sprintf("export RUNPOD_API_KEY=%s\nexport RUNPOD_API_URL=%s\nexport RUNPOD_REST_URL=%s/v1\nexport RUNPOD_GRAPHQL_URL=%s/graphql\n",
				key, base, base, base)
		},
	}
}
