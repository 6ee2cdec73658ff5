package namaskah

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// WebhookVerificationError is returned by VerifyWebhook when a header is missing, the timestamp is
// outside the tolerance or no signature matches.
type WebhookVerificationError struct{ Reason string }

func (e *WebhookVerificationError) Error() string {
	return "namaskah: webhook verification failed: " + e.Reason
}

// ErrWebhookVerification matches every *WebhookVerificationError with errors.Is.
var ErrWebhookVerification = errors.New("namaskah: webhook verification failed")

// Is makes errors.Is(err, ErrWebhookVerification) true.
func (e *WebhookVerificationError) Is(target error) bool { return target == ErrWebhookVerification }

// DefaultWebhookTolerance is the largest accepted distance between `webhook-timestamp` and now.
const DefaultWebhookTolerance = 5 * time.Minute

// WebhookOption configures VerifyWebhook and SignWebhook.
type WebhookOption func(*webhookSettings)

type webhookSettings struct {
	tolerance time.Duration
	now       func() time.Time
	id        string
}

// WithTolerance sets the accepted clock distance (default DefaultWebhookTolerance).
func WithTolerance(d time.Duration) WebhookOption {
	return func(s *webhookSettings) { s.tolerance = d }
}

// WithNow sets the clock, for tests (VerifyWebhook: the current time; SignWebhook: the timestamp).
func WithNow(now func() time.Time) WebhookOption { return func(s *webhookSettings) { s.now = now } }

// WithMessageID sets the `webhook-id` SignWebhook uses (default a random `msg_` id).
func WithMessageID(id string) WebhookOption { return func(s *webhookSettings) { s.id = id } }

func webhookConfig(opts []WebhookOption) webhookSettings {
	s := webhookSettings{tolerance: DefaultWebhookTolerance, now: time.Now}
	for _, opt := range opts {
		opt(&s)
	}
	return s
}

// VerifyWebhook checks a delivery's Standard Webhooks signature (`webhook-id`, `webhook-timestamp`,
// `webhook-signature: v1,<base64>`, `whsec_` secret) and returns the parsed event.
//
// payload must be the raw request body exactly as received: read it with io.ReadAll(r.Body) before
// anything decodes it. Re-encoding parsed JSON changes the bytes and the signature never matches.
//
//	body, _ := io.ReadAll(r.Body)
//	event, err := namaskah.VerifyWebhook(body, r.Header, os.Getenv("NAMASKAH_WEBHOOK_SECRET"))
//	if err != nil { http.Error(w, "bad signature", http.StatusBadRequest); return }
//	if v, ok := event.AsVerificationCompletedEvent(); ok { log.Println(v.Data.Code.Value()) }
func VerifyWebhook(payload []byte, header http.Header, secret string, opts ...WebhookOption) (*WebhookEvent, error) {
	s := webhookConfig(opts)
	id, timestamp, signatures := header.Get("webhook-id"), header.Get("webhook-timestamp"), header.Get("webhook-signature")
	if id == "" || timestamp == "" || signatures == "" {
		return nil, &WebhookVerificationError{"missing webhook-id, webhook-timestamp or webhook-signature header"}
	}
	seconds, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil || seconds < 0 {
		return nil, &WebhookVerificationError{"invalid webhook-timestamp header"}
	}
	if distance := s.now().Sub(time.Unix(seconds, 0)).Abs(); distance > s.tolerance {
		return nil, &WebhookVerificationError{fmt.Sprintf("webhook-timestamp is more than %s from now", s.tolerance)}
	}
	if len(payload) == 0 {
		return nil, &WebhookVerificationError{"empty payload: pass the raw request body bytes exactly as received"}
	}
	expected, err := webhookSignature(secret, id, seconds, payload)
	if err != nil {
		return nil, err
	}
	matched := false
	for _, entry := range strings.Fields(signatures) {
		version, value, ok := strings.Cut(entry, ",")
		if !ok || version != "v1" {
			continue
		}
		got, err := base64.StdEncoding.DecodeString(value)
		if err == nil && hmac.Equal(got, expected) {
			matched = true
		}
	}
	if !matched {
		return nil, &WebhookVerificationError{"no matching signature in webhook-signature (is the payload the raw body, unmodified?)"}
	}
	var event WebhookEvent
	if err := json.Unmarshal(payload, &event); err != nil {
		return nil, &WebhookVerificationError{"the webhook body is not a valid event: " + err.Error()}
	}
	return &event, nil
}

// SignWebhook signs a payload the way Namaskah does, for your own tests: it returns the headers to
// send with payload (`webhook-id`, `webhook-timestamp`, `webhook-signature`, `content-type`).
func SignWebhook(payload []byte, secret string, opts ...WebhookOption) (http.Header, error) {
	s := webhookConfig(opts)
	id := s.id
	if id == "" {
		id = "msg_" + strings.ReplaceAll(newUUID(), "-", "")
	}
	timestamp := s.now().Unix()
	mac, err := webhookSignature(secret, id, timestamp, payload)
	if err != nil {
		return nil, err
	}
	h := http.Header{}
	h.Set("webhook-id", id)
	h.Set("webhook-timestamp", strconv.FormatInt(timestamp, 10))
	h.Set("webhook-signature", "v1,"+base64.StdEncoding.EncodeToString(mac))
	h.Set("content-type", "application/json")
	return h, nil
}

func webhookSignature(secret, id string, timestamp int64, payload []byte) ([]byte, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		return nil, fmt.Errorf("namaskah: the webhook secret is not a whsec_<base64> secret: %w", err)
	}
	mac := hmac.New(sha256.New, key)
	fmt.Fprintf(mac, "%s.%d.", id, timestamp)
	mac.Write(payload)
	return mac.Sum(nil), nil
}

// WithWebhookSecret sets the `whsec_` secret Client.VerifyWebhook and Client.SignWebhook use (default
// NAMASKAH_WEBHOOK_SECRET).
func WithWebhookSecret(secret string) Option { return func(s *settings) { s.webhookSecret = secret } }

// VerifyWebhook is VerifyWebhook with the client's webhook secret.
//
//	client := namaskah.NewClient(namaskah.WithWebhookSecret(os.Getenv("WHSEC")))
//	event, err := client.VerifyWebhook(body, r.Header)
func (c *Client) VerifyWebhook(payload []byte, header http.Header, opts ...WebhookOption) (*WebhookEvent, error) {
	if c.r.settings.webhookSecret == "" {
		return nil, &WebhookVerificationError{"no webhook secret: use WithWebhookSecret or set NAMASKAH_WEBHOOK_SECRET"}
	}
	return VerifyWebhook(payload, header, c.r.settings.webhookSecret, opts...)
}

// SignWebhook is SignWebhook with the client's webhook secret, for your own tests.
func (c *Client) SignWebhook(payload []byte, opts ...WebhookOption) (http.Header, error) {
	if c.r.settings.webhookSecret == "" {
		return nil, &WebhookVerificationError{"no webhook secret: use WithWebhookSecret or set NAMASKAH_WEBHOOK_SECRET"}
	}
	return SignWebhook(payload, c.r.settings.webhookSecret, opts...)
}
