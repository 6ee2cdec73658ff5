package namaskah_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	namaskah "github.com/namaskah/namaskah/sdks/go"
)

// buildConsumer builds internal/consumertest, a separate module that imports the SDK through a replace
// directive, the way a user's project would after `go get`.
func buildConsumer(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "consumer")
	for _, args := range [][]string{{"vet", "./..."}, {"build", "-o", out, "."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = "internal/consumertest"
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
		if output, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %v: %v\n%s", args, err, output)
		}
	}
	return out
}

func TestConsumerModuleBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a second module")
	}
	out := buildConsumer(t)
	if output, err := exec.Command(out).CombinedOutput(); err != nil || len(output) == 0 {
		t.Fatalf("consumer run: %v\n%s", err, output)
	}
}

// TestConsumerRunsTheAcceptanceScenario: the consumer module, against the reference server, buys with an
// API key, waits while the SMS lands during the subscription, sees a bad key refused in real time,
// paginates and gets typed errors.
func TestConsumerRunsTheAcceptanceScenario(t *testing.T) {
	base := referenceServer(t)
	out := buildConsumer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	login, err := namaskah.NewClient(namaskah.WithBaseURL(base)).Auth.Login(ctx, namaskah.LoginRequest{Email: "demo@namaskah.dev", Password: "demo-password-123"})
	if err != nil {
		t.Fatalf("log in: %v", err)
	}
	session, ok := login.AsLoginAuthenticated()
	if !ok {
		t.Fatalf("login result %+v", login)
	}
	cmd := exec.CommandContext(ctx, out, base, session.Tokens.AccessToken)
	cmd.Stderr = os.Stderr
	output, err := cmd.Output()
	if err != nil {
		t.Fatalf("scenario: %v\n%s", err, output)
	}
	var summary map[string]any
	if err := json.Unmarshal(output, &summary); err != nil {
		t.Fatalf("%v: %s", err, output)
	}
	want := map[string]any{"pages": true, "key_code": "445566", "live_code": "445566", "not_found": true, "realtime_refused": true}
	if !reflect.DeepEqual(summary, want) {
		t.Fatalf("summary %v, want %v", summary, want)
	}
}
