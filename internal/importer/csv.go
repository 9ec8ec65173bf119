package importer

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/kith-crm/kith/internal/kith"
)

// csvReader reads any of the CSV layouts: the header row is read first and
// turned into a rowMapper for its format; each later row becomes a Record.
type csvReader struct {
	r      *csv.Reader
	name   string
	m      rowMapper
	index  map[string]int
	ncols  int
	source string
	format Format
}

// rowMapper fills a contact from one row; get returns a cell by its
// column's header name, trimmed ("" when the file has no such column).
type rowMapper func(get func(string) string, c *kith.Contact) error

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
		header = append([]string(nil), header...)
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
			if _, dup := cr.index[strings.TrimSpace(h)]; !dup {
				cr.index[strings.TrimSpace(h)] = i
			}
		}
		return cr, nil
	}
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
			return Record{Line: line}, lineErrorf(cr.name, line, "%d cells but the header has %d columns", len(row), cr.ncols)
		}
		rec := Record{Line: line, Contact: kith.Contact{Source: cr.source}}
		get := func(col string) string {
			i, ok := cr.index[col]
			if !ok || i >= len(row) {
				return ""
			}
			return strings.TrimSpace(row[i])
		}
		if err := cr.m(get, &rec.Contact); err != nil {
			return rec, lineErrorf(cr.name, line, "%s", message(err))
		}
		if cr.format == LinkedIn && kith.TrimText(rec.Contact.Name) == "" {
			// Real Connections.csv files have such rows: members who hid
			// or closed their profile. Not an error in the file.
			rec.Skip = "no name (LinkedIn leaves it out for members who hid or closed their profile)"
			return rec, nil
		}
		if err := validate(&rec.Contact); err != nil {
			return rec, lineErrorf(cr.name, line, "%s", message(err))
		}
		return rec, nil
	}
}

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

// validate checks what a reader made of a record: it must name a person,
// its text must be UTF-8 and its emails and stage must be well formed.
func validate(c *kith.Contact) error {
	if field, v := notUTF8Field(c); field != "" {
		return notUTF8(field, v)
	}
	c.Name = strings.Join(strings.Fields(c.Name), " ")
	if c.Name == "" {
		return kith.Errorf(kith.Invalid, "no name")
	}
	for _, e := range c.Emails {
		if e = strings.TrimSpace(e); e != "" {
			if err := kith.ValidateEmail(e); err != nil {
				return err
			}
		}
	}
	if c.Stage != "" {
		st, err := kith.ParseStage(string(c.Stage))
		if err != nil {
			return err
		}
		c.Stage = st
	}
	return nil
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

// notUTF8Field names the first text field of c that is not valid UTF-8,
// with its value. Such text is refused, as it is when typed on the command
// line, rather than replaced with U+FFFD: the user learns which line of
// which file to fix instead of finding the text altered later.
func notUTF8Field(c *kith.Contact) (string, string) {
	for _, f := range []struct{ name, v string }{
		{"name", c.Name}, {"company", c.Company}, {"title", c.Title}, {"category", c.Category},
		{"met_at", c.MetAt}, {"topic", c.Topic}, {"idea", c.Idea}, {"linkedin_url", c.LinkedInURL},
		{"birthday", c.Birthday}, {"source", c.Source}, {"notes", c.Notes},
	} {
		if !utf8.ValidString(f.v) {
			return f.name, f.v
		}
	}
	for _, l := range []struct {
		name string
		vs   []string
	}{{"email", c.Emails}, {"phone", c.Phones}, {"tag", c.Tags}} {
		for _, v := range l.vs {
			if !utf8.ValidString(v) {
				return l.name, v
			}
		}
	}
	return "", ""
}

// notUTF8 is the error for a value that is not UTF-8 text.
func notUTF8(field, v string) error {
	return kith.Errorf(kith.Invalid, "the %s %q is not valid UTF-8 text", field, v).
		WithHint("save the file as UTF-8")
}
