package runpodapi

import (
	"context"
	"net/url"
)

// CreateTemplate is POST /v2/templates.
func (c *restV2) CreateTemplate(ctx context.Context, in TemplateCreateInput) (*Template, error) {
	const op = "create template"
	body, err := templateCreateBody(in)
	if err != nil {
		return nil, opErr(op, err)
	}
	own := func(ctx context.Context) ([]Template, error) { return c.ListTemplates(ctx, TemplateListOptions{}) }
	return createOnce(ctx, c.t, op, templateLookup(own, in), func(ctx context.Context) (*Template, error) {
		var t v2Template
		if err := c.create(ctx, op, c.url("/v2/templates", nil), body, &t); err != nil {
			return nil, err
		}
		if t.ID == "" {
			return nil, &OutcomeUnknownError{Operation: op, Err: errNoBody}
		}
		tpl := templateDomain(t)
		return &tpl, nil
	})
}

func (c *restV2) getTemplate(ctx context.Context, id string) (*v2Template, error) {
	return getOne[v2Template](ctx, c, "read template "+id, c.url("/v2/templates/%s", nil, id))
}

// GetTemplate is GET /v2/templates/{id} (the user's own and public catalog templates).
func (c *restV2) GetTemplate(ctx context.Context, id string) (*Template, error) {
	t, err := c.getTemplate(ctx, id)
	if err != nil {
		return nil, err
	}
	tpl := templateDomain(*t)
	return &tpl, nil
}

// ListTemplates is GET /v2/templates (the user's own), plus GET /v2/catalog/templates with
// source=official when IncludeRunpod and with source=verified and source=community when
// IncludePublic (each at most 100: v2 does not paginate it yet). IncludeEndpointBound has no
// v2 meaning (v2 lists no endpoint-bound templates; an endpoint keeps no template) and is
// ignored.
func (c *restV2) ListTemplates(ctx context.Context, opts TemplateListOptions) ([]Template, error) {
	var own v2ListTemplates
	if err := c.get(ctx, "list templates", c.url("/v2/templates", nil), &own); err != nil {
		return nil, err
	}
	out := make([]Template, 0, len(own.Templates))
	seen := map[string]bool{}
	for _, t := range own.Templates {
		seen[t.ID] = true
		out = append(out, templateDomain(t))
	}
	var sources []string
	if opts.IncludeRunpod {
		sources = append(sources, templateSourceOfficial)
	}
	if opts.IncludePublic {
		sources = append(sources, templateSourceVerified, templateSourceCommunity)
	}
	for _, source := range sources {
		var list v2ListTemplates
		if err := c.get(ctx, "list "+source+" templates", c.url("/v2/catalog/templates", url.Values{"source": {source}}), &list); err != nil {
			return nil, err
		}
		for _, t := range list.Templates {
			if seen[t.ID] {
				continue
			}
			seen[t.ID] = true
			tpl := templateDomain(t)
			tpl.IsPublic, tpl.IsRunpod = true, source == templateSourceOfficial
			out = append(out, tpl)
		}
	}
	return out, nil
}

// UpdateTemplate is PATCH /v2/templates/{id}, preceded by GET /v2/templates/{id} when a change
// of the volume must be completed from the template.
func (c *restV2) UpdateTemplate(ctx context.Context, id string, in TemplateUpdateInput) (*Template, error) {
	op := "update template " + id
	var current *v2Template
	if templateNeedsCurrent(in) {
		var err error
		if current, err = c.getTemplate(ctx, id); err != nil {
			return nil, err
		}
	}
	body, err := templateUpdateBody(in, current)
	if err != nil {
		return nil, opErr(op, err)
	}
	if isEmptyJSON(body) {
		return c.GetTemplate(ctx, id)
	}
	// A REST v2 template edit changes no pod and no endpoint (v2 copies templates once): twice
	// is harmless.
	rb := readBackByID("template", id, c.GetTemplate, func(t Template) verdict { return templateUpdateApplied(in, t) }, true)
	return changeOnce(ctx, op, rb, func(ctx context.Context) (*Template, error) {
		var t v2Template
		if err := c.patch(ctx, op, c.url("/v2/templates/%s", nil, id), body, &t); err != nil {
			return nil, err
		}
		tpl := templateDomain(t)
		return &tpl, nil
	})
}

// DeleteTemplate is DELETE /v2/templates/{id}; 404 means already gone.
func (c *restV2) DeleteTemplate(ctx context.Context, id string) error {
	return c.remove(ctx, "delete template "+id, c.url("/v2/templates/%s", nil, id))
}
