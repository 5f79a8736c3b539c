package runpodapi

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// A change (a PATCH, a pod action) whose outcome RunPod did not report (*OutcomeUnknownError)
// is never resent blindly: RunPod's own SDK does not repeat a POST or PATCH on a 5xx, and a
// pod reset or an endpoint release applied twice restarts containers twice. Instead the
// client reads the object back and decides from what RunPod now reports:
//
//   - the change shows: it was applied, and the read-back object is the answer;
//   - it does not show, and applying it twice would do no harm (in-place settings such as a
//     name, a lock or a worker count; a start or a stop): it is sent once more;
//   - it does not show, and it resets a pod or rolls out a release: it is not resent, since
//     RunPod could still be acting on the first request (a 504 or a lost answer leaves that
//     open); the error says the change was not applied and that applying again sends it;
//   - the read-back cannot show it (a field RunPod does not report), or fails: the error says
//     RunPod may or may not have applied it, and the next plan shows what RunPod holds.

// verdict is what a read-back says of a change.
type verdict int

const (
	cannotTell verdict = iota
	applied
	notApplied
)

// readBack says how to check one change.
type readBack[T any] struct {
	kind    string // "pod"
	read    func(context.Context) (*T, error)
	applied func(T) verdict
	// harmlessTwice: applying the change a second time changes nothing more.
	harmlessTwice bool
}

// changeOnce sends a change with send and, when RunPod did not report its outcome, reads it
// back with rb (see above).
func changeOnce[T any](ctx context.Context, op string, rb readBack[T], send func(context.Context) (*T, error)) (*T, error) {
	for attempt := 1; ; attempt++ {
		obj, err := send(ctx)
		var unknown *OutcomeUnknownError
		if err == nil || !errors.As(err, &unknown) {
			return obj, err
		}
		tflog.Warn(ctx, "RunPod did not say whether it applied the change: reading it back", map[string]any{
			"operation": op, "error": err.Error(),
		})
		rctx, cancel := ctx, context.CancelFunc(func() {})
		if ctx.Err() != nil {
			rctx, cancel = context.WithTimeout(context.WithoutCancel(ctx), recoverTimeout)
		}
		cur, rerr := rb.read(rctx)
		cancel()
		if rerr != nil {
			return nil, &UpdateUnknownError{Operation: op, Kind: rb.kind, Err: err, ReadErr: rerr}
		}
		switch rb.applied(*cur) {
		case applied:
			tflog.Warn(ctx, "the read-back shows RunPod applied the change", map[string]any{"operation": op})
			return cur, nil
		case cannotTell:
			return nil, &UpdateUnknownError{Operation: op, Kind: rb.kind, Err: err}
		}
		if rb.harmlessTwice && attempt == 1 && ctx.Err() == nil {
			tflog.Warn(ctx, "the read-back shows RunPod did not apply the change: sending it again", map[string]any{"operation": op})
			continue
		}
		return nil, &UpdateNotAppliedError{Operation: op, Kind: rb.kind, Err: err, Disruptive: !rb.harmlessTwice, Resent: attempt > 1}
	}
}

// action is changeOnce for a call that returns nothing (a pod action).
func action(ctx context.Context, op string, rb readBack[Pod], send func(context.Context) error) error {
	_, err := changeOnce(ctx, op, rb, func(ctx context.Context) (*Pod, error) { return nil, send(ctx) })
	return err
}

// UpdateNotAppliedError is a change whose outcome RunPod did not report and that the
// read-back shows was not applied.
type UpdateNotAppliedError struct {
	Operation  string
	Kind       string
	Err        error // the last *OutcomeUnknownError
	Disruptive bool  // it resets a pod or rolls out a release: not resent
	Resent     bool  // it was sent twice
}

func (e *UpdateNotAppliedError) Error() string {
	msg := fmt.Sprintf("%s: %s. Reading the %s back shows the change was not applied", e.Operation, causeText(e.Operation, e.Err), e.Kind)
	switch {
	case e.Resent:
		msg += " (it was sent twice, and not applied either time)"
	case e.Disruptive:
		msg += "; it was not sent again, since applying it twice would restart the containers twice and RunPod may still " +
			"be acting on the first request"
	}
	return msg + ". Applying again sends it again."
}

func (e *UpdateNotAppliedError) Unwrap() error { return e.Err }

// UpdateUnknownError is a change whose outcome RunPod did not report and that the read-back
// could not settle.
type UpdateUnknownError struct {
	Operation string
	Kind      string
	Err       error // the change's *OutcomeUnknownError
	ReadErr   error // nil when the read succeeded but cannot show the change
}

func (e *UpdateUnknownError) Error() string {
	why := fmt.Sprintf("what RunPod reports of the %s cannot show whether it was", e.Kind)
	if e.ReadErr != nil {
		why = fmt.Sprintf("reading the %s back failed too (%v)", e.Kind, e.ReadErr)
	}
	return fmt.Sprintf("%s: %s, and %s, so the change may or may not have been applied: the next refresh records what "+
		"RunPod holds, and applying again sends what still differs", e.Operation, causeText(e.Operation, e.Err), why)
}

func (e *UpdateUnknownError) Unwrap() error { return e.Err }

// ---------------------------------------------------------------------------------------
// Comparisons: a set field of a change is compared with what the read-back reports; a field
// the backend does not report is not judged.

// judge collects the comparisons of one read-back.
type judge struct{ checked, differs bool }

func (j *judge) compare(set, equal bool) {
	if !set {
		return
	}
	j.checked = true
	if !equal {
		j.differs = true
	}
}

func (j judge) verdict() verdict {
	switch {
	case j.differs:
		return notApplied
	case j.checked:
		return applied
	}
	return cannotTell
}

// sameNamed judges every set pointer field of the change in (a struct) that has a field of
// the same name and type in the read-back obj, except those named in other (judged by the
// caller): a new setting is judged as soon as the object reports it under its own name.
// Lists and maps compare element by element, an empty one equal to a missing one.
func (j *judge) sameNamed(in, obj any, other ...string) {
	iv, ov := reflect.ValueOf(in), reflect.ValueOf(obj)
	for i := range iv.NumField() {
		f := iv.Type().Field(i)
		sent := iv.Field(i)
		if !f.IsExported() || sent.Kind() != reflect.Pointer || sent.IsNil() || slices.Contains(other, f.Name) {
			continue
		}
		got := ov.FieldByName(f.Name)
		if !got.IsValid() || got.Type() != f.Type.Elem() {
			continue
		}
		want := sent.Elem()
		if (want.Kind() == reflect.Slice || want.Kind() == reflect.Map) && want.Len() == 0 && got.Len() == 0 {
			j.compare(true, true)
			continue
		}
		j.compare(true, reflect.DeepEqual(want.Interface(), got.Interface()))
	}
}

func sameList(a, b []string) bool {
	return slices.Equal(nilIfEmpty(a), nilIfEmpty(b))
}

func sameSet(a, b []string) bool {
	return slices.Equal(sortedCopy(a), sortedCopy(b))
}

func sortedCopy(s []string) []string {
	out := slices.Clone(nilIfEmpty(s))
	slices.Sort(out)
	return out
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// injectedEnv are variables RunPod adds to a pod's env itself (REST v2's startSsh and
// startJupyter); a read-back that shows them still shows the env sent.
var injectedEnv = []string{"PUBLIC_KEY", "JUPYTER_PASSWORD"}

func sameEnv(sent, got map[string]string) bool {
	got = maps.Clone(got)
	for _, k := range injectedEnv {
		if _, ok := sent[k]; !ok {
			delete(got, k)
		}
	}
	if len(sent) == 0 && len(got) == 0 {
		return true
	}
	return maps.Equal(sent, got)
}

// podUpdateApplied says whether pod p shows update in.
func podUpdateApplied(in PodUpdateInput, p Pod) verdict {
	var j judge
	j.sameNamed(in, p, "Ports", "Env", "DockerStartCmd", "DockerEntrypoint", "GlobalNetworking")
	if in.Ports != nil {
		j.compare(true, sameSet(*in.Ports, p.Ports))
	}
	if in.Env != nil {
		j.compare(true, sameEnv(*in.Env, p.Env))
	}
	if in.DockerStartCmd != nil {
		j.compare(true, sameList(*in.DockerStartCmd, p.DockerStartCmd))
	}
	if in.DockerEntrypoint != nil && p.Source != BackendV2 { // v2 has no entrypoint
		j.compare(true, sameList(*in.DockerEntrypoint, p.DockerEntrypoint))
	}
	if in.GlobalNetworking != nil && p.GlobalNetworking != nil { // reported by v2 only
		j.compare(true, *in.GlobalNetworking == *p.GlobalNetworking)
	}
	return j.verdict()
}

// endpointUpdateApplied says whether endpoint e shows update in. What a backend does not
// report (v2: the template; v1: FlashBoot) is not judged.
func endpointUpdateApplied(in EndpointUpdateInput, e Endpoint) verdict {
	var j judge
	j.sameNamed(in, e, "IdleTimeout", "VCPUCount", "MinCudaVersion", "AllowedCudaVersions", "DataCenterIDs", "CPUFlavorIDs",
		"NetworkVolumeID", "NetworkVolumeIDs", "GPUTypeIDs", "TemplateID", "Flashboot", "FlashbootMode")
	if in.IdleTimeout != nil && e.IdleTimeout != 0 {
		j.compare(true, *in.IdleTimeout == e.IdleTimeout)
	}
	if in.VCPUCount != nil && e.VCPUCount != 0 {
		j.compare(true, *in.VCPUCount == e.VCPUCount)
	}
	if in.MinCudaVersion != nil {
		j.compare(true, *in.MinCudaVersion == e.MinCudaVersion)
	}
	if in.AllowedCudaVersions != nil {
		j.compare(true, sameSet(*in.AllowedCudaVersions, e.AllowedCudaVersions))
	}
	if in.DataCenterIDs != nil {
		j.compare(true, sameSet(*in.DataCenterIDs, e.DataCenterIDs))
	}
	if in.CPUFlavorIDs != nil {
		j.compare(true, sameSet(*in.CPUFlavorIDs, e.CPUFlavorIDs))
	}
	if in.NetworkVolumeID != nil || in.NetworkVolumeIDs != nil {
		j.compare(true, sameSet(networkVolumesOf(in.NetworkVolumeID, in.NetworkVolumeIDs), endpointVolumes(e)))
	}
	if in.GPUTypeIDs != nil {
		if e.Source == BackendV2 { // v2 reports every type of the pools the types are in
			j.compare(true, isSubset(*in.GPUTypeIDs, e.GPUTypeIDs))
		} else {
			j.compare(true, sameSet(*in.GPUTypeIDs, e.GPUTypeIDs))
		}
	}
	if in.TemplateID != nil && e.Source != BackendV2 {
		j.compare(true, *in.TemplateID == e.TemplateID)
	}
	if e.Source == BackendV2 {
		if mode := flashbootMode(in.Flashboot, in.FlashbootMode); mode != "" {
			j.compare(true, mode == e.FlashbootMode)
		}
	}
	return j.verdict()
}

func endpointVolumes(e Endpoint) []string {
	if len(e.NetworkVolumeIDs) > 0 {
		return e.NetworkVolumeIDs
	}
	if e.NetworkVolumeID != "" {
		return []string{e.NetworkVolumeID}
	}
	return nil
}

func isSubset(a, b []string) bool {
	for _, s := range a {
		if !slices.Contains(b, s) {
			return false
		}
	}
	return true
}

// templateUpdateApplied says whether template t shows update in.
func templateUpdateApplied(in TemplateUpdateInput, t Template) verdict {
	var j judge
	j.sameNamed(in, t, "VolumeMountPath", "Readme", "Ports", "Env", "DockerStartCmd", "DockerEntrypoint", "StartSSH", "StartJupyter")
	if in.VolumeMountPath != nil && t.VolumeMountPath != "" {
		j.compare(true, *in.VolumeMountPath == t.VolumeMountPath)
	}
	if in.Readme != nil && t.Readme != "" {
		j.compare(true, *in.Readme == t.Readme)
	}
	if in.Ports != nil {
		j.compare(true, sameSet(*in.Ports, t.Ports))
	}
	if in.Env != nil {
		j.compare(true, sameEnv(*in.Env, t.Env))
	}
	if in.DockerStartCmd != nil {
		j.compare(true, sameList(*in.DockerStartCmd, t.DockerStartCmd))
	}
	if in.DockerEntrypoint != nil && t.StartSSH == nil { // v1 (v2 has no entrypoint; it reports startSsh)
		j.compare(true, sameList(*in.DockerEntrypoint, t.DockerEntrypoint))
	}
	if in.StartSSH != nil && t.StartSSH != nil {
		j.compare(true, *in.StartSSH == *t.StartSSH)
	}
	if in.StartJupyter != nil && t.StartJupyter != nil {
		j.compare(true, *in.StartJupyter == *t.StartJupyter)
	}
	return j.verdict()
}

// volumeUpdateApplied says whether volume v shows update in.
func volumeUpdateApplied(in NetworkVolumeUpdateInput, v NetworkVolume) verdict {
	var j judge
	j.sameNamed(in, v)
	return j.verdict()
}

// podStatusReached says whether a start (running = true) or stop shows on pod p.
func podStatusReached(running bool) func(Pod) verdict {
	return func(p Pod) verdict {
		want := PodStatusExited
		if running {
			want = PodStatusRunning
		}
		if p.DesiredStatus == want {
			return applied
		}
		return notApplied
	}
}

// podRestarted says whether pod p started again after since (RunPod's clock).
func podRestarted(since time.Time) func(Pod) verdict {
	return func(p Pod) verdict {
		switch p.Status {
		case PodObservedProvisioning, PodObservedStarting:
			return applied
		}
		at, ok := parseAPITime(p.LastStartedAt)
		switch {
		case !ok:
			return cannotTell
		case !at.Before(since.Add(-clockSlack)):
			return applied
		}
		return notApplied
	}
}

// podReadBack checks a change of pod id with get.
func podReadBack(id string, get func(context.Context, string) (*Pod, error), applied func(Pod) verdict, harmlessTwice bool) readBack[Pod] {
	return readBackByID("pod", id, get, applied, harmlessTwice)
}

// readBackByID checks a change of the kind's object id with get.
func readBackByID[T any](kind, id string, get func(context.Context, string) (*T, error), applied func(T) verdict, harmlessTwice bool) readBack[T] {
	return readBack[T]{
		kind:          kind,
		read:          func(ctx context.Context) (*T, error) { return get(ctx, id) },
		applied:       applied,
		harmlessTwice: harmlessTwice,
	}
}
