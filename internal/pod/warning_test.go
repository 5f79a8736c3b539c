package pod_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/acctest"
)

// TestAccPod_resetWarningInPlan runs the real Terraform CLI (terraform-plugin-testing cannot
// see the warnings of a plan that succeeds): a plan that resets the pod warns, naming the pod,
// the fields and what survives; a rename or a reordered ports list does not.
func TestAccPod_resetWarningInPlan(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	t.Parallel()
	m := acctest.NewMock(t)
	cli := acctest.NewCLI(t)
	ctx := context.Background()
	cloud := "SECURE"
	config := func(name, img, env, ports, mount string) string {
		return m.Config(fmt.Sprintf(`
resource "runpod_pod" "w" {
  name              = %q
  image_name        = %q
  env               = { TOKEN = %q }
  ports             = [%s]
  volume_mount_path = %q
  cloud_type        = %q
}
`, name, img, env, ports, mount, cloud))
	}
	const ports, reordered = `"8888/http", "22/tcp"`, `"22/tcp", "8888/http"`

	diags, err := cli.Apply(ctx, config("notebook", image, "s3cr3t-one", ports, "/workspace"))
	if err != nil {
		t.Fatalf("apply: %v %v", err, diags)
	}
	expectNoWarnings(t, "the create", diags)
	ids := podIDs(t, m)
	if len(ids) != 1 {
		t.Fatalf("expected one pod, got %v", ids)
	}
	label := fmt.Sprintf(`"notebook" (id %s)`, ids[0])

	diags, err = cli.Plan(ctx, config("notebook", image2, "s3cr3t-two", ports, "/workspace"))
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	expectWarning(t, diags, "Pod "+label+" will be reset",
		"Changing image_name and env will reset pod "+label+": the container disk is wiped, the volume at /workspace is kept. "+
			"RunPod restarts the container, so last_started_at, public_ip, port_mappings, http_urls and ssh_command are known "+
			"only after apply. Changing only name or locked never resets a pod.")

	diags, err = cli.Plan(ctx, config("notebook", image, "s3cr3t-one", ports, "/data"))
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	expectWarning(t, diags, "Pod "+label+" will be reset",
		"Changing volume_mount_path will reset pod "+label+": the container disk is wiped, the volume is kept and moves from "+
			"/workspace to /data. RunPod restarts the container, so last_started_at, public_ip, port_mappings, http_urls and "+
			"ssh_command are known only after apply. Changing only name or locked never resets a pod.")

	diags, err = cli.Plan(ctx, config("renamed", image, "s3cr3t-one", reordered, "/workspace"))
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	expectNoWarnings(t, "a rename with reordered ports", diags)

	// A replacement is no reset, even when reset fields change with it.
	cloud = "COMMUNITY"
	diags, err = cli.Plan(ctx, config("notebook", image2, "s3cr3t-two", ports, "/workspace"))
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	expectNoWarnings(t, "a replacement", diags)
}

func expectWarning(t *testing.T, diags []acctest.Diagnostic, summary, detail string) {
	t.Helper()
	var warnings []acctest.Diagnostic
	for _, d := range diags {
		if d.Severity == "warning" && !strings.Contains(d.Summary, "CLI configuration") {
			warnings = append(warnings, d)
		}
	}
	if len(warnings) != 1 {
		t.Fatalf("expected one warning, got %d: %+v", len(warnings), warnings)
	}
	if warnings[0].Summary != summary {
		t.Errorf("warning summary:\n got %q\nwant %q", warnings[0].Summary, summary)
	}
	if warnings[0].Detail != detail {
		t.Errorf("warning detail:\n got %q\nwant %q", warnings[0].Detail, detail)
	}
	if strings.Contains(warnings[0].Detail, "s3cr3t") {
		t.Errorf("the warning shows an env value: %q", warnings[0].Detail)
	}
}

func expectNoWarnings(t *testing.T, what string, diags []acctest.Diagnostic) {
	t.Helper()
	for _, d := range diags {
		if d.Severity == "warning" && !strings.Contains(d.Summary, "CLI configuration") {
			t.Errorf("expected no warning for %s, got %q: %s", what, d.Summary, d.Detail)
		}
	}
}
