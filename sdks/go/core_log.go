package namaskah

import (
	"io"
	"log/slog"
	"net/http"
	"os"
	"regexp"
	"strings"
)

// The SDK logs through a *slog.Logger: debug for every request and response, info for every retry.
// Without WithLogger it writes text to stderr at the level of NAMASKAH_LOG (debug, info, warn, error or
// off; default warn). Authorization, API keys, cookies and webhook secrets never reach the log.

// WithLogger sends the SDK's log records to logger (its handler decides the level).
func WithLogger(logger *slog.Logger) Option { return func(s *settings) { s.logger = logger } }

func defaultLogger() *slog.Logger {
	levels := map[string]slog.Level{"debug": slog.LevelDebug, "info": slog.LevelInfo, "warn": slog.LevelWarn, "warning": slog.LevelWarn, "error": slog.LevelError}
	name := strings.ToLower(os.Getenv("NAMASKAH_LOG"))
	if name == "off" {
		return slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	level, ok := levels[name]
	if !ok {
		level = slog.LevelWarn
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
}

var (
	secretHeader = regexp.MustCompile(`(?i)^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|webhook-secret|x-webhook-secret)$`)
	secretValue  = regexp.MustCompile(`\b(nmk_(live|test)_|whsec_|rtt_)\S*`)
)

// RedactHeaders returns header as a map safe to log: credentials, cookies and secrets are `[redacted]`.
func RedactHeaders(header http.Header) map[string]string {
	safe := make(map[string]string, len(header))
	for name, values := range header {
		value := strings.Join(values, ", ")
		if secretHeader.MatchString(name) {
			value = "[redacted]"
		} else {
			value = secretValue.ReplaceAllString(value, "[redacted]")
		}
		safe[name] = value
	}
	return safe
}
