package namaskah_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	namaskah "github.com/namaskah/namaskah/sdks/go"
)

const testSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

var payload = []byte(`{"id":"evt_1","type":"verification.completed","timestamp":"2026-01-01T00:00:00Z","sequence":7,"data":{"id":"ver_1","status":"completed","code":"123456"}}`)

func TestWebhookSignThenVerify(t *testing.T) {
	at := time.Unix(1767225600, 0)
	clock := namaskah.WithNow(func() time.Time { return at })
	header, err := namaskah.SignWebhook(payload, testSecret, namaskah.WithMessageID("msg_1"), clock)
	if err != nil {
		t.Fatal(err)
	}
	event, err := namaskah.VerifyWebhook(payload, header, testSecret, clock)
	if err != nil {
		t.Fatal(err)
	}
	completed, ok := event.AsVerificationCompletedEvent()
	if !ok || completed.Data.Code.Value() != "123456" || completed.Sequence != 7 {
		t.Fatalf("%+v", event)
	}
}

func TestWebhookRejectsTamperingExpiryAndMissingHeaders(t *testing.T) {
	at := time.Unix(1767225600, 0)
	header, _ := namaskah.SignWebhook(payload, testSecret, namaskah.WithNow(func() time.Time { return at }))
	tampered := []byte(strings.Replace(string(payload), "123456", "654321", 1))
	cases := map[string]func() error{
		"tampered": func() error {
			_, err := namaskah.VerifyWebhook(tampered, header, testSecret, namaskah.WithNow(func() time.Time { return at }))
			return err
		},
		"expired": func() error {
			_, err := namaskah.VerifyWebhook(payload, header, testSecret, namaskah.WithNow(func() time.Time { return at.Add(6 * time.Minute) }))
			return err
		},
		"wrong secret": func() error {
			_, err := namaskah.VerifyWebhook(payload, header, "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", namaskah.WithNow(func() time.Time { return at }))
			return err
		},
		"no headers": func() error {
			_, err := namaskah.VerifyWebhook(payload, nil, testSecret)
			return err
		},
	}
	for name, run := range cases {
		var verr *namaskah.WebhookVerificationError
		if err := run(); !errors.As(err, &verr) || !errors.Is(err, namaskah.ErrWebhookVerification) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// A wider tolerance accepts the old delivery.
	if _, err := namaskah.VerifyWebhook(payload, header, testSecret, namaskah.WithTolerance(10*time.Minute), namaskah.WithNow(func() time.Time { return at.Add(6 * time.Minute) })); err != nil {
		t.Fatal(err)
	}
}

func TestWebhookSecretRotationAcceptsEitherSignature(t *testing.T) {
	at := time.Unix(1767225600, 0)
	clock := namaskah.WithNow(func() time.Time { return at })
	oldHeader, _ := namaskah.SignWebhook(payload, "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", namaskah.WithMessageID("msg_r"), clock)
	newHeader, _ := namaskah.SignWebhook(payload, testSecret, namaskah.WithMessageID("msg_r"), clock)
	oldHeader.Set("webhook-signature", oldHeader.Get("webhook-signature")+" "+newHeader.Get("webhook-signature"))
	if _, err := namaskah.VerifyWebhook(payload, oldHeader, testSecret, clock); err != nil {
		t.Fatal(err)
	}
}
