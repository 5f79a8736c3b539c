package runpodapi

import (
	"reflect"
	"testing"
)

func TestV2TemplateCreateAndUpdate(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("POST /v2/templates", created(`{"id":"t1","name":"n","image":"img","args":"a 'b c'","disk":50,"ports":["8888/http"],"registry":null,
		"category":"NVIDIA","mounts":{"persistent":{"size":20,"path":"/workspace"}},"public":false,"serverless":false,"startSsh":false,"startJupyter":false}`))
	tpl, err := c.CreateTemplate(ctx, TemplateCreateInput{Name: "n", ImageName: "img", DockerStartCmd: &[]string{"a", "b c"}, Env: &map[string]string{"K": "v"}})
	if err != nil {
		t.Fatal(err)
	}
	assertJSON(t, f.bodies("POST /v2/templates")[0], `{
		"name": "n", "image": "img", "args": "a 'b c'", "disk": 50, "env": {"K": "v"}, "ports": ["8888/http", "22/tcp"],
		"mounts": {"persistent": {"size": 20, "path": "/workspace"}}, "startSsh": false, "startJupyter": false
	}`)
	if tpl.ID != "t1" || !reflect.DeepEqual(tpl.DockerStartCmd, []string{"a", "b c"}) || tpl.VolumeInGb != 20 || tpl.StartSSH == nil || *tpl.StartSSH {
		t.Errorf("template %+v", tpl)
	}

	// A serverless template gets no default volume; 0 mounts nothing; asked-for flags pass.
	f.on("POST /v2/templates", created(`{"id":"t2"}`))
	if _, err := c.CreateTemplate(ctx, TemplateCreateInput{Name: "s", ImageName: "img", IsServerless: Ptr(true), StartSSH: Ptr(true),
		Category: Ptr("CPU"), ContainerRegistryAuthID: Ptr("reg1"), Ports: &[]string{}}); err != nil {
		t.Fatal(err)
	}
	assertJSON(t, f.bodies("POST /v2/templates")[1], `{"name":"s","image":"img","disk":50,"ports":[],"serverless":true,
		"category":"CPU","registry":"reg1","startSsh":true,"startJupyter":false}`)

	_, err = c.CreateTemplate(ctx, TemplateCreateInput{Name: "n", ImageName: "img", Readme: Ptr("# hi"), DockerEntrypoint: &[]string{"sh"}})
	if err == nil || err.Error() != "create template: REST v2 has no such settings: readme, dockerEntrypoint (remove them from the request)" {
		t.Errorf("err = %v", err)
	}

	f.on("GET /v2/templates/t1", ok(`{"id":"t1","mounts":{"persistent":{"size":20,"path":"/workspace"}}}`))
	f.on("PATCH /v2/templates/t1", ok(`{"id":"t1"}`))
	if _, err := c.UpdateTemplate(ctx, "t1", TemplateUpdateInput{VolumeMountPath: Ptr("/data"), Category: Ptr("AMD"), IsServerless: Ptr(true),
		ContainerRegistryAuthID: Ptr(""), Readme: Ptr("")}); err != nil {
		t.Fatal(err)
	}
	assertJSON(t, f.bodies("PATCH /v2/templates/t1")[0], `{"category":"AMD","serverless":true,"registry":null,"mounts":{"persistent":{"size":20,"path":"/data"}}}`)

	// A template without a volume gets one (at /workspace unless a path is given); one with a
	// volume cannot lose it.
	f.on("GET /v2/templates/t2", ok(`{"id":"t2","mounts":{}}`))
	f.on("PATCH /v2/templates/t2", ok(`{"id":"t2"}`))
	if _, err := c.UpdateTemplate(ctx, "t2", TemplateUpdateInput{VolumeInGb: Ptr(10)}); err != nil {
		t.Fatal(err)
	}
	assertJSON(t, f.bodies("PATCH /v2/templates/t2")[0], `{"mounts":{"persistent":{"size":10,"path":"/workspace"}}}`)
	if _, err := c.UpdateTemplate(ctx, "t1", TemplateUpdateInput{VolumeInGb: Ptr(0)}); err == nil {
		t.Error("removing a template's volume must be refused")
	}
}

func TestV2ListTemplatesReadsTheCatalogSlicesAsked(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("GET /v2/templates", ok(`{"templates":[{"id":"mine"}]}`))
	f.on("GET /v2/catalog/templates", ok(`{"templates":[{"id":"pub","public":true},{"id":"mine"}]}`))
	tpls, err := c.ListTemplates(ctx, TemplateListOptions{IncludeRunpod: true, IncludePublic: true, IncludeEndpointBound: true})
	if err != nil || len(tpls) != 2 || !tpls[1].IsRunpod || !tpls[1].IsPublic || tpls[0].IsPublic {
		t.Fatalf("templates %+v, err %v", tpls, err)
	}
	assertCalls(t, f, "GET /v2/templates", "GET /v2/catalog/templates?source=official",
		"GET /v2/catalog/templates?source=verified", "GET /v2/catalog/templates?source=community")
}
