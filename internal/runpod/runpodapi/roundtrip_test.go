package runpodapi

import (
	"maps"
	"net/http/httptest"
	"reflect"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/api"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/conformance"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodmock"
)

// The round trips: every field of a client input type, filled by reflection with a distinct
// non-zero value, is sent through the REST v2 and the REST v1 backend of the real client to
// the mock over loopback, and the object is read back through both APIs: each field must
// come back (the mock's record is what its reads return). A field added to an input and
// forgotten in the v2 wire (runpodwire and wirev2*.go), the v1 body (the input's json tag),
// or the mock's decoding, store or rendering on either API fails here, naming the field.
// Fields that legitimately cannot come back are listed, with why, in each case's tables;
// every v2 exchange is checked against the pinned spec too.

// rtFixture is one mock and a client of each backend.
type rtFixture struct {
	t       *testing.T
	mock    *runpodmock.Server
	checker *conformance.Checker
	clients map[Backend]API
}

func newRTFixture(t *testing.T) *rtFixture {
	t.Helper()
	checker, err := conformance.New(api.RESTv2)
	if err != nil {
		t.Fatal(err)
	}
	m := runpodmock.New(runpodmock.Options{APIKey: "k"})
	srv := httptest.NewServer(checker.Wrap(m))
	t.Cleanup(srv.Close)
	f := &rtFixture{t: t, mock: m, checker: checker, clients: map[Backend]API{}}
	for _, b := range []Backend{BackendV2, BackendV1} {
		c, err := New(Config{
			APIKey: "k", Backend: b, APIURL: srv.URL, RESTURL: srv.URL + "/v1", GraphQLURL: srv.URL + "/graphql", UserAgent: "test",
			Retry: RetryPolicy{MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond, Budget: time.Second},
		})
		if err != nil {
			t.Fatal(err)
		}
		f.clients[b] = c
	}
	t.Cleanup(func() {
		if err := checker.Err(); err != nil {
			t.Error(err)
		}
	})
	return f
}

var backends = []Backend{BackendV2, BackendV1}

// rtCase describes the round trip of one input type In whose objects are Obj.
type rtCase[In, Obj any] struct {
	// valid are values the API accepts, for fields a made-up value would not do (ids of
	// things that must exist, enums, ranges).
	valid map[string]any
	// only, when set, are the fields this scenario sends (besides valid's); otherwise every
	// field but skip's.
	skip []string
	// refused are the fields a backend has no setting for: it must refuse an input that sets
	// them (never drop them silently), and they are not sent through it.
	refused map[Backend][]string
	// read maps a field to its value in the object where the object does not report it under
	// the same name.
	read map[string]func(Obj) any
	// unreported are fields the object does not report at all (any backend), with why;
	// unreportedBy those a backend's object does not report (keyed "<Field>@<backend>"), and
	// notKeptBy those a backend does not keep when it creates (keyed "<Field>@<backend>").
	unreported   map[string]string
	unreportedBy map[string]string
	notKeptBy    map[string]string
	// tag makes the filled values of one round trip differ from another's (unique names).
	tag string
}

// input returns the input of this case for backend b, filled by reflection.
func (c rtCase[In, Obj]) input(b Backend) In {
	var in In
	skip := append(slices.Clone(c.skip), c.refused[b]...)
	fillDistinct(&in, "rt"+c.tag+string(b), skip...)
	v := reflect.ValueOf(&in).Elem()
	for name, value := range c.valid {
		if slices.Contains(skip, name) {
			continue
		}
		f := v.FieldByName(name)
		if !f.IsValid() {
			panic("no field " + name)
		}
		val := reflect.ValueOf(value)
		if f.Kind() == reflect.Pointer && val.Kind() != reflect.Pointer {
			p := reflect.New(f.Type().Elem())
			p.Elem().Set(val)
			val = p
		}
		f.Set(val)
	}
	return in
}

// check compares what in sent with what obj (created through created, read through read)
// reports, field by field.
func (c rtCase[In, Obj]) check(t *testing.T, what string, in In, obj Obj, created, read Backend) {
	t.Helper()
	iv, ov := reflect.ValueOf(in), reflect.ValueOf(obj)
	for _, name := range exportedFields(iv.Type()) {
		sent := iv.FieldByName(name)
		if sent.Kind() == reflect.Pointer {
			if sent.IsNil() {
				continue
			}
			sent = sent.Elem()
		}
		if sent.IsZero() {
			continue
		}
		if _, ok := c.unreported[name]; ok {
			continue
		}
		if _, ok := c.unreportedBy[name+"@"+string(read)]; ok {
			continue
		}
		if _, ok := c.notKeptBy[name+"@"+string(created)]; ok {
			continue
		}
		var got any
		if reader, ok := c.read[name]; ok {
			got = reader(obj)
		} else if f := ov.FieldByName(name); f.IsValid() {
			got = f.Interface()
		} else {
			t.Errorf("%s: %s has no field %s to read it back from: name the object's field %s, add a reader, or list it as "+
				"unreported with why", what, ov.Type().Name(), name, name)
			continue
		}
		if !sameValue(sent.Interface(), got) {
			t.Errorf("%s (created through %s, read through %s): %s sent %v, read back %v: a mapping of %s is missing "+
				"(the v2 wire, the v1 body, or the mock's decoding, store or rendering)", what, created, read, name, sent.Interface(), got, name)
		}
	}
}

// sameValue compares a sent value with a read one: lists as sets, env without what RunPod
// injects (startSsh, startJupyter), pointers by what they point to.
func sameValue(sent, got any) bool {
	if g := reflect.ValueOf(got); g.Kind() == reflect.Pointer {
		if g.IsNil() {
			return false
		}
		got = g.Elem().Interface()
	}
	switch s := sent.(type) {
	case []string:
		g, _ := got.([]string)
		return slices.Equal(sortedCopy(s), sortedCopy(g))
	case map[string]string:
		g, _ := got.(map[string]string)
		return sameEnv(s, g)
	case float64:
		switch g := got.(type) {
		case FlexFloat:
			return s == float64(g)
		case float64:
			return s == g
		}
	case int:
		if g, ok := got.(float64); ok {
			return float64(s) == g
		}
	}
	return reflect.DeepEqual(sent, got)
}

// covered fails for every field of In no scenario sends and no table lists.
func covered[In any](t *testing.T, sentAny map[string]bool, listed ...map[string]string) {
	t.Helper()
	var zero In
	for _, name := range exportedFields(reflect.TypeOf(zero)) {
		if sentAny[name] {
			continue
		}
		found := false
		for _, l := range listed {
			for k := range l {
				if k == name || len(k) > len(name) && k[:len(name)+1] == name+"@" {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("%T.%s is sent by no round trip: give it a valid value or list it with why", zero, name)
		}
	}
}

// markSent records the fields in sets.
func markSent(sent map[string]bool, in any) {
	v := reflect.ValueOf(in)
	for _, name := range exportedFields(v.Type()) {
		if f := v.FieldByName(name); !f.IsZero() {
			sent[name] = true
		}
	}
}

// refusals checks that backend b refuses an input that sets one of its refused fields.
func refusals[In, Obj any](t *testing.T, c rtCase[In, Obj], base In, create func(Backend, In) error) {
	t.Helper()
	for _, b := range backends {
		for _, name := range c.refused[b] {
			in := base
			f := reflect.ValueOf(&in).Elem().FieldByName(name)
			full := c.input(otherBackend(b))
			f.Set(reflect.ValueOf(full).FieldByName(name))
			if err := create(b, in); err == nil {
				t.Errorf("the %s backend took an input setting %s, which it has no setting for: refuse it (never drop it silently)", b, name)
			}
		}
	}
}

func otherBackend(b Backend) Backend {
	if b == BackendV1 {
		return BackendV2
	}
	return BackendV1
}

func sortedKeys[V any](m map[string]V) []string {
	keys := slices.Collect(maps.Keys(m))
	sort.Strings(keys)
	return keys
}
