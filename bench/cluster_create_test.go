package bench

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodmock"
)

// BenchmarkClusterCreate measures one `terraform apply` of a runpod_cluster of 2 pods × 8 GPUs
// whose pods boot in 10 s: the API calls of the apply (from the mock's call log), the time from
// the create's answer to the apply returning (every member ready), and its lag behind the boot.
func BenchmarkClusterCreate(b *testing.B) {
	const boot = 10 * time.Second
	var apply, createToReturn time.Duration
	var calls int
	var routes map[string]int
	for range b.N {
		mock := runpodmock.New(runpodmock.Options{APIKey: "bench", BootDelay: boot})
		srv := httptest.NewServer(mock)
		cli := newCLI(b)
		ctx := context.Background()
		config := fmt.Sprintf(`
provider "runpod" {
  api_key = "bench"
  api_url = "%[1]s"
}

resource "runpod_cluster" "bench" {
  name              = "bench"
  type              = "TRAINING"
  gpu_type_id       = "NVIDIA H100 80GB HBM3"
  gpu_count_per_pod = 8
  pod_count         = 2
  image_name        = "runpod/base:0.6.2-ubuntu2204"
  ports             = ["22/tcp"]
}
`, srv.URL)
		start := time.Now()
		if diags, err := cli.Apply(ctx, config); err != nil {
			b.Fatalf("apply: %v %v", err, diags)
		}
		end := time.Now()
		log := mock.Calls()
		var created time.Time
		for _, c := range log {
			if c.Route == "POST /v2/clusters" && c.Status == 201 {
				created = c.Time
			}
		}
		if created.IsZero() {
			b.Fatal("no cluster was created")
		}
		apply, createToReturn, calls, routes = end.Sub(start), end.Sub(created), len(log), routeCounts(log)
		if err := cli.Destroy(ctx); err != nil {
			b.Fatalf("destroy: %v", err)
		}
		srv.Close()
	}
	name := "2 pods × 8 GPUs, 10 s boot, v2"
	row(b, "create", name, "calls", fmt.Sprint(calls), "", "", fmt.Sprint(routes))
	row(b, "create", name, "create → every member ready, apply returns, s", fmt.Sprintf("%.2f", createToReturn.Seconds()), "", "", "")
	row(b, "create", name, "apply s", fmt.Sprintf("%.1f", apply.Seconds()), "", "", "")
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(apply.Seconds(), "apply-s")
	b.ReportMetric(createToReturn.Seconds(), "create-to-ready-s")
	b.ReportMetric((createToReturn - boot).Seconds(), "boot-to-return-lag-s")
	b.ReportMetric(float64(calls), "calls")
}
