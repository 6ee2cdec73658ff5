package namaskah

import (
	"bufio"
	"io"
	"iter"
	"strings"
	"sync"
)

// SSEMessage is one Server-Sent Events message.
type SSEMessage struct {
	// ID is the `id:` field (an event's sequence on /v1/realtime/events).
	ID string
	// Event is the `event:` field (the event type).
	Event string
	// Data is the `data:` lines, joined by newlines.
	Data string
}

// EventStream reads a `text/event-stream` response. Close it when done.
type EventStream struct {
	body    io.ReadCloser
	reader  *bufio.Reader
	release func()
	once    sync.Once
}

func newEventStream(body io.ReadCloser, release func()) *EventStream {
	return &EventStream{body: body, reader: bufio.NewReader(body), release: release}
}

// Next returns the next message; io.EOF when the server ended the stream. Comments (heartbeats) are
// skipped.
func (s *EventStream) Next() (SSEMessage, error) {
	var msg SSEMessage
	var data []string
	seen := false
	for {
		line, err := s.reader.ReadString('\n')
		if err != nil && (line == "" || err != io.EOF) {
			if seen && err == io.EOF {
				msg.Data = strings.Join(data, "\n")
				return msg, nil
			}
			return SSEMessage{}, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			if seen {
				msg.Data = strings.Join(data, "\n")
				return msg, nil
			}
			continue
		}
		if strings.HasPrefix(line, ":") {
			continue
		}
		field, value, _ := strings.Cut(line, ":")
		value = strings.TrimPrefix(value, " ")
		switch field {
		case "id":
			msg.ID, seen = value, true
		case "event":
			msg.Event, seen = value, true
		case "data":
			data, seen = append(data, value), true
		}
	}
}

// All iterates over the messages until the stream ends (no error) or fails.
func (s *EventStream) All() iter.Seq2[SSEMessage, error] {
	return func(yield func(SSEMessage, error) bool) {
		for {
			msg, err := s.Next()
			if err == io.EOF {
				return
			}
			if !yield(msg, err) || err != nil {
				return
			}
		}
	}
}

// Close ends the stream and releases the connection.
func (s *EventStream) Close() error {
	var err error
	s.once.Do(func() {
		err = s.body.Close()
		s.release()
	})
	return err
}
