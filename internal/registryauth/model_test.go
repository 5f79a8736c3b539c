package registryauth

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod"
)

func TestCreateInputAndWithAPIKeepConfiguredSecrets(t *testing.T) {
	plan := registryAuthModel{ID: types.StringUnknown(), Name: types.StringValue("ghcr"), Username: types.StringValue("octocat"), Password: types.StringValue("s3cret")}
	if got, want := plan.createInput(), (runpod.ContainerRegistryAuthCreateInput{Name: "ghcr", Username: "octocat", Password: "s3cret"}); got != want {
		t.Errorf("createInput = %+v, want %+v", got, want)
	}
	got := plan.withAPI(&runpod.ContainerRegistryAuth{ID: "clzdaifot0001l90809257ynb", Name: "ghcr"})
	want := registryAuthModel{ID: types.StringValue("clzdaifot0001l90809257ynb"), Name: types.StringValue("ghcr"), Username: types.StringValue("octocat"), Password: types.StringValue("s3cret")}
	if got != want {
		t.Errorf("withAPI = %+v, want %+v", got, want)
	}
	imported := registryAuthModel{ID: types.StringValue("x"), Name: types.StringNull(), Username: types.StringNull(), Password: types.StringNull()}.
		withAPI(&runpod.ContainerRegistryAuth{ID: "x", Name: "ghcr"})
	if !imported.Username.IsNull() || !imported.Password.IsNull() || imported.Name.ValueString() != "ghcr" {
		t.Errorf("an imported credential must keep username and password null (RunPod does not return them): %+v", imported)
	}
}

func TestFindByIDOrName(t *testing.T) {
	all := []runpod.ContainerRegistryAuth{{ID: "id-1", Name: "ghcr"}, {ID: "id-2", Name: "id-1"}, {ID: "id-3", Name: "dockerhub"}}
	for _, tc := range []struct{ ref, want string }{
		{"id-3", "id-3"},
		{"dockerhub", "id-3"},
		{"id-1", "id-1"}, // an id wins over a name
		{"quay", ""},
	} {
		got := findByIDOrName(all, tc.ref)
		if (got == nil) != (tc.want == "") || (got != nil && got.ID != tc.want) {
			t.Errorf("findByIDOrName(%q) = %+v, want id %q", tc.ref, got, tc.want)
		}
	}
	if got := findByIDOrName(append(all, runpod.ContainerRegistryAuth{ID: "id-4", Name: "ghcr"}), "ghcr"); got != nil {
		t.Errorf("a name held twice must not pick one: got %+v", got)
	}
}

func TestDuplicateNameHintNamesTheCredentialToImport(t *testing.T) {
	h := duplicateNameHint("ghcr", "id-1")
	for _, want := range []string{`named "ghcr" already exists`, "(id id-1)", "terraform import <address> id-1", "create_before_destroy"} {
		if !strings.Contains(h, want) {
			t.Errorf("hint lacks %q:\n%s", want, h)
		}
	}
}
