package sshkeys_test

import (
	"strings"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/sshkeys"
)

// The account's keys, imported, generate a configuration (terraform plan -generate-config-out)
// that plans as written: nothing but the import, then an empty plan.
func TestAccSSHKeys_generatedConfigPlansClean(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		key := sshkeys.PublicKey("me@laptop")
		setOutside(t, m, key)
		generated := acctest.ExpectGeneratedConfigPlansClean(t, m, "runpod_ssh_keys.imported", sshkeys.AccountID)
		if !strings.Contains(generated, key) {
			t.Errorf("the generated configuration lacks the account's key:\n%s", generated)
		}
	})
}
