package runpodprovider_test

import (
	"context"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodprovider"
)

// TestSchemasDescribeEveryAttribute: the documentation is generated from MarkdownDescription,
// so every attribute of every resource and data source (nested ones too) needs one; the
// schemas must also pass the framework's own validation.
func TestSchemasDescribeEveryAttribute(t *testing.T) {
	ctx := context.Background()
	p := runpodprovider.New("test")()
	acckit.CheckSchemasDescribed(t, "runpod", p.Resources(ctx), p.DataSources(ctx))
}

// Every resource can be imported by id and by identity, and found by terraform query.
func TestEveryResourceIsAdoptable(t *testing.T) {
	acckit.CheckEveryResourceAdoptable(t, "runpod", runpodprovider.New("test")())
}
