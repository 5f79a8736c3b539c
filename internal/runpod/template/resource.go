package template

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/planmodify"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/secretenv"
	"github.com/runpod-community/terraform-provider-runpod/internal/kit/tfresource"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/providerutil"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/runpodapi"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/templaterollout"
	"github.com/runpod-community/terraform-provider-runpod/internal/runpod/validate"
)

var (
	_ resource.ResourceWithImportState = (*templateResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*templateResource)(nil)
)

// NewResource returns the runpod_template resource.
func NewResource() resource.Resource {
	return &templateResource{Resource: providerutil.Resource("_template")}
}

type templateResource struct {
	tfresource.Resource[runpodapi.API]
	tfresource.ImportByID // Read fills in the rest
}

const releaseNote = " Changing it on a serverless template rolls out a new release on every endpoint that uses the " +
	"template (workers restart); the plan warns."

func (r *templateResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	useState := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	useStateInt := []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A RunPod template: the container (image, start command, env, ports, disks) that pods and " +
			"serverless endpoints run. A serverless endpoint needs a template with `is_serverless = true`.\n\n" +
			"`name`, `is_public`, `readme`, `volume_in_gb` and `volume_mount_path` change in place. Changing the container " +
			"(`image_name`, `env`, `env_wo_version` and the keys of `env_wo`, `ports`, `docker_entrypoint`, `docker_start_cmd`, " +
			"`container_disk_in_gb`, `container_registry_auth_id`) of a serverless template rolls out a new release on every endpoint that uses it, " +
			"in the same apply: the plan warns. On REST v1 (`api_version = \"v1\"`) RunPod does that itself, and the warning " +
			"names the endpoints. RunPod's REST v2 (the default) copies a template into an endpoint once and never follows " +
			"later edits: the provider re-applies the template to each `runpod_endpoint` of the configuration that runs it " +
			"(their plans warn too, see `runpod_endpoint`); endpoints Terraform does not manage keep their copy.\n\n" +
			"On REST v1 `is_serverless` and `category` cannot change: changing them replaces the template; REST v2 changes " +
			"them in place. RunPod refuses to delete a template an endpoint (or, on REST v2, a pod) uses, and template names " +
			"are unique, so replacing a template in use needs a new name and `create_before_destroy`.\n\n" +
			"REST v2 has no `readme` and no `docker_entrypoint`: setting them fails the plan there. REST v2 would start SSH " +
			"and Jupyter in every container made from a template unless told not to: the provider creates templates with " +
			"both off, as templates were on REST v1, unless `start_ssh` or `start_jupyter` says otherwise.",
		Attributes: map[string]schema.Attribute{
			"id": tfresource.IDAttribute("Template id: what `template_id` of endpoints and pods takes."),
			"name": schema.StringAttribute{
				MarkdownDescription: "Template name, unique in the account (at most 191 characters). Changes in place.",
				Required:            true,
				Validators:          []validator.String{validate.Name()},
			},
			"image_name": schema.StringAttribute{
				MarkdownDescription: "Container image, such as `runpod/worker-comfyui:5.1.0-base`. Private images need " +
					"`container_registry_auth_id`." + releaseNote,
				Required:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"category": schema.StringAttribute{
				MarkdownDescription: "Compute category: `NVIDIA` (the default), `AMD` or `CPU`. Changes in place on REST v2; " +
					"REST v1 cannot change it: changing it replaces the template there.",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(CategoryNVIDIA),
				Validators: []validator.String{stringvalidator.OneOf(CategoryNVIDIA, CategoryAMD, CategoryCPU)},
			},
			"is_serverless": schema.BoolAttribute{
				MarkdownDescription: "Whether the template is for serverless endpoints (`true`) or pods (`false`, the default). " +
					"Changes in place on REST v2; REST v1 cannot change it: changing it replaces the template there.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
			"is_public": schema.BoolAttribute{
				MarkdownDescription: "Whether other RunPod users can see and use this pod template. Defaults to `false`. " +
					"Changes in place.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
			"container_disk_in_gb": schema.Int64Attribute{
				MarkdownDescription: "Container disk in GB, wiped when the container restarts (RunPod's default is 50)." + releaseNote,
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers:       useStateInt,
			},
			"volume_in_gb": schema.Int64Attribute{
				MarkdownDescription: "Pod volume in GB, kept across restarts (RunPod's default is 20; serverless workers use " +
					"network volumes instead, so a serverless template gets none on REST v2). Changes in place, except that " +
					"REST v2 cannot take a template's volume away: setting 0 there replaces the template.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.Int64{int64validator.AtLeast(0)},
				PlanModifiers: useStateInt,
			},
			"volume_mount_path": schema.StringAttribute{
				MarkdownDescription: "Where the volume is mounted, an absolute path (RunPod's default is `/workspace`). " +
					"Changes in place. REST v2 keeps it only with a volume: setting it on a template without one " +
					"(`volume_in_gb = 0`) fails the plan there.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{validate.AbsolutePath()},
				PlanModifiers: useState,
			},
			"ports": schema.ListAttribute{
				MarkdownDescription: "Ports to expose, as `<port>/http` or `<port>/tcp`, such as `[\"8888/http\", \"22/tcp\"]` " +
					"(RunPod's default when not set). `[]` exposes none." + releaseNote,
				ElementType:   types.StringType,
				Optional:      true,
				Computed:      true,
				Validators:    []validator.List{validate.Ports()},
				PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()},
			},
			"env": schema.MapAttribute{
				MarkdownDescription: "Environment variables of the container. Sensitive: values never appear in plans or logs " +
					"(they are in the state, as every secret a resource manages is)." + releaseNote,
				ElementType: types.StringType,
				Optional:    true,
				Sensitive:   true,
				Validators:  []validator.Map{validate.EnvKeys()},
			},
			"docker_entrypoint": schema.ListAttribute{
				MarkdownDescription: "Overrides the image's ENTRYPOINT, as a list of arguments; the image's when not set." + releaseNote +
					" **REST v1 only**: REST v2 has no entrypoint override, and the plan fails there unless it is empty (put the " +
					"command in `docker_start_cmd`, which REST v2 passes to the image's entrypoint).",
				ElementType: types.StringType,
				Optional:    true,
			},
			"docker_start_cmd": schema.ListAttribute{
				MarkdownDescription: "Overrides the image's CMD, as a list of arguments; the image's when not set." + releaseNote +
					" REST v2 keeps it as one shell-quoted string (`args`), which the provider writes and reads back as this list.",
				ElementType: types.StringType,
				Optional:    true,
			},
			"readme": schema.StringAttribute{
				MarkdownDescription: "Markdown shown with the template in RunPod's console. Changes in place. **REST v1 only**: " +
					"REST v2 has no readme, and the plan fails there unless it is empty.",
				Optional: true,
			},
			"container_registry_auth_id": schema.StringAttribute{
				MarkdownDescription: "Id of the registry credentials (`runpod_container_registry_auth`) that pull a private " +
					"image. Removing it detaches them." + releaseNote,
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"start_ssh": schema.BoolAttribute{
				MarkdownDescription: "Whether pods made from the template start an SSH server with the account's public keys " +
					"(REST v2 injects `PUBLIC_KEY` into the container). When not set, the provider creates the template with " +
					"`false`, as templates behaved on REST v1 (REST v2's own default is `true`), and leaves the setting alone " +
					"afterwards. Changes in place; removing a `true` turns it off. On REST v2 a set value is read back, so a " +
					"change made elsewhere shows in the plan. `true` is **REST v2 only** (the plan fails on REST v1).",
				Optional: true,
			},
			"start_jupyter": schema.BoolAttribute{
				MarkdownDescription: "Whether pods made from the template start JupyterLab (REST v2 injects `JUPYTER_PASSWORD` " +
					"into the container). When not set, the provider creates the template with `false`, as templates behaved on " +
					"REST v1 (REST v2's own default is `true`), and leaves the setting alone afterwards. Changes in place; " +
					"removing a `true` turns it off. On REST v2 a set value is read back, so a change made elsewhere shows in the " +
					"plan. `true` is **REST v2 only** (the plan fails on REST v1).",
				Optional: true,
			},
		},
	}
	maps.Copy(resp.Schema.Attributes, secretenv.Attributes("RunPod", "the template",
		"on a serverless template rolls out a new release on every endpoint that uses it (workers restart; the plan warns)", validate.EnvKeys()))
}

// ModifyPlan refuses what the configured API cannot express, replaces the template on REST
// v1 when category or is_serverless changes, and warns when a change to a serverless
// template's container rolls out a new release on the endpoints that use it. It records that
// change for the endpoints' plans (see templaterollout): on REST v2 they re-apply the
// template, on REST v1 they plan what RunPod's release changes as unknown.
func (r *templateResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var plan, state, cfg resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	backend := runpodapi.Backend("")
	if r.Client != nil { // nil while the provider's configuration is unknown
		backend = r.Client.Backend()
	}
	resp.Diagnostics.Append(backendDiagnostics(plan.templateModel, cfg.templateModel, backend)...)
	resp.Diagnostics.Append(secretenv.Conflicts(cfg.Env, cfg.EnvWO, "env", "env_wo")...)
	if req.State.Raw.IsNull() || resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if backend == runpodapi.BackendV2 && state.VolumeInGb.ValueInt64() > 0 && !plan.VolumeInGb.IsUnknown() && plan.VolumeInGb.ValueInt64() == 0 {
		// REST v2 cannot take a volume away from a template (an empty mounts changes nothing).
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("volume_in_gb"))
		return
	}
	if backend != runpodapi.BackendV2 { // REST v1 (or not known yet: a replacement works on both)
		replaced := false
		for _, name := range replacedOnV1 {
			var planned, prior attr.Value
			resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root(name), &planned)...)
			resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root(name), &prior)...)
			if !planned.Equal(prior) {
				resp.RequiresReplace = append(resp.RequiresReplace, path.Root(name))
				replaced = true
			}
		}
		if replaced {
			return
		}
	}
	if !state.IsServerless.ValueBool() || !plan.IsServerless.ValueBool() {
		return // a pod template has no endpoints; a change of is_serverless leaves none on it
	}
	label := fmt.Sprintf("%q (%s)", state.Name.ValueString(), state.ID.ValueString())
	reset := planmodify.DisruptiveUpdate{
		Triggers: append(slices.Clone(resetAttributes), secretEnvTriggers...),
		Warning: func(ctx context.Context, changed []string, _ planmodify.PlanReader) (string, string) {
			summary := "Template " + label + " change rolls out a new release on its endpoints"
			if backend == runpodapi.BackendV2 {
				return summary, fmt.Sprintf("Changing %s of serverless template %s will roll out a new release on every endpoint "+
					"of this configuration that uses it: workers restart with the new container settings. RunPod's REST v2 copies "+
					"a template into an endpoint once and does not roll later edits out, so the provider re-applies the template "+
					"to each runpod_endpoint that runs it, in this apply (their plans say so). Endpoints that Terraform does not "+
					"manage keep their copy. Only %s change without a release.",
					planmodify.List(changed), label, planmodify.List(inPlaceAttributesV2))
			}
			return summary, fmt.Sprintf("Changing %s of serverless template %s will roll out a new release on every endpoint "+
				"that uses it: workers restart with the new container settings. %s Only %s change without a release.",
				planmodify.List(changed), label, r.endpointsUsing(ctx, state.ID.ValueString()), planmodify.List(inPlaceAttributes))
		},
	}
	// Recorded on both APIs: on REST v2 the endpoints re-apply the template, on REST v1 RunPod
	// rolls it out and the endpoints plan the release's values as unknown.
	templaterollout.RecordPlanned(r.Client, state.ID.ValueString(), reset.Mark(ctx, req, resp))
}

// backendDiagnostics refuses what backend b cannot express of the planned template (cfg: as
// configured).
func backendDiagnostics(plan, cfg templateModel, b runpodapi.Backend) diag.Diagnostics {
	var diags diag.Diagnostics
	switch b {
	case runpodapi.BackendV2:
		// Without volume_in_gb a serverless template gets no volume on REST v2 (see templateCreateBody).
		noVolume := plan.VolumeInGb.ValueInt64() == 0 && (!plan.VolumeInGb.IsUnknown() || plan.IsServerless.ValueBool())
		if !cfg.VolumeMountPath.IsNull() && noVolume {
			diags.AddAttributeError(path.Root("volume_mount_path"), "No volume to mount on RunPod's REST v2",
				"volume_mount_path is set, and the template has no volume (volume_in_gb is 0): RunPod's REST v2 (api_version = "+
					"\"v2\", the default) keeps a mount path only with a volume. Remove volume_mount_path, or give the template a "+
					"volume (volume_in_gb of 10 or more).")
		}
		if v := plan.Readme; !v.IsNull() && !v.IsUnknown() && v.ValueString() != "" {
			diags.AddAttributeError(path.Root("readme"), "Not supported by RunPod's REST v2",
				"RunPod's REST v2 (api_version = \"v2\", the default) has no template readme. Remove readme (or set it to \"\"), or "+
					"use REST v1 (api_version = \"v1\") while RunPod still serves it.")
		}
		if v := plan.DockerEntrypoint; !v.IsNull() && !v.IsUnknown() && len(v.Elements()) > 0 {
			diags.AddAttributeError(path.Root("docker_entrypoint"), "Not supported by RunPod's REST v2",
				"RunPod's REST v2 (api_version = \"v2\", the default) has no entrypoint override. Remove docker_entrypoint and put "+
					"the command in docker_start_cmd (REST v2 passes it to the image's entrypoint, so an image whose entrypoint "+
					"runs its arguments works unchanged), or use REST v1 (api_version = \"v1\") while RunPod still serves it.")
		}
	case runpodapi.BackendV1:
		for name, v := range map[string]types.Bool{"start_jupyter": plan.StartJupyter, "start_ssh": plan.StartSSH} {
			if v.ValueBool() {
				diags.AddAttributeError(path.Root(name), "Not supported by RunPod's REST v1",
					fmt.Sprintf("%s = true is a setting of RunPod's REST v2, and this provider uses REST v1 (api_version = \"v1\"), "+
						"whose templates start neither SSH nor Jupyter. Remove %s (or set it to false), or use REST v2 "+
						"(api_version = \"v2\", the default).", name, name))
			}
		}
	}
	return diags
}

// endpointsUsing names the endpoints on a template for the plan warning; the warning does
// without them when RunPod cannot list them.
func (r *templateResource) endpointsUsing(ctx context.Context, templateID string) string {
	if r.Client == nil {
		return ""
	}
	endpoints, err := r.Client.ListEndpoints(ctx)
	if err != nil {
		tflog.Warn(ctx, "could not list endpoints for the template's plan warning", map[string]any{"error": err.Error()})
		return ""
	}
	var names []string
	for _, ep := range endpoints {
		if ep.TemplateID == templateID {
			if ep.Name == "" {
				names = append(names, ep.ID)
			} else {
				names = append(names, fmt.Sprintf("%q (%s)", ep.Name, ep.ID))
			}
		}
	}
	if len(names) == 0 {
		return "No endpoint uses it now."
	}
	return "Endpoints using it now: " + planmodify.List(names) + "."
}

// addCreateError reports a failed create. When RunPod refused it and a template already holds
// the name (RunPod's names are unique, so an earlier create that Terraform lost would block
// every later one), it names that template and the import command that adopts it.
func (r *templateResource) addCreateError(ctx context.Context, diags *diag.Diagnostics, name string, err error) {
	action := "create template " + name
	if status := runpodapi.StatusCode(err); status >= 400 && status < 500 {
		if all, listErr := r.Client.ListTemplates(ctx, runpodapi.TemplateListOptions{IncludeEndpointBound: true}); listErr == nil {
			for _, other := range all {
				if other.Name == name {
					diags.AddAttributeError(path.Root("name"), "Failed to "+action, fmt.Sprintf(
						"While attempting to %s, RunPod refused. A template named %q already exists in the RunPod account "+
							"(id %s), and RunPod requires unique names. Choose another name, or bring the existing template "+
							"under Terraform: %s\n\nError: %s", action, name, other.ID, providerutil.ImportCommand("template", other.ID), err))
					return
				}
			}
		}
	}
	providerutil.AddAPIError(diags, action, err)
}

func (r *templateResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer tfresource.SetIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	ctx = providerutil.NoticeAdoptions(ctx, &resp.Diagnostics)
	var plan, config resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...) // env_wo is only there
	if resp.Diagnostics.HasError() {
		return
	}
	in, diags := plan.createInput(ctx, config)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := r.Client.CreateTemplate(ctx, in)
	if err != nil {
		r.addCreateError(ctx, &resp.Diagnostics, in.Name, err)
		return
	}
	tflog.Info(ctx, "created template", map[string]any{"id": created.ID})
	state := plan
	state.fromAPI(created, plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *templateResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer tfresource.SetReadIdentity(ctx, req, resp)
	var state resourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	t := providerutil.ReadOrRemove(ctx, resp, "template", state.ID.ValueString(),
		func(ctx context.Context, id string) (*runpodapi.Template, error) {
			return runpodapi.ReadTemplate(ctx, r.Client, id) // from the provider instance's snapshot of the account's templates
		})
	if t == nil {
		return
	}
	state.fromAPI(t, state)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *templateResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer tfresource.SetIdentity(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan, state, config resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...) // env_wo is only there
	if resp.Diagnostics.HasError() {
		return
	}
	in, diags := resourceUpdateInput(ctx, plan, state, config)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	if isEmpty(in) {
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		return
	}
	updated, err := r.Client.UpdateTemplate(ctx, id, in)
	if err != nil {
		providerutil.AddAPIError(&resp.Diagnostics, "update template "+id, err)
		return
	}
	tflog.Info(ctx, "updated template", map[string]any{"id": id, "reset": in.TriggersReset()})
	next := plan
	next.fromAPI(updated, plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
}

func (r *templateResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	id, ok := tfresource.StateID(ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	err := r.Client.DeleteTemplate(ctx, id)
	switch {
	case runpodapi.StatusCode(err) == http.StatusBadRequest:
		resp.Diagnostics.AddError("Failed to delete template "+id, providerutil.APIErrorDetail("delete template "+id, err)+
			"\n\nRunPod refuses to delete a template that an endpoint (or, on REST v2, a pod) uses; RunPod's message above "+
			"names it. Delete that endpoint or pod, or move it to another template, then apply again.")
	case err != nil:
		providerutil.AddAPIError(&resp.Diagnostics, "delete template "+id, err)
	}
}
