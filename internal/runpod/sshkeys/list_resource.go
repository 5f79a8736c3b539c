package sshkeys

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// NewListResource returns the runpod_ssh_keys list resource, for `terraform query`: the
// account's one set of keys (id "account"), when it holds any.
func NewListResource() list.ListResource {
	return providerutil.List(providerutil.ListSpec[[]string, struct{}, sshKeysModel]{
		Suffix: "_ssh_keys",
		Description: "The account's SSH public keys, for `terraform query`: one result (id `account`) when the account has " +
			"keys, with its identity and, with `include_resource`, the `runpod_ssh_keys` its import would read.",
		Filters: map[string]listschema.Attribute{},
		What:    "SSH keys",
		Fetch: func(ctx context.Context, client runpodapi.API, _ struct{}) ([][]string, error) {
			keys, err := client.GetSSHKeys(ctx)
			if err != nil || len(keys) == 0 {
				return nil, err
			}
			return [][]string{keys}, nil
		},
		Name: func([]string) (string, string) { return AccountID, "the account's SSH keys" },
		Fill: func(_ context.Context, keys []string, m *sshKeysModel) { m.fromAPI(keys) },
	})
}
