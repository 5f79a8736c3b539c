// Package validate is the one set of attribute validators every resource and data source uses,
// so that a rule (a name's length, an env key, a port, an id's form, a duration) never differs
// between resources. Each error names the attribute and says what is expected, at plan time,
// before any API call. Validators skip null and unknown values: those are checked once known.
//
// Ids that only RunPod knows (GPU types, data centers) are checked here for their form only;
// the resources check them against RunPod's catalog at plan time (catalog.go).
package validate

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// MaxNameLength is RunPod's limit on the name of a pod, endpoint, template, network volume or
// registry credential (its database column: 191 characters, utf8mb4's index limit).
const MaxNameLength = 191

// Name checks a RunPod object's name: 1 to MaxNameLength characters.
func Name() validator.String { return stringvalidator.LengthBetween(1, MaxNameLength) }

var (
	envKeyPattern     = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	dataCenterPattern = regexp.MustCompile(`^[A-Z]+-[A-Z]+-[0-9]+$`)
	cpuFlavorPattern  = regexp.MustCompile(`^cpu[0-9]+[a-z]+$`)
	cudaPattern       = regexp.MustCompile(`^[0-9]+\.[0-9]+$`)
	countryPattern    = regexp.MustCompile(`^[A-Z]{2}$`)
	absolutePattern   = regexp.MustCompile(`^/`)
)

// EnvKeys checks the keys of an env map are POSIX variable names: letters, digits and _, not
// starting with a digit (a shell could not read "MY VAR" or "1BAD", and RunPod's "KEY=value"
// form breaks on "=").
func EnvKeys() validator.Map {
	return mapvalidator.KeysAre(stringvalidator.RegexMatches(envKeyPattern,
		"must be an environment variable name: letters, digits and _, not starting with a digit"))
}

// DataCenterID checks the form of a RunPod data center id, such as EU-RO-1 or US-TX-3.
func DataCenterID() validator.String {
	return stringvalidator.RegexMatches(dataCenterPattern, "must be a RunPod data center id, such as EU-RO-1 or US-TX-3")
}

// CPUFlavorID checks the form of a RunPod CPU flavor id, such as cpu3c or cpu5g.
func CPUFlavorID() validator.String {
	return stringvalidator.RegexMatches(cpuFlavorPattern, "must be a RunPod CPU flavor id, such as cpu3c or cpu5g")
}

// GPUTypeID checks the form of a RunPod GPU type id, such as "NVIDIA GeForce RTX 4090": not
// empty, without leading or trailing spaces (RunPod matches ids exactly).
func GPUTypeID() validator.String {
	return idValidator{what: "a RunPod GPU type id, such as \"NVIDIA GeForce RTX 4090\""}
}

// ObjectID checks an id of a RunPod object (a template, a network volume, a registry
// credential): not empty, without spaces.
func ObjectID() validator.String {
	return idValidator{what: "a RunPod id, without spaces", noSpaces: true}
}

// CUDAVersion checks a CUDA version such as 12.4.
func CUDAVersion() validator.String {
	return stringvalidator.RegexMatches(cudaPattern, "must be a CUDA version such as \"12.4\"")
}

// CountryCode checks a two-letter country code such as US.
func CountryCode() validator.String {
	return stringvalidator.RegexMatches(countryPattern, "must be a two-letter country code such as \"US\"")
}

// AbsolutePath checks a mount path is absolute, such as /workspace.
func AbsolutePath() validator.String {
	return stringvalidator.RegexMatches(absolutePattern, "must be an absolute path, such as \"/workspace\"")
}

// IDList checks a priority list of ids: at least one, each once, each passing each.
func IDList(each ...validator.String) validator.List {
	return listvalidator.All(listvalidator.SizeAtLeast(1), listvalidator.UniqueValues(), listvalidator.ValueStringsAre(each...))
}

// IDSet is IDList for sets.
func IDSet(each ...validator.String) validator.Set {
	return setvalidator.All(setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(each...))
}

// SizeGB checks a size in GB is at least min.
func SizeGB(min int64) validator.Int64 { return int64validator.AtLeast(min) }

type idValidator struct {
	what     string
	noSpaces bool
}

func (v idValidator) Description(context.Context) string             { return "must be " + v.what }
func (v idValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v idValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if s == "" || strings.TrimSpace(s) != s || v.noSpaces && strings.ContainsAny(s, " \t\n") {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Attribute Value",
			fmt.Sprintf("Attribute %s %s, got: %q", req.Path, v.Description(ctx), s))
	}
}

// PortFormat is how a port is written.
const PortFormat = "<port>/http or <port>/tcp, with a port from 1 to 65535"

// Ports checks a list of ports: each PortFormat, each port number at most once (RunPod maps a
// port once, as http or tcp: "22/tcp" and "22/http" together are refused at apply).
func Ports() validator.List { return portsValidator{} }

type portsValidator struct{}

func (portsValidator) Description(context.Context) string {
	return "each item is " + PortFormat + ", each port number at most once"
}

func (v portsValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (portsValidator) ValidateList(_ context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	seen := map[int]string{}
	for i, e := range req.ConfigValue.Elements() {
		s, ok := e.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() {
			continue
		}
		at := req.Path.AtListIndex(i)
		port, ok := ParsePort(s.ValueString())
		if !ok {
			resp.Diagnostics.AddAttributeError(at, "Invalid port",
				fmt.Sprintf("Attribute %s must be %s, got: %q", at, PortFormat, s.ValueString()))
			continue
		}
		if first, dup := seen[port]; dup {
			resp.Diagnostics.AddAttributeError(at, "Duplicate port",
				fmt.Sprintf("Attribute %s exposes port %d twice (%q and %q): list each port once, as http or tcp.",
					req.Path, port, first, s.ValueString()))
			continue
		}
		seen[port] = s.ValueString()
	}
}

// ParsePort reads the number of a port written as PortFormat.
func ParsePort(s string) (int, bool) {
	port, proto, ok := strings.Cut(s, "/")
	n, err := strconv.Atoi(port)
	if !ok || proto != "http" && proto != "tcp" || err != nil || n < 1 || n > 65535 || strconv.Itoa(n) != port {
		return 0, false
	}
	return n, true
}

// Duration checks a positive duration such as "30s" or "1h30m" (Go's time.ParseDuration).
func Duration() validator.String { return durationValidator{} }

type durationValidator struct{}

func (durationValidator) Description(context.Context) string {
	return `must be a positive duration such as "30s", "15m" or "1h30m" (units s, m, h)`
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v durationValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	d, err := time.ParseDuration(s)
	switch {
	case err != nil:
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration",
			fmt.Sprintf("Attribute %s %s, got: %q, which is not a duration.", req.Path, v.Description(ctx), s))
	case d <= 0:
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration",
			fmt.Sprintf("Attribute %s %s, got: %q: an operation with no time left fails at once.", req.Path, v.Description(ctx), s))
	}
}
