package mockkit

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// Control is one of a mock's controls under /_mock/: no key, not in the call log. The kit
// registers the common ones (index, calls, faults, boot-delay, rate-limit, token-bucket); a
// mock registers its own with Kit.Control. The index page (GET /_mock/) and the guides' tables
// (ControlsMarkdown) are generated from what is registered.
type Control struct {
	Pattern string // as for http.ServeMux: "PUT /_mock/stock"
	// Help says what the control does, in one paragraph (the index wraps it).
	Help string
	// Examples are the curl arguments of example requests, with $BASE for the server's
	// address: `-X PUT $BASE/_mock/stock -d '{"free":0}'`. Every control has at least one,
	// and each answers 2xx on a fresh mock (the mocks' tests run them).
	Examples []string
	Handler  http.HandlerFunc
}

// Control registers a control. Mocks call it while they are built, before serving.
func (k *Kit) Control(c Control) {
	k.controls = append(k.controls, c)
	k.mux.HandleFunc(c.Pattern, c.Handler)
}

// Controls lists the registered controls, the kit's first.
func (k *Kit) Controls() []Control { return append([]Control(nil), k.controls...) }

// ControlNames names the controls after /_mock/, once each, for the command's banner:
// "calls, faults, boot-delay, ...".
func (k *Kit) ControlNames() []string {
	var names []string
	seen := map[string]bool{}
	for _, c := range k.controls {
		_, path, _ := strings.Cut(c.Pattern, " ")
		name := strings.TrimPrefix(strings.TrimSuffix(path, "{$}"), "/_mock/")
		if name != "" && !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	return names
}

// ControlError answers a control's refusal: {"error": msg, "status": status}.
func ControlError(w http.ResponseWriter, status int, msg string) {
	WriteJSON(w, status, map[string]any{"error": msg, "status": status})
}

// WriteJSON answers status with v as JSON.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// DecodeControl reads a control's JSON body into v. When it is not JSON of v's shape, or valid
// (if given) says it is wrong, it answers 400 naming want, the body expected, and returns false.
func DecodeControl(w http.ResponseWriter, r *http.Request, v any, want string, valid func() bool) bool {
	if err := json.NewDecoder(r.Body).Decode(v); err != nil || (valid != nil && !valid()) {
		ControlError(w, http.StatusBadRequest, "want "+want)
		return false
	}
	return true
}

// faultKindHelp says what a call hit by each kind of fault gets.
var faultKindHelp = map[string]string{
	FaultStatus:    "HTTP status (default 503) in the API's error shape, without the mock acting; retryAfter sets the Retry-After header",
	FaultCode:      "the API's success status with code in its envelope (default %d), without the mock acting",
	FaultDelay:     "the mock's answer, delayMs milliseconds late",
	FaultDrop:      "a closed connection, without the mock acting",
	FaultDropAfter: "the mock acts, then closes the connection without answering",
}

func (k *Kit) kindHelp(kind string) string {
	if kind == FaultCode {
		return fmt.Sprintf(faultKindHelp[kind], k.opts.DefaultCode)
	}
	return faultKindHelp[kind]
}

// routeCommonControls registers the controls every mock has.
func (k *Kit) routeCommonControls() {
	k.Control(Control{Pattern: "GET /_mock/{$}", Help: "the list of the controls, each with an example",
		Examples: []string{"$BASE/_mock/"},
		Handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			_, _ = io.WriteString(w, k.Index("http://"+r.Host))
		}})
	k.Control(Control{Pattern: "GET /_mock/calls",
		Help: "the call log, oldest first (JSON): each API call's time, method, path, query, route, status, request body " +
			"(passwords, tokens and environment variable values redacted), the fault that answered if any, and the answer's " +
			"envelope code or request id where the API has one; ?format=summary counts the calls per route",
		Examples: []string{"$BASE/_mock/calls?format=summary", "$BASE/_mock/calls"},
		Handler: func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Query().Get("format") == "summary" { // one "<count>  <route>" line per route, for people
				w.Header().Set("Content-Type", "text/plain; charset=utf-8")
				_, _ = io.WriteString(w, k.CallSummary())
				return
			}
			WriteJSON(w, http.StatusOK, k.RedactedCalls())
		}})
	k.Control(Control{Pattern: "DELETE /_mock/calls", Help: "empty the call log",
		Examples: []string{"-X DELETE $BASE/_mock/calls"},
		Handler: func(w http.ResponseWriter, r *http.Request) {
			k.ResetCalls()
			w.WriteHeader(http.StatusNoContent)
		}})
	examples := make([]string, len(k.opts.FaultExamples))
	for i, body := range k.opts.FaultExamples {
		examples[i] = "-X POST $BASE/_mock/faults -d '" + body + "'"
	}
	byKind := "status, retryAfter, delayMs"
	if k.opts.RenderCode != nil {
		byKind = "status, retryAfter, code, delayMs"
	}
	k.Control(Control{Pattern: "POST /_mock/faults",
		Help: "make a route misbehave: route (as the call log names it, or \"*\" for every route), kind (" +
			strings.Join(k.faultKinds(), ", ") + ": see the kinds below), times (how many calls it hits; 0 or none: " +
			"every call until cleared), probability (0 to 1: the share of the route's calls it hits; none: all), " +
			"and by kind " + byKind,
		Examples: examples,
		Handler: func(w http.ResponseWriter, r *http.Request) {
			var f Fault
			if err := json.NewDecoder(r.Body).Decode(&f); err != nil {
				ControlError(w, http.StatusBadRequest, "invalid fault: "+err.Error())
				return
			}
			if err := k.AddFault(f); err != nil {
				ControlError(w, http.StatusBadRequest, err.Error())
				return
			}
			w.WriteHeader(http.StatusCreated)
		}})
	k.Control(Control{Pattern: "GET /_mock/faults", Help: "the faults still pending, each with how many calls it has hit",
		Examples: []string{"$BASE/_mock/faults"},
		Handler: func(w http.ResponseWriter, r *http.Request) {
			WriteJSON(w, http.StatusOK, k.Faults())
		}})
	k.Control(Control{Pattern: "DELETE /_mock/faults", Help: "clear every fault",
		Examples: []string{"-X DELETE $BASE/_mock/faults"},
		Handler: func(w http.ResponseWriter, r *http.Request) {
			k.ClearFaults()
			w.WriteHeader(http.StatusNoContent)
		}})
	k.Control(Control{Pattern: "PUT /_mock/boot-delay", Help: "{\"ms\": <milliseconds>}: " + k.opts.BootDelayHelp,
		Examples: []string{`-X PUT $BASE/_mock/boot-delay -d '{"ms":10000}'`},
		Handler: func(w http.ResponseWriter, r *http.Request) {
			var v struct {
				Ms *int `json:"ms"`
			}
			if DecodeControl(w, r, &v, `{"ms": <milliseconds>}`, func() bool { return v.Ms != nil && *v.Ms >= 0 }) {
				k.opts.SetBootDelay(time.Duration(*v.Ms) * time.Millisecond)
				w.WriteHeader(http.StatusNoContent)
			}
		}})
	limitHelp := "{\"perMinute\": <n>}: " + k.opts.RateLimit.counted() + " per minute (0 = unlimited, the default); past it 429 with Retry-After"
	if len(k.opts.RateLimit.Windows) > 1 {
		var names []string
		for _, w := range k.opts.RateLimit.Windows[1:] {
			names = append(names, w.Name)
		}
		limitHelp += "; the " + strings.Join(names, " and ") + " quotas follow it"
	}
	if k.opts.RateLimit.Headers {
		limitHelp += "; every answer carries RateLimit and RateLimit-Policy headers"
	}
	k.Control(Control{Pattern: "PUT /_mock/rate-limit", Help: limitHelp,
		Examples: []string{`-X PUT $BASE/_mock/rate-limit -d '{"perMinute":60}'`},
		Handler: func(w http.ResponseWriter, r *http.Request) {
			var v struct {
				PerMinute *int `json:"perMinute"`
			}
			if DecodeControl(w, r, &v, `{"perMinute": <requests per minute, 0 = unlimited>}`, func() bool { return v.PerMinute != nil && *v.PerMinute >= 0 }) {
				k.SetRateLimit(*v.PerMinute)
				w.WriteHeader(http.StatusNoContent)
			}
		}})
	k.Control(Control{Pattern: "PUT /_mock/token-bucket",
		Help: "{\"perSecond\": <rate>, \"burst\": <size>}: throttle every API like a busy account: each call takes a token, " +
			"tokens refill at perSecond up to burst, and a call finding none gets 429 with Retry-After (perSecond 0 = off, the default)",
		Examples: []string{`-X PUT $BASE/_mock/token-bucket -d '{"perSecond":5,"burst":10}'`},
		Handler: func(w http.ResponseWriter, r *http.Request) {
			var v TokenBucket
			if DecodeControl(w, r, &v, `{"perSecond": <tokens per second, 0 = off>, "burst": <bucket size>}`, func() bool { return v.PerSecond >= 0 && v.Burst >= 0 }) {
				k.SetTokenBucket(v)
				w.WriteHeader(http.StatusNoContent)
			}
		}})
}

// Index renders the controls index (GET /_mock/) for a server at base: every control, its
// help and its examples, then the fault kinds.
func (k *Kit) Index(base string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s controls (no API key; not in the call log)\n\n", k.opts.Name)
	if k.opts.APIs != "" {
		b.WriteString(strings.TrimRight(k.opts.APIs, "\n") + "\n\n")
	}
	for _, c := range k.controls {
		method, path, _ := strings.Cut(strings.TrimSuffix(c.Pattern, "{$}"), " ")
		for i, line := range wrap(c.Help, indexWidth-indexHelpColumn) {
			if i == 0 {
				fmt.Fprintf(&b, "%-6s %-23s %s\n", method, path, line)
			} else {
				fmt.Fprintf(&b, "%s%s\n", strings.Repeat(" ", indexHelpColumn), line)
			}
		}
		for _, e := range c.Examples {
			fmt.Fprintf(&b, "    curl %s\n", e)
		}
	}
	b.WriteString("\nFault kinds (POST /_mock/faults):\n")
	for _, kind := range k.faultKinds() {
		for i, line := range wrap(k.kindHelp(kind), indexWidth-14) {
			if i == 0 {
				fmt.Fprintf(&b, "  %-11s %s\n", kind, line)
			} else {
				fmt.Fprintf(&b, "%s%s\n", strings.Repeat(" ", 14), line)
			}
		}
	}
	if k.opts.Notes != "" {
		b.WriteString("\n" + strings.TrimRight(k.opts.Notes, "\n") + "\n")
	}
	return strings.ReplaceAll(b.String(), "$BASE", base)
}

const (
	indexWidth      = 104
	indexHelpColumn = 31
)

// wrap breaks text into lines of at most width characters, at spaces.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case len(line)+1+len(word) > width:
			lines = append(lines, line)
			line = word
		default:
			line += " " + word
		}
	}
	return append(lines, line)
}

// bodyOf is the -d '<body>' of a curl example.
var bodyOf = regexp.MustCompile(`-d '([^']*)'`)

// ControlsMarkdown renders the controls and the fault kinds as the guides' tables, so that
// the guides say what the index says (the mocks' tests check that their guide holds it).
func (k *Kit) ControlsMarkdown() string {
	var b strings.Builder
	b.WriteString("| control | what it does |\n|---|---|\n")
	for _, c := range k.controls {
		help := c.Help
		var bodies []string
		for _, e := range c.Examples {
			if m := bodyOf.FindStringSubmatch(e); m != nil {
				bodies = append(bodies, "`"+m[1]+"`")
			}
		}
		if len(bodies) > 0 {
			help += "; for example " + strings.Join(bodies, " or ")
		}
		fmt.Fprintf(&b, "| `%s` | %s |\n", strings.TrimSuffix(c.Pattern, "{$}"), markdownCell(help))
	}
	b.WriteString("\n| fault kind | what the call gets |\n|---|---|\n")
	for _, kind := range k.faultKinds() {
		fmt.Fprintf(&b, "| `%s` | %s |\n", kind, markdownCell(k.kindHelp(kind)))
	}
	return b.String()
}

// jsonInHelp is a JSON body a help text shows ({"ms": <milliseconds>}), to set as code.
var jsonInHelp = regexp.MustCompile(`(^|: |\()(\{[^{}]*\})`)

// markdownCell keeps text inside a table cell: pipes escaped, JSON bodies as code.
func markdownCell(text string) string {
	return jsonInHelp.ReplaceAllString(strings.ReplaceAll(text, "|", `\|`), "$1`$2`")
}
