package registryauth

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

func TestCreateInputAndWithAPIKeepConfiguredSecrets(t *testing.T) {
	plan := registryAuthModel{ID: types.StringUnknown(), Name: types.StringValue("ghcr"), Username: types.StringValue("octocat"), Password: types.StringValue("s3cret")}
	if got, want := plan.createInput(plan), (runpodapi.ContainerRegistryAuthCreateInput{Name: "ghcr", Username: "octocat", Password: "s3cret"}); got != want {
		t.Errorf("createInput = %+v, want %+v", got, want)
	}
	// With password_wo, the plan holds no password (write-only): the configuration's is sent.
	writeOnly := registryAuthModel{ID: types.StringUnknown(), Name: types.StringValue("ghcr"), Username: types.StringValue("octocat"),
		Password: types.StringNull(), PasswordWO: types.StringNull(), PasswordWOVersion: types.Int64Value(1)}
	config := writeOnly
	config.PasswordWO = types.StringValue("wo-s3cret")
	if got, want := writeOnly.createInput(config), (runpodapi.ContainerRegistryAuthCreateInput{Name: "ghcr", Username: "octocat", Password: "wo-s3cret"}); got != want {
		t.Errorf("createInput with password_wo = %+v, want %+v", got, want)
	}
	got := plan.withAPI(&runpodapi.ContainerRegistryAuth{ID: "clzdaifot0001l90809257ynb", Name: "ghcr"})
	want := registryAuthModel{ID: types.StringValue("clzdaifot0001l90809257ynb"), Name: types.StringValue("ghcr"), Username: types.StringValue("octocat"), Password: types.StringValue("s3cret")}
	if got != want {
		t.Errorf("withAPI = %+v, want %+v", got, want)
	}
	imported := registryAuthModel{ID: types.StringValue("x"), Name: types.StringNull(), Username: types.StringNull(), Password: types.StringNull()}.
		withAPI(&runpodapi.ContainerRegistryAuth{ID: "x", Name: "ghcr"})
	if !imported.Username.IsNull() || !imported.Password.IsNull() || imported.Name.ValueString() != "ghcr" {
		t.Errorf("an imported credential must keep username and password null (RunPod does not return them): %+v", imported)
	}
}

func TestFindByIDOrName(t *testing.T) {
	all := []runpodapi.ContainerRegistryAuth{{ID: "id-1", Name: "ghcr"}, {ID: "id-2", Name: "id-1"}, {ID: "id-3", Name: "dockerhub"}}
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
	if got := findByIDOrName(append(all, runpodapi.ContainerRegistryAuth{ID: "id-4", Name: "ghcr"}), "ghcr"); got != nil {
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

func TestInUseDetailNamesThePods(t *testing.T) {
	pods := podsUsing([]runpodapi.Pod{
		{ID: "p1", Name: "trainer", ContainerRegistryAuthID: "r1"},
		{ID: "p2", Name: "other", ContainerRegistryAuthID: "r2"},
		{ID: "p3", Name: "notebook", ContainerRegistryAuthID: "r1"},
	}, "r1")
	if want := []string{"p1 (trainer)", "p3 (notebook)"}; !slices.Equal(pods, want) {
		t.Fatalf("podsUsing = %v, want %v", pods, want)
	}
	err := errors.New("RunPod API returned 400 Bad Request: in use")
	d := inUseDetail("r1", pods, err)
	for _, want := range []string{"While attempting to delete container registry auth r1, RunPod refused.",
		"It is in use by pod p1 (trainer), pod p3 (notebook), and RunPod does not delete", "Error: RunPod API returned 400 Bad Request: in use"} {
		if !strings.Contains(d, want) {
			t.Errorf("detail lacks %q:\n%s", want, d)
		}
	}
	if d := inUseDetail("r1", nil, err); !strings.Contains(d, "RunPod refused. RunPod does not delete a container registry auth that a pod uses") {
		t.Errorf("without the pods: %s", d)
	}
}

func TestMissingSecretDetailOnlyWhenACredentialIsCreated(t *testing.T) {
	s := types.StringValue
	recorded := registryAuthModel{ID: s("r1"), Name: s("ghcr"), Username: s("octocat"), Password: s("token-1")}
	imported := registryAuthModel{ID: s("r1"), Name: s("ghcr"), Username: types.StringNull(), Password: types.StringNull()}
	for _, tc := range []struct {
		name        string
		plan        registryAuthModel
		state       *registryAuthModel
		wantContain string // "" for no error
	}{
		{"create", registryAuthModel{Name: s("ghcr")}, nil, `required to create container registry auth "ghcr"`},
		{"create, name unknown", registryAuthModel{Name: types.StringUnknown()}, nil, "required to create container registry auth the credential"},
		{"removed: the recorded values kept", recorded, &recorded, ""},
		{"imported, nothing recorded", imported, &imported, ""},
		{"imported, a password recorded in place", registryAuthModel{ID: s("r1"), Name: s("ghcr"), Password: s("token-1")}, &imported, ""},
		{"name changed", registryAuthModel{ID: s("r1"), Name: s("ghcr-bots"), Username: s("octocat"), Password: s("token-1")}, &recorded,
			`required to replace container registry auth "ghcr-bots" (r1), which changing name does`},
		{"name and password changed", registryAuthModel{ID: s("r1"), Name: s("ghcr-bots"), Username: s("octocat"), Password: s("token-2")}, &recorded,
			"which changing name and password does"},
	} {
		got := missingSecretDetail("username", tc.plan, tc.state)
		if (got == "") != (tc.wantContain == "") || !strings.Contains(got, tc.wantContain) {
			t.Errorf("%s: %q, want it to contain %q", tc.name, got, tc.wantContain)
		}
	}
}
