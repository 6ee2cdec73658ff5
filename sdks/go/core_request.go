package namaskah

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
)

type bodyKind int

const (
	bodyNone bodyKind = iota
	bodyJSON
	bodyForm
	bodyBinary
)

type responseKind int

const (
	responseJSON responseKind = iota
	responseBinary
	responseText
	responseEventStream
	responseRedirect
	responseEmpty
)

// apiRequest is what a generated method describes: one logical call, before retries.
type apiRequest struct {
	method      string
	path        string
	query       url.Values
	header      http.Header
	body        []byte
	contentType string
	idempotent  bool
	// public: the operation needs no credentials (the spec allows it without a bearer token).
	public bool
	err    error
}

// newRequest expands `{name}` placeholders of path with args, in order, path-escaped.
func newRequest(method, path string, args ...string) *apiRequest {
	r := &apiRequest{method: method, query: url.Values{}, header: http.Header{}}
	var b strings.Builder
	for i := 0; ; i++ {
		open := strings.IndexByte(path, '{')
		if open < 0 {
			b.WriteString(path)
			break
		}
		end := strings.IndexByte(path[open:], '}') + open
		name := path[open+1 : end]
		if i >= len(args) || args[i] == "" {
			r.err = fmt.Errorf("namaskah: missing path parameter %s", name)
			return r
		}
		b.WriteString(path[:open])
		b.WriteString(url.PathEscape(args[i]))
		path = path[end+1:]
	}
	r.path = b.String()
	return r
}

func (r *apiRequest) addQuery(name string, v any) {
	for _, s := range wireStrings(v) {
		r.query.Add(name, s)
	}
}

func (r *apiRequest) addHeader(name string, v any) {
	if values := wireStrings(v); len(values) > 0 {
		r.header.Set(name, strings.Join(values, ","))
	}
}

func (r *apiRequest) setBody(kind bodyKind, v any) {
	switch kind {
	case bodyBinary:
		r.body, _ = v.([]byte)
		r.contentType = "application/octet-stream"
	case bodyJSON:
		r.body, r.err = marshalJSON(v)
		r.contentType = "application/json"
	case bodyForm:
		form, err := formValues(v)
		r.body, r.err = []byte(form.Encode()), err
		r.contentType = "application/x-www-form-urlencoded"
	}
}

// wireStrings renders a parameter for a query string or header: nothing when unset or null, one
// string per element of a slice.
func wireStrings(v any) []string {
	if p, ok := v.(presence); ok {
		value, there := p.present()
		if !there {
			return nil
		}
		return wireStrings(value)
	}
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		return []string{x}
	case bool:
		return []string{strconv.FormatBool(x)}
	case time.Time:
		return []string{x.Format(time.RFC3339Nano)}
	case json.RawMessage:
		return []string{string(x)}
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		var out []string
		for i := range rv.Len() {
			out = append(out, wireStrings(rv.Index(i).Interface())...)
		}
		return out
	case reflect.String:
		return []string{rv.String()}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return []string{strconv.FormatInt(rv.Int(), 10)}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return []string{strconv.FormatUint(rv.Uint(), 10)}
	case reflect.Float32, reflect.Float64:
		return []string{strconv.FormatFloat(rv.Float(), 'f', -1, 64)}
	}
	return []string{fmt.Sprint(v)}
}

// formValues flattens a body to `application/x-www-form-urlencoded` fields through its JSON form, so
// the JSON names, `omitzero` and union encoding all apply.
func formValues(v any) (url.Values, error) {
	data, err := marshalJSON(v)
	if err != nil {
		return nil, err
	}
	var fields map[string]any
	if err := json.Unmarshal(data, &fields); err != nil {
		return nil, fmt.Errorf("namaskah: a form body must be an object: %w", err)
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	form := url.Values{}
	for _, k := range keys {
		switch x := fields[k].(type) {
		case nil:
		case string:
			form.Set(k, x)
		default:
			raw, _ := json.Marshal(x)
			form.Set(k, string(raw))
		}
	}
	return form, nil
}

// requester is the SDK's HTTP engine: auth, serialisation, timeouts, retries with backoff,
// idempotency keys, typed errors. Every generated service holds one.
type requester struct {
	settings settings
}

func (c *requester) url(s settings, r *apiRequest) string {
	u := s.baseURL + r.path
	if len(r.query) > 0 {
		u += "?" + r.query.Encode()
	}
	return u
}

// do sends one logical request with its retries and decodes the success response into out.
func (c *requester) do(ctx context.Context, r *apiRequest, kind responseKind, out any, opts []Option) error {
	if r.err != nil {
		return r.err
	}
	s := c.settings.with(opts)
	if !r.public && s.apiKey == nil {
		return &MissingCredentialsError{Operation: r.method + " " + r.path}
	}
	target := c.url(s, r)
	header := http.Header{}
	if kind == responseEventStream {
		header.Set("Accept", "text/event-stream")
	} else {
		header.Set("Accept", "application/json, application/problem+json")
	}
	header.Set("User-Agent", "namaskah-go/"+Version)
	for k, v := range r.header {
		header[k] = v
	}
	if r.contentType != "" {
		header.Set("Content-Type", r.contentType)
	}
	if s.apiKey != nil {
		key, err := s.apiKey(ctx)
		if err != nil {
			return fmt.Errorf("namaskah: API key: %w", err)
		}
		if key != "" {
			header.Set("Authorization", "Bearer "+key)
		}
	}
	// One key per logical request, made once here and reused by every retry of it.
	if r.idempotent {
		key := s.idempotencyKey
		if key == "" {
			key = newUUID()
		}
		header.Set("Idempotency-Key", key)
	}
	for k, v := range s.header {
		header[k] = v
	}

	deadline := time.Now().Add(s.maxRetryTime)
	for attempt := 0; ; attempt++ {
		if s.logger.Enabled(ctx, slog.LevelDebug) {
			s.logger.DebugContext(ctx, "namaskah: request", "method", r.method, "url", target, "headers", RedactHeaders(header))
		}
		failure, retryAfter, hasRetryAfter, err := c.attempt(ctx, s, r, target, header, kind, out)
		if err != nil || failure == nil {
			return err
		}
		delay := backoffDelay(attempt, s.random)
		if hasRetryAfter {
			delay = retryAfter
		}
		if attempt >= s.maxRetries || time.Now().Add(delay).After(deadline) {
			return failure
		}
		s.logger.InfoContext(ctx, "namaskah: retrying", "method", r.method, "url", target, "delay", delay, "error", failure)
		if s.onRetry != nil {
			s.onRetry(RetryInfo{Attempt: attempt + 1, Delay: delay, Method: r.method, URL: target, Err: failure})
		}
		if err := s.sleep(ctx, delay); err != nil {
			return err
		}
	}
}

var errAttemptTimeout = errors.New("attempt timeout")

// attempt sends once. It returns a retryable failure (with the server's requested delay), or a final
// error, or neither on success.
func (c *requester) attempt(ctx context.Context, s settings, r *apiRequest, target string, header http.Header, kind responseKind, out any) (failure error, retryAfter time.Duration, hasRetryAfter bool, err error) {
	if err := ctx.Err(); err != nil {
		return nil, 0, false, err
	}
	attemptCtx, cancel := context.WithCancelCause(ctx)
	timer := time.AfterFunc(s.timeout, func() { cancel(errAttemptTimeout) })
	keepOpen := false
	defer func() {
		timer.Stop()
		if !keepOpen {
			cancel(nil)
		}
	}()

	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(attemptCtx, r.method, target, body)
	if err != nil {
		return nil, 0, false, fmt.Errorf("namaskah: %w", err)
	}
	req.Header = header.Clone()
	client := s.httpClient
	if kind == responseRedirect {
		client = noRedirects(client)
	}
	resp, sendErr := client.Do(req)
	if sendErr != nil {
		if ctx.Err() != nil {
			return nil, 0, false, ctx.Err()
		}
		return &ConnectionError{Timedout: errors.Is(context.Cause(attemptCtx), errAttemptTimeout), Err: sendErr}, 0, false, nil
	}

	if s.logger.Enabled(ctx, slog.LevelDebug) {
		s.logger.DebugContext(ctx, "namaskah: response", "status", resp.StatusCode, "method", r.method, "url", target, "request_id", resp.Header.Get("Request-Id"), "headers", RedactHeaders(resp.Header))
	}
	success := resp.StatusCode >= 200 && resp.StatusCode < 300
	if kind == responseRedirect && resp.StatusCode >= 300 && resp.StatusCode < 400 {
		success = true
	}
	if success && s.responseInfo != nil {
		*s.responseInfo = ResponseInfo{Status: resp.StatusCode, Header: resp.Header, RequestID: resp.Header.Get("Request-Id"), RateLimit: ParseRateLimit(resp.Header)}
	}
	if success && kind == responseEventStream {
		timer.Stop()
		keepOpen = true
		*(out.(**EventStream)) = newEventStream(resp.Body, func() { cancel(nil) })
		return nil, 0, false, nil
	}
	data, readErr := io.ReadAll(resp.Body)
	resp.Body.Close()
	if readErr != nil {
		if ctx.Err() != nil {
			return nil, 0, false, ctx.Err()
		}
		return &ConnectionError{Timedout: errors.Is(context.Cause(attemptCtx), errAttemptTimeout), Err: readErr}, 0, false, nil
	}
	if !success {
		apiErr := newAPIError(resp.StatusCode, data, resp.Header)
		if !shouldRetry(resp) {
			return nil, 0, false, apiErr
		}
		delay, ok := serverRequestedDelay(resp.Header, time.Now())
		return apiErr, delay, ok, nil
	}
	return nil, 0, false, decodeResponse(kind, resp, data, out)
}

func decodeResponse(kind responseKind, resp *http.Response, data []byte, out any) error {
	switch kind {
	case responseJSON:
		if len(bytes.TrimSpace(data)) == 0 || out == nil {
			return nil
		}
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("namaskah: the %d response does not match the contract: %w", resp.StatusCode, err)
		}
	case responseBinary:
		*(out.(*[]byte)) = data
	case responseText:
		*(out.(*string)) = string(data)
	case responseRedirect:
		*(out.(*Redirect)) = Redirect{Status: resp.StatusCode, Location: resp.Header.Get("Location")}
	}
	return nil
}

// Redirect is the answer of an operation that redirects (an OAuth authorization, a download link).
type Redirect struct {
	Status   int
	Location string
}

func noRedirects(doer HTTPDoer) HTTPDoer {
	hc, ok := doer.(*http.Client)
	if !ok {
		return doer
	}
	copied := *hc
	copied.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &copied
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// newUUID returns a random (version 4) UUID.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
