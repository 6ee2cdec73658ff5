package namaskah

import (
	"net/http"
	"strconv"
	"strings"
)

// RateLimit is the rate-limit state a response reports (`RateLimit-*` and `Retry-After` headers).
// A header that is absent or malformed leaves its field unset.
type RateLimit struct {
	// Limit is the number of requests allowed in the current window.
	Limit Opt[int64]
	// Remaining is the number of requests left in the current window.
	Remaining Opt[int64]
	// ResetSeconds is the number of seconds until the window resets.
	ResetSeconds Opt[int64]
	// RetryAfterSeconds is how long the server asked to wait (429 and 503).
	RetryAfterSeconds Opt[int64]
}

// ParseRateLimit reads the rate-limit headers of a response.
func ParseRateLimit(h http.Header) RateLimit {
	return RateLimit{
		Limit:             intHeader(h, "ratelimit-limit"),
		Remaining:         intHeader(h, "ratelimit-remaining"),
		ResetSeconds:      intHeader(h, "ratelimit-reset"),
		RetryAfterSeconds: intHeader(h, "retry-after"),
	}
}

func intHeader(h http.Header, name string) Opt[int64] {
	raw := strings.TrimSpace(h.Get(name))
	if raw == "" {
		return Opt[int64]{}
	}
	v, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		return Opt[int64]{}
	}
	return Some(v)
}
