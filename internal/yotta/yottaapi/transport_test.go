package yottaapi

import (
	"testing"
)

func TestParsePodStatus_acceptsEverySpellingYottaUses(t *testing.T) {
	for raw, want := range map[string]PodStatus{
		"INITIALIZE": PodInitialize, "initializing": PodInitialize, "0": PodInitialize, "RUNNING": PodRunning, "1": PodRunning,
		"PAUSING": PodPausing, "STOPPING": PodPausing, "2": PodPausing, "PAUSED": PodPaused, "Stopped": PodPaused, "3": PodPaused,
		"TERMINATING": PodTerminating, "5": PodTerminated, "FAILED": PodFailed, "6": PodFailed, "WEIRD": "WEIRD",
	} {
		if got := ParsePodStatus(raw); got != want {
			t.Errorf("%s: %s, want %s", raw, got, want)
		}
	}
}

func TestNormalizeImage(t *testing.T) {
	for _, pair := range [][2]string{
		{"ubuntu", "docker.io/library/ubuntu:latest"}, {"pytorch/pytorch:2.4", "docker.io/pytorch/pytorch:2.4"},
		{"ghcr.io/acme/x@sha256:abc", "ghcr.io/acme/x@sha256:abc"},
	} {
		if !SameImage(pair[0], pair[1]) {
			t.Errorf("%s and %s are the same image", pair[0], pair[1])
		}
	}
	if SameImage("ghcr.io/acme/x:1", "ghcr.io/acme/x:2") {
		t.Error("different tags are different images")
	}
}
