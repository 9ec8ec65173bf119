package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/kith-crm/kith/internal/kith"
)

// exitInterrupted is the status of a command stopped by Ctrl-C at a
// prompt, as a shell reports a program killed by SIGINT.
const exitInterrupted = 130

// errPromptInterrupted ends a command whose prompt was answered with
// Ctrl-C. Prompts come before a command writes, so nothing was.
var errPromptInterrupted = errors.New("interrupted at the prompt; nothing was changed")

// lineReader reads stdin a line at a time for prompts. A read from a
// terminal cannot be cancelled, so each runs on a goroutine of its own,
// and a Ctrl-C stops the wait at once: the command ends and the process
// with it, instead of sitting in a read that swallows the next line the
// user types.
type lineReader struct {
	in *bufio.Reader
}

// readLine returns the next line without its line end, or ctx's error
// the moment ctx is cancelled. At the end of input it returns io.EOF; a
// last line without a line end is still a line.
func (r *lineReader) readLine(ctx context.Context) (string, error) {
	type result struct {
		line string
		err  error
	}
	got := make(chan result, 1)
	go func() {
		s, err := r.in.ReadString('\n')
		got <- result{s, err}
	}()
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case res := <-got:
		if errors.Is(res.err, io.EOF) && res.line != "" {
			res.err = nil
		}
		return strings.TrimRight(res.line, "\r\n"), res.err
	}
}

// prompt writes question to stderr and reads the answer from stdin, one
// line, trimmed. Ctrl-C (errPromptInterrupted, exit 130) and the end of
// input (Ctrl-D, or a script's stdin running out: exit 1) both end the
// command: what the answer was for is not done. what names the answer
// in that message ("client answer").
func (f *Factory) prompt(ctx context.Context, question, what string) (string, error) {
	if f.stdin == nil {
		f.stdin = &lineReader{in: bufio.NewReader(f.In)}
	}
	fmt.Fprint(f.ErrOut, question)
	s, err := f.stdin.readLine(ctx)
	switch {
	case ctx.Err() != nil:
		fmt.Fprintln(f.ErrOut) // after the terminal's ^C, so kith's message starts a line
		return "", errPromptInterrupted
	case errors.Is(err, io.EOF):
		fmt.Fprintln(f.ErrOut)
		return "", kith.Errorf(kith.Invalid, "input ended before the %s; nothing was changed", what).Wrap(io.EOF)
	case err != nil:
		return "", err
	}
	return strings.TrimSpace(s), nil
}
