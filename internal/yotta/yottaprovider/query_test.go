package yottaprovider_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaacctest"
)

// A Yotta account of 20 pods and 3 registry credentials, made outside Terraform, comes under
// Terraform with one `terraform query -generate-config-out`: all 23 imported, no change
// planned, one list call per kind.
func TestAccQuery_adoptsAWholeAccount(t *testing.T) {
	t.Parallel()
	m := yottaacctest.NewMock(t)
	c := yottaacctest.NewCLI(t)
	c.RequireVersion(acckit.QueryTerraform)
	for i := range 20 {
		region := []string{"us-east-1", "us-west-1"}[i%2]
		m.Create(t, "/v2/pods", fmt.Sprintf(`{"name":"pod-%d","image":"pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime",`+
			`"gpuType":"NVIDIA_RTX_4090_24G","gpuCount":1,"regions":[%q],"expose":[{"port":22,"protocol":"SSH"}]}`, i, region))
	}
	for i := range 3 {
		m.Create(t, "/v2/container-registry-auths", fmt.Sprintf(`{"name":"registry-%d","type":"DOCKER_HUB","username":"robot","password":"hunter2-%d"}`, i, i))
	}
	c.WriteConfig(m.ProviderConfig())
	a := acckit.ExpectQueryAdoptsAll(t, c, m, `
list "yotta_pod" "all" {
  provider         = yotta
  include_resource = true
}
list "yotta_container_registry_auth" "all" {
  provider         = yotta
  include_resource = true
}
`)
	if a.Imported != 23 {
		t.Errorf("the plan imports %d objects, want 23 (20 pods, 3 credentials)", a.Imported)
	}
	t.Logf("terraform query made %d calls: %s", len(a.QueryCalls), strings.Join(a.QueryCalls, ", "))
	a.ExpectOneCallPerRoute(t)
}
