package runpodmock

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// decodeInput decodes a request body into dst (a pointer to a struct whose json tags are the
// input schema's keys). Like the live API, keys outside the schema are refused with 400 and
// a "problems" list naming them.
func decodeInput(r *http.Request, dst any) *apiError {
	body, _ := io.ReadAll(r.Body)
	if len(bytes.TrimSpace(body)) == 0 {
		body = []byte("{}")
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		return badRequest("invalid JSON in request body: %v", err)
	}
	allowed := jsonKeys(dst)
	var extra []string
	for k := range raw {
		if !allowed[k] {
			extra = append(extra, fmt.Sprintf("key provided in request body which is not in input schema: '%s'", k))
		}
	}
	if len(extra) > 0 {
		sort.Strings(extra)
		return &apiError{status: http.StatusBadRequest, msg: "Extra input keys provided in request body", problems: extra}
	}
	if err := json.Unmarshal(body, dst); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return badRequest("invalid value for '%s': expected %s, got %s", typeErr.Field, typeErr.Type, typeErr.Value)
		}
		return badRequest("invalid request body: %v", err)
	}
	return nil
}

func jsonKeys(v any) map[string]bool {
	t := reflect.TypeOf(v).Elem()
	keys := map[string]bool{}
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			keys[name] = true
		}
	}
	return keys
}

// checks collects validation problems and reports them as one 400.
type checks struct{ problems []string }

func (c *checks) add(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

func (c *checks) enum(field string, v *string, allowed []string) {
	if v != nil && !slices.Contains(allowed, *v) {
		c.add("%s: %q is not one of %s", field, *v, strings.Join(allowed, ", "))
	}
}

func (c *checks) enumList(field string, v []string, allowed []string) {
	for _, item := range v {
		if !slices.Contains(allowed, item) {
			c.add("%s: %q is not a valid value", field, item)
		}
	}
}

func (c *checks) intRange(field string, v *int, lo, hi int) {
	if v != nil && (*v < lo || *v > hi) {
		c.add("%s: %d is outside %d..%d", field, *v, lo, hi)
	}
}

func (c *checks) minInt(field string, v *int, lo int) {
	if v != nil && *v < lo {
		c.add("%s: %d is below the minimum %d", field, *v, lo)
	}
}

//nolint:unparam // field keeps the shape of the other checks; only "name" has a length limit so far.
func (c *checks) maxLen(field string, v *string, n int) {
	if v != nil && len(*v) > n {
		c.add("%s: longer than %d characters", field, n)
	}
}

func (c *checks) required(field string, present bool) {
	if !present {
		c.add("%s: required", field)
	}
}

var portPattern = regexp.MustCompile(`^([1-9][0-9]{0,4})/(http|tcp)$`)

//nolint:unparam // field keeps the shape of the other checks, whatever the input calls its ports.
func (c *checks) ports(field string, v *[]string) {
	if v == nil {
		return
	}
	for _, p := range *v {
		if m := portPattern.FindStringSubmatch(p); m == nil || len(m[1]) == 5 && m[1] > "65535" {
			c.add("%s: %q is not <port>/http or <port>/tcp", field, p)
		}
	}
}

func (c *checks) err() *apiError {
	if len(c.problems) == 0 {
		return nil
	}
	return &apiError{status: http.StatusBadRequest, msg: "Invalid input", problems: c.problems}
}

func deref[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}

func orEmpty[T any](v []T) []T {
	if v == nil {
		return []T{}
	}
	return v
}

func orEmptyMap(v map[string]string) map[string]string {
	if v == nil {
		return map[string]string{}
	}
	return v
}
