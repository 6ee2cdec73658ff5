package namaskah

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"os"
	"strings"
	"time"
)

// DefaultBaseURL is the production API.
const DefaultBaseURL = "https://api.namaskah.dev"

// HTTPDoer sends one HTTP request: *http.Client satisfies it, and so does any instrumented wrapper.
type HTTPDoer interface {
	Do(*http.Request) (*http.Response, error)
}

// RetryInfo is passed to the OnRetry hook before each retry.
type RetryInfo struct {
	// Attempt is 1 for the first retry.
	Attempt int
	// Delay is how long the client waits before sending again.
	Delay  time.Duration
	Method string
	URL    string
	// Err is the *APIError or *ConnectionError that caused the retry.
	Err error
}

// Option configures a Client (NewClient) or one call (the trailing opts of every method): a per-call
// option overrides the client's for that call only.
type Option func(*settings)

type settings struct {
	apiKey         func(context.Context) (string, error)
	baseURL        string
	httpClient     HTTPDoer
	maxRetries     int
	timeout        time.Duration
	maxRetryTime   time.Duration
	header         http.Header
	onRetry        func(RetryInfo)
	idempotencyKey string
	responseInfo   *ResponseInfo
	logger         *slog.Logger
	webhookSecret  string
	random         func() float64
	// sleep waits between retries; tests replace it to record the waits instead of sleeping.
	sleep func(context.Context, time.Duration) error
}

func defaultSettings() settings {
	s := settings{
		baseURL:       DefaultBaseURL,
		httpClient:    http.DefaultClient,
		maxRetries:    2,
		timeout:       60 * time.Second,
		maxRetryTime:  3 * time.Minute,
		header:        http.Header{},
		random:        rand.Float64,
		sleep:         sleep,
		logger:        defaultLogger(),
		webhookSecret: os.Getenv("NAMASKAH_WEBHOOK_SECRET"),
	}
	if key := os.Getenv("NAMASKAH_API_KEY"); key != "" {
		s.apiKey = staticKey(key)
	}
	if base := os.Getenv("NAMASKAH_BASE_URL"); base != "" {
		s.baseURL = strings.TrimRight(base, "/")
	}
	return s
}

func (s settings) with(opts []Option) settings {
	if len(opts) == 0 {
		return s
	}
	s.header = s.header.Clone()
	for _, opt := range opts {
		opt(&s)
	}
	return s
}

func staticKey(key string) func(context.Context) (string, error) {
	return func(context.Context) (string, error) { return key, nil }
}

// WithAPIKey sets the API key (`nmk_live_...`) or access token, sent as a bearer token. Without it the
// client reads NAMASKAH_API_KEY. An empty key means no credentials: calls that need them fail with
// *MissingCredentialsError before anything is sent.
func WithAPIKey(key string) Option {
	return func(s *settings) {
		s.apiKey = nil
		if key != "" {
			s.apiKey = staticKey(key)
		}
	}
}

// WithAPIKeyFunc computes the bearer token per request (a refreshed access token, a secret manager).
func WithAPIKeyFunc(f func(context.Context) (string, error)) Option {
	return func(s *settings) { s.apiKey = f }
}

// WithBaseURL sets the API's base URL (default DefaultBaseURL, or NAMASKAH_BASE_URL when set).
func WithBaseURL(url string) Option {
	return func(s *settings) { s.baseURL = strings.TrimRight(url, "/") }
}

// WithHTTPClient sets the HTTP client (default http.DefaultClient): proxies, transports, instrumentation.
func WithHTTPClient(c HTTPDoer) Option { return func(s *settings) { s.httpClient = c } }

// WithMaxRetries sets how many times a call is retried after its first attempt (default 2), on
// connection errors, 408, 409, 429 and 5xx other than 501 (Not Implemented is permanent).
func WithMaxRetries(n int) Option { return func(s *settings) { s.maxRetries = max(n, 0) } }

// WithTimeout bounds each attempt (default 60 s). A deadline on the call's context bounds the whole call.
func WithTimeout(d time.Duration) Option { return func(s *settings) { s.timeout = d } }

// WithMaxRetryTime bounds a whole call, retries and waits included (default 3 minutes): no retry is
// started whose wait would end past it.
func WithMaxRetryTime(d time.Duration) Option { return func(s *settings) { s.maxRetryTime = d } }

// WithHeader adds a header to every request (client option) or to one call (per-call option).
func WithHeader(name, value string) Option { return func(s *settings) { s.header.Set(name, value) } }

// WithOnRetry sets a hook called before every retry.
func WithOnRetry(f func(RetryInfo)) Option { return func(s *settings) { s.onRetry = f } }

// WithIdempotencyKey sets the Idempotency-Key of one unsafe POST (by default one is generated per
// call and reused by its retries).
func WithIdempotencyKey(key string) Option { return func(s *settings) { s.idempotencyKey = key } }

// ResponseInfo describes the HTTP response of a successful call; see WithResponseInfo.
type ResponseInfo struct {
	Status    int
	Header    http.Header
	RequestID string
	RateLimit RateLimit
}

// WithResponseInfo fills info with the status, headers, request id and rate-limit state of the call's
// successful response (a per-call option).
//
//	var info namaskah.ResponseInfo
//	wallet, err := client.Wallet.Retrieve(ctx, namaskah.WithResponseInfo(&info))
//	log.Println(info.RequestID, info.RateLimit.Remaining.Value())
func WithResponseInfo(info *ResponseInfo) Option { return func(s *settings) { s.responseInfo = info } }
