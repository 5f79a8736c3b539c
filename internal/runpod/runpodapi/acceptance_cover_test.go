package runpodapi

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/adoption"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/mockkit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodmock"
)

// The acceptance tests of network volumes, registry credentials, GPU types and lost creates
// run through Terraform on REST v2 only, where REST v1 does nothing a user would see
// differently. What the provider relies on from each API's client there is checked here, on
// both APIs, against the mock.

// clientOf is a client of backend b, with api key key, of the mock at url.
func clientOf(t *testing.T, b Backend, url, key string) API {
	t.Helper()
	c, err := New(Config{
		APIKey: key, Backend: b, APIURL: url, RESTURL: url + "/v1", GraphQLURL: url + "/graphql", UserAgent: "test",
		Retry: RetryPolicy{MinBackoff: 5 * time.Millisecond, MaxBackoff: 20 * time.Millisecond, Budget: 2 * time.Second},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// A create whose answer is lost after RunPod acted is settled by adopting what it made, and
// the client says so (adoption.Notify), which the resources turn into a warning: for every
// kind of object, on both APIs.
func TestLostCreatesAreAdoptedWithANotice(t *testing.T) {
	for _, b := range backends {
		for _, op := range matrixOps {
			kind, isCreate := strings.CutPrefix(op.name, "create ")
			if !isCreate {
				continue
			}
			t.Run(string(b)+"/"+kind, func(t *testing.T) {
				f := newMatrixFixture(t, b)
				var id string
				if op.setup != nil {
					id = op.setup(context.Background(), t, f)
				}
				routes := op.routes(f)
				for _, route := range routes {
					if err := f.mock.AddFault(mockkit.Fault{Route: route, Kind: mockkit.FaultDropAfter, Times: 1}); err != nil {
						t.Fatal(err)
					}
				}
				var notices []adoption.Notice
				ctx := adoption.WithNotice(context.Background(), func(n adoption.Notice) { notices = append(notices, n) })
				out, err := op.run(ctx, f, id)
				if err != nil || out != (outcome{}) {
					t.Fatalf("%+v, %v: want the object adopted", out, err)
				}
				if len(notices) != 1 || notices[0].Kind != kind || notices[0].ID == "" || notices[0].Cause == nil {
					t.Errorf("notices %+v, want one for the adopted %s, with its id and what became of the answer", notices, kind)
				}
				for _, route := range routes {
					if n := f.mock.CallCount(route); n != 1 {
						t.Errorf("%s sent %d times; a create whose answer was lost must not be resent", route, n)
					}
				}
			})
		}
	}
}

// The resources explain two refusals of RunPod by their 400 status (a network volume in use, a
// registry credential's name taken): both APIs answer them with 400 and RunPod's own words.
func TestRefusalsTheResourcesExplainAre400OnBothAPIs(t *testing.T) {
	for _, b := range backends {
		t.Run(string(b), func(t *testing.T) {
			f := newMatrixFixture(t, b)
			ctx := context.Background()
			nv := must(f.api.CreateNetworkVolume(ctx, NetworkVolumeCreateInput{Name: "models", Size: 50, DataCenterID: "EU-RO-1"}))
			pod := must(f.api.CreatePod(ctx, PodCreateInput{Name: Ptr("p"), ImageName: Ptr("busybox:1"), GPUTypeIDs: &[]string{matrixGPU},
				DataCenterIDs: &[]string{"EU-RO-1"}, NetworkVolumeID: Ptr(nv.ID)}))
			err := f.api.DeleteNetworkVolume(ctx, nv.ID)
			if StatusCode(err) != http.StatusBadRequest || !strings.Contains(err.Error(), "is attached to pod "+pod.ID) {
				t.Errorf("deleting a volume a pod uses: %v (status %d), want a 400 naming the pod", err, StatusCode(err))
			}

			auth := must(f.api.CreateContainerRegistryAuth(ctx, ContainerRegistryAuthCreateInput{Name: "ghcr", Username: "u", Password: "p"}))
			_, err = f.api.CreateContainerRegistryAuth(ctx, ContainerRegistryAuthCreateInput{Name: "ghcr", Username: "u", Password: "q"})
			if StatusCode(err) != http.StatusBadRequest ||
				!strings.Contains(err.Error(), `RunPod API returned 400 Bad Request: a container registry auth named "ghcr" already exists`) {
				t.Errorf("a taken name: %v (status %d), want RunPod's 400", err, StatusCode(err))
			}
			all, err := f.api.ListContainerRegistryAuths(ctx)
			if err != nil || len(all) != 1 || all[0].ID != auth.ID {
				t.Errorf("the credentials after the refused create: %+v, %v; want only %s, which holds the name", all, err, auth.ID)
			}
		})
	}
}

// A network volume's DELETE whose answer is lost is sent again and finds the volume gone:
// REST v2 answers 404, REST v1 500 (the client reads the volume to tell). Either way the delete
// succeeds.
func TestNetworkVolumeDeleteWhoseAnswerIsLostSucceeds(t *testing.T) {
	for _, b := range backends {
		t.Run(string(b), func(t *testing.T) {
			f := newMatrixFixture(t, b)
			ctx := context.Background()
			nv := must(f.api.CreateNetworkVolume(ctx, NetworkVolumeCreateInput{Name: "models", Size: 50, DataCenterID: "EU-RO-1"}))
			route, missing := "DELETE /v2/network-volumes/{id}", http.StatusNotFound
			if b == BackendV1 {
				route, missing = "DELETE /networkvolumes/{networkVolumeId}", http.StatusInternalServerError
			}
			if err := f.mock.AddFault(mockkit.Fault{Route: route, Kind: mockkit.FaultDropAfter, Times: 1}); err != nil {
				t.Fatal(err)
			}
			if err := f.api.DeleteNetworkVolume(ctx, nv.ID); err != nil {
				t.Fatalf("delete: %v", err)
			}
			var statuses []int
			for _, c := range f.mock.Calls() {
				if c.Route == route {
					statuses = append(statuses, c.Status)
				}
			}
			if want := []int{0, missing}; !slices.Equal(statuses, want) {
				t.Errorf("DELETE answers %v, want %v (dropped, then RunPod's answer for a missing volume)", statuses, want)
			}
			if vols, err := f.api.ListNetworkVolumes(ctx); err != nil || len(vols) != 0 {
				t.Errorf("volumes left: %+v, %v", vols, err)
			}
		})
	}
}

// REST v1 reads GPU types through GraphQL: prices are quoted for the GPU count asked, with
// spot prices and the cloud's stock; a cloud without that many free GPUs quotes none; an id
// RunPod lacks lists nothing; 429s are retried; a wrong key is a 401 that says so.
func TestV1GPUTypesThroughGraphQL(t *testing.T) {
	m := runpodmock.New(runpodmock.Options{APIKey: "k"})
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	c := clientOf(t, BackendV1, srv.URL, "k")
	ctx := context.Background()
	one := func(id string, count int) GPUType {
		t.Helper()
		types, err := c.ListGPUTypes(ctx, GPUTypeQuery{ID: id, GPUCount: count})
		if err != nil || len(types) != 1 {
			t.Fatalf("%s for %d GPUs: %+v, %v", id, count, types, err)
		}
		return types[0]
	}
	price := func(p *float64) string {
		if p == nil {
			return "none"
		}
		return fmt.Sprint(*p)
	}

	// Two RTX 4090s: GraphQL's lowestPrice for gpuCount 2, spot prices, the cloud's stock.
	g := one("NVIDIA GeForce RTX 4090", 2)
	if got := fmt.Sprintf("%s %s %s %s %s", price(g.Secure.OnDemandPrice), price(g.Community.OnDemandPrice),
		price(g.Secure.SpotPrice), g.Secure.StockStatus, g.DisplayName); got != "1.38 0.68 0.7 High RTX 4090" {
		t.Errorf("RTX 4090 for two GPUs: %s, want secure 1.38, community 0.68, secure spot 0.7, stock High", got)
	}
	// What only REST v2 reports is empty.
	if g.Pool != "" || g.ServerlessPrice != nil || len(g.CudaVersions) != 0 || g.Secure.DataCenters != nil {
		t.Errorf("REST v2's details from GraphQL: %+v", g)
	}

	// Two L4s free in Secure Cloud are enough for two GPUs, one is not.
	m.SetGPUStock("NVIDIA L4", "SECURE", 2)
	if g := one("NVIDIA L4", 2); price(g.Secure.OnDemandPrice) != "0.86" || g.Secure.StockStatus != "Low" {
		t.Errorf("L4 with two free, for two GPUs: %s %q, want 0.86 Low", price(g.Secure.OnDemandPrice), g.Secure.StockStatus)
	}
	m.SetGPUStock("NVIDIA L4", "SECURE", 1)
	if g := one("NVIDIA L4", 2); !g.Secure.Available || g.Secure.OnDemandPrice != nil || g.Secure.StockStatus != "" {
		t.Errorf("L4 with one free, for two GPUs: available %v, price %s, stock %q; want offered, no price, no stock",
			g.Secure.Available, price(g.Secure.OnDemandPrice), g.Secure.StockStatus)
	}

	// An id RunPod lacks lists nothing (the data source says it is not found); the L4 is not
	// offered in Community Cloud (the data source refuses cloud_type = "COMMUNITY").
	if types, err := c.ListGPUTypes(ctx, GPUTypeQuery{ID: "RTX 4090", GPUCount: 1}); err != nil || len(types) != 0 {
		t.Errorf("an id RunPod lacks: %+v, %v; want no types", types, err)
	}
	if g := one("NVIDIA L4", 1); g.Community.Available || !g.Secure.Available {
		t.Errorf("L4: community offered %v, secure %v; want Secure Cloud only", g.Community.Available, g.Secure.Available)
	}

	// Throttled twice, then answered.
	m.ResetCalls()
	if err := m.AddFault(mockkit.Fault{Route: "graphql gpuTypes", Kind: mockkit.FaultStatus, Status: http.StatusTooManyRequests, Times: 2}); err != nil {
		t.Fatal(err)
	}
	if g := one("NVIDIA L4", 1); price(g.Secure.OnDemandPrice) != "0.43" {
		t.Errorf("L4 after two 429s: secure %s, want 0.43", price(g.Secure.OnDemandPrice))
	}
	var statuses []int
	for _, call := range m.Calls() {
		statuses = append(statuses, call.Status)
	}
	if want := []int{429, 429, 200}; !slices.Equal(statuses, want) {
		t.Errorf("GraphQL answers %v, want %v", statuses, want)
	}

	// A wrong key.
	_, err := clientOf(t, BackendV1, srv.URL, "wrong").ListGPUTypes(ctx, GPUTypeQuery{})
	if StatusCode(err) != http.StatusUnauthorized || !strings.Contains(err.Error(), "list GPU types: RunPod API returned 401 Unauthorized") {
		t.Errorf("a wrong key: %v (status %d), want a 401 of list GPU types", err, StatusCode(err))
	}
}
