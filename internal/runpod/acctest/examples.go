package acctest

import (
	"os"
	"path/filepath"
	"testing"
)

// Example returns the documentation's example examples/<rel> (such as
// "resources/runpod_pod/resource.tf"), so that a test applies what users copy, as written.
func Example(t *testing.T, rel string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	// The repository's root is the closest folder up from the test's package with go.mod.
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("no go.mod above the test's folder: cannot find examples/%s", rel)
		}
		dir = parent
	}
	b, err := os.ReadFile(filepath.Join(dir, "examples", rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
