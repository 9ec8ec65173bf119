package importer

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"

	"github.com/emersion/go-vcard"

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
	guesses
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
	kept      int                  // bytes of text the card holds, up to MaxRecord
	lines     map[*vcard.Field]int // the line each field of the card is on
	pushback  *logicalLine
	exhausted bool

	// synced reads kith's own X-KITH-* properties too, and keeps the last
	// card in last, for a card read from a sync server (ReadSyncCard)
	synced bool
	last   vcard.Card
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
			vr.card, vr.cardLine, vr.kept, vr.lines = vcard.Card{}, ll.line, 0, map[*vcard.Field]int{}
		case vr.card == nil:
			return Record{Line: ll.line}, lineErrorf(vr.name, ll.line, "expected BEGIN:VCARD, found %s", prop)
		case prop == "END":
			card, line := vr.card, vr.cardLine
			vr.card, vr.last = nil, card
			vr.decodeCharsets(card)
			rec, err := vr.cardRecord(card, line)
			if err != nil {
				return rec, lineErrorf(vr.name, line, "%s", message(err))
			}
			return rec, nil
		default:
			v, ok := decodeTransfer(value, params)
			if !ok {
				continue
			}
			if vr.kept += len(v); vr.kept > MaxRecord {
				size := kith.ByteSize(MaxRecord)
				return Record{Line: vr.cardLine}, fatalf(vr.name, vr.cardLine,
					"card holds more than %s of text (kith reads cards of up to %s, photos aside); check that this is a contacts export", size, size)
			}
			f := &vcard.Field{Value: v, Params: params, Group: group}
			vr.card.Add(prop, f)
			vr.lines[f] = ll.line
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
