// Package templaterollout emulates, for RunPod's REST v2, what REST v1 did by itself: an edit
// of a serverless template reaches the endpoints that run it. REST v2 copies a template into
// an endpoint once (POST or PATCH with templateId) and never follows later edits, so the
// provider re-applies the template to each runpod_endpoint whose template changed (a PATCH
// with templateId, which rolls out a new release).
//
// Two pieces make that work in the same apply as the template's edit:
//
//   - Fingerprint: what an endpoint records (template_fingerprint) of the template's container
//     settings when it copies them, so that a later plan can tell the template changed since
//     (outside Terraform, or in an apply the endpoint's plan did not see).
//   - RecordPlanned / Planned: the runpod_template resource records, while Terraform plans it,
//     which container settings of the template change; the runpod_endpoint resources that run
//     the template are planned after it (their template_id refers to it) by the same provider
//     instance, and read it to plan the re-apply with the rolling-release warning. Records are
//     kept per configured API client: Terraform configures a provider instance per plan or
//     apply walk, so what one walk records never leaks into another.
package templaterollout

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"sync"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
)

// ContainerAttributes are the runpod_template attributes an endpoint copies from its template
// (and that Fingerprint covers): changing one of them changes what the endpoint's workers run.
var ContainerAttributes = []string{
	"image_name", "container_disk_in_gb", "container_registry_auth_id", "docker_entrypoint", "docker_start_cmd", "env", "ports",
}

// Fingerprint identifies the container settings an endpoint copies from template t: image,
// start command, container disk, ports, env and registry credentials (entrypoint too, which
// REST v2 has not). Equal settings give equal fingerprints, whichever API read them.
func Fingerprint(t *runpodapi.Template) string {
	norm := func(s []string) []string {
		if s == nil {
			return []string{}
		}
		return s
	}
	env := t.Env
	if env == nil {
		env = map[string]string{}
	}
	b, _ := json.Marshal(struct { // a map marshals with sorted keys: stable
		Image      string            `json:"image"`
		Entrypoint []string          `json:"entrypoint"`
		Args       []string          `json:"args"`
		Disk       int               `json:"disk"`
		Ports      []string          `json:"ports"`
		Env        map[string]string `json:"env"`
		Registry   string            `json:"registry"`
	}{t.ImageName, norm(t.DockerEntrypoint), norm(t.DockerStartCmd), t.ContainerDiskInGb, norm(t.Ports), env, t.ContainerRegistryAuthID})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// Matching returns the serverless templates of all whose container settings (Fingerprint)
// are those of copied, an endpoint's copy of its template's (REST v2's Endpoint.Container):
// the templates the endpoint may have been created from.
func Matching(all []runpodapi.Template, copied *runpodapi.Template) []runpodapi.Template {
	want := Fingerprint(copied)
	var out []runpodapi.Template
	for i := range all {
		if all[i].IsServerless && Fingerprint(&all[i]) == want {
			out = append(out, all[i])
		}
	}
	return out
}

// keep bounds how long the records of one client are kept: longer than any plan or apply.
const keep = 6 * time.Hour

type walk struct {
	at        time.Time
	templates map[string][]string // template id -> container attributes the plan changes
}

var planned = struct {
	sync.Mutex
	byClient map[runpodapi.API]*walk
}{byClient: map[runpodapi.API]*walk{}}

// RecordPlanned records that the plan being made with client changes the container settings
// changed (attribute names) of template templateID.
func RecordPlanned(client runpodapi.API, templateID string, changed []string) {
	if client == nil || templateID == "" || len(changed) == 0 {
		return
	}
	planned.Lock()
	defer planned.Unlock()
	now := time.Now()
	for c, w := range planned.byClient {
		if now.Sub(w.at) > keep {
			delete(planned.byClient, c)
		}
	}
	w := planned.byClient[client]
	if w == nil {
		w = &walk{templates: map[string][]string{}}
		planned.byClient[client] = w
	}
	w.at = now
	w.templates[templateID] = slices.Clone(changed)
}

// Planned returns the container attributes of template templateID that the plan being made
// with client changes, or nil.
func Planned(client runpodapi.API, templateID string) []string {
	if client == nil {
		return nil
	}
	planned.Lock()
	defer planned.Unlock()
	if w := planned.byClient[client]; w != nil {
		return slices.Clone(w.templates[templateID])
	}
	return nil
}
