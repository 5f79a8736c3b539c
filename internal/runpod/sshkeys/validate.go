package sshkeys

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// keyType is the first field of a key RunPod takes (its UpdateSshKeysRequest pattern):
// ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256, sk-ssh-ed25519@openssh.com, ...
var keyType = regexp.MustCompile(`^(ssh|ecdsa|sk)-\S+$`)

// CheckAuthorizedKey returns why key is not one authorized_keys line RunPod takes ("" when it
// is): "<type> <base64 key> [comment]", with no options before the type, whose key data
// decodes and names the same type.
func CheckAuthorizedKey(key string) string {
	if strings.ContainsAny(key, "\r\n") {
		return "it holds a line break: one element is one key, on one line (a key read with file() ends with a newline: " +
			"wrap it in trimspace())"
	}
	typ, rest, _ := strings.Cut(key, " ")
	if !keyType.MatchString(typ) {
		return fmt.Sprintf("it starts with %q, not with a key type such as ssh-ed25519, ssh-rsa or ecdsa-sha2-nistp256 "+
			"(RunPod takes no options before the type)", truncate(typ))
	}
	data, _, _ := strings.Cut(strings.ReplaceAll(rest, "\t", " "), " ")
	if data == "" {
		return "the key data (base64, after the type) is missing"
	}
	blob, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		return "the key data after the type is not valid base64"
	}
	if len(blob) < 4 || int(binary.BigEndian.Uint32(blob)) > len(blob)-4 || !bytes.Equal(blob[4:4+binary.BigEndian.Uint32(blob)], []byte(typ)) {
		return fmt.Sprintf("the key data is not a %s key (it names another type, or none)", typ)
	}
	return ""
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// authorizedKey validates each element of keys with CheckAuthorizedKey.
type authorizedKey struct{}

func (authorizedKey) Description(context.Context) string {
	return "each key is one authorized_keys line: <type> <base64 key> [comment]"
}

func (v authorizedKey) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (authorizedKey) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if problem := CheckAuthorizedKey(req.ConfigValue.ValueString()); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Not an SSH public key",
			fmt.Sprintf("keys holds %q, which is not an SSH public key as RunPod takes it: %s. Each key is one line of a "+
				"public key file, such as trimspace(file(\"~/.ssh/id_ed25519.pub\")): \"<type> <base64 key> [comment]\".",
				truncate(req.ConfigValue.ValueString()), problem))
	}
}
