package acckit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStateFilesExpectLacks(t *testing.T) {
	s := NewStateFiles(t)
	if got := os.Getenv("TF_ACC_TEMP_DIR"); got != s.Dir {
		t.Errorf("TF_ACC_TEMP_DIR = %q, want %q", got, s.Dir)
	}
	if err := s.ExpectLacks(nil, "s3cret")(nil); err == nil || !strings.Contains(err.Error(), "no state file found") {
		t.Errorf("no state file: %v, want an error", err)
	}
	for dir, content := range map[string]string{
		"plugintest1/work1": `{"resources":[{"type":"runpod_container_registry_auth","attributes":{"password":"s3cret"}}]}`,
		"plugintest1/work2": `{"resources":[]}`,
	} {
		if err := os.MkdirAll(filepath.Join(s.Dir, dir), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(s.Dir, dir, "terraform.tfstate"), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name    string
		holds   []string
		secrets []string
		want    string // "" for no error
	}{
		{"holds the secret", []string{"runpod_container_registry_auth"}, []string{"other", "s3cret"}, `holds the secret "s3cret" at byte`},
		{"lacks the secrets", []string{"runpod_container_registry_auth"}, []string{"other", "t0ken"}, ""},
		{"not the state meant", []string{"runpod_pod"}, []string{"t0ken"}, `holds all of ["runpod_pod"]`},
		{"an empty secret", nil, []string{""}, "an empty secret"},
	} {
		err := s.ExpectLacks(tc.holds, tc.secrets...)(nil)
		if (err == nil) != (tc.want == "") || (err != nil && !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}
