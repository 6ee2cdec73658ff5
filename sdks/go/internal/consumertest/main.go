// Command namaskah-consumer is a tiny program outside the SDK's module that uses its public surface the
// way an integrator would: it proves the module builds from another module through `go get` (here a
// `replace` directive) and that the exported names it relies on exist. Given a base URL and an access
// token of the demo user (`namaskah-consumer <base-url> <access-token>`) it runs the acceptance scenario
// against that server and prints a JSON summary.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	namaskah "github.com/namaskah/namaskah/sdks/go"
)

func main() {
	if len(os.Args) == 3 {
		summary, err := scenario(os.Args[1], os.Args[2])
		if err != nil {
			fmt.Fprintln(os.Stderr, "scenario:", err)
			os.Exit(1)
		}
		out, _ := json.Marshal(summary)
		fmt.Println(string(out))
		return
	}
	smoke()
}

// smoke calls a server that is not there: a typed connection error.
func smoke() {
	client := namaskah.NewClient(
		namaskah.WithAPIKey("nmk_test_consumer"),
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

// scenario: buy with an API key, wait for the code while the SMS lands during the subscription (on the
// key, and on the session whose real-time ticket works), real time with a bad key, pagination, typed errors.
func scenario(base, accessToken string) (map[string]any, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	session := namaskah.NewClient(namaskah.WithBaseURL(base), namaskah.WithAPIKey(accessToken))
	key, err := session.APIKeys.Create(ctx, namaskah.CreateAPIKeyRequest{
		Name:        "acceptance-go",
		Environment: namaskah.Some(namaskah.CreateAPIKeyRequestEnvironmentTest),
		Scopes:      []namaskah.APIKeyScope{namaskah.APIKeyScopeVerificationsRead, namaskah.APIKeyScopeVerificationsWrite, namaskah.APIKeyScopeWalletRead, namaskah.APIKeyScopeCatalogRead},
	})
	if err != nil {
		return nil, fmt.Errorf("create key: %w", err)
	}
	client := namaskah.NewClient(namaskah.WithBaseURL(base), namaskah.WithAPIKey(key.Secret))

	var prices []namaskah.Price
	for price, err := range client.Prices.List(ctx, namaskah.ListPricesParams{Available: namaskah.Some(true), Limit: namaskah.Some(int64(2))}) {
		if err != nil {
			return nil, fmt.Errorf("prices: %w", err)
		}
		prices = append(prices, price)
	}
	if len(prices) == 0 {
		return nil, errors.New("no offer")
	}
	offer := prices[0]

	codes := map[string]string{}
	for name, waiter := range map[string]*namaskah.Client{"key": client, "live": session} {
		bought, err := client.Verifications.Create(ctx, namaskah.CreateVerificationRequest{Service: offer.Service, Country: offer.Country})
		if err != nil {
			return nil, fmt.Errorf("buy: %w", err)
		}
		type result struct {
			v   *namaskah.Verification
			err error
		}
		done := make(chan result, 1)
		go func() {
			v, err := waiter.Verifications.WaitForCode(ctx, bought.ID, namaskah.WithPollInterval(200*time.Millisecond))
			done <- result{v, err}
		}()
		if _, err := session.Verifications.SandboxSms.Create(ctx, bought.ID, namaskah.SandboxSmsRequest{Text: "Your code is 445566"}); err != nil {
			return nil, fmt.Errorf("inject: %w", err)
		}
		r := <-done
		if r.err != nil {
			return nil, fmt.Errorf("wait (%s): %w", name, r.err)
		}
		codes[name] = r.v.Code.Value()
	}

	_, err = client.Verifications.Retrieve(ctx, "ver_0000000000000000000000000")
	var apiErr *namaskah.APIError
	notFound := errors.Is(err, namaskah.ErrNotFound) && errors.As(err, &apiErr) && apiErr.RequestID != ""

	bad := namaskah.NewClient(namaskah.WithBaseURL(base), namaskah.WithAPIKey("nmk_test_this_key_does_not_exist"))
	live := bad.Realtime.Connect(ctx)
	for range live.All() {
	}
	refused := errors.Is(live.Err(), namaskah.ErrAuthentication)

	return map[string]any{"pages": len(prices) > 2, "key_code": codes["key"], "live_code": codes["live"], "not_found": notFound, "realtime_refused": refused}, nil
}
