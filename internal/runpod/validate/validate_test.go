package validate

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func checkString(v validator.String, s string) string {
	resp := &validator.StringResponse{}
	v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("attr"), ConfigValue: types.StringValue(s)}, resp)
	if !resp.Diagnostics.HasError() {
		return ""
	}
	return resp.Diagnostics.Errors()[0].Detail()
}

func TestStringRules(t *testing.T) {
	cases := []struct {
		v       validator.String
		in      string
		wantErr string // "" when valid
	}{
		{Name(), "notebook", ""},
		{Name(), "", "length must be between 1 and 191"},
		{Name(), strings.Repeat("n", 192), "length must be between 1 and 191"},
		{DataCenterID(), "EUR-IS-1", ""},
		{DataCenterID(), "us-tx-3", "must be a RunPod data center id"},
		{CPUFlavorID(), "cpu3c", ""},
		{CPUFlavorID(), "cpu-3c", "must be a RunPod CPU flavor id"},
		{GPUTypeID(), "NVIDIA GeForce RTX 4090", ""},
		{GPUTypeID(), " NVIDIA L4", "must be a RunPod GPU type id"},
		{ObjectID(), "abc 123", "must be a RunPod id"},
		{Duration(), "1h30m", ""},
		{Duration(), "-5m", `Attribute attr must be a positive duration`},
		{Duration(), "0s", `Attribute attr must be a positive duration`},
		{Duration(), "abc", `which is not a duration`},
	}
	for _, c := range cases {
		got := checkString(c.v, c.in)
		if c.wantErr == "" && got != "" || c.wantErr != "" && !strings.Contains(got, c.wantErr) {
			t.Errorf("%T(%q): got error %q, want %q", c.v, c.in, got, c.wantErr)
		}
	}
}

func TestPortsAreUniqueByNumber(t *testing.T) {
	for _, c := range []struct {
		ports   []string
		wantErr string
	}{
		{[]string{"22/tcp", "8888/http"}, ""},
		{[]string{"22/tcp", "22/http"}, "exposes port 22 twice"},
		{[]string{"022/tcp"}, "must be <port>/http or <port>/tcp"},
		{[]string{"65536/tcp"}, "must be <port>/http or <port>/tcp"},
		{[]string{"22/udp"}, "must be <port>/http or <port>/tcp"},
	} {
		elems := make([]attr.Value, len(c.ports))
		for i, p := range c.ports {
			elems[i] = types.StringValue(p)
		}
		resp := &validator.ListResponse{}
		Ports().ValidateList(context.Background(), validator.ListRequest{Path: path.Root("ports"), ConfigValue: types.ListValueMust(types.StringType, elems)}, resp)
		got := ""
		if resp.Diagnostics.HasError() {
			got = resp.Diagnostics.Errors()[0].Detail()
		}
		if c.wantErr == "" && got != "" || c.wantErr != "" && !strings.Contains(got, c.wantErr) {
			t.Errorf("%v: got %q, want %q", c.ports, got, c.wantErr)
		}
	}
}

func TestEnvKeysArePOSIXNames(t *testing.T) {
	for key, valid := range map[string]bool{"MY_VAR": true, "_x1": true, "MY VAR": false, "1BAD": false, "A=B": false} {
		resp := &validator.MapResponse{}
		m := types.MapValueMust(types.StringType, map[string]attr.Value{key: types.StringValue("v")})
		EnvKeys().ValidateMap(context.Background(), validator.MapRequest{Path: path.Root("env"), ConfigValue: m}, resp)
		if resp.Diagnostics.HasError() == valid {
			t.Errorf("env key %q: valid=%v, diagnostics %v", key, valid, resp.Diagnostics)
		}
	}
}
