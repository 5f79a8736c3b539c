package acckit

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// StateFiles finds the state files Terraform writes in a test, so that a check can read their
// bytes as Terraform wrote them: the proof that a write-only secret never lands in state.
// (The test harness runs terraform init before a step's configuration is written, so a
// backend block cannot choose the file; the harness's working directories are placed instead.)
type StateFiles struct{ Dir string }

// NewStateFiles places the working directories of the test harness's Terraform runs that t
// starts from now on in t's temporary directory, through TF_ACC_TEMP_DIR: t must not be
// parallel (t.Setenv refuses otherwise).
func NewStateFiles(t *testing.T) StateFiles {
	dir := t.TempDir()
	t.Setenv("TF_ACC_TEMP_DIR", dir)
	return StateFiles{Dir: dir}
}

// ExpectLacks fails unless some state file holds every one of holds (what proves that it is
// the state the test means, such as the resource's type) and no state file holds any of
// secrets.
func (s StateFiles) ExpectLacks(holds []string, secrets ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		paths, err := filepath.Glob(filepath.Join(s.Dir, "*", "*", "terraform.tfstate"))
		if err != nil {
			return err
		}
		return checkLacks(paths, holds, secrets)
	}
}

func checkLacks(paths, holds, secrets []string) error {
	if len(paths) == 0 {
		return fmt.Errorf("no state file found: the check for secrets would prove nothing")
	}
	held := false
	for _, path := range paths {
		content, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("reading the state file: %w", err)
		}
		for _, secret := range secrets {
			if secret == "" {
				return fmt.Errorf("an empty secret: the check would prove nothing")
			}
			if i := strings.Index(string(content), secret); i >= 0 {
				return fmt.Errorf("the state file %s holds the secret %q at byte %d", path, secret, i)
			}
		}
		held = held || containsAll(string(content), holds)
	}
	if !held {
		return fmt.Errorf("no state file of %s holds all of %q: the check for secrets would prove nothing", strings.Join(paths, ", "), holds)
	}
	return nil
}

func containsAll(s string, parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
