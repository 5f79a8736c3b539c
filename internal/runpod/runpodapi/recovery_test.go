package runpodapi

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

// A create is sent once unless RunPod provably did not act on it (429, or no connection);
// when RunPod does not report its outcome, the pod it may have made is looked up: adopted when
// exactly one matches, reported when several do, and sent again when none does (the lookup
// showed it did not happen).
func TestCreateWithAnUnknownOutcomeIsLookedUp(t *testing.T) {
	now := time.Now().UTC()
	listed := func(pods ...string) answer { return ok(`{"pods":[` + strings.Join(pods, ",") + `]}`) }
	pod := func(id, name, gpu string, created time.Time) string {
		return `{"id":"` + id + `","name":"` + name + `","status":"RUNNING","image":"img","gpu":{"id":"` + gpu +
			`","count":1},"cloud":"SECURE","createdAt":"` + created.Format(time.RFC3339) + `"}`
	}
	for _, tc := range []struct {
		name    string
		create  answer
		list    answer
		creates int
		adopted string
		want    string // error text
		errType any
	}{
		{name: "429 is not processed: resent", create: answer{status: 429, headers: []string{"Retry-After", "1"}}, creates: 2, adopted: "p1"},
		{name: "503 and nothing made: sent again", create: problem(503, "unavailable"), list: listed(), creates: 2, adopted: "p1"},
		{name: "500 and the pod made", create: problem(500, "boom"), list: listed(pod("x1", "web", "G", now)), creates: 1, adopted: "x1"},
		{name: "502, an older pod of the same name is not taken: sent again", create: problem(502, "bad gateway"),
			list: listed(pod("old", "web", "G", now.Add(-time.Hour))), creates: 2, adopted: "p1"},
		{name: "504, another GPU type is not taken: sent again", create: problem(504, "timeout"),
			list: listed(pod("other", "web", "H", now)), creates: 2, adopted: "p1"},
		{name: "lost answer and two candidates", create: answer{status: -1}, list: listed(pod("x1", "web", "G", now), pod("x2", "web", "G", now)),
			creates: 1, want: "RunPod now lists 2 pods that match the request", errType: &AmbiguousCreateError{}},
		{name: "lookup fails too", create: problem(500, "boom"), list: problem(404, "gone?"), creates: 1,
			want: "Listing the account's pods to find out failed as well", errType: &CreateUnknownError{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, c, _ := newFakeV2(t)
			if tc.create.status == -1 {
				tc.create = answer{hangUp: true}
			}
			f.on("POST /v2/pods", tc.create, answer{status: 201, body: pod("p1", "web", "G", now)})
			if tc.list.status != 0 {
				f.on("GET /v2/pods", tc.list)
			}
			got, err := c.CreatePod(ctx, PodCreateInput{Name: Ptr("web"), ImageName: Ptr("img"), GPUTypeIDs: &[]string{"G"}})
			if n := f.hits["POST /v2/pods"]; n != tc.creates {
				t.Errorf("%d creates sent, want %d", n, tc.creates)
			}
			if tc.adopted != "" {
				if err != nil || got.ID != tc.adopted {
					t.Fatalf("got %+v, %v; want pod %s", got, err, tc.adopted)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
			switch tc.errType.(type) {
			case *CreateNotAppliedError:
				var e *CreateNotAppliedError
				if !errors.As(err, &e) {
					t.Errorf("%T, want a CreateNotAppliedError", err)
				}
			case *AmbiguousCreateError:
				var e *AmbiguousCreateError
				if !errors.As(err, &e) || strings.Join(e.IDs(), ",") != "x1,x2" {
					t.Errorf("%T %v, want an AmbiguousCreateError naming x1 and x2", err, err)
				}
			case *CreateUnknownError:
				var e *CreateUnknownError
				if !errors.As(err, &e) {
					t.Errorf("%T, want a CreateUnknownError", err)
				}
			}
		})
	}
}

// Objects the client made itself are never taken for the one a lost create made.
func TestLookupSkipsWhatTheClientMade(t *testing.T) {
	f, c, _ := newFakeV2(t)
	now := time.Now().UTC().Format(time.RFC3339)
	mine := `{"id":"mine","name":"web","status":"RUNNING","image":"img","gpu":{"id":"G","count":1},"createdAt":"` + now + `"}`
	f.on("POST /v2/pods", answer{status: 201, body: mine}, problem(502, "bad gateway"))
	f.on("GET /v2/pods", ok(`{"pods":[`+mine+`]}`))
	in := PodCreateInput{Name: Ptr("web"), ImageName: Ptr("img"), GPUTypeIDs: &[]string{"G"}}
	if _, err := c.CreatePod(ctx, in); err != nil {
		t.Fatal(err)
	}
	_, err := c.CreatePod(ctx, in)
	var e *CreateNotAppliedError
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want CreateNotAppliedError (the listed pod is the first create's)", err)
	}
}

// REST v1 reports no creation time: the pods listed before the create are not candidates.
func TestV1LookupComparesWithTheListBeforeTheCreate(t *testing.T) {
	rs, srv := newRecordingServer(t,
		status(200, `[{"id":"old","name":"web","imageName":"img"}]`), // list before
		status(502, `bad gateway`),                                   // the create
		status(200, `[{"id":"old","name":"web","imageName":"img"},{"id":"new","name":"web","imageName":"img"}]`), // lookup
	)
	c, _ := testClient(t, srv.URL)
	pod, err := c.CreatePod(ctx, PodCreateInput{Name: Ptr("web"), ImageName: Ptr("img")})
	if err != nil || pod.ID != "new" {
		t.Fatalf("pod %+v, err %v; want the new pod adopted", pod, err)
	}
	if rs.count() != 3 {
		t.Errorf("%d requests, want 3", rs.count())
	}
}

// A PATCH is never resent blindly: after an unknown outcome the object is read back; an
// in-place change that did not show is sent once more, a reset is not.
func TestUpdateWithAnUnknownOutcomeIsReadBack(t *testing.T) {
	renamed := `{"id":"p1","name":"new","status":"RUNNING","image":"img","gpu":{"id":"G","count":1}}`
	unchanged := `{"id":"p1","name":"old","status":"RUNNING","image":"img","gpu":{"id":"G","count":1}}`
	for _, tc := range []struct {
		name    string
		in      PodUpdateInput
		patch   []answer
		get     answer
		patches int
		want    string
	}{
		{"applied despite a 502", PodUpdateInput{Name: Ptr("new")}, []answer{problem(502, "x")}, ok(renamed), 1, ""},
		{"rename not applied: sent again", PodUpdateInput{Name: Ptr("new")}, []answer{problem(500, "x"), ok(renamed)}, ok(unchanged), 2, ""},
		{"reset not applied: not sent again", PodUpdateInput{ImageName: Ptr("img2")}, []answer{problem(504, "x")}, ok(unchanged), 1,
			"was not sent again, since applying it twice would restart the containers twice"},
		{"reset applied despite a 504", PodUpdateInput{ImageName: Ptr("img")}, []answer{problem(504, "x")}, ok(unchanged), 1, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, c, _ := newFakeV2(t)
			f.on("PATCH /v2/pods/p1", tc.patch...)
			f.on("GET /v2/pods/p1", tc.get)
			_, err := c.UpdatePod(ctx, "p1", tc.in)
			if n := f.hits["PATCH /v2/pods/p1"]; n != tc.patches {
				t.Errorf("%d PATCHes, want %d", n, tc.patches)
			}
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

// 500 is retried on reads and deletes, like 502, 503 and 504 (RunPod's SDK does).
func TestServerErrorsAreRetriedOnReadsAndDeletes(t *testing.T) {
	for _, code := range []int{500, 502, 503, 504} {
		f, c, _ := newFakeV2(t)
		f.on("GET /v2/pods/p1", problem(code, "x"), ok(podJSON("p1", "RUNNING")))
		f.on("DELETE /v2/pods/p1", problem(code, "x"), answer{status: http.StatusNoContent})
		if _, err := c.GetPod(ctx, "p1"); err != nil {
			t.Errorf("%d on GET: %v", code, err)
		}
		if err := c.DeletePod(ctx, "p1"); err != nil {
			t.Errorf("%d on DELETE: %v", code, err)
		}
	}
}

// A create that keeps failing with a 5xx, each time shown by the lookup not to have happened,
// is sent maxCreateSends times, then reported as not made.
func TestCreateNotMadeIsSentAgainAtMostMaxTimes(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("POST /v2/pods", problem(503, "unavailable"))
	f.on("GET /v2/pods", ok(`{"pods":[]}`))
	_, err := c.CreatePod(ctx, PodCreateInput{Name: Ptr("web"), ImageName: Ptr("img"), GPUTypeIDs: &[]string{"G"}})
	var notApplied *CreateNotAppliedError
	if !errors.As(err, &notApplied) || !strings.Contains(err.Error(), "the pod was not created (nothing to clean up; applying again creates it)") {
		t.Fatalf("err = %v, want a CreateNotAppliedError", err)
	}
	if n := f.hits["POST /v2/pods"]; n != maxCreateSends {
		t.Errorf("%d creates sent, want %d", n, maxCreateSends)
	}
	if n := f.hits["GET /v2/pods"]; n != maxCreateSends {
		t.Errorf("%d lookups, want one per send (%d)", n, maxCreateSends)
	}
}

// A capacity refusal that REST v1 answers with a 500 is RunPod saying why: not looked up,
// not sent again.
func TestCapacity500IsNotAnUnknownOutcome(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("POST /v2/pods", problem(500, "There are no instances currently available"))
	_, err := c.CreatePod(ctx, PodCreateInput{Name: Ptr("web"), ImageName: Ptr("img"), GPUTypeIDs: &[]string{"G"}})
	if !IsCapacityError(err) || f.hits["POST /v2/pods"] != 1 || f.hits["GET /v2/pods"] != 0 {
		t.Errorf("err %v after %d creates and %d lookups; want a capacity error after 1 create and no lookup",
			err, f.hits["POST /v2/pods"], f.hits["GET /v2/pods"])
	}
}
