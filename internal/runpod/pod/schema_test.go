package pod

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/acckit"
)

// TestSchemasDescribeEveryAttribute: the documentation is generated from MarkdownDescription,
// so every attribute needs one; the schemas must also pass the framework's own validation.
func TestSchemasDescribeEveryAttribute(t *testing.T) {
	acckit.CheckSchemasDescribed(t, "runpod", []func() resource.Resource{NewResource},
		[]func() datasource.DataSource{NewDataSource, NewListDataSource})
}
