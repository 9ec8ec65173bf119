package importer_test

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"unicode/utf8"

	"github.com/kith-crm/kith/internal/importer"
)

// drain drains a reader the way an import with --skip-invalid does,
// failing when it panics (the fuzz engine catches that), goes backwards or
// never ends: every record or error must move through the input.
func drain(t *testing.T, data []byte, format importer.Format) {
	r, _, err := importer.Open(bytes.NewReader(data), "fuzz.in", format)
	if err != nil {
		return
	}
	limit := len(data) + 16 // no file holds more records than bytes
	last := 0
	for i := 0; ; i++ {
		if i > limit {
			t.Fatalf("%s reader yields more than %d records from %d bytes: it does not end", format, limit, len(data))
		}
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			if importer.IsFatal(err) {
				return
			}
			if !utf8.ValidString(err.Error()) {
				t.Fatalf("%s reader: error message is not UTF-8: %q", format, err.Error())
			}
			continue
		}
		if rec.Line < last || rec.Line < 1 {
			t.Fatalf("%s reader: record on line %d after line %d", format, rec.Line, last)
		}
		last = rec.Line
	}
}

func fuzzFormat(f *testing.F, format importer.Format, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		drain(t, data, format)
	})
}

func FuzzCSV(f *testing.F) {
	fuzzFormat(f, importer.CSV,
		"name,emails,tags\nAna Lima,ana@example.com;a@b.c,bni;golf\n",
		"name,company\n\"Smith, Jones\",\"a \"\"quoted\"\" co\"\n")
}

func FuzzLinkedIn(f *testing.F) {
	fuzzFormat(f, importer.LinkedIn,
		"\uFEFFNotes:\r\n\"Some emails are missing.\"\r\n\r\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"+
			"Ana,Lima,https://www.linkedin.com/in/ana,,\"Lima, Advogados\",Partner,12 Mar 2024\r\n")
}

func FuzzGoogle(f *testing.F) {
	fuzzFormat(f, importer.Google,
		"First Name,Middle Name,Last Name,E-mail 1 - Value,Labels\nAna,,Lima,ana@example.com ::: a@b.c,* myContacts ::: BNI\n",
		"Name,Given Name,Family Name,E-mail 1 - Value,Group Membership\nAna Lima,Ana,Lima,ana@example.com,* My Contacts\n")
}

func FuzzVCard(f *testing.F) {
	fuzzFormat(f, importer.VCard,
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nEMAIL;TYPE=work:ana@example.com\r\nCATEGORIES:bni,golf\r\nBDAY:--0315\r\nEND:VCARD\r\n",
		"BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Lim=C3=A1;Ana\nFN:Ana\n  Lima\nitem1.EMAIL:a@b.c\nEND:VCARD\n",
		"BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:Acme\nEND:VCARD\n")
}

func FuzzJSON(f *testing.F) {
	fuzzFormat(f, importer.JSON, `[{"name":"Ana Lima","emails":["ana@example.com"],"tags":["bni"],"stage":"lead"}]`, `[{"name":`)
}

func FuzzAuto(f *testing.F) {
	fuzzFormat(f, importer.Auto, `[{"name":"Ana Lima","emails":["ana@example.com"]}]`, "BEGIN:VCARD\n", "name\nAna\n")
}
