// Package importer reads contacts from the files other tools export —
// LinkedIn and Google Contacts and Outlook CSV, vCard, kith's own CSV and
// JSON — one record at a time, so a file of any size streams through in
// constant memory. Every reader yields the same Record. Its writers
// (export.go) write kith's CSV, vCard and JSON so that these readers take
// them back unchanged: both sides of a format live together.
package importer

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/kith-crm/kith/internal/clip"
	"github.com/kith-crm/kith/internal/kith"
)

// Format names a file format.
type Format string

// The formats kith reads. Auto means "look at the content".
const (
	Auto     Format = "auto"
	CSV      Format = "csv"
	LinkedIn Format = "linkedin"
	Google   Format = "google"
	Outlook  Format = "outlook"
	VCard    Format = "vcard"
	JSON     Format = "json"
)

// Formats lists the formats a user may name, in the order help shows them.
var Formats = []Format{Auto, CSV, LinkedIn, Google, Outlook, VCard, JSON}

// ParseFormat validates a --format value.
func ParseFormat(s string) (Format, error) {
	if f, ok := kith.MatchEnum(s, Formats); ok {
		return f, nil
	}
	return "", kith.Errorf(kith.Invalid, "unknown format %q", s).
		WithHint("use one of: auto, csv, linkedin, google, outlook, vcard, json")
}

// Record is one entry of an imported file: a person to create or match,
// or something that is not a person and is skipped with a reason.
type Record struct {
	Line    int          // the line the entry starts on, 1-based
	Contact kith.Contact // empty fields mean "the file does not say"
	// Skip, when set, says why this entry is not a person (a vCard group,
	// organisation or location); such entries are counted, not imported.
	Skip string
	// Target is a company the entry names as a whole organisation (a vCard
	// KIND:org, an Apple company card), to be added to the target market.
	Target string
	// Dropped lists the fields of the entry that could not be used and
	// were left out; the person is kept with the rest.
	Dropped []Note
}

// Note says something about one place in a file: a field left out, or a
// guess the reader made.
type Note struct {
	Line  int    // where, 1-based
	Field string // the contact field it concerns ("email", "birthday"), or ""
	Msg   string // what was wrong or guessed, e.g. `second email "x" is not an address`
}

// Reader yields the records of one file in order; Next returns io.EOF
// after the last. Guesses lists what the reader had to guess about the
// file (its text encoding), each guess once, at the line it first
// applied to.
type Reader interface {
	Next() (Record, error)
	Guesses() []Note
}

// guesses collects a reader's guesses, each once.
type guesses struct{ notes []Note }

func (g *guesses) guess(line int, msg string) {
	for _, n := range g.notes {
		if n.Msg == msg {
			return
		}
	}
	g.notes = append(g.notes, Note{Line: line, Msg: msg})
}

// Guesses lists the guesses made so far.
func (g *guesses) Guesses() []Note { return g.notes }

// LineError is a record the reader could not make sense of. The reader can
// go on past it, so --skip-invalid may skip it.
type LineError struct {
	File string
	Line int
	Msg  string
}

// Error prints FILE:LINE: what is wrong.
func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// FatalError is a fault in a file's structure after which no further record
// can be trusted (a broken header, an unterminated array).
type FatalError struct{ LineError }

func lineErrorf(file string, line int, format string, args ...any) *LineError {
	return &LineError{File: file, Line: line, Msg: fmt.Sprintf(format, clip.Args(format, args)...)}
}

func fatalf(file string, line int, format string, args ...any) *FatalError {
	return &FatalError{*lineErrorf(file, line, format, args...)}
}

// IsFatal reports whether err ends the reading of a file.
func IsFatal(err error) bool {
	var le *LineError
	return !errors.As(err, &le) || errors.As(err, new(*FatalError))
}

// Open wraps r in the reader for format, detecting the format from the
// first bytes when it is Auto. name is how errors refer to the file. It
// returns the format it chose.
func Open(r io.Reader, name string, format Format) (Reader, Format, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var text io.Reader = br
	raw, _ := br.Peek(8 << 10)
	if err := RefuseKnownFile(raw, name); err != nil {
		return nil, "", err
	}
	order, isUTF16, bomless := utf16Order(raw[:min(len(raw), 4)])
	if isUTF16 {
		// Windows and Apple programs save "Unicode" text as UTF-16, with a
		// byte order mark or without; read it as the UTF-8 every reader
		// expects (the lines stay the same, so FILE:LINE still points at
		// the right place).
		dec := unicode.UTF16(order, unicode.UseBOM).NewDecoder()
		text = transform.NewReader(br, dec)
	}
	bounds := &recordBounds{r: text, max: MaxRecord}
	br = bufio.NewReaderSize(bounds, 64<<10)
	if format == Auto || format == "" {
		head, _ := br.Peek(8 << 10)
		format = Detect(head)
		if format == Auto {
			if len(bytes.TrimSpace(bytes.TrimPrefix(head, bom))) == 0 {
				// an empty file is a mistake of path or export, not of format
				return nil, "", kith.Errorf(kith.Invalid, "%s: cannot tell what format this file is: it is empty", name).
					WithHint("check that the export finished and that this is the right file")
			}
			if binary(head) {
				return nil, "", kith.Errorf(kith.Invalid, "%s: cannot tell what format this file is: it is not text (it holds NUL bytes)", name).
					WithHint("export the contacts as CSV, vCard or JSON, and import that file")
			}
			if sep := separator(head); sep != "" {
				// a spreadsheet saved with its region's list separator
				return nil, "", kith.Errorf(kith.Invalid, "%s: cannot tell what format this file is: its columns are separated by %s, and kith reads CSV separated by ','", name, sep).
					WithHint("save it again as CSV with commas (in LibreOffice: Save As, Edit filter settings, Field delimiter ',')")
			}
			return nil, "", kith.Errorf(kith.Invalid, "%s: cannot tell what format this file is", name).
				WithHint("pass --format csv, linkedin, google, outlook, vcard or json")
		}
	}
	var rd interface {
		Reader
		guess(line int, msg string)
	}
	switch format {
	case VCard:
		bounds.max = 0 // it bounds the text it keeps: a card's photo may be larger, and is never held
		rd = newVCardReader(br, name)
	case JSON:
		rd = newJSONReader(br, name)
	default:
		cr, err := newCSVReader(br, name, format)
		if bounds.over > 0 {
			return nil, format, bounds.fatal(name)
		}
		if err != nil {
			return nil, format, err
		}
		rd = cr
	}
	if bomless {
		side := map[unicode.Endianness]string{unicode.BigEndian: "big-endian", unicode.LittleEndian: "little-endian"}[order]
		rd.guess(1, "the file has no byte order mark; read as UTF-16 ("+side+")")
	}
	return &boundedReader{Reader: rd, bounds: bounds, buf: br, name: name}, format, nil
}

var bom = []byte("\uFEFF")

// utf16Order tells UTF-16 text by its first bytes: a byte order mark
// either way round, or, without one, the zero bytes that every ASCII
// character (BEGIN:VCARD, a CSV header) has on one side. It returns
// isUTF16 false for anything else, and whether the order was guessed
// without a mark.
func utf16Order(head []byte) (order unicode.Endianness, isUTF16, guessed bool) {
	switch {
	case len(head) >= 2 && head[0] == 0xFE && head[1] == 0xFF:
		return unicode.BigEndian, true, false
	case len(head) >= 2 && head[0] == 0xFF && head[1] == 0xFE:
		return unicode.LittleEndian, true, false
	case len(head) < 4:
		return unicode.BigEndian, false, false
	case head[0] == 0 && head[2] == 0 && head[1] != 0 && head[3] != 0:
		return unicode.BigEndian, true, true
	case head[1] == 0 && head[3] == 0 && head[0] != 0 && head[2] != 0:
		return unicode.LittleEndian, true, true
	}
	return unicode.BigEndian, false, false
}

// Detect names the format of a file from its first bytes, or returns Auto
// when it cannot tell.
func Detect(head []byte) Format {
	head = bytes.TrimPrefix(head, bom)
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return Auto
	case bytes.HasPrefix(bytes.ToUpper(trimmed[:min(len(trimmed), 11)]), []byte("BEGIN:VCARD")):
		return VCard
	case trimmed[0] == '[' || trimmed[0] == '{':
		return JSON
	}
	first, _, _ := bytes.Cut(head, []byte("\n"))
	first = bytes.TrimRight(first, "\r")
	if bytes.HasPrefix(first, []byte("Notes:")) {
		return LinkedIn
	}
	switch h := string(first); {
	case strings.Contains(h, "First Name,Last Name,URL,Email Address"):
		return LinkedIn
	case strings.Contains(h, "E-mail 1 - Value") || strings.Contains(h, "Given Name") && strings.Contains(h, "Family Name"):
		return Google
	case strings.Contains(h, "E-mail Address") || strings.Contains(h, "Business Phone") || strings.Contains(h, "Job Title"):
		return Outlook
	case isKithHeader(h):
		return CSV
	case isLocalizedOutlook(strings.Split(h, ",")):
		return Outlook
	}
	return Auto
}

// separator names the column separator of a first line that has no comma
// but semicolons or tabs, as spreadsheets in many regions save "CSV", or
// returns "".
func separator(head []byte) string {
	first, _, _ := bytes.Cut(bytes.TrimPrefix(head, bom), []byte("\n"))
	switch {
	case bytes.ContainsRune(first, ','):
		return ""
	case bytes.Count(first, []byte(";")) > 0:
		return "';'"
	case bytes.Count(first, []byte("\t")) > 0:
		return "tabs"
	}
	return ""
}

// isKithHeader reports whether a first line looks like kith's own CSV
// header: a lowercase name column among snake_case keys. Unknown columns
// are left for the CSV reader to name in its error.
func isKithHeader(line string) bool {
	for _, c := range strings.Split(line, ",") {
		if strings.Trim(strings.TrimSpace(c), `"`) == "name" {
			return true
		}
	}
	return false
}
