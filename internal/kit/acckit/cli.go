package acckit

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// CLI runs the Terraform CLI, as a user types it, against the provider served in-process
// (Terraform's reattach protocol), in a working directory of its own: for what resource.Test
// cannot show, such as `plan -generate-config-out`, the -json stream of a plan or an apply
// (which diagnostics a user reads, and when), or a saved plan applied by a later command.
// The provider server lives as long as the test; it is served as main serves it
// (Served.Server). Terraform comes from TF_ACC_TERRAFORM_PATH, else PATH. NewCLI skips
// the test unless TF_ACC is set, as resource.Test does.
type CLI struct {
	t         *testing.T
	dir       string
	terraform string
	env       []string
	required  string // the required_providers block naming the served provider
}

// Served is the provider a CLI serves: its registry address
// ("registry.terraform.io/runpod-community/runpod"), its local name ("runpod"), the server
// main serves, and the prefix of its own environment variables ("RUNPOD_"), which the CLI
// does not pass on (a test's settings are its configuration's).
type Served struct {
	Address   string
	Name      string
	Server    func() tfprotov6.ProviderServer
	EnvPrefix string
}

// NewCLI serves the provider and prepares an empty working directory.
func NewCLI(t *testing.T, p Served) *CLI {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make testacc) to run it")
	}
	tfPath := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tfPath == "" {
		var err error
		if tfPath, err = exec.LookPath("terraform"); err != nil {
			t.Fatal("no Terraform: set TF_ACC_TERRAFORM_PATH or put terraform in PATH")
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	reattachCh := make(chan *plugin.ReattachConfig)
	closeCh := make(chan struct{})
	go func() {
		_ = tf6server.Serve(p.Address, p.Server,
			tf6server.WithDebug(ctx, reattachCh, closeCh),
			tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
			tf6server.WithLoggingSink(t), // provider logs follow TF_LOG / TF_ACC_LOG_PATH, as in resource.Test
			tf6server.WithoutLogStderrOverride(),
		)
	}()
	var rc *plugin.ReattachConfig
	select {
	case rc = <-reattachCh:
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("the provider server did not start")
	}
	t.Cleanup(func() {
		cancel()
		<-closeCh
	})
	reattach, err := json.Marshal(map[string]any{p.Address: map[string]any{
		"Protocol": string(rc.Protocol), "ProtocolVersion": rc.ProtocolVersion, "Pid": rc.Pid, "Test": rc.Test,
		"Addr": map[string]string{"Network": rc.Addr.Network(), "String": rc.Addr.String()},
	}})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	env := []string{"TF_REATTACH_PROVIDERS=" + string(reattach), "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"TF_CLI_CONFIG_FILE=" + filepath.Join(dir, ".terraformrc")}
	for _, kv := range os.Environ() { // the test's settings of Terraform itself are its own
		if !strings.HasPrefix(kv, "TF_") && !strings.HasPrefix(kv, p.EnvPrefix) && !strings.HasPrefix(kv, "CHECKPOINT_") {
			env = append(env, kv)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, ".terraformrc"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	source := strings.TrimPrefix(p.Address, "registry.terraform.io/")
	required := fmt.Sprintf("terraform {\n  required_providers {\n    %s = { source = %q }\n  }\n}\n", p.Name, source)
	return &CLI{t: t, dir: dir, terraform: tfPath, env: env, required: required}
}

// Dir is the working directory.
func (c *CLI) Dir() string { return c.dir }

// Path is the path of file name in the working directory.
func (c *CLI) Path(name string) string { return filepath.Join(c.dir, name) }

// WriteConfig writes hcl, after a required_providers block for the served provider, as main.tf,
// and runs `terraform init` the first time.
func (c *CLI) WriteConfig(hcl string) {
	c.t.Helper()
	_, err := os.Stat(c.Path("main.tf"))
	first := errors.Is(err, os.ErrNotExist)
	c.WriteFile("main.tf", c.required+hcl)
	if first {
		c.Must("init", "-input=false", "-no-color")
	}
}

// WriteFile writes a file of the working directory.
func (c *CLI) WriteFile(name, content string) {
	c.t.Helper()
	if err := os.WriteFile(c.Path(name), []byte(content), 0o600); err != nil {
		c.t.Fatal(err)
	}
}

// ReadFile reads a file of the working directory.
func (c *CLI) ReadFile(name string) string {
	c.t.Helper()
	b, err := os.ReadFile(c.Path(name))
	if err != nil {
		c.t.Fatal(err)
	}
	return string(b)
}

// Run runs `terraform <args>` in the working directory and returns its standard output, and
// its standard error in the error when it fails.
func (c *CLI) Run(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.terraform, args...)
	cmd.Dir, cmd.Env = c.dir, c.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil {
		err = fmt.Errorf("terraform %s: %w\n%s%s", strings.Join(args, " "), err, stderr.String(), LastLines(stdout.String(), 40))
	}
	return stdout.String(), err
}

// Must is Run that fails the test when the command fails.
func (c *CLI) Must(args ...string) string {
	c.t.Helper()
	out, err := c.Run(args...)
	if err != nil {
		c.t.Fatal(err)
	}
	return out
}

// ShowPlan returns the saved plan file as `terraform show -json` describes it.
func (c *CLI) ShowPlan(planFile string) *tfjson.Plan {
	c.t.Helper()
	var plan tfjson.Plan
	if err := json.Unmarshal([]byte(c.Must("show", "-json", planFile)), &plan); err != nil {
		c.t.Fatalf("terraform show -json %s: %v", planFile, err)
	}
	return &plan
}

// Message is one line of Terraform's machine-readable output (-json): a diagnostic, a planned
// change, a hook of the apply, ...
type Message struct {
	Level      string      `json:"@level"`
	Text       string      `json:"@message"`
	Type       string      `json:"type"`
	Diagnostic *Diagnostic `json:"diagnostic"`
}

// Diagnostic is a diagnostic Terraform printed.
type Diagnostic struct {
	Severity string `json:"severity"` // "error" or "warning"
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
	Address  string `json:"address"`
}

func (d Diagnostic) String() string {
	return fmt.Sprintf("%s %s: %s", d.Severity, d.Address, d.Summary)
}

// Messages parses the output of a command run with -json.
func Messages(jsonLines string) []Message {
	var out []Message
	sc := bufio.NewScanner(strings.NewReader(jsonLines))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var m Message
		if json.Unmarshal(sc.Bytes(), &m) == nil && m.Type != "" {
			out = append(out, m)
		}
	}
	return out
}

// WarningsIn returns the warnings in the output of a command run with -json, in order.
func WarningsIn(jsonLines string) []Diagnostic {
	var out []Diagnostic
	for _, m := range Messages(jsonLines) {
		if m.Type == "diagnostic" && m.Diagnostic != nil && m.Diagnostic.Severity == "warning" {
			out = append(out, *m.Diagnostic)
		}
	}
	return out
}

// Changes sums up a plan: each resource change that is not a no-op, as "<address> <actions>"
// with the attributes that change (or become unknown), and each resource the refresh found
// changed outside Terraform, as "drift <address>: <attributes>". An empty result is an empty
// plan without drift.
func Changes(plan *tfjson.Plan) []string {
	var out []string
	for _, rc := range plan.ResourceDrift {
		out = append(out, fmt.Sprintf("drift %s: %s", rc.Address, strings.Join(changedAttributes(rc.Change), ", ")))
	}
	for _, rc := range plan.ResourceChanges {
		if rc.Change.Actions.NoOp() || rc.Change.Actions.Read() {
			continue
		}
		out = append(out, fmt.Sprintf("%s %v: %s", rc.Address, rc.Change.Actions, strings.Join(changedAttributes(rc.Change), ", ")))
	}
	return out
}

func changedAttributes(c *tfjson.Change) []string {
	before, _ := c.Before.(map[string]any)
	after, _ := c.After.(map[string]any)
	unknown, _ := c.AfterUnknown.(map[string]any)
	var attrs []string
	for k, a := range after {
		if u, _ := unknown[k].(bool); u {
			attrs = append(attrs, fmt.Sprintf("%s: %v -> (known after apply)", k, before[k]))
		} else if fmt.Sprint(before[k]) != fmt.Sprint(a) {
			attrs = append(attrs, fmt.Sprintf("%s: %v -> %v", k, before[k], a))
		}
	}
	slices.Sort(attrs)
	return attrs
}

func LastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"..."}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n") + "\n"
}

// State returns the working directory's state as `terraform show -json` describes it.
func (c *CLI) State() *tfjson.State {
	c.t.Helper()
	var state tfjson.State
	if err := json.Unmarshal([]byte(c.Must("show", "-json")), &state); err != nil {
		c.t.Fatalf("terraform show -json: %v", err)
	}
	return &state
}

// Attribute returns an attribute of the resource at address (in the root module) in the
// state, such as c.Attribute("runpod_pod.test", "id").
func (c *CLI) Attribute(address, name string) any {
	c.t.Helper()
	state := c.State()
	if state.Values != nil && state.Values.RootModule != nil {
		for _, r := range state.Values.RootModule.Resources {
			if r.Address == address {
				return r.AttributeValues[name]
			}
		}
	}
	c.t.Fatalf("no %s in the state", address)
	return nil
}

// ExpectEmptyPlan plans the working directory's configuration (refreshing first, as `terraform
// plan` does) and fails the test unless the plan is empty and the refresh found nothing
// "changed outside of Terraform".
func (c *CLI) ExpectEmptyPlan() {
	c.t.Helper()
	c.Must("plan", "-input=false", "-no-color", "-out=empty-check.tfplan")
	if changes := Changes(c.ShowPlan("empty-check.tfplan")); len(changes) > 0 {
		c.t.Errorf("expected an empty plan without drift, got:\n%s", strings.Join(changes, "\n"))
	}
}

// WarnsOnce checks that the warnings matching want (a substring of the summary) show once when
// a change is planned and applied: once in `terraform plan -json -out` and not again when the
// saved plan is applied, then, after config2 is written, once in `terraform apply -json
// -auto-approve` (Terraform itself prints the plan's warnings at the end of such a command,
// after the apply, as it asks no approval to print them before). config1 and config2 must
// each plan such a warning against the state the previous step leaves. After each apply the
// next plan must be empty.
func (c *CLI) WarnsOnce(want, config1, config2 string) {
	c.t.Helper()
	count := func(ds []Diagnostic) int {
		n := 0
		for _, d := range ds {
			if strings.Contains(d.Summary, want) {
				n++
			}
		}
		return n
	}
	c.WriteConfig(config1)
	plan := c.Must("plan", "-json", "-input=false", "-out=warn.tfplan")
	if n := count(WarningsIn(plan)); n != 1 {
		c.t.Errorf("terraform plan: %d warnings %q, want 1: %v", n, want, WarningsIn(plan))
	}
	apply := c.Must("apply", "-json", "-input=false", "warn.tfplan")
	if n := count(WarningsIn(apply)); n != 0 {
		c.t.Errorf("terraform apply of the saved plan repeats the plan's warning %q: %v", want, WarningsIn(apply))
	}
	c.ExpectEmptyPlan()

	c.WriteConfig(config2)
	apply = c.Must("apply", "-json", "-input=false", "-auto-approve")
	if n := count(WarningsIn(apply)); n != 1 {
		c.t.Errorf("terraform apply -auto-approve: %d warnings %q, want 1: %v", n, want, WarningsIn(apply))
	}
	c.ExpectEmptyPlan()
}
