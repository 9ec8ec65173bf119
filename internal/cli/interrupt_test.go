package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
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
