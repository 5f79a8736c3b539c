package mockkit

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
)

// Checks the mocks' tests run on what the kit generates: that every control answers the
// examples its index shows, and that a guide's controls section is the kit's rendering.

// curlExample parses a control example: [-X METHOD] URL [-d 'body'].
var curlExample = regexp.MustCompile(`^(?:-X ([A-Z]+) )?(\S+)(?: -d '(.*)')?$`)

// ExerciseControls sends every example of every control registered on k to the mock serving
// at base, with replace (if given) applied to each example first (an id the mock does not
// know yet), and returns the body of GET /_mock/calls as it was before (the examples empty
// the log). The error names each control without an example and each example that did not
// answer 2xx.
func ExerciseControls(base string, k *Kit, replace *strings.Replacer) (string, error) {
	calls, err := send(http.MethodGet, base+"/_mock/calls", "")
	if err != nil {
		return "", err
	}
	var problems []string
	for _, c := range k.Controls() {
		if len(c.Examples) == 0 {
			problems = append(problems, c.Pattern+": no example")
		}
		for _, e := range c.Examples {
			if replace != nil {
				e = replace.Replace(e)
			}
			m := curlExample.FindStringSubmatch(e)
			if m == nil {
				problems = append(problems, fmt.Sprintf("%s: example %q is not [-X METHOD] URL [-d 'body']", c.Pattern, e))
				continue
			}
			method := m[1]
			if method == "" {
				method = http.MethodGet
			}
			if want, _, _ := strings.Cut(c.Pattern, " "); method != want {
				problems = append(problems, fmt.Sprintf("%s: example %q uses %s", c.Pattern, e, method))
			}
			if _, err := send(method, strings.ReplaceAll(m[2], "$BASE", base), m[3]); err != nil {
				problems = append(problems, fmt.Sprintf("%s: example %q: %v", c.Pattern, e, err))
			}
		}
	}
	return calls, errors.Join(toErrors(problems)...)
}

func toErrors(texts []string) []error {
	out := make([]error, len(texts))
	for i, t := range texts {
		out[i] = errors.New(t)
	}
	return out
}

// send makes a request without a key and returns the answer's body; an answer other than 2xx
// is an error.
func send(method, url, body string) (string, error) {
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		return "", err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode/100 != 2 {
		err = fmt.Errorf("%s %s: %d %s", method, url, resp.StatusCode, out)
	}
	return string(out), err
}

// The guide's controls section lies between these lines.
const (
	guideBegin = "<!-- controls: generated from the mock's controls; `go test -update` in the mock's package rewrites it -->"
	guideEnd   = "<!-- end of controls -->"
)

// SyncGuide checks that the guide at path holds section (ControlsMarkdown) between its
// controls markers; with write it rewrites the section instead.
func SyncGuide(path, section string, write bool) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	doc := string(raw)
	begin, end := strings.Index(doc, guideBegin), strings.Index(doc, guideEnd)
	if begin < 0 || end < begin {
		return fmt.Errorf("%s has no controls section: put the lines\n%s\n%s\nwhere the controls' tables go, then run go test -update", path, guideBegin, guideEnd)
	}
	want := doc[:begin] + guideBegin + "\n\n" + section + "\n" + doc[end:]
	switch {
	case want == doc:
		return nil
	case write:
		return os.WriteFile(path, []byte(want), 0o644)
	}
	return fmt.Errorf("%s does not document the controls as the mock serves them (run go test -update in the mock's package, then make docs); want:\n%s", path, section)
}
