//go:build linux

package proof

import (
	"bytes"
	"context"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// importMemoryBound is the most memory an import of endless input may take.
const importMemoryBound = 64 << 20

// TestImportOfDevZeroIsRefusedInBoundedMemory imports /dev/zero in each
// format: kith must refuse it at /dev/zero:1 with a peak resident size
// under 64 MiB, where it once grew by gigabytes a minute. The time it
// takes is logged, not asserted.
func TestImportOfDevZeroIsRefusedInBoundedMemory(t *testing.T) {
	env := kithEnv(t, filepath.Join(t.TempDir(), "kith.db"))
	for _, format := range []string{"csv", "linkedin", "google", "outlook", "vcard", "json", "auto"} {
		t.Run(format, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, kithBin, "contact", "import", "/dev/zero", "--format", format)
			cmd.Env = env
			var errOut bytes.Buffer
			cmd.Stderr = &errOut
			start := time.Now()
			err := cmd.Run()
			t.Logf("%s: %v, %d KiB peak: %s", format, time.Since(start).Round(time.Millisecond),
				cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss, strings.TrimSpace(errOut.String()))
			require.Error(t, err)
			assert.Equal(t, 1, cmd.ProcessState.ExitCode())
			assert.Regexp(t, `^kith: /dev/zero(:1)?: [^\n]+\n$`, errOut.String())
			assert.Less(t, cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss*1024, int64(importMemoryBound))
		})
	}
}

// TestSIGTERMStopsAnEndlessImport sends SIGTERM to an import reading rows
// that never end (all invalid, skipped with --skip-invalid, so no write
// looks at the signal): the read must notice it and kith roll back and say
// so, rather than exit from the 5-second fallback's other message.
func TestSIGTERMStopsAnEndlessImport(t *testing.T) {
	env := kithEnv(t, filepath.Join(t.TempDir(), "kith.db"))
	mustKith(t, env, "contact", "add", "Ana Lima")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, kithBin, "contact", "import", "-", "--skip-invalid")
	cmd.Env = env
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	_, err = io.WriteString(stdin, "name,emails\n")
	require.NoError(t, err)
	row := []byte(strings.Repeat("Bad Row,not-an-email\n", 100))
	written, signalled, at := 0, false, time.Time{}
	for {
		if _, err := stdin.Write(row); err != nil {
			break // kith stopped reading
		}
		written += len(row)
		if !signalled && written > 1<<20 {
			require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
			signalled, at = true, time.Now()
		}
	}
	stdin.Close()
	require.Error(t, cmd.Wait())
	t.Logf("stopped %v after SIGTERM, having read %d MiB", time.Since(at).Round(time.Millisecond), written>>20)
	assert.Equal(t, 1, cmd.ProcessState.ExitCode())
	assert.Equal(t, "kith: interrupted before it finished; nothing was changed\n", errOut.String())
	assert.True(t, signalled, "kith stopped reading before the signal: %s", errOut.String())
	assert.Equal(t, "1\tAna Lima\t\t\thalo\t\t\t\n", mustKith(t, env, "contact", "list"))
}
