package namaskah

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"
)

// RealtimeEvent is one platform event received in real time.
type RealtimeEvent struct {
	// Type is the event type (`verification.completed`).
	Type string
	// Sequence is the per-user, strictly increasing event number; resumption starts after it.
	Sequence int64
	// Event is the typed event (Event.Variant is nil for a type this SDK does not know yet).
	Event Event
	// Raw is the event's JSON.
	Raw json.RawMessage
}

// RealtimeOption configures RealtimeService.Connect.
type RealtimeOption func(*realtimeSettings)

type realtimeSettings struct {
	lastSequence      int64
	maxReconnectDelay time.Duration
	silence           time.Duration
	buffer            int
	httpClient        *http.Client
}

// WithLastSequence resumes after this sequence: every later event is replayed first.
func WithLastSequence(sequence int64) RealtimeOption {
	return func(s *realtimeSettings) { s.lastSequence = sequence }
}

// WithMaxReconnectDelay caps the jittered exponential reconnect delay (default 30 s).
func WithMaxReconnectDelay(d time.Duration) RealtimeOption {
	return func(s *realtimeSettings) { s.maxReconnectDelay = d }
}

// WithSilenceTimeout is how long without any frame means a dead connection (default 45 s: the server
// sends a heartbeat every 15 s).
func WithSilenceTimeout(d time.Duration) RealtimeOption {
	return func(s *realtimeSettings) { s.silence = d }
}

// WithWebSocketHTTPClient sets the HTTP client the WebSocket handshake uses.
func WithWebSocketHTTPClient(c *http.Client) RealtimeOption {
	return func(s *realtimeSettings) { s.httpClient = c }
}

// RealtimeConnection is a live subscription to the caller's events over the WebSocket channel. It
// reconnects by itself with jittered exponential backoff and resumes from the last sequence seen, so
// events arrive once each, in order, with no gap. Range over All, or call Next.
type RealtimeConnection struct {
	service  *RealtimeService
	settings realtimeSettings
	events   chan RealtimeEvent
	last     atomic.Int64
	ready    chan struct{}
	readyOne sync.Once
	cancel   context.CancelFunc
	done     chan struct{}
	err      error
}

// RealtimeCloseError is the terminal error of a connection the server refused for good (4003:
// forbidden, suspended, key revoked), or whose credentials no longer work.
type RealtimeCloseError struct {
	Code   int
	Reason string
	// Err is the API error behind a refused ticket (401, 403, ...): errors.Is(err, ErrAuthentication) holds.
	Err error
}

// Unwrap gives the API error of a refused ticket.
func (e *RealtimeCloseError) Unwrap() error { return e.Err }

func (e *RealtimeCloseError) Error() string {
	return fmt.Sprintf("namaskah: real-time connection closed with %d: %s", e.Code, e.Reason)
}

// Connect opens a live subscription. It returns at once; the connection dials in the background and
// stops when ctx ends or Close is called.
//
//	live := client.Realtime.Connect(ctx)
//	defer live.Close()
//	for event := range live.All() {
//		if v, ok := event.Event.AsVerificationCompletedEvent(); ok {
//			fmt.Println(v.Data.Code.Value())
//		}
//	}
func (s *RealtimeService) Connect(ctx context.Context, opts ...RealtimeOption) *RealtimeConnection {
	settings := realtimeSettings{maxReconnectDelay: 30 * time.Second, silence: 45 * time.Second, buffer: 256}
	for _, opt := range opts {
		opt(&settings)
	}
	ctx, cancel := context.WithCancel(ctx)
	c := &RealtimeConnection{
		service:  s,
		settings: settings,
		events:   make(chan RealtimeEvent, settings.buffer),
		ready:    make(chan struct{}),
		cancel:   cancel,
		done:     make(chan struct{}),
	}
	c.last.Store(settings.lastSequence)
	go c.run(ctx)
	return c
}

// LastSequence is the sequence of the last event delivered.
func (c *RealtimeConnection) LastSequence() int64 { return c.last.Load() }

// Ready is closed once the first subscription is confirmed by the server.
func (c *RealtimeConnection) Ready() <-chan struct{} { return c.ready }

// Next waits for the next event. It returns the terminal error (or ctx's) once the connection is over.
func (c *RealtimeConnection) Next(ctx context.Context) (RealtimeEvent, error) {
	select {
	case event, ok := <-c.events:
		if !ok {
			return RealtimeEvent{}, c.Err()
		}
		return event, nil
	case <-ctx.Done():
		return RealtimeEvent{}, ctx.Err()
	}
}

// All iterates over events until the connection is closed (see Err for why).
func (c *RealtimeConnection) All() iter.Seq[RealtimeEvent] {
	return func(yield func(RealtimeEvent) bool) {
		for event := range c.events {
			if !yield(event) {
				return
			}
		}
	}
}

// Close stops reconnecting and closes the WebSocket.
func (c *RealtimeConnection) Close() error {
	c.cancel()
	<-c.done
	return nil
}

// Err is why the connection ended: nil after Close or the context's end, a *RealtimeCloseError when
// the server refused it for good.
func (c *RealtimeConnection) Err() error {
	select {
	case <-c.done:
		return c.err
	default:
		return nil
	}
}

func (c *RealtimeConnection) run(ctx context.Context) {
	defer close(c.done)
	defer close(c.events)
	failures := 0
	for ctx.Err() == nil {
		opened, err := c.session(ctx)
		var closeErr *RealtimeCloseError
		if errors.As(err, &closeErr) {
			c.err = closeErr
			return
		}
		if opened {
			failures = 0
		} else {
			failures++
		}
		if sleep(ctx, reconnectDelay(failures, c.settings.maxReconnectDelay, rand.Float64)) != nil {
			return
		}
	}
}

// session is one WebSocket connection: ticket, auth, subscribe (resuming), then events until it drops.
// opened reports whether the server confirmed the subscription.
func (c *RealtimeConnection) session(ctx context.Context) (opened bool, err error) {
	ticket, err := c.service.Tickets.Create(ctx)
	if err != nil {
		var apiErr *APIError
		// Refused credentials, or a server without real time (404, 501): reconnecting cannot help.
		if errors.As(err, &apiErr) && (apiErr.Status == 401 || apiErr.Status == 403 || apiErr.Status == 404 || apiErr.Status == 501) {
			return false, &RealtimeCloseError{Code: apiErr.Status, Reason: apiErr.Error(), Err: err}
		}
		return false, err
	}
	target := ticket.URL
	if target == "" {
		target = strings.Replace(c.service.r.settings.baseURL, "http", "ws", 1) + "/v1/realtime/ws"
	}
	dialCtx, cancelDial := context.WithTimeout(ctx, 30*time.Second)
	conn, _, err := websocket.Dial(dialCtx, target, &websocket.DialOptions{HTTPClient: c.settings.httpClient})
	cancelDial()
	if err != nil {
		return false, err
	}
	defer conn.CloseNow()
	conn.SetReadLimit(4 << 20)

	subscribe := map[string]any{"type": "subscribe"}
	if last := c.last.Load(); last > 0 {
		subscribe["last_sequence"] = last
	}
	for _, message := range []any{map[string]string{"type": "auth", "ticket": ticket.Ticket}, subscribe} {
		data, _ := json.Marshal(message)
		if err := conn.Write(ctx, websocket.MessageText, data); err != nil {
			return false, err
		}
	}
	for {
		readCtx, cancelRead := context.WithTimeout(ctx, c.settings.silence)
		_, data, err := conn.Read(readCtx)
		cancelRead()
		if err != nil {
			switch code := websocket.CloseStatus(err); code {
			case 4003:
				return opened, &RealtimeCloseError{Code: int(code), Reason: "forbidden"}
			case 4009:
				// Resume window exceeded: fetch the gap over HTTP, then subscribe again after it.
				return opened, c.fillGap(ctx)
			}
			return opened, err
		}
		var head struct {
			Type     string `json:"type"`
			Sequence *int64 `json:"sequence"`
		}
		if json.Unmarshal(data, &head) != nil {
			continue
		}
		if head.Type == "ready" {
			opened = true
			c.readyOne.Do(func() { close(c.ready) })
			continue
		}
		if head.Sequence == nil || !strings.Contains(head.Type, ".") {
			continue // heartbeat, pong, error and types this SDK does not know
		}
		if err := c.deliver(ctx, head.Type, *head.Sequence, data); err != nil {
			return opened, err
		}
	}
}

func (c *RealtimeConnection) deliver(ctx context.Context, eventType string, sequence int64, data []byte) error {
	if sequence <= c.last.Load() {
		return nil // a replay overlap: already delivered
	}
	event := RealtimeEvent{Type: eventType, Sequence: sequence, Raw: append(json.RawMessage(nil), data...)}
	_ = json.Unmarshal(data, &event.Event)
	select {
	case c.events <- event:
		c.last.Store(sequence)
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *RealtimeConnection) fillGap(ctx context.Context) error {
	events := newEventsService(c.service.r)
	for event, err := range events.List(ctx, ListEventsParams{AfterSequence: Some(c.last.Load())}) {
		if err != nil {
			return err
		}
		var head struct {
			Type     string `json:"type"`
			Sequence int64  `json:"sequence"`
		}
		if json.Unmarshal(event.Raw(), &head) != nil {
			continue
		}
		if err := c.deliver(ctx, head.Type, head.Sequence, event.Raw()); err != nil {
			return err
		}
	}
	return nil
}

// reconnectDelay is the jittered exponential reconnect delay: a short random pause after a connection
// that worked, else between half and all of min(0.5 s × 2^(failures-1), max).
func reconnectDelay(failures int, maxDelay time.Duration, random func() float64) time.Duration {
	if failures == 0 {
		return time.Duration(250 * float64(time.Millisecond) * random())
	}
	ceiling := min(float64(500*time.Millisecond)*float64(uint64(1)<<min(failures-1, 30)), float64(maxDelay))
	return time.Duration(ceiling/2 + ceiling/2*random())
}
