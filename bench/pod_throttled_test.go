package bench

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodmock"
)

// BenchmarkPodCreateThrottled applies 50 pods at -parallelism=10 against a mock that allows
// 60 requests a minute (goal 4 of issue 11): the failures (error diagnostics), the calls made
// (accepted beside refused with 429), the apply's time and the least time the quota allows for
// the accepted calls (accepted / 60 per minute), and their ratio. The pods boot in 2 s, so the
// quota, not the boot, sets the time.
//
// REST v2: the mock's per-minute window (-rate-limit 60), with RateLimit and RateLimit-Policy
// on every answer and 429 + Retry-After past the quota. REST v1 has no such headers: there the
// mock's token bucket (-token-bucket 1, -token-burst 10: 60 a minute) answers 429 + Retry-After
// only, so the provider learns the quota from 429s alone.
func BenchmarkPodCreateThrottled(b *testing.B) {
	n := envInt("RUNPOD_BENCH_MANY", 50)
	const boot = 2 * time.Second
	for _, tc := range []struct {
		backend runpodapi.Backend
		limit   string
		opts    runpodmock.Options
	}{
		{runpodapi.BackendV2, "RateLimit 60/min", runpodmock.Options{RateLimitPerMinute: 60}},
		{runpodapi.BackendV1, "token bucket 1/s, burst 10", runpodmock.Options{TokenBucket: mockkit.TokenBucket{PerSecond: 1, Burst: 10}}},
	} {
		b.Run(string(tc.backend), func(b *testing.B) {
			opts := tc.opts
			opts.APIKey, opts.BootDelay, opts.GPUStock = "bench", boot, 4*n
			mock := runpodmock.New(opts)
			srv := httptest.NewServer(mock)
			defer srv.Close()
			cli := newCLI(b)
			ctx := context.Background()
			hcl := fmt.Sprintf(`
provider "runpod" {
  api_key     = "bench"
  api_version = "%[2]s"
  api_url     = "%[1]s"
  rest_url    = "%[1]s/v1"
  graphql_url = "%[1]s/graphql"
}

resource "runpod_pod" "p" {
  count        = %[3]d
  name         = "p-${count.index}"
  image_name   = "runpod/base:0.6.2-ubuntu2204"
  gpu_type_ids = ["NVIDIA GeForce RTX 4090"]
  ports        = ["8888/http", "22/tcp"]
}
`, srv.URL, tc.backend, n)
			if err := cli.write(ctx, hcl); err != nil {
				b.Fatal(err)
			}
			// A fresh quota for the apply: init and nothing else came before it.
			if tc.opts.RateLimitPerMinute > 0 {
				mock.SetRateLimit(tc.opts.RateLimitPerMinute)
			}
			mock.ResetCalls()
			var out bytes.Buffer
			start := time.Now()
			applyErr := cli.tf.ApplyJSON(ctx, &out, cli.reattach, tfexec.Parallelism(10))
			apply := time.Since(start)
			calls := mock.Calls()
			failures := 0
			for _, d := range diagnostics(out.Bytes()) {
				if d.Severity == "error" {
					failures++
					b.Logf("error: %s: %s: %s", d.Address, d.Summary, d.Detail)
				}
			}
			if applyErr != nil && failures == 0 {
				failures = 1
				b.Logf("apply: %v", applyErr)
			}
			if path := os.Getenv("RUNPOD_BENCH_TRACE"); path != "" { // the calls' timeline, to see where the time goes
				var tl strings.Builder
				for _, c := range calls {
					fmt.Fprintf(&tl, "%6.2f s %d %s\n", c.Time.Sub(start).Seconds(), c.Status, c.Route)
				}
				_ = os.WriteFile(path+"."+string(tc.backend), []byte(tl.String()), 0o644)
			}
			accepted, refused, created := 0, 0, 0
			routes := map[string]int{}
			for _, c := range calls {
				if c.Status == http.StatusTooManyRequests {
					refused++
					routes[c.Route+" 429"]++
					continue
				}
				accepted++
				routes[c.Route]++
				if strings.HasPrefix(c.Route, "POST ") && strings.HasSuffix(c.Route, "/pods") && c.Status < 300 {
					created++
				}
			}
			least := time.Duration(float64(accepted) / 60 * float64(time.Minute))
			name := fmt.Sprintf("%d pods, 2 s boot, -parallelism=10, %s, %s", n, tc.limit, tc.backend)
			row(b, "throttling", name, "failures / pods created", fmt.Sprintf("%d / %d", failures, created), "0 / "+fmt.Sprint(n), "", "")
			row(b, "throttling", name, "calls accepted + 429", fmt.Sprintf("%d + %d", accepted, refused), "", "", fmt.Sprint(routes))
			row(b, "throttling", name, "apply s", fmt.Sprintf("%.1f", apply.Seconds()),
				fmt.Sprintf("%.1f (%d accepted / 60 per min)", least.Seconds(), accepted), fmt.Sprintf("%.2f×", apply.Seconds()/least.Seconds()), "")

			mock.SetRateLimit(0)
			mock.SetTokenBucket(mockkit.TokenBucket{})
			if err := cli.tf.Destroy(ctx, cli.reattach, tfexec.Parallelism(10)); err != nil {
				b.Fatalf("destroy: %v", err)
			}
			b.ReportMetric(0, "ns/op")
			b.ReportMetric(float64(failures), "failures")
			b.ReportMetric(float64(accepted), "accepted")
			b.ReportMetric(float64(refused), "throttled")
			b.ReportMetric(apply.Seconds(), "apply-s")
			b.ReportMetric(apply.Seconds()/least.Seconds(), "apply/least")
		})
	}
}
