package namaskah_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
	namaskah "github.com/namaskah/namaskah/sdks/go"
)

// fakeRealtime is a local server speaking the asyncapi.yaml protocol: tickets over HTTP, then a
// WebSocket where each connection runs the script for its number.
type fakeRealtime struct {
	t          *testing.T
	server     *httptest.Server
	mu         sync.Mutex
	subscribes []map[string]any
	tickets    int
	script     func(n int, conn *websocket.Conn, ctx context.Context)
	http       http.HandlerFunc
}

func newFakeRealtime(t *testing.T, script func(n int, conn *websocket.Conn, ctx context.Context)) *fakeRealtime {
	f := &fakeRealtime{t: t, script: script}
	f.server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.server.Close)
	return f
}

func (f *fakeRealtime) serve(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/v1/realtime/tickets" && r.Method == "POST":
		f.mu.Lock()
		f.tickets++
		n := f.tickets
		f.mu.Unlock()
		w.WriteHeader(201)
		fmt.Fprintf(w, `{"ticket":"rtt_%d","url":"ws%s/v1/realtime/ws","expires_at":"2026-01-01T00:00:30Z"}`, n, strings.TrimPrefix(f.server.URL, "http"))
	case r.URL.Path == "/v1/realtime/ws":
		conn, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer conn.CloseNow()
		ctx := r.Context()
		var auth, subscribe map[string]any
		for _, into := range []*map[string]any{&auth, &subscribe} {
			_, data, err := conn.Read(ctx)
			if err != nil {
				return
			}
			_ = json.Unmarshal(data, into)
		}
		if auth["type"] != "auth" || !strings.HasPrefix(fmt.Sprint(auth["ticket"]), "rtt_") || subscribe["type"] != "subscribe" {
			_ = conn.Close(4001, "unauthenticated")
			return
		}
		f.mu.Lock()
		f.subscribes = append(f.subscribes, subscribe)
		n := len(f.subscribes)
		f.mu.Unlock()
		_ = conn.Write(ctx, websocket.MessageText, []byte(`{"type":"ready","sequence":0}`))
		f.script(n, conn, ctx)
	default:
		if f.http != nil {
			f.http(w, r)
			return
		}
		w.WriteHeader(404)
	}
}

func send(ctx context.Context, conn *websocket.Conn, sequence int, eventType, data string) {
	_ = conn.Write(ctx, websocket.MessageText, []byte(fmt.Sprintf(`{"id":"evt_%d","type":%q,"timestamp":"2026-01-01T00:00:00Z","sequence":%d,"data":%s}`, sequence, eventType, sequence, data)))
}

func TestRealtimeResumesAfterADropWithoutGapOrDuplicate(t *testing.T) {
	f := newFakeRealtime(t, func(n int, conn *websocket.Conn, ctx context.Context) {
		switch n {
		case 1:
			_ = conn.Write(ctx, websocket.MessageText, []byte(`{"type":"heartbeat","timestamp":"2026-01-01T00:00:00Z"}`))
			send(ctx, conn, 1, "balance.low", `{"balance":{"amount":5,"currency":"USD"}}`)
			send(ctx, conn, 2, "sms.received", `{}`)
			// Drop the connection without a close frame.
		case 2:
			send(ctx, conn, 2, "sms.received", `{}`) // replay overlap: must not be delivered twice
			send(ctx, conn, 3, "verification.completed", `{"id":"ver_1","status":"completed","code":"123456"}`)
			<-ctx.Done()
		}
	})
	client := namaskah.NewClient(namaskah.WithBaseURL(f.server.URL), namaskah.WithAPIKey("nmk_test_unit"))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	live := client.Realtime.Connect(ctx, namaskah.WithMaxReconnectDelay(50*time.Millisecond))
	defer live.Close()
	var sequences []int64
	for len(sequences) < 3 {
		event, err := live.Next(ctx)
		if err != nil {
			t.Fatalf("after %v: %v", sequences, err)
		}
		sequences = append(sequences, event.Sequence)
		if event.Sequence == 3 {
			v, ok := event.Event.AsVerificationCompletedEvent()
			if !ok || v.Data.Code.Value() != "123456" {
				t.Fatalf("typed event: %+v", event)
			}
		}
	}
	if fmt.Sprint(sequences) != "[1 2 3]" || live.LastSequence() != 3 {
		t.Fatalf("sequences %v", sequences)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, resumed := f.subscribes[0]["last_sequence"]; resumed || fmt.Sprint(f.subscribes[1]["last_sequence"]) != "2" {
		t.Fatalf("subscribes %v", f.subscribes)
	}
}

func TestRealtimeStopsForGoodOn4003(t *testing.T) {
	f := newFakeRealtime(t, func(n int, conn *websocket.Conn, ctx context.Context) {
		_ = conn.Close(4003, "forbidden")
	})
	client := namaskah.NewClient(namaskah.WithBaseURL(f.server.URL), namaskah.WithAPIKey("k"))
	live := client.Realtime.Connect(context.Background(), namaskah.WithMaxReconnectDelay(10*time.Millisecond))
	for range live.All() {
		t.Fatal("no event expected")
	}
	var closeErr *namaskah.RealtimeCloseError
	if err := live.Err(); err == nil || !strings.Contains(err.Error(), "4003") || !asCloseError(err, &closeErr) {
		t.Fatalf("err %v", err)
	}
}

func asCloseError(err error, target **namaskah.RealtimeCloseError) bool {
	e, ok := err.(*namaskah.RealtimeCloseError)
	*target = e
	return ok
}

func TestWaitForCodeReturnsOnTheRealtimeEvent(t *testing.T) {
	var gets int
	var mu sync.Mutex
	f := newFakeRealtime(t, func(n int, conn *websocket.Conn, ctx context.Context) {
		time.Sleep(100 * time.Millisecond)
		send(ctx, conn, 1, "verification.completed", `{"id":"ver_other","status":"completed","code":"000000"}`)
		send(ctx, conn, 2, "verification.completed", `{"id":"ver_1","status":"completed","code":"424242"}`)
		<-ctx.Done()
	})
	f.http = func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		gets++
		mu.Unlock()
		_, _ = io.WriteString(w, `{"id":"ver_1","status":"pending","code":null}`)
	}
	client := namaskah.NewClient(namaskah.WithBaseURL(f.server.URL), namaskah.WithAPIKey("k"))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	v, err := client.Verifications.WaitForCode(ctx, "ver_1")
	if err != nil || v.Code.Value() != "424242" || v.Status != namaskah.VerificationStatusCompleted {
		t.Fatalf("%+v %v", v, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if gets > 3 {
		t.Fatalf("polled %d times while real time was up", gets)
	}
}

func TestWaitForCodePollsWhenAskedTo(t *testing.T) {
	var gets int
	client := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		gets++
		if gets < 3 {
			_, _ = io.WriteString(w, `{"id":"ver_1","status":"pending"}`)
			return
		}
		_, _ = io.WriteString(w, `{"id":"ver_1","status":"expired","refunded":true}`)
	})
	v, err := client.Verifications.WaitForCode(context.Background(), "ver_1", namaskah.WithPollOnly(), namaskah.WithPollInterval(10*time.Millisecond))
	if err != nil || v.Status != namaskah.VerificationStatusExpired || !v.Refunded || gets != 3 {
		t.Fatalf("%+v %v gets=%d", v, err, gets)
	}
}

func TestWaitForCodeCatchesAnSMSThatLandsWhileItSubscribes(t *testing.T) {
	var gets int
	var mu sync.Mutex
	f := newFakeRealtime(t, func(n int, conn *websocket.Conn, ctx context.Context) { <-ctx.Done() }) // no event ever
	f.http = func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		gets++
		first := gets == 1
		mu.Unlock()
		if first {
			_, _ = io.WriteString(w, `{"id":"ver_1","status":"pending","code":null}`)
			return
		}
		_, _ = io.WriteString(w, `{"id":"ver_1","status":"completed","code":"313131"}`)
	}
	client := namaskah.NewClient(namaskah.WithBaseURL(f.server.URL), namaskah.WithAPIKey("k"))
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	v, err := client.Verifications.WaitForCode(ctx, "ver_1")
	if err != nil || v.Code.Value() != "313131" {
		t.Fatalf("%+v %v", v, err)
	}
}

func TestWaitForCodeFailsWithTheTypedErrorForAWrongKey(t *testing.T) {
	client := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(401)
		_, _ = io.WriteString(w, `{"status":401,"code":"unauthenticated"}`)
	})
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if _, err := client.Verifications.WaitForCode(ctx, "ver_1"); !errors.Is(err, namaskah.ErrAuthentication) {
		t.Fatalf("err = %v (%T), want ErrAuthentication", err, err)
	}
}

func TestRealtimeRefusedTicketUnwrapsToTheAPIError(t *testing.T) {
	client := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(403)
		_, _ = io.WriteString(w, `{"status":403,"code":"insufficient_scope"}`)
	})
	live := client.Realtime.Connect(context.Background())
	defer live.Close()
	for range live.All() {
	}
	var closeErr *namaskah.RealtimeCloseError
	if err := live.Err(); !errors.As(err, &closeErr) || closeErr.Code != 403 || !errors.Is(err, namaskah.ErrPermissionDenied) {
		t.Fatalf("err = %v (%T), want a 403 *RealtimeCloseError that is ErrPermissionDenied", err, err)
	}
}
