package namaskah

// The runner of the language-neutral conformance suite (test/conformance/README.md): every case of
// every file under test/conformance/cases runs as its own subtest, with no list to maintain. It is an
// in-package test only so that it can record retry waits instead of sleeping them.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

const conformanceRoot = "../../test/conformance/cases"

// knownFailures: "file :: case" -> reason. Must stay empty; an entry that passes fails the run.
var knownFailures = map[string]string{}

type conformanceFile struct {
	Description string            `json:"description"`
	Cases       []json.RawMessage `json:"cases"`
}

func TestConformance(t *testing.T) {
	var files []string
	err := filepath.WalkDir(conformanceRoot, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".json") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatalf("conformance cases: %v", err)
	}
	sort.Strings(files)
	if len(files) == 0 {
		t.Fatal("no conformance case found")
	}
	ir := loadIR(t)
	for _, file := range files {
		rel, _ := filepath.Rel(conformanceRoot, file)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var cf conformanceFile
		if err := strictUnmarshal(data, &cf); err != nil {
			t.Errorf("%s: UNSUPPORTED: %v", rel, err)
			continue
		}
		for _, raw := range cf.Cases {
			var head struct {
				Name string `json:"name"`
				Kind string `json:"kind"`
			}
			_ = json.Unmarshal(raw, &head)
			id := rel + " :: " + head.Name
			t.Run(id, func(t *testing.T) {
				reason, known := knownFailures[id]
				failed := runCase(t, ir, head.Kind, raw)
				if known && !failed {
					t.Errorf("listed in knownFailures (%s) but passes: remove the entry", reason)
				}
			})
		}
	}
}

// runCase reports failures through a recorder so a known failure can be told apart from a pass.
func runCase(t *testing.T, ir *irDoc, kind string, raw json.RawMessage) bool {
	r := &recorder{}
	switch kind {
	case "request", "response", "error", "retry", "pagination":
		runHTTPCase(r, ir, raw)
	case "webhook_verify":
		runWebhookVerify(r, raw)
	case "webhook_sign":
		runWebhookSign(r, raw)
	default:
		r.fail("UNSUPPORTED: unknown kind %q", kind)
	}
	for _, msg := range r.failures {
		t.Error(msg)
	}
	return len(r.failures) > 0
}

type recorder struct{ failures []string }

func (r *recorder) fail(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}

func strictUnmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// ---- the IR, to map tag + operation_id to a method ----

type irDoc struct {
	Resources []struct {
		Tag        string `json:"tag"`
		Name       string `json:"name"`
		Operations []struct {
			ID         string   `json:"id"`
			SDKName    []string `json:"sdkName"`
			PathParams []struct {
				Name string `json:"name"`
			} `json:"pathParams"`
			Pagination *struct{} `json:"pagination"`
		} `json:"operations"`
	} `json:"resources"`
}

func loadIR(t *testing.T) *irDoc {
	data, err := os.ReadFile("../../generators/ir/ir.json")
	if err != nil {
		t.Fatal(err)
	}
	var ir irDoc
	if err := json.Unmarshal(data, &ir); err != nil {
		t.Fatal(err)
	}
	return &ir
}

// ---- HTTP cases ----

type httpCase struct {
	Name        string `json:"name"`
	Kind        string `json:"kind"`
	Description string `json:"description"`
	Comment     string `json:"$comment"`
	Client      *struct {
		// APIKey is raw so that null (no credentials) and absent (the default key) stay apart.
		APIKey      json.RawMessage `json:"api_key"`
		MaxRetries  *int            `json:"max_retries"`
		Description string          `json:"description"`
	} `json:"client"`
	Call struct {
		Tag          string                     `json:"tag"`
		OperationID  string                     `json:"operation_id"`
		PathParams   map[string]string          `json:"path_params"`
		Query        map[string]json.RawMessage `json:"query"`
		HeaderParams map[string]json.RawMessage `json:"header_params"`
		Body         json.RawMessage            `json:"body"`
		Options      *struct {
			IdempotencyKey string `json:"idempotency_key"`
		} `json:"options"`
		Iterate     json.RawMessage `json:"iterate"`
		Description string          `json:"description"`
	} `json:"call"`
	Responses []scriptedResponse `json:"responses"`
	Expect    struct {
		Attempts                 *int              `json:"attempts"`
		Requests                 []json.RawMessage `json:"requests"`
		AllRequests              json.RawMessage   `json:"all_requests"`
		SameHeaderAcrossRequests []string          `json:"same_header_across_requests"`
		Waits                    []struct {
			MinMS *float64 `json:"min_ms"`
			MaxMS *float64 `json:"max_ms"`
		} `json:"waits"`
		Result       json.RawMessage `json:"result"`
		ResponseMeta *struct {
			RequestID *string           `json:"request_id"`
			RateLimit map[string]*int64 `json:"rate_limit"`
		} `json:"response_meta"`
		Error       json.RawMessage `json:"error"`
		Description string          `json:"description"`
	} `json:"expect"`
}

type scriptedResponse struct {
	Status       int               `json:"status"`
	Headers      map[string]string `json:"headers"`
	Body         json.RawMessage   `json:"body"`
	BodyText     *string           `json:"body_text"`
	NetworkError string            `json:"network_error"`
	Description  string            `json:"description"`
}

type sentRequest struct {
	method, path string
	query        map[string][]string
	header       http.Header
	body         []byte
}

// scriptTransport answers the n-th request with the n-th scripted response and records every request.
type scriptTransport struct {
	mu        sync.Mutex
	responses []scriptedResponse
	sent      []sentRequest
	overflow  bool
}

type networkError struct{ kind string }

func (e *networkError) Error() string { return "simulated " + e.kind }

func (s *scriptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		req.Body.Close()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent = append(s.sent, sentRequest{method: req.Method, path: req.URL.EscapedPath(), query: req.URL.Query(), header: req.Header.Clone(), body: body})
	n := len(s.sent) - 1
	if n >= len(s.responses) {
		s.overflow = true
		return nil, errors.New("unexpected request")
	}
	r := s.responses[n]
	if r.NetworkError != "" {
		return nil, &networkError{r.NetworkError}
	}
	header := http.Header{}
	for k, v := range r.Headers {
		header.Set(k, v)
	}
	var payload []byte
	switch {
	case r.BodyText != nil:
		payload = []byte(*r.BodyText)
	case len(r.Body) > 0:
		payload = r.Body
		if header.Get("Content-Type") == "" {
			if r.Status >= 400 {
				header.Set("Content-Type", "application/problem+json")
			} else {
				header.Set("Content-Type", "application/json")
			}
		}
	}
	return &http.Response{StatusCode: r.Status, Header: header, Body: io.NopCloser(bytes.NewReader(payload)), Request: req}, nil
}

func runHTTPCase(r *recorder, ir *irDoc, raw json.RawMessage) {
	var c httpCase
	if err := strictUnmarshal(raw, &c); err != nil {
		r.fail("UNSUPPORTED: %v", err)
		return
	}
	transport := &scriptTransport{responses: c.Responses}
	opts := []Option{WithBaseURL("http://conformance.test"), WithHTTPClient(&http.Client{Transport: transport}), WithAPIKey("nmk_test_conformance")}
	if c.Client != nil {
		if len(c.Client.APIKey) > 0 {
			var key *string
			if err := json.Unmarshal(c.Client.APIKey, &key); err != nil {
				r.fail("UNSUPPORTED: client.api_key: %v", err)
				return
			}
			opts = append(opts, WithAPIKey(""))
			if key != nil {
				opts = append(opts, WithAPIKey(*key))
			}
		}
		if c.Client.MaxRetries != nil {
			opts = append(opts, WithMaxRetries(*c.Client.MaxRetries))
		}
	}
	client := NewClient(opts...)
	var waits []time.Duration
	client.r.settings.sleep = func(ctx context.Context, d time.Duration) error {
		waits = append(waits, d)
		return ctx.Err()
	}
	var info ResponseInfo
	callOpts := []Option{WithResponseInfo(&info)}
	if c.Call.Options != nil && c.Call.Options.IdempotencyKey != "" {
		callOpts = append(callOpts, WithIdempotencyKey(c.Call.Options.IdempotencyKey))
	}

	result, resultValue, noValue, callErr, unsupported := invoke(client, ir, &c, callOpts)
	if unsupported != "" {
		r.fail("UNSUPPORTED: %s", unsupported)
		return
	}
	if transport.overflow {
		r.fail("unexpected request #%d beyond the script", len(transport.sent))
	}
	e := c.Expect
	if e.Attempts != nil && len(transport.sent) != *e.Attempts {
		r.fail("attempts: sent %d, want %d", len(transport.sent), *e.Attempts)
	}
	for i, m := range e.Requests {
		if i >= len(transport.sent) {
			r.fail("request #%d was never sent", i+1)
			break
		}
		matchRequest(r, fmt.Sprintf("request #%d", i+1), m, transport.sent[i])
	}
	if len(e.AllRequests) > 0 {
		for i, sent := range transport.sent {
			matchRequest(r, fmt.Sprintf("request #%d", i+1), e.AllRequests, sent)
		}
	}
	for _, name := range e.SameHeaderAcrossRequests {
		first := ""
		for i, sent := range transport.sent {
			v := sent.header.Get(name)
			if v == "" {
				r.fail("%s missing on request #%d", name, i+1)
			} else if i == 0 {
				first = v
			} else if v != first {
				r.fail("%s differs: %q then %q", name, first, v)
			}
		}
	}
	if len(e.Waits) > 0 {
		if len(waits) != len(e.Waits) {
			r.fail("waits: %d retries waited, want %d (%v)", len(waits), len(e.Waits), waits)
		}
		for i := 0; i < len(waits) && i < len(e.Waits); i++ {
			ms := float64(waits[i]) / float64(time.Millisecond)
			if w := e.Waits[i]; w.MinMS != nil && ms < *w.MinMS {
				r.fail("wait #%d: %.0f ms < min %.0f ms", i+1, ms, *w.MinMS)
			} else if w.MaxMS != nil && ms > *w.MaxMS {
				r.fail("wait #%d: %.0f ms > max %.0f ms", i+1, ms, *w.MaxMS)
			}
		}
	}
	if len(e.Error) > 0 {
		if callErr == nil {
			r.fail("the call succeeded; want an error")
		} else {
			matchError(r, e.Error, callErr)
		}
		return
	}
	if callErr != nil {
		r.fail("the call failed: %v", callErr)
		return
	}
	if len(e.Result) > 0 {
		matchValue(r, "result", e.Result, result, resultValue, noValue)
	}
	if m := e.ResponseMeta; m != nil {
		if m.RequestID != nil && info.RequestID != *m.RequestID {
			r.fail("response request id %q, want %q", info.RequestID, *m.RequestID)
		}
		matchRateLimit(r, m.RateLimit, info.RateLimit)
	}
}

// invoke calls the SDK method of the case through reflection: client.<Tag>.<Method>(ctx, path params...,
// params or body, opts...). It returns the result as JSON (through the SDK's own encoding) and as a Go value.
func invoke(client *Client, ir *irDoc, c *httpCase, opts []Option) (result any, value reflect.Value, noValue bool, callErr error, unsupported string) {
	for _, res := range ir.Resources {
		if res.Tag != c.Call.Tag {
			continue
		}
		for _, op := range res.Operations {
			if op.ID != c.Call.OperationID {
				continue
			}
			iterate, maxItems := false, 0
			if len(c.Call.Iterate) > 0 && string(c.Call.Iterate) != "false" {
				iterate = true
				var it struct {
					MaxItems int `json:"max_items"`
				}
				if string(c.Call.Iterate) != "true" {
					if err := strictUnmarshal(c.Call.Iterate, &it); err != nil {
						return nil, value, false, nil, "iterate: " + err.Error()
					}
					maxItems = it.MaxItems
				}
			}
			// The operation's SDK name walks the nested services: client.WebhookEndpoints.Deliveries.List.
			methodName := op.SDKName[len(op.SDKName)-1]
			if op.Pagination != nil && !iterate {
				methodName += "Page"
			}
			service := reflect.ValueOf(client)
			for _, name := range op.SDKName[:len(op.SDKName)-1] {
				service = fieldFold(service.Elem(), name)
				if !service.IsValid() {
					return nil, value, false, nil, "no service " + strings.Join(op.SDKName, ".") + " for tag " + res.Tag
				}
			}
			method := methodFold(service, methodName)
			if !method.IsValid() {
				return nil, value, false, nil, "no method " + methodName + " on " + service.Type().String()
			}
			args := []reflect.Value{reflect.ValueOf(context.Background())}
			for _, p := range op.PathParams {
				args = append(args, reflect.ValueOf(c.Call.PathParams[p.Name]))
			}
			mt := method.Type()
			if mt.NumIn() > len(args)+1 {
				argType := mt.In(len(args))
				arg := reflect.New(argType)
				if _, isParams := argType.FieldByName("Body"); argType.Kind() == reflect.Struct && strings.HasSuffix(argType.Name(), "Params") || isParams {
					params := map[string]json.RawMessage{}
					for k, v := range c.Call.Query {
						params[k] = v
					}
					for k, v := range c.Call.HeaderParams {
						params[k] = v
					}
					data, _ := json.Marshal(params)
					if err := strictUnmarshal(data, arg.Interface()); err != nil {
						return nil, value, false, nil, "parameters: " + err.Error()
					}
					if len(c.Call.Body) > 0 {
						if err := json.Unmarshal(c.Call.Body, arg.Elem().FieldByName("Body").Addr().Interface()); err != nil {
							return nil, value, false, nil, "body: " + err.Error()
						}
					}
				} else if len(c.Call.Body) > 0 {
					if err := strictUnmarshal(c.Call.Body, arg.Interface()); err != nil {
						return nil, value, false, nil, "body: " + err.Error()
					}
				}
				args = append(args, arg.Elem())
			} else if len(c.Call.Body) > 0 || len(c.Call.Query) > 0 || len(c.Call.HeaderParams) > 0 {
				return nil, value, false, nil, "the method takes no parameters or body"
			}
			for _, o := range opts {
				args = append(args, reflect.ValueOf(o))
			}
			out := method.Call(args)
			if iterate {
				return collect(out[0], maxItems)
			}
			if len(out) == 1 {
				err, _ := out[0].Interface().(error)
				return nil, value, true, err, ""
			}
			err, _ := out[1].Interface().(error)
			if err != nil {
				return nil, value, false, err, ""
			}
			return toWire(out[0].Interface()), out[0], false, nil, ""
		}
	}
	return nil, value, false, nil, fmt.Sprintf("no operation %s in tag %s", c.Call.OperationID, c.Call.Tag)
}

// collect ranges over an iter.Seq2[T, error] held in a reflect.Value.
func collect(seq reflect.Value, maxItems int) (any, reflect.Value, bool, error, string) {
	items := reflect.MakeSlice(reflect.SliceOf(seq.Type().In(0).In(0)), 0, 0)
	var failure error
	for item, err := range seq.Seq2() {
		if !err.IsNil() {
			failure = err.Interface().(error)
			break
		}
		items = reflect.Append(items, item)
		if maxItems > 0 && items.Len() >= maxItems {
			break
		}
	}
	if failure != nil {
		return nil, reflect.Value{}, false, failure, ""
	}
	return toWire(items.Interface()), items, false, nil, ""
}

func fieldFold(v reflect.Value, name string) reflect.Value {
	want := strings.NewReplacer("-", "", "_", "").Replace(name)
	for i := range v.NumField() {
		if f := v.Type().Field(i); f.IsExported() && strings.EqualFold(f.Name, want) {
			return v.Field(i)
		}
	}
	for i := range v.NumField() {
		if f := v.Type().Field(i); f.Anonymous {
			if found := fieldFold(v.Field(i), name); found.IsValid() {
				return found
			}
		}
	}
	return reflect.Value{}
}

func methodFold(v reflect.Value, name string) reflect.Value {
	for i := range v.NumMethod() {
		if strings.EqualFold(v.Type().Method(i).Name, name) {
			return v.Method(i)
		}
	}
	return reflect.Value{}
}

// toWire turns a decoded value back into its JSON wire form with the SDK's own encoding.
func toWire(v any) any {
	data, err := marshalJSON(v)
	if err != nil {
		return fmt.Sprintf("<unencodable: %v>", err)
	}
	var out any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	_ = dec.Decode(&out)
	return out
}

func matchRequest(r *recorder, where string, raw json.RawMessage, sent sentRequest) {
	var m struct {
		Method      string                     `json:"method"`
		Path        *string                    `json:"path"`
		Query       map[string]json.RawMessage `json:"query"`
		Headers     map[string]json.RawMessage `json:"headers"`
		Body        json.RawMessage            `json:"body"`
		NoBody      bool                       `json:"no_body"`
		Description string                     `json:"description"`
	}
	if err := strictUnmarshal(raw, &m); err != nil {
		r.fail("UNSUPPORTED: %s: %v", where, err)
		return
	}
	if m.Method != "" && sent.method != m.Method {
		r.fail("%s: method %s, want %s", where, sent.method, m.Method)
	}
	if m.Path != nil && sent.path != *m.Path {
		r.fail("%s: path %s, want %s", where, sent.path, *m.Path)
	}
	if m.Query != nil {
		want := map[string][]string{}
		for k, v := range m.Query {
			var list []string
			if json.Unmarshal(v, &list) != nil {
				var one string
				_ = json.Unmarshal(v, &one)
				list = []string{one}
			}
			want[k] = list
		}
		if !reflect.DeepEqual(want, map[string][]string(sent.query)) && !(len(want) == 0 && len(sent.query) == 0) {
			r.fail("%s: query %v, want %v", where, sent.query, want)
		}
	}
	for name, raw := range m.Headers {
		var hm struct {
			Equals    *string `json:"equals"`
			Contains  *string `json:"contains"`
			MediaType *string `json:"media_type"`
			Present   *bool   `json:"present"`
			Matches   *string `json:"matches"`
		}
		if err := strictUnmarshal(raw, &hm); err != nil {
			r.fail("UNSUPPORTED: %s header %s: %v", where, name, err)
			continue
		}
		values, present := sent.header[http.CanonicalHeaderKey(name)]
		got := strings.Join(values, ", ")
		switch {
		case hm.Present != nil && present != *hm.Present:
			r.fail("%s: header %s present=%v, want %v", where, name, present, *hm.Present)
		case hm.Equals != nil && got != *hm.Equals:
			r.fail("%s: header %s = %q, want %q", where, name, got, *hm.Equals)
		case hm.Contains != nil && !strings.Contains(got, *hm.Contains):
			r.fail("%s: header %s = %q, want it to contain %q", where, name, got, *hm.Contains)
		case hm.MediaType != nil && !strings.EqualFold(strings.TrimSpace(strings.Split(got, ";")[0]), *hm.MediaType):
			r.fail("%s: header %s = %q, want media type %q", where, name, got, *hm.MediaType)
		case hm.Matches != nil && !regexp.MustCompile(*hm.Matches).MatchString(got):
			r.fail("%s: header %s = %q, want it to match %s", where, name, got, *hm.Matches)
		}
	}
	if m.NoBody && len(sent.body) > 0 {
		r.fail("%s: sent a body %q, want none", where, sent.body)
	}
	if len(m.Body) > 0 {
		var got, want any
		if err := json.Unmarshal(sent.body, &got); err != nil {
			r.fail("%s: body %q is not JSON", where, sent.body)
			return
		}
		_ = json.Unmarshal(m.Body, &want)
		if !reflect.DeepEqual(got, want) {
			r.fail("%s: body %s, want %s", where, sent.body, m.Body)
		}
		for _, number := range regexp.MustCompile(`:\s*-?\d+\.\d+`).FindAllString(string(sent.body), -1) {
			if !bytes.Contains(m.Body, []byte(strings.TrimSpace(strings.TrimPrefix(number, ":")))) {
				r.fail("%s: body sends %s with a fraction", where, number)
			}
		}
	}
}

func matchError(r *recorder, raw json.RawMessage, err error) {
	var m struct {
		Family      string            `json:"family"`
		Status      *int              `json:"status"`
		Code        json.RawMessage   `json:"code"`
		CodeClass   *bool             `json:"code_class"`
		RequestID   *string           `json:"request_id"`
		RateLimit   map[string]*int64 `json:"rate_limit"`
		FieldErrors json.RawMessage   `json:"field_errors"`
		Description string            `json:"description"`
	}
	if e := strictUnmarshal(raw, &m); e != nil {
		r.fail("UNSUPPORTED: error matcher: %v", e)
		return
	}
	var connErr *ConnectionError
	var apiErr *APIError
	switch m.Family {
	case "connection":
		if !errors.As(err, &connErr) {
			r.fail("error %v (%T), want a *ConnectionError", err, err)
		}
		return
	case "timeout":
		if !errors.As(err, &connErr) || !connErr.Timeout() {
			r.fail("error %v (%T), want a timed-out *ConnectionError", err, err)
		}
		return
	case "missing_credentials":
		var missing *MissingCredentialsError
		if !errors.As(err, &missing) {
			r.fail("error %v (%T), want a *MissingCredentialsError", err, err)
		}
		return
	}
	if !errors.As(err, &apiErr) {
		r.fail("error %v (%T), want an *APIError", err, err)
		return
	}
	families := map[string]*ErrorKind{
		"bad_request": ErrBadRequest, "authentication": ErrAuthentication, "payment_required": ErrPaymentRequired,
		"permission_denied": ErrPermissionDenied, "not_found": ErrNotFound, "conflict": ErrConflict, "gone": ErrGone,
		"payload_too_large": ErrPayloadTooLarge, "unsupported_media_type": ErrUnsupportedMediaType,
		"unprocessable_entity": ErrUnprocessableEntity, "rate_limit": ErrRateLimit, "internal_server": ErrInternalServer,
	}
	if m.Family == "api" {
		for name, kind := range families {
			if errors.Is(err, kind) {
				r.fail("error matches the %s family, want the generic API error", name)
			}
		}
	} else if kind, ok := families[m.Family]; !ok {
		r.fail("UNSUPPORTED: error family %q", m.Family)
	} else if !errors.Is(err, kind) {
		r.fail("error %v does not match family %s", err, m.Family)
	}
	if m.Status != nil && apiErr.Status != *m.Status {
		r.fail("error status %d, want %d", apiErr.Status, *m.Status)
	}
	if len(m.Code) > 0 {
		var code *string
		_ = json.Unmarshal(m.Code, &code)
		if code == nil && apiErr.Code != "" || code != nil && apiErr.Code != *code {
			r.fail("error code %q, want %s", apiErr.Code, m.Code)
		}
	}
	// Go has per-code sentinels rather than per-code types: code_class true means the code's sentinel
	// (ErrorKinds[code]) matches; false means none of the per-code sentinels does.
	if m.CodeClass != nil {
		matched := ""
		for code, kind := range ErrorKinds {
			if kind.Code != "" && errors.Is(err, kind) {
				matched = code
			}
		}
		if *m.CodeClass && (matched == "" || matched != apiErr.Code) {
			r.fail("no per-code sentinel matches code %q", apiErr.Code)
		}
		if !*m.CodeClass && matched != "" {
			r.fail("the per-code sentinel of %q matches, want only the family", matched)
		}
	}
	if m.RequestID != nil && apiErr.RequestID != *m.RequestID {
		r.fail("error request id %q, want %q", apiErr.RequestID, *m.RequestID)
	}
	matchRateLimit(r, m.RateLimit, apiErr.RateLimit)
	if len(m.FieldErrors) > 0 {
		var want, got any
		_ = json.Unmarshal(m.FieldErrors, &want)
		data, _ := json.Marshal(apiErr.FieldErrors())
		_ = json.Unmarshal(data, &got)
		if !reflect.DeepEqual(want, got) {
			r.fail("field errors %s, want %s", data, m.FieldErrors)
		}
	}
}

func matchRateLimit(r *recorder, want map[string]*int64, got RateLimit) {
	fields := map[string]Opt[int64]{"limit": got.Limit, "remaining": got.Remaining, "reset_seconds": got.ResetSeconds, "retry_after_seconds": got.RetryAfterSeconds}
	for key, w := range want {
		g, known := fields[key]
		switch {
		case !known:
			r.fail("UNSUPPORTED: rate_limit key %q", key)
		case w == nil && g.IsSet():
			r.fail("rate limit %s = %d, want absent", key, g.Value())
		case w != nil && (!g.IsSet() || g.Value() != *w):
			r.fail("rate limit %s = %v, want %d", key, g, *w)
		}
	}
}

// ---- value matchers ----

func matchValue(r *recorder, where string, raw json.RawMessage, actual any, goValue reflect.Value, noValue bool) {
	var m struct {
		Equals json.RawMessage `json:"equals"`
		Checks []struct {
			Pointer string          `json:"pointer"`
			Equals  json.RawMessage `json:"equals"`
			Type    string          `json:"type"`
			Length  *int            `json:"length"`
		} `json:"checks"`
		Description string `json:"description"`
	}
	if err := strictUnmarshal(raw, &m); err != nil {
		r.fail("UNSUPPORTED: %s matcher: %v", where, err)
		return
	}
	if len(m.Equals) > 0 {
		want := decodeNumbers(m.Equals)
		if msg := compareWire(want, actual, goValue, ""); msg != "" {
			r.fail("%s: %s", where, msg)
		}
	}
	for _, check := range m.Checks {
		if noValue {
			if check.Pointer != "" || check.Type != "absent" {
				r.fail("%s: the method returns no value; check %s %s cannot hold", where, check.Pointer, check.Type)
			}
			continue
		}
		value, gv, found := resolvePointer(actual, goValue, check.Pointer)
		switch {
		case len(check.Equals) > 0:
			if !found {
				r.fail("%s%s: absent, want %s", where, check.Pointer, check.Equals)
			} else if msg := compareWire(decodeNumbers(check.Equals), value, gv, check.Pointer); msg != "" {
				r.fail("%s: %s", where, msg)
			}
		case check.Type != "":
			if got := wireType(value, gv, found); got != check.Type && !(check.Type == "number" && got == "integer") {
				r.fail("%s%s: type %s, want %s", where, check.Pointer, got, check.Type)
			}
		case check.Length != nil:
			if list, ok := value.([]any); !ok || len(list) != *check.Length {
				r.fail("%s%s: length of %v, want %d", where, check.Pointer, value, *check.Length)
			}
		default:
			r.fail("UNSUPPORTED: a check with no matcher at %s", check.Pointer)
		}
	}
}

func decodeNumbers(data []byte) any {
	var v any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	_ = dec.Decode(&v)
	return v
}

// goChild follows a JSON key (or index) into the Go value: struct fields by their json tag, through
// Opt and Nullable wrappers.
func goChild(gv reflect.Value, key string) reflect.Value {
	gv = unwrapGo(gv)
	if !gv.IsValid() {
		return gv
	}
	switch gv.Kind() {
	case reflect.Struct:
		for i := range gv.NumField() {
			tag := strings.Split(gv.Type().Field(i).Tag.Get("json"), ",")[0]
			if tag == key {
				return gv.Field(i)
			}
		}
	case reflect.Slice, reflect.Array:
		var i int
		if _, err := fmt.Sscan(key, &i); err == nil && i < gv.Len() {
			return gv.Index(i)
		}
	case reflect.Map:
		return gv.MapIndex(reflect.ValueOf(key))
	}
	return reflect.Value{}
}

func isOpt(gv reflect.Value) bool {
	return gv.IsValid() && gv.Kind() == reflect.Struct && strings.HasPrefix(gv.Type().Name(), "Opt[")
}

func unwrapGo(gv reflect.Value) reflect.Value {
	for gv.IsValid() {
		switch {
		case gv.Kind() == reflect.Pointer || gv.Kind() == reflect.Interface:
			gv = gv.Elem()
		case gv.Kind() == reflect.Struct && (strings.HasPrefix(gv.Type().Name(), "Opt[") || strings.HasPrefix(gv.Type().Name(), "Nullable[")):
			gv = gv.Field(0)
		default:
			return gv
		}
	}
	return gv
}

// compareWire deep-compares wire values, null and absent kept apart. One allowance, for Go's value
// types: a key the expectation leaves out may be present when its field is a required (non-Opt) field
// holding its zero value, because a Go struct cannot tell "the server omitted a required field" from
// its zero value. An optional field (Opt) gets no allowance: absent must be absent.
func compareWire(want, got any, gv reflect.Value, at string) string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: got %v, want an object", at, got)
		}
		for k, wv := range w {
			gvv, present := g[k]
			if !present {
				return fmt.Sprintf("%s/%s: absent, want %v", at, k, wv)
			}
			if msg := compareWire(wv, gvv, goChild(gv, k), at+"/"+k); msg != "" {
				return msg
			}
		}
		for k, gvv := range g {
			if _, expected := w[k]; expected {
				continue
			}
			child := goChild(gv, k)
			if isOpt(child) || !child.IsValid() || !isZeroWire(gvv) {
				return fmt.Sprintf("%s/%s: present (%v), want absent", at, k, gvv)
			}
		}
		return ""
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return fmt.Sprintf("%s: got %v, want %v", at, got, want)
		}
		for i := range w {
			if msg := compareWire(w[i], g[i], goChild(gv, fmt.Sprint(i)), fmt.Sprintf("%s/%d", at, i)); msg != "" {
				return msg
			}
		}
		return ""
	case json.Number:
		g, ok := got.(json.Number)
		if !ok || g.String() != w.String() {
			return fmt.Sprintf("%s: got %v, want %v", at, got, want)
		}
		return ""
	default:
		if !reflect.DeepEqual(want, got) {
			return fmt.Sprintf("%s: got %#v, want %#v", at, got, want)
		}
		return ""
	}
}

func isZeroWire(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == "" || x == "0001-01-01T00:00:00Z"
	case bool:
		return !x
	case json.Number:
		return x.String() == "0"
	case []any:
		return len(x) == 0
	case map[string]any:
		for _, e := range x {
			if !isZeroWire(e) {
				return false
			}
		}
		return true
	}
	return false
}

func resolvePointer(v any, gv reflect.Value, pointer string) (any, reflect.Value, bool) {
	if pointer == "" {
		return v, gv, true
	}
	for _, token := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		token = strings.NewReplacer("~1", "/", "~0", "~").Replace(token)
		gv = goChild(gv, token)
		switch x := v.(type) {
		case map[string]any:
			next, ok := x[token]
			if !ok {
				return nil, gv, false
			}
			v = next
		case []any:
			var i int
			if _, err := fmt.Sscan(token, &i); err != nil || i >= len(x) {
				return nil, gv, false
			}
			v = x[i]
		default:
			return nil, gv, false
		}
	}
	return v, gv, true
}

func wireType(v any, gv reflect.Value, found bool) string {
	if !found {
		return "absent"
	}
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case bool:
		return "boolean"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	case json.Number:
		if inner := unwrapGo(gv); inner.IsValid() {
			switch inner.Kind() {
			case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint32, reflect.Uint64:
				return "integer"
			case reflect.Float32, reflect.Float64:
				return "number"
			}
		}
		if strings.ContainsAny(x.String(), ".eE") {
			return "number"
		}
		return "integer"
	}
	return fmt.Sprintf("%T", v)
}

// ---- webhook vectors ----

type webhookCase struct {
	Name        string            `json:"name"`
	Kind        string            `json:"kind"`
	Description string            `json:"description"`
	Comment     string            `json:"$comment"`
	Secret      string            `json:"secret"`
	Payload     string            `json:"payload"`
	Headers     map[string]string `json:"headers"`
	Now         *int64            `json:"now"`
	Tolerance   *int64            `json:"tolerance_seconds"`
	MsgID       string            `json:"msg_id"`
	Timestamp   int64             `json:"timestamp"`
	Expect      struct {
		Valid       *bool             `json:"valid"`
		Event       json.RawMessage   `json:"event"`
		Reason      string            `json:"reason"`
		Headers     map[string]string `json:"headers"`
		Description string            `json:"description"`
	} `json:"expect"`
}

func runWebhookVerify(r *recorder, raw json.RawMessage) {
	var c webhookCase
	if err := strictUnmarshal(raw, &c); err != nil {
		r.fail("UNSUPPORTED: %v", err)
		return
	}
	header := http.Header{}
	for k, v := range c.Headers {
		header.Set(k, v)
	}
	var opts []WebhookOption
	if c.Now != nil {
		now := time.Unix(*c.Now, 0)
		opts = append(opts, WithNow(func() time.Time { return now }))
	}
	if c.Tolerance != nil {
		opts = append(opts, WithTolerance(time.Duration(*c.Tolerance)*time.Second))
	}
	event, err := VerifyWebhook([]byte(c.Payload), header, c.Secret, opts...)
	if c.Expect.Valid == nil {
		r.fail("UNSUPPORTED: expect.valid missing")
		return
	}
	if !*c.Expect.Valid {
		if err == nil || !errors.Is(err, ErrWebhookVerification) {
			r.fail("verification passed or failed oddly (%v); want a webhook verification error (%s)", err, c.Expect.Reason)
		}
		return
	}
	if err != nil {
		r.fail("verification failed: %v", err)
		return
	}
	if len(c.Expect.Event) > 0 {
		matchValue(r, "event", c.Expect.Event, toWire(event), reflect.ValueOf(event), false)
	}
}

func runWebhookSign(r *recorder, raw json.RawMessage) {
	var c webhookCase
	if err := strictUnmarshal(raw, &c); err != nil {
		r.fail("UNSUPPORTED: %v", err)
		return
	}
	at := time.Unix(c.Timestamp, 0)
	header, err := SignWebhook([]byte(c.Payload), c.Secret, WithMessageID(c.MsgID), WithNow(func() time.Time { return at }))
	if err != nil {
		r.fail("sign: %v", err)
		return
	}
	for k, want := range c.Expect.Headers {
		if got := header.Get(k); got != want {
			r.fail("header %s = %q, want %q", k, got, want)
		}
	}
}
