// Package render prints records in the three forms the interface promises:
// a table on a terminal, plain tab-separated lines when piped, and JSON.
package render

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Mode says how output is printed.
type Mode struct {
	JSON   bool // --json was given
	TTY    bool // stdout is a terminal (or kith was told to act as if)
	Width  int  // the terminal's width in columns; 0 means DefaultWidth
	Wide   bool // --wide: every column of a table, past the terminal's width
	Colour bool // a terminal that takes colour: NO_COLOR is not set
}

// maxCell caps a table cell on a terminal so one long note cannot wreck
// the layout; plain and JSON output are never cut.
const maxCell = 60

// LineWidth is how wide a line on the terminal may be: Width, or
// DefaultWidth when it is not known.
func (m Mode) LineWidth() int {
	if m.Width <= 0 {
		return DefaultWidth
	}
	return m.Width
}

// Dim is s in the terminal's faint style, for a line that only says what
// is not there; without colour it is s.
func (m Mode) Dim(s string) string {
	if !m.Colour {
		return s
	}
	return "\x1b[2m" + s + "\x1b[0m"
}

// Bold is s in the terminal's bold style, for a heading; without colour
// it is s.
func (m Mode) Bold(s string) string {
	if !m.Colour {
		return s
	}
	return "\x1b[1m" + s + "\x1b[0m"
}

// List prints rows under headers as a Table with nothing more to say: on
// a narrow terminal, columns are hidden from the right.
func List(w io.Writer, m Mode, headers []string, rows [][]string, value any) error {
	return Table{Headers: headers}.Print(w, m, rows, value)
}

// Plain prints rows as tab-separated lines. Tabs and line breaks inside a
// cell become spaces so every record stays on its line.
func Plain(w io.Writer, rows [][]string) error {
	l := NewLines(w)
	for _, r := range rows {
		l.Row(r...)
	}
	return l.Flush()
}

// Lines writes records one at a time as Plain does, for a long list that
// need not be held as rows first. Output is buffered: a long list costs a
// few writes, not one per line.
type Lines struct {
	w *bufio.Writer
}

// NewLines starts plain output to w; Flush ends it.
func NewLines(w io.Writer) *Lines {
	return &Lines{w: bufio.NewWriterSize(w, 64<<10)}
}

// Row writes one record.
func (l *Lines) Row(cells ...string) {
	for i, c := range cells {
		if i > 0 {
			l.w.WriteByte('\t')
		}
		l.w.WriteString(Cell(c))
	}
	l.w.WriteByte('\n')
}

// Flush writes what is buffered and returns the first write error.
func (l *Lines) Flush() error { return l.w.Flush() }

// JSON prints value as indented JSON.
func JSON(w io.Writer, value any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(value)
}

// Field is one labelled line of a record view.
type Field struct {
	Label, Value string
}

// Record prints one record: JSON prints value, otherwise "label: value"
// lines, skipping empty values. Multi-line values continue indented, and
// on a terminal a long one wraps, continuing under itself.
func Record(w io.Writer, m Mode, fields []Field, value any) error {
	if m.JSON {
		return JSON(w, value)
	}
	width := 0
	for _, f := range fields {
		if f.Value != "" && len(f.Label) > width {
			width = len(f.Label)
		}
	}
	for _, f := range fields {
		if f.Value == "" {
			continue
		}
		text := Text(f.Value)
		if m.TTY {
			text = Wrap(text, max(m.LineWidth()-width-3, minWrap))
		}
		lines := strings.Split(text, "\n")
		if _, err := fmt.Fprintf(w, "%-*s  %s\n", width+1, f.Label+":", lines[0]); err != nil {
			return err
		}
		for _, l := range lines[1:] {
			if _, err := fmt.Fprintf(w, "%*s  %s\n", width+1, "", l); err != nil {
				return err
			}
		}
	}
	return nil
}

// Cell makes s safe for one table cell or plain field: line breaks and tabs
// become spaces, and other control characters are shown escaped, so stored
// text can never move the cursor or recolour the user's terminal.
func Cell(s string) string {
	return neutralise(s, false)
}

// Text is Cell for multi-line text: it keeps line breaks.
func Text(s string) string {
	return neutralise(s, true)
}

func neutralise(s string, keepNewlines bool) string {
	// fast path: printable ASCII needs no decoding
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	clean := true
	for _, r := range s {
		if unicode.IsControl(r) || r == utf8.RuneError || isBidiControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '\n' && keepNewlines:
			b.WriteRune(r)
		case r == '\n' || r == '\t' || r == '\r':
			b.WriteByte(' ')
		case r == utf8.RuneError && len(s[i:]) > 0:
			b.WriteRune(unicode.ReplacementChar)
		case unicode.IsControl(r):
			fmt.Fprintf(&b, "\\x%02x", r)
		case isBidiControl(r):
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isBidiControl reports whether r is a bidirectional embedding, override or
// isolate (U+202A-U+202E, U+2066-U+2069): in a terminal it reorders the
// rest of the line, cells after it included. Right-to-left text itself
// needs none of them.
func isBidiControl(r rune) bool {
	return r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069'
}
