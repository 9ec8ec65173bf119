package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/kith-crm/kith/internal/kith"
)

// jsonContact is one element of the array `kith contact list --json`
// prints. Keys kith computes (id, last_contact, timestamps) are accepted
// and ignored; any other key is an error, as in kith CSV.
type jsonContact struct {
	ID            json.RawMessage `json:"id"`
	Name          string          `json:"name"`
	Email         string          `json:"email"`
	Emails        []string        `json:"emails"`
	Phone         string          `json:"phone"`
	Phones        []string        `json:"phones"`
	Company       string          `json:"company"`
	Title         string          `json:"title"`
	Category      string          `json:"category"`
	Tags          []string        `json:"tags"`
	Stage         string          `json:"stage"`
	Advocacy      string          `json:"advocacy"`
	AdvocacySet   *bool           `json:"advocacy_set"`
	MetAt         string          `json:"met_at"`
	Topic         string          `json:"topic"`
	Idea          string          `json:"idea"`
	CadenceDays   *int            `json:"cadence_days"`
	LinkedInURL   string          `json:"linkedin_url"`
	Birthday      string          `json:"birthday"`
	Anniversaries []string        `json:"anniversaries"`
	Source        string          `json:"source"`
	LastContact   json.RawMessage `json:"last_contact"`
	Notes         string          `json:"notes"`
	CreatedAt     json.RawMessage `json:"created_at"`
	UpdatedAt     json.RawMessage `json:"updated_at"`
}

// jsonReader walks a JSON array one element at a time.
type jsonReader struct {
	guesses
	dec     *json.Decoder
	lines   *lineCounter
	name    string
	started bool
	done    bool
}

func newJSONReader(r io.Reader, name string) *jsonReader {
	lc := &lineCounter{r: r}
	return &jsonReader{dec: json.NewDecoder(lc), lines: lc, name: name}
}

// Next decodes the next element of the array.
func (jr *jsonReader) Next() (Record, error) {
	if jr.done {
		return Record{}, io.EOF
	}
	if !jr.started {
		jr.started = true
		tok, err := jr.dec.Token()
		if d, ok := tok.(json.Delim); err != nil || !ok || d != '[' {
			return Record{}, fatalf(jr.name, jr.lines.lineAt(jr.dec.InputOffset()), "expected a JSON array of contacts, as kith contact list --json prints")
		}
	}
	if !jr.dec.More() {
		jr.done = true
		if _, err := jr.dec.Token(); err != nil {
			return Record{}, fatalf(jr.name, jr.lines.lineAt(jr.dec.InputOffset()), "the array of contacts is not closed: %s", jsonProblem(err))
		}
		// Anything but white space after the array (a second array, from
		// two files joined with cat) would otherwise be dropped unread.
		after := jr.dec.InputOffset() + leadingSpace(jr.dec.Buffered())
		if _, err := jr.dec.Token(); err != io.EOF {
			return Record{}, fatalf(jr.name, jr.lines.lineAt(after),
				"more after the end of the array of contacts (two files joined?); import one array at a time")
		}
		return Record{}, io.EOF
	}
	var raw json.RawMessage
	if err := jr.dec.Decode(&raw); err != nil {
		jr.done = true
		return Record{}, fatalf(jr.name, jr.lines.lineAt(jr.dec.InputOffset()), "%s", jsonProblem(err))
	}
	line := jr.lines.lineAt(jr.dec.InputOffset()) - bytes.Count(raw, []byte("\n"))
	rec := Record{Line: line}
	// Checked before decoding, which would replace such bytes with U+FFFD.
	if !utf8.Valid(raw) {
		return rec, lineErrorf(jr.name, line, "%s", message(notUTF8Key(raw)))
	}
	jc, d, err := decodeContact(raw, line)
	if err != nil {
		return rec, lineErrorf(jr.name, line, "%s", err)
	}
	if jc.CadenceDays != nil && *jc.CadenceDays <= 0 {
		d.add(line, "cadence_days", "cadence_days %d is not a positive number of days", *jc.CadenceDays)
		jc.CadenceDays = nil
	}
	if jc.Advocacy != "" {
		a, err := kith.ParseAdvocacy(jc.Advocacy)
		if err != nil {
			d.add(line, "advocacy", "%s", message(err))
		}
		jc.Advocacy = string(a)
	}
	rec.Contact = jc.contact()
	if rec.Contact.Birthday, err = parseBirthday(jc.Birthday); err != nil {
		d.add(line, "birthday", "%s", message(err))
	}
	if err := setAnniversaries(&rec.Contact, jc.Anniversaries); err != nil {
		d.add(line, "anniversaries", "%s", message(err))
	}
	rec.Dropped = d
	if err := salvage(&rec, line); err != nil {
		return rec, lineErrorf(jr.name, line, "%s", message(err))
	}
	return rec, nil
}

// decodeContact decodes one element. A key whose value is of the wrong
// kind is dropped, and the rest kept; a key kith does not know is an
// error, as an unknown column is in kith CSV.
func decodeContact(raw json.RawMessage, line int) (jsonContact, drops, error) {
	var jc jsonContact
	if err := strictDecode(raw, &jc); err == nil {
		return jc, nil, nil
	} else if !errors.As(err, new(*json.UnmarshalTypeError)) {
		return jc, nil, errors.New(jsonProblem(err))
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return jc, nil, errors.New(jsonProblem(err))
	}
	var d drops
	for k, v := range fields {
		one, _ := json.Marshal(map[string]json.RawMessage{k: v})
		if err := strictDecode(one, &jc); err != nil {
			if !errors.As(err, new(*json.UnmarshalTypeError)) {
				return jc, nil, errors.New(jsonProblem(err))
			}
			d.add(line, k, "%s", jsonProblem(err))
		}
	}
	sort.Slice(d, func(i, j int) bool { return d[i].Field < d[j].Field })
	return jc, d, nil
}

// strictDecode decodes raw into v, refusing keys v does not have.
func strictDecode(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

func (jc jsonContact) contact() kith.Contact {
	c := kith.Contact{
		Name: jc.Name, Company: jc.Company, Title: jc.Title, Category: jc.Category, Tags: jc.Tags,
		Stage: kith.Stage(jc.Stage), MetAt: jc.MetAt, Topic: jc.Topic, Idea: jc.Idea, CadenceDays: jc.CadenceDays,
		LinkedInURL: jc.LinkedInURL, Source: firstOf(jc.Source, "import:json"), Notes: jc.Notes,
	}
	c.Emails = appendNew(prependNew(nil, jc.Email), jc.Emails...)
	c.Phones = appendNew(prependNew(nil, jc.Phone), jc.Phones...)
	// Without advocacy_set the level was derived, so it is not the user's.
	if jc.AdvocacySet != nil && *jc.AdvocacySet && jc.Advocacy != "" {
		c.Advocacy, c.AdvocacySet = kith.Advocacy(jc.Advocacy), true
	}
	return c
}

// lineCounter counts the lines of what passes through it, so a position
// the JSON decoder reports can be turned into a line number. It keeps only
// the line ends not yet asked about, which the decoder's read-ahead bounds.
type lineCounter struct {
	r      io.Reader
	offset int64   // bytes read so far
	ends   []int64 // offsets of '\n' not yet passed
	passed int     // line ends before the last position asked about
}

func (lc *lineCounter) Read(p []byte) (int, error) {
	n, err := lc.r.Read(p)
	for i := 0; i < n; {
		j := bytes.IndexByte(p[i:n], '\n')
		if j < 0 {
			break
		}
		lc.ends = append(lc.ends, lc.offset+int64(i+j))
		i += j + 1
	}
	lc.offset += int64(n)
	return n, err
}

// lineAt returns the 1-based line of offset; offsets must not go back.
func (lc *lineCounter) lineAt(offset int64) int {
	k := 0
	for k < len(lc.ends) && lc.ends[k] < offset {
		k++
	}
	lc.passed += k
	lc.ends = lc.ends[k:]
	return lc.passed + 1
}

// notUTF8Key is the error for a JSON element that is not UTF-8, naming the
// key whose value holds the bad bytes when it can tell.
func notUTF8Key(raw []byte) error {
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) == nil {
		for k, v := range fields {
			if !utf8.Valid(v) {
				return notUTF8(k, strings.Trim(string(v), `"`))
			}
		}
	}
	return notUTF8("entry", string(raw))
}

// jsonKinds words the Go types of jsonContact's fields for a person.
var jsonKinds = map[string]string{
	"string": `text in quotes, e.g. "Acme"`, "[]string": `a list of text, e.g. ["a@example.com"]`,
	"int": "a whole number, e.g. 30", "*int": "a whole number, e.g. 30", "*bool": "true or false",
}

// jsonProblem words an encoding/json error for a person: which key has
// the wrong kind of value and what it should be, or that the file was cut
// short, instead of Go's type names and a bare EOF.
func jsonProblem(err error) string {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te):
		want, ok := jsonKinds[te.Type.String()]
		if !ok {
			want = te.Type.String()
		}
		if te.Field == "" {
			return "each entry should be an object of contact fields, e.g. {\"name\": \"Ana Lima\"}"
		}
		field := te.Field
		if te.Type.Kind() == reflect.String && (field == "emails" || field == "phones" || field == "tags") {
			field = "each of " + field
		}
		return fmt.Sprintf("%s should be %s, not %s", field, want, te.Value)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "the file ends in the middle of an entry (was it cut short?)"
	case errors.As(err, &se):
		return "not valid JSON: " + se.Error()
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// leadingSpace returns how many bytes of white space r starts with.
func leadingSpace(r io.Reader) int64 {
	b, _ := io.ReadAll(r)
	return int64(len(b) - len(bytes.TrimLeft(b, " \t\r\n")))
}
