package acctest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// testsOnAPIs finds the top-level test functions of the RunPod wing that call OnAPIs or
// OnAPIsInTurn.
func testsOnAPIs(t *testing.T) map[string]bool {
	t.Helper()
	found := map[string]bool{}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return err
		}
		file, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		for _, decl := range file.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !strings.HasPrefix(fn.Name.Name, "Test") {
				continue
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok && (sel.Sel.Name == "OnAPIs" || sel.Sel.Name == "OnAPIsInTurn") {
					found[fn.Name.Name] = true
				}
				return true
			})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// TestV1DifferencesNameAcceptanceTests: every test V1Differences lists exists and runs through
// OnAPIs (a renamed or deleted test must leave the list too), and each says why it runs on v1.
func TestV1DifferencesNameAcceptanceTests(t *testing.T) {
	tests := testsOnAPIs(t)
	if len(tests) == 0 {
		t.Fatal("found no test calling OnAPIs: the walk of the RunPod wing's tests is broken")
	}
	for name, reason := range V1Differences {
		if !tests[name] {
			t.Errorf("V1Differences lists %s, but no test of that name calls acctest.OnAPIs", name)
		}
		if len(strings.Fields(reason)) < 4 {
			t.Errorf("V1Differences[%s] = %q: say what REST v1 does differently that the test checks", name, reason)
		}
	}
}
