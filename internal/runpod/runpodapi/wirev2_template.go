package runpodapi

import (
	"errors"
	"slices"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodwire"
)

// v2TemplateBody is CreateTemplateRequest and UpdateTemplateRequest.
type v2TemplateBody = runpodwire.TemplateWrite

// templateUnsupported lists template settings REST v2 has no field for.
func templateUnsupported(readme *string, entrypoint *[]string) []string {
	var out []string
	if readme != nil && *readme != "" {
		out = append(out, "readme")
	}
	if entrypoint != nil && len(*entrypoint) > 0 {
		out = append(out, "dockerEntrypoint")
	}
	return out
}

// templateCreateBody maps a create to CreateTemplateRequest. v2 defaults startSsh and
// startJupyter to true (injecting PUBLIC_KEY and JUPYTER_PASSWORD into every container made
// from the template); they are sent false unless asked, as templates behaved on v1.
func templateCreateBody(in TemplateCreateInput) (v2TemplateBody, error) {
	if bad := templateUnsupported(in.Readme, in.DockerEntrypoint); len(bad) > 0 {
		return v2TemplateBody{}, &UnsupportedError{Fields: bad}
	}
	serverless := in.IsServerless != nil && *in.IsServerless
	b := v2TemplateBody{
		Container: runpodwire.Container{BaseContainer: runpodwire.BaseContainer{Image: Ptr(in.ImageName), Disk: in.ContainerDiskInGb, Env: in.Env, Ports: in.Ports}},
		Name:      Ptr(in.Name), Category: in.Category, Public: in.IsPublic, Serverless: in.IsServerless,
		StartSSH: in.StartSSH, StartJupyter: in.StartJupyter,
	}
	if b.Disk == nil {
		b.Disk = Ptr(v1DefaultContainerDiskInGb)
	}
	if b.Ports == nil {
		b.Ports = Ptr(slices.Clone(v1DefaultPorts))
	}
	if b.StartSSH == nil {
		b.StartSSH = Ptr(false)
	}
	if b.StartJupyter == nil {
		b.StartJupyter = Ptr(false)
	}
	if in.DockerStartCmd != nil && len(*in.DockerStartCmd) > 0 {
		b.Args = Ptr(joinArgs(*in.DockerStartCmd))
	}
	if id := deref(in.ContainerRegistryAuthID); id != "" {
		b.Registry = v2String(id)
	}
	path := deref(in.VolumeMountPath)
	size := 0
	switch {
	case in.VolumeInGb != nil:
		size = *in.VolumeInGb
	case !serverless: // v1's default volume was for pods; serverless workers use network volumes
		size = v1DefaultVolumeInGb
	}
	switch {
	case size > 0:
		if path == "" {
			path = v1DefaultVolumeMountPath
		}
		b.Mounts = &v2Mounts{Persistent: &v2PersistentMount{Size: size, Path: path}}
	case path != "":
		return b, errors.New("volumeMountPath without a volume (volumeInGb is 0): REST v2 has nothing to mount there")
	}
	return b, nil
}

// templateNeedsCurrent reports whether templateUpdateBody needs the template as it is (to
// complete its mount, which v2 takes whole).
func templateNeedsCurrent(in TemplateUpdateInput) bool {
	return needsCurrentMounts(in.VolumeInGb, in.VolumeMountPath)
}

// templateUpdateBody maps an update to UpdateTemplateRequest; current is the template as
// read (nil unless templateNeedsCurrent).
func templateUpdateBody(in TemplateUpdateInput, current *v2Template) (v2TemplateBody, error) {
	if bad := templateUnsupported(in.Readme, in.DockerEntrypoint); len(bad) > 0 {
		return v2TemplateBody{}, &UnsupportedError{Fields: bad}
	}
	b := v2TemplateBody{
		Container: runpodwire.Container{
			BaseContainer: runpodwire.BaseContainer{Image: in.ImageName, Disk: in.ContainerDiskInGb, Env: in.Env, Ports: in.Ports},
			Registry:      registryField(in.ContainerRegistryAuthID),
		},
		Name: in.Name, Public: in.IsPublic, Category: in.Category, Serverless: in.IsServerless,
		StartSSH: in.StartSSH, StartJupyter: in.StartJupyter,
	}
	if in.DockerStartCmd != nil {
		b.Args = Ptr(joinArgs(*in.DockerStartCmd))
	}
	var mounts *v2Mounts
	if current != nil {
		mounts = mountsOrNone(current.Mounts)
	}
	if mounts != nil && mounts.Persistent == nil && len(mounts.Network) == 0 && deref(in.VolumeInGb) > 0 {
		// Unlike a pod, a template is only a record: v2 gives it a volume it had none of
		// (UpdateTemplateRequest has mounts). ASSUMPTION (unverified): RunPod accepts that.
		path := deref(in.VolumeMountPath)
		if path == "" {
			path = v1DefaultVolumeMountPath
		}
		b.Mounts = &v2Mounts{Persistent: &v2PersistentMount{Size: *in.VolumeInGb, Path: path}}
		return b, nil
	}
	m, err := updateMounts("template", in.VolumeInGb, in.VolumeMountPath, mounts)
	b.Mounts = m
	return b, err
}

// containerTemplate maps container settings to the fields of a Template that hold them.
func containerTemplate(c v2ContainerConfig) Template {
	out := Template{ImageName: c.Image, ContainerDiskInGb: c.Disk, Env: c.Env, Ports: c.Ports, ContainerRegistryAuthID: deref(c.Registry)}
	if c.Args != nil {
		out.DockerStartCmd = splitArgs(*c.Args)
	}
	return out
}

// v2Template is Template.
type v2Template = runpodwire.Template

func templateDomain(t v2Template) Template {
	out := containerTemplate(t.ContainerConfig)
	out.ID, out.Name, out.Category, out.IsPublic, out.IsServerless = t.ID, t.Name, t.Category, t.Public, t.Serverless
	out.StartSSH, out.StartJupyter = t.StartSSH, t.StartJupyter
	if t.Mounts != nil && t.Mounts.Persistent != nil {
		out.VolumeInGb, out.VolumeMountPath = t.Mounts.Persistent.Size, t.Mounts.Persistent.Path
	}
	return out
}

type v2ListTemplates = runpodwire.TemplateList

// Slices of the public template catalog (GET /v2/catalog/templates?source=).
const (
	templateSourceOfficial  = "official"  // RunPod's own
	templateSourceVerified  = "verified"  // community templates RunPod verified
	templateSourceCommunity = "community" // every other public template
)
