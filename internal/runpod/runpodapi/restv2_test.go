package runpodapi

import (
	"errors"
	"testing"
)

func TestUnsupportedAndPlacementErrors(t *testing.T) {
	err := error(&UnsupportedError{Operation: "create pod", Backend: BackendV1, Fields: []string{"startSsh"}})
	if err.Error() != "create pod: REST v1 has no such setting: startSsh (remove it from the request)" {
		t.Errorf("%v", err)
	}
	var u *UnsupportedError
	if !errors.As(opErr("x", &UnsupportedError{Fields: []string{"a"}}), &u) || u.Operation != "x" || u.Backend != BackendV2 {
		t.Errorf("opErr lost the UnsupportedError: %+v", u)
	}
}

func TestV2BaseURLMayCarryV2(t *testing.T) {
	for _, base := range []string{"https://api.runpod.io", "https://api.runpod.io/", "https://api.runpod.io/v2", "https://api.runpod.io/v2/"} {
		c, err := newRESTv2(Config{APIKey: "k", APIURL: base, GraphQLURL: DefaultGraphQLURL})
		if err != nil {
			t.Fatal(err)
		}
		if got := c.url("/v2/pods/%s", nil, "a b"); got != "https://api.runpod.io/v2/pods/a%20b" {
			t.Errorf("%s: url = %s", base, got)
		}
	}
}
