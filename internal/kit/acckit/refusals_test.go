package acckit

import (
	"strings"
	"testing"
)

// Terraform's output names a case block in one of two ways: the provider's diagnostics say
// "with <address>,", Terraform's own only the block they are in. Both must reach the case.
func TestDiagnosticsByBlock(t *testing.T) {
	output := `Error running pre-apply plan: exit status 1

Error: Invalid Attribute Value Length

  with yotta_pod.c0,
  on terraform_plugin_test.tf line 8, in resource "yotta_pod" "c0":
   8:   name = ""

Attribute name string length must be between 1 and 255, got: 0

Error: Missing required argument

  on terraform_plugin_test.tf line 12, in resource "yotta_pod" "c2":
  12: resource "yotta_pod" "c2" {

The argument "name" is required, but no definition was found.

Error: Invalid Attribute Value Match

  with data.yotta_pod.c45,
  on terraform_plugin_test.tf line 90, in data "yotta_pod" "c45":
  90: data "yotta_pod" "c45" { id = "abc" }

Attribute id must be a Yotta pod id

Error: Unsupported argument

  on terraform_plugin_test.tf line 95, in data "yotta_pods" "c46":
  95:   colour = "red"

An argument named "colour" is not expected here.

Error: Invalid provider configuration

  on terraform_plugin_test.tf line 1, in provider "yotta":
   1: provider "yotta" {
`
	got := diagnosticsByBlock(output)
	want := map[string]string{
		"yotta_pod.c0":        "Attribute name string length",
		"yotta_pod.c2":        `The argument "name" is required`,
		"data.yotta_pod.c45":  "must be a Yotta pod id",
		"data.yotta_pods.c46": `An argument named "colour"`,
	}
	if len(got) != len(want) {
		t.Errorf("diagnostics filed under %d blocks, want %d: %v", len(got), len(want), got)
	}
	for address, text := range want {
		if diags := got[address]; len(diags) != 1 || !strings.Contains(diags[0], text) {
			t.Errorf("%s: %q, want one diagnostic saying %q", address, diags, text)
		}
	}
}
