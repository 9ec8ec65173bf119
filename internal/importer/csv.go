package importer

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/kith-crm/kith/internal/kith"
)

// csvReader reads any of the CSV layouts: the header row is read first and
// turned into a rowMapper for its format; each later row becomes a Record.
type csvReader struct {
	guesses
	r      *csv.Reader
	name   string
	m      rowMapper
	index  map[string]int
	ncols  int
	source string
	format Format
	row    csvRow // the row being mapped, reused
}

// rowMapper fills a contact from one row, noting in the row the fields it
// cannot use.
type rowMapper func(r *csvRow, c *kith.Contact)

// csvRow is one data row as a rowMapper sees it.
type csvRow struct {
	cr      *csvReader
	cells   []string
	line    int
	dropped drops
}

// get returns the cell of the column named col (by its English name, for
// a localized header), trimmed; "" when the file has no such column. Text
// that is not UTF-8 is read as Windows-1252, the encoding of the
// spreadsheets and Windows programs that write such files, and the guess
// is noted.
func (r *csvRow) get(col string) string {
	i, ok := r.cr.index[col]
	if !ok || i >= len(r.cells) {
		return ""
	}
	v := strings.TrimSpace(r.cells[i])
	if !utf8.ValidString(v) {
		v = r.cr.fromWindows1252(v, r.line)
	}
	return v
}

// drop notes that field could not be used.
func (r *csvRow) drop(field, format string, args ...any) {
	r.dropped.add(r.line, field, format, args...)
}

func newCSVReader(br *bufio.Reader, name string, format Format) (*csvReader, error) {
	if b, _ := br.Peek(len(bom)); string(b) == string(bom) {
		br.Discard(len(bom))
	}
	r := csv.NewReader(br)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	cr := &csvReader{r: r, name: name, source: "import:" + string(format)}
	for {
		header, err := r.Read()
		if err == io.EOF {
			return nil, kith.Errorf(kith.Invalid, "%s: no header row found", name).
				WithHint("the first row of a %s file names its columns", format)
		}
		line := rowLine(r, err)
		if err != nil {
			return nil, csvError(name, err, line)
		}
		// LinkedIn writes a few lines of notes before the header.
		if format == LinkedIn && !containsCell(header, "First Name") {
			continue
		}
		header = trimTrailingEmpty(append([]string(nil), header...))
		if format == Auto {
			format = Detect([]byte(strings.Join(header, ",")))
		}
		m, err := mapperFor(format, header)
		if err != nil {
			return nil, kith.Errorf(kith.Invalid, "%s:%d: %v", name, line, err).
				WithHint("check the header row, or pass the right --format")
		}
		cr.m, cr.ncols, cr.format = m, len(header), format
		cr.index = make(map[string]int, len(header))
		for i, h := range header {
			h = strings.TrimSpace(h)
			if format == Outlook {
				h = outlookColumn(h)
			}
			if _, dup := cr.index[h]; !dup {
				cr.index[h] = i
			}
		}
		return cr, nil
	}
}

// trimTrailingEmpty drops the empty cells at the end of a row.
func trimTrailingEmpty(row []string) []string {
	for len(row) > 1 && strings.TrimSpace(row[len(row)-1]) == "" {
		row = row[:len(row)-1]
	}
	return row
}

func containsCell(row []string, v string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) == v {
			return true
		}
	}
	return false
}

// Next reads the next data row. Blank rows are skipped.
func (cr *csvReader) Next() (Record, error) {
	for {
		row, err := cr.r.Read()
		line := rowLine(cr.r, err)
		if err == io.EOF {
			return Record{}, io.EOF
		}
		if err != nil {
			return Record{Line: line}, csvError(cr.name, err, line)
		}
		if len(row) == 1 && strings.TrimSpace(row[0]) == "" {
			continue
		}
		if len(row) > cr.ncols {
			// Google's "Outlook CSV" ends every row with one empty cell
			// more than its header names: nothing is lost by ignoring it.
			// Text beyond the header is another matter (a row shifted by
			// a stray comma): its cells cannot be trusted.
			if row = trimTrailingEmpty(row); len(row) > cr.ncols {
				return Record{Line: line}, lineErrorf(cr.name, line, "%d cells but the header has %d columns", len(row), cr.ncols)
			}
		}
		rec := Record{Line: line, Contact: kith.Contact{Source: cr.source}}
		cr.row = csvRow{cr: cr, cells: row, line: line}
		cr.m(&cr.row, &rec.Contact)
		rec.Dropped = cr.row.dropped
		if cr.format == LinkedIn && kith.TrimText(rec.Contact.Name) == "" {
			// Real Connections.csv files have such rows: members who hid
			// or closed their profile. Not an error in the file.
			rec.Skip = "no name (LinkedIn leaves it out for members who hid or closed their profile)"
			rec.Dropped = nil
			return rec, nil
		}
		if err := salvage(&rec, line); err != nil {
			return rec, lineErrorf(cr.name, line, "%s", message(err))
		}
		return rec, nil
	}
}

// fromWindows1252 reads text that is not UTF-8 as Windows-1252 and notes
// the guess once.
func (cr *csvReader) fromWindows1252(v string, line int) string {
	out, err := charmap.Windows1252.NewDecoder().String(v)
	if err != nil {
		return v
	}
	cr.guess(line, guessedWindows1252)
	return out
}

// guessedWindows1252 is the note for text read as Windows-1252.
const guessedWindows1252 = "text is not UTF-8 and names no character set; read as Windows-1252"

// csvError turns encoding/csv's error into FILE:LINE. A quoting error
// leaves the reader able to go on at the next line.
// rowLine is the line the row just read starts on. FieldPos may only be
// asked after a successful Read (it panics otherwise, e.g. on a lone
// quote, as fuzzing found); a parse error carries its own line.
func rowLine(r *csv.Reader, err error) int {
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return pe.StartLine
		}
		return 0
	}
	line, _ := r.FieldPos(0)
	return line
}

func csvError(name string, err error, line int) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return lineErrorf(name, pe.StartLine, "%v", pe.Err)
	}
	return fatalf(name, line, "%v", err)
}

// message is an error's text with its hint, for a FILE:LINE message.
func message(err error) string {
	var ke *kith.Error
	if errors.As(err, &ke) && ke.Hint != "" {
		return ke.Message + " (" + ke.Hint + ")"
	}
	return err.Error()
}

// mapperFor returns the row mapper for a format's header, or an error that
// says what is wrong with the header.
func mapperFor(format Format, header []string) (rowMapper, error) {
	switch format {
	case LinkedIn:
		return linkedInMapper(header)
	case Google:
		return googleMapper(header), nil
	case Outlook:
		return outlookMapper(header), nil
	case CSV:
		return kithMapper(header)
	}
	return nil, kith.Errorf(kith.Invalid, "cannot tell which CSV layout this header is")
}

// joinName builds a display name from its parts, skipping empty ones.
func joinName(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}

// splitList splits a multi-value cell on sep, trimming and dropping blanks.
func splitList(v, sep string) []string {
	if strings.TrimSpace(v) == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(v, sep) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// joinList writes several values into one CSV cell of kith's own layout,
// separated by ';': a ';' inside a value is written \; and a backslash
// \\, so splitCSVList gives back exactly the values joined.
func joinList(vals []string) string {
	esc := make([]string, len(vals))
	for i, v := range vals {
		esc[i] = strings.ReplaceAll(strings.ReplaceAll(v, `\`, `\\`), ";", `\;`)
	}
	return strings.Join(esc, ";")
}

// splitCSVList splits a cell joinList wrote, trimming and dropping blanks.
// A backslash before anything but ';' or a backslash is kept as it is, so
// cells written by hand or by older versions read as they look.
func splitCSVList(v string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if p := strings.TrimSpace(cur.String()); p != "" {
			out = append(out, p)
		}
		cur.Reset()
	}
	for i := 0; i < len(v); i++ {
		switch {
		case v[i] == '\\' && i+1 < len(v) && (v[i+1] == ';' || v[i+1] == '\\'):
			i++
			cur.WriteByte(v[i])
		case v[i] == ';':
			flush()
		default:
			cur.WriteByte(v[i])
		}
	}
	flush()
	return out
}

// notUTF8 is the error for a value that is not UTF-8 text.
func notUTF8(field, v string) error {
	return kith.Errorf(kith.Invalid, "the %s %q is not valid UTF-8 text", field, v).
		WithHint("save the file as UTF-8")
}
