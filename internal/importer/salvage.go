package importer

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/kith-crm/kith/internal/clip"
	"github.com/kith-crm/kith/internal/kith"
)

// drops collects the fields of one entry that are left out, with why.
// Readers add to it as they map fields; the line is set by whoever knows
// it (a CSV row's, a vCard property's).
type drops []Note

// add notes a field left out at line.
func (d *drops) add(line int, field, format string, args ...any) {
	*d = append(*d, Note{Line: line, Field: field, Msg: fmt.Sprintf(format, clip.Args(format, args)...)})
}

// salvage checks what a reader made of an entry and keeps what it can.
// Text that is not UTF-8 (after the reader's decoding) or holds a control
// character, an email that is not an address and a stage kith does not
// know are left out and noted in
// rec.Dropped at line: one unusable field does not lose the person. The
// entry is an error only when nothing is left to name it: no name,
// company, email or phone.
func salvage(rec *Record, line int) error {
	c := &rec.Contact
	d := (*drops)(&rec.Dropped)
	c.Emails = keepGood(c.Emails, d, line, "email", emailProblem)
	dropBadText(c, d, line)
	if c.Stage != "" {
		st, err := kith.ParseStage(string(c.Stage))
		if err != nil {
			d.add(line, "stage", "%s", message(err))
		}
		c.Stage = st
	}
	c.Name = strings.Join(strings.Fields(c.Name), " ")
	if c.Name == "" {
		var phone string
		if len(c.Phones) > 0 {
			phone = c.Phones[0]
		}
		c.Name = strings.Join(strings.Fields(firstOf(c.Company, first(c.Emails), phone)), " ")
	}
	if c.Name == "" {
		return kith.Errorf(kith.Invalid, "no name, company, email or phone")
	}
	return nil
}

// printableASCII reports whether s is all ASCII without control
// characters (TAB aside).
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\t') || c >= 0x7f {
			return false
		}
	}
	return true
}

// ordinal words the position of a value among several: "second email".
func ordinal(n int) string {
	words := []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
	if n >= 1 && n <= len(words) {
		return words[n-1]
	}
	return fmt.Sprintf("%dth", n)
}

// dropBadText leaves out the text fields of c that are not valid UTF-8
// or that hold a control character kith refuses (kith.CheckText; a note's
// CR LF is its line break). Readers decode what a file declares or what
// they can guess, so such text is left out rather than replaced: the user
// learns which line of which file to look at instead of finding it
// altered.
func dropBadText(c *kith.Contact, d *drops, line int) {
	c.Notes = kith.NoteText(c.Notes)
	for _, f := range []struct {
		name string
		v    *string
	}{
		{"name", &c.Name}, {"company", &c.Company}, {"title", &c.Title}, {"category", &c.Category},
		{"met_at", &c.MetAt}, {"topic", &c.Topic}, {"idea", &c.Idea}, {"linkedin_url", &c.LinkedInURL},
		{"birthday", &c.Birthday}, {"source", &c.Source}, {"notes", &c.Notes},
	} {
		if *f.v == "" {
			continue
		}
		if problem := badText(f.name, *f.v); problem != "" {
			d.add(line, f.name, "%s", problem)
			*f.v = ""
		}
	}
	for _, l := range []struct {
		name string
		vs   *[]string
	}{{"email", &c.Emails}, {"phone", &c.Phones}, {"tag", &c.Tags}} {
		*l.vs = keepGood(*l.vs, d, line, l.name, textProblem)
	}
}

// badText says what is wrong with the text of a field, or "".
func badText(field, v string) string {
	if printableASCII(v) {
		return "" // most text: one pass over its bytes, nothing else
	}
	if !utf8.ValidString(v) {
		return fmt.Sprintf("the %s %q is not valid UTF-8 text", field, clip.String(v))
	}
	if kith.CheckText(field, v, field == "notes") == nil {
		return "" // the common case: no words built for it
	}
	return message(kith.CheckText("the "+field, v, field == "notes"))
}

// keepGood returns the values of vs, trimmed, that are not blank and in
// which problem (given each one's index in vs) finds nothing wrong; the
// others are noted in d. When every value is kept as it is, vs itself is
// returned: most records lose nothing, and allocate nothing for it.
func keepGood(vs []string, d *drops, line int, field string, problem func(i int, field, v string) string) []string {
	var out []string
	changed := false
	for i, v := range vs {
		t := strings.TrimSpace(v)
		p := ""
		if t != "" {
			p = problem(i, field, t)
		}
		if p != "" {
			d.add(line, field, "%s", p)
		}
		ok := t != "" && p == ""
		if (!ok || t != v) && !changed {
			changed = true
			out = append(make([]string, 0, len(vs)), vs[:i]...)
		}
		if ok && changed {
			out = append(out, t)
		}
	}
	if !changed {
		return vs
	}
	return out
}

// emailProblem says why the i-th email is not an address, or "".
func emailProblem(i int, _, e string) string {
	if kith.ValidateEmail(e) != nil {
		return fmt.Sprintf("%s email %q is not an address", ordinal(i+1), clip.String(e))
	}
	return ""
}

// textProblem is badText for keepGood.
func textProblem(_ int, field, v string) string { return badText(field, v) }
