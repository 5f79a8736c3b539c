package pod_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// TestAccPod_resetWarningInPlan: a plan that resets the pod warns, naming the pod, the fields
// and what survives, and shows no env value; a replacement does not (nor does a rename or a
// reordered ports list: TestAccPod_renameAndImageChange checks each). Each plan is made
// against the state of the first apply.
func TestAccPod_resetWarningInPlan(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		warnings := acctest.NewPlanWarnings()
		config := func(name, img, env, ports, mount, cloud string) string {
			return podConfig(m, fmt.Sprintf(`
  name              = %q
  image_name        = %q
  env               = { TOKEN = %q }
  ports             = [%s]
  volume_mount_path = %q
  cloud_type        = %q`, name, img, env, ports, mount, cloud))
		}
		const ports = `"8888/http", "22/tcp"`
		var id string
		label := func() string { return fmt.Sprintf(`"notebook" (id %s)`, id) }

		// expectReset checks the plan gave exactly one warning, word for word, without env values.
		expectReset := func(detail func() string) plancheck.PlanCheck {
			return warnings.CheckWarnings("runpod_pod", func(got []acctest.PlanWarning) error {
				if len(got) != 1 {
					return fmt.Errorf("expected one warning, got %d: %v", len(got), got)
				}
				if want := "Pod " + label() + " will be reset"; got[0].Summary != want {
					return fmt.Errorf("warning summary:\n got %q\nwant %q", got[0].Summary, want)
				}
				if want := detail(); got[0].Detail != want {
					return fmt.Errorf("warning detail:\n got %q\nwant %q", got[0].Detail, want)
				}
				if strings.Contains(got[0].Detail, "s3cr3t") {
					return fmt.Errorf("the warning shows an env value: %q", got[0].Detail)
				}
				return nil
			})
		}
		// planOnly plans config against the state of the first apply; its checks see the plans
		// of the step: one made with -refresh=false, which cannot warn about an existing pod (see
		// internal/kit/planwarn), and one that refreshes first, as `terraform plan` does.
		planOnly := func(config string, check plancheck.PlanCheck) resource.TestStep {
			return resource.TestStep{
				PreConfig:          warnings.Reset,
				Config:             config,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks:   resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{check}},
			}
		}

		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: warnings.ProviderFactories(),
			Steps: []resource.TestStep{
				{
					PreConfig: warnings.Reset,
					Config:    config("notebook", image, "s3cr3t-one", ports, "/workspace", "SECURE"),
					Check:     resource.ComposeAggregateTestCheckFunc(acctest.CaptureID(addr, &id), m.ExpectCount("/pods", 1)),
					// After the apply: no warning in its plan nor in the create.
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPreRefresh: []plancheck.PlanCheck{
						warnings.ExpectNoWarning("runpod_pod"),
					}},
				},
				planOnly(config("notebook", image2, "s3cr3t-two", ports, "/workspace", "SECURE"), expectReset(func() string {
					return "Changing image_name and env will reset pod " + label() + ": the container disk is wiped, the volume at /workspace is kept. " +
						"RunPod restarts the container, so last_started_at, public_ip, port_mappings, http_urls, ssh_command and status are " +
						"known only after apply. Changing only name or locked never resets a pod."
				})),
				planOnly(config("notebook", image, "s3cr3t-one", ports, "/data", "SECURE"), expectReset(func() string {
					return "Changing volume_mount_path will reset pod " + label() + ": the container disk is wiped, the volume is kept and moves from " +
						"/workspace to /data. RunPod restarts the container, so last_started_at, public_ip, port_mappings, http_urls, " +
						"ssh_command and status are known only after apply. Changing only name or locked never resets a pod."
				})),
				// A replacement is no reset, even when reset fields change with it.
				planOnly(config("notebook", image2, "s3cr3t-two", ports, "/workspace", "COMMUNITY"), warnings.ExpectNoWarning("runpod_pod")),
			},
		})
	})
}
