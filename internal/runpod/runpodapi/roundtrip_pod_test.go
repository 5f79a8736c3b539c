package runpodapi

import (
	"context"
	"testing"
)

// podRT is the round trip of PodCreateInput; registry, template and volume are ids that exist.
func podRT(registry, template, volume string) rtCase[PodCreateInput, Pod] {
	return rtCase[PodCreateInput, Pod]{
		valid: map[string]any{
			"ComputeType": "GPU", "CloudType": "SECURE", "GPUTypeIDs": []string{"NVIDIA GeForce RTX 4090"}, "GPUCount": 1,
			"GPUTypePriority": "custom", "CPUFlavorPriority": "custom", "DataCenterPriority": "custom",
			"DataCenterIDs": []string{"EU-RO-1"}, "CountryCodes": []string{"RO"}, "AllowedCudaVersions": []string{"12.8"},
			"MinCudaVersion": "12.4", "VCPUCount": 4, "CPUFlavorIDs": []string{"cpu3c"},
			"Ports": []string{"8888/http", "22/tcp"}, "VolumeInGb": 20, "VolumeMountPath": "/rt", "ContainerDiskInGb": 30,
			"ContainerRegistryAuthID": registry, "TemplateID": template, "NetworkVolumeID": volume,
			"MinRAMPerGPU": 8, "MinVCPUPerGPU": 2, "MinDownloadMbps": 100.0, "MinUploadMbps": 100.0, "MinDiskBandwidthMBps": 100.0,
		},
		refused: map[Backend][]string{
			// podUnsupported: REST v2 has no such setting.
			BackendV2: {"DockerEntrypoint", "SupportPublicIP", "MinDownloadMbps", "MinUploadMbps", "MinDiskBandwidthMBps", "MinRAMPerGPU", "MinVCPUPerGPU"},
			// v2OnlyPodSettings: REST v1 has no such setting.
			BackendV1: {"StartSSH", "StartJupyter", "MinCudaVersion"},
		},
		read: map[string]func(Pod) any{
			"ComputeType": func(p Pod) any {
				if p.GPU != nil {
					return computeGPU
				}
				return computeCPU
			},
			"CloudType": func(p Pod) any {
				if p.Machine != nil && p.Machine.SecureCloud {
					return cloudSecure
				}
				return "COMMUNITY"
			},
			"GPUTypeIDs":      func(p Pod) any { return []string{p.GPU.ID} },
			"GPUCount":        func(p Pod) any { return p.GPU.Count },
			"CPUFlavorIDs":    func(p Pod) any { return []string{p.CPUFlavorID} },
			"VCPUCount":       func(p Pod) any { return int(p.VCPUCount) },
			"DataCenterIDs":   func(p Pod) any { return []string{p.Machine.DataCenterID} },
			"NetworkVolumeID": func(p Pod) any { return p.NetworkVolume.ID },
		},
		// What RunPod's Pod object does not report, on either API (the resource keeps the
		// configured value: NotRecoverableOnImport).
		unreported: map[string]string{
			"GPUTypePriority": "not reported", "CPUFlavorPriority": "not reported", "DataCenterPriority": "not reported",
			"CountryCodes": "not reported", "AllowedCudaVersions": "not reported (the host's cudaVersion is)",
			"MinCudaVersion": "not reported (the host's cudaVersion is)", "MinRAMPerGPU": "not reported",
			"MinVCPUPerGPU": "not reported", "MinDownloadMbps": "not reported", "MinUploadMbps": "not reported",
			"MinDiskBandwidthMBps": "not reported", "SupportPublicIP": "not reported",
			"StartSSH":     "not reported (it injects PUBLIC_KEY when the account has keys)",
			"StartJupyter": "not reported (it injects JUPYTER_PASSWORD, which the env comparison leaves out)",
		},
		unreportedBy: map[string]string{
			"Interruptible@v2":    "REST v2 does not say whether a pod is spot",
			"GlobalNetworking@v1": "REST v1 does not report global networking",
			"DockerEntrypoint@v2": "REST v2 has no entrypoint",
		},
		notKeptBy: map[string]string{
			"TemplateID@v2": "REST v2 resolves a template once and keeps no link to it",
		},
	}
}

func TestPodCreateRoundTrips(t *testing.T) {
	f := newRTFixture(t)
	ctx := context.Background()
	v1 := f.clients[BackendV1]
	reg, err := v1.CreateContainerRegistryAuth(ctx, ContainerRegistryAuthCreateInput{Name: "rt", Username: "u", Password: "p"})
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := v1.CreateTemplate(ctx, TemplateCreateInput{Name: "rt-tpl", ImageName: "img"})
	if err != nil {
		t.Fatal(err)
	}
	vol, err := v1.CreateNetworkVolume(ctx, NetworkVolumeCreateInput{Name: "rt", Size: 10, DataCenterID: "EU-RO-1"})
	if err != nil {
		t.Fatal(err)
	}
	base := podRT(reg.ID, tpl.ID, vol.ID)
	cpuFields := []string{"CPUFlavorIDs", "CPUFlavorPriority", "VCPUCount"}
	gpuFields := []string{"GPUTypeIDs", "GPUTypePriority", "GPUCount", "MinRAMPerGPU", "MinVCPUPerGPU", "AllowedCudaVersions",
		"MinCudaVersion", "GlobalNetworking"}
	scenarios := []struct {
		name string
		skip []string
		edit func(*PodCreateInput)
	}{
		// A GPU pod with a pod volume and everything else.
		{"GPU pod", append([]string{"NetworkVolumeID", "MinCudaVersion", "Interruptible"}, cpuFields...), nil},
		// A GPU pod with a CUDA floor (exclusive with a set of versions).
		{"GPU pod with a CUDA floor", append([]string{"NetworkVolumeID", "AllowedCudaVersions", "Interruptible"}, cpuFields...), nil},
		// A CPU pod on a network volume.
		{"CPU pod", append([]string{"VolumeInGb", "Interruptible"}, gpuFields...), func(in *PodCreateInput) {
			in.ComputeType = Ptr(computeCPU)
		}},
	}
	sent := map[string]bool{}
	for _, sc := range scenarios {
		c := base
		c.skip = sc.skip
		for _, created := range backends {
			in := c.input(created)
			if sc.edit != nil {
				sc.edit(&in)
			}
			if created == BackendV1 && in.MinCudaVersion != nil {
				continue // v2 only: refused by v1 (checked below)
			}
			markSent(sent, in)
			p, err := f.clients[created].CreatePod(ctx, in)
			if err != nil {
				t.Errorf("%s through %s: %v", sc.name, created, err)
				continue
			}
			for _, read := range backends {
				got, err := f.clients[read].GetPod(ctx, p.ID)
				if err != nil {
					t.Fatal(err)
				}
				c.check(t, sc.name, in, *got, created, read)
			}
		}
	}
	// Spot pods with a bid go through GraphQL (podRentInterruptable) on both backends: what it
	// takes comes back; what it cannot take is refused (spotPodInput), never dropped.
	for _, created := range backends {
		c := base
		c.skip = append([]string{"NetworkVolumeID", "MinCudaVersion"}, cpuFields...)
		in := c.input(created)
		in.Interruptible = Ptr(true)
		var refusedBySpot []string
		for _, name := range exportedFields(reflectTypeOf(in)) {
			one := PodCreateInput{GPUTypeIDs: in.GPUTypeIDs, ImageName: in.ImageName}
			copyField(&one, in, name)
			if _, err := spotPodInput(SpotPodCreateInput{PodCreateInput: one, BidPerGPU: 0.5}); err != nil {
				refusedBySpot = append(refusedBySpot, name)
			}
		}
		for _, name := range refusedBySpot {
			clearField(&in, name)
		}
		markSent(sent, in)
		p, err := f.clients[created].CreateSpotPod(ctx, SpotPodCreateInput{PodCreateInput: in, BidPerGPU: 0.5})
		if err != nil {
			t.Errorf("spot pod through %s: %v", created, err)
			continue
		}
		for _, read := range backends {
			got, err := f.clients[read].GetPod(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			c.check(t, "spot pod", in, *got, created, read)
		}
	}
	refusals(t, base, PodCreateInput{ImageName: Ptr("img"), GPUTypeIDs: &[]string{"NVIDIA GeForce RTX 4090"}}, func(b Backend, in PodCreateInput) error {
		_, err := f.clients[b].CreatePod(ctx, in)
		return err
	})
	covered[PodCreateInput](t, sent, base.unreported)
}
