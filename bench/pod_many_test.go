package bench

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodmock"
)

// BenchmarkPodCreateMany applies 50 pods whose containers boot in 30 s, at Terraform's
// -parallelism=10, then destroys them, on both backends: the calls of the create (POSTs,
// reads: list rounds of the shared poller, GETs, GraphQL runtime reads) and of the destroy,
// and the apply's time beside the least it can take (5 waves of 30 s boots).
func BenchmarkPodCreateMany(b *testing.B) {
	n := envInt("RUNPOD_BENCH_MANY", 50)
	const boot = 30 * time.Second
	for _, backend := range runpodapi.Backends {
		b.Run(string(backend), func(b *testing.B) {
			mock := runpodmock.New(runpodmock.Options{APIKey: "bench", BootDelay: boot, GPUStock: 4 * n})
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
`, srv.URL, backend, n)
			if err := cli.write(ctx, hcl); err != nil {
				b.Fatal(err)
			}
			mock.ResetCalls()
			start := time.Now()
			if err := cli.tf.Apply(ctx, cli.reattach, tfexec.Parallelism(10)); err != nil {
				b.Fatalf("apply: %v", err)
			}
			apply := time.Since(start)
			if path := os.Getenv("RUNPOD_BENCH_TRACE"); path != "" { // the calls' timeline
				var tl strings.Builder
				for _, c := range mock.Calls() {
					fmt.Fprintf(&tl, "%6.2f s %d %s\n", c.Time.Sub(start).Seconds(), c.Status, c.Route)
				}
				_ = os.WriteFile(path+"."+string(backend), []byte(tl.String()), 0o644)
			}
			create := routeCounts(mock.Calls())
			mock.ResetCalls()
			if err := cli.tf.Destroy(ctx, cli.reattach, tfexec.Parallelism(10)); err != nil {
				b.Fatalf("destroy: %v", err)
			}
			destroy := routeCounts(mock.Calls())
			posts, reads := 0, 0
			for route, c := range create {
				switch {
				case strings.HasPrefix(route, "POST ") && strings.HasSuffix(route, "/pods"):
					posts += c
				case strings.HasPrefix(route, "GET ") || route == "graphql pod":
					reads += c
				}
			}
			least := time.Duration((n+9)/10) * boot
			name := fmt.Sprintf("%d pods, 30 s boot, -parallelism=10, %s", n, backend)
			row(b, "create", name, "POSTs + reads", fmt.Sprintf("%d + %d", posts, reads), "", "", fmt.Sprint(create))
			row(b, "create", name, "apply s", fmt.Sprintf("%.1f", apply.Seconds()), fmt.Sprintf("%.0f (waves × boot)", least.Seconds()),
				fmt.Sprintf("%.2f×", apply.Seconds()/least.Seconds()), "")
			row(b, "destroy", fmt.Sprintf("%d pods, %s", n, backend), "calls", fmt.Sprint(total(destroy)), "", "", fmt.Sprint(destroy))
			b.ReportMetric(0, "ns/op")
			b.ReportMetric(float64(posts), "posts")
			b.ReportMetric(float64(reads), "reads")
			b.ReportMetric(apply.Seconds(), "apply-s")
		})
	}
}
