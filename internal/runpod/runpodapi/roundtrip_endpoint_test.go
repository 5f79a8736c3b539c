package runpodapi

import (
	"context"
	"reflect"
	"slices"
	"strconv"
	"testing"
)

// endpointReaders read back the endpoint fields an Endpoint does not report under the
// input's name on every backend.
var endpointReaders = map[string]func(Endpoint) any{
	// REST v1 reports a CPU endpoint's shape only as instance ids, "<flavor>-<vCPUs>-<GB>".
	"CPUFlavorIDs": func(e Endpoint) any { flavors, _ := e.CPUShape(); return flavors },
	"VCPUCount":    func(e Endpoint) any { _, vcpus := e.CPUShape(); return vcpus },
	// REST v2 keeps one list of volumes: a single volume reads back as either form.
	"NetworkVolumeID": func(e Endpoint) any {
		if e.NetworkVolumeID == "" && len(e.NetworkVolumeIDs) == 1 {
			return e.NetworkVolumeIDs[0]
		}
		return e.NetworkVolumeID
	},
	// REST v2 reports the mode: either FlashBoot mode is flashboot on.
	"Flashboot": func(e Endpoint) any { return e.FlashbootMode != FlashbootOff },
}

// What an endpoint read through one backend does not report, keyed "<Field>@<backend>".
var endpointUnreportedBy = map[string]string{
	"TemplateID@v2":    "REST v2 keeps no link to the template (the endpoint has its own copy of the container)",
	"Type@v1":          "REST v1 reports no type (its endpoints are queues)",
	"Flashboot@v1":     "REST v1 never reports FlashBoot",
	"FlashbootMode@v1": "REST v1 never reports FlashBoot",
}

// What a backend does not keep when it creates or changes an endpoint, keyed "<Field>@<backend>".
var endpointNotKeptBy = map[string]string{
	"TemplateID@v2": "REST v2 resolves a template once and keeps no link to it (REST v1 reads the one it had)",
}

// The fields of one compute family, which the other's scenarios leave out.
var (
	endpointCPUFields = []string{"CPUFlavorIDs", "VCPUCount"}
	endpointGPUFields = []string{"GPUTypeIDs", "GPUCount", "AllowedCudaVersions", "MinCudaVersion"}
)

// endpointFixture is a round-trip fixture with what endpoints refer to: two serverless
// templates and two network volumes.
type endpointFixture struct {
	*rtFixture
	templates, volumes [2]string
	made               int // endpoints made by creator, for unique names
}

func newEndpointFixture(t *testing.T) *endpointFixture {
	f := &endpointFixture{rtFixture: newRTFixture(t)}
	ctx := context.Background()
	v1 := f.clients[BackendV1]
	for i, name := range []string{"rt-worker", "rt-worker-2"} {
		tpl, err := v1.CreateTemplate(ctx, TemplateCreateInput{Name: name, ImageName: "img:" + name, IsServerless: Ptr(true)})
		if err != nil {
			t.Fatal(err)
		}
		vol, err := v1.CreateNetworkVolume(ctx, NetworkVolumeCreateInput{Name: name, Size: 10, DataCenterID: "EU-RO-1"})
		if err != nil {
			t.Fatal(err)
		}
		f.templates[i], f.volumes[i] = tpl.ID, vol.ID
	}
	return f
}

func (f *endpointFixture) get(b Backend, id string) (Endpoint, error) {
	e, err := f.clients[b].GetEndpoint(context.Background(), id)
	return deref(e), err
}

func TestEndpointCreateRoundTrips(t *testing.T) {
	f := newEndpointFixture(t)
	ctx := context.Background()
	base := rtCase[EndpointCreateInput, Endpoint]{
		valid: map[string]any{
			"TemplateID": f.templates[0], "ComputeType": computeGPU, "GPUTypeIDs": []string{"NVIDIA GeForce RTX 4090"}, "GPUCount": 2,
			"CPUFlavorIDs": []string{"cpu3c"}, "VCPUCount": 4, "DataCenterIDs": []string{"EU-RO-1"},
			"NetworkVolumeID": f.volumes[0], "NetworkVolumeIDs": []string{f.volumes[1]},
			"AllowedCudaVersions": []string{"12.8"}, "MinCudaVersion": "12.4", "ExecutionTimeoutMs": 120000, "IdleTimeout": 30,
			"ScalerType": scalerQueueDelay, "ScalerValue": 6, "WorkersMin": 1, "WorkersMax": 4,
			"Type": EndpointTypeLoadBalancer, "FlashbootMode": FlashbootPriority,
		},
		// v1EndpointSettings: REST v1 makes queue endpoints only and knows FlashBoot on or off
		// (OFF and FLASHBOOT are sent as its flashboot, below).
		refused:      map[Backend][]string{BackendV1: {"Type", "FlashbootMode"}},
		read:         endpointReaders,
		unreportedBy: endpointUnreportedBy,
		notKeptBy:    endpointNotKeptBy,
	}
	queue := func(mode *string, flashboot *bool) func(*EndpointCreateInput) {
		return func(in *EndpointCreateInput) {
			in.Type, in.FlashbootMode, in.Flashboot = Ptr(EndpointTypeQueue), mode, flashboot
		}
	}
	scenarios := []struct {
		name string
		skip []string
		edit func(*EndpointCreateInput)
		only Backend // "": through both
	}{
		// A queue endpoint on one volume, the mode alone turning FlashBoot on (v1 too).
		{"GPU queue endpoint on a volume", append([]string{"NetworkVolumeIDs", "MinCudaVersion"}, endpointCPUFields...),
			queue(Ptr(FlashbootOn), nil), ""},
		// Volumes of a multi-region endpoint and a CUDA floor (exclusive with a set of versions).
		{"GPU queue endpoint on volumes with a CUDA floor", append([]string{"NetworkVolumeID", "AllowedCudaVersions"}, endpointCPUFields...),
			queue(nil, Ptr(true)), ""},
		{"CPU queue endpoint", append([]string{"NetworkVolumeIDs"}, endpointGPUFields...), func(in *EndpointCreateInput) {
			queue(Ptr(FlashbootOff), nil)(in)
			in.ComputeType = Ptr(computeCPU)
		}, ""},
		// REST v2 only: a load balancer scales on request count, with priority FlashBoot.
		{"GPU load balancer", append([]string{"NetworkVolumeIDs", "MinCudaVersion"}, endpointCPUFields...), func(in *EndpointCreateInput) {
			in.ScalerType, in.Flashboot = Ptr(scalerRequestCount), Ptr(true)
		}, BackendV2},
	}
	sent := map[string]bool{}
	for _, sc := range scenarios {
		c := base
		c.skip = sc.skip
		for _, created := range backends {
			if sc.only != "" && created != sc.only {
				continue
			}
			in := c.input(created)
			sc.edit(&in)
			markSent(sent, in)
			e, err := f.clients[created].CreateEndpoint(ctx, in)
			if err != nil {
				t.Errorf("%s through %s: %v", sc.name, created, err)
				continue
			}
			for _, read := range backends {
				got, err := f.get(read, e.ID)
				if err != nil {
					t.Fatal(err)
				}
				c.check(t, sc.name, in, got, created, read)
			}
		}
	}
	refusals(t, base, EndpointCreateInput{TemplateID: f.templates[0], GPUTypeIDs: &[]string{"NVIDIA GeForce RTX 4090"}},
		func(b Backend, in EndpointCreateInput) error {
			_, err := f.clients[b].CreateEndpoint(ctx, in)
			return err
		})
	covered[EndpointCreateInput](t, sent)
	// REST v2 has no idle timeout for a queue endpoint scaling on request count: it is refused
	// there (noIdleTimeout), never dropped; REST v1 takes it.
	for _, b := range backends {
		_, err := f.clients[b].CreateEndpoint(ctx, EndpointCreateInput{TemplateID: f.templates[0],
			ScalerType: Ptr(scalerRequestCount), IdleTimeout: Ptr(30)})
		if refused := err != nil; refused != (b == BackendV2) {
			t.Errorf("an idle timeout on a queue endpoint scaling on request count through %s: err = %v", b, err)
		}
	}
}

// endpointUpdateRT is the round trip of EndpointUpdateInput.
func endpointUpdateRT(f *endpointFixture) rtCase[EndpointUpdateInput, Endpoint] {
	return rtCase[EndpointUpdateInput, Endpoint]{
		valid: map[string]any{
			"TemplateID": f.templates[1], "GPUTypeIDs": []string{"NVIDIA A40"}, "GPUCount": 2, "CPUFlavorIDs": []string{"cpu5c"},
			"VCPUCount": 4, "DataCenterIDs": []string{"EU-RO-1"}, "NetworkVolumeID": f.volumes[0], "NetworkVolumeIDs": []string{f.volumes[1]},
			"AllowedCudaVersions": []string{"12.8"}, "MinCudaVersion": "12.4", "ExecutionTimeoutMs": 90000, "IdleTimeout": 40,
			"ScalerType": scalerQueueDelay, "ScalerValue": 7, "WorkersMin": 1, "WorkersMax": 5, "FlashbootMode": FlashbootPriority,
		},
		refused:      map[Backend][]string{BackendV1: {"FlashbootMode"}}, // v1EndpointSettings: no priority FlashBoot
		read:         endpointReaders,
		unreportedBy: endpointUnreportedBy,
		notKeptBy:    endpointNotKeptBy,
	}
}

// creator returns a function that creates a plain endpoint of compute type compute (RunPod's
// defaults but for a CPU flavor) through a backend, returning its id.
func (f *endpointFixture) creator(compute string) func(Backend) (string, error) {
	return func(b Backend) (string, error) {
		f.made++
		in := EndpointCreateInput{TemplateID: f.templates[0], Name: Ptr("rt-" + strconv.Itoa(f.made)), ComputeType: Ptr(compute)}
		if compute == computeCPU {
			in.CPUFlavorIDs = &[]string{"cpu3c"}
		}
		e, err := f.clients[b].CreateEndpoint(context.Background(), in)
		if err != nil {
			return "", err
		}
		return e.ID, nil
	}
}

func (f *endpointFixture) update(b Backend, id string, in EndpointUpdateInput) error {
	_, err := f.clients[b].UpdateEndpoint(context.Background(), id, in)
	return err
}

func TestEndpointUpdateRoundTrips(t *testing.T) {
	f := newEndpointFixture(t)
	rtUpdateScenarios(t, endpointUpdateRT(f), []rtUpdateScenario[EndpointUpdateInput]{
		// The mode alone turns FlashBoot on (v1 too).
		{name: "GPU endpoint onto a volume", skip: append([]string{"NetworkVolumeIDs", "MinCudaVersion"}, endpointCPUFields...),
			edit:   func(in *EndpointUpdateInput) { in.FlashbootMode, in.Flashboot = Ptr(FlashbootOn), nil },
			create: f.creator(computeGPU)},
		{name: "GPU endpoint onto volumes with a CUDA floor", skip: append([]string{"NetworkVolumeID", "AllowedCudaVersions"}, endpointCPUFields...),
			create: f.creator(computeGPU)},
		{name: "CPU endpoint", skip: append([]string{"NetworkVolumeIDs"}, endpointGPUFields...),
			edit:   func(in *EndpointUpdateInput) { in.FlashbootMode, in.Flashboot = Ptr(FlashbootOff), nil },
			create: f.creator(computeCPU)},
	}, f.update, f.get)
}

// TestEndpointReleasesFollowTriggersRollingRelease: each field of EndpointUpdateInput changed
// alone, through each backend, rolls out a release (the version increases) exactly when
// TriggersRollingRelease says it does: the mock's release rule and the client's agree, and a
// field added to one and forgotten in the other fails here.
func TestEndpointReleasesFollowTriggersRollingRelease(t *testing.T) {
	f := newEndpointFixture(t)
	c := endpointUpdateRT(f)
	for _, b := range backends {
		full := c.input(otherBackend(b))
		for _, name := range exportedFields(reflect.TypeOf(full)) {
			if slices.Contains(c.refused[b], name) {
				continue
			}
			compute := computeGPU
			if slices.Contains(endpointCPUFields, name) {
				compute = computeCPU
			}
			id, err := f.creator(compute)(b)
			if err != nil {
				t.Fatal(err)
			}
			before, err := f.get(b, id)
			if err != nil {
				t.Fatal(err)
			}
			var in EndpointUpdateInput
			copyField(&in, full, name)
			if err := f.update(b, id, in); err != nil {
				t.Errorf("%s alone through %s: %v", name, b, err)
				continue
			}
			after, err := f.get(b, id)
			if err != nil {
				t.Fatal(err)
			}
			if released, want := after.Version > before.Version, in.TriggersRollingRelease(); released != want {
				t.Errorf("%s changed alone through %s: the mock rolled out a release: %v, TriggersRollingRelease says %v: "+
					"make the mock's releaseDiff and the client's endpointInPlaceFields agree", name, b, released, want)
			}
		}
	}
}
