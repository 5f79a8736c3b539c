// Package serve serves a provider to Terraform as its plugin, the same way for both providers:
// the framework's protocol 6 server with its plan warnings kept to the plan Terraform makes
// (internal/kit/planwarn), the plugin libraries logging only what Terraform will show, and the
// garbage collector paced for a short-lived plugin process.
package serve

import (
	"flag"
	"log"
	"os"
	"path"
	"runtime/debug"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/planwarn"
)

// Server returns a constructor of the provider newProvider makes as a plugin protocol 6
// server: the framework's, with the warnings of plans kept to the plan Terraform makes (not
// repeated when Terraform plans again right before applying; see internal/kit/planwarn). Main
// serves it, and the acceptance tests run it in-process.
func Server(newProvider func() provider.Provider) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		return planwarn.Wrap(providerserver.NewProtocol6(newProvider())())
	}
}

// Main is a provider binary's main: it reads the -debug flag and serves server at address (the
// provider's address in the Terraform Registry) until Terraform stops it.
func Main(address string, server func() tfprotov6.ProviderServer) {
	var debugMode bool
	flag.BoolVar(&debugMode, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()
	if err := Serve(address, server, debugMode); err != nil {
		log.Fatal(err.Error())
	}
}

// Serve serves server to Terraform as the plugin at address, after setting the plugin
// libraries' log levels to what the user asked for (LogLevels) and the garbage collector's
// pace for a short-lived plugin process. With debugMode it serves for a debugger (delve) and
// prints what to give Terraform to reach it.
func Serve(address string, server func() tfprotov6.ProviderServer, debugMode bool) error {
	for name, level := range LogLevels(os.Getenv, address) {
		_ = os.Setenv(name, level)
	}
	paceGC(os.Getenv)
	var opts []tf6server.ServeOpt
	if debugMode {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	return tf6server.Serve(address, server, opts...)
}

// pluginLoggers are the environment variables that set the level of the loggers inside the
// provider process at address (terraform-plugin-log): the SDK's, the protocol's, the
// framework's, and the provider's own (tflog: TF_LOG_PROVIDER_RUNPOD for
// registry.terraform.io/runpod-community/runpod; its API subsystem, such as runpod_api, follows
// it unless set on its own).
func pluginLoggers(address string) []string {
	name := strings.ToUpper(strings.ReplaceAll(path.Base(address), "-", "_"))
	return []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_" + name}
}

// LogLevels returns the levels to set, by environment variable, so that the process of the
// provider at address writes only what Terraform will show. Terraform shows a provider's log
// lines at the level of TF_LOG_PROVIDER, else TF_LOG (TF_LOG_CORE covers Terraform alone;
// JSON, or a value that is not a level, means TRACE; unset, nothing), and drops the rest after
// parsing them. Unset, the plugin libraries log at TRACE: hundreds of JSON lines per resource
// of every plan, written, sent and parsed for nothing (bench/ measures it). So:
//
//   - with nothing asked for, every logger is OFF;
//   - otherwise a logger the user did not set gets Terraform's level;
//   - a logger the user set (TF_LOG_SDK_FRAMEWORK=OFF, TF_LOG_SDK_PROTO=INFO, ...) keeps it,
//     as HashiCorp documents: it filters that logger's lines further. It cannot show more than
//     Terraform's level: Terraform filters above it, so a more verbose setting is lowered to
//     it, which changes nothing in what is shown and saves writing lines that are dropped.
//
// getenv reads the environment (os.Getenv).
func LogLevels(getenv func(string) string, address string) map[string]string {
	shown := terraformProviderLevel(getenv)
	loggers := pluginLoggers(address)
	out := make(map[string]string, len(loggers))
	for _, name := range loggers {
		own, ok := parseLevel(getenv(name))
		switch {
		case !ok || own < shown: // unset (or not a level), or more verbose than is shown
			out[name] = levelNames[shown]
		default:
			out[name] = levelNames[own]
		}
	}
	return out
}

// Log levels, most verbose first, as hclog orders them.
const (
	levelTrace = iota
	levelDebug
	levelInfo
	levelWarn
	levelError
	levelOff
)

var levelNames = []string{"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF"}

// parseLevel reads a level name (any case); ok is false for "" and for what is not a level.
func parseLevel(v string) (level int, ok bool) {
	v = strings.ToUpper(strings.TrimSpace(v))
	for i, name := range levelNames {
		if v == name {
			return i, true
		}
	}
	return 0, false
}

// terraformProviderLevel is the level at which Terraform shows providers' log lines, as
// Terraform reads it: TF_LOG_PROVIDER, else TF_LOG; unset means off; JSON, or a value that is
// not a level, means TRACE.
func terraformProviderLevel(getenv func(string) string) int {
	v := getenv("TF_LOG_PROVIDER")
	if v == "" {
		v = getenv("TF_LOG")
	}
	if v == "" {
		return levelOff
	}
	if level, ok := parseLevel(v); ok {
		return level
	}
	return levelTrace // "JSON", "1", "true": Terraform logs at TRACE
}

// gcPercent is the garbage collector's target for the plugin process when GOGC is not set:
// a plan of a few hundred resources allocates about a gigabyte in the plugin libraries, nearly
// all of it garbage within one call, while the live heap stays around 20 MB. Collecting at
// five times the live heap instead of twice (GOGC=100) halves the collector's share of a
// plan's CPU for tens of megabytes of memory.
const gcPercent = 400

func paceGC(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}
