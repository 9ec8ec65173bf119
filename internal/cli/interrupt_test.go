package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cancellingReader is a long CSV that cancels the command's context part
// way through, as Ctrl-C does in the middle of an import.
type cancellingReader struct {
	r      io.Reader
	read   int
	after  int
	cancel context.CancelFunc
}

func (c *cancellingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.read += n
	if c.read >= c.after {
		c.cancel()
	}
	return n, err
}

func TestInterruptedImportSaysSoAndChangesNothing(t *testing.T) {
	e := newTestEnv(t)
	_, stderr, code := e.run("", "contact", "add", "Ana Lima", "--email", "ana@example.com")
	require.Equal(t, 0, code, stderr)
	before, _, _ := e.run("", "export")

	var csv strings.Builder
	csv.WriteString("name,emails\n")
	for i := range 20000 {
		fmt.Fprintf(&csv, "Person %d,p%d@example.com\n", i, i)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut bytes.Buffer
	f := &Factory{
		In:  &cancellingReader{r: strings.NewReader(csv.String()), after: csv.Len() / 2, cancel: cancel},
		Out: &out, ErrOut: &errOut,
		Getenv: func(k string) string { return e.env[k] },
		Now:    time.Now,
	}
	code = Run(ctx, f, []string{"contact", "import", "-"})

	assert.Equal(t, exitError, code)
	assert.Equal(t, "kith: interrupted before it finished; nothing was changed\n", errOut.String())
	after, _, _ := e.run("", "export")
	assert.Equal(t, before, after)
}

// failingWriter is a stdout that cannot be written: a full disk, a closed
// file.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestOutputLostAfterASavedChangeSaysItWasSaved checks the one case where a
// failing command has changed something: its change was committed, then
// printing the result failed. The message must not let a script believe
// nothing happened (and add the contact again).
func TestOutputLostAfterASavedChangeSaysItWasSaved(t *testing.T) {
	e := newTestEnv(t)
	run := func(out io.Writer, args ...string) (string, int) {
		var errOut bytes.Buffer
		f := &Factory{In: strings.NewReader(""), Out: out, ErrOut: &errOut,
			Getenv: func(k string) string { return e.env[k] }, Now: time.Now}
		code := Run(context.Background(), f, args)
		return errOut.String(), code
	}
	stderr, code := run(failingWriter{}, "contact", "add", "Ana Lima")
	assert.Equal(t, exitError, code)
	assert.Equal(t, "kith: no space left on device; the change was saved before this failed\n", stderr)
	out, _, _ := e.run("", "contact", "list")
	assert.Contains(t, out, "Ana Lima")

	// a read that cannot print changed nothing, and says nothing more
	stderr, code = run(failingWriter{}, "contact", "list")
	assert.Equal(t, exitError, code)
	assert.Equal(t, "kith: no space left on device\n", stderr)
	// nor does a first command that only created and migrated the database
	e.env["KITH_DB"] = filepath.Join(t.TempDir(), "new.db")
	stderr, _ = run(failingWriter{}, "--json", "contact", "list")
	assert.Equal(t, "kith: no space left on device\n", stderr)
}

// cancelOnPrompt is a stderr that cancels the command's context, as
// Ctrl-C does, once a prompt ending in suffix has been written.
type cancelOnPrompt struct {
	bytes.Buffer
	suffix string
	cancel context.CancelFunc
}

func (c *cancelOnPrompt) Write(p []byte) (int, error) {
	n, err := c.Buffer.Write(p)
	if strings.HasSuffix(c.String(), c.suffix) {
		c.cancel()
	}
	return n, err
}

// TestCtrlCAtAPromptStopsAtOnce checks that Ctrl-C at a prompt ends the
// command while it is still waiting for a line that will never come (a
// terminal read cannot be cancelled): exit 130, nothing written.
func TestCtrlCAtAPromptStopsAtOnce(t *testing.T) {
	e := newTestEnv(t)
	for _, name := range []string{"Ana Lima", "Sam Ng", "Sam Ng"} {
		_, stderr, code := e.run("", "contact", "add", name, "--new")
		require.Equal(t, 0, code, stderr)
	}
	before, _, _ := e.run("", "export")
	tests := []struct {
		name   string
		typed  string // what was typed before Ctrl-C
		args   []string
		prompt string
	}{
		{"an answer", "", []string{"ask", "ana"}, "Enter to skip): "},
		{"a later answer", "Yan Ro\n", []string{"ask", "ana"}, "Client (a name or \"Name @ Company\"; Enter to skip): "},
		{"the pick between two contacts", "sam ng\n", []string{"ask", "ana"}, "Which one? (number, n for someone new, Enter to skip): "},
		{"contact rm's confirmation", "", []string{"contact", "rm", "ana"}, "[y/N] "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			in, typing := io.Pipe() // a terminal: what was typed, then nothing more
			defer typing.Close()
			go func() { _, _ = typing.Write([]byte(tt.typed)) }()
			errOut := &cancelOnPrompt{suffix: tt.prompt, cancel: cancel}
			var out bytes.Buffer
			f := &Factory{In: in, Out: &out, ErrOut: errOut, InTTY: true,
				Getenv: func(k string) string { return e.env[k] }, Now: time.Now}

			code := Run(ctx, f, tt.args)

			assert.Equal(t, exitInterrupted, code)
			assert.True(t, strings.HasSuffix(errOut.String(), tt.prompt+"\nkith: interrupted at the prompt; nothing was changed\n"), errOut.String())
			after, _, _ := e.run("", "export")
			assert.Equal(t, before, after)
		})
	}
}

func TestEndOfInputAtAPromptChangesNothing(t *testing.T) {
	e := newTestEnv(t)
	e.tty = true
	_, stderr, code := e.run("", "contact", "add", "Ana Lima")
	require.Equal(t, 0, code, stderr)
	before, _, _ := e.run("", "export")

	_, stderr, code = e.run("", "contact", "rm", "ana")
	assert.Equal(t, exitError, code)
	assert.Equal(t, "Remove #1 Ana Lima? [y/N] \nkith: input ended before the confirmation; nothing was changed\n", stderr)
	_, stderr, code = e.run("Yan Ro\n", "ask", "ana")
	assert.Equal(t, exitError, code)
	assert.Contains(t, stderr, "kith: input ended before the client answer; nothing was changed\n", "Ctrl-D on a terminal: no hint about scripts")
	after, _, _ := e.run("", "export")
	assert.Equal(t, before, after)

	_, _, code = e.run("n\n", "contact", "rm", "ana")
	assert.Equal(t, exitOK, code, "answered no: nothing to report")
}
