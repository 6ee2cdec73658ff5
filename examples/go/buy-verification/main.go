// Command buy-verification rents a number on Namaskah and prints the verification code the moment it
// arrives, over the real-time channel.
//
//	# against a local reference server (pnpm --filter @namaskah/server start)
//	NAMASKAH_BASE_URL=http://127.0.0.1:8080 NAMASKAH_EMAIL=demo@namaskah.dev NAMASKAH_PASSWORD=demo-password-123 go run .
//	# or with an API key
//	NAMASKAH_API_KEY=nmk_live_... go run . -service telegram -country GB
//
// -sandbox-sms injects an SMS through the sandbox endpoint, for servers whose simulator does not send
// one by itself.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"time"

	"example.com/namaskah-examples/internal/signin"
	namaskah "github.com/namaskah/namaskah/sdks/go"
)

func main() {
	service := flag.String("service", "whatsapp", "service to verify")
	country := flag.String("country", "US", "ISO country code of the number")
	sandboxSMS := flag.String("sandbox-sms", "", "inject this SMS text through the sandbox endpoint")
	timeout := flag.Duration("timeout", 2*time.Minute, "give up after this long")
	flag.Parse()

	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	client, err := signin.Client(ctx)
	if err != nil {
		log.Fatalf("sign in: %v", err)
	}

	verification, err := client.Verifications.Create(ctx, namaskah.CreateVerificationRequest{Service: *service, Country: *country})
	if errors.Is(err, namaskah.ErrInsufficientBalance) {
		log.Fatal("the balance is too low: top up first")
	} else if err != nil {
		log.Fatalf("buy: %v", err)
	}
	fmt.Printf("bought %s: %s for %s, %d %s\n", verification.ID, verification.PhoneNumber.Or("(number pending)"), *service, verification.Price.Amount, verification.Price.Currency)

	if *sandboxSMS != "" {
		if _, err := client.Verifications.SandboxSms.Create(ctx, verification.ID, namaskah.SandboxSmsRequest{Text: *sandboxSMS}); err != nil {
			log.Fatalf("sandbox SMS: %v", err)
		}
	}

	// Listens on the real-time channel (polling only as a safety net) until the verification settles.
	done, err := client.Verifications.WaitForCode(ctx, verification.ID)
	if err != nil {
		log.Fatalf("waiting for the code: %v", err)
	}
	if code, ok := done.Code.Get(); ok && done.Status == namaskah.VerificationStatusCompleted {
		fmt.Printf("code: %s\n", code)
		return
	}
	fmt.Printf("%s without a code (refunded: %v)\n", done.Status, done.Refunded)
	os.Exit(1)
}
