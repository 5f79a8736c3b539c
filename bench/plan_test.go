package bench

import (
	"bytes"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodmock"
)

// The plan benchmarks run Terraform as a user does: the provider is a plugin process that
// Terraform starts (bench/internal/profiled, which serves exactly what main.go serves), found
// through a dev_overrides CLI configuration, so its logging and its process costs are real.
// CPU is the CPU time of Terraform and of every provider process it starts (the children's
// rusage of this test process, measured around each command); the mock runs in this process
// and is not counted.

// planRuns is how many timed plans each case runs (min, median and max are reported).
var planRuns = envInt("RUNPOD_BENCH_PLAN_RUNS", 5)

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// pluginEnv is a directory with the provider built as a plugin and a CLI configuration whose
// dev_overrides point at it.
type pluginEnv struct {
	tf, rc, bin string
}

func newPluginEnv(b *testing.B) *pluginEnv {
	b.Helper()
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		tf = "terraform"
	}
	dir := b.TempDir()
	bin := filepath.Join(dir, "bin")
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "terraform-provider-runpod"), "./internal/profiled")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("building the provider: %v\n%s", err, out)
	}
	rc := filepath.Join(dir, "terraformrc")
	cfg := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n",
		"registry.terraform.io/runpod-community/runpod", bin)
	if err := os.WriteFile(rc, []byte(cfg), 0o600); err != nil {
		b.Fatal(err)
	}
	return &pluginEnv{tf: tf, rc: rc, bin: bin}
}

// run is one Terraform command's wall time and CPU (Terraform and the provider processes).
type run struct{ wall, cpu time.Duration }

// terraform runs tf with args in dir; extra adds to the environment (TF_LOG and the like are
// taken from the caller's environment only through extra).
func (e *pluginEnv) terraform(b *testing.B, dir string, extra []string, args ...string) run {
	b.Helper()
	cmd := exec.Command(e.tf, args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TF_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "TF_CLI_CONFIG_FILE="+e.rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	cmd.Env = append(cmd.Env, extra...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	before := childrenCPU()
	start := time.Now()
	err := cmd.Run()
	r := run{wall: time.Since(start), cpu: childrenCPU() - before}
	// plan -detailed-exitcode: 2 means changes, which a refresh of an applied state must not have
	if err != nil {
		b.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, tail(out.String(), 4000))
	}
	return r
}

// providerCPU sums the CPU time the provider processes of one command wrote (profiled writes
// <prefix>.<pid> as it ends).
func providerCPU(prefix string) time.Duration {
	files, _ := filepath.Glob(prefix + ".*")
	var sum time.Duration
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		if ns, err := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64); err == nil {
			sum += time.Duration(ns)
		}
	}
	return sum
}

func childrenCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// figures are min, median and max of a measure over the runs.
type figures struct{ min, median, max float64 }

func summarize(v []float64) figures {
	s := slices.Clone(v)
	slices.Sort(s)
	return figures{s[0], s[len(s)/2], s[len(s)-1]}
}

func (f figures) String() string { return fmt.Sprintf("%.2f / %.2f / %.2f", f.min, f.median, f.max) }

// planCase applies hcl in a fresh directory, then times planRuns plans of it. calls counts
// the mock's calls of one plan (the last).
type planResult struct {
	wall, cpu   figures
	providerCPU figures // the provider processes' share of cpu
	calls       map[string]int
}

func (e *pluginEnv) planCase(b *testing.B, hcl string, mock *runpodmock.Server, extra []string) (planResult, string) {
	b.Helper()
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(hcl), 0o600); err != nil {
		b.Fatal(err)
	}
	e.terraform(b, dir, nil, "apply", "-auto-approve", "-input=false", "-no-color")
	var wall, cpu, provider []float64
	var calls map[string]int
	for i := range planRuns {
		if mock != nil {
			mock.ResetCalls()
		}
		rusage := filepath.Join(b.TempDir(), fmt.Sprintf("rusage%d", i))
		r := e.terraform(b, dir, append(slices.Clone(extra), "RUNPOD_BENCH_RUSAGE="+rusage),
			"plan", "-input=false", "-lock=false", "-no-color", "-detailed-exitcode")
		wall, cpu = append(wall, r.wall.Seconds()), append(cpu, r.cpu.Seconds())
		provider = append(provider, providerCPU(rusage).Seconds())
		if mock != nil {
			calls = routeCounts(mock.Calls())
		}
	}
	return planResult{wall: summarize(wall), cpu: summarize(cpu), providerCPU: summarize(provider), calls: calls}, dir
}

// destroy destroys what dir holds and reports the calls (the refresh before included).
func (e *pluginEnv) destroy(b *testing.B, dir string, mock *runpodmock.Server, name string) {
	b.Helper()
	mock.ResetCalls()
	e.terraform(b, dir, nil, "destroy", "-auto-approve", "-input=false", "-no-color")
	calls := routeCounts(mock.Calls())
	row(b, "destroy", name, "calls", fmt.Sprint(total(calls)), "", "", fmt.Sprint(calls))
}

// profile runs one more plan in dir with the provider's CPU and allocation profiles on, and
// logs the top entries of the busiest provider process's profiles (also written to
// $RUNPOD_BENCH_PROFILES/<name>.txt when set).
func (e *pluginEnv) profile(b *testing.B, dir string, extra []string, name string) {
	b.Helper()
	prefix := filepath.Join(b.TempDir(), "cpu")
	e.terraform(b, dir, append(slices.Clone(extra), "RUNPOD_BENCH_CPUPROFILE="+prefix),
		"plan", "-input=false", "-lock=false", "-no-color")
	files, _ := filepath.Glob(prefix + ".*")
	var busiest string
	var size int64
	for _, f := range files {
		if st, err := os.Stat(f); err == nil && !strings.HasSuffix(f, ".allocs") && st.Size() > size {
			busiest, size = f, st.Size()
		}
	}
	if busiest == "" {
		b.Log("no profile written")
		return
	}
	var report bytes.Buffer
	for _, args := range [][]string{
		{"-top", "-nodecount=15", filepath.Join(e.bin, "terraform-provider-runpod"), busiest},
		{"-top", "-cum", "-nodecount=25", filepath.Join(e.bin, "terraform-provider-runpod"), busiest},
		{"-top", "-sample_index=alloc_space", "-nodecount=15", filepath.Join(e.bin, "terraform-provider-runpod"), busiest + ".allocs"},
		{"-peek", "^regexp.compile$", "-sample_index=alloc_space", filepath.Join(e.bin, "terraform-provider-runpod"), busiest + ".allocs"},
	} {
		out, err := exec.Command("go", append([]string{"tool", "pprof"}, args...)...).CombinedOutput()
		fmt.Fprintf(&report, "$ go tool pprof %s\n%s\n", strings.Join(args[:len(args)-2], " "), out)
		if err != nil {
			fmt.Fprintf(&report, "(pprof: %v)\n", err)
		}
	}
	b.Logf("profile %s:\n%s", name, report.String())
	if d := os.Getenv("RUNPOD_BENCH_PROFILES"); d != "" {
		_ = os.MkdirAll(d, 0o755)
		_ = os.WriteFile(filepath.Join(d, name+".txt"), report.Bytes(), 0o644)
		for _, suffix := range []string{"", ".allocs"} {
			if data, err := os.ReadFile(busiest + suffix); err == nil {
				_ = os.WriteFile(filepath.Join(d, name+".pprof"+suffix), data, 0o644)
			}
		}
	}
}

func routeCounts(calls []mockkit.Call) map[string]int {
	out := map[string]int{}
	for _, c := range calls {
		out[c.Route]++
	}
	return out
}

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func providerBlock(url string, backend runpodapi.Backend) string {
	return fmt.Sprintf(`
terraform {
  required_providers {
    runpod = { source = "runpod-community/runpod" }
  }
}

provider "runpod" {
  api_key     = "bench"
  api_version = "%[2]s"
  api_url     = "%[1]s"
  rest_url    = "%[1]s/v1"
  graphql_url = "%[1]s/graphql"
}
`, url, backend)
}

// BenchmarkPlan: `terraform plan` of 200 runpod_pod (an applied state, so the plan refreshes
// every pod and finds no change) beside the same plan of 200 terraform_data, in one run, on
// both backends; and the provider as it was served before (RUNPOD_BENCH_UNTUNED: the plugin
// libraries' default TRACE logging, default GC pace) for comparison. Reported per case: wall
// and CPU seconds (median), the CPU ratio to terraform_data, and the API calls of one plan.
func BenchmarkPlan(b *testing.B) {
	n := envInt("RUNPOD_BENCH_PODS", 200)
	e := newPluginEnv(b)
	base, _ := e.planCase(b, fmt.Sprintf("resource \"terraform_data\" \"d\" {\n  count = %d\n  input = \"d-${count.index}\"\n}\n", n), nil, nil)
	report(b, "plan", fmt.Sprintf("%d terraform_data (baseline)", n), base, base)
	for _, tc := range []struct {
		name    string
		backend runpodapi.Backend
		extra   []string
	}{
		{"v2", runpodapi.BackendV2, nil},
		{"v1", runpodapi.BackendV1, nil},
		{"v2, provider untuned (before: libraries log at TRACE, GOGC 100)", runpodapi.BackendV2, []string{"RUNPOD_BENCH_UNTUNED=1"}},
	} {
		mock := runpodmock.New(runpodmock.Options{APIKey: "bench", GPUStock: 4 * n})
		srv := httptest.NewServer(mock)
		hcl := providerBlock(srv.URL, tc.backend) + fmt.Sprintf(`
resource "runpod_pod" "p" {
  count        = %d
  name         = "p-${count.index}"
  image_name   = "runpod/base:0.6.2-ubuntu2204"
  gpu_type_ids = ["NVIDIA GeForce RTX 4090"]
  ports        = ["8888/http", "22/tcp"]
}
`, n)
		res, dir := e.planCase(b, hcl, mock, tc.extra)
		report(b, "plan", fmt.Sprintf("%d runpod_pod, %s", n, tc.name), res, base)
		if tc.backend == runpodapi.BackendV2 {
			e.profile(b, dir, tc.extra, "plan-"+map[bool]string{true: "untuned", false: "v2"}[tc.extra != nil])
		}
		if tc.extra == nil {
			e.destroy(b, dir, mock, fmt.Sprintf("%d runpod_pod, %s", n, tc.name))
		}
		srv.Close()
	}
}

// BenchmarkPlanEndpoints: `terraform plan` of 100 runpod_endpoint (on one template) beside
// the same plan of 100 terraform_data, in one run, on both backends.
func BenchmarkPlanEndpoints(b *testing.B) {
	n := envInt("RUNPOD_BENCH_ENDPOINTS", 100)
	e := newPluginEnv(b)
	base, _ := e.planCase(b, fmt.Sprintf("resource \"terraform_data\" \"d\" {\n  count = %d\n  input = \"d-${count.index}\"\n}\n", n), nil, nil)
	report(b, "plan", fmt.Sprintf("%d terraform_data (baseline)", n), base, base)
	for _, backend := range runpodapi.Backends {
		mock := runpodmock.New(runpodmock.Options{APIKey: "bench", GPUStock: 4 * n})
		srv := httptest.NewServer(mock)
		hcl := providerBlock(srv.URL, backend) + fmt.Sprintf(`
resource "runpod_template" "worker" {
  name          = "worker"
  image_name    = "example/worker:1.0"
  is_serverless = true
}

resource "runpod_endpoint" "e" {
  count        = %d
  name         = "e-${count.index}"
  template_id  = runpod_template.worker.id
  gpu_type_ids = ["NVIDIA GeForce RTX 4090"]
}
`, n)
		res, dir := e.planCase(b, hcl, mock, nil)
		report(b, "plan", fmt.Sprintf("%d runpod_endpoint + 1 runpod_template, %s", n, backend), res, base)
		e.destroy(b, dir, mock, fmt.Sprintf("%d runpod_endpoint + 1 runpod_template, %s", n, backend))
		srv.Close()
	}
}

// report logs a case's figures as a row of bench/README.md's table and as metrics.
func report(b *testing.B, goal, name string, r, base planResult) {
	ratio := r.cpu.median / base.cpu.median
	calls := "-"
	if r.calls != nil {
		calls = fmt.Sprintf("%d %v", total(r.calls), r.calls)
	}
	row(b, goal, name, "CPU s", r.cpu.String(), fmt.Sprintf("%.2f", base.cpu.median), fmt.Sprintf("%.1f×", ratio), calls)
	if r.providerCPU.max > 0 {
		row(b, goal, name, "CPU s of the provider processes", r.providerCPU.String(), "", "", "")
		row(b, goal, name, "CPU s of Terraform (total − provider)", fmt.Sprintf("%.2f", r.cpu.median-r.providerCPU.median),
			fmt.Sprintf("%.2f", base.cpu.median), fmt.Sprintf("%.1f×", (r.cpu.median-r.providerCPU.median)/base.cpu.median), "")
	}
	row(b, goal, name, "wall s", r.wall.String(), fmt.Sprintf("%.2f", base.wall.median), fmt.Sprintf("%.1f×", r.wall.median/base.wall.median), "")
}

// row prints one row of the figures table (| goal | case | measure | min / median / max |
// baseline | ratio | calls |), and appends it to $RUNPOD_BENCH_TABLE when set (make bench).
func row(b *testing.B, cells ...string) {
	line := "| " + strings.Join(cells, " | ") + " |"
	b.Log(line)
	if path := os.Getenv("RUNPOD_BENCH_TABLE"); path != "" {
		f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err == nil {
			_, _ = f.WriteString(line + "\n")
			_ = f.Close()
		}
	}
}
