package runpodmock

import (
	"net/http"

	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodwire"
)

func (s *Server) createTemplateV2(r *http.Request) (*templateRecord, *apiError) {
	var in runpodwire.TemplateWrite
	if _, err := decodeV2(r, &in); err != nil {
		return nil, err
	}
	// Assumed defaults (the spec documents none): disk 50 GB as in v1, no ports, no mount.
	c := containerConfig{DiskInGb: 50, Ports: []string{}, Env: map[string]string{}, Args: []string{}}
	applyContainerV2(&c, in.Container, false)
	if err := checkContainerV2(c); err != nil {
		return nil, err
	}
	t := &templateRecord{
		Name: *in.Name, ImageName: c.Image, Category: deref(in.Category, "NVIDIA"),
		IsServerless: deref(in.Serverless, false), IsPublic: deref(in.Public, false),
		ContainerDiskInGb: c.DiskInGb, Ports: c.Ports, Env: c.Env, DockerEntrypoint: []string{}, DockerStartCmd: c.Args,
		ContainerRegistryAuthID: c.RegistryAuthID, StartSSH: deref(in.StartSSH, true), StartJupyter: deref(in.StartJupyter, true),
		AllowedCudaVersions: orEmpty(deref(in.AllowedCudaVersions, nil)),
	}
	if in.Mounts != nil && in.Mounts.Persistent != nil {
		t.VolumeInGb, t.VolumeMountPath = in.Mounts.Persistent.Size, in.Mounts.Persistent.Path
	}
	return s.store.createTemplate(t)
}

func (s *Server) updateTemplateV2(id string, r *http.Request) (*templateRecord, *apiError) {
	var in runpodwire.TemplateWrite
	if _, err := decodeV2(r, &in); err != nil {
		return nil, err
	}
	u := templateUpdate{
		Name: in.Name, IsPublic: in.Public, IsServerless: in.Serverless, Category: in.Category, ImageName: in.Image,
		ContainerDiskInGb: in.Disk, Env: in.Env, Ports: in.Ports, StartSSH: in.StartSSH, StartJupyter: in.StartJupyter,
		AllowedCudaVersions: in.AllowedCudaVersions, Snapshot: true,
	}
	if in.Args != nil {
		u.DockerStartCmd = ptr(argsFromV2(*in.Args))
	}
	if id, sent := runpodwire.NullableValue(in.Registry); sent {
		u.ContainerRegistryAuthID = &id
	}
	if in.Ports != nil {
		if err := checkContainerV2(containerConfig{Ports: *in.Ports}); err != nil {
			return nil, err
		}
	}
	if in.Mounts != nil && in.Mounts.Persistent != nil {
		u.VolumeInGb, u.VolumeMountPath = &in.Mounts.Persistent.Size, &in.Mounts.Persistent.Path
	}
	return s.store.updateTemplate(id, u)
}
