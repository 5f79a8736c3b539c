package pod_test

import (
	"strings"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

func restartConfig(desiredStatus string) string {
	return `
resource "runpod_pod" "p" {
  name                 = "notebook"
  image_name           = "runpod/pytorch:2.4.0"
  gpu_type_ids         = ["NVIDIA GeForce RTX 4090"]
  container_disk_in_gb = 20
  ports                = ["8888/http", "22/tcp"]
  desired_status       = "` + desiredStatus + `"
}

action "runpod_pod_restart" "p" {
  config {
    pod_id = runpod_pod.p.id
  }
}
`
}

// terraform apply -invoke restarts the pod once (REST v2's restart action; REST v1 stops and
// starts it), says so as it goes, waits until it is ready again and changes nothing in the
// state. A stopped pod cannot restart: the error says what RunPod allows instead.
func TestAccAction_podRestart(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		c := acctest.NewCLI(t)
		c.RequireVersion(acckit.QueryTerraform)
		c.WriteConfig(m.ProviderConfig() + restartConfig("RUNNING"))
		c.Must("apply", "-input=false", "-no-color", "-auto-approve")
		id, _ := c.Attribute("runpod_pod.p", "id").(string)

		m.ResetCalls()
		out := c.Must("apply", "-input=false", "-no-color", "-auto-approve", "-invoke=action.runpod_pod_restart.p")
		for _, want := range []string{"Restarting pod " + id + " (notebook)", "Pod " + id + " is restarting: waiting until it runs with its ports ready", "Pod " + id + " is running again"} {
			if !strings.Contains(out, want) {
				t.Errorf("the invoke's output lacks %q:\n%s", want, out)
			}
		}
		wantWrites := []string{"POST /v2/pods/{id}/action restart"}
		if b == runpodapi.BackendV1 {
			wantWrites = []string{"POST /pods/{podId}/stop", "POST /pods/{podId}/start"}
		}
		if err := m.ExpectWrites(wantWrites...)(nil); err != nil {
			t.Errorf("the restart: %v", err)
		}
		// The state is left alone: the next plan changes nothing (the refresh sees the new public
		// port mappings a restart gives, as after a restart in RunPod's console).
		c.Must("plan", "-input=false", "-no-color", "-out=after-restart.tfplan")
		for _, rc := range c.ShowPlan("after-restart.tfplan").ResourceChanges {
			if !rc.Change.Actions.NoOp() {
				t.Errorf("after the restart, the plan would %v %s", rc.Change.Actions, rc.Address)
			}
		}

		c.WriteConfig(m.ProviderConfig() + restartConfig("EXITED"))
		c.Must("apply", "-input=false", "-no-color", "-auto-approve")
		m.ResetCalls()
		wantWrites = nil
		out, err := c.Run("apply", "-input=false", "-no-color", "-auto-approve", "-invoke=action.runpod_pod_restart.p")
		if err == nil {
			t.Fatalf("restarting a stopped pod succeeded:\n%s", out)
		}
		if want := "Pod " + id + " (notebook) is EXITED: only a running pod restarts. Start it with desired_status ="; !strings.Contains(strings.Join(strings.Fields(err.Error()), " "), want) {
			t.Errorf("restarting a stopped pod failed with %v, want %q", err, want)
		}
		if err := m.ExpectWrites(wantWrites...)(nil); err != nil {
			t.Errorf("the refused restart wrote: %v", err)
		}
	})
}
