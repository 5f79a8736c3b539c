package mockkit

import (
	"encoding/json"
	"errors"
	"fmt"
	mathrand "math/rand/v2"
	"net/http"
	"strings"
	"time"
)

// Fault kinds.
const (
	FaultStatus    = "status"     // answer HTTP Status (default 503) in the API's error shape, without acting
	FaultCode      = "code"       // answer the API's success status with error Code in its envelope, without acting
	FaultDelay     = "delay"      // wait Delay, then act normally
	FaultDrop      = "drop"       // close the connection without acting or answering
	FaultDropAfter = "drop_after" // act, then close the connection without answering
)

// AnyRoute as a fault's route hits every API route.
const AnyRoute = "*"

// Fault makes a route misbehave. Route is matched like Call.Route; AnyRoute matches every API
// route. On the wire (POST and GET /_mock/faults) Delay is delayMs, in milliseconds.
type Fault struct {
	Route      string        `json:"route"`
	Kind       string        `json:"kind"`
	Status     int           `json:"status,omitempty"`
	Code       int           `json:"code,omitempty"`
	RetryAfter string        `json:"retryAfter,omitempty"`
	Delay      time.Duration `json:"-"`
	// Times is how many requests the fault hits; 0 means every request until cleared.
	Times int `json:"times,omitempty"`
	// Probability, when above 0 (at most 1), is the chance that a request of the route is hit
	// (a busy account: {"kind":"status","status":429,"probability":0.3}); the others pass
	// untouched and do not count towards Times. 0 hits every request.
	Probability float64 `json:"probability,omitempty"`
	hits        int
}

// plainFault is Fault without its JSON methods.
type plainFault Fault

// MarshalJSON writes the fault as GET /_mock/faults lists it: Delay as delayMs, and how many
// requests it has hit so far.
func (f Fault) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		plainFault
		DelayMs int64 `json:"delayMs,omitempty"`
		Hits    int   `json:"hits,omitempty"`
	}{plainFault(f), f.Delay.Milliseconds(), f.hits})
}

// UnmarshalJSON reads a fault as POST /_mock/faults takes it (delayMs in milliseconds).
func (f *Fault) UnmarshalJSON(b []byte) error {
	var v struct {
		plainFault
		DelayMs int64 `json:"delayMs"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*f = Fault(v.plainFault)
	f.Delay = time.Duration(v.DelayMs) * time.Millisecond
	return nil
}

// String is how the call log names the fault that answered a call ("status 429").
func (f *Fault) String() string {
	switch f.Kind {
	case FaultStatus:
		return fmt.Sprintf("%s %d", f.Kind, f.Status)
	case FaultCode:
		return fmt.Sprintf("%s %d", f.Kind, f.Code)
	case FaultDelay:
		return fmt.Sprintf("%s %s", f.Kind, f.Delay)
	}
	return f.Kind
}

// faultKinds lists the kinds this mock takes: "code" only where the API has envelope codes.
func (k *Kit) faultKinds() []string {
	if k.opts.RenderCode == nil {
		return []string{FaultStatus, FaultDelay, FaultDrop, FaultDropAfter}
	}
	return []string{FaultStatus, FaultCode, FaultDelay, FaultDrop, FaultDropAfter}
}

// AddFault makes the next requests of f.Route misbehave.
func (k *Kit) AddFault(f Fault) error {
	switch f.Kind {
	case FaultStatus:
		if f.Status == 0 {
			f.Status = http.StatusServiceUnavailable
		}
	case FaultCode:
		if k.opts.RenderCode == nil {
			return fmt.Errorf("%s has no code faults: its API answers errors with HTTP statuses (use kind %q)", k.opts.Name, FaultStatus)
		}
		if f.Code == 0 {
			f.Code = k.opts.DefaultCode
		}
	case FaultDelay, FaultDrop, FaultDropAfter:
	default:
		return fmt.Errorf("unknown fault kind %q (want %s)", f.Kind, strings.Join(k.faultKinds(), ", "))
	}
	if f.Route == "" {
		return errors.New(`a fault needs a route, as GET /_mock/calls names them, or "*" for every route`)
	}
	if f.Probability < 0 || f.Probability > 1 {
		return fmt.Errorf("a fault's probability is between 0 and 1, got %v", f.Probability)
	}
	if f.Times < 0 {
		return fmt.Errorf("a fault's times is 0 (until cleared) or more, got %d", f.Times)
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.faults = append(k.faults, &f)
	return nil
}

// Faults returns the faults still pending (a fault with Times is removed once used up).
func (k *Kit) Faults() []Fault {
	k.mu.Lock()
	defer k.mu.Unlock()
	out := make([]Fault, len(k.faults))
	for i, f := range k.faults {
		out[i] = *f
	}
	return out
}

// ClearFaults removes every fault.
func (k *Kit) ClearFaults() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.faults = nil
}

// takeFault returns a copy of the first fault that hits a request of route, if any, counting
// the hit (and removing the fault once used up).
func (k *Kit) takeFault(route string) *Fault {
	k.mu.Lock()
	defer k.mu.Unlock()
	for i, f := range k.faults {
		if f.Route != route && f.Route != AnyRoute {
			continue
		}
		if f.Probability > 0 && mathrand.Float64() >= f.Probability {
			continue
		}
		f.hits++
		if f.Times > 0 && f.hits >= f.Times {
			k.faults = append(k.faults[:i], k.faults[i+1:]...)
		}
		copied := *f
		return &copied
	}
	return nil
}
