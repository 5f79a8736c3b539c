// Package adoption carries, from an API client to the resource that called it, the news that a
// create whose answer was lost was settled by adopting the object it made: the client found
// exactly one new object matching the request and took it for its own. The resource turns the
// news into a warning (internal/kit/tfdiag), so that the user knows why an apply that met an
// error still succeeded. It holds no Terraform types: the API clients import it.
package adoption

import "context"

// Notice is one adoption.
type Notice struct {
	Kind  string // the kind of object, as the client's errors name it: "pod"
	ID    string // the adopted object's id
	Cause error  // what became of the create's answer
}

type noticeKey struct{}

// WithNotice returns ctx with notify called for each create made with it that adopts the
// object it found after its answer was lost.
func WithNotice(ctx context.Context, notify func(Notice)) context.Context {
	return context.WithValue(ctx, noticeKey{}, notify)
}

// Notify tells ctx's listener (WithNotice), if any, of an adoption.
func Notify(ctx context.Context, n Notice) {
	if notify, ok := ctx.Value(noticeKey{}).(func(Notice)); ok && notify != nil {
		notify(n)
	}
}
