package yottaprovider_test

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaacctest"
)

// invalid is a configuration that must fail at plan time, before any API call, with an error
// that names the attribute at fault (want: parts of the error, in order, the attribute first).
type invalid struct {
	name string
	hcl  string
	want []string
}

// pod is a yotta_pod with the required settings, changed by the overrides (attribute =
// value lines; an override of a required attribute replaces it, "-name" removes it).
func pod(overrides ...string) string {
	attrs := map[string]string{
		"name": `"p"`, "image": `"pytorch/pytorch:2.4.0"`, "gpu_type": `"NVIDIA_RTX_4090_24G"`, "gpu_count": "1",
	}
	order := []string{"name", "image", "gpu_type", "gpu_count"}
	for _, o := range overrides {
		if strings.HasPrefix(o, "-") {
			delete(attrs, o[1:])
			continue
		}
		k, v, _ := strings.Cut(o, "=")
		k = strings.TrimSpace(k)
		if _, ok := attrs[k]; !ok {
			order = append(order, k)
		}
		attrs[k] = strings.TrimSpace(v)
	}
	var b strings.Builder
	b.WriteString("resource \"yotta_pod\" \"test\" {\n")
	for _, k := range order {
		if v, ok := attrs[k]; ok {
			fmt.Fprintf(&b, "  %s = %s\n", k, v)
		}
	}
	b.WriteString("}\n")
	return b.String()
}

func registryAuth(name, typ, username, password string) string {
	return fmt.Sprintf("resource \"yotta_container_registry_auth\" \"test\" {\n  name = %q\n  type = %q\n  username = %q\n  password = %q\n}\n",
		name, typ, username, password)
}

// invalidConfigurations are the configurations TestAccInvalidConfigurationsFailAtPlan runs.
var invalidConfigurations = []invalid{
	{"empty name", pod(`name = ""`), []string{"name", "string length must be between 1 and 255"}},
	{"long name", pod(`name = "` + strings.Repeat("n", 256) + `"`), []string{"name", "string length must be between 1 and 255"}},
	{"missing name", pod("-name"), []string{`The argument "name" is required`}},
	{"empty image", pod(`image = ""`), []string{"image", "string length must be between 1 and 255"}},
	{"missing gpu_type", pod("-gpu_type"), []string{`The argument "gpu_type" is required`}},
	{"gpu display name", pod(`gpu_type = "RTX 4090"`), []string{"gpu_type", "must be a GPU type code such as"}},
	{"gpu count 3", pod("gpu_count = 3"), []string{"gpu_count", "must be a power of 2", "Got 3"}},
	{"gpu count 0", pod("gpu_count = 0"), []string{"gpu_count", "must be a power of 2", "Got 0"}},
	{"gpu count 12", pod("gpu_count = 12"), []string{"gpu_count", "must be a power of 2", "Got 12"}},
	{"empty regions", pod("regions = []"), []string{"regions", "set must contain at least 1 elements"}},
	{"region name", pod(`regions = ["US East"]`), []string{"regions", `must be a region code such as "us-east-1"`}},
	{"image_registry empty", pod(`image_registry = ""`), []string{"image_registry", "string length must be between 1 and 255"}},
	{"image_public_type", pod(`image_public_type = "SECRET"`), []string{"image_public_type", `value must be one of: ["PUBLIC" "PRIVATE"]`}},
	{"private without credentials", pod(`image_public_type = "PRIVATE"`), []string{"container_registry_auth_id", "A PRIVATE image needs credentials"}},
	{"credential id", pod(`container_registry_auth_id = "ghcr"`), []string{"container_registry_auth_id", "must be a Yotta id"}},
	{"resource_type", pod(`resource_type = "TPU"`), []string{"resource_type", `value must be one of: ["GPU" "CPU"]`}},
	{"vram", pod("min_single_card_vram_in_gb = 2000"), []string{"min_single_card_vram_in_gb", "must be between 0 and 1536"}},
	{"ram", pod("min_single_card_ram_in_gb = -1"), []string{"min_single_card_ram_in_gb", "must be between 0 and 1536"}},
	{"vcpu", pod("min_single_card_vcpu = -2"), []string{"min_single_card_vcpu", "must be at least 0"}},
	{"shm", pod("shm_in_gb = -1"), []string{"shm_in_gb", "must be at least 0"}},
	{"container volume", pod("container_volume_in_gb = 0"), []string{"container_volume_in_gb", "must be at least 1"}},
	{"persistent volume 0", pod("persistent_volume_in_gb = 0", `persistent_mount_path = "/data"`), []string{"persistent_volume_in_gb", "must be at least 1"}},
	{"volume without path", pod("persistent_volume_in_gb = 50"), []string{"persistent_mount_path", "go together"}},
	{"path without volume", pod(`persistent_mount_path = "/data"`), []string{"persistent_volume_in_gb", "go together"}},
	{"relative mount path", pod("persistent_volume_in_gb = 50", `persistent_mount_path = "data"`), []string{"persistent_mount_path", "must be an absolute path"}},
	{"empty init command", pod(`initialization_command = ""`), []string{"initialization_command", "string length must be at least 1"}},
	{"env name digit", pod(`environment_vars = { "1BAD" = "x" }`), []string{"environment_vars", "must be a variable name"}},
	{"env name dash", pod(`environment_vars = { "A-B" = "x" }`), []string{"environment_vars", "must be a variable name"}},
	{"port 0", pod(`expose = [{ port = 0, protocol = "HTTP" }]`), []string{"expose", "port", "must be between 1 and 65535"}},
	{"port 70000", pod(`expose = [{ port = 70000, protocol = "TCP" }]`), []string{"expose", "port", "must be between 1 and 65535"}},
	{"protocol", pod(`expose = [{ port = 53, protocol = "UDP" }]`), []string{"expose", "protocol", `value must be one of: ["HTTP" "TCP" "SSH"]`}},
	{"port twice", pod(`expose = [{ port = 80, protocol = "HTTP" }, { port = 80, protocol = "TCP" }]`), []string{"expose", "Port 80 is exposed twice"}},
	{"empty expose", pod("expose = []"), []string{"expose", "set must contain at least 1 elements"}},
	{"missing protocol", pod(`expose = [{ port = 80 }]`), []string{"expose", `attribute "protocol" is required`}},
	{"volume id", pod(`persistent_volumes = [{ volume_id = "vol-1", mount_path = "/v" }]`), []string{"persistent_volumes", "volume_id", "must be a Yotta id"}},
	{"volume path", pod(`persistent_volumes = [{ volume_id = "1", mount_path = "v" }]`), []string{"persistent_volumes", "mount_path", "must be an absolute path"}},
	{"volume on the persistent path", pod("persistent_volume_in_gb = 10", `persistent_mount_path = "/data"`,
		`persistent_volumes = [{ volume_id = "1", mount_path = "/data/" }]`), []string{"persistent_volumes", "/data/ is already the mount path of persistent_mount_path"}},
	{"volume twice", pod(`persistent_volumes = [{ volume_id = "1", mount_path = "/a" }, { volume_id = "1", mount_path = "/b" }]`),
		[]string{"persistent_volumes", "Volume 1 is attached twice"}},
	{"desired status", pod(`desired_status = "STOPPED"`), []string{"desired_status", `value must be one of: ["RUNNING" "PAUSED"]`}},
	{"timeout", pod(`timeouts = { create = "soon" }`), []string{"timeouts.create", `must be a positive duration such as "30s"`, `got "soon"`}},
	{"registry type", registryAuth("r", "QUAY", "u", "p"), []string{"type", `value must be one of: ["DOCKER_HUB" "GCR" "ECR" "ACR" "PRIVATE"]`}},
	{"registry name", registryAuth("", "GCR", "u", "p"), []string{"name", "string length must be between 1 and 255"}},
	{"registry password", registryAuth("r", "GCR", "u", ""), []string{"password", "string length must be at least 1"}},
	{"pods status filter", `data "yotta_pods" "test" { status_list = ["SLEEPING"] }`, []string{"status_list", "value must be one of"}},
	{"pod data source id", `data "yotta_pod" "test" { id = "abc" }`, []string{"id", "must be a Yotta pod id"}},
	{"gpu types vram", `data "yotta_gpu_types" "test" { min_vram_in_gb = 0 }`, []string{"min_vram_in_gb", "must be at least 1"}},
}

// invalidCount counts the configurations run, for the figure the suite reports.
var invalidCount atomic.Int64

// TestAccInvalidConfigurationsFailAtPlan: every configuration above fails at plan time, with
// an error naming the attribute at fault, and the provider makes no API call at all. They run
// in four parallel groups of plan-only steps (one Terraform working directory each).
func TestAccInvalidConfigurationsFailAtPlan(t *testing.T) {
	t.Parallel()
	if len(invalidConfigurations) < 30 {
		t.Fatalf("%d invalid configurations: the suite promises at least 30", len(invalidConfigurations))
	}
	const groups = 4
	for g := range groups {
		t.Run(fmt.Sprintf("group%d", g+1), func(t *testing.T) {
			t.Parallel()
			m := yottaacctest.NewMock(t)
			var steps []resource.TestStep
			for i, c := range invalidConfigurations {
				if i%groups != g {
					continue
				}
				steps = append(steps, resource.TestStep{
					PreConfig:   func() { t.Logf("invalid configuration: %s", c.name); invalidCount.Add(1) },
					Config:      m.Config(c.hcl),
					PlanOnly:    true,
					ExpectError: yottaacctest.ErrorText(c.want...),
				})
			}
			resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: yottaacctest.ProtoV6ProviderFactories, Steps: steps})
			m.ExpectNoCalls(t)
		})
	}
	t.Cleanup(func() {
		t.Logf("%d invalid configurations failed at plan time, with 0 API calls", invalidCount.Load())
	})
}
