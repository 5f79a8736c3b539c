package yottaendpoint_test

import (
	"strings"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaacctest"
)

// body is a valid yotta_serverless_endpoint body changed by overrides ("key = value" replaces
// the line of key or adds one; "-key" removes it).
func body(overrides ...string) string {
	keys := []string{"name", "image", "service_mode", "workers", "container_volume_in_gb", "resources"}
	lines := map[string]string{
		"name": `"llm"`, "image": `"vllm/vllm-openai:v0.6"`, "service_mode": `"CUSTOM"`, "workers": "1", "container_volume_in_gb": "20",
		"resources": `[{ region = "us-east-1", gpu_type = "NVIDIA_RTX_4090_24G", gpu_count = 1 }]`,
	}
	for _, o := range overrides {
		if k, ok := strings.CutPrefix(o, "-"); ok {
			delete(lines, k)
			continue
		}
		k, v, _ := strings.Cut(o, "=")
		k = strings.TrimSpace(k)
		if _, ok := lines[k]; !ok {
			keys = append(keys, k)
		}
		lines[k] = strings.TrimSpace(v)
	}
	var b strings.Builder
	for _, k := range keys {
		if v, ok := lines[k]; ok {
			b.WriteString("  " + k + " = " + v + "\n")
		}
	}
	return b.String()
}

const typ = "yotta_serverless_endpoint"

func res(region, gpuType, count string) string {
	return `[{ region = "` + region + `", gpu_type = "` + gpuType + `", gpu_count = ` + count + ` }]`
}

// endpointRefusals are the yotta_serverless_endpoint configurations refused at plan time,
// before any API call, each naming the attribute at fault.
var endpointRefusals = []yottaacctest.Refusal{
	{Name: "name too long", Type: typ, Body: body(`name = "` + strings.Repeat("a", 21) + `"`), Want: []string{"name", "must be 1 to 20 characters (letters, digits, @ . _ -) starting with a letter"}},
	{Name: "name starts with a digit", Type: typ, Body: body(`name = "1llm"`), Want: []string{"name", "starting with a letter"}},
	{Name: "name with a space", Type: typ, Body: body(`name = "my llm"`), Want: []string{"name", "starting with a letter"}},
	{Name: "empty name", Type: typ, Body: body(`name = ""`), Want: []string{"name", "starting with a letter"}},
	{Name: "missing name", Type: typ, Body: body("-name"), Want: []string{`The argument "name" is required`}},
	{Name: "empty image", Type: typ, Body: body(`image = ""`), Want: []string{"image", "string length must be between 1 and 255"}},
	{Name: "missing image", Type: typ, Body: body("-image"), Want: []string{`The argument "image" is required`}},
	{Name: "empty image registry", Type: typ, Body: body(`image_registry = ""`), Want: []string{"image_registry", "string length must be between 1 and 255"}},
	{Name: "service mode", Type: typ, Body: body(`service_mode = "LAMBDA"`), Want: []string{"service_mode", `value must be one of: ["ALB" "QUEUE" "CUSTOM"]`}},
	{Name: "ALB without expose", Type: typ, Body: body(`service_mode = "ALB"`), Want: []string{"Missing expose", "An ALB endpoint's load balancer sends requests to the workers' port"}},
	{Name: "workers 0", Type: typ, Body: body("workers = 0"), Want: []string{"workers", "value must be at least 1, got: 0"}},
	{Name: "missing workers", Type: typ, Body: body("-workers"), Want: []string{`The argument "workers" is required`}},
	{Name: "container volume 19", Type: typ, Body: body("container_volume_in_gb = 19"), Want: []string{"container_volume_in_gb", "value must be at least 20, got: 19"}},
	{Name: "missing container volume", Type: typ, Body: body("-container_volume_in_gb"), Want: []string{`The argument "container_volume_in_gb" is required`}},
	{Name: "no resources", Type: typ, Body: body("resources = []"), Want: []string{"resources", "list must contain at least 1 elements"}},
	{Name: "resource region name", Type: typ, Body: body("resources = " + res("US East", "NVIDIA_RTX_4090_24G", "1")), Want: []string{"resources[0].region", `must be a region code such as "us-east-1"`}},
	{Name: "resource gpu display name", Type: typ, Body: body("resources = " + res("us-east-1", "RTX 4090", "1")), Want: []string{"resources[0].gpu_type", "must be a GPU type code such as"}},
	{Name: "resource gpu count 3", Type: typ, Body: body("resources = " + res("us-east-1", "NVIDIA_RTX_4090_24G", "3")), Want: []string{"resources[0].gpu_count", "must be a power of 2", "Got 3"}},
	{Name: "resource gpu count 0", Type: typ, Body: body("resources = " + res("us-east-1", "NVIDIA_RTX_4090_24G", "0")), Want: []string{"resources[0].gpu_count", "must be a power of 2", "Got 0"}},
	{Name: "resource listed twice", Type: typ, Body: body(`resources = [{ region = "us-east-1", gpu_type = "NVIDIA_H100_80G", gpu_count = 1 }, { region = "us-east-1", gpu_type = "NVIDIA_H100_80G", gpu_count = 2 }]`),
		Want: []string{"Resource listed twice", "resources[1] repeats resources[0] (NVIDIA_H100_80G in us-east-1)"}},
	{Name: "resource without gpu type", Type: typ, Body: body(`resources = [{ region = "us-east-1", gpu_count = 1 }]`), Want: []string{"resources", `attribute "gpu_type" is required`}},
	{Name: "expose port 0", Type: typ, Body: body(`expose = { port = 0, protocol = "HTTP" }`), Want: []string{"expose.port", "value must be between 1 and 65535, got: 0"}},
	{Name: "expose port 70000", Type: typ, Body: body(`expose = { port = 70000, protocol = "HTTP" }`), Want: []string{"expose.port", "value must be between 1 and 65535, got: 70000"}},
	{Name: "expose protocol SSH", Type: typ, Body: body(`expose = { port = 22, protocol = "SSH" }`), Want: []string{"expose.protocol", `value must be one of: ["HTTP" "TCP"]`}},
	{Name: "expose as a list", Type: typ, Body: body(`expose = [{ port = 80, protocol = "HTTP" }]`), Want: []string{"Incorrect attribute value type", "expose"}},
	{Name: "env name with a dash", Type: typ, Body: body(`environment_vars = { "HF-TOKEN" = "x" }`), Want: []string{"environment_vars", "must be a variable name"}},
	{Name: "env name with a digit first", Type: typ, Body: body(`environment_vars = { "1TOKEN" = "x" }`), Want: []string{"environment_vars", "must be a variable name"}},
	{Name: "webhook not a URL", Type: typ, Body: body(`webhook = "hooks.example.com"`), Want: []string{"webhook", "must be an http:// or https:// URL"}},
	{Name: "webhook too long", Type: typ, Body: body(`webhook = "https://example.com/` + strings.Repeat("a", 500) + `"`), Want: []string{"webhook", "string length must be at most 512"}},
	{Name: "empty initialization command", Type: typ, Body: body(`initialization_command = ""`), Want: []string{"initialization_command", "string length must be at least 1"}},
	{Name: "credential id", Type: typ, Body: body(`container_registry_auth_id = "ghcr"`), Want: []string{"container_registry_auth_id", "must be a Yotta id"}},
	{Name: "min vram", Type: typ, Body: body("min_single_card_vram_in_gb = 2000"), Want: []string{"min_single_card_vram_in_gb", "value must be between 0 and 1536, got: 2000"}},
	{Name: "min ram", Type: typ, Body: body("min_single_card_ram_in_gb = -1"), Want: []string{"min_single_card_ram_in_gb", "value must be between 0 and 1536, got: -1"}},
	{Name: "min vcpu", Type: typ, Body: body("min_single_card_vcpu = -1"), Want: []string{"min_single_card_vcpu", "value must be at least 0, got: -1"}},
	{Name: "desired status PAUSED", Type: typ, Body: body(`desired_status = "PAUSED"`), Want: []string{"desired_status", `value must be one of: ["RUNNING" "STOPPED"]`}},
	{Name: "data source id", Type: "data.yotta_serverless_endpoint", Body: `  id = "llm"`, Want: []string{"id", "must be a Yotta endpoint id"}},
	{Name: "list status", Type: "data.yotta_serverless_endpoints", Body: `  status_list = ["PAUSED"]`, Want: []string{"status_list", "value must be one of"}},
}

// TestAccEndpoint_invalidConfigurationsFailAtPlan: every configuration of endpointRefusals is
// refused when Terraform plans it, naming the attribute, with no API call at all.
func TestAccEndpoint_invalidConfigurationsFailAtPlan(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	refused := m.PlanRefusals(t, "", endpointRefusals)
	m.ExpectNoCalls(t)
	t.Logf("%d of %d invalid configurations refused at plan time, with %d API calls", refused, len(endpointRefusals), len(m.Calls()))
}
