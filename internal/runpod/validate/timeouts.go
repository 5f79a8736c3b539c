package validate

import (
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// timeoutsKeysNote is said on every timeouts attribute: Terraform itself drops a key it does
// not know in a nested attribute's object (hashicorp/terraform#33570) before the provider
// sees the configuration, so no validator can refuse `creat = "5m"`.
const timeoutsKeysNote = " Terraform drops a key it does not know here without an error (hashicorp/terraform#33570): a " +
	"misspelled key such as `creat` leaves that operation at its default, and the plan shows only the keys Terraform kept."

// Timeouts takes the timeouts attribute that terraform-plugin-framework-timeouts builds and
// gives each of its durations the Duration validator instead of the library's, which accepts
// "-5m" and "0s" (the operation then fails at apply with a bare "context deadline exceeded")
// and does not name the attribute. description becomes the attribute's MarkdownDescription
// (with the note on unknown keys), and the inner attributes' descriptions Markdown too.
func Timeouts(attribute schema.Attribute, description string) schema.Attribute {
	a, ok := attribute.(schema.SingleNestedAttribute)
	if !ok {
		return attribute // another form in a later library version: the schema tests notice
	}
	a.MarkdownDescription = description + timeoutsKeysNote
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
