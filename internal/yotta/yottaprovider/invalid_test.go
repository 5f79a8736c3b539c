package yottaprovider_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaacctest"
)

// pod is the body of a yotta_pod with the required settings, changed by the overrides
// (attribute = value lines; an override of a required attribute replaces it, "-name" removes
// it).
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
	for _, k := range order {
		if v, ok := attrs[k]; ok {
			fmt.Fprintf(&b, "  %s = %s\n", k, v)
		}
	}
	return b.String()
}

func registryAuth(name, typ, username, password string) string {
	return fmt.Sprintf("  name = %q\n  type = %q\n  username = %q\n  password = %q\n", name, typ, username, password)
}

// invalid is a configuration that must be refused at plan time, before any API call, with an
// error that names the attribute at fault (want: parts of the error, in order, the attribute
// first): the body of a block of type typ ("data.yotta_pods" for a data source).
type invalid struct {
	name string
	typ  string
	body string
	want []string
}

// invalidConfigurations are the configurations TestAccInvalidConfigurationsFailAtPlan runs.
var invalidConfigurations = []invalid{
	{"empty name", "yotta_pod", pod(`name = ""`), []string{"name", "string length must be between 1 and 255"}},
	{"long name", "yotta_pod", pod(`name = "` + strings.Repeat("n", 256) + `"`), []string{"name", "string length must be between 1 and 255"}},
	{"missing name", "yotta_pod", pod("-name"), []string{`The argument "name" is required`}},
	{"empty image", "yotta_pod", pod(`image = ""`), []string{"image", "string length must be between 1 and 255"}},
	{"missing gpu_type", "yotta_pod", pod("-gpu_type"), []string{`The argument "gpu_type" is required`}},
	{"gpu display name", "yotta_pod", pod(`gpu_type = "RTX 4090"`), []string{"gpu_type", "must be a GPU type code such as"}},
	{"gpu count 3", "yotta_pod", pod("gpu_count = 3"), []string{"gpu_count", "must be a power of 2", "Got 3"}},
	{"gpu count 0", "yotta_pod", pod("gpu_count = 0"), []string{"gpu_count", "must be a power of 2", "Got 0"}},
	{"gpu count 12", "yotta_pod", pod("gpu_count = 12"), []string{"gpu_count", "must be a power of 2", "Got 12"}},
	{"empty regions", "yotta_pod", pod("regions = []"), []string{"regions", "set must contain at least 1 elements"}},
	{"region name", "yotta_pod", pod(`regions = ["US East"]`), []string{"regions", `must be a region code such as "us-east-1"`}},
	{"image_registry empty", "yotta_pod", pod(`image_registry = ""`), []string{"image_registry", "string length must be between 1 and 255"}},
	{"image_public_type", "yotta_pod", pod(`image_public_type = "SECRET"`), []string{"image_public_type", `value must be one of: ["PUBLIC" "PRIVATE"]`}},
	{"private without credentials", "yotta_pod", pod(`image_public_type = "PRIVATE"`), []string{"container_registry_auth_id", "A PRIVATE image needs credentials"}},
	{"credential id", "yotta_pod", pod(`container_registry_auth_id = "ghcr"`), []string{"container_registry_auth_id", "must be a Yotta id"}},
	{"resource_type", "yotta_pod", pod(`resource_type = "TPU"`), []string{"resource_type", `value must be one of: ["GPU" "CPU"]`}},
	{"vram", "yotta_pod", pod("min_single_card_vram_in_gb = 2000"), []string{"min_single_card_vram_in_gb", "must be between 0 and 1536"}},
	{"ram", "yotta_pod", pod("min_single_card_ram_in_gb = -1"), []string{"min_single_card_ram_in_gb", "must be between 0 and 1536"}},
	{"vcpu", "yotta_pod", pod("min_single_card_vcpu = -2"), []string{"min_single_card_vcpu", "must be at least 0"}},
	{"shm", "yotta_pod", pod("shm_in_gb = -1"), []string{"shm_in_gb", "must be at least 0"}},
	{"container volume", "yotta_pod", pod("container_volume_in_gb = 0"), []string{"container_volume_in_gb", "must be at least 1"}},
	{"persistent volume 0", "yotta_pod", pod("persistent_volume_in_gb = 0", `persistent_mount_path = "/data"`), []string{"persistent_volume_in_gb", "must be at least 1"}},
	{"volume without path", "yotta_pod", pod("persistent_volume_in_gb = 50"), []string{"persistent_mount_path", "go together"}},
	{"path without volume", "yotta_pod", pod(`persistent_mount_path = "/data"`), []string{"persistent_volume_in_gb", "go together"}},
	{"relative mount path", "yotta_pod", pod("persistent_volume_in_gb = 50", `persistent_mount_path = "data"`), []string{"persistent_mount_path", "must be an absolute path"}},
	{"empty init command", "yotta_pod", pod(`initialization_command = ""`), []string{"initialization_command", "string length must be at least 1"}},
	{"env name digit", "yotta_pod", pod(`environment_vars = { "1BAD" = "x" }`), []string{"environment_vars", "must be a variable name"}},
	{"env name dash", "yotta_pod", pod(`environment_vars = { "A-B" = "x" }`), []string{"environment_vars", "must be a variable name"}},
	{"port 0", "yotta_pod", pod(`expose = [{ port = 0, protocol = "HTTP" }]`), []string{"expose", "port", "must be between 1 and 65535"}},
	{"port 70000", "yotta_pod", pod(`expose = [{ port = 70000, protocol = "TCP" }]`), []string{"expose", "port", "must be between 1 and 65535"}},
	{"protocol", "yotta_pod", pod(`expose = [{ port = 53, protocol = "UDP" }]`), []string{"expose", "protocol", `value must be one of: ["HTTP" "TCP" "SSH"]`}},
	{"port twice", "yotta_pod", pod(`expose = [{ port = 80, protocol = "HTTP" }, { port = 80, protocol = "TCP" }]`), []string{"expose", "Port 80 is exposed twice"}},
	{"empty expose", "yotta_pod", pod("expose = []"), []string{"expose", "set must contain at least 1 elements"}},
	{"missing protocol", "yotta_pod", pod(`expose = [{ port = 80 }]`), []string{"expose", `attribute "protocol" is required`}},
	{"volume id", "yotta_pod", pod(`persistent_volumes = [{ volume_id = "vol-1", mount_path = "/v" }]`), []string{"persistent_volumes", "volume_id", "must be a Yotta id"}},
	{"volume path", "yotta_pod", pod(`persistent_volumes = [{ volume_id = "1", mount_path = "v" }]`), []string{"persistent_volumes", "mount_path", "must be an absolute path"}},
	{"volume on the persistent path", "yotta_pod", pod("persistent_volume_in_gb = 10", `persistent_mount_path = "/data"`,
		`persistent_volumes = [{ volume_id = "1", mount_path = "/data/" }]`), []string{"persistent_volumes", "/data/ is already the mount path of persistent_mount_path"}},
	{"volume twice", "yotta_pod", pod(`persistent_volumes = [{ volume_id = "1", mount_path = "/a" }, { volume_id = "1", mount_path = "/b" }]`),
		[]string{"persistent_volumes", "Volume 1 is attached twice"}},
	{"desired status", "yotta_pod", pod(`desired_status = "STOPPED"`), []string{"desired_status", `value must be one of: ["RUNNING" "PAUSED"]`}},
	{"timeout", "yotta_pod", pod(`timeouts = { create = "soon" }`), []string{"timeouts.create", `must be a positive duration such as "30s"`, `got "soon"`}},
	{"registry type", "yotta_container_registry_auth", registryAuth("r", "QUAY", "u", "p"), []string{"type", `value must be one of: ["DOCKER_HUB" "GCR" "ECR" "ACR" "PRIVATE"]`}},
	{"registry name", "yotta_container_registry_auth", registryAuth("", "GCR", "u", "p"), []string{"name", "string length must be between 1 and 255"}},
	{"registry password", "yotta_container_registry_auth", registryAuth("r", "GCR", "u", ""), []string{"password", "string length must be at least 1"}},
	{"registry password and password_wo", "yotta_container_registry_auth", registryAuth("r", "GCR", "u", "p") + "  password_wo = \"p\"\n  password_wo_version = 1\n",
		[]string{"password", `Attribute "password_wo" cannot be specified when "password" is specified`}},
	{"registry without password", "yotta_container_registry_auth", "  name = \"r\"\n  type = \"GCR\"\n  username = \"u\"\n",
		[]string{"Missing password", `password is required to create container registry auth "r": Yotta never returns a credential's username or password: it takes them when the credential is made. Set password (or password_wo with password_wo_version, to keep it out of the state) in the configuration.`}},
	{"registry without username", "yotta_container_registry_auth", "  name = \"r\"\n  type = \"GCR\"\n  password = \"p\"\n",
		[]string{"Missing username", `username is required to create container registry auth "r": Yotta never returns a credential's username or password: it takes them when the credential is made. Set username in the configuration.`}},
	{"registry password_wo without version", "yotta_container_registry_auth", "  name = \"r\"\n  type = \"GCR\"\n  username = \"u\"\n  password_wo = \"p\"\n",
		[]string{"password_wo", `Attribute "password_wo_version" must be specified when "password_wo" is specified`}},
	{"registry version without password_wo", "yotta_container_registry_auth", registryAuth("r", "GCR", "u", "p") + "  password_wo_version = 1\n",
		[]string{"password_wo_version", `Attribute "password_wo" must be specified when "password_wo_version" is specified`}},
	{"pods status filter", "data.yotta_pods", `status_list = ["SLEEPING"]`, []string{"status_list", "value must be one of"}},
	{"pod data source id", "data.yotta_pod", `id = "abc"`, []string{"id", "must be a Yotta pod id"}},
	{"gpu types vram", "data.yotta_gpu_types", `min_vram_in_gb = 0`, []string{"min_vram_in_gb", "must be at least 1"}},
}

// TestAccInvalidConfigurationsFailAtPlan: every configuration above is refused at plan time,
// with an error naming the attribute at fault, and the provider makes no API call at all. They
// are planned together, as blocks of one configuration (two plans at most: see
// acckit.PlanRefusals), each checked against the diagnostics of its own block.
func TestAccInvalidConfigurationsFailAtPlan(t *testing.T) {
	t.Parallel()
	if len(invalidConfigurations) < 30 {
		t.Fatalf("%d invalid configurations: the suite promises at least 30", len(invalidConfigurations))
	}
	cases := make([]yottaacctest.Refusal, len(invalidConfigurations))
	for i, c := range invalidConfigurations {
		cases[i] = yottaacctest.Refusal{Name: c.name, Type: c.typ, Body: c.body, Want: c.want}
	}
	m := yottaacctest.NewMock(t)
	refused := m.PlanRefusals(t, "", cases)
	m.ExpectNoCalls(t)
	t.Logf("%d of %d invalid configurations refused at plan time, with %d API calls", refused, len(cases), len(m.Calls()))
}
