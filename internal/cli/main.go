// Package cli is kith's command line: one file per noun, each turning flags
// into domain and store calls and rendering the result.
package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/clip"
	"github.com/kith-crm/kith/internal/kith"
)

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
	// exitCheckFailed is a failure of a command run with --exit-code,
	// whose 1 says it found something (followup due: something is due):
	// a broken database must not read as "something is due" to
	// `if ! kith followup due --exit-code`. Every command with an
	// --exit-code flag follows this rule, in Run.
	exitCheckFailed = 3
)

// interruptGrace is how long a command has to roll back and stop after
// Ctrl-C or SIGTERM before kith exits anyway.
const interruptGrace = 5 * time.Second

// Main runs kith with the process's arguments and streams and returns the
// exit status, leaving os.Exit to the caller.
func Main(args []string) int {
	// Ctrl-C and a polite kill (SIGTERM, as from a service manager or
	// timeout) both cancel the one transaction, so it rolls back and kith
	// says so, instead of dying with a half-written -wal to recover.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	finished := make(chan struct{})
	defer close(finished)
	go func() {
		select {
		case <-finished:
			return
		case <-ctx.Done():
		}
		stop() // a second Ctrl-C kills at once, should rolling back ever hang
		// A command stuck where it cannot see the cancellation (a read from
		// a stalled network disk) still ends: SQLite's journal keeps the
		// database as it was, as after a kill.
		select {
		case <-finished:
		case <-time.After(interruptGrace):
			fmt.Fprintln(os.Stderr, "kith: interrupted, and it did not stop in time; whatever it had not yet saved is dropped")
			os.Exit(exitError)
		}
	}()
	return Run(ctx, SystemFactory(), args)
}

// Run executes one kith command line against f and returns the exit status.
func Run(ctx context.Context, f *Factory, args []string) int {
	f.args = args
	root := NewRootCmd(f)
	root.SetArgs(args)
	root.SetIn(f.In)
	root.SetOut(f.Out)
	root.SetErr(f.ErrOut)
	cmd, err := root.ExecuteContextC(ctx)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err == nil {
		return exitOK
	}
	var quiet *quietExit
	if errors.As(err, &quiet) {
		return quiet.code
	}
	if errors.Is(err, context.Canceled) && ctx.Err() != nil && !f.changed {
		// the command's one transaction was rolled back
		err = errors.New("interrupted before it finished; nothing was changed")
	}
	suggestRetype(err, cmd, args)
	line := errorLine(err)
	if f.changed {
		// the one transaction committed, then printing (or a later step)
		// failed: a script must not take exit 1 for "nothing changed"
		line += "; the change was saved before this failed"
	}
	fmt.Fprintln(f.ErrOut, "kith: "+line)
	var ue *usageError
	switch {
	case errors.As(err, &ue):
		return exitUsage
	case errors.Is(err, errPromptInterrupted):
		return exitInterrupted
	case exitCodeAsked(cmd):
		return exitCheckFailed
	}
	return exitError
}

// exitCodeAsked reports whether cmd ran with --exit-code, which gives its
// exit 1 a meaning of its own (see exitCheckFailed).
func exitCodeAsked(cmd *cobra.Command) bool {
	if cmd == nil {
		return false
	}
	fl := cmd.Flags().Lookup("exit-code")
	return fl != nil && fl.Changed && fl.Value.String() == "true"
}

// errorLine renders err as the one line the user sees: the message, then
// the hint when there is one.
func errorLine(err error) string {
	msg := err.Error()
	var ke *kith.Error
	if errors.As(err, &ke) && ke.Hint != "" {
		msg += "; " + ke.Hint
	}
	return printable(strings.ReplaceAll(msg, "\n", " "))
}

// printable escapes what a terminal would act on in an error line, as Go
// quotes it: control characters (an escape sequence in a file name), bidi
// controls that reorder the line, and bytes that are not UTF-8. Values an
// error quotes with %q are already escaped; a file path is shown as it is
// named, and only this makes it safe.
func printable(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\t' || unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// usageError is a mistake in how a command was called: a bad flag, a
// missing argument. It exits 2.
type usageError struct {
	msg string
}

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, clip.Args(format, args)...)}
}

// quietExit ends a command with a status and no message, when the output
// already said it all: followup due --exit-code exits 1 when it printed
// something due.
type quietExit struct {
	code int
}

func (e *quietExit) Error() string { return fmt.Sprintf("exit status %d", e.code) }
