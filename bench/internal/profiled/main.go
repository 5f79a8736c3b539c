// Command profiled is the provider as main.go serves it (internal/kit/serve), for bench/: it
// writes the process's CPU time to RUNPOD_BENCH_RUSAGE.<pid> when it ends, and with
// RUNPOD_BENCH_CPUPROFILE set, a CPU profile to <that>.<pid> and an allocation profile to
// <that>.<pid>.allocs. Terraform starts a provider process more than once per command, hence
// the pid in the names. With RUNPOD_BENCH_UNTUNED set it serves the provider as it was served
// before internal/kit/serve tuned it, for comparison.
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"runtime/pprof"
	"syscall"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/serve"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodprovider"
)

func main() {
	pid := os.Getpid()
	if path := os.Getenv("RUNPOD_BENCH_CPUPROFILE"); path != "" {
		path = fmt.Sprintf("%s.%d", path, pid)
		f, err := os.Create(path)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
		defer func() {
			pprof.StopCPUProfile()
			_ = f.Close()
			if a, err := os.Create(path + ".allocs"); err == nil {
				_ = pprof.Lookup("allocs").WriteTo(a, 0)
				_ = a.Close()
			}
		}()
	}
	if path := os.Getenv("RUNPOD_BENCH_RUSAGE"); path != "" {
		defer func() {
			var ru syscall.Rusage
			if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
				cpu := ru.Utime.Nano() + ru.Stime.Nano()
				_ = os.WriteFile(fmt.Sprintf("%s.%d", path, pid), fmt.Appendf(nil, "%d\n", cpu), 0o600)
			}
		}()
	}
	run := func() error { return serve.Serve(runpodprovider.Address, runpodprovider.NewServer("bench"), false) }
	if os.Getenv("RUNPOD_BENCH_UNTUNED") != "" {
		// The provider as it was served before serve.Serve: the plugin libraries at their
		// default level (TRACE) and the default GC pace. For comparison only.
		run = func() error {
			return providerserver.Serve(context.Background(), runpodprovider.New("bench"), providerserver.ServeOpts{Address: runpodprovider.Address})
		}
	}
	if err := run(); err != nil {
		log.Print(err)
	}
}
