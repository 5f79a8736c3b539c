package cluster_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/cluster"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

const address = "runpod_cluster.c"

const (
	routeCreate = "POST /v2/clusters"
	routeRename = "PATCH /v2/clusters/{id}"
	routeDelete = "DELETE /v2/clusters/{id}"
)

func clusterConfig(name string, pods int, image string) string {
	return fmt.Sprintf(`
resource "runpod_cluster" "c" {
  name              = %q
  type              = "SLURM"
  gpu_type_id       = "NVIDIA A40"
  gpu_count_per_pod = 2
  pod_count         = %d
  image_name        = %q
  ports             = ["22/tcp", "8888/http"]
  env               = { A = "1" }
  volume_in_gb      = 20
  volume_mount_path = "/workspace"
  start_ssh         = true
}
`, name, pods, image)
}

// memberPods counts the account's pods, cluster members included, as RunPod lists them.
func memberPods(t *testing.T, m *acctest.Mock) int {
	t.Helper()
	status, body := m.DoV2(t, "GET", "/v2/pods?includeClusterPods=true", "")
	var out struct{ Pods []any }
	if err := json.Unmarshal([]byte(body), &out); err != nil || status != 200 {
		t.Fatalf("GET /v2/pods: %d %s", status, body)
	}
	return len(out.Pods)
}

func expectPods(t *testing.T, m *acctest.Mock, n int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := memberPods(t, m); got != n {
			return fmt.Errorf("the account has %d pods, want %d", got, n)
		}
		return nil
	}
}

func member(i int, attr string) tfjsonpath.Path {
	return tfjsonpath.New("members").AtSliceIndex(i).AtMapKey(attr)
}

// A cluster's life: a create that waits for every member, a rename in place (and back, after a
// rename outside Terraform shows as drift), an import, and a change of shape that replaces it.
func TestAccCluster_createRenameImportReplace(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b, acctest.WithBootDelay(time.Second))
		id := statecheck.CompareValue(compare.ValuesDiffer())
		sameID := statecheck.CompareValue(compare.ValuesSame())
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: m.Config(clusterConfig("train", 3, "img:1")),
					ConfigStateChecks: []statecheck.StateCheck{
						id.AddStateValue(address, tfjsonpath.New("id")),
						sameID.AddStateValue(address, tfjsonpath.New("id")),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("members"), knownvalue.ListSizeExact(3)),
						statecheck.ExpectKnownValue(address, member(0, "rank"), knownvalue.Int64Exact(0)),
						statecheck.ExpectKnownValue(address, member(0, "role"), knownvalue.StringExact("SLURM_CONTROLLER")),
						statecheck.ExpectKnownValue(address, member(2, "role"), knownvalue.StringExact("SLURM_COMPUTE")),
						statecheck.ExpectKnownValue(address, member(1, "status"), knownvalue.StringExact("RUNNING")),
						statecheck.ExpectKnownValue(address, member(1, "ip"), knownvalue.NotNull()),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("primary_ssh_endpoint"), knownvalue.StringRegexp(regexpHostPort)),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("data_center_id"), knownvalue.NotNull()),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("network_cidr"), knownvalue.NotNull()),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("container_disk_in_gb"), knownvalue.Int64Exact(50)),
					},
					Check: resource.ComposeTestCheckFunc(m.ExpectCalls(map[string]int{routeCreate: 1}), expectPods(t, m, 3)),
				},
				{
					Config: m.Config(clusterConfig("train-2", 3, "img:1")),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						sameID.AddStateValue(address, tfjsonpath.New("id")),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("name"), knownvalue.StringExact("train-2")),
					},
					Check: m.ExpectCalls(map[string]int{routeCreate: 1, routeRename: 1, routeDelete: 0}),
				},
				{
					// Renamed outside Terraform: drift, and the apply renames it back.
					PreConfig: func() {
						if status, body := m.DoV2(t, "PATCH", "/v2/clusters/"+firstCluster(t, m), `{"name":"renamed-elsewhere"}`); status != 200 {
							t.Fatalf("rename outside: %d %s", status, body)
						}
					},
					Config: m.Config(clusterConfig("train-2", 3, "img:1")),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(address, tfjsonpath.New("name"), knownvalue.StringExact("train-2")),
					}},
					Check: m.ExpectCalls(map[string]int{routeCreate: 1, routeRename: 3, routeDelete: 0}),
				},
				{
					ResourceName:            address,
					ImportState:             true,
					ImportStateVerify:       true,
					ImportStateVerifyIgnore: cluster.NotRecoverableOnImport,
				},
				{
					// One pod fewer: RunPod cannot change a cluster's shape, so it is replaced.
					Config: m.Config(clusterConfig("train-2", 2, "img:1")),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(address, plancheck.ResourceActionDestroyBeforeCreate),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						id.AddStateValue(address, tfjsonpath.New("id")),
						statecheck.ExpectKnownValue(address, tfjsonpath.New("members"), knownvalue.ListSizeExact(2)),
					},
					Check: resource.ComposeTestCheckFunc(m.ExpectCalls(map[string]int{routeCreate: 2, routeDelete: 1}), expectPods(t, m, 2)),
				},
			},
			// Deleting the cluster terminates its members.
			CheckDestroy: resource.ComposeTestCheckFunc(expectClusters(t, m, 0), expectPods(t, m, 0)),
		})
	})
}

var (
	regexpHostPort = regexp.MustCompile(`^[0-9.]+:[0-9]+$`)
	regexpHostfile = regexp.MustCompile(`^10\.65\.0\.2 slots=1\n10\.65\.0\.3 slots=1$`)
)

func expectClusters(t *testing.T, m *acctest.Mock, n int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		_, body := m.DoV2(t, "GET", "/v2/clusters", "")
		var out struct{ Clusters []any }
		if err := json.Unmarshal([]byte(body), &out); err != nil || len(out.Clusters) != n {
			return fmt.Errorf("GET /v2/clusters: %s, want %d clusters", body, n)
		}
		return nil
	}
}

// firstCluster is the id of the account's one cluster.
func firstCluster(t *testing.T, m *acctest.Mock) string {
	t.Helper()
	_, body := m.DoV2(t, "GET", "/v2/clusters", "")
	var out struct{ Clusters []struct{ ID string } }
	if err := json.Unmarshal([]byte(body), &out); err != nil || len(out.Clusters) != 1 {
		t.Fatalf("GET /v2/clusters: %s", body)
	}
	return out.Clusters[0].ID
}

// A member whose container cannot start fails the create, naming the pods; the cluster is
// kept, tainted.
func TestAccCluster_memberFailureNamesThePods(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				// Without ports: a failure is told by the status alone.
				Config: m.Config(strings.Replace(clusterConfig("broken", 2, "img:mock-error"), `ports             = ["22/tcp", "8888/http"]`, "", 1)),
				ExpectError: acctest.ErrorText("Cluster not ready", "2 member pod(s) failed to start", "(rank 0): status ERROR",
					"(rank 1): status ERROR", "marked tainted"),
			}},
			CheckDestroy: resource.ComposeTestCheckFunc(expectClusters(t, m, 0), expectPods(t, m, 0)),
		})
	})
}

// Refused at plan: what the schema bounds, and the resource on REST v1.
func TestAccCluster_refusedAtPlan(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		if b == runpodapi.BackendV1 {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      m.Config(clusterConfig("c", 2, "img")),
					PlanOnly:    true,
					ExpectError: acctest.ErrorText("Not supported by RunPod's REST v1", "runpod_cluster", `api_version = "v2"`),
				}},
			})
			return
		}
		body := func(extra string) string {
			return `name = "c"
type = "TRAINING"
gpu_type_id = "NVIDIA A40"
gpu_count_per_pod = 1
image_name = "img"
` + extra
		}
		m.PlanRefusals(t, "", []acctest.Refusal{
			{Name: "one pod", Type: "runpod_cluster", Body: body(`pod_count = 1`), Want: []string{"pod_count", "value must be between 2 and 250, got: 1"}},
			{Name: "an unknown type", Type: "runpod_cluster", Body: `name = "c"
type = "TRAIN"
gpu_type_id = "NVIDIA A40"
gpu_count_per_pod = 1
pod_count = 2
image_name = "img"`, Want: []string{"type", `value must be one of`, `"TRAINING"`}},
			{Name: "no GPU", Type: "runpod_cluster", Body: `name = "c"
type = "TRAINING"
gpu_type_id = "NVIDIA A40"
gpu_count_per_pod = 0
pod_count = 2
image_name = "img"`, Want: []string{"gpu_count_per_pod", "value must be at least 1"}},
			{Name: "both volumes", Type: "runpod_cluster", Body: body(`pod_count = 2
volume_in_gb = 20
network_volume_id = "abcdefghij"
volume_mount_path = "/workspace"`), Want: []string{"Invalid Attribute Combination", "network_volume_id", "cannot be specified when", "volume_in_gb"}},
			{Name: "a mount path without a volume", Type: "runpod_cluster", Body: body(`pod_count = 2
volume_mount_path = "/workspace"`), Want: []string{"Nothing to mount", "neither volume_in_gb nor network_volume_id"}},
			{Name: "a bad port", Type: "runpod_cluster", Body: body(`pod_count = 2
ports = ["22/udp"]`), Want: []string{"ports"}},
			{Name: "no image and no template", Type: "runpod_cluster", Body: `name = "c"
type = "TRAINING"
gpu_type_id = "NVIDIA A40"
gpu_count_per_pod = 1
pod_count = 2`, Want: []string{"Missing image", "A cluster's pods need a container image: set image_name, or template_id to"}},
		})
		m.ExpectNoWrites(t)
	})
}

// A cluster made from a pod template takes the template's container settings, spread into the
// create request (RunPod's cluster create has no template field); what the configuration sets
// wins, and its env is laid over the template's.
func TestAccCluster_fromATemplate(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: m.Config(`
resource "runpod_template" "trainer" {
  name                 = "trainer"
  image_name           = "example/trainer:2.0"
  container_disk_in_gb = 40
  ports                = ["22/tcp"]
  env                  = { NCCL_DEBUG = "WARN", SHARED = "template" }
}

resource "runpod_cluster" "c" {
  name              = "from-template"
  type              = "TRAINING"
  gpu_type_id       = "NVIDIA A40"
  gpu_count_per_pod = 1
  pod_count         = 2
  template_id       = runpod_template.trainer.id
  env               = { NCCL_DEBUG = "INFO" }
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(address, tfjsonpath.New("image_name"), knownvalue.StringExact("example/trainer:2.0")),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("container_disk_in_gb"), knownvalue.Int64Exact(40)),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("ports"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("22/tcp")})),
				},
				Check: func(*terraform.State) error {
					bodies := m.JSONBodies(t, routeCreate)
					if len(bodies) != 1 {
						return fmt.Errorf("%d cluster creates, want 1", len(bodies))
					}
					got := fmt.Sprint(bodies[0]["image"], " ", bodies[0]["disk"], " ", bodies[0]["env"])
					if want := "example/trainer:2.0 40 map[NCCL_DEBUG:INFO SHARED:template]"; got != want {
						return fmt.Errorf("the create sent %s, want the template's settings under the configuration's: %s", got, want)
					}
					if _, sent := bodies[0]["templateId"]; sent {
						return fmt.Errorf("the create sent templateId, which RunPod's cluster create does not take")
					}
					return nil
				},
			}},
		})
	})
}
