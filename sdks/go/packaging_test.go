package namaskah_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestConsumerModuleBuilds builds internal/consumertest, a separate module that imports the SDK
// through a replace directive, the way a user's project would after `go get`.
func TestConsumerModuleBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a second module")
	}
	out := filepath.Join(t.TempDir(), "consumer")
	for _, args := range [][]string{{"vet", "./..."}, {"build", "-o", out, "."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = "internal/consumertest"
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
		if output, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %v: %v\n%s", args, err, output)
		}
	}
	if output, err := exec.Command(out).CombinedOutput(); err != nil || len(output) == 0 {
		t.Fatalf("consumer run: %v\n%s", err, output)
	}
}
