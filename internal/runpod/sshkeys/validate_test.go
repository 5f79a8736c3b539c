package sshkeys

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/binary"
	"strings"
	"testing"
)

// publicKey is an authorized_keys line of a fresh ed25519 key.
func publicKey(comment string) string {
	pub, _, _ := ed25519.GenerateKey(nil)
	var blob []byte
	for _, part := range [][]byte{[]byte("ssh-ed25519"), pub} {
		blob = binary.BigEndian.AppendUint32(blob, uint32(len(part)))
		blob = append(blob, part...)
	}
	return "ssh-ed25519 " + base64.StdEncoding.EncodeToString(blob) + " " + comment
}

func TestCheckAuthorizedKey(t *testing.T) {
	key := publicKey("me@host")
	typ, rest, _ := strings.Cut(key, " ")
	data, _, _ := strings.Cut(rest, " ")
	for _, ok := range []string{
		key,
		typ + " " + data,                  // no comment
		typ + " " + data + "\tme at work", // a tab before the comment
		"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILXGDN/SclOozk1xsDztpmhGiKkkrfQB9SKoO8dSIQQZ me@example.com", // RunPod's example
	} {
		if p := CheckAuthorizedKey(ok); p != "" {
			t.Errorf("%q refused: %s", ok, p)
		}
	}
	for bad, want := range map[string]string{
		key + "\n":                         "trimspace",
		"":                                 "not with a key type",
		`command="ls" ` + key:              "no options before the type",
		"ssh-ed25519":                      "key data (base64, after the type) is missing",
		"ssh-ed25519 not*base64":           "not valid base64",
		"ssh-rsa " + data:                  "not a ssh-rsa key",
		"ssh-ed25519 " + data[:8] + " x":   "not a ssh-ed25519 key",
		"-----BEGIN OPENSSH PRIVATE KEY--": "not with a key type",
	} {
		if p := CheckAuthorizedKey(bad); !strings.Contains(p, want) {
			t.Errorf("%q: %q, want it to say %q", bad, p, want)
		}
	}
}
