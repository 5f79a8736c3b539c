package yottapod

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func exposeSet(pairs ...any) types.Set {
	var elems []attr.Value
	for i := 0; i < len(pairs); i += 2 {
		elems = append(elems, types.ObjectValueMust(exposeType.AttrTypes, map[string]attr.Value{
			"port": types.Int64Value(int64(pairs[i].(int))), "protocol": types.StringValue(pairs[i+1].(string)),
		}))
	}
	return types.SetValueMust(exposeType, elems)
}

func basePod() podModel {
	return podModel{
		Name: types.StringValue("p"), Image: types.StringValue("ubuntu"), ImageRegistry: types.StringValue("r"),
		ResourceType: types.StringValue("GPU"), GPUType: types.StringValue("NVIDIA_RTX_4090_24G"), GPUCount: types.Int64Value(1),
		ShmInGB: types.Int64Value(0), ContainerVolumeInGB: types.Int64Value(100), InitializationCommand: types.StringNull(),
		EnvironmentVars: types.MapNull(types.StringType), Expose: exposeSet(8080, "http"),
		Regions: types.SetNull(types.StringType), ContainerRegistryAuthID: types.StringNull(), ImagePublicType: types.StringNull(),
		MinSingleCardVRAMInGB: types.Int64Null(), MinSingleCardRAMInGB: types.Int64Null(), MinSingleCardVCPU: types.Int64Null(),
		PersistentVolumeInGB: types.Int64Null(), PersistentMountPath: types.StringNull(),
		PersistentVolumes: types.SetNull(persistentVolumeType), DesiredStatus: types.StringValue("RUNNING"),
	}
}

func TestReplacedBy(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name     string
		change   func(*podModel)
		imported bool
		want     []string
	}{
		{"nothing", func(*podModel) {}, false, nil},
		{"desired_status only", func(m *podModel) { m.DesiredStatus = types.StringValue("PAUSED") }, false, nil},
		{"image spelt out", func(m *podModel) { m.Image = types.StringValue("docker.io/library/ubuntu:latest") }, false, nil},
		{"protocol case", func(m *podModel) { m.Expose = exposeSet(8080, "HTTP") }, false, nil},
		{"empty env is no env", func(m *podModel) { m.EnvironmentVars = types.MapValueMust(types.StringType, nil) }, false, nil},
		{"image", func(m *podModel) { m.Image = types.StringValue("ubuntu:24.04") }, false, []string{"image"}},
		{"port", func(m *podModel) { m.Expose = exposeSet(8081, "HTTP") }, false, []string{"expose"}},
		{"name and count", func(m *podModel) { m.Name = types.StringValue("q"); m.GPUCount = types.Int64Value(2) }, false, []string{"name", "gpu_count"}},
		{"unknown", func(m *podModel) { m.ContainerRegistryAuthID = types.StringUnknown() }, false, []string{"container_registry_auth_id"}},
		{"regions set", func(m *podModel) {
			m.Regions = types.SetValueMust(types.StringType, []attr.Value{types.StringValue("eu-2")})
		}, false, []string{"regions"}},
		{"regions recorded after import", func(m *podModel) {
			m.Regions = types.SetValueMust(types.StringType, []attr.Value{types.StringValue("eu-2")})
		}, true, nil},
		{"reported settings still replace after import", func(m *podModel) { m.GPUType = types.StringValue("NVIDIA_H100_80G") }, true, []string{"gpu_type"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			prior, plan := basePod(), basePod()
			c.change(&plan)
			if got := replacedBy(ctx, plan, prior, c.imported); !slices.Equal(got, c.want) {
				t.Errorf("replacedBy = %v, want %v", got, c.want)
			}
		})
	}
}

func TestReplaceWarning(t *testing.T) {
	state := basePod()
	state.PersistentVolumeInGB, state.PersistentMountPath = types.Int64Value(50), types.StringValue("/workspace")
	got := replaceWarning([]string{"image", "gpu_count"}, state, false)
	for _, want := range []string{"Yotta has no pod update: changing image and gpu_count creates a new pod",
		"new id", "container volume and its persistent volume (50 GB at /workspace) are deleted"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
	state.Status, state.FailedReason = types.StringValue("FAILED"), types.StringValue("GPU fell off the bus")
	if got := replaceWarning([]string{"status"}, state, true); !strings.Contains(got, "Yotta reports the pod FAILED (GPU fell off the bus)") ||
		strings.Contains(got, "no pod update") {
		t.Errorf("failed: %q", got)
	}
}
