package namaskah_test

// Wire tests: the exact bytes a call puts on the wire.

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	namaskah "github.com/namaskah/namaskah/sdks/go"
)

type captured struct {
	method, uri string
	header      http.Header
	body        string
}

func capture(t *testing.T, status int, response string) (*namaskah.Client, *[]captured) {
	var got []captured
	client := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got = append(got, captured{r.Method, r.URL.RequestURI(), r.Header.Clone(), string(body)})
		w.WriteHeader(status)
		_, _ = io.WriteString(w, response)
	})
	return client, &got
}

func TestWireCreateVerification(t *testing.T) {
	client, got := capture(t, 201, `{"id":"ver_1"}`)
	_, err := client.Verifications.Create(context.Background(),
		namaskah.CreateVerificationRequest{Service: "whatsapp", Country: "US", AreaCode: namaskah.Some("212"), MaxPrice: namaskah.Some[int64](150)},
		namaskah.WithIdempotencyKey("idem-1"))
	if err != nil {
		t.Fatal(err)
	}
	r := (*got)[0]
	want := captured{"POST", "/v1/verifications", nil, `{"service":"whatsapp","country":"US","area_code":"212","max_price":150}`}
	if r.method != want.method || r.uri != want.uri || r.body != want.body {
		t.Fatalf("got %+v", r)
	}
	for name, value := range map[string]string{
		"Authorization": "Bearer nmk_test_unit", "Content-Type": "application/json", "Idempotency-Key": "idem-1",
		"Accept": "application/json, application/problem+json", "User-Agent": "namaskah-go/" + namaskah.Version,
	} {
		if r.header.Get(name) != value {
			t.Errorf("%s = %q, want %q", name, r.header.Get(name), value)
		}
	}
}

func TestWireListQueryAndNoBody(t *testing.T) {
	client, got := capture(t, 200, `{"data":[],"has_more":false,"next_cursor":null}`)
	since := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	_, err := client.Events.ListPage(context.Background(), namaskah.ListEventsParams{
		Limit: namaskah.Some[int64](5), CreatedGte: namaskah.Some(since),
		Type: namaskah.Some([]namaskah.EventType{namaskah.EventTypeSmsReceived, namaskah.EventTypeVerificationCompleted}),
	})
	if err != nil {
		t.Fatal(err)
	}
	r := (*got)[0]
	query, _ := url.ParseQuery(r.uri[len("/v1/events?"):])
	if r.method != "GET" || r.body != "" || r.header.Get("Idempotency-Key") != "" || r.header.Get("Content-Type") != "" {
		t.Fatalf("got %+v", r)
	}
	if query.Get("limit") != "5" || query.Get("created_gte") != "2026-01-02T03:04:05Z" || len(query["type"]) != 2 || query["type"][1] != "verification.completed" || len(query) != 3 {
		t.Fatalf("query %v", query)
	}
}

func TestWirePatchSendsExplicitNullAndOmitsUnset(t *testing.T) {
	client, got := capture(t, 200, `{"id":"whk_1"}`)
	_, err := client.WebhookEndpoints.Update(context.Background(), "whk 1/x", namaskah.UpdateWebhookEndpointRequest{
		Enabled: namaskah.Some(false), Description: namaskah.Some(namaskah.Null[string]()),
	})
	if err != nil {
		t.Fatal(err)
	}
	r := (*got)[0]
	if r.method != "PATCH" || r.uri != "/v1/webhook-endpoints/whk%201%2Fx" || r.body != `{"description":null,"enabled":false}` && r.body != `{"enabled":false,"description":null}` {
		t.Fatalf("got %+v", r)
	}
}

func TestWireDeleteReturnsOnlyAnError(t *testing.T) {
	client, got := capture(t, 204, ``)
	if err := client.WebhookEndpoints.Delete(context.Background(), "whk_1"); err != nil {
		t.Fatal(err)
	}
	if r := (*got)[0]; r.method != "DELETE" || r.uri != "/v1/webhook-endpoints/whk_1" || r.body != "" {
		t.Fatalf("got %+v", r)
	}
}
