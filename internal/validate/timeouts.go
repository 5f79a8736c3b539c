package validate

import (
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Timeouts takes the timeouts attribute that terraform-plugin-framework-timeouts builds and
// gives each of its durations the Duration validator instead of the library's, which accepts
// "-5m" and "0s" (the operation then fails at apply with a bare "context deadline exceeded")
// and does not name the attribute. Its inner attributes get their description as Markdown too.
func Timeouts(attribute schema.Attribute) schema.Attribute {
	a, ok := attribute.(schema.SingleNestedAttribute)
	if !ok {
		return attribute // another form in a later library version: the schema tests notice
	}
	inner := make(map[string]schema.Attribute, len(a.Attributes))
	for name, at := range a.Attributes {
		if s, ok := at.(schema.StringAttribute); ok {
			s.Validators = []validator.String{Duration()}
			if s.MarkdownDescription == "" {
				s.MarkdownDescription = s.Description
			}
			at = s
		}
		inner[name] = at
	}
	a.Attributes = inner
	return a
}
