package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-exec/tfexec"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodprovider"
)

// CLI drives the real Terraform CLI against the provider served in-process, for the
// benchmarks: they time whole applies, which resource.Test cannot do (it takes a *testing.T,
// and runs plans and refreshes of its own around each apply). Tests do not use it: they run
// resource.Test, and assert plan warnings with acctest.PlanWarnings. Each CLI has its own
// working directory and state.
type CLI struct {
	tf       *tfexec.Terraform
	dir      string
	reattach *tfexec.ReattachOption
}

// Diagnostic is one diagnostic Terraform printed (from its -json output).
type Diagnostic struct {
	Severity string `json:"severity"` // "error" or "warning"
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
	Address  string `json:"address"`
}

// newCLI serves the provider in-process and prepares a working directory for it; both go
// away when tb ends. Terraform comes from TF_ACC_TERRAFORM_PATH (or PATH).
func newCLI(tb testing.TB) *CLI {
	tb.Helper()
	tfPath := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tfPath == "" {
		tfPath = "terraform"
	}
	ctx, cancel := context.WithCancel(context.Background())
	reattachCh := make(chan *plugin.ReattachConfig)
	closeCh := make(chan struct{})
	go func() {
		_ = tf6server.Serve("registry.terraform.io/runpod-community/runpod",
			providerserver.NewProtocol6(runpodprovider.New("acctest")()),
			tf6server.WithDebug(ctx, reattachCh, closeCh),
			tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
			// Provider logs follow TF_LOG / TF_LOG_PATH / TF_ACC_LOG_PATH, as in terraform-plugin-testing.
			tf6server.WithLoggingSink(sinkT{tb}),
			tf6server.WithoutLogStderrOverride(),
		)
	}()
	var rc *plugin.ReattachConfig
	select {
	case rc = <-reattachCh:
	case <-time.After(30 * time.Second):
		cancel()
		tb.Fatal("the provider server did not start")
	}
	tb.Cleanup(func() {
		cancel()
		<-closeCh
	})

	dir := tb.TempDir()
	tf, err := tfexec.NewTerraform(dir, tfPath)
	if err != nil {
		tb.Fatal(err)
	}
	config := tfexec.ReattachConfig{
		Protocol: string(rc.Protocol), ProtocolVersion: rc.ProtocolVersion, Pid: rc.Pid, Test: rc.Test,
		Addr: tfexec.ReattachConfigAddr{Network: rc.Addr.Network(), String: rc.Addr.String()},
	}
	reattach := tfexec.Reattach(tfexec.ReattachInfo{"registry.terraform.io/runpod-community/runpod": config})
	env := map[string]string{"CHECKPOINT_DISABLE": "1"}
	for _, kv := range os.Environ() { // tfexec replaces the environment when one is set
		if k, v, ok := strings.Cut(kv, "="); ok && !strings.HasPrefix(k, "TF_") {
			env[k] = v
		}
	}
	if err := tf.SetEnv(env); err != nil {
		tb.Fatal(err)
	}
	return &CLI{tf: tf, dir: dir, reattach: reattach}
}

// sinkT adapts testing.TB (a benchmark's too) to the logging sink's test handle.
type sinkT struct{ testing.TB }

func (sinkT) Parallel() {}

// write replaces the working directory's configuration with hcl (initialising it once).
func (c *CLI) write(ctx context.Context, hcl string) error {
	const header = `terraform {
  required_providers {
    runpod = { source = "runpod-community/runpod" }
  }
}
`
	first := false
	if _, err := os.Stat(filepath.Join(c.dir, "main.tf")); os.IsNotExist(err) {
		first = true
	}
	if err := os.WriteFile(filepath.Join(c.dir, "main.tf"), []byte(header+hcl), 0o600); err != nil {
		return err
	}
	if first {
		return c.tf.Init(ctx, c.reattach)
	}
	return nil
}

// Apply applies hcl and returns the diagnostics Terraform printed.
func (c *CLI) Apply(ctx context.Context, hcl string) ([]Diagnostic, error) {
	if err := c.write(ctx, hcl); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	err := c.tf.ApplyJSON(ctx, &out, c.reattach)
	return diagnostics(out.Bytes()), err
}

// Destroy destroys everything in the state.
func (c *CLI) Destroy(ctx context.Context) error { return c.tf.Destroy(ctx, c.reattach) }

func diagnostics(jsonLines []byte) []Diagnostic {
	var out []Diagnostic
	sc := bufio.NewScanner(bytes.NewReader(jsonLines))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var line struct {
			Type       string      `json:"type"`
			Diagnostic *Diagnostic `json:"diagnostic"`
		}
		if json.Unmarshal(sc.Bytes(), &line) == nil && line.Type == "diagnostic" && line.Diagnostic != nil {
			out = append(out, *line.Diagnostic)
		}
	}
	return out
}
