package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
)

// Stream prints a list record by record as it is read, so a list of any
// length costs the memory of one record: JSON elements and piped lines go
// out as they come. Only a terminal's table waits for its rows, since its
// column widths depend on every cell; a table is for reading, not for a
// million rows. The bytes are those Table.Print writes for the same rows.
type Stream struct {
	t     Table
	m     Mode
	w     io.Writer     // a terminal
	out   *bufio.Writer // JSON
	lines *Lines        // a pipe
	rows  [][]string    // a terminal's rows, until Close
	n     int           // records added
	elem  bytes.Buffer
	enc   *json.Encoder
}

// Stream starts printing t's rows to w in mode m; Close ends the list.
func (t Table) Stream(w io.Writer, m Mode) *Stream {
	s := &Stream{t: t, m: m}
	switch {
	case m.JSON:
		s.out = bufio.NewWriterSize(w, 64<<10)
		// Each element is indented as it sits in the array, so the output
		// is what JSON prints for the whole slice.
		s.enc = json.NewEncoder(&s.elem)
		s.enc.SetIndent("  ", "  ")
		s.enc.SetEscapeHTML(false)
	case !m.TTY:
		s.lines = NewLines(w)
	default:
		s.w = w
	}
	return s
}

// Add prints one record: value in JSON, row otherwise.
func (s *Stream) Add(row []string, value any) error {
	s.n++
	switch {
	case s.enc != nil:
		s.elem.Reset()
		if err := s.enc.Encode(value); err != nil {
			return err
		}
		sep := ",\n  "
		if s.n == 1 {
			sep = "[\n  "
		}
		s.out.WriteString(sep)
		_, err := s.out.Write(bytes.TrimSuffix(s.elem.Bytes(), []byte("\n")))
		return err
	case s.lines != nil:
		s.lines.Row(row...)
		return nil
	default:
		s.rows = append(s.rows, row)
		return nil
	}
}

// Close ends the list (a terminal's table is printed now) and flushes it.
func (s *Stream) Close() error {
	switch {
	case s.enc != nil:
		end := "\n]\n"
		if s.n == 0 {
			end = "[]\n"
		}
		s.out.WriteString(end)
		return s.out.Flush()
	case s.lines != nil:
		return s.lines.Flush()
	default:
		return s.t.Print(s.w, s.m, s.rows, nil)
	}
}
