// Command webhook-receiver receives Namaskah webhooks and checks their Standard Webhooks signature
// before trusting them.
//
//	NAMASKAH_WEBHOOK_SECRET=whsec_... PORT=4242 go run ./webhook-receiver
//
// Register http(s)://<this host>:4242/webhooks as an endpoint (POST /v1/webhook-endpoints); its secret is
// what NAMASKAH_WEBHOOK_SECRET must hold. A 2xx tells Namaskah the delivery arrived; anything else (or no
// answer within 15 s) makes it retry later, so answer fast and do slow work elsewhere.
package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"sync"

	namaskah "github.com/namaskah/namaskah/sdks/go"
)

func main() {
	secret := os.Getenv("NAMASKAH_WEBHOOK_SECRET")
	if secret == "" {
		log.Fatal("set NAMASKAH_WEBHOOK_SECRET to the endpoint's whsec_ secret")
	}
	var mu sync.Mutex
	seen := map[string]bool{} // delivery is at least once: dedupe by event id (use your database)

	http.HandleFunc("POST /webhooks", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20)) // the exact bytes, as received
		if err != nil {
			http.Error(w, "unreadable body", http.StatusBadRequest)
			return
		}
		event, err := namaskah.VerifyWebhook(body, r.Header, secret)
		if err != nil {
			fmt.Printf("rejected: %v\n", err)
			http.Error(w, "invalid signature", http.StatusBadRequest)
			return
		}
		w.WriteHeader(http.StatusNoContent)
		var envelope struct{ ID, Type string }
		_ = json.Unmarshal(body, &envelope) // verified JSON: the id and type every event carries
		mu.Lock()
		defer mu.Unlock()
		if seen[envelope.ID] {
			return
		}
		seen[envelope.ID] = true
		code := ""
		if e, ok := event.AsVerificationCompletedEvent(); ok {
			code = " code=" + e.Data.Code.Value()
		}
		fmt.Printf("verified %s %s%s\n", envelope.Type, envelope.ID, code)
	})

	addr := "127.0.0.1:" + cmp.Or(os.Getenv("PORT"), "4242")
	fmt.Printf("listening on http://%s/webhooks\n", addr)
	log.Fatal(http.ListenAndServe(addr, nil))
}
