package runpodmock

import (
	"slices"
	"strings"
	"testing"
)

func TestV2RegistriesAndVolumes(t *testing.T) {
	f := newFixture(t, 0)
	reg := f.expect("POST", "/v2/registries", `{"name":"r","username":"u","password":"p"}`, 201, "")
	rid := field[string](t, reg, "id")
	if got := keys(reg); !slices.Equal(got, []string{"id", "name"}) {
		t.Errorf("registry %v", reg)
	}
	tid := field[string](t, f.expect("POST", "/v2/templates", `{"name":"t","image":"img","registry":"`+rid+`"}`, 201, ""), "id")
	pod := f.expect("POST", "/v2/pods", `{"name":"p","image":"img","gpu":{"id":"NVIDIA L4"},"registry":"`+rid+`"}`, 201, "")
	if pod["registry"] != rid {
		t.Errorf("pod registry %v", pod["registry"])
	}
	if d := f.problem("DELETE", "/v2/registries/"+rid, "", 400)["detail"].(string); !strings.Contains(d, pod["id"].(string)) {
		t.Errorf("detail %q", d)
	}
	f.expect("PATCH", "/v2/pods/"+pod["id"].(string), `{"registry":null}`, 200, "")
	f.expect("DELETE", "/v2/registries/"+rid, "", 204, "")
	if tpl := f.expect("GET", "/v2/templates/"+tid, "", 200, ""); tpl["registry"] != nil {
		t.Errorf("the template silently loses the registry: %v", tpl["registry"])
	}
	f.problem("PATCH", "/v2/registries/"+rid, `{}`, 405)

	vol := f.expect("POST", "/v2/network-volumes", `{"name":"v","size":50,"dataCenter":"EU-RO-1","type":"HIGH_PERFORMANCE"}`, 201, "")
	vid := field[string](t, vol, "id")
	if d := f.problem("POST", "/v2/network-volumes", `{"name":"v","size":50,"dataCenter":"EU-SE-1","type":"HIGH_PERFORMANCE"}`, 400)["detail"].(string); !strings.Contains(d, "EU-RO-1") || !strings.Contains(d, "US-KS-2") {
		t.Errorf("detail lists the data centers that support the tier: %q", d)
	}
	f.problem("PATCH", "/v2/network-volumes/"+vid, `{}`, 422)
	f.problem("PATCH", "/v2/network-volumes/"+vid, `{"size":20}`, 400)
	if v := f.expect("PATCH", "/v2/network-volumes/"+vid, `{"size":60}`, 200, ""); v["size"] != 60.0 {
		t.Errorf("grow %v", v)
	}
	if v := f.expect("GET", "/v1/networkvolumes/"+vid, "", 200, ""); v["dataCenterId"] != "EU-RO-1" || v["size"] != 60.0 {
		t.Errorf("through v1 %v", v)
	}
	f.expect("DELETE", "/v2/network-volumes/"+vid, "", 204, "")
	f.problem("DELETE", "/v2/network-volumes/"+vid, "", 404)
}
