package importer

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"mime/quotedprintable"
	"sort"
	"strconv"
	"strings"

	"github.com/emersion/go-vcard"
	"golang.org/x/text/encoding/htmlindex"

	"github.com/kith-crm/kith/internal/kith"
)

// maxVCardLine bounds one logical line that kith keeps; binary properties
// (PHOTO, LOGO, SOUND, KEY) are skipped as they stream by and never held.
const maxVCardLine = 1 << 20

// binaryProps are the properties whose (often huge) values kith has no use
// for: they are discarded line by line without being assembled.
var binaryProps = map[string]bool{"PHOTO": true, "LOGO": true, "SOUND": true, "KEY": true}

// vcardReader reads vCard 2.1, 3.0 and 4.0 files with any number of cards.
// It unfolds lines, joins quoted-printable soft line breaks, decodes
// quoted-printable values in their CHARSET, and drops binary properties
// as they stream by. Cards are collected into go-vcard's Card.
type vcardReader struct {
	br   *bufio.Reader
	name string
	line int // physical lines read

	// the logical line being assembled
	cur       []byte
	curLine   int
	curActive bool
	skipping  bool // the current property is binary: discard it
	base64    bool // 2.1 base64: continuation lines need no leading space
	qp        bool // quoted-printable: a trailing '=' continues the value

	card      vcard.Card
	cardLine  int
	kept      int // bytes of text the card holds, up to MaxRecord
	pushback  *logicalLine
	exhausted bool
}

type logicalLine struct {
	text string
	line int
}

func newVCardReader(br *bufio.Reader, name string) *vcardReader {
	if b, _ := br.Peek(len(bom)); string(b) == string(bom) {
		br.Discard(len(bom))
	}
	return &vcardReader{br: br, name: name}
}

// Next reads the next card.
func (vr *vcardReader) Next() (Record, error) {
	for {
		ll, err := vr.logical()
		if err == io.EOF {
			if vr.card != nil {
				line := vr.cardLine
				vr.card = nil
				return Record{Line: line}, fatalf(vr.name, line, "card has no END:VCARD")
			}
			return Record{}, io.EOF
		}
		if err != nil {
			return Record{}, err
		}
		group, prop, params, value, perr := parseContentLine(ll.text)
		if perr != "" {
			if vr.card == nil {
				return Record{Line: ll.line}, lineErrorf(vr.name, ll.line, "%s", perr)
			}
			continue // a stray line inside a card: vCard readers ignore them
		}
		switch {
		case prop == "BEGIN" && strings.EqualFold(value, "VCARD"):
			if vr.card != nil {
				line := vr.cardLine
				vr.card = nil
				vr.pushback = &ll
				return Record{Line: line}, lineErrorf(vr.name, line, "card has no END:VCARD")
			}
			vr.card, vr.cardLine, vr.kept = vcard.Card{}, ll.line, 0
		case vr.card == nil:
			return Record{Line: ll.line}, lineErrorf(vr.name, ll.line, "expected BEGIN:VCARD, found %s", prop)
		case prop == "END":
			card, line := vr.card, vr.cardLine
			vr.card = nil
			rec, err := cardRecord(card, line)
			if err != nil {
				return rec, lineErrorf(vr.name, line, "%s", message(err))
			}
			return rec, nil
		default:
			v, ok := decodeValue(value, params)
			if !ok {
				continue
			}
			if vr.kept += len(v); vr.kept > MaxRecord {
				size := kith.ByteSize(MaxRecord)
				return Record{Line: vr.cardLine}, fatalf(vr.name, vr.cardLine,
					"card holds more than %s of text (kith reads cards of up to %s, photos aside); check that this is a contacts export", size, size)
			}
			vr.card.Add(prop, &vcard.Field{Value: v, Params: params, Group: group})
		}
	}
}

// logical returns the next unfolded, non-binary, non-blank content line.
func (vr *vcardReader) logical() (logicalLine, error) {
	if vr.pushback != nil {
		ll := *vr.pushback
		vr.pushback = nil
		return ll, nil
	}
	for {
		if vr.exhausted {
			if vr.curActive {
				return vr.emit(), nil
			}
			return logicalLine{}, io.EOF
		}
		phys, err := vr.physical()
		if err == io.EOF {
			vr.exhausted = true
			continue
		}
		if err != nil {
			return logicalLine{}, err
		}
		if vr.curActive {
			switch {
			case len(phys) > 0 && (phys[0] == ' ' || phys[0] == '\t'):
				vr.add(phys[1:])
				continue
			case vr.qp && !vr.skipping && bytes.HasSuffix(vr.cur, []byte("=")):
				vr.cur = vr.cur[:len(vr.cur)-1]
				vr.add(phys)
				continue
			case vr.skipping && vr.base64 && len(bytes.TrimSpace(phys)) > 0 && !bytes.ContainsAny(phys, ":;"):
				continue
			}
		}
		var out logicalLine
		emitted := false
		if vr.curActive {
			out, emitted = vr.emit(), true
		}
		if len(bytes.TrimSpace(phys)) > 0 {
			vr.start(phys)
		}
		if emitted && out.text != "" {
			return out, nil
		}
	}
}

// physical reads one line without its line end. Lines of binary values
// longer than the buffer are discarded piece by piece, never assembled.
func (vr *vcardReader) physical() ([]byte, error) {
	var long []byte
	discard := false
	for {
		b, err := vr.br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			if long == nil && !discard {
				if vr.skipping && vr.isContinuation(b) {
					long, discard = []byte{' '}, true // only its being a continuation matters
					continue
				}
				if head, ok := binaryHead(b); ok {
					long, discard = head, true
					continue
				}
			}
			if discard {
				continue
			}
			if len(long)+len(b) > maxVCardLine {
				return nil, fatalf(vr.name, vr.line+1, "line longer than %s", kith.ByteSize(maxVCardLine))
			}
			long = append(long, b...)
			continue
		}
		if err != nil && (err != io.EOF || len(b) == 0 && long == nil) {
			return nil, err
		}
		vr.line++
		if discard {
			return long, nil
		}
		if long != nil {
			b = append(long, b...)
		}
		return bytes.TrimRight(b, "\r\n"), nil
	}
}

// binaryHead returns NAME;PARAMS: of a line that starts a binary property.
func binaryHead(b []byte) ([]byte, bool) {
	i := bytes.IndexByte(b, ':')
	if i < 0 {
		return nil, false
	}
	name, _, _ := strings.Cut(strings.ToUpper(string(b[:i])), ";")
	if j := strings.LastIndexByte(name, '.'); j >= 0 {
		name = name[j+1:]
	}
	if !binaryProps[name] {
		return nil, false
	}
	return append([]byte(nil), b[:i+1]...), true
}

func (vr *vcardReader) isContinuation(b []byte) bool {
	return len(b) > 0 && (b[0] == ' ' || b[0] == '\t') || vr.base64 && !bytes.ContainsAny(b, ":;")
}

func (vr *vcardReader) add(b []byte) {
	if !vr.skipping {
		vr.cur = append(vr.cur, b...)
	}
}

func (vr *vcardReader) start(phys []byte) {
	vr.curActive, vr.curLine = true, vr.line
	vr.cur = append(vr.cur[:0], phys...)
	head := vr.cur
	if i := bytes.IndexByte(head, ':'); i >= 0 {
		head = head[:i]
	}
	upper := strings.ToUpper(string(head))
	name, _, _ := strings.Cut(upper, ";")
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	vr.skipping = binaryProps[name]
	vr.base64 = vr.skipping && (strings.Contains(upper, "BASE64") || strings.Contains(upper, "ENCODING=B"))
	vr.qp = strings.Contains(upper, "QUOTED-PRINTABLE")
	if vr.skipping {
		vr.cur = vr.cur[:0]
	}
}

func (vr *vcardReader) emit() logicalLine {
	vr.curActive = false
	if vr.skipping {
		vr.skipping, vr.base64 = false, false
		return logicalLine{line: vr.curLine}
	}
	return logicalLine{text: string(vr.cur), line: vr.curLine}
}

// parseContentLine splits [group.]NAME;PARAMS:VALUE. vCard 2.1's bare
// parameters (TEL;HOME;VOICE:) become TYPE values. It returns a message
// when the line is not a content line.
func parseContentLine(s string) (group, name string, params vcard.Params, value, problem string) {
	colon := -1
	inQuote := false
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			inQuote = !inQuote
		} else if s[i] == ':' && !inQuote {
			colon = i
			break
		}
	}
	if colon <= 0 {
		return "", "", nil, "", "not a vCard line (no NAME:VALUE)"
	}
	head, value := s[:colon], s[colon+1:]
	parts := splitOutsideQuotes(head, ';')
	name = strings.ToUpper(strings.TrimSpace(parts[0]))
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		group, name = name[:i], name[i+1:]
	}
	if name == "" {
		return "", "", nil, "", "not a vCard line (no property name)"
	}
	params = vcard.Params{}
	for _, p := range parts[1:] {
		k, v, ok := strings.Cut(p, "=")
		if !ok {
			k, v = vcard.ParamType, p
		}
		k = strings.ToUpper(strings.TrimSpace(k))
		for _, pv := range splitOutsideQuotes(v, ',') {
			params.Add(k, strings.Trim(strings.TrimSpace(pv), `"`))
		}
	}
	return group, name, params, value, ""
}

func splitOutsideQuotes(s string, sep byte) []string {
	var out []string
	inQuote, startAt := false, 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '"':
			inQuote = !inQuote
		case s[i] == sep && !inQuote:
			out = append(out, s[startAt:i])
			startAt = i + 1
		}
	}
	return append(out, s[startAt:])
}

// decodeValue undoes quoted-printable and converts the CHARSET to UTF-8;
// it reports false for values kith cannot read (inline binary data).
func decodeValue(v string, params vcard.Params) (string, bool) {
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
	if cs := params.Get("CHARSET"); cs != "" && !strings.EqualFold(cs, "utf-8") {
		if e, err := htmlindex.Get(cs); err == nil {
			if out, err := e.NewDecoder().String(v); err == nil {
				v = out
			}
		}
	}
	return v, true
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

// cardRecord makes a Record of one card, following the design's names
// from imports: FN when present, otherwise given + middle + family.
func cardRecord(card vcard.Card, line int) (Record, error) {
	rec := Record{Line: line}
	fn := ""
	if f := card.Preferred(vcard.FieldFormattedName); f != nil {
		fn = strings.TrimSpace(unescapeText(f.Value))
	}
	org := ""
	if f := card.Get(vcard.FieldOrganization); f != nil {
		org = strings.TrimSpace(splitEscaped(f.Value, ';')[0])
	}
	kind := card.Kind()
	if strings.EqualFold(card.Value("X-ADDRESSBOOKSERVER-KIND"), "group") {
		kind = vcard.KindGroup
	}
	switch kind {
	case vcard.KindGroup, vcard.KindLocation:
		rec.Skip = "not a person (KIND:" + string(kind) + ")"
		return rec, nil
	case vcard.KindOrganization:
		rec.Skip = "not a person (KIND:org)"
		rec.Target = firstOf(org, fn)
		return rec, nil
	}
	c := &rec.Contact
	c.Source = "import:vcard"
	c.Name = fn
	if c.Name == "" {
		if f := card.Preferred(vcard.FieldName); f != nil {
			n := splitEscaped(f.Value, ';')
			part := func(i int) string {
				if i < len(n) {
					return strings.ReplaceAll(n[i], ",", " ")
				}
				return ""
			}
			c.Name = joinName(part(1), part(2), part(0))
		}
	}
	c.Company = org
	if f := card.Get(vcard.FieldTitle); f != nil {
		c.Title = strings.TrimSpace(unescapeText(f.Value))
	}
	for _, f := range byPreference(card, vcard.FieldEmail) {
		c.Emails = appendNew(c.Emails, strings.TrimPrefix(strings.TrimSpace(unescapeText(f.Value)), "mailto:"))
	}
	for _, f := range byPreference(card, vcard.FieldTelephone) {
		p := strings.TrimSpace(unescapeText(f.Value))
		p = strings.TrimPrefix(strings.TrimPrefix(p, "tel:"), "TEL:")
		c.Phones = appendNew(c.Phones, p)
	}
	for _, f := range card[vcard.FieldCategories] {
		for _, t := range splitEscaped(f.Value, ',') {
			c.Tags = appendNew(c.Tags, t)
		}
	}
	var notes []string
	for _, f := range card[vcard.FieldNote] {
		if n := strings.TrimSpace(unescapeText(f.Value)); n != "" {
			notes = append(notes, n)
		}
	}
	c.Notes = strings.Join(notes, "\n")
	for _, prop := range []string{vcard.FieldURL, "X-SOCIALPROFILE"} {
		for _, f := range card[prop] {
			if u := unescapeText(f.Value); c.LinkedInURL == "" && isLinkedIn(u) {
				c.LinkedInURL = strings.TrimSpace(u)
			}
		}
	}
	if f := card.Get(vcard.FieldBirthday); f != nil && !strings.EqualFold(f.Params.Get(vcard.ParamValue), "text") {
		var err error
		if c.Birthday, err = parseBirthday(unescapeText(f.Value)); err != nil {
			return rec, err
		}
	}
	if c.Name == "" {
		c.Name = firstOf(org, first(c.Emails))
	}
	if err := validate(c); err != nil {
		return rec, err
	}
	return rec, nil
}
