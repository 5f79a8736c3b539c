package template

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

func list(values ...string) types.List {
	v, _ := types.ListValueFrom(context.Background(), types.StringType, values)
	return v
}

func env(kv map[string]string) types.Map {
	v, _ := types.MapValueFrom(context.Background(), types.StringType, kv)
	return v
}

func apiTemplate() *runpodapi.Template {
	return &runpodapi.Template{
		ID: "tpl1", Name: "worker", ImageName: "example/worker:1", Category: "NVIDIA", IsServerless: true,
		ContainerDiskInGb: 50, VolumeInGb: 20, VolumeMountPath: "/workspace", Ports: []string{"8888/http"},
		Env: map[string]string{"A": "1"}, DockerEntrypoint: []string{}, DockerStartCmd: []string{"serve"},
	}
}

func state() templateModel {
	var m templateModel
	m.fromAPI(apiTemplate(), templateModel{})
	return m
}

func TestFromAPI_emptyIsNullUnlessConfiguredEmpty(t *testing.T) {
	m := state()
	if !m.DockerEntrypoint.IsNull() || !m.Readme.IsNull() || !m.ContainerRegistryAuthID.IsNull() {
		t.Errorf("unset values RunPod reports as [] or \"\" must be null: %s %s %s", m.DockerEntrypoint, m.Readme, m.ContainerRegistryAuthID)
	}
	prior := templateModel{DockerEntrypoint: list(), Readme: types.StringValue(""), Env: env(map[string]string{})}
	tpl := apiTemplate()
	tpl.Env = map[string]string{}
	m.fromAPI(tpl, prior)
	if !m.DockerEntrypoint.Equal(list()) || !m.Readme.Equal(types.StringValue("")) || !m.Env.Equal(env(map[string]string{})) {
		t.Errorf("configured empty values must stay empty: %s %s %s", m.DockerEntrypoint, m.Readme, m.Env)
	}
}

// TestUpdateInput_eachAttribute ties the PATCH body to the plan marker: each updatable
// attribute is sent alone when it alone changes, and it triggers a reset exactly when it is
// listed in resetAttributes (TemplateUpdateInput minus TemplateUpdateInPlaceInput).
func TestUpdateInput_eachAttribute(t *testing.T) {
	changes := map[string]func(*templateModel){
		"name":                       func(m *templateModel) { m.Name = types.StringValue("renamed") },
		"image_name":                 func(m *templateModel) { m.ImageName = types.StringValue("example/worker:2") },
		"is_public":                  func(m *templateModel) { m.IsPublic = types.BoolValue(true) },
		"container_disk_in_gb":       func(m *templateModel) { m.ContainerDiskInGb = types.Int64Value(10) },
		"volume_in_gb":               func(m *templateModel) { m.VolumeInGb = types.Int64Value(0) },
		"volume_mount_path":          func(m *templateModel) { m.VolumeMountPath = types.StringValue("/data") },
		"ports":                      func(m *templateModel) { m.Ports = list("22/tcp") },
		"env":                        func(m *templateModel) { m.Env = env(map[string]string{"A": "2"}) },
		"docker_entrypoint":          func(m *templateModel) { m.DockerEntrypoint = list("bash") },
		"docker_start_cmd":           func(m *templateModel) { m.DockerStartCmd = list("other") },
		"readme":                     func(m *templateModel) { m.Readme = types.StringValue("# hi") },
		"container_registry_auth_id": func(m *templateModel) { m.ContainerRegistryAuthID = types.StringValue("auth1") },
		// REST v2 only (REST v1 replaces the template on the first two, and refuses true for the others).
		"category":      func(m *templateModel) { m.Category = types.StringValue("CPU") },
		"is_serverless": func(m *templateModel) { m.IsServerless = types.BoolValue(false) },
		"start_ssh":     func(m *templateModel) { m.StartSSH = types.BoolValue(true) },
		"start_jupyter": func(m *templateModel) { m.StartJupyter = types.BoolValue(true) },
	}
	all := append(slices.Clone(resetAttributes), inPlaceAttributes...)
	for _, name := range inPlaceAttributesV2 {
		if !slices.Contains(all, name) {
			all = append(all, name)
		}
	}
	slices.Sort(all)
	var named []string
	for name := range changes {
		named = append(named, name)
	}
	slices.Sort(named)
	if !slices.Equal(all, named) {
		t.Fatalf("resetAttributes + inPlaceAttributes = %v, but the updatable attributes are %v", all, named)
	}
	for name, change := range changes {
		before := state()
		plan := before
		change(&plan)
		in, d := updateInput(context.Background(), plan, before)
		if d.HasError() {
			t.Fatal(d)
		}
		if isEmpty(in) {
			t.Errorf("%s: a change sends nothing", name)
			continue
		}
		if got, want := in.TriggersReset(), slices.Contains(resetAttributes, name); got != want {
			t.Errorf("%s: TriggersReset() = %v, want %v", name, got, want)
		}
		change(&before)
		if again, _ := updateInput(context.Background(), plan, before); !isEmpty(again) {
			t.Errorf("%s: an unchanged plan sends %+v", name, again)
		}
	}
}

func TestUpdateInput_removedOptionalsAreCleared(t *testing.T) {
	before := state()
	before.Readme = types.StringValue("hello")
	before.ContainerRegistryAuthID = types.StringValue("auth1")
	plan := before
	plan.Env = types.MapNull(types.StringType)
	plan.DockerStartCmd = types.ListNull(types.StringType)
	plan.Readme = types.StringNull()
	plan.ContainerRegistryAuthID = types.StringNull()
	in, _ := updateInput(context.Background(), plan, before)
	if in.Env == nil || len(*in.Env) != 0 || in.DockerStartCmd == nil || len(*in.DockerStartCmd) != 0 ||
		in.Readme == nil || *in.Readme != "" || in.ContainerRegistryAuthID == nil || *in.ContainerRegistryAuthID != "" {
		t.Errorf("removed values must be cleared with {}, [] and \"\": %+v", in)
	}
}

func TestStartFlags(t *testing.T) {
	yes, no := runpodapi.Ptr(true), runpodapi.Ptr(false)
	null, on, off := types.BoolNull(), types.BoolValue(true), types.BoolValue(false)
	for _, tc := range []struct {
		reported    *bool
		prior, want types.Bool
	}{
		{nil, on, on},     // REST v1 reports nothing: as configured
		{nil, null, null}, //
		{no, null, null},  // not set: not managed
		{yes, null, null}, //
		{no, on, off},     // set: drift shows
		{yes, off, on},    //
		{no, off, off},    //
	} {
		if got := startFlag(tc.reported, tc.prior); !got.Equal(tc.want) {
			t.Errorf("startFlag(%v, %s) = %s, want %s", tc.reported, tc.prior, got, tc.want)
		}
	}
	for _, tc := range []struct {
		planned, prior types.Bool
		want           *bool
	}{
		{null, on, no}, {null, off, nil}, {null, null, nil}, {on, null, yes}, {off, null, no}, {on, on, nil},
	} {
		got := changedFlag(tc.planned, tc.prior)
		if (got == nil) != (tc.want == nil) || (got != nil && *got != *tc.want) {
			t.Errorf("changedFlag(%s, %s) = %v, want %v", tc.planned, tc.prior, got, tc.want)
		}
	}
}

func TestCreateInput_leavesUnknownsToRunPod(t *testing.T) {
	plan := templateModel{
		Name: types.StringValue("w"), ImageName: types.StringValue("img"), Category: types.StringValue("CPU"),
		IsServerless: types.BoolValue(true), IsPublic: types.BoolValue(false),
		ContainerDiskInGb: types.Int64Unknown(), Ports: types.ListUnknown(types.StringType), VolumeInGb: types.Int64Value(0),
	}
	in, d := plan.createInput(context.Background())
	if d.HasError() {
		t.Fatal(d)
	}
	if in.ContainerDiskInGb != nil || in.Ports != nil || in.Env != nil || in.Readme != nil {
		t.Errorf("unknown and null values must not be sent: %+v", in)
	}
	if in.VolumeInGb == nil || *in.VolumeInGb != 0 || in.IsPublic == nil || *in.IsPublic || *in.Category != "CPU" {
		t.Errorf("configured values (zero and false included) must be sent: %+v", in)
	}
}

func TestByNamePrefersTheAccountsOwn(t *testing.T) {
	all := []runpodapi.Template{
		{ID: "official", Name: "base", IsRunpod: true},
		{ID: "mine", Name: "base"},
		{ID: "other", Name: "Base"},
	}
	if got := byName(all, "base"); got == nil || got.ID != "mine" {
		t.Errorf("byName(base) = %v, want the account's own", got)
	}
	if got := byName(all[:1], "base"); got == nil || got.ID != "official" {
		t.Errorf("byName(base) = %v, want RunPod's when the account has none", got)
	}
	if got := byName(all, "BASE"); got != nil {
		t.Errorf("names are case-sensitive, got %v", got)
	}
}
