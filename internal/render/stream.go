package render

import (
	"errors"
	"fmt"
	"io"
)

// Stream prints a list record by record as it is read, so a list of any
// length costs the memory of a few records: JSON elements and piped lines
// go out as they come. Only a terminal's table waits for its rows, since
// its column widths depend on every cell; it holds a page of them
// (PageRows), the rows a person reads there, and stops the list with
// ErrTableFull when there are more. The bytes are those Table.Print writes
// for the same rows, and a line after a table cut short.
type Stream struct {
	t     Table
	m     Mode
	w     io.Writer  // a terminal
	json  *jsonList  // JSON
	lines *Lines     // a pipe
	rows  [][]string // a terminal's rows, until Close
	page  int        // how many rows a terminal's table holds
	cut   bool       // a row past the page was offered
}

// PageRows is how many rows a terminal's table shows when its list was
// not asked for more (Table.Limit): three months of coffees at the
// method's six to eight a week, past which a pager or a script is the
// better reader, and a table that prints at once whatever the database
// holds.
const PageRows = 100

// ErrTableFull is what Stream.Add returns for a row past a terminal's
// page: the list reads no further, and Close prints the page with a line
// saying how to see every row. Callers stop on it as on success.
var ErrTableFull = errors.New("the terminal's table holds a page of rows")

// Stream starts printing t's rows to w in mode m; Close ends the list.
func (t Table) Stream(w io.Writer, m Mode) *Stream {
	s := &Stream{t: t, m: m}
	switch {
	case m.JSON:
		s.json = newJSONList(w)
	case !m.TTY:
		s.lines = NewLines(w)
	default:
		s.w, s.page = w, max(PageRows, t.Limit)
	}
	return s
}

// Add prints one record: value in JSON, row otherwise. JSON is written by
// a goroutine of its own (jsonList): value must not change after Add. On
// a terminal, a row past the page is ErrTableFull.
func (s *Stream) Add(row []string, value any) error {
	switch {
	case s.json != nil:
		return s.json.add(value)
	case s.lines != nil:
		s.lines.Row(row...)
		return nil
	case len(s.rows) == s.page:
		s.cut = true
		return ErrTableFull
	default:
		s.rows = append(s.rows, row)
		return nil
	}
}

// Close ends the list (a terminal's table is printed now) and flushes it.
func (s *Stream) Close() error {
	switch {
	case s.json != nil:
		return s.json.close()
	case s.lines != nil:
		return s.lines.Flush()
	}
	if err := s.t.Print(s.w, s.m, s.rows, nil); err != nil || !s.cut {
		return err
	}
	more := "pipe the list (| less) or add --json to see every one"
	if s.t.Limited {
		more = "--limit N shows N, a pipe (| less) or --json every one"
	}
	_, err := fmt.Fprintln(s.w, s.m.Dim(fmt.Sprintf("the first %d shown; %s", len(s.rows), more)))
	return err
}

// Stop gives up a list that failed part way, leaving it unended: its JSON
// writer is done with before Stop returns, so nothing is written after.
func (s *Stream) Stop() {
	if s.json != nil {
		s.json.stop()
	}
}

// appendIndented appends src, compact JSON that encoding/json wrote, to
// dst indented as json.Indent(prefix, indent) writes it: a new line for
// each element and member, "{}" and "[]" kept whole, a space after each
// colon. It is several times faster than json.Indent, which checks every
// byte with its full scanner; a list of a million records spent a third
// of its time there. Only strings need care: what is in them is copied
// as it is.
func appendIndented(dst, src []byte, prefix, indent string) []byte {
	depth := 0
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '"':
			end := stringEnd(src, i)
			dst = append(dst, src[i:end]...)
			i = end - 1
		case '{', '[':
			dst = append(dst, c)
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				dst = append(dst, src[i+1])
				i++
				continue
			}
			depth++
			dst = appendNewline(dst, prefix, indent, depth)
		case '}', ']':
			depth--
			dst = appendNewline(dst, prefix, indent, depth)
			dst = append(dst, c)
		case ',':
			dst = appendNewline(append(dst, c), prefix, indent, depth)
		case ':':
			dst = append(dst, c, ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// stringEnd returns the index just past the JSON string that starts with
// the quote at src[start]. (A plain loop: strings in records are short,
// where bytes.IndexAny costs more than it saves.)
func stringEnd(src []byte, start int) int {
	for i := start + 1; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++ // the escaped byte, whatever it is
		case '"':
			return i + 1
		}
	}
	return len(src)
}

// appendNewline starts a new line at depth.
func appendNewline(dst []byte, prefix, indent string, depth int) []byte {
	dst = append(append(dst, '\n'), prefix...)
	for range depth {
		dst = append(dst, indent...)
	}
	return dst
}
