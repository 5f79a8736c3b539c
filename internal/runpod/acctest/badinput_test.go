package acctest_test

import (
	"strings"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// badInput is one invalid configuration: a resource or data source of typ whose body breaks
// one rule of attr (the attribute the error must name).
type badInput struct {
	data bool // a data source
	typ  string
	attr string
	body string
}

const (
	podBase      = `image_name = "busybox:1"` + "\n"
	cpuPodBase   = podBase + `compute_type = "CPU"` + "\n"
	endpointBase = `template_id = "tpl0000001"` + "\n"
	volumeBase   = `size = 50` + "\n" + `data_center_id = "EU-RO-1"` + "\n"
	authBase     = `username = "me"` + "\n" + `password = "pw"` + "\n"
)

var longName = strings.Repeat("n", 192)

// badInputs is the catalog: every resource and data source, each rule of the shared
// validators (internal/runpod/validate) and the resources' own rules.
var badInputs = []badInput{
	// runpod_pod
	{typ: "runpod_pod", attr: "name", body: podBase + `name = ""`},
	{typ: "runpod_pod", attr: "name", body: podBase + `name = "` + longName + `"`},
	{typ: "runpod_pod", attr: "image_name", body: `image_name = ""`},
	{typ: "runpod_pod", attr: "template_id", body: `template_id = "tpl 1"`},
	{typ: "runpod_pod", attr: "compute_type", body: podBase + `compute_type = "TPU"`},
	{typ: "runpod_pod", attr: "cloud_type", body: podBase + `cloud_type = "PRIVATE"`},
	{typ: "runpod_pod", attr: "gpu_type_priority", body: podBase + `gpu_type_priority = "cheapest"`},
	{typ: "runpod_pod", attr: "gpu_count", body: podBase + `gpu_count = 0`},
	{typ: "runpod_pod", attr: "gpu_type_ids", body: podBase + `gpu_type_ids = []`},
	{typ: "runpod_pod", attr: "gpu_type_ids", body: podBase + `gpu_type_ids = [" NVIDIA L4"]`},
	{typ: "runpod_pod", attr: "gpu_type_ids", body: podBase + `gpu_type_ids = ["NVIDIA L4", "NVIDIA L4"]`},
	{typ: "runpod_pod", attr: "data_center_ids", body: podBase + `data_center_ids = ["somewhere"]`},
	{typ: "runpod_pod", attr: "data_center_ids", body: podBase + `data_center_ids = []`},
	{typ: "runpod_pod", attr: "data_center_priority", body: podBase + `data_center_priority = "nearest"`},
	{typ: "runpod_pod", attr: "country_codes", body: podBase + `country_codes = ["se"]`},
	{typ: "runpod_pod", attr: "allowed_cuda_versions", body: podBase + `allowed_cuda_versions = ["12"]`},
	{typ: "runpod_pod", attr: "min_cuda_version", body: podBase + `min_cuda_version = "twelve"`},
	{typ: "runpod_pod", attr: "container_disk_in_gb", body: podBase + `container_disk_in_gb = 0`},
	{typ: "runpod_pod", attr: "volume_in_gb", body: podBase + `volume_in_gb = -1`},
	{typ: "runpod_pod", attr: "volume_mount_path", body: podBase + `volume_mount_path = "workspace"`},
	{typ: "runpod_pod", attr: "network_volume_id", body: podBase + `network_volume_id = "vol 1"`},
	{typ: "runpod_pod", attr: "ports", body: podBase + `ports = ["8888/udp"]`},
	{typ: "runpod_pod", attr: "ports", body: podBase + `ports = ["70000/tcp"]`},
	{typ: "runpod_pod", attr: "ports", body: podBase + `ports = ["22/tcp", "22/http"]`},
	{typ: "runpod_pod", attr: "env", body: podBase + `env = { "MY VAR" = "x" }`},
	{typ: "runpod_pod", attr: "env", body: podBase + `env = { "1BAD" = "x" }`},
	{typ: "runpod_pod", attr: "container_registry_auth_id", body: podBase + `container_registry_auth_id = "a b"`},
	{typ: "runpod_pod", attr: "desired_status", body: podBase + `desired_status = "STOPPED"`},
	{typ: "runpod_pod", attr: "min_download_mbps", body: podBase + `min_download_mbps = -1`},
	{typ: "runpod_pod", attr: "min_upload_mbps", body: podBase + `min_upload_mbps = -1`},
	{typ: "runpod_pod", attr: "min_disk_bandwidth_mbps", body: podBase + `min_disk_bandwidth_mbps = -1`},
	{typ: "runpod_pod", attr: "cpu_flavor_ids", body: cpuPodBase + `cpu_flavor_ids = ["3c"]`},
	{typ: "runpod_pod", attr: "vcpu_count", body: cpuPodBase + `vcpu_count = 0`},
	{typ: "runpod_pod", attr: "bid_per_gpu", body: podBase + "interruptible = true\n" + `bid_per_gpu = 0`},
	{typ: "runpod_pod", attr: "timeouts.create", body: podBase + `timeouts = { create = "-5m" }`},
	{typ: "runpod_pod", attr: "timeouts.create", body: podBase + `timeouts = { create = "abc" }`},
	{typ: "runpod_pod", attr: "timeouts.update", body: podBase + `timeouts = { update = "0s" }`},
	{typ: "runpod_pod", attr: "timeouts.delete", body: podBase + `timeouts = { delete = "-1h" }`},

	// runpod_endpoint
	{typ: "runpod_endpoint", attr: "name", body: endpointBase + `name = ""`},
	{typ: "runpod_endpoint", attr: "name", body: endpointBase + `name = "` + longName + `"`},
	{typ: "runpod_endpoint", attr: "template_id", body: `template_id = ""`},
	{typ: "runpod_endpoint", attr: "compute_type", body: endpointBase + `compute_type = "TPU"`},
	{typ: "runpod_endpoint", attr: "gpu_type_ids", body: endpointBase + `gpu_type_ids = []`},
	{typ: "runpod_endpoint", attr: "gpu_type_ids", body: endpointBase + `gpu_type_ids = ["NVIDIA L4 "]`},
	{typ: "runpod_endpoint", attr: "gpu_count", body: endpointBase + `gpu_count = 0`},
	{typ: "runpod_endpoint", attr: "cpu_flavor_ids", body: endpointBase + "compute_type = \"CPU\"\n" + `cpu_flavor_ids = ["3c"]`},
	{typ: "runpod_endpoint", attr: "vcpu_count", body: endpointBase + "compute_type = \"CPU\"\n" + "cpu_flavor_ids = [\"cpu3c\"]\n" + `vcpu_count = 0`},
	{typ: "runpod_endpoint", attr: "data_center_ids", body: endpointBase + `data_center_ids = ["eu-ro-1"]`},
	{typ: "runpod_endpoint", attr: "network_volume_id", body: endpointBase + `network_volume_id = "vol 1"`},
	{typ: "runpod_endpoint", attr: "network_volume_ids", body: endpointBase + `network_volume_ids = []`},
	{typ: "runpod_endpoint", attr: "allowed_cuda_versions", body: endpointBase + `allowed_cuda_versions = ["12"]`},
	{typ: "runpod_endpoint", attr: "min_cuda_version", body: endpointBase + `min_cuda_version = "12"`},
	{typ: "runpod_endpoint", attr: "idle_timeout", body: endpointBase + `idle_timeout = 0`},
	{typ: "runpod_endpoint", attr: "idle_timeout", body: endpointBase + `idle_timeout = 3601`},
	{typ: "runpod_endpoint", attr: "scaler_type", body: endpointBase + `scaler_type = "QUEUE"`},
	{typ: "runpod_endpoint", attr: "scaler_value", body: endpointBase + `scaler_value = 0`},
	{typ: "runpod_endpoint", attr: "workers_max", body: endpointBase + `workers_max = -1`},
	{typ: "runpod_endpoint", attr: "workers_min", body: endpointBase + `workers_min = -1`},
	{typ: "runpod_endpoint", attr: "type", body: endpointBase + `type = "BATCH"`},
	{typ: "runpod_endpoint", attr: "flashboot_mode", body: endpointBase + `flashboot_mode = "ON"`},
	{typ: "runpod_endpoint", attr: "execution_timeout_ms", body: endpointBase + `execution_timeout_ms = 0`},
	{typ: "runpod_endpoint", attr: "timeouts.create", body: endpointBase + `timeouts = { create = "soon" }`},
	{typ: "runpod_endpoint", attr: "timeouts.update", body: endpointBase + `timeouts = { update = "-5m" }`},

	// runpod_template
	{typ: "runpod_template", attr: "name", body: "image_name = \"busybox:1\"\n" + `name = ""`},
	{typ: "runpod_template", attr: "name", body: "image_name = \"busybox:1\"\n" + `name = "` + longName + `"`},
	{typ: "runpod_template", attr: "image_name", body: "name = \"t\"\n" + `image_name = ""`},
	{typ: "runpod_template", attr: "category", body: "name = \"t\"\nimage_name = \"busybox:1\"\n" + `category = "INTEL"`},
	{typ: "runpod_template", attr: "ports", body: "name = \"t\"\nimage_name = \"busybox:1\"\n" + `ports = ["8888"]`},
	{typ: "runpod_template", attr: "ports", body: "name = \"t\"\nimage_name = \"busybox:1\"\n" + `ports = ["22/tcp", "22/http"]`},
	{typ: "runpod_template", attr: "container_disk_in_gb", body: "name = \"t\"\nimage_name = \"busybox:1\"\n" + `container_disk_in_gb = 0`},
	{typ: "runpod_template", attr: "volume_in_gb", body: "name = \"t\"\nimage_name = \"busybox:1\"\n" + `volume_in_gb = -1`},
	{typ: "runpod_template", attr: "volume_mount_path", body: "name = \"t\"\nimage_name = \"busybox:1\"\n" + `volume_mount_path = "workspace"`},
	{typ: "runpod_template", attr: "env", body: "name = \"t\"\nimage_name = \"busybox:1\"\n" + `env = { "1BAD" = "x" }`},
	{typ: "runpod_template", attr: "env", body: "name = \"t\"\nimage_name = \"busybox:1\"\n" + `env = { "MY VAR" = "x" }`},
	{typ: "runpod_template", attr: "container_registry_auth_id", body: "name = \"t\"\nimage_name = \"busybox:1\"\n" + `container_registry_auth_id = ""`},

	// runpod_network_volume
	{typ: "runpod_network_volume", attr: "name", body: volumeBase + `name = ""`},
	{typ: "runpod_network_volume", attr: "name", body: volumeBase + `name = "` + longName + `"`},
	{typ: "runpod_network_volume", attr: "size", body: "name = \"v\"\ndata_center_id = \"EU-RO-1\"\n" + `size = 0`},
	{typ: "runpod_network_volume", attr: "size", body: "name = \"v\"\ndata_center_id = \"EU-RO-1\"\n" + `size = 4097`},
	{typ: "runpod_network_volume", attr: "data_center_id", body: "name = \"v\"\nsize = 50\n" + `data_center_id = ""`},
	{typ: "runpod_network_volume", attr: "type", body: volumeBase + "name = \"v\"\n" + `type = "FAST"`},

	// runpod_container_registry_auth
	{typ: "runpod_container_registry_auth", attr: "name", body: authBase + `name = ""`},
	{typ: "runpod_container_registry_auth", attr: "name", body: authBase + `name = "` + longName + `"`},
	{typ: "runpod_container_registry_auth", attr: "username", body: "name = \"r\"\npassword = \"pw\"\n" + `username = ""`},
	{typ: "runpod_container_registry_auth", attr: "password", body: "name = \"r\"\nusername = \"me\"\n" + `password = ""`},

	// data sources
	{data: true, typ: "runpod_gpu_type", attr: "gpu_count", body: `gpu_count = 0`},
	{data: true, typ: "runpod_gpu_type", attr: "gpu_count", body: `gpu_count = 17`},
	{data: true, typ: "runpod_gpu_type", attr: "cloud_type", body: `cloud_type = "PRIVATE"`},
	{data: true, typ: "runpod_gpu_type", attr: "min_memory_in_gb", body: `min_memory_in_gb = 0`},
	{data: true, typ: "runpod_gpu_type", attr: "max_price_per_hour", body: `max_price_per_hour = -1`},
	{data: true, typ: "runpod_gpu_type", attr: "order_by", body: `order_by = "speed"`},
	{data: true, typ: "runpod_gpu_type", attr: "id", body: `id = " NVIDIA L4"`},
	{data: true, typ: "runpod_gpu_types", attr: "manufacturer", body: `manufacturer = ""`},
	{data: true, typ: "runpod_gpu_types", attr: "cloud_type", body: `cloud_type = "PRIVATE"`},
	{data: true, typ: "runpod_pod", attr: "id", body: `id = ""`},
	{data: true, typ: "runpod_pods", attr: "desired_status", body: `desired_status = "STOPPED"`},
	{data: true, typ: "runpod_pods", attr: "gpu_type_id", body: `gpu_type_id = " NVIDIA L4"`},
	{data: true, typ: "runpod_pods", attr: "name", body: `name = ""`},
	{data: true, typ: "runpod_endpoint", attr: "id", body: `id = "ep 1"`},
	{data: true, typ: "runpod_template", attr: "id", body: `id = ""`},
	{data: true, typ: "runpod_template", attr: "name", body: `name = ""`},
	{data: true, typ: "runpod_network_volume", attr: "id", body: `id = ""`},
	{data: true, typ: "runpod_network_volumes", attr: "name", body: `name = ""`},
	{data: true, typ: "runpod_network_volumes", attr: "data_center_id", body: `data_center_id = ""`},
	{data: true, typ: "runpod_data_centers", attr: "region", body: `region = "MARS"`},
	{data: true, typ: "runpod_data_centers", attr: "country_code", body: `country_code = "usa"`},
	{data: true, typ: "runpod_data_centers", attr: "network_volume_type", body: `network_volume_type = "FAST"`},
	{data: true, typ: "runpod_data_centers", attr: "gpu_type_id", body: `gpu_type_id = ""`},
}

// refusal is the case as a PlanRefusals case: its error must name its attribute.
func (c badInput) refusal() acctest.Refusal {
	typ := c.typ
	if c.data {
		typ = "data." + typ
	}
	return acctest.Refusal{Name: typ + " " + c.attr, Type: typ, Body: c.body, Want: []string{c.attr}}
}

// mutating lists the calls that could have changed something in the account.
func mutating(calls []mockkit.Call) []string {
	reads := map[string]bool{"gpuTypes": true, "myself": true, "pod": true, "pods": true, "dataCenters": true, "cpuTypes": true, "podTemplates": true}
	var out []string
	for _, c := range calls {
		if field, ok := strings.CutPrefix(c.Route, "graphql "); ok {
			if !reads[field] {
				out = append(out, c.Route)
			}
			continue
		}
		if c.Method != "GET" && c.Method != "HEAD" {
			out = append(out, c.Route)
		}
	}
	return out
}

// TestAccBadInputCatalog plans one configuration holding every invalid resource and data source
// of the catalog (Terraform validates them all in one run) and checks that each fails at plan
// time with an error that names its attribute, and that not one mutating API call was made. On
// REST v2 only: the schema's validators refuse them before any API is chosen.
func TestAccBadInputCatalog(t *testing.T) {
	if len(badInputs) < 90 {
		t.Fatalf("the catalog holds %d configurations; it should hold at least 90", len(badInputs))
	}
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) { planBadInputs(t, b, badInputs) })
}

// unknownIDInputs are ids of the right form that RunPod's catalogs do not list: they pass the
// validators, so Terraform's validation does not stop the plan, and the resources' plan-time
// catalog checks must refuse them. They are planned apart from badInputs, whose validation
// errors end the plan before any resource is planned.
var unknownIDInputs = []badInput{
	{typ: "runpod_pod", attr: "gpu_type_ids", body: podBase + `gpu_type_ids = ["NVIDIA GeForce RTX 4090X"]`},
	{typ: "runpod_pod", attr: "cpu_flavor_ids", body: cpuPodBase + `cpu_flavor_ids = ["cpu9c"]`},
	{typ: "runpod_pod", attr: "data_center_ids", body: podBase + `data_center_ids = ["EU-MARS-1"]`},
	{typ: "runpod_endpoint", attr: "data_center_ids", body: endpointBase + `data_center_ids = ["EU-MARS-1"]`},
	{typ: "runpod_network_volume", attr: "data_center_id", body: `name = "v"` + "\n" + `size = 50` + "\n" + `data_center_id = "EU-MARS-1"`},
	{typ: "runpod_pod", attr: "template_id", body: `template_id = "tpl0000404"`},
	{typ: "runpod_pod", attr: "network_volume_id", body: podBase + `network_volume_id = "vol0000404"`},
	{typ: "runpod_endpoint", attr: "template_id", body: `template_id = "tpl0000404"`},
	{typ: "runpod_endpoint", attr: "network_volume_id", body: endpointBase + `network_volume_id = "vol0000404"`},
	{typ: "runpod_endpoint", attr: "network_volume_ids", body: endpointBase + `network_volume_ids = ["vol0000404"]`},
	{typ: "runpod_endpoint", attr: "cpu_flavor_ids", body: endpointBase + `compute_type = "CPU"` + "\n" + `cpu_flavor_ids = ["cpu9c"]`},
}

// TestAccBadInputCatalog_unknownIDs: each well-formed id RunPod does not list fails at plan
// time naming its attribute, with not one mutating API call. (Endpoint gpu_type_ids are checked
// on REST v2 only: see internal/runpod/endpoint's TestAccEndpoint_unknownGPUTypeFailsAtPlan.)
func TestAccBadInputCatalog_unknownIDs(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) { planBadInputs(t, b, unknownIDInputs) })
}

// planBadInputs plans every case on backend b (in one configuration, planned again without
// the cases validation refused: see acctest.Mock.PlanRefusals) and checks that each fails
// naming its attribute, with no mutating API call.
func planBadInputs(t *testing.T, b runpodapi.Backend, cases []badInput) {
	m := acctest.NewMock(t, b)
	refusals := make([]acctest.Refusal, len(cases))
	for i, c := range cases {
		refusals[i] = c.refusal()
	}
	m.PlanRefusals(t, "", refusals)
	if writes := mutating(m.Calls()); len(writes) > 0 {
		t.Errorf("invalid configurations made %d mutating API calls: %v", len(writes), writes)
	}
}
