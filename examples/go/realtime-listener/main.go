// Command realtime-listener prints every event of the account as it happens, over the real-time channel.
//
//	NAMASKAH_BASE_URL=http://127.0.0.1:8080 go run ./realtime-listener
//
// The connection reconnects by itself with jittered backoff and resumes after the last sequence seen, so
// no event is lost or repeated; it stops for good only when the server refuses the account.
package main

import (
	"context"
	"fmt"
	"log"
	"os/signal"
	"syscall"

	"example.com/namaskah-examples/internal/signin"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	client, err := signin.Client(ctx)
	if err != nil {
		log.Fatalf("sign in: %v", err)
	}
	live := client.Realtime.Connect(ctx)
	defer live.Close()
	go func() {
		select {
		case <-live.Ready(): // subscribed: every later event will arrive
			fmt.Println("listening")
		case <-ctx.Done():
		}
	}()
	for event := range live.All() { // ends when the connection stops for good (or ctx is cancelled)
		code := ""
		if e, ok := event.Event.AsVerificationCompletedEvent(); ok {
			code = " code=" + e.Data.Code.Value()
		}
		fmt.Printf("event %d %s%s\n", event.Sequence, event.Type, code)
	}
	if err := live.Err(); err != nil && ctx.Err() == nil {
		log.Fatalf("real time stopped: %v", err)
	}
}
