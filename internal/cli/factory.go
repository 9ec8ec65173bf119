package cli

import (
	"context"
	"io"
	"os"
	"strconv"
	"time"

	"golang.org/x/term"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/render"
	"github.com/kith-crm/kith/internal/store"
)

// Factory is everything a command may touch of the outside world: its IO
// streams, whether they are terminals, the environment, the clock, the
// configuration and the database. Commands use nothing else, so tests can
// run any command in-process with fakes of each.
type Factory struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	InTTY  bool // stdin is a terminal: prompts are allowed
	OutTTY bool // stdout is a terminal: tables instead of plain lines
	ErrTTY bool // stderr is a terminal: progress bars are allowed
	// TermWidth is the width of the terminal stdout is on, 0 when unknown;
	// nil means unknown.
	TermWidth func() int

	Getenv func(string) string
	Now    func() time.Time // in the user's time zone; KITH_NOW overrides it
	// Elapsed starts a stopwatch on the real clock, for progress display
	// only (KITH_NOW does not stop it); nil turns progress bars off.
	Elapsed func() func() time.Duration

	flags globalFlags
	args  []string // the command line, which the journal records
	cfg   *Config
	db    *store.DB
	stdin *lineReader // prompts' reader, made on the first prompt
	// changed records, at Close, whether the command committed a write
	changed bool
}

// globalFlags are the persistent flags every command accepts.
type globalFlags struct {
	db     string
	config string
	json   bool
	wide   bool
}

// SystemFactory wires the factory to the real process.
func SystemFactory() *Factory {
	return &Factory{
		In:     os.Stdin,
		Out:    os.Stdout,
		ErrOut: os.Stderr,
		InTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		OutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		ErrTTY: term.IsTerminal(int(os.Stderr.Fd())),
		TermWidth: func() int {
			w, _, err := term.GetSize(int(os.Stdout.Fd()))
			if err != nil {
				return 0
			}
			return w
		},
		Getenv: os.Getenv,
		Now:    time.Now,
		Elapsed: func() func() time.Duration {
			start := time.Now()
			return func() time.Duration { return time.Since(start) }
		},
	}
}

// Mode tells render how to print to Out.
func (f *Factory) Mode() render.Mode {
	return render.Mode{
		JSON:   f.flags.json,
		TTY:    f.OutTTY,
		Width:  f.Width(),
		Wide:   f.flags.wide,
		Colour: f.OutTTY && f.Getenv("NO_COLOR") == "",
	}
}

// minWidth is the narrowest terminal width believed: a smaller COLUMNS is
// a mistake, not a terminal.
const minWidth = 20

// Width is how many columns output on a terminal may take: the number in
// KITH_FORCE_TTY, else $COLUMNS, else the terminal's own width. A COLUMNS
// that is not a number of at least minWidth means the default, 80.
func (f *Factory) Width() int {
	if n, err := strconv.Atoi(f.Getenv("KITH_FORCE_TTY")); err == nil && n >= minWidth {
		return n
	}
	if v := f.Getenv("COLUMNS"); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n >= minWidth {
			return n
		}
		return render.DefaultWidth
	}
	if f.TermWidth != nil {
		if n := f.TermWidth(); n >= minWidth {
			return n
		}
	}
	return render.DefaultWidth
}

// applyForceTTY makes stdout act as a terminal when KITH_FORCE_TTY is set,
// as GH_FORCE_TTY does for gh: for a demo or a test that captures what a
// person would see. Its value, when a number, is the width.
func (f *Factory) applyForceTTY() {
	if f.Getenv("KITH_FORCE_TTY") != "" {
		f.OutTTY = true
	}
}

// Today is the user's calendar day now.
func (f *Factory) Today() dates.Date {
	return dates.Of(f.Now())
}

// Config loads the configuration once, from flags, environment and file.
func (f *Factory) Config() (*Config, error) {
	if f.cfg == nil {
		cfg, err := loadConfig(f.flags, f.Getenv)
		if err != nil {
			return nil, err
		}
		f.cfg = cfg
	}
	return f.cfg, nil
}

// Store opens the database on first use and returns the same handle after.
func (f *Factory) Store(ctx context.Context) (*store.DB, error) {
	if f.db != nil {
		return f.db, nil
	}
	cfg, err := f.Config()
	if err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, cfg.DB, f.Now)
	if err != nil {
		return nil, err
	}
	db.SetCommand(f.args)
	f.db = db
	return db, nil
}

// Close releases the database if a command opened it.
func (f *Factory) Close() error {
	if f.db == nil {
		return nil
	}
	f.changed = f.db.Changed()
	err := f.db.Close()
	f.db = nil
	return err
}

// prose makes text ready for Out: what a terminal would act on is shown
// escaped, and on a terminal the lines wrap at word boundaries to its
// width instead of breaking mid-word. Piped, the lines are as written.
func (f *Factory) prose(text string) string {
	text = render.Text(text)
	if m := f.Mode(); m.TTY {
		return render.Wrap(text, m.LineWidth())
	}
	return text
}
