package runpodapi

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// countingAPI serves pods from a map and counts list and get calls; other methods are unused.
type countingAPI struct {
	API
	mu         sync.Mutex
	pods       map[string]Pod
	lists      atomic.Int32
	gets       atomic.Int32
	listErr    error
	listDelay  time.Duration
	deleteCall atomic.Int32
}

func (f *countingAPI) ListPods(context.Context, PodListFilter) ([]Pod, error) {
	f.lists.Add(1)
	time.Sleep(f.listDelay)
	if f.listErr != nil {
		return nil, f.listErr
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []Pod
	for _, p := range f.pods {
		out = append(out, p)
	}
	return out, nil
}

func (f *countingAPI) GetPod(_ context.Context, id string) (*Pod, error) {
	f.gets.Add(1)
	f.mu.Lock()
	defer f.mu.Unlock()
	p, ok := f.pods[id]
	if !ok {
		return nil, &APIError{StatusCode: http.StatusNotFound}
	}
	return &p, nil
}

func (f *countingAPI) DeletePod(context.Context, string) error { f.deleteCall.Add(1); return nil }

func newCounting(ids ...string) *countingAPI {
	f := &countingAPI{pods: map[string]Pod{}}
	for _, id := range ids {
		f.pods[id] = Pod{ID: id, DesiredStatus: "RUNNING"}
	}
	return f
}

func TestReadPodSnapshot(t *testing.T) {
	ids := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	t.Run("one list serves concurrent reads", func(t *testing.T) {
		f := newCounting(ids...)
		f.listDelay = 20 * time.Millisecond
		s := NewShared(f)
		var wg sync.WaitGroup
		for _, id := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				p, err := ReadPod(context.Background(), s, id)
				if err != nil || p.ID != id {
					t.Errorf("ReadPod(%s) = %v, %v", id, p, err)
				}
			}()
		}
		wg.Wait()
		if f.lists.Load() != 1 || f.gets.Load() != 0 {
			t.Errorf("%d lists, %d gets; want 1 list, 0 gets", f.lists.Load(), f.gets.Load())
		}
	})
	t.Run("a pod the list misses is read with GET", func(t *testing.T) {
		f := newCounting("a")
		s := NewShared(f)
		if _, err := ReadPod(context.Background(), s, "a"); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadPod(context.Background(), s, "zz"); !IsNotFound(err) {
			t.Errorf("missing pod: %v, want a 404", err)
		}
		if f.lists.Load() != 1 || f.gets.Load() != 1 {
			t.Errorf("%d lists, %d gets; want 1, 1", f.lists.Load(), f.gets.Load())
		}
	})
	t.Run("never served after a write", func(t *testing.T) {
		f := newCounting("a", "b")
		s := NewShared(f)
		if _, err := ReadPod(context.Background(), s, "a"); err != nil {
			t.Fatal(err)
		}
		if err := s.DeletePod(context.Background(), "b"); err != nil {
			t.Fatal(err)
		}
		f.mu.Lock()
		delete(f.pods, "b")
		f.mu.Unlock()
		if _, err := ReadPod(context.Background(), s, "b"); !IsNotFound(err) {
			t.Errorf("deleted pod read from the snapshot: %v", err)
		}
		if f.lists.Load() != 1 || f.gets.Load() != 1 {
			t.Errorf("%d lists, %d gets; want 1, 1", f.lists.Load(), f.gets.Load())
		}
	})
	t.Run("expires", func(t *testing.T) {
		f := newCounting("a")
		s := NewShared(f)
		now := time.Now()
		s.now = func() time.Time { return now }
		_, _ = ReadPod(context.Background(), s, "a")
		now = now.Add(SnapshotTTL)
		_, _ = ReadPod(context.Background(), s, "a")
		if f.lists.Load() != 2 {
			t.Errorf("%d lists, want 2", f.lists.Load())
		}
	})
	t.Run("a failed list falls back to GET", func(t *testing.T) {
		f := newCounting("a")
		f.listErr = errors.New("boom")
		s := NewShared(f)
		if p, err := ReadPod(context.Background(), s, "a"); err != nil || p.ID != "a" {
			t.Errorf("got %v, %v", p, err)
		}
		if f.gets.Load() != 1 {
			t.Errorf("%d gets, want 1", f.gets.Load())
		}
	})
}

func TestWatchPodSharesRounds(t *testing.T) {
	ids := []string{"a", "b", "c", "d", "e"}
	f := newCounting(ids...)
	s := NewShared(f)
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Waits due between 60 and 100 ms from now: the first plans a round at 100 ms, the
			// others (due within their window) join it.
			time.Sleep(time.Duration(i) * 2 * time.Millisecond)
			p, err := WatchPod(context.Background(), s, id, 100*time.Millisecond)
			if err != nil || p.ID != id {
				t.Errorf("WatchPod(%s) = %v, %v", id, p, err)
			}
		}()
	}
	wg.Wait()
	if f.lists.Load() != 1 || f.gets.Load() != 0 {
		t.Errorf("%d lists, %d gets; want 1 list for 5 waits", f.lists.Load(), f.gets.Load())
	}
	// A pod the round's list misses is read with GET.
	if _, err := WatchPod(context.Background(), s, "gone", time.Millisecond); !IsNotFound(err) {
		t.Errorf("missing pod: %v", err)
	}
}

func TestIsTransient(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{&APIError{StatusCode: 429}, true},
		{&APIError{StatusCode: 503}, true},
		{&TransportError{Err: errors.New("reset")}, true},
		{&APIError{StatusCode: 404}, false},
		{&APIError{StatusCode: 401}, false},
		{errors.New("other"), false},
		{nil, false},
	} {
		if got := IsTransient(tc.err); got != tc.want {
			t.Errorf("IsTransient(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

// templateAPI serves templates from a map and counts list and get calls.
type templateAPI struct {
	API
	templates    map[string]Template
	lists, gets  int
	endpointGone bool
}

func (f *templateAPI) ListTemplates(context.Context, TemplateListOptions) ([]Template, error) {
	f.lists++
	var out []Template
	for _, t := range f.templates {
		out = append(out, t)
	}
	return out, nil
}

func (f *templateAPI) GetTemplate(_ context.Context, id string) (*Template, error) {
	f.gets++
	t, ok := f.templates[id]
	if !ok {
		return nil, &APIError{StatusCode: http.StatusNotFound}
	}
	return &t, nil
}

func (f *templateAPI) DeleteEndpoint(context.Context, string) error {
	f.endpointGone = true
	return nil
}

func TestReadTemplateSnapshot(t *testing.T) {
	f := &templateAPI{templates: map[string]Template{"t1": {ID: "t1"}, "t2": {ID: "t2"}}}
	s := NewShared(f)
	ctx := context.Background()
	for _, id := range []string{"t1", "t2", "t1"} {
		if tpl, err := ReadTemplate(ctx, s, id); err != nil || tpl.ID != id {
			t.Fatalf("ReadTemplate(%s) = %v, %v", id, tpl, err)
		}
	}
	if f.lists != 1 || f.gets != 0 {
		t.Errorf("%d lists, %d gets; want 1, 0", f.lists, f.gets)
	}
	// REST v2 deletes an endpoint's bound template with it: the snapshot is dropped.
	if err := s.DeleteEndpoint(ctx, "e"); err != nil {
		t.Fatal(err)
	}
	delete(f.templates, "t2")
	if _, err := ReadTemplate(ctx, s, "t2"); !IsNotFound(err) {
		t.Errorf("a template deleted with an endpoint was served from the snapshot: %v", err)
	}
	if f.lists != 2 {
		t.Errorf("%d lists, want 2 (a new snapshot after the endpoint's deletion)", f.lists)
	}
	// A template this instance changed is read with GET, never from the snapshot.
	if _, err := s.UpdateTemplate(ctx, "t1", TemplateUpdateInput{}); err != nil {
		t.Fatal(err)
	}
	if tpl, err := ReadTemplate(ctx, s, "t1"); err != nil || tpl.Name != "new" || f.gets != 2 {
		t.Errorf("after an update: %v, %v after %d gets; want the new template from a GET", tpl, err, f.gets)
	}
}

func (f *templateAPI) UpdateTemplate(_ context.Context, id string, _ TemplateUpdateInput) (*Template, error) {
	f.templates[id] = Template{ID: id, Name: "new"}
	return &Template{ID: id, Name: "new"}, nil
}

// objects serves the objects of one kind from a map and counts list and get calls.
type objects[T any] struct {
	items       map[string]T
	lists, gets int
}

func (o *objects[T]) list() ([]T, error) {
	o.lists++
	var out []T
	for _, v := range o.items {
		out = append(out, v)
	}
	return out, nil
}

func (o *objects[T]) get(id string) (*T, error) {
	o.gets++
	v, ok := o.items[id]
	if !ok {
		return nil, &APIError{StatusCode: http.StatusNotFound}
	}
	return &v, nil
}

// catalogAPI serves endpoints, network volumes and registry auths from maps, and takes their
// writes.
type catalogAPI struct {
	API
	endpoints objects[Endpoint]
	volumes   objects[NetworkVolume]
	auths     objects[ContainerRegistryAuth]
}

func (f *catalogAPI) ListEndpoints(context.Context) ([]Endpoint, error) { return f.endpoints.list() }
func (f *catalogAPI) GetEndpoint(_ context.Context, id string) (*Endpoint, error) {
	return f.endpoints.get(id)
}

func (f *catalogAPI) CreateEndpoint(_ context.Context, in EndpointCreateInput) (*Endpoint, error) {
	e := Endpoint{ID: "new", TemplateID: in.TemplateID}
	f.endpoints.items[e.ID] = e
	return &e, nil
}

func (f *catalogAPI) UpdateEndpoint(_ context.Context, id string, in EndpointUpdateInput) (*Endpoint, error) {
	e := f.endpoints.items[id]
	e.WorkersMax, e.Version = *in.WorkersMax, e.Version+1
	f.endpoints.items[id] = e
	return &e, nil
}

func (f *catalogAPI) DeleteEndpoint(_ context.Context, id string) error {
	delete(f.endpoints.items, id)
	return nil
}

func (f *catalogAPI) UpdateTemplate(_ context.Context, id string, _ TemplateUpdateInput) (*Template, error) {
	return &Template{ID: id}, nil
}

func (f *catalogAPI) ListNetworkVolumes(context.Context) ([]NetworkVolume, error) {
	return f.volumes.list()
}
func (f *catalogAPI) GetNetworkVolume(_ context.Context, id string) (*NetworkVolume, error) {
	return f.volumes.get(id)
}

func (f *catalogAPI) UpdateNetworkVolume(_ context.Context, id string, in NetworkVolumeUpdateInput) (*NetworkVolume, error) {
	v := f.volumes.items[id]
	v.Size = *in.Size
	f.volumes.items[id] = v
	return &v, nil
}

func (f *catalogAPI) ListContainerRegistryAuths(context.Context) ([]ContainerRegistryAuth, error) {
	return f.auths.list()
}

func (f *catalogAPI) GetContainerRegistryAuth(_ context.Context, id string) (*ContainerRegistryAuth, error) {
	return f.auths.get(id)
}

func (f *catalogAPI) DeleteContainerRegistryAuth(_ context.Context, id string) error {
	delete(f.auths.items, id)
	return nil
}

func newCatalog() *catalogAPI {
	return &catalogAPI{
		endpoints: objects[Endpoint]{items: map[string]Endpoint{"e1": {ID: "e1", WorkersMax: 1}, "e2": {ID: "e2", WorkersMax: 1}}},
		volumes:   objects[NetworkVolume]{items: map[string]NetworkVolume{"v1": {ID: "v1", Size: 10}, "v2": {ID: "v2", Size: 10}}},
		auths:     objects[ContainerRegistryAuth]{items: map[string]ContainerRegistryAuth{"a1": {ID: "a1"}, "a2": {ID: "a2"}}},
	}
}

func TestReadEndpointSnapshot(t *testing.T) {
	ctx := context.Background()
	expect := func(t *testing.T, f *catalogAPI, lists, gets int) {
		t.Helper()
		if f.endpoints.lists != lists || f.endpoints.gets != gets {
			t.Errorf("%d lists, %d gets; want %d, %d", f.endpoints.lists, f.endpoints.gets, lists, gets)
		}
	}
	t.Run("one list serves every endpoint", func(t *testing.T) {
		f := newCatalog()
		s := NewShared(f)
		for _, id := range []string{"e1", "e2", "e1"} {
			if e, err := ReadEndpoint(ctx, s, id); err != nil || e.ID != id {
				t.Fatalf("ReadEndpoint(%s) = %v, %v", id, e, err)
			}
		}
		expect(t, f, 1, 0)
	})
	// listed returns a catalog and a Shared that took its endpoint snapshot (one list).
	listed := func(t *testing.T) (*catalogAPI, *Shared) {
		t.Helper()
		f := newCatalog()
		s := NewShared(f)
		if _, err := ReadEndpoint(ctx, s, "e1"); err != nil {
			t.Fatal(err)
		}
		return f, s
	}
	t.Run("an endpoint the list misses is read with GET", func(t *testing.T) {
		f, s := listed(t)
		if _, err := ReadEndpoint(ctx, s, "gone"); !IsNotFound(err) {
			t.Errorf("missing endpoint: %v, want a 404", err)
		}
		expect(t, f, 1, 1)
	})
	t.Run("never served after a write", func(t *testing.T) {
		f, s := listed(t)
		// Changed, created and deleted by this instance after the list: each read with GET.
		if _, err := s.UpdateEndpoint(ctx, "e1", EndpointUpdateInput{WorkersMax: Ptr(3)}); err != nil {
			t.Fatal(err)
		}
		if e, err := ReadEndpoint(ctx, s, "e1"); err != nil || e.WorkersMax != 3 || e.Version != 1 {
			t.Errorf("after an update: %+v, %v; want the new endpoint from a GET", e, err)
		}
		created, err := s.CreateEndpoint(ctx, EndpointCreateInput{TemplateID: "t"})
		if err != nil {
			t.Fatal(err)
		}
		if e, err := ReadEndpoint(ctx, s, created.ID); err != nil || e.ID != created.ID {
			t.Errorf("after a create: %v, %v", e, err)
		}
		if err := s.DeleteEndpoint(ctx, "e2"); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadEndpoint(ctx, s, "e2"); !IsNotFound(err) {
			t.Errorf("a deleted endpoint was served from the snapshot: %v", err)
		}
		expect(t, f, 1, 3)
	})
	t.Run("a template edit drops the snapshot", func(t *testing.T) {
		// REST v1 rolls a template edit out to its endpoints: a new release each.
		f, s := listed(t)
		if _, err := s.UpdateTemplate(ctx, "t", TemplateUpdateInput{}); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadEndpoint(ctx, s, "e1"); err != nil {
			t.Fatal(err)
		}
		expect(t, f, 2, 0)
	})
	t.Run("expires", func(t *testing.T) {
		f := newCatalog()
		s := NewShared(f)
		now := time.Now()
		s.now = func() time.Time { return now }
		_, _ = ReadEndpoint(ctx, s, "e1")
		now = now.Add(SnapshotTTL - time.Second)
		_, _ = ReadEndpoint(ctx, s, "e2")
		now = now.Add(time.Second)
		_, _ = ReadEndpoint(ctx, s, "e1")
		expect(t, f, 2, 0)
	})
	t.Run("without a Shared it is GetEndpoint", func(t *testing.T) {
		f := newCatalog()
		if _, err := ReadEndpoint(ctx, f, "e1"); err != nil {
			t.Fatal(err)
		}
		expect(t, f, 0, 1)
	})
}

// Network volumes and registry auths refresh from one list too, and a write sends the next
// read of that object to GET.
func TestReadVolumeAndRegistryAuthSnapshots(t *testing.T) {
	ctx := context.Background()
	f := newCatalog()
	s := NewShared(f)
	for _, id := range []string{"v1", "v2"} {
		if v, err := ReadNetworkVolume(ctx, s, id); err != nil || v.ID != id {
			t.Fatalf("ReadNetworkVolume(%s) = %v, %v", id, v, err)
		}
	}
	for _, id := range []string{"a1", "a2"} {
		if a, err := ReadContainerRegistryAuth(ctx, s, id); err != nil || a.ID != id {
			t.Fatalf("ReadContainerRegistryAuth(%s) = %v, %v", id, a, err)
		}
	}
	if f.volumes.lists != 1 || f.volumes.gets != 0 || f.auths.lists != 1 || f.auths.gets != 0 {
		t.Fatalf("volumes %d lists, %d gets; auths %d lists, %d gets; want 1 list and no get each",
			f.volumes.lists, f.volumes.gets, f.auths.lists, f.auths.gets)
	}
	if _, err := s.UpdateNetworkVolume(ctx, "v1", NetworkVolumeUpdateInput{Size: Ptr(20)}); err != nil {
		t.Fatal(err)
	}
	if v, err := ReadNetworkVolume(ctx, s, "v1"); err != nil || v.Size != 20 || f.volumes.gets != 1 {
		t.Errorf("after an update: %+v, %v after %d gets; want the grown volume from a GET", v, err, f.volumes.gets)
	}
	if err := s.DeleteContainerRegistryAuth(ctx, "a2"); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadContainerRegistryAuth(ctx, s, "a2"); !IsNotFound(err) || f.auths.gets != 1 {
		t.Errorf("a deleted registry auth: %v after %d gets; want a 404 from a GET", err, f.auths.gets)
	}
}

func TestListOwnTemplatesSharesTheSnapshot(t *testing.T) {
	f := &templateAPI{templates: map[string]Template{"t2": {ID: "t2"}, "t1": {ID: "t1"}, "t3": {ID: "t3"}}}
	s := NewShared(f)
	ctx := context.Background()
	ids := func(all []Template) (out []string) {
		for _, tpl := range all {
			out = append(out, tpl.ID)
		}
		return out
	}
	for range 2 { // two imports, then a template's refresh: one list call
		all, err := ListOwnTemplates(ctx, s)
		if err != nil || !slices.Equal(ids(all), []string{"t1", "t2", "t3"}) {
			t.Fatalf("ListOwnTemplates = %v, %v; want t1, t2, t3 in id order", ids(all), err)
		}
	}
	if tpl, err := ReadTemplate(ctx, s, "t2"); err != nil || tpl.ID != "t2" {
		t.Fatalf("ReadTemplate(t2) = %v, %v", tpl, err)
	}
	if f.lists != 1 || f.gets != 0 {
		t.Errorf("%d lists, %d gets; want 1, 0", f.lists, f.gets)
	}
	// Once this instance wrote a template, the snapshot may miss it or hold it stale: a list of its own.
	if _, err := s.UpdateTemplate(ctx, "t1", TemplateUpdateInput{}); err != nil {
		t.Fatal(err)
	}
	all, err := ListOwnTemplates(ctx, s)
	if err != nil || f.lists != 2 || all[0].Name != "new" {
		t.Errorf("after an update: %v, %v after %d lists; want the updated template from a new list", all, err, f.lists)
	}
	// Without a *Shared, it is the API's list.
	if _, err := ListOwnTemplates(ctx, f); err != nil || f.lists != 3 {
		t.Errorf("unshared: %v after %d lists", err, f.lists)
	}
}
