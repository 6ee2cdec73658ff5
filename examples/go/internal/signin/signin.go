// Package signin gives the examples a client: with NAMASKAH_API_KEY when set, else with an access token
// from logging in as NAMASKAH_EMAIL / NAMASKAH_PASSWORD (the reference server's demo account by default).
package signin

import (
	"cmp"
	"context"
	"errors"
	"os"

	namaskah "github.com/namaskah/namaskah/sdks/go"
)

// Client returns a signed-in client; NAMASKAH_BASE_URL picks the server.
func Client(ctx context.Context) (*namaskah.Client, error) {
	if os.Getenv("NAMASKAH_API_KEY") != "" {
		return namaskah.NewClient(), nil
	}
	result, err := namaskah.NewClient().Auth.Login(ctx, namaskah.LoginRequest{
		Email:    cmp.Or(os.Getenv("NAMASKAH_EMAIL"), "demo@namaskah.dev"),
		Password: cmp.Or(os.Getenv("NAMASKAH_PASSWORD"), "demo-password-123"),
	})
	if err != nil {
		return nil, err
	}
	session, ok := result.AsLoginAuthenticated()
	if !ok {
		return nil, errors.New("this account needs a second factor: use an API key instead")
	}
	return namaskah.NewClient(namaskah.WithAPIKey(session.Tokens.AccessToken)), nil
}
