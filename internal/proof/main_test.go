package proof

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// kithBin is the real binary, built once for the tests that run kith as a
// process (crashes, concurrency, permissions, old databases).
var kithBin string

func TestMain(m *testing.M) {
	if bin := os.Getenv("KITH_PROOF_BIN"); bin != "" {
		// a binary built elsewhere, e.g. from a branch not yet on main
		kithBin = bin
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "kith-proof-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	kithBin = filepath.Join(dir, "kith")
	if runtime.GOOS == "windows" {
		kithBin += ".exe" // Windows runs only files named as programs
	}
	build := exec.Command("go", "build", "-o", kithBin, "../../cmd/kith")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build kith:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// fixedNow is the clock every process here runs at.
const fixedNow = "2026-03-02T09:00:00Z"

// kithEnv is a sandboxed environment for one database.
func kithEnv(t *testing.T, db string) []string {
	home := t.TempDir()
	return []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"XDG_DATA_HOME=" + filepath.Join(home, ".local", "share"),
		"KITH_DB=" + db,
		"KITH_NOW=" + fixedNow,
		"TZ=UTC",
		"NO_COLOR=1",
	}
}

// result is one finished kith process.
type result struct {
	stdout, stderr string
	code           int
}

// kith runs the binary to completion (at most a minute).
func kith(t *testing.T, env []string, stdin string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, kithBin, args...)
	cmd.Env = env
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if cmd.ProcessState == nil {
		require.NoError(t, err)
	}
	return result{out.String(), errOut.String(), cmd.ProcessState.ExitCode()}
}

// mustKith runs kith and fails the test unless it succeeds.
func mustKith(t *testing.T, env []string, args ...string) string {
	t.Helper()
	r := kith(t, env, "", args...)
	require.Equal(t, 0, r.code, "kith %s: %s", strings.Join(args, " "), r.stderr)
	return r.stdout
}

// sized is full in the whole suite and short under go test -short, the
// development loop: the slow suites still run every path, only fewer and
// smaller times; make test runs them at full size.
func sized(full, short int) int {
	if testing.Short() {
		return short
	}
	return full
}
