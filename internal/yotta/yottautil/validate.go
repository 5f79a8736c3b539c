package yottautil

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// PowerOfTwo checks that an integer is 1, 2, 4, 8, ...: Yotta's rule for gpuCount.
type PowerOfTwo struct{}

func (PowerOfTwo) Description(context.Context) string {
	return "value must be a power of 2 (1, 2, 4, 8, ...)"
}

func (v PowerOfTwo) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v PowerOfTwo) ValidateInt64(ctx context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	n := req.ConfigValue.ValueInt64()
	if n < 1 || n&(n-1) != 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid GPU count",
			fmt.Sprintf("Attribute %s must be a power of 2 (1, 2, 4, 8, ...): Yotta places GPUs in such groups. Got %d.", req.Path, n))
	}
}
