package runpodmock

import (
	"slices"
	"strings"
	"testing"
)

func TestV2TemplateEditsReachNoV2EndpointButV1EditsRollOut(t *testing.T) {
	f := newFixture(t, 0)
	tpl := field[string](t, f.expect("POST", "/v2/templates", `{"name":"w","image":"img:1","serverless":true,"env":{"A":"t"},"args":"python h.py","disk":30,"ports":["8000/http"]}`, 201, ""), "id")
	ep := f.expect("POST", "/v2/serverless", `{"name":"e","type":"QUEUE","templateId":"`+tpl+`","gpu":{"pools":["AMPERE_48"]},"scaling":{"type":"QUEUE_DELAY","queueDelay":4}}`, 201, "")
	id := field[string](t, ep, "id")
	if ep["image"] != "img:1" || field[map[string]any](t, ep, "env")["A"] != "t" || ep["args"] != "python h.py" || ep["disk"] != 30.0 ||
		!slices.Equal(field[[]any](t, ep, "ports"), []any{"8000/http"}) || ep["registry"] != nil {
		t.Errorf("copied container %v", ep)
	}
	for _, link := range []string{"templateId", "template"} { // a copy, no link
		if _, ok := ep[link]; ok {
			t.Errorf("a v2 endpoint reports %s: %v", link, ep)
		}
	}
	f.expect("PATCH", "/v2/templates/"+tpl, `{"image":"img:2"}`, 200, "")
	f.expect("PATCH", "/v1/templates/"+tpl, `{"imageName":"img:3"}`, 200, "")
	if e := f.expect("GET", "/v2/serverless/"+id, "", 200, ""); e["image"] != "img:1" {
		t.Errorf("a template edit reached a v2 endpoint: %v", e["image"])
	}
	// A v1 endpoint stays bound: v1 template edits roll out to it, v2 ones do not.
	v1ep := field[string](t, f.expect("POST", "/v1/endpoints", `{"templateId":"`+tpl+`"}`, 200, ""), "id")
	f.expect("PATCH", "/v2/templates/"+tpl, `{"image":"img:4"}`, 200, "")
	if e := f.expect("GET", "/v2/serverless/"+v1ep, "", 200, ""); e["image"] != "img:3" {
		t.Errorf("v2 template edit reached the v1 endpoint: %v", e["image"])
	}
	f.expect("PATCH", "/v1/templates/"+tpl, `{"imageName":"img:5"}`, 200, "")
	if e := f.expect("GET", "/v2/serverless/"+v1ep, "", 200, ""); e["image"] != "img:5" {
		t.Errorf("v1 template edit did not reach the v1 endpoint: %v", e["image"])
	}
	if r := f.expect("GET", "/v2/serverless/"+v1ep+"/releases", "", 200, ""); r["endpointVersion"] != 1.0 {
		t.Errorf("releases %v", r)
	}
	// v1 refuses to delete an endpoint with workers; v2 deletes it and its bound template.
	f.expect("DELETE", "/v1/endpoints/"+v1ep, "", 400, "")
	if d := f.problem("DELETE", "/v2/templates/"+tpl, "", 400)["detail"].(string); !strings.Contains(d, v1ep) {
		t.Errorf("detail %q", d)
	}
	f.expect("DELETE", "/v2/serverless/"+v1ep, "", 204, "")
	f.problem("GET", "/v2/templates/"+tpl, "", 404)
	f.expect("GET", "/v2/serverless/"+id, "", 200, "")
}
