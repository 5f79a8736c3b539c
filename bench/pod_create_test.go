// Package bench measures the provider end to end: the real Terraform CLI, the provider served
// in-process and the RunPod mock on loopback. Run it with
//
//	go test ./bench -run '^$' -bench PodCreate -benchtime 1x -timeout 30m
//
// (make test does not: benchmarks run only when asked for).
package bench

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/poll"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/pod"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodmock"
)

// createResult is one measured `terraform apply` that creates a pod.
type createResult struct {
	apply   time.Duration  // the whole apply, as the user waits for it
	lag     time.Duration  // from the pod booting to the apply returning
	calls   int            // API calls the apply made
	routes  map[string]int // the calls by route
	destroy map[string]int // the calls of the destroy after, by route
}

// applyCreate applies a pod with API backend on a fresh mock whose pods boot in boot, and
// destroys it after.
func applyCreate(b *testing.B, backend runpodapi.Backend, boot time.Duration, ports string) createResult {
	b.Helper()
	mock := runpodmock.New(runpodmock.Options{APIKey: "bench", BootDelay: boot})
	srv := httptest.NewServer(mock)
	defer srv.Close()
	cli := newCLI(b)
	ctx := context.Background()
	config := fmt.Sprintf(`
provider "runpod" {
  api_key     = "bench"
  api_version = "%[3]s"
  api_url     = "%[1]s"
  rest_url    = "%[1]s/v1"
  graphql_url = "%[1]s/graphql"
}

resource "runpod_pod" "bench" {
  name       = "bench"
  image_name = "runpod/base:0.6.2-ubuntu2204"
  ports      = [%[2]s]
}
`, srv.URL, ports, backend)

	start := time.Now()
	if diags, err := cli.Apply(ctx, config); err != nil {
		b.Fatalf("apply: %v %v", err, diags)
	}
	end := time.Now()
	calls := mock.Calls()
	var created time.Time
	for _, c := range calls {
		if (c.Route == "POST /pods" || c.Route == "POST /v2/pods") && c.Status == 201 {
			created = c.Time
		}
	}
	if created.IsZero() {
		b.Fatal("no pod was created")
	}
	mock.ResetCalls()
	if err := cli.Destroy(ctx); err != nil {
		b.Fatalf("destroy: %v", err)
	}
	return createResult{apply: end.Sub(start), lag: end.Sub(created.Add(boot)), calls: len(calls), routes: routeCounts(calls),
		destroy: routeCounts(mock.Calls())}
}

// BenchmarkPodCreate measures one create of a pod whose container boots in 30 s (RunPod with
// a cached image), against a baseline in the same run: the same create with an instant boot.
// Reported: the apply time, the lag between the pod booting and the apply returning (also as
// a fraction of the boot delay), and the API calls of the create (also beside the baseline's).
// The sub-benchmarks are the readiness paths: public TCP ports (REST only) and HTTP only
// (REST + GraphQL runtime).
func BenchmarkPodCreate(b *testing.B) {
	const boot = 30 * time.Second
	for _, tc := range []struct {
		name     string
		ports    string
		schedule poll.Backoff
	}{
		{"tcp/default-backoff", `"8888/http", "22/tcp"`, pod.PollBackoff},
		{"http-only/default-backoff", `"8888/http"`, pod.PollBackoff},
	} {
		for _, backend := range runpodapi.Backends {
			b.Run(string(backend)+"/"+tc.name, func(b *testing.B) {
				saved := pod.PollBackoff
				pod.PollBackoff = tc.schedule
				defer func() { pod.PollBackoff = saved }()
				var base, slow createResult
				for range b.N {
					base = applyCreate(b, backend, 0, tc.ports)
					slow = applyCreate(b, backend, boot, tc.ports)
				}
				name := fmt.Sprintf("1 pod, 30 s boot, %s, %s", tc.name, backend)
				row(b, "create", name, "calls", fmt.Sprint(slow.calls), fmt.Sprint(base.calls)+" (instant boot)",
					fmt.Sprintf("%.1f×", float64(slow.calls)/float64(base.calls)), fmt.Sprint(slow.routes))
				row(b, "create", name, "lag ready → apply returns, s", fmt.Sprintf("%.2f", slow.lag.Seconds()), "", "", "")
				row(b, "create", name, "apply s", fmt.Sprintf("%.1f", slow.apply.Seconds()), fmt.Sprintf("%.1f (instant boot)", base.apply.Seconds()), "", "")
				if tc.name == "tcp/default-backoff" {
					row(b, "destroy", "1 pod, "+string(backend), "calls", fmt.Sprint(total(slow.destroy)), "", "", fmt.Sprint(slow.destroy))
				}
				b.ReportMetric(0, "ns/op")
				b.ReportMetric(base.apply.Seconds(), "baseline-apply-s")
				b.ReportMetric(slow.apply.Seconds(), "apply-s")
				b.ReportMetric(slow.lag.Seconds(), "boot-to-return-lag-s")
				b.ReportMetric(slow.lag.Seconds()/boot.Seconds(), "lag/boot")
				b.ReportMetric(float64(base.calls), "baseline-calls")
				b.ReportMetric(float64(slow.calls), "calls")
				b.ReportMetric(float64(slow.calls)/float64(base.calls), "calls/baseline")
			})
		}
	}
}

// BenchmarkPodCreateLagProfile measures the boot-to-return lag of the default schedule over
// boot delays: the lag depends on where the boot falls between two polls, so one boot delay
// alone can flatter it. 21 s falls just after a poll (the worst case near 30 s).
func BenchmarkPodCreateLagProfile(b *testing.B) {
	for _, boot := range []time.Duration{5 * time.Second, 21 * time.Second, 30 * time.Second, 60 * time.Second} {
		b.Run(fmt.Sprintf("boot=%s", boot), func(b *testing.B) {
			var r createResult
			for range b.N {
				r = applyCreate(b, runpodapi.DefaultBackend, boot, `"22/tcp"`)
			}
			row(b, "create", fmt.Sprintf("1 pod, %s boot, v2", boot), "lag s / calls", fmt.Sprintf("%.2f / %d", r.lag.Seconds(), r.calls), "", "", fmt.Sprint(r.routes))
			b.ReportMetric(0, "ns/op")
			b.ReportMetric(r.lag.Seconds(), "boot-to-return-lag-s")
			b.ReportMetric(r.lag.Seconds()/boot.Seconds(), "lag/boot")
			b.ReportMetric(float64(r.calls), "calls")
		})
	}
}
