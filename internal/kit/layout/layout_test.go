package layout_test

import (
	"encoding/json"
	"io"
	"os/exec"
	"sort"
	"strings"
	"testing"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/layout"
)

type goPackage struct {
	ImportPath   string
	Name         string
	Imports      []string
	TestImports  []string
	XTestImports []string
}

// modulePackages lists the module's packages with `go list`, as the compiler sees them.
func modulePackages(t *testing.T) []goPackage {
	t.Helper()
	cmd := exec.Command("go", "list", "-json=ImportPath,Name,Imports,TestImports,XTestImports", layout.Module+"/...")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []goPackage
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p goPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("decoding go list: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 20 {
		t.Fatalf("go list found %d packages; expected the whole module", len(pkgs))
	}
	return pkgs
}

func under(rel, prefix string) bool { return rel == prefix || strings.HasPrefix(rel, prefix+"/") }

// TestLayout fails when a package imports a wing it must not (the kit either wing, Yotta
// RunPod or RunPod Yotta), in its code or its tests.
func TestLayout(t *testing.T) {
	for _, p := range modulePackages(t) {
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, layout.Module), "/")
		for prefix, denied := range layout.Forbidden {
			if !under(rel, prefix) {
				continue
			}
			for _, imp := range append(append(append([]string{}, p.Imports...), p.TestImports...), p.XTestImports...) {
				irel := strings.TrimPrefix(imp, layout.Module+"/")
				for _, d := range denied {
					if under(irel, d) {
						t.Errorf("%s imports %s: packages under %s must not import %s", rel, irel, prefix, d)
					}
				}
			}
		}
	}
}

// TestPackageNamesMeanOneThing fails when two packages of the module share a name: a reader
// of `pod.X` must know which provider's pod it is without looking at the import.
func TestPackageNamesMeanOneThing(t *testing.T) {
	byName := map[string][]string{}
	for _, p := range modulePackages(t) {
		if p.Name == "main" {
			continue
		}
		byName[p.Name] = append(byName[p.Name], strings.TrimPrefix(p.ImportPath, layout.Module+"/"))
	}
	var clashes []string
	for name, paths := range byName {
		if len(paths) > 1 {
			sort.Strings(paths)
			clashes = append(clashes, name+": "+strings.Join(paths, ", "))
		}
	}
	sort.Strings(clashes)
	for _, c := range clashes {
		t.Errorf("package name used twice: %s", c)
	}
}
