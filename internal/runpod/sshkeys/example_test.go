package sshkeys_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/acctest"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/sshkeys"
)

// The documented example applies against the mock as written, reading a key file that ends
// with a newline, as ssh-keygen writes it.
func TestAccSSHKeys_exampleApplies(t *testing.T) {
	acctest.OnAPIs(t, func(t *testing.T, b runpodapi.Backend) {
		m := acctest.NewMock(t, b)
		key := sshkeys.PublicKey("me@laptop")
		file := filepath.Join(t.TempDir(), "id_ed25519.pub")
		if err := os.WriteFile(file, []byte(key+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config:          m.Config(acctest.Example(t, "resources/runpod_ssh_keys/resource.tf")),
				ConfigVariables: config.Variables{"public_key_file": config.StringVariable(file)},
				Check: expectAccountKeys(t, m, key,
					"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILXGDN/SclOozk1xsDztpmhGiKkkrfQB9SKoO8dSIQQZ ci@example.com"),
			}},
		})
	})
}
