//go:build !windows

package proof

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/render"
)

// TestDemoExplainsEachStep runs make demo's tour (scripts/demo.sh) with
// the real binary: it must run through, and say before each command what
// its output shows, so a reader is never left to guess (why Bo, a raving
// fan, is not in kith fans).
func TestDemoExplainsEachStep(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "../../scripts/demo.sh", kithBin)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "TZ=UTC", "NO_COLOR=1", "COLUMNS=80"}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, stderr.String())
	assert.Empty(t, stderr.String())

	noted := false // a note since the last command's output began
	commands := 0
	for _, line := range strings.Split(string(out), "\n") {
		switch {
		case strings.HasPrefix(line, "# "):
			noted = true
			assert.LessOrEqual(t, render.Width(line), 80, "a note fits the terminal: %q", line)
		case strings.HasPrefix(line, "$ kith "):
			commands++
			assert.True(t, noted, "no note says what %q shows", line)
		case line != "":
			noted = false // output: the next command needs a note of its own
		}
		assert.False(t, strings.HasPrefix(line, "kith: "), "the tour hit an error: %s", line)
	}
	assert.Greater(t, commands, 15)
	assert.Regexp(t, `(?m)^# .*Bo is not: a raving fan is past 212° already\.$`, string(out))
	assert.Equal(t, 1, strings.Count(string(out), "send the tender documents\n"), "the lunch's next step, due once")
}
