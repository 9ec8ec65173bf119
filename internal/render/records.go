package render

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/kith-crm/kith/internal/kith"
)

// The records printed by the millions (coffees, contacts) are written by
// hand rather than through encoding/json, which finds each field by
// reflection, checks what a time's MarshalJSON returns byte by byte and
// leaves the indenting to another pass: a list of a million coffees spent
// more time there than reading them. The bytes are those encoding/json and
// appendIndented write for the same value (records_test.go holds them to
// it); a value this code would write differently, such as a time
// encoding/json refuses, goes through encoding/json instead.

// recordJSON appends one list element, indented as it sits in the array
// (each line but the first starts with prefix). Its methods write one
// member each; bad records a value this code cannot write as encoding/json
// does.
type recordJSON struct {
	b      []byte
	prefix string
	depth  int  // of the members being written: 1 in the element itself
	first  bool // no member written yet at this depth
	bad    bool
	esc    *json.Encoder // for strings that need escaping
	buf    bytes.Buffer  // esc's output
	// lastTime is the time written last, and lastStamp how: the records a
	// command writes share one time, and a long list meets each many
	// times in a row
	lastTime  time.Time
	lastStamp []byte
}

// appendRecord appends v as an element of a JSON list whose lines start
// with prefix, when v is a record with a hand-written encoding; ok is
// false otherwise, and dst unchanged.
func (w *recordJSON) appendRecord(dst []byte, prefix string, v any) (out []byte, ok bool) {
	w.b, w.prefix, w.depth, w.bad = dst, prefix, 0, false
	switch r := v.(type) {
	case kith.Coffee:
		w.coffee(&r)
	default:
		return dst, false
	}
	if w.bad {
		return dst, false
	}
	return w.b, true
}

// open starts an object or array whose members come at the next depth.
func (w *recordJSON) open(c byte) {
	w.b = append(w.b, c)
	w.depth++
	w.first = true
}

// close ends what open started: "{}" or "[]" when nothing was written.
func (w *recordJSON) close(c byte) {
	w.depth--
	if !w.first {
		w.newline()
	}
	w.b = append(w.b, c)
	w.first = false
}

// newline starts a line at the current depth, below the list's own indent.
func (w *recordJSON) newline() {
	w.b = append(append(w.b, '\n'), w.prefix...)
	for range w.depth {
		w.b = append(w.b, ' ', ' ')
	}
}

// next starts a member or an element: the comma after the one before, and
// its line.
func (w *recordJSON) next() {
	if !w.first {
		w.b = append(w.b, ',')
	}
	w.first = false
	w.newline()
}

// key starts an object's member.
func (w *recordJSON) key(k string) {
	w.next()
	w.b = append(w.b, '"')
	w.b = append(w.b, k...)
	w.b = append(w.b, '"', ':', ' ')
}

func (w *recordJSON) int(k string, v int64) {
	w.key(k)
	w.b = strconv.AppendInt(w.b, v, 10)
}

func (w *recordJSON) bool(k string, v bool) {
	w.key(k)
	w.b = strconv.AppendBool(w.b, v)
}

func (w *recordJSON) string(k, v string) {
	w.key(k)
	w.appendString(v)
}

// time writes t as time.Time's MarshalJSON does; a time it refuses (a year
// past 9999, a zone offset of a day or more) is left to encoding/json.
func (w *recordJSON) time(k string, t time.Time) {
	_, offset := t.Zone()
	if y := t.Year(); y < 0 || y > 9999 || offset <= -24*3600 || offset >= 24*3600 {
		w.bad = true
		return
	}
	w.key(k)
	if t != w.lastTime || w.lastStamp == nil {
		w.lastTime = t
		w.lastStamp = append(t.AppendFormat(append(w.lastStamp[:0], '"'), time.RFC3339Nano), '"')
	}
	w.b = append(w.b, w.lastStamp...)
}

// appendString writes s quoted: as it is when encoding/json would copy it
// unchanged (the usual case), else escaped by encoding/json itself.
func (w *recordJSON) appendString(s string) {
	if plainJSON(s) {
		w.b = append(w.b, '"')
		w.b = append(w.b, s...)
		w.b = append(w.b, '"')
		return
	}
	if w.esc == nil {
		w.esc = json.NewEncoder(&w.buf)
		w.esc.SetEscapeHTML(false)
	}
	w.buf.Reset()
	if err := w.esc.Encode(s); err != nil {
		w.bad = true
		return
	}
	w.b = append(w.b, bytes.TrimSuffix(w.buf.Bytes(), []byte("\n"))...)
}

// plainJSON reports whether encoding/json (HTML escaping off) writes s
// between its quotes unchanged: valid UTF-8 without control characters,
// quotes, backslashes, or the line and paragraph separators it escapes.
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !plainASCII[c] {
			return c >= utf8.RuneSelf && plainRunes(s[i:])
		}
	}
	return true
}

// plainASCII holds the bytes encoding/json copies as they are.
var plainASCII = func() (plain [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		plain[c] = c != '"' && c != '\\'
	}
	return plain
}()

// plainRunes is plainJSON for text beyond ASCII, rune by rune.
func plainRunes(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf && !plainASCII[r] || r == utf8.RuneError || r == '\u2028' || r == '\u2029' {
			return false // an invalid byte, or U+FFFD itself: rare, so left to encoding/json
		}
	}
	return true
}

// coffee writes a kith.Coffee, in its fields' order.
func (w *recordJSON) coffee(c *kith.Coffee) {
	w.open('{')
	w.int("id", c.ID)
	w.string("kind", string(c.Kind))
	w.string("date", c.On.String())
	w.string("place", c.Place)
	w.string("topic", c.Topic)
	w.string("notes", c.Notes)
	w.bool("planned", c.Planned)
	w.string("status", string(c.Status))
	w.key("contacts")
	if c.Contacts == nil {
		w.b = append(w.b, "null"...)
	} else {
		w.open('[')
		for _, p := range c.Contacts {
			w.next()
			w.open('{')
			w.int("id", p.ID)
			w.string("name", p.Name)
			w.close('}')
		}
		w.close(']')
	}
	w.time("created_at", c.CreatedAt)
	w.time("updated_at", c.UpdatedAt)
	w.close('}')
}
