package namaskah

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Retry rules shared by every Namaskah SDK (DESIGN.md §7).

const (
	baseRetryDelay = 500 * time.Millisecond
	maxBackoff     = 8 * time.Second
	// MaxRetryAfter is the longest server-requested wait honoured; a longer one falls back to backoff.
	MaxRetryAfter = 60 * time.Second
)

// isRetryableStatus: 408, 409, 429 and any 5xx except 501 Not Implemented, which is permanent (the
// server does not support the operation), so another attempt can never succeed.
func isRetryableStatus(status int) bool {
	return status == 408 || status == 409 || status == 429 || (status >= 500 && status != 501)
}

// shouldRetry applies isRetryableStatus unless the server says otherwise with `x-should-retry: true|false`.
func shouldRetry(resp *http.Response) bool {
	switch resp.Header.Get("X-Should-Retry") {
	case "true":
		return true
	case "false":
		return false
	}
	return isRetryableStatus(resp.StatusCode)
}

// backoffDelay is the wait before retry number retry (0 for the first): min(0.5 s × 2^n, 8 s), less up
// to 25% jitter so that clients failing together do not retry together. random returns [0, 1).
func backoffDelay(retry int, random func() float64) time.Duration {
	ceiling := math.Min(float64(baseRetryDelay)*math.Pow(2, float64(retry)), float64(maxBackoff))
	return time.Duration(ceiling * (1 - 0.25*random()))
}

// serverRequestedDelay is the wait the server asked for: `retry-after-ms`, else `Retry-After` in
// seconds or as an HTTP date. ok is false when absent, unparseable, negative or above MaxRetryAfter.
func serverRequestedDelay(h http.Header, now time.Time) (time.Duration, bool) {
	var delay time.Duration
	if ms := strings.TrimSpace(h.Get("retry-after-ms")); ms != "" {
		f, err := strconv.ParseFloat(ms, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return 0, false
		}
		delay = time.Duration(math.Ceil(f * float64(time.Millisecond)))
	} else if after := strings.TrimSpace(h.Get("retry-after")); after != "" {
		if f, err := strconv.ParseFloat(after, 64); err == nil {
			delay = time.Duration(f * float64(time.Second))
		} else if at, err := http.ParseTime(after); err == nil {
			delay = at.Sub(now)
		} else {
			return 0, false
		}
	} else {
		return 0, false
	}
	if delay < 0 || delay > MaxRetryAfter {
		return 0, false
	}
	return delay, true
}
