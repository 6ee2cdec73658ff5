// Command namaskah-consumer is a tiny program outside the SDK's module that uses its public surface the
// way an integrator would: it proves the module builds from another module through `go get` (here a
// `replace` directive) and that the exported names it relies on exist.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	namaskah "github.com/namaskah/namaskah/sdks/go"
)

func main() {
	client := namaskah.NewClient(
		namaskah.WithAPIKey(os.Getenv("NAMASKAH_API_KEY")),
		namaskah.WithBaseURL("http://127.0.0.1:1"),
		namaskah.WithMaxRetries(0),
		namaskah.WithTimeout(time.Second),
	)
	ctx := context.Background()
	_, err := client.Verifications.Create(ctx, namaskah.CreateVerificationRequest{Service: "whatsapp", Country: "US", AreaCode: namaskah.Some("212")})
	var connErr *namaskah.ConnectionError
	var apiErr *namaskah.APIError
	switch {
	case errors.As(err, &connErr):
		fmt.Println("connection error, as expected without a server")
	case errors.Is(err, namaskah.ErrInsufficientBalance) && errors.As(err, &apiErr):
		fmt.Println("top up first:", apiErr.RequestID)
	}
	for v, err := range client.Verifications.List(ctx, namaskah.ListVerificationsParams{Status: namaskah.Some(namaskah.VerificationStatusCompleted)}) {
		if err != nil {
			break
		}
		fmt.Println(v.ID, v.Code.Value())
	}
	_, _ = namaskah.SignWebhook([]byte(`{}`), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	_ = client.Realtime.Connect
	_ = client.Verifications.WaitForCode
}
