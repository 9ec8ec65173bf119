package importer

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-vcard"

	"github.com/kith-crm/kith/internal/kith"
)

// Writer writes contacts in one format; Close finishes the file.
type Writer interface {
	Write(c kith.Contact) error
	Close() error
}

// NewWriter returns a writer of format (csv, vcard or json) on w. raw
// turns off the CSV guard against spreadsheet formulas.
func NewWriter(w io.Writer, format Format, raw bool) (Writer, error) {
	switch format {
	case CSV:
		return &csvWriter{w: csv.NewWriter(w), raw: raw}, nil
	case VCard:
		fw := &foldWriter{w: w}
		return &vcardWriter{enc: vcard.NewEncoder(fw), fold: fw}, nil
	case JSON:
		return &jsonWriter{w: w}, nil
	}
	return nil, kith.Errorf(kith.Invalid, "cannot export as %q", format).WithHint("use --format csv, vcard or json")
}

// CSVColumns is the header of kith's CSV: the contact's JSON keys, so the
// file re-imports as it is.
var CSVColumns = kith.ContactKeys()

type csvWriter struct {
	w       *csv.Writer
	raw     bool
	started bool
}

func (cw *csvWriter) Write(c kith.Contact) error {
	if !cw.started {
		cw.started = true
		if err := cw.w.Write(CSVColumns); err != nil {
			return err
		}
	}
	row := make([]string, len(kith.ContactFields))
	for i, f := range kith.ContactFields {
		if f.IsList() {
			row[i] = joinList(f.List(&c))
		} else {
			row[i] = f.Text(&c)
		}
	}
	if !cw.raw {
		for i := range row {
			row[i] = Neutralize(row[i])
		}
	}
	return cw.w.Write(row)
}

func (cw *csvWriter) Close() error {
	if !cw.started {
		cw.started = true
		if err := cw.w.Write(CSVColumns); err != nil {
			return err
		}
	}
	cw.w.Flush()
	return cw.w.Error()
}

// jsonWriter writes the array `contact list --json` prints, one element
// at a time.
type jsonWriter struct {
	w io.Writer
	n int
}

func (jw *jsonWriter) Write(c kith.Contact) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("  ", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(c); err != nil {
		return err
	}
	sep := ",\n  "
	if jw.n == 0 {
		sep = "[\n  "
	}
	jw.n++
	_, err := io.WriteString(jw.w, sep+strings.TrimSuffix(buf.String(), "\n"))
	return err
}

func (jw *jsonWriter) Close() error {
	end := "\n]\n"
	if jw.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(jw.w, end)
	return err
}

// vcardWriter writes vCard 3.0, the version address books read most
// widely.
type vcardWriter struct {
	enc  *vcard.Encoder
	fold *foldWriter
}

func (vw *vcardWriter) Write(c kith.Contact) error {
	return encodeCard(vw.enc, contactCard(c, "3.0"))
}

// contactCard maps c's standard fields to a card of the vCard version
// given: export and sync write the same properties.
func contactCard(c kith.Contact, version string) vcard.Card {
	card := vcard.Card{}
	card.SetValue(vcard.FieldVersion, version)
	card.SetValue(vcard.FieldFormattedName, c.Name)
	given, family := splitName(c.Name)
	card.SetName(&vcard.Name{GivenName: semicolons(given), FamilyName: semicolons(family)})
	for i, e := range c.Emails {
		f := &vcard.Field{Value: e, Params: vcard.Params{}}
		if i == 0 && len(c.Emails) > 1 {
			if version == "4.0" {
				f.Params.Set(vcard.ParamPreferred, "1")
			} else {
				f.Params.Add(vcard.ParamType, "pref")
			}
		}
		card.Add(vcard.FieldEmail, f)
	}
	for _, p := range c.Phones {
		card.Add(vcard.FieldTelephone, &vcard.Field{Value: p})
	}
	if c.Company != "" {
		card.SetValue(vcard.FieldOrganization, semicolons(c.Company))
	}
	if c.Title != "" {
		card.SetValue(vcard.FieldTitle, c.Title)
	}
	// One CATEGORIES line per tag, so a tag with a comma stays one tag.
	for _, t := range c.Tags {
		card.AddValue(vcard.FieldCategories, t)
	}
	if c.Notes != "" {
		card.SetValue(vcard.FieldNote, c.Notes)
	}
	if c.Birthday != "" {
		card.SetValue(vcard.FieldBirthday, c.Birthday)
	}
	addAnniversaries(card, c)
	if c.LinkedInURL != "" {
		card.SetValue(vcard.FieldURL, c.LinkedInURL)
	}
	return card
}

// encodeCard writes card through go-vcard's encoder, with each line break
// a vCard can hold (see lineBreaks).
func encodeCard(enc *vcard.Encoder, card vcard.Card) error {
	for _, fields := range card {
		for _, f := range fields {
			f.Value = lineBreaks.Replace(f.Value)
		}
	}
	return enc.Encode(card)
}

// lineBreaks turns each CR LF and lone CR into the LF that go-vcard writes
// as "\n". vCard has no escape for CR, and go-vcard writes it raw, where
// readers take it for the end of the content line: the text after it
// would be read as a property of its own (a name "Eve\rEMAIL:x" exported
// an extra EMAIL). Text stored before kith refused CR may still hold one.
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n")

func (vw *vcardWriter) Close() error { return vw.fold.Close() }

// semicolonMark stands for a ';' inside one part of a structured property
// (ORG, N) until foldWriter writes it as "\;". go-vcard escapes '\', ','
// and line breaks but not ';' (it cannot tell a part's ';' from the one
// between parts), and "\;" given to it would come out "\\;". U+FDD0 is a
// noncharacter, kept for such internal use and never in exchanged text.
const semicolonMark = "\uFDD0"

// semicolons marks each ';' in a structured property's part.
func semicolons(s string) string { return strings.ReplaceAll(s, ";", semicolonMark) }

// maxLineOctets is the longest content line RFC 6350 (3.2) and RFC 2426
// want written, not counting its CRLF.
const maxLineOctets = 75

// foldWriter folds the lines go-vcard writes (it does not fold them) at 75
// octets: CRLF and one space go before the character that would not fit,
// so a UTF-8 character is never split between lines. Readers, kith's own
// included, unfold by removing each CRLF followed by a space or tab.
type foldWriter struct {
	w    io.Writer
	n    int  // octets on the current physical line
	rest int  // continuation bytes still due for the character begun
	cr   bool // a CR is held back until the next byte says whether it ends the line
	buf  []byte
}

func (fw *foldWriter) Write(p []byte) (int, error) {
	fw.buf = fw.buf[:0]
	n := len(p)
	// go-vcard writes one whole content line per Write, so a mark is never
	// split between two
	p = bytes.ReplaceAll(p, []byte(semicolonMark), []byte(`\;`))
	for _, b := range p {
		if fw.cr {
			fw.cr = false
			if b != '\n' {
				fw.room(1) // a CR inside a value (go-vcard leaves it raw) takes room
			}
			fw.buf = append(fw.buf, '\r')
		}
		switch {
		case b == '\r':
			fw.cr = true
			continue
		case b == '\n':
			fw.n, fw.rest = 0, 0
		case fw.rest > 0 && !utf8.RuneStart(b):
			// the rest of a character given room for all of it
			fw.rest--
		default:
			size := utf8Len(b)
			fw.room(size)
			fw.rest = size - 1
		}
		fw.buf = append(fw.buf, b)
	}
	if _, err := fw.w.Write(fw.buf); err != nil {
		return 0, err
	}
	return n, nil
}

// room makes room on the line for size more octets, folding it if they
// would not fit, and takes them.
func (fw *foldWriter) room(size int) {
	if fw.n+size > maxLineOctets {
		fw.buf = append(fw.buf, "\r\n "...)
		fw.n = 1
	}
	fw.n += size
}

// Close writes a CR held back at the very end.
func (fw *foldWriter) Close() error {
	if !fw.cr {
		return nil
	}
	fw.cr = false
	_, err := fw.w.Write([]byte{'\r'})
	return err
}

// utf8Len is the length of the UTF-8 character that starts with b, from b
// alone (the rest may come in the next Write); 1 for a byte that cannot
// start one.
func utf8Len(b byte) int {
	switch {
	case b&0xE0 == 0xC0:
		return 2
	case b&0xF0 == 0xE0:
		return 3
	case b&0xF8 == 0xF0:
		return 4
	}
	return 1
}

// splitName guesses given and family names for vCard's N: the last word is
// the family name.
func splitName(name string) (given, family string) {
	words := strings.Fields(name)
	if len(words) < 2 {
		return name, ""
	}
	return strings.Join(words[:len(words)-1], " "), words[len(words)-1]
}
