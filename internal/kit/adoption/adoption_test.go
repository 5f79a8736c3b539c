package adoption

import (
	"context"
	"errors"
	"testing"
)

func TestNotifyReachesTheListenerOfTheContext(t *testing.T) {
	Notify(context.Background(), Notice{Kind: "pod", ID: "p0"}) // no listener: nothing happens

	var got []Notice
	ctx := WithNotice(context.Background(), func(n Notice) { got = append(got, n) })
	cause := errors.New("connection reset")
	Notify(ctx, Notice{Kind: "pod", ID: "p1", Cause: cause})
	Notify(context.WithoutCancel(ctx), Notice{Kind: "template", ID: "t1"}) // derived contexts carry it
	if len(got) != 2 || got[0].ID != "p1" || got[0].Cause != cause || got[1].Kind != "template" {
		t.Errorf("notices %+v", got)
	}
}
