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
