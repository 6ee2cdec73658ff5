package namaskah_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	namaskah "github.com/namaskah/namaskah/sdks/go"
)

func newTestClient(t *testing.T, handler http.HandlerFunc, opts ...namaskah.Option) *namaskah.Client {
	t.Helper()
	server := httptest.NewServer(handler)
	t.Cleanup(server.Close)
	return namaskah.NewClient(append([]namaskah.Option{namaskah.WithBaseURL(server.URL), namaskah.WithAPIKey("nmk_test_unit")}, opts...)...)
}

func TestOptAndNullableKeepAbsentNullAndValueApart(t *testing.T) {
	type shape struct {
		Req  namaskah.Nullable[string]               `json:"req"`
		Opt  namaskah.Opt[string]                    `json:"opt,omitzero"`
		Both namaskah.Opt[namaskah.Nullable[string]] `json:"both,omitzero"`
	}
	cases := map[string]shape{
		`{"req":null}`:                      {},
		`{"req":"a","opt":"b"}`:             {Req: namaskah.NewNullable("a"), Opt: namaskah.Some("b")},
		`{"req":null,"both":null}`:          {Both: namaskah.Some(namaskah.Null[string]())},
		`{"req":null,"both":"x"}`:           {Both: namaskah.Some(namaskah.NewNullable("x"))},
		`{"req":null,"opt":"","both":null}`: {Opt: namaskah.Some(""), Both: namaskah.Some(namaskah.Null[string]())},
	}
	for want, value := range cases {
		got, err := json.Marshal(value)
		if err != nil || string(got) != want {
			t.Errorf("marshal %+v = %s (%v), want %s", value, got, err, want)
		}
		var back shape
		if err := json.Unmarshal([]byte(want), &back); err != nil || back != value {
			t.Errorf("unmarshal %s = %+v (%v), want %+v", want, back, err, value)
		}
	}
	var s shape
	_ = json.Unmarshal([]byte(`{"req":"v"}`), &s)
	if s.Both.IsSet() || s.Opt.IsSet() || s.Req.IsNull() {
		t.Fatalf("absent fields must stay unset: %+v", s)
	}
	if v, ok := s.Req.Get(); !ok || v != "v" || s.Opt.Or("fallback") != "fallback" {
		t.Fatal("accessors")
	}
}

func TestRetriesOn503ThenSucceedsWithOneIdempotencyKey(t *testing.T) {
	var calls atomic.Int32
	var keys []string
	var retries []namaskah.RetryInfo
	client := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		keys = append(keys, r.Header.Get("Idempotency-Key"))
		if calls.Add(1) == 1 {
			w.Header().Set("retry-after-ms", "5")
			w.WriteHeader(503)
			return
		}
		w.WriteHeader(201)
		_, _ = io.WriteString(w, `{"id":"ver_1","status":"pending"}`)
	}, namaskah.WithOnRetry(func(info namaskah.RetryInfo) { retries = append(retries, info) }))
	v, err := client.Verifications.Create(context.Background(), namaskah.CreateVerificationRequest{Service: "whatsapp", Country: "US"})
	if err != nil || v.ID != "ver_1" {
		t.Fatalf("create: %v %+v", err, v)
	}
	if calls.Load() != 2 || keys[0] == "" || keys[0] != keys[1] {
		t.Fatalf("calls %d keys %v", calls.Load(), keys)
	}
	if len(retries) != 1 || retries[0].Attempt != 1 || retries[0].Delay != 5*time.Millisecond {
		t.Fatalf("retries %+v", retries)
	}
}

func TestNoRetryOn400AndTypedErrors(t *testing.T) {
	var calls atomic.Int32
	client := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Request-Id", "req_9")
		w.Header().Set("RateLimit-Remaining", "7")
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(402)
		_, _ = io.WriteString(w, `{"status":402,"code":"insufficient_balance","detail":"top up"}`)
	})
	_, err := client.Verifications.Create(context.Background(), namaskah.CreateVerificationRequest{Service: "x", Country: "US"})
	var apiErr *namaskah.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 402 || apiErr.RequestID != "req_9" || apiErr.RateLimit.Remaining.Value() != 7 {
		t.Fatalf("error %v", err)
	}
	if !errors.Is(err, namaskah.ErrInsufficientBalance) || !errors.Is(err, namaskah.ErrPaymentRequired) || errors.Is(err, namaskah.ErrNotFound) || errors.Is(err, namaskah.ErrRateLimited) {
		t.Fatal("errors.Is matching")
	}
	if calls.Load() != 1 || !strings.Contains(err.Error(), "insufficient_balance: top up (request req_9)") {
		t.Fatalf("calls %d, message %q", calls.Load(), err)
	}
}

func TestTimeoutPerAttemptIsAConnectionErrorAndRetried(t *testing.T) {
	var calls atomic.Int32
	client := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			select {
			case <-r.Context().Done():
			case <-time.After(2 * time.Second):
			}
			return
		}
		_, _ = io.WriteString(w, `{"currency":"USD"}`)
	}, namaskah.WithTimeout(50*time.Millisecond))
	if _, err := client.Wallet.Retrieve(context.Background()); err != nil || calls.Load() != 2 {
		t.Fatalf("err %v calls %d", err, calls.Load())
	}
	// Per-call override: no retries, so the timeout surfaces.
	calls.Store(0)
	_, err := client.Wallet.Retrieve(context.Background(), namaskah.WithMaxRetries(0))
	var connErr *namaskah.ConnectionError
	if !errors.As(err, &connErr) || !connErr.Timeout() {
		t.Fatalf("want a timeout, got %v", err)
	}
}

func TestCallerContextCancelsWithoutRetrying(t *testing.T) {
	var calls atomic.Int32
	client := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		<-r.Context().Done()
	})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := client.Wallet.Retrieve(ctx); !errors.Is(err, context.DeadlineExceeded) || calls.Load() != 1 {
		t.Fatalf("err %v calls %d", err, calls.Load())
	}
}

func TestMaxRetryTimeBoundsTheCall(t *testing.T) {
	var calls atomic.Int32
	client := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Retry-After", "30")
		w.WriteHeader(429)
	}, namaskah.WithMaxRetryTime(time.Second))
	start := time.Now()
	_, err := client.Wallet.Retrieve(context.Background())
	if !errors.Is(err, namaskah.ErrRateLimit) || calls.Load() != 1 || time.Since(start) > time.Second {
		t.Fatalf("err %v calls %d after %s", err, calls.Load(), time.Since(start))
	}
}

func TestPaginationFollowsCursorsAndStopsOnBreak(t *testing.T) {
	var cursors []string
	client := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		cursor := r.URL.Query().Get("starting_after")
		cursors = append(cursors, cursor)
		switch cursor {
		case "":
			_, _ = io.WriteString(w, `{"data":[{"id":"ver_1"},{"id":"ver_2"}],"has_more":true,"next_cursor":"ver_2"}`)
		case "ver_2":
			_, _ = io.WriteString(w, `{"data":[{"id":"ver_3"}],"has_more":true,"next_cursor":"ver_3"}`)
		default:
			_, _ = io.WriteString(w, `{"data":[{"id":"ver_4"}],"has_more":false,"next_cursor":null}`)
		}
	})
	ids, err := namaskah.Collect(client.Verifications.List(context.Background(), namaskah.ListVerificationsParams{Limit: namaskah.Some[int64](2)}), 0)
	if err != nil || len(ids) != 4 || ids[3].ID != "ver_4" || strings.Join(cursors, ",") != ",ver_2,ver_3" {
		t.Fatalf("items %v err %v cursors %v", ids, err, cursors)
	}
	cursors = nil
	for v := range client.Verifications.List(context.Background(), namaskah.ListVerificationsParams{}) {
		if v.ID == "ver_1" {
			break
		}
	}
	if len(cursors) != 1 {
		t.Fatalf("breaking early fetched %v", cursors)
	}
}

func TestPaginationYieldsTheError(t *testing.T) {
	client := newTestClient(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(404) }, namaskah.WithMaxRetries(0))
	for _, err := range client.Verifications.List(context.Background(), namaskah.ListVerificationsParams{}) {
		if !errors.Is(err, namaskah.ErrNotFound) {
			t.Fatalf("err %v", err)
		}
		return
	}
	t.Fatal("no error yielded")
}

func TestEventStreamParsesMessagesAndSkipsComments(t *testing.T) {
	client := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Accept") != "text/event-stream" || r.Header.Get("Last-Event-ID") != "41" {
			w.WriteHeader(400)
			return
		}
		_, _ = io.WriteString(w, "retry: 3000\n\n: heartbeat\n\nid: 42\nevent: sms.received\ndata: {\"a\":\ndata: 1}\n\n")
	})
	stream, err := client.Realtime.Events.Stream(context.Background(), namaskah.StreamEventsParams{LastEventID: namaskah.Some("41")})
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Close()
	var got []namaskah.SSEMessage
	for msg, err := range stream.All() {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, msg)
	}
	if len(got) != 1 || got[0].ID != "42" || got[0].Event != "sms.received" || got[0].Data != "{\"a\":\n1}" {
		t.Fatalf("%+v", got)
	}
}

func TestMissingPathParameterFailsBeforeSending(t *testing.T) {
	client := newTestClient(t, func(w http.ResponseWriter, r *http.Request) { t.Error("sent") })
	if _, err := client.Verifications.Retrieve(context.Background(), ""); err == nil || !strings.Contains(err.Error(), "verification_id") {
		t.Fatalf("err %v", err)
	}
}

func TestDiscriminatedUnionDecodesVariantAndKeepsUnknown(t *testing.T) {
	var event namaskah.WebhookEvent
	if err := json.Unmarshal([]byte(`{"id":"evt_1","type":"sms.received","sequence":3,"timestamp":"2026-01-01T00:00:00Z","data":{}}`), &event); err != nil {
		t.Fatal(err)
	}
	if v, ok := event.AsSmsReceivedEvent(); !ok || v.ID != "evt_1" || v.Sequence != 3 {
		t.Fatalf("%+v", event)
	}
	if err := json.Unmarshal([]byte(`{"id":"evt_2","type":"future.thing"}`), &event); err != nil || event.Variant != nil || !strings.Contains(string(event.Raw()), "future.thing") {
		t.Fatalf("unknown variant: %v %+v", err, event)
	}
	out, err := json.Marshal(namaskah.WebhookEvent{Variant: &namaskah.BalanceLowEvent{ID: "evt_3"}})
	if err != nil || !strings.Contains(string(out), `"type":"balance.low"`) {
		t.Fatalf("the constant discriminator is encoded without being set: %s %v", out, err)
	}
}

func TestRefusesACallNeedingCredentialsWithoutSending(t *testing.T) {
	t.Setenv("NAMASKAH_API_KEY", "")
	var calls int
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		_, _ = io.WriteString(w, `{"status":"ok"}`)
	}))
	t.Cleanup(server.Close)
	client := namaskah.NewClient(namaskah.WithBaseURL(server.URL))
	_, err := client.Wallet.Retrieve(context.Background())
	var missing *namaskah.MissingCredentialsError
	if !errors.As(err, &missing) || !strings.Contains(err.Error(), "NAMASKAH_API_KEY") || calls != 0 {
		t.Fatalf("err = %v, calls = %d", err, calls)
	}
	if _, err := client.Health.Retrieve(context.Background()); err != nil || calls != 1 {
		t.Fatalf("public call: %v, calls = %d", err, calls)
	}
}

func TestLogsAtDebugWithSecretsRedacted(t *testing.T) {
	var out bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelDebug}))
	client := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Request-Id", "req_log")
		_, _ = io.WriteString(w, `{"currency":"USD"}`)
	}, namaskah.WithAPIKey("nmk_live_secret"), namaskah.WithLogger(logger), namaskah.WithHeader("X-Api-Key", "nmk_live_secret"))
	if _, err := client.Wallet.Retrieve(context.Background()); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	if !strings.Contains(text, "/v1/wallet") || !strings.Contains(text, "req_log") || strings.Contains(text, "nmk_live_secret") || !strings.Contains(text, "[redacted]") {
		t.Fatalf("log:\n%s", text)
	}
}

func TestWebhookSecretOnTheClient(t *testing.T) {
	client := namaskah.NewClient(namaskah.WithAPIKey("k"), namaskah.WithWebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
	body := []byte(`{"id":"evt_1","type":"balance.low","data":{}}`)
	header, err := client.SignWebhook(body)
	if err != nil {
		t.Fatal(err)
	}
	if event, err := client.VerifyWebhook(body, header); err != nil || event == nil {
		t.Fatalf("%+v %v", event, err)
	}
	t.Setenv("NAMASKAH_WEBHOOK_SECRET", "")
	if _, err := namaskah.NewClient(namaskah.WithAPIKey("k")).VerifyWebhook(body, header); !errors.Is(err, namaskah.ErrWebhookVerification) {
		t.Fatalf("err = %v, want a webhook verification error without a secret", err)
	}
}
