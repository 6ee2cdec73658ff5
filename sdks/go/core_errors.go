package namaskah

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// FieldError is one field-level error of a `validation_failed` problem.
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Problem is an RFC 9457 problem body as the API sends it.
type Problem struct {
	Type      string       `json:"type,omitempty"`
	Title     string       `json:"title,omitempty"`
	Status    int          `json:"status,omitempty"`
	Detail    string       `json:"detail,omitempty"`
	Code      string       `json:"code,omitempty"`
	RequestID string       `json:"request_id,omitempty"`
	Errors    []FieldError `json:"errors,omitempty"`
}

// APIError is returned when the API answers with an error status. Get it with errors.As; match its
// status family or problem code with errors.Is and the sentinels (ErrNotFound, ErrRateLimit,
// ErrInsufficientBalance, ...).
//
//	_, err := client.Verifications.Create(ctx, params)
//	var apiErr *namaskah.APIError
//	if errors.Is(err, namaskah.ErrInsufficientBalance) && errors.As(err, &apiErr) {
//		log.Printf("top up first (request %s)", apiErr.RequestID)
//	}
type APIError struct {
	// Status is the HTTP status code.
	Status int
	// Code is the problem's stable machine code (`insufficient_balance`), empty when the body is not a problem.
	Code string
	// Problem is the parsed problem body, nil when the body was not a JSON object.
	Problem *Problem
	// Body is the raw response body.
	Body []byte
	// RequestID is the `Request-Id` header (or the problem's request_id).
	RequestID string
	// Header holds the response headers.
	Header http.Header
	// RateLimit is parsed from the response headers.
	RateLimit RateLimit
}

func newAPIError(status int, body []byte, header http.Header) *APIError {
	e := &APIError{Status: status, Body: body, Header: header, RateLimit: ParseRateLimit(header)}
	var problem Problem
	if len(body) > 0 && body[0] == '{' && json.Unmarshal(body, &problem) == nil {
		e.Problem = &problem
		e.Code = problem.Code
	}
	e.RequestID = header.Get("Request-Id")
	if e.RequestID == "" && e.Problem != nil {
		e.RequestID = e.Problem.RequestID
	}
	return e
}

// Error describes the status, the code and the detail.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "namaskah: %d", e.Status)
	if e.Code != "" {
		b.WriteString(" " + e.Code)
	}
	detail := ""
	if e.Problem != nil {
		detail = e.Problem.Detail
		if detail == "" {
			detail = e.Problem.Title
		}
	} else if len(e.Body) > 0 {
		detail = string(e.Body)
		if len(detail) > 200 {
			detail = detail[:200]
		}
	}
	if detail != "" {
		b.WriteString(": " + detail)
	}
	if e.RequestID != "" {
		b.WriteString(" (request " + e.RequestID + ")")
	}
	return b.String()
}

// FieldErrors are the field-level errors of a `validation_failed` problem.
func (e *APIError) FieldErrors() []FieldError {
	if e.Problem == nil {
		return nil
	}
	return e.Problem.Errors
}

// Is matches an *ErrorKind: a status-family sentinel by status (ErrInternalServer matches any 5xx),
// a problem-code sentinel by code within the same status family (an unknown or mismatched code is
// handled by its status, as in every Namaskah SDK).
func (e *APIError) Is(target error) bool {
	kind, ok := target.(*ErrorKind)
	if !ok {
		return false
	}
	if statusFamily(e.Status) != statusFamily(kind.Status) {
		return false
	}
	return kind.Code == "" || kind.Code == e.Code
}

func statusFamily(status int) int {
	if status >= 500 {
		return 500
	}
	return status
}

// ErrorKind is a sentinel for errors.Is: a status family (Code empty) or a problem code.
type ErrorKind struct {
	// Code is the problem code, empty for a status-family sentinel.
	Code string
	// Status is the HTTP status (500 stands for every 5xx).
	Status int
}

func (k *ErrorKind) Error() string {
	if k.Code != "" {
		return fmt.Sprintf("namaskah: problem %s (HTTP %d)", k.Code, k.Status)
	}
	return fmt.Sprintf("namaskah: HTTP %d", k.Status)
}

// Status-family sentinels; the per-code ones (ErrInsufficientBalance, ...) are generated from the spec.
var (
	ErrBadRequest           = &ErrorKind{Status: 400}
	ErrAuthentication       = &ErrorKind{Status: 401}
	ErrPaymentRequired      = &ErrorKind{Status: 402}
	ErrPermissionDenied     = &ErrorKind{Status: 403}
	ErrNotFound             = &ErrorKind{Status: 404}
	ErrConflict             = &ErrorKind{Status: 409}
	ErrGone                 = &ErrorKind{Status: 410}
	ErrPayloadTooLarge      = &ErrorKind{Status: 413}
	ErrUnsupportedMediaType = &ErrorKind{Status: 415}
	ErrUnprocessableEntity  = &ErrorKind{Status: 422}
	ErrRateLimit            = &ErrorKind{Status: 429}
	ErrInternalServer       = &ErrorKind{Status: 500}
)

// ConnectionError is returned when a request got no HTTP response (DNS, refused connection, reset,
// timeout) after its retries. Unwrap gives the transport's error.
type ConnectionError struct {
	// Timedout is true when the attempt ran past its timeout.
	Timedout bool
	Err      error
}

func (e *ConnectionError) Error() string {
	if e.Timedout {
		return "namaskah: request timed out: " + e.Err.Error()
	}
	return "namaskah: connection error: " + e.Err.Error()
}

func (e *ConnectionError) Unwrap() error { return e.Err }

// Timeout reports whether the attempt timed out (the net.Error convention).
func (e *ConnectionError) Timeout() bool { return e.Timedout }

// MissingCredentialsError: the call needs an API key or access token and the client has none (no
// WithAPIKey and no NAMASKAH_API_KEY). Nothing was sent.
type MissingCredentialsError struct {
	// Operation is `METHOD /path/{template}`.
	Operation string
}

func (e *MissingCredentialsError) Error() string {
	return "namaskah: " + e.Operation + " needs credentials: pass namaskah.WithAPIKey(...) or set NAMASKAH_API_KEY"
}
