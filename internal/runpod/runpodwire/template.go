package runpodwire

// TemplateWrite is CreateTemplateRequest and UpdateTemplateRequest (the create requires name
// and image).
type TemplateWrite struct {
	Container
	Name                *string   `json:"name,omitempty"`
	AllowedCudaVersions *[]string `json:"allowedCudaVersions,omitempty"`
	Category            *string   `json:"category,omitempty"`
	Mounts              *Mounts   `json:"mounts,omitempty"`
	Public              *bool     `json:"public,omitempty"`
	Serverless          *bool     `json:"serverless,omitempty"`
	StartSSH            *bool     `json:"startSsh,omitempty"`
	StartJupyter        *bool     `json:"startJupyter,omitempty"`
}

// Template is Template.
type Template struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	ContainerConfig
	Category            string   `json:"category"`
	Mounts              *Mounts  `json:"mounts"`
	Public              bool     `json:"public"`
	Serverless          bool     `json:"serverless"`
	StartSSH            *bool    `json:"startSsh"`
	StartJupyter        *bool    `json:"startJupyter"`
	AllowedCudaVersions []string `json:"allowedCudaVersions"`
}

// TemplateList is ListTemplatesResponse.
type TemplateList struct {
	Templates []Template `json:"templates"`
}
