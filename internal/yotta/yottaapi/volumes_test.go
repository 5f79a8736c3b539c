package yottaapi_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/yotta/yottaapi"
)

func cephVolume(name string, size int) yottaapi.VolumeCreateRequest {
	return yottaapi.VolumeCreateRequest{Name: name, StorageType: "CEPH", Region: "us-east-1", SizeInGB: &size}
}

// A volume's life: created (a lost answer adopted), renamed, grown, refused resize and delete
// while a pod mounts it (Yotta's message names the pod), deleted once the pod is gone.
func TestVolume_lifecycleAndMounts(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_ = f.mock.AddFault(mockkit.Fault{Route: "POST /v2/volumes", Kind: mockkit.FaultDropAfter, Times: 1})
	v, err := f.client.CreateVolume(ctx, cephVolume("data", 50))
	if err != nil {
		t.Fatal(err)
	}
	if len(v.ID) != 18 || v.Status != yottaapi.VolumeActive || v.SizeInGB != 50 || v.Region != "us-east-1" || v.CreatedAt.IsZero() {
		t.Errorf("created %+v", v)
	}
	id := string(v.ID)
	if err := f.client.RenameVolume(ctx, id, "models"); err != nil {
		t.Fatal(err)
	}
	if err := f.client.ResizeVolume(ctx, id, 80); err != nil {
		t.Fatal(err)
	}
	if v, err = f.client.GetVolume(ctx, id); err != nil || v.Name != "models" || v.SizeInGB != 80 || v.MountCount != 0 {
		t.Fatalf("read back %+v %v", v, err)
	}
	in := minimalPod("trainer")
	in.PersistentVolumes = []yottaapi.PersistentVolume{{VolumeID: v.ID, MountPath: "/mnt/volume"}}
	p, err := f.client.CreatePod(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ = f.client.GetVolume(ctx, id); v.MountCount != 1 {
		t.Errorf("mountCount %d, want 1", v.MountCount)
	}
	for what, err := range map[string]error{"resize": f.client.ResizeVolume(ctx, id, 100), "delete": f.client.DeleteVolume(ctx, id)} {
		if !yottaapi.IsConflict(err) || !strings.Contains(err.Error(), string(p.ID)+" (trainer)") {
			t.Errorf("%s of a mounted volume: %v", what, err)
		}
	}
	if err := f.client.ResizeVolume(ctx, id, 10); !yottaapi.IsInvalidParameters(err) {
		t.Errorf("shrink: %v", err)
	}
	if err := f.client.DeletePod(ctx, string(p.ID)); err != nil {
		t.Fatal(err)
	}
	if err := f.client.DeleteVolume(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := f.client.GetVolume(ctx, id); !yottaapi.IsNotFound(err) {
		t.Errorf("read after delete: %v", err)
	}
}

// ListVolumes reads every page, and a resize whose answer was lost is read back, not sent again.
func TestVolume_listReadsEveryPageAndALostResizeIsReadBack(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for i := range 105 {
		if _, err := f.client.CreateVolume(ctx, cephVolume(fmt.Sprintf("v%d", i), 20)); err != nil {
			t.Fatal(err)
		}
	}
	s3, err := f.client.CreateVolume(ctx, yottaapi.VolumeCreateRequest{Name: "bucket", StorageType: "S3"})
	if err != nil {
		t.Fatal(err)
	}
	f.mock.ResetCalls()
	all, err := f.client.ListVolumes(ctx, yottaapi.VolumeFilter{StorageType: "CEPH"})
	if err != nil || len(all) != 105 || all[104].Name != "v104" {
		t.Fatalf("listed %d volumes, %v", len(all), err)
	}
	if got := routes(f.mock); len(got) != 2 {
		t.Errorf("calls %v: want two pages", got)
	}
	if got, _ := f.client.ListVolumes(ctx, yottaapi.VolumeFilter{StorageType: "S3"}); len(got) != 1 || got[0].ID != s3.ID {
		t.Errorf("S3 volumes %+v", got)
	}
	_ = f.mock.AddFault(mockkit.Fault{Route: "POST /v2/volumes/{id}/resize", Kind: mockkit.FaultDropAfter, Times: 1})
	f.mock.ResetCalls()
	if err := f.client.ResizeVolume(ctx, string(all[0].ID), 40); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(routes(f.mock)); got != "[POST /v2/volumes/{id}/resize GET /v2/volumes/{id}]" {
		t.Errorf("calls %s", got)
	}
}
