package cli

import (
	"context"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/kith-crm/kith/internal/kith"
)

// ctxReader stops reading once ctx is cancelled (Ctrl-C, SIGTERM), so an
// import notices it within one read of a file or pipe that never ends,
// instead of at the next record, which may never come.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// interrupted is ctx's error when ctx was cancelled, which the error err
// it caused (a failed read, worded by a reader) would hide; otherwise err.
func interrupted(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// openInput opens FILE, or stdin for "-", returning how errors should name
// it and its size when known (0 otherwise).
func openInput(f *Factory, path string) (io.Reader, string, int64, func(), error) {
	if path == "-" {
		return f.In, "stdin", 0, func() {}, nil
	}
	if blank(path) {
		return nil, "", 0, nil, usageErrorf("import needs a FILE name (or - for stdin), got %q", path)
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, "", 0, nil, kith.Errorf(kith.Invalid, "cannot read %s: %v", path, kith.PathCause(err)).
			WithHint("check the path, or pass - to read stdin")
	}
	var size int64
	if st, err := file.Stat(); err == nil {
		if st.IsDir() {
			file.Close()
			return nil, "", 0, nil, kith.Errorf(kith.Invalid, "%s is a folder, not a file", path).WithHint("name the exported file itself")
		}
		size = st.Size()
	}
	return file, path, size, func() { file.Close() }, nil
}

// importProgress shows a progress bar on stderr, but only when stderr is a
// terminal and the import has already run for a second: short imports and
// pipes see nothing.
type importProgress struct {
	enabled bool
	since   func() time.Duration
	errOut  io.Writer
	size    int64
	name    string
	read    int64
	n       int
	bar     *progressbar.ProgressBar
}

func newImportProgress(f *Factory, size int64, name string) *importProgress {
	p := &importProgress{enabled: f.ErrTTY && f.Elapsed != nil, errOut: f.ErrOut, size: size, name: name}
	if p.enabled {
		p.since = f.Elapsed()
	}
	return p
}

func (p *importProgress) wrap(r io.Reader) io.Reader {
	if !p.enabled {
		return r
	}
	return readCounter{r: r, n: &p.read}
}

type readCounter struct {
	r io.Reader
	n *int64
}

func (c readCounter) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	*c.n += int64(n)
	return n, err
}

// progressEvery is how many records pass between looks at the clock.
const progressEvery = 1024

func (p *importProgress) tick() {
	if !p.enabled {
		return
	}
	p.n++
	if p.n%progressEvery != 0 {
		return
	}
	if p.bar == nil {
		if p.since() < time.Second {
			return
		}
		max := p.size
		if max == 0 {
			max = -1 // unknown size: a spinner
		}
		p.bar = progressbar.NewOptions64(max, progressbar.OptionSetWriter(p.errOut),
			progressbar.OptionSetDescription("importing "+p.name), progressbar.OptionShowBytes(true),
			progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish(),
			progressbar.OptionSetWidth(30))
	}
	_ = p.bar.Set64(p.read)
}

func (p *importProgress) done() {
	if p.bar != nil {
		_ = p.bar.Finish()
		_ = p.bar.Clear()
	}
}
