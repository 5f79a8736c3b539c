// Package yottaapi is a typed client of Yotta Labs' REST API v2 (https://api.yottalabs.ai/v2):
// pods, container registry credentials and the GPU catalogue. Every answer is Yotta's
// {message, code, data} envelope, checked on every call (HTTP 200 with a code other than 10000
// is an error carrying Yotta's message and code); ids are kept as strings; GET, DELETE and
// PATCH are retried on 429, 5xx and lost answers; a POST is retried only when Yotta provably
// did not act on it, and a create or action whose answer was lost is read back and settled
// rather than repeated blindly.
package yottaapi

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/runpod-community/terraform-provider-runpod/internal/kit/httpretry"
)

// DefaultBaseURL is Yotta's production API.
const DefaultBaseURL = "https://api.yottalabs.ai"

// Config configures a Client.
type Config struct {
	APIKey     string
	BaseURL    string // empty means DefaultBaseURL; requests go to <BaseURL>/v2/...
	UserAgent  string
	HTTPClient *http.Client // nil means a client with sane transport timeouts
	Retry      RetryPolicy  // zero means DefaultRetryPolicy
}

// RetryPolicy bounds retries of retryable failures; the context's deadline bounds them too.
type RetryPolicy = httpretry.Policy

// DefaultRetryPolicy is used when Config.Retry is zero.
var DefaultRetryPolicy = RetryPolicy{MaxAttempts: 6, MinBackoff: 500 * time.Millisecond, MaxBackoff: 30 * time.Second}

// Client calls Yotta's API. It is safe for concurrent use.
type Client struct {
	t *transport

	// created holds the ids of the objects this client created (from answers, or adopted
	// after a lost answer): a later recovery never adopts one of them as its own.
	mu      sync.Mutex
	created map[ID]bool

	// scaleInPath says the scale route worked in its path form (ScaleWorkers).
	scaleInPath atomic.Bool
}

// New returns a client for cfg.
func New(cfg Config) (*Client, error) {
	if strings.TrimSpace(cfg.APIKey) == "" {
		return nil, fmt.Errorf("an API key is required")
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("the API URL %q is not an http(s) URL such as %s", cfg.BaseURL, DefaultBaseURL)
	}
	if cfg.Retry == (RetryPolicy{}) {
		cfg.Retry = DefaultRetryPolicy
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = UserAgent("dev", "")
	}
	return &Client{t: newTransport(cfg), created: map[ID]bool{}}, nil
}

// UserAgent is the User-Agent the provider sends.
func UserAgent(providerVersion, terraformVersion string) string {
	if terraformVersion == "" {
		terraformVersion = "unknown"
	}
	return fmt.Sprintf("terraform-provider-yotta/%s (+terraform %s)", providerVersion, terraformVersion)
}

func (c *Client) remember(id ID) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.created[id] = true
}

func (c *Client) knows(id ID) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.created[id]
}
