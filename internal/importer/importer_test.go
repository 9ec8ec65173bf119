package importer

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	utf16pkg "unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readAll reads every record of a file, collecting the records and the
// errors (FILE:LINE text) the reader gave on the way.
func readAll(t *testing.T, path string, format Format) (Format, []Record, []string) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	r, got, err := Open(f, filepath.Base(path), format)
	require.NoError(t, err)
	recs, errs := drain(r)
	return got, recs, errs
}

// drain reads r to its end, collecting records and the errors of the
// records it passed over, and stopping at a fatal error.
func drain(r Reader) ([]Record, []string) {
	var recs []Record
	var errs []string
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return recs, errs
		}
		if err != nil {
			errs = append(errs, err.Error())
			if IsFatal(err) {
				return recs, errs
			}
			continue
		}
		recs = append(recs, rec)
	}
}

// want is what a test expects of one record; empty fields are not checked
// unless listed in exact.
type want struct {
	line                      int
	name, company, title      string
	emails, phones, tags      []string
	birthday, linkedin, notes string
	skip, target              string
	dropped                   []string // "LINE: message" of each field left out
}

func check(t *testing.T, w want, r Record) {
	t.Helper()
	c := r.Contact
	if w.line != 0 {
		assert.Equal(t, w.line, r.Line, "line of %s", w.name)
	}
	assert.Equal(t, w.skip, r.Skip)
	assert.Equal(t, w.target, r.Target)
	assert.Equal(t, w.dropped, notes(r.Dropped), "fields dropped from %s", w.name)
	if w.skip != "" {
		return
	}
	assert.Equal(t, w.name, c.Name)
	assert.Equal(t, w.company, c.Company, "company of %s", w.name)
	assert.Equal(t, w.title, c.Title, "title of %s", w.name)
	assert.Equal(t, w.emails, nilIfEmpty(c.Emails), "emails of %s", w.name)
	assert.Equal(t, w.phones, nilIfEmpty(c.Phones), "phones of %s", w.name)
	assert.Equal(t, w.tags, nilIfEmpty(c.Tags), "tags of %s", w.name)
	assert.Equal(t, w.birthday, c.Birthday, "birthday of %s", w.name)
	assert.Equal(t, w.linkedin, c.LinkedInURL, "linkedin of %s", w.name)
	if w.notes != "" {
		assert.Equal(t, w.notes, c.Notes, "notes of %s", w.name)
	}
}

// notes writes each note as "LINE: message", nil for none.
func notes(ns []Note) []string {
	var out []string
	for _, n := range ns {
		out = append(out, fmt.Sprintf("%d: %s", n.Line, n.Msg))
	}
	return out
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

func TestFixtures(t *testing.T) {
	tests := []struct {
		file   string
		format Format
		want   []want
		errs   []string
	}{
		{"linkedin_connections.csv", LinkedIn, []want{
			{line: 5, name: "Ana Lima", company: "Lima Law", title: "Partner", emails: []string{"ana@lima.law"}, linkedin: "https://www.linkedin.com/in/analima"},
			{line: 6, name: "Bo Chen", company: "Chen, Wu & Partners LLP", title: "Director, Tax", linkedin: "https://www.linkedin.com/in/bo-chen-4a1b2c"},
			{line: 7, name: "Carla Mendes, CPA", company: "Mendes Accounting", title: "Owner", linkedin: "https://www.linkedin.com/in/carlamendes"},
			{line: 8, name: `"Bobby" Robert Tables`, company: `=HYPERLINK("http://x")`, title: "Student", emails: []string{"bobby@example.org"}, linkedin: "https://www.linkedin.com/in/bobbytables"},
			{line: 9, name: "Zoë Ångström", linkedin: "https://www.linkedin.com/in/zoe-angstrom"},
		}, nil},
		{"linkedin_bad.csv", LinkedIn, []want{
			{name: "Ana Lima", company: "Lima Law", title: "Partner", emails: []string{"ana@lima.law"}, linkedin: "https://www.linkedin.com/in/analima"},
			{name: "Dee Ortiz", company: "Ortiz Build", title: "Owner", linkedin: "https://www.linkedin.com/in/dee-ortiz",
				dropped: []string{`6: first email "dee-at-example.org" is not an address`}},
			{name: "Eli Park", company: "Park Realty", title: "Agent", linkedin: "https://www.linkedin.com/in/elipark",
				dropped: []string{`7: Connected On "31 Foo 2020" is not a date`}},
			{name: "Fay Quinn", company: "Quinn & Co", title: "CEO", linkedin: "https://www.linkedin.com/in/fayquinn"},
		}, nil},
		{"google_contacts.csv", Google, []want{
			{line: 2, name: "Ana Maria Lima", company: "Lima Law", title: "Partner", emails: []string{"ana@lima.law", "ana@home.net"},
				phones: []string{"+1 555-0100", "(555) 0101"}, tags: []string{"Lawyers", "BNI"}, birthday: "1980-03-15",
				linkedin: "https://www.linkedin.com/in/analima", notes: "Met at BNI.\nLikes tea."},
			{name: "Dee Ortiz", company: "Ortiz Build", title: "Owner", emails: []string{"dee@ortizbuild.com"}, phones: []string{"+1 555 0199"}, tags: []string{"Contractors"}, birthday: "--05-04"},
			{name: "Acme Plumbing", company: "Acme Plumbing", emails: []string{"office@acmeplumbing.example"}, phones: []string{"555-0133"}},
		}, nil},
		{"google_legacy.csv", Google, []want{
			{name: "Gil Santos", company: "Santos Realty", title: "Broker", emails: []string{"gil@santos-realty.example", "gil.santos@mail.example"},
				phones: []string{"+1 555 0142", "+1 555 0143"}, tags: []string{"Realtors"}, birthday: "1975-11-02", notes: "Realtor in the north end"},
			{name: "Hana Ito", emails: []string{"hana@ito.example"}, tags: []string{"Friends", "Golf"}},
		}, nil},
		{"outlook_contacts.csv", Outlook, []want{
			{line: 2, name: "Ivan Petrov", company: "Petrov IT, Inc.", title: "IT Director", emails: []string{"ivan@petrov-it.example"},
				phones: []string{"+1 555 010 9900", "+1 (555) 010-7788"}, birthday: "1980-03-15", linkedin: "https://www.linkedin.com/in/ivanpetrov", notes: "Wants a quote\nfor Q3"},
			{name: "Jo Kim", company: "Kim Bakery", title: "Owner", emails: []string{"jo.kim@example.com", "JO.KIM@home.example"}},
		}, nil},
		{"phone_v21.vcf", VCard, []want{
			{line: 1, name: "Jürgen Müller", company: "Bäckerei Müller", emails: []string{"juergen@mueller.example"},
				phones: []string{"+49 170 1234567", "+49 30 1234567"}, notes: "First line\nsecond line that is long enough to need a softbreak= ok"},
			{name: "Kai Lopez", phones: []string{"555-0177"}},
		}, nil},
		{"apple_v30.vcf", VCard, []want{
			{line: 1, name: "Lena Nakamura", company: "Nakamura, Reyes & Co.", title: "Senior Partner",
				emails: []string{"lena@nakamura-reyes.example", "l.nakamura@corp.example"}, phones: []string{"+1 (555) 013-4455"},
				tags: []string{"Accountants", "Referral partners"}, birthday: "--03-15", linkedin: "https://www.linkedin.com/in/lenanakamura",
				notes: "Met at the Chamber lunch; wants intros to lawyers, esp. estate.\nCall in May."},
			{skip: "not a person (KIND:group)"},
			{name: "Sean Patrick O'Brien", company: "O'Brien Builders", emails: []string{"sean@obrien-builders.example"}, phones: []string{"+1 555 0188"},
				notes: "This note is long enough that the exporter folded it across two lines, as RFC 6350 says."},
		}, nil},
		{"contacts_v40.vcf", VCard, []want{
			{name: "Priya Raman", company: "Raman Architects", title: "Principal", emails: []string{"priya.raman@mail.example", "priya@raman-arch.example"},
				phones: []string{"+1-555-012-3456"}, tags: []string{"architects", "clients"}, birthday: "1988-07-04"},
			{skip: "not a person (KIND:org)", target: "Globex Corporation"},
			{skip: "not a person (KIND:location)"},
		}, nil},
		{"contacts_bad.vcf", VCard, []want{
			{name: "Quinn Fay", emails: []string{"quinn@fay.example"}},
			{name: "Rex Broken", dropped: []string{`9: first email "rex(at)broken.example" is not an address`}},
			{name: "Sue Fine"},
		}, nil},
		{"kith.csv", CSV, []want{
			{name: "Tara Nguyen", company: "Nguyen Law", title: "Partner", emails: []string{"tara@nguyen.law", "tara@home.example"},
				phones: []string{"+1 555 0111"}, tags: []string{"bni", "golf"}, birthday: "1982-06-01", linkedin: "https://www.linkedin.com/in/taranguyen", notes: `likes "strong" tea`},
			{name: "Uma Patel", company: "Patel Builders", birthday: "--12-24"},
		}, nil},
		{"kith.json", JSON, []want{
			{line: 2, name: "Wes Young", company: "Young & Sons", title: "CFO", emails: []string{"wes@young.example"}, phones: []string{"+1 555 0122"}, tags: []string{"golf"}},
			{line: 34, name: "Xia Zhu", company: "Zhu Realty", emails: []string{"xia@zhu.example"}},
		}, nil},
		{"kith_bad.json", JSON, []want{
			{name: "Yan Ali", emails: []string{"yan@ali.example"}},
			{name: "Zed", dropped: []string{`3: emails should be a list of text, e.g. ["a@example.com"], not string`}},
			{name: "Abe Cole"},
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			format, recs, errs := readAll(t, filepath.Join("..", "..", "testdata", "import", tt.file), Auto)
			assert.Equal(t, tt.format, format, "detected format")
			assert.Equal(t, tt.errs, errs)
			require.Len(t, recs, len(tt.want))
			for i, w := range tt.want {
				check(t, w, recs[i])
			}
		})
	}
}

func TestKithCSVFields(t *testing.T) {
	_, recs, errs := readAll(t, filepath.Join("..", "..", "testdata", "import", "kith.csv"), CSV)
	require.Empty(t, errs)
	c := recs[0].Contact
	assert.Equal(t, "lawyer", c.Category)
	assert.Equal(t, "lead", string(c.Stage))
	assert.Equal(t, "BNI breakfast", c.MetAt)
	assert.Equal(t, "new office", c.Topic)
	assert.Equal(t, "send seminar invite", c.Idea)
	require.NotNil(t, c.CadenceDays)
	assert.Equal(t, 30, *c.CadenceDays)
	assert.Equal(t, []string{"+1 555 0111"}, c.Phones, "the ' that guards a formula is taken off")
}

func TestBadHeaders(t *testing.T) {
	tests := []struct {
		name, input string
		format      Format
		err         string
	}{
		{"unknown kith columns", "name,emails,favourite_colour,shoe_size\nVic,,blue,42\n", Auto,
			`f.csv:1: unknown column "favourite_colour", "shoe_size"`},
		{"a kith column twice", "name,emails,company,emails\nVic,v@example.com,Acme,w@example.com\n", Auto,
			`f.csv:1: column "emails" appears twice`},
		{"linkedin without header", "\uFEFFNotes:\r\n\"x\"\r\n\r\n", LinkedIn, "f.csv: no header row found"},
		{"not a known format", "hello world\n", Auto, "f.csv: cannot tell what format this file is"},
		{"semicolons", "name;emails\nVic;v@example.com\n", Auto,
			"f.csv: cannot tell what format this file is: its columns are separated by ';', and kith reads CSV separated by ','"},
		{"tabs", "name\temails\nVic\tv@example.com\n", Auto,
			"f.csv: cannot tell what format this file is: its columns are separated by tabs, and kith reads CSV separated by ','"},
		{"empty", "", Auto, "f.csv: cannot tell what format this file is"},
		{"only blank lines", "\ufeff\n\r\n", Auto, "f.csv: cannot tell what format this file is: it is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Open(strings.NewReader(tt.input), "f.csv", tt.format)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.err)
		})
	}
}

func TestVCardEdges(t *testing.T) {
	big := strings.Repeat("QUFBQUFB", 1<<17) // 1 MiB of base64 on one line
	tests := []struct {
		name, input string
		want        []want
		errs        []string
	}{
		{"huge unfolded photo is skipped", "BEGIN:VCARD\nVERSION:3.0\nFN:Big Photo\nPHOTO;ENCODING=b;TYPE=JPEG:" + big + "\nEMAIL:big@photo.example\nEND:VCARD\n",
			[]want{{name: "Big Photo", emails: []string{"big@photo.example"}}}, nil},
		{"missing END", "BEGIN:VCARD\nVERSION:3.0\nFN:Half\n", nil, []string{"f.vcf:1: card has no END:VCARD"}},
		{"text outside a card", "hello\nBEGIN:VCARD\nFN:Ok\nEND:VCARD\n", []want{{name: "Ok"}}, []string{"f.vcf:1: not a vCard line (no NAME:VALUE)"}},
		{"card without a name", "BEGIN:VCARD\nVERSION:4.0\nNOTE:nobody\nEND:VCARD\n", nil, []string{"f.vcf:1: no name, company, email or phone"}},
		{"name from N without FN", "BEGIN:VCARD\nVERSION:3.0\nN:Doe;Jane;Q.;Dr.;PhD\nEND:VCARD\n", []want{{name: "Jane Q. Doe"}}, nil},
		{"bad birthday", "BEGIN:VCARD\nFN:Bea\nBDAY:sometime\nEND:VCARD\n",
			[]want{{name: "Bea", dropped: []string{`3: birthday "sometime" is not a date (write YYYY-MM-DD, or MM-DD when you do not know the year)`}}}, nil},
		{"escapes", `BEGIN:VCARD` + "\n" + `FN:A\,B\;C\\D` + "\n" + `CATEGORIES:x\,y,z` + "\nEND:VCARD\n", []want{{name: `A,B;C\D`, tags: []string{"x,y", "z"}}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _, err := Open(strings.NewReader(tt.input), "f.vcf", VCard)
			require.NoError(t, err)
			recs, errs := drain(r)
			assert.Equal(t, tt.errs, errs)
			require.Len(t, recs, len(tt.want))
			for i, w := range tt.want {
				check(t, w, recs[i])
			}
		})
	}
}

func TestParseBirthday(t *testing.T) {
	for in, out := range map[string]string{
		"1980-03-15": "1980-03-15", "19800315": "1980-03-15", "--0315": "--03-15", "--03-15": "--03-15",
		"3/15/1980": "1980-03-15", "15/3/1980": "1980-03-15", "3/3/1980": "1980-03-03", "0/0/00": "", "00/0/0": "",
		"": "", "1985-04-15T00:00:00Z": "1985-04-15", "1604-02-29": "--02-29", "15.03.1980": "1980-03-15",
		"6-Feb-26": "2026-02-06", "6-Feb-75": "1975-02-06", "06 Feb 2026": "2026-02-06", "Feb 6, 2026": "2026-02-06",
		"6 September 2001": "2001-09-06", "1980/3/15": "1980-03-15",
	} {
		got, err := parseBirthday(in)
		require.NoError(t, err, in)
		assert.Equal(t, out, got, in)
	}
	for bad, msg := range map[string]string{
		"1980-02-30": "is not a date", "--1399": "is not a date", "soon": "is not a date",
		"15/15/1980": "is not a date", "1604-02-30": "is not a date", "0000-01-01": "is not a date",
		"2/6/2026": "could be 6 February or 2 June", "6-Foo-26": "is not a date", "31.02.2026": "is not a date",
	} {
		_, err := parseBirthday(bad)
		if assert.Error(t, err, bad) {
			assert.Contains(t, err.Error(), `"`+bad+`" `+msg, "the error names the value as written")
		}
	}
}

func TestNeutralizeRestore(t *testing.T) {
	for _, v := range []string{"=1+1", "+1 555", "-x", "@home", "\t=1", "\rx", "plain", "'quoted", "", "'=kept"} {
		assert.Equal(t, v, Restore(Neutralize(v)), v)
	}
	assert.Equal(t, "'=SUM(A1)", Neutralize("=SUM(A1)"))
	assert.Equal(t, "'\t=SUM(A1)", Neutralize("\t=SUM(A1)"), "OWASP: a leading TAB")
	assert.Equal(t, "'\r=SUM(A1)", Neutralize("\r=SUM(A1)"), "OWASP: a leading CR")
	assert.Equal(t, "plain", Neutralize("plain"))
}

func TestCSVListEscapes(t *testing.T) {
	for _, vals := range [][]string{
		{"a;b"},
		{"a;b", "c"},
		{`back\slash`, `end\`, `\;`},
		{"plain", "two words"},
	} {
		assert.Equal(t, vals, splitCSVList(joinList(vals)), "%q", vals)
	}
	// written by hand or by older versions: a lone backslash stays
	assert.Equal(t, []string{`a\b`, "c"}, splitCSVList(`a\b; c`))
	assert.Nil(t, splitCSVList(" ; "))
}

// utf16 encodes s as UTF-16 with a byte order mark, as Windows programs
// save "Unicode" text.
func utf16(s string, bigEndian bool) []byte {
	out := []byte{0xFF, 0xFE}
	if bigEndian {
		out = []byte{0xFE, 0xFF}
	}
	for _, u := range utf16pkg.Encode([]rune(s)) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func TestUTF16WithBOM(t *testing.T) {
	files := map[string]string{
		"google": "Name,Given Name,Family Name,E-mail 1 - Value\r\nJosé Ñúñez,José,Ñúñez,jose@example.com\r\n",
		"vcard":  "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:José Ñúñez 👩‍👩‍👧\r\nEMAIL:jose@example.com\r\nEND:VCARD\r\n",
		"csv":    "name,emails\nJosé Ñúñez,jose@example.com\n",
	}
	for name, text := range files {
		for _, be := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s big endian %v", name, be), func(t *testing.T) {
				r, format, err := Open(bytes.NewReader(utf16(text, be)), "u16", Auto)
				require.NoError(t, err)
				assert.Equal(t, Format(name), format)
				recs, errs := drain(r)
				assert.Empty(t, errs)
				require.Len(t, recs, 1)
				assert.True(t, strings.HasPrefix(recs[0].Contact.Name, "José Ñúñez"), recs[0].Contact.Name)
				assert.Equal(t, []string{"jose@example.com"}, recs[0].Contact.Emails)
			})
		}
	}
}

func TestJSONAfterTheArray(t *testing.T) {
	tests := []struct {
		name, text string
		errs       []string
	}{
		{"white space", "[{\"name\":\"Ana\"}]\n\n  \n", nil},
		{"a second array", "[{\"name\":\"Ana\"}]\n[{\"name\":\"Bo\"}]\n", []string{"f.json:2: more after the end of the array of contacts (two files joined?); import one array at a time"}},
		{"garbage", "[{\"name\":\"Ana\"}] trailing", []string{"f.json:1: more after the end of the array of contacts (two files joined?); import one array at a time"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _, err := Open(strings.NewReader(tt.text), "f.json", JSON)
			require.NoError(t, err)
			recs, errs := drain(r)
			assert.Len(t, recs, 1)
			assert.Equal(t, tt.errs, errs)
		})
	}
}
