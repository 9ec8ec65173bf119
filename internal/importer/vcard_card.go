package importer

import (
	"io"
	"mime/quotedprintable"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-vcard"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"

	"github.com/kith-crm/kith/internal/kith"
)

// decodeTransfer undoes quoted-printable; it reports false for values kith
// cannot read (inline binary data). The bytes it returns are in the
// property's character set, which decodeCharsets turns into UTF-8 once the
// whole card is read.
func decodeTransfer(v string, params vcard.Params) (string, bool) {
	enc := strings.ToUpper(params.Get("ENCODING"))
	for _, t := range params.Types() {
		if u := strings.ToUpper(t); u == "QUOTED-PRINTABLE" || u == "BASE64" || u == "B" {
			enc = u
		}
	}
	switch enc {
	case "B", "BASE64":
		return "", false
	case "QUOTED-PRINTABLE":
		b, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(v)))
		if err != nil && len(b) == 0 {
			return v, true
		}
		v = string(b)
	}
	return v, true
}

// readProps are the properties kith reads from a card.
var readProps = []string{vcard.FieldFormattedName, vcard.FieldName, vcard.FieldOrganization, vcard.FieldTitle,
	vcard.FieldEmail, vcard.FieldTelephone, vcard.FieldCategories, vcard.FieldNote, vcard.FieldURL,
	"X-SOCIALPROFILE", vcard.FieldBirthday, vcard.FieldAnniversary, xAnniversary, xABDate, xABLabel}

// decodeCharsets turns the values kith reads into UTF-8: from the CHARSET
// their property names; or, for text that is not UTF-8 and names none (as
// vCard 2.1 allows), from the character set another property of the card
// names, else from Windows-1252, the usual 8-bit text of the phones and
// mail programs that write 2.1. A guess is noted once per file. Text that
// claims to be UTF-8 and is not is left as it is, for salvage to drop.
func (vr *vcardReader) decodeCharsets(card vcard.Card) {
	var cardEnc encoding.Encoding
	cardName := ""
	for _, fields := range card {
		for _, f := range fields {
			if cs := f.Params.Get("CHARSET"); cardEnc == nil && cs != "" && !strings.EqualFold(cs, "utf-8") {
				if e, err := htmlindex.Get(cs); err == nil {
					cardEnc, cardName = e, cs
				}
			}
		}
	}
	for _, prop := range readProps {
		for _, f := range card[prop] {
			enc, note := charsetOf(f, cardEnc, cardName)
			if enc == nil {
				continue
			}
			if out, err := enc.NewDecoder().String(f.Value); err == nil {
				f.Value = out
				if note != "" {
					vr.guess(vr.lines[f], note)
				}
			}
		}
	}
}

// charsetOf is the encoding a field's value is in, nil for UTF-8, with a
// note when it is a guess.
func charsetOf(f *vcard.Field, cardEnc encoding.Encoding, cardName string) (encoding.Encoding, string) {
	cs := f.Params.Get("CHARSET")
	switch {
	case strings.EqualFold(cs, "utf-8"):
		return nil, ""
	case cs != "":
		if e, err := htmlindex.Get(cs); err == nil {
			return e, ""
		}
	}
	if utf8.ValidString(f.Value) {
		return nil, ""
	}
	if cardEnc != nil {
		return cardEnc, "text is not UTF-8 and names no character set; read as " + cardName + ", the character set the card names elsewhere"
	}
	return charmap.Windows1252, guessedWindows1252
}

// unescapeText undoes vCard text escapes: \n \N \, \; \: \\.
func unescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// splitEscaped splits a structured or list value on sep where it is not
// escaped, and unescapes each part.
func splitEscaped(s string, sep byte) []string {
	var out []string
	startAt := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case sep:
			out = append(out, unescapeText(s[startAt:i]))
			startAt = i + 1
		}
	}
	return append(out, unescapeText(s[startAt:]))
}

// byPreference returns a property's fields, the preferred (lowest PREF,
// or TYPE=pref) first and the rest in file order.
func byPreference(card vcard.Card, prop string) []*vcard.Field {
	fields := append([]*vcard.Field(nil), card[prop]...)
	rank := func(f *vcard.Field) int {
		if p, err := strconv.Atoi(f.Params.Get(vcard.ParamPreferred)); err == nil {
			return p
		}
		if f.Params.HasType("pref") {
			return 1
		}
		return 101
	}
	sort.SliceStable(fields, func(i, j int) bool { return rank(fields[i]) < rank(fields[j]) })
	return fields
}

// text is a text property's value, unescaped and trimmed ("" for none).
func text(f *vcard.Field) string {
	if f == nil {
		return ""
	}
	return strings.TrimSpace(unescapeText(f.Value))
}

// cardRecord makes a Record of one card, following the design's names
// from imports: FN when present, otherwise given + middle + family. A
// field it cannot use is dropped and noted at its own line.
func (vr *vcardReader) cardRecord(card vcard.Card, line int) (Record, error) {
	rec := Record{Line: line}
	org := ""
	if f := card.Get(vcard.FieldOrganization); f != nil {
		org = strings.TrimSpace(splitEscaped(f.Value, ';')[0])
	}
	if rec.Skip, rec.Target = notAPerson(card, org); rec.Skip != "" {
		return rec, nil
	}
	var d drops
	c := &rec.Contact
	c.Source = "import:vcard"
	c.Name = cardName(card)
	c.Company = org
	c.Title = text(card.Get(vcard.FieldTitle))
	for i, f := range byPreference(card, vcard.FieldEmail) {
		e := strings.TrimPrefix(text(f), "mailto:")
		if e != "" && kith.ValidateEmail(e) != nil {
			d.add(vr.lines[f], "email", "%s email %q is not an address", ordinal(i+1), e)
			continue
		}
		c.Emails = appendNew(c.Emails, e)
	}
	for _, f := range byPreference(card, vcard.FieldTelephone) {
		c.Phones = appendNew(c.Phones, strings.TrimPrefix(strings.TrimPrefix(text(f), "tel:"), "TEL:"))
	}
	for _, f := range card[vcard.FieldCategories] {
		c.Tags = appendNew(c.Tags, splitEscaped(f.Value, ',')...)
	}
	var notes []string
	for _, f := range card[vcard.FieldNote] {
		if n := text(f); n != "" {
			notes = append(notes, n)
		}
	}
	c.Notes = strings.Join(notes, "\n")
	c.LinkedInURL = cardLinkedIn(card)
	if f := card.Get(vcard.FieldBirthday); f != nil && !strings.EqualFold(f.Params.Get(vcard.ParamValue), "text") {
		var err error
		if c.Birthday, err = parseBirthday(unescapeText(f.Value)); err != nil {
			d.add(vr.lines[f], "birthday", "%s", message(err))
		}
	}
	c.Anniversaries = vr.cardAnniversaries(card, &d)
	if vr.synced {
		vr.readKithProps(card, c, &d)
	}
	rec.Dropped = d
	if err := salvage(&rec, line); err != nil {
		return rec, err
	}
	return rec, nil
}

// notAPerson says why a card is not a person, and which company it names
// as a whole, if any: vCard 4.0's KIND (and Apple's X-ADDRESSBOOKSERVER-
// KIND for groups), and the company cards of Apple's Contacts
// (X-ABShowAs:COMPANY), whose name is the company's.
func notAPerson(card vcard.Card, org string) (skip, target string) {
	kind := card.Kind()
	if strings.EqualFold(card.Value("X-ADDRESSBOOKSERVER-KIND"), "group") {
		kind = vcard.KindGroup
	}
	switch {
	case kind == vcard.KindGroup, kind == vcard.KindLocation:
		return "not a person (KIND:" + string(kind) + ")", ""
	case kind == vcard.KindOrganization:
		return "not a person (KIND:org)", firstOf(org, text(card.Preferred(vcard.FieldFormattedName)))
	case strings.EqualFold(strings.TrimSpace(card.Value("X-ABSHOWAS")), "company"):
		return "not a person (an Apple company card, X-ABShowAs:COMPANY)", firstOf(org, text(card.Preferred(vcard.FieldFormattedName)))
	}
	return "", ""
}

// cardName is FN, or else the parts of N in the order people write them.
func cardName(card vcard.Card) string {
	if fn := text(card.Preferred(vcard.FieldFormattedName)); fn != "" {
		return fn
	}
	f := card.Preferred(vcard.FieldName)
	if f == nil {
		return ""
	}
	n := splitEscaped(f.Value, ';')
	part := func(i int) string {
		if i < len(n) {
			return strings.ReplaceAll(n[i], ",", " ")
		}
		return ""
	}
	return personName(part(1), part(2), part(0))
}

// cardLinkedIn is the first LinkedIn profile among the card's URLs and
// Apple's social profiles.
func cardLinkedIn(card vcard.Card) string {
	for _, prop := range []string{vcard.FieldURL, "X-SOCIALPROFILE"} {
		for _, f := range card[prop] {
			if u := unescapeText(f.Value); isLinkedIn(u) {
				return strings.TrimSpace(u)
			}
		}
	}
	return ""
}
