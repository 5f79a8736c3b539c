package layout_test

import (
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// thisFile is this test's path in the repository: it cites made-up paths and documents on
// purpose, so it is not checked.
const thisFile = "internal/kit/layout/citations_test.go"

// outsidePath matches a relative path that climbs ("../"): one that leaves the repository, or
// names nothing in it, cites something readers of the repository do not have.
var outsidePath = regexp.MustCompile(`(?:^|[^A-Za-z0-9_./-])((?:\.\./)+[A-Za-z0-9_][A-Za-z0-9_./-]*)`)

// documentSection matches a citation of a document's numbered section by the document's name
// ("NOTES-NAME §4.1"); the document must be a file of the repository.
var documentSection = regexp.MustCompile(`\b([A-Z][A-Z0-9]*(?:[-_][A-Z0-9]+)+)(\.md)?\s*§`)

// outsideCitations returns what line, in the file citing, cites outside the repository: climbing
// paths that leave it or name none of its files or directories (exists), and sections of
// documents no file of the repository is named after (documents: file names without extension).
func outsideCitations(citing, line string, exists, documents map[string]bool) []string {
	var out []string
	for _, m := range outsidePath.FindAllStringSubmatch(line, -1) {
		cited := strings.TrimRight(m[1], ".")
		resolved := path.Join(path.Dir(citing), cited)
		if strings.HasPrefix(resolved, "../") || !(exists[resolved] || exists[resolved+"/"]) {
			out = append(out, cited)
		}
	}
	for _, m := range documentSection.FindAllStringSubmatch(line, -1) {
		if !documents[m[1]] {
			out = append(out, m[1]+m[2])
		}
	}
	return out
}

// citedExtensions are the file kinds a cited path is checked for; a path with another ending
// (a Go symbol such as internal/reflect.Value, a package path) is not taken for a file.
var citedExtensions = map[string]bool{
	".go": true, ".md": true, ".tmpl": true, ".json": true, ".sh": true, ".tf": true, ".hcl": true,
	".yml": true, ".yaml": true, ".txt": true, ".mod": true,
}

// pinnedSpec reports whether name is one of RunPod's contracts, kept byte-identical to RunPod's
// copies: their text is RunPod's, not ours to check.
func pinnedSpec(name string) bool {
	return strings.HasPrefix(name, "api/") && strings.HasSuffix(name, ".openapi.json")
}

// repositoryFiles lists the repository's files, tracked or new but not ignored, relative to its
// root, with the root.
func repositoryFiles(t *testing.T) (root string, files []string) {
	t.Helper()
	out, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		t.Fatalf("git rev-parse --show-toplevel: %v (the test reads the repository's files through git)", err)
	}
	root = strings.TrimSpace(string(out))
	cmd := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	cmd.Dir = root
	if out, err = cmd.Output(); err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	for _, name := range strings.Split(string(out), "\x00") {
		if name == "" {
			continue
		}
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(name))); err == nil { // not deleted in the work tree
			files = append(files, name)
		}
	}
	sort.Strings(files)
	if len(files) < 100 {
		t.Fatalf("git lists %d files; expected the whole repository", len(files))
	}
	return root, files
}

// citationPattern matches a path that starts with one of the repository's top-level
// directories and is not the tail of a longer path or URL (github.com/…/internal/… is an
// import path, not a citation).
func citationPattern(topDirs []string) *regexp.Regexp {
	quoted := make([]string, len(topDirs))
	for i, d := range topDirs {
		quoted[i] = regexp.QuoteMeta(d)
	}
	return regexp.MustCompile(`(?:^|[^A-Za-z0-9_./-])((?:` + strings.Join(quoted, "|") + `)/[A-Za-z0-9_./-]*)`)
}

// citation is a repository path a line cites, and the rest of the line after it.
type citation struct {
	path, rest string
}

// citations returns the repository paths line cites: files with one of citedExtensions, and
// directories written with a trailing slash. Placeholders ("internal/runpod/...go") and globs
// are not citations.
func citations(pattern *regexp.Regexp, line string) []citation {
	var out []citation
	for _, m := range pattern.FindAllStringSubmatchIndex(line, -1) {
		p := strings.TrimRight(line[m[2]:m[3]], ".")
		if strings.Contains(p, "..") {
			continue
		}
		if strings.HasSuffix(p, "/") || citedExtensions[path.Ext(p)] {
			out = append(out, citation{path: p, rest: line[m[3]:]})
		}
	}
	return out
}

// sectionPattern matches the section a citation of a Markdown file names right after it, as
// in "api/REST-V2.md, Retries" (the section is the rest of the line, from its capital letter).
var sectionPattern = regexp.MustCompile("^`?, ([A-Z].*)")

// headings lists the headings of a Markdown file, without their #s.
func headings(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "#") {
			out = append(out, strings.TrimSpace(strings.TrimLeft(line, "#")))
		}
	}
	return out
}

// TestCitationsStayInTheRepository fails when a file of the repository (code, docs, templates,
// scripts; not RunPod's pinned contracts) cites notes kept outside the repository, cites a
// repository path that does not exist, or cites a section of a Markdown file ("api/REST-V2.md,
// Retries") that the file has no heading for. A path is looked up from the repository's root,
// and from the citing file's directory and its parents (a Markdown link, or a template that
// tfplugindocs reads from its provider's directory).
func TestCitationsStayInTheRepository(t *testing.T) {
	root, files := repositoryFiles(t)
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
		if err != nil {
			t.Fatalf("reading %s: %v", name, err)
		}
		return string(data)
	}
	exists := map[string]bool{}
	topDirs := map[string]bool{}
	documents := map[string]bool{} // file names without their extension, for "NAME §1"
	for _, name := range files {
		exists[name] = true
		documents[strings.TrimSuffix(path.Base(name), path.Ext(name))] = true
		for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
			exists[dir+"/"] = true
		}
		if top, _, ok := strings.Cut(name, "/"); ok {
			topDirs[top] = true
		}
	}
	var tops []string
	for d := range topDirs {
		tops = append(tops, d)
	}
	sort.Strings(tops)
	pattern := citationPattern(tops)
	// resolve returns the repository path a citation in file citing names, or "".
	resolve := func(citing, cited string) string {
		for dir := path.Dir(citing); ; dir = path.Dir(dir) {
			candidate := cited
			if dir != "." {
				candidate = dir + "/" + cited
			}
			if exists[candidate] || exists[candidate+"/"] {
				return candidate
			}
			if dir == "." {
				return ""
			}
		}
	}
	sections := map[string][]string{} // Markdown file -> its headings, read when first cited

	checked := 0
	for _, name := range files {
		if pinnedSpec(name) || name == thisFile {
			continue
		}
		text := read(name)
		if strings.IndexByte(text, 0) >= 0 {
			continue // binary
		}
		checked++
		for i, line := range strings.Split(text, "\n") {
			for _, cited := range outsideCitations(name, line, exists, documents) {
				t.Errorf("%s:%d cites %q, which is outside the repository: write what matters into api/REST-V2.md, "+
					"api/RUNPOD-LIVE.md or yotta/api/YOTTA-V2.md and cite that", name, i+1, cited)
			}
			for _, c := range citations(pattern, line) {
				target := resolve(name, c.path)
				if target == "" {
					t.Errorf("%s:%d cites %s, which is not in the repository", name, i+1, c.path)
					continue
				}
				m := sectionPattern.FindStringSubmatch(c.rest)
				if m == nil || path.Ext(target) != ".md" {
					continue
				}
				if _, ok := sections[target]; !ok {
					sections[target] = headings(read(target))
				}
				if !slices.ContainsFunc(sections[target], func(h string) bool { return h != "" && strings.HasPrefix(m[1], h) }) {
					t.Errorf("%s:%d cites %s, %q: %s has no such heading (headings are what code cites: keep them stable)",
						name, i+1, c.path, m[1], target)
				}
			}
		}
	}
	if checked < 100 {
		t.Fatalf("checked %d files; expected the whole repository", checked)
	}
}

// TestCitationsFound checks what counts as a citation, so that TestCitationsStayInTheRepository
// cannot pass by finding none.
func TestCitationsFound(t *testing.T) {
	pattern := citationPattern([]string{"api", "internal", "yotta"})
	for line, want := range map[string][]string{
		"see api/REST-V2.md, Retries.":                         {"api/REST-V2.md"},
		"(`internal/runpod/runpodapi/transport.go`)":           {"internal/runpod/runpodapi/transport.go"},
		"pinned in `api/`, notes in yotta/api/YOTTA-V2.md":     {"api/", "yotta/api/YOTTA-V2.md"},
		"[the notes](api/YOTTA-V2.md)":                         {"api/YOTTA-V2.md"},
		"github.com/runpod-community/x/internal/kit/layout.go": nil,
		"internal/runtime/maps and internal/reflect.Value":     nil,
		"internal/runpod/...go and store*.go":                  nil,
		"internal/runpod/runpodmock/*.go":                      {"internal/runpod/runpodmock/"},
		"https://docs.runpod.io/api-reference-v2/openapi.json": nil,
	} {
		var got []string
		for _, c := range citations(pattern, line) {
			got = append(got, c.path)
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("citations(%q) = %q, want %q", line, got, want)
		}
	}
	exists := map[string]bool{"README.md": true, "api/REST-V2.md": true, "tools/": true, "internal/kit/x.go": true}
	documents := map[string]bool{"REST-V2": true}
	for line, want := range map[string][]string{
		"see ../../../elsewhere/NOTES.md.":                {"../../../elsewhere/NOTES.md"}, // above the root
		"see ../notes/api/NOTES.md":                       {"../notes/api/NOTES.md"},       // in no directory of the repository
		"[readme](../../README.md), ../../api/REST-V2.md": nil,
		"as OLD-MAPPING §4.1 says":                        {"OLD-MAPPING"},
		"see OTHER-NOTES.md § Retries":                    {"OTHER-NOTES.md"},
		"REST-V2 §3":                                      nil,
	} {
		if got := outsideCitations("internal/kit/x.go", line, exists, documents); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("outsideCitations(%q) = %q, want %q", line, got, want)
		}
	}
	for rest, want := range map[string]string{
		", Retries): 429 is retried":     "Retries): 429 is retried",
		"`, Endpoint deletion and bound": "Endpoint deletion and bound",
		", api/RUNPOD-LIVE.md":           "",
		" (the notes)":                   "",
	} {
		got := ""
		if m := sectionPattern.FindStringSubmatch(rest); m != nil {
			got = m[1]
		}
		if got != want {
			t.Errorf("section of %q = %q, want %q", rest, got, want)
		}
	}
}
