package pod_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// TestAccPod_examplesApply applies the documentation's examples against the mock, so they
// keep working: the resource example and the pod list example.
func TestAccPod_examplesApply(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config:          m.Config(acctest.Example(t, "resources/runpod_pod/resource.tf")),
					ConfigVariables: config.Variables{"jupyter_password": config.StringVariable("correct horse")},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("runpod_pod.notebook", value("gpu_type_id"), knownvalue.StringExact("NVIDIA RTX A5000")),
						statecheck.ExpectKnownValue("runpod_pod.batch", value("gpu_type_id"), knownvalue.StringExact(rtx4090)),
						statecheck.ExpectKnownValue("runpod_pod.batch", value("interruptible"), knownvalue.Bool(true)),
						statecheck.ExpectKnownOutputValue("jupyter_url", knownvalue.StringRegexp(regexp.MustCompile(`^https://[a-z0-9]+-8888\.proxy\.runpod\.net$`))),
						statecheck.ExpectKnownOutputValue("ssh", knownvalue.StringRegexp(sshCommandPattern)),
					},
				},
				{
					Config: m.Config(acctest.Example(t, "resources/runpod_pod/resource.tf") +
						acctest.Example(t, "data-sources/runpod_pods/data-source.tf")),
					ConfigVariables: config.Variables{"jupyter_password": config.StringVariable("correct horse")},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("data.runpod_pods.running", value("pods"), knownvalue.ListSizeExact(2)),
						statecheck.ExpectKnownValue("data.runpod_pods.notebooks", value("pods"), knownvalue.ListSizeExact(1)),
						statecheck.ExpectKnownOutputValue("hourly_cost_by_pod", knownvalue.MapSizeExact(2)),
					},
				},
			},
		})
	})
}
